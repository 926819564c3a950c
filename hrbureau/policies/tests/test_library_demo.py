"""The demo's policy library: the four packages with their real item counts, most items published, a few
drafted, reviewed or withdrawn, every eligibility valid and every published item with its claim guide;
a second run adds nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command

from hrbureau.core import rules
from hrbureau.core.models import CaseEvent
from hrbureau.policies import library
from hrbureau.policies.models import PolicyItem, PolicyPackage

ARGS = ("--enterprises", "200", "--people", "100", "--work-orders", "0", "--disputes", "0", "--quiet-logins")


def test_demo_packages_and_items(db: Any) -> None:
    call_command("seed_demo", *ARGS, stdout=StringIO())
    counts = {p.short_name: (p.announced_items, p.items.count()) for p in PolicyPackage.objects.all()}
    assert counts == {"硬八条": (8, 8), "暖九条": (9, 9), "智十条": (10, 10), "惠十一条": (11, 11)}
    states = {
        s: PolicyItem.objects.filter(state=s).count()
        for s in ("drafted", "reviewed", "published", "withdrawn")
    }
    assert states == {"drafted": 3, "reviewed": 1, "published": 33, "withdrawn": 1}
    assert {"exempt", "apply"} == set(PolicyItem.objects.values_list("kind", flat=True))
    for item in PolicyItem.objects.all():
        rules.validate(item.subject_key, library.eligibility_of(item))  # valid
        if item.state == "published":
            assert item.has_guide
            assert item.published_on is not None
            # published by another person than the drafter (maker ≠ checker)
            publish = CaseEvent.objects.get(case_type="policies.policyitem", case_id=item.pk, name="publish")
            assert publish.actor_id != item.edited_by_id
    # Something qualifies for most enterprise items on the demo district
    enterprise_items = PolicyItem.objects.filter(beneficiary="enterprise", state="published")
    assert sum(1 for i in enterprise_items if library.preview(i).count > 0) >= enterprise_items.count() // 2
    call_command("seed_demo", *ARGS, stdout=StringIO())
    assert PolicyItem.objects.count() == 38
