"""Policy items for tests (library): a draft with its claim guide, written by the department's staff."""

from __future__ import annotations

from typing import Any

from hrbureau.policies import library

GUIDE = {
    "guide_materials": "营业执照复印件；社保缴费清单",
    "guide_steps": "线上提交 → 审核 → 拨付",
    "guide_where": "区政务服务中心3号窗口，工作日 9:00–17:00",
    "guide_contact": "0571-12345678",
}


def make_item(actor: Any, number: str = "T-1", **values: Any) -> Any:
    fields: dict[str, Any] = {"number": number, "title": f"测试政策 {number}", **GUIDE}
    fields.update(values)
    return library.item_create(actor=actor, **fields)


def published_item(world: Any, number: str = "T-P", **values: Any) -> Any:
    item = make_item(world.users["dept_staff"], number, **values)
    library.item_review(actor=world.users["dept_head"], item=item)
    library.item_publish(actor=world.users["dept_head"], item=item)
    return item


# --- rows of the library's declared lists, for hrbureau/tests/test_declared_lists.py -----------------

NEAR_MISS_CONDITION = {
    "all": [
        {"field": "employees", "op": "gte", "value": 10},
        {"field": "size_class", "op": "in", "value": ["small", "micro"]},
    ]
}


def _staff() -> Any:
    from hrbureau.accounts.models import User

    return User.objects.get(username="dept_staff")


def near_miss_item() -> Any:
    """The item whose near misses the declared-lists tests walk (made once)."""
    from hrbureau.policies.models import PolicyItem

    item = PolicyItem.objects.filter(number="NM-1").first()
    return item or make_item(_staff(), "NM-1", eligibility=NEAR_MISS_CONDITION)


def near_miss_url() -> str:
    return f"/policies/items/{near_miss_item().pk}/near-misses/0/"


def near_miss_samples() -> list[str]:
    item = near_miss_item()
    return [f"{item.pk}.0", f"{item.pk}.1"]


def near_miss_kept(value: str, enterprise: Any) -> bool:
    """Whether the enterprise fails only the condition ``value`` names, by the Python evaluation."""
    from hrbureau.core import rules
    from hrbureau.policies.models import PolicyItem
    from hrbureau.policies.rules import ENTERPRISE_SUBJECT

    item_id, index = (int(part) for part in value.split("."))
    condition = rules.validate(ENTERPRISE_SUBJECT, PolicyItem.objects.get(pk=item_id).eligibility)
    return rules.near_miss_python(ENTERPRISE_SUBJECT, condition, enterprise) == index


def corpus_rows(world: Any, rng: Any) -> None:
    """Documents, packages and items varied in every filtered column, and the near-miss item."""
    from hrbureau.policies.models import PolicyDocument, PolicyItem, PolicyPackage

    staff = world.users["dept_staff"]
    documents = [
        PolicyDocument.objects.create(title=f"政策文件{n}", doc_number=f"区发〔2026〕{n}号") for n in range(3)
    ]
    packages = [
        PolicyPackage.objects.create(
            code=f"pkg-{n}", name=f"政策包{n}", document=documents[n % 3], announced_items=n
        )
        for n in range(3)
    ]
    departments = [world.units["labour_relations"], world.units["employment"], None]
    for n in range(14):
        item = make_item(
            staff,
            f"ZC{n:03d}",
            title=rng.choice(["稳岗补贴", "社保补贴", "吸纳就业补贴", "人才安居"]) + f"{n}",
            benefit=rng.choice(["每人1000元", "按月补贴", "一次性奖励", ""]),
            package=rng.choice([*packages, None]),
            document=rng.choice([*documents, None]),
            kind=rng.choice(["exempt", "apply"]),
            beneficiary=rng.choice(["enterprise", "person"]),
            department=rng.choice(departments),
        )
        PolicyItem.objects.filter(pk=item.pk).update(
            state=rng.choice(["drafted", "reviewed", "published", "withdrawn"])
        )
    near_miss_item()


def makers(world: Any) -> dict[str, Any]:
    from hrbureau.enterprises.tests.factories import EnterpriseFactory
    from hrbureau.policies.models import PolicyDocument, PolicyPackage

    staff = world.users["dept_staff"]
    return {
        "policyitem": lambda i: make_item(staff, f"M{i:05d}", package=PolicyPackage.objects.first()),
        "policydocument": lambda i: PolicyDocument.objects.create(title=f"文件{i}"),
        "policypackage": lambda i: PolicyPackage.objects.create(code=f"m-{i}", name=f"包{i}"),
        "nearmiss": lambda i: EnterpriseFactory(
            employees=5, size_class="small", street=world.units["street-a"]
        ),
    }
