"""Every declared list (``core.lists``) held to what it declares, over a mixed corpus of rows:

* each filter keeps exactly the rows a plain reading of its condition in Python keeps (the page's
  parameter → the form → the declared condition), and the page's total counts them;
* the search returns exactly the rows a plain substring scan of the searched columns returns (the
  registries' rule, now for work orders and disputes too: their search goes through the text index);
* a list page's queries do not grow with its rows.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hrbureau.arbitration.tests.conftest import applicant, arb, file, respondent  # noqa: F401 - a fixture
from hrbureau.core import filters as declared
from hrbureau.core.lists import ListSpec, declared_lists
from hrbureau.petitions.tests.conftest import office  # noqa: F401 - a fixture
from hrbureau.policies.tests.items import makers as policy_makers
from hrbureau.policies.tests.items import near_miss_kept, near_miss_samples, near_miss_url
from hrbureau.talent.tests.registers_items import corpus_rows as register_rows  # --- registers ---
from hrbureau.talent.tests.registers_items import kept as register_kept
from hrbureau.talent.tests.registers_items import makers as register_makers

# A small alphabet makes shared fragments (and so non-trivial results) likely; it includes LIKE's
# wildcards, which must be searched for literally.
HANZI = "东湖西岭凤凰科技电子有限公司工资拖欠加班%_"


def _text(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(HANZI) for _ in range(rng.randint(low, high)))


def _spec(name: str) -> ListSpec:
    return next(spec for spec in declared_lists() if spec.name == name)


@pytest.fixture
def corpus(world: Any, office: dict[str, Any], arb: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    """Rows of every declared list, varied in every filtered column."""
    from hrbureau.arbitration.models import Dispute
    from hrbureau.core.audit import audit_record
    from hrbureau.enterprises.models import Enterprise, EnterpriseTag
    from hrbureau.enterprises.tests.factories import EnterpriseFactory
    from hrbureau.people.tests.factories import PersonFactory
    from hrbureau.petitions.models import WorkOrder
    from hrbureau.petitions.tests.factories import make_order

    rng = random.Random(16)
    streets = [world.units["street-a"], world.units["street-b"], None]
    tag = EnterpriseTag.objects.create(code="key", name="重点企业")
    for n in range(24):
        enterprise = EnterpriseFactory(
            name=_text(rng, 2, 10) + f"{n}公司",
            registered_address=_text(rng, 0, 12),
            street=rng.choice(streets),
            status=rng.choice(["active", "deregistered"]),
            size_class=rng.choice(["small", "micro", ""]),
            industry_section=rng.choice(["C", "I"]),
        )
        if rng.random() < 0.4:
            enterprise.tags.add(tag)
    for _n in range(20):
        PersonFactory(
            name=_text(rng, 2, 4),
            residence_address=_text(rng, 0, 10),
            street=rng.choice(streets),
            employment_status=rng.choice(["employed", "unemployed", ""]),
            education=rng.choice(["bachelor", "master", ""]),
        )
    categories = list(office["categories"].values())
    units = [world.units["labour_relations"], world.units["street-a"], None]
    for n in range(24):
        order = make_order(
            category=rng.choice(categories),
            title=_text(rng, 2, 12),
            petitioner_name=_text(rng, 2, 3),
            external_no=f"W{n:03d}" if rng.random() < 0.5 else "",
        )
        WorkOrder.objects.filter(pk=order.pk).update(
            state=rng.choice(["registered", "dispatched", "closed"]),
            channel=rng.choice(["hotline", "letter", "online"]),
            handling_unit=rng.choice(units),
            street=rng.choice(streets),
            received_at=timezone.make_aware(dt.datetime(2026, 3, 1 + n % 20, 8 + n % 10, 30)),
            due_on=dt.date(2026, 4, 1 + n % 25),
        )
    for n in range(8):
        dispute = file(
            world,
            arb,
            parties=[
                applicant(name=_text(rng, 2, 4)),
                applicant(name=_text(rng, 2, 4)),
                respondent(rng.choice(list(world.enterprises.values()))),
            ],
            day=dt.date(2026, 3, 2 + n),
        )
        Dispute.objects.filter(pk=dispute.pk).update(
            collective=n % 3 == 0,
            procedure=rng.choice(["ordinary", "fast"]),
            case_no=f"劳人仲案〔2026〕{n + 1}号" if n % 2 else None,
        )
    from hrbureau.tests.example.models import Demand  # the example case type (tests/settings.py)

    for n in range(12):
        Demand.objects.create(
            number=f"XQ{n:03d}",
            title=_text(rng, 2, 12),
            street=rng.choice(streets[:2]),
            state=rng.choice(["open", "closed"]),
        )
    for _n in range(6):
        audit_record(kind=rng.choice(["login", "login_failed"]), username=rng.choice(["alpha", "beta"]))
    _labour_rows(world, rng)
    _compliance_and_market(world, rng, list(Enterprise.objects.order_by("id")))
    from hrbureau.policies.tests.items import corpus_rows as policy_rows

    policy_rows(world, rng)
    _policy_matches(world, rng, list(Enterprise.objects.order_by("id")))
    _enterprise_demand_rows(world, rng, list(Enterprise.objects.order_by("id")))
    _service_rows(world, rng, list(Enterprise.objects.order_by("id")))
    _policy_rows(world, rng, list(Enterprise.objects.order_by("id")))
    register_rows(world, rng)  # --- registers ---
    # --- internship ---
    from hrbureau.talent.tests.internship_lists_data import corpus_rows as internship_rows

    internship_rows(world, rng)
    # --- certification ---
    from hrbureau.talent.tests.certification_lists_data import corpus_rows as certification_rows

    certification_rows(world, rng)
    # --- recruitment ---
    from hrbureau.personnel.tests.recruitment_corpus import corpus_rows as recruitment_rows

    recruitment_rows(world, rng)
    from hrbureau.talent.tests.subsidy_helpers import corpus_rows as subsidy_rows  # --- subsidies ---

    subsidy_rows(world, rng)  # --- subsidies ---
    from hrbureau.personnel.tests.records_corpus import corpus_rows as personnel_rows  # personnel records

    personnel_rows(world, rng)
    # --- talent (payments) ---
    from hrbureau.talent.tests.payment_factories import corpus_rows as payment_rows

    payment_rows(world, rng)
    return {"rng": rng, "enterprises": Enterprise.objects.count()}


def _policy_matches(world: Any, rng: random.Random, enterprises: list[Any]) -> None:
    """Policy matches of two items, in every state, some flagged (policies' matching)."""
    from hrbureau.policies.models import PolicyItem, PolicyMatch

    items = [
        PolicyItem.objects.create(number=f"ZC-{n}", title=f"政策{n}", state="published") for n in range(2)
    ]
    for enterprise in rng.sample(enterprises, 16):
        flagged = rng.random() < 0.3
        PolicyMatch.objects.create(
            item=rng.choice(items),
            enterprise=enterprise,
            street=enterprise.street,
            state=rng.choice(["pushed", "read", "applied", "granted", "refused"]),
            matched_on=dt.date(2026, 3, 1),
            still_qualifies=not flagged,
            flagged_on=dt.date(2026, 3, 2) if flagged else None,
        )


def _labour_rows(world: Any, rng: random.Random) -> None:
    """Inspections, risks and the risk scores they give, varied in every filtered column."""
    from hrbureau.enterprises.models import Enterprise
    from hrbureau.labour import scoring
    from hrbureau.labour.models import EnterpriseRiskScore, Inspection, Risk
    from hrbureau.labour.tests.conftest import reinstall_defaults

    reinstall_defaults()
    enterprises = list(Enterprise.objects.order_by("id"))
    inspector = world.users["dept_staff"]
    for n in range(20):
        enterprise = rng.choice(enterprises)
        inspection = Inspection.objects.create(
            enterprise=enterprise,
            kind=rng.choice(["routine", "joint", "special"]),
            visited_on=dt.date(2026, 3, 1 + n),
            inspector=inspector,
            street_id=enterprise.street_id,
            grid_id=enterprise.grid_id,
            notes=_text(rng, 0, 12),
            risks_found=rng.choice([0, 0, 1, 2]),
        )
        Risk.objects.create(
            number=f"LR2026{n:06d}",
            enterprise=enterprise,
            inspection=inspection if n % 2 else None,
            street_id=enterprise.street_id,
            grid_id=enterprise.grid_id,
            risk_type=rng.choice(["wage_arrears", "no_contract", "social_insurance"]),
            severity=rng.choice(["minor", "serious", "severe"]),
            description=_text(rng, 2, 14),
            found_on=dt.date(2026, 3, 1 + n),
            found_by=inspector,
            state=rng.choice(["found", "assigned", "resolving", "resolved", "verified"]),
            due_on=rng.choice([None, dt.date(2026, 3, 10), timezone.localdate() + dt.timedelta(days=30)]),
            escalated=n % 5 == 0,
        )
    scoring.compute_scores()
    _plans_and_samples(world, rng)
    # Every level on the early-warning list, whatever the weights gave.
    levels = ["red", "orange", "yellow"]
    for i, score in enumerate(EnterpriseRiskScore.objects.order_by("enterprise_id")):
        EnterpriseRiskScore.objects.filter(pk=score.pk).update(level=levels[i % 3], total=90 - i)


def _plans_and_samples(world: Any, rng: random.Random) -> None:
    from hrbureau.enterprises.models import Enterprise
    from hrbureau.labour import sampling, services

    staff = world.users["dept_staff"]
    ids = list(Enterprise.objects.filter(status="active").values_list("id", flat=True))
    for n, kind in enumerate(["routine", "joint", "special", "routine"]):
        services.plan_create(
            actor=staff,
            name=f"计划{n}",
            kind=kind,
            starts_on=dt.date(2026, 3, 1 + 5 * n),
            ends_on=dt.date(2026, 3, 8 + 5 * n),
            enterprise_ids=rng.sample(ids, 3),
        )
    for n in range(2):
        sample = sampling.sample_draw(actor=staff, name=f"样本{n}", size=6, seed=n, strata=["street"])
        for member in sample.members.order_by("id")[:3]:
            sampling.survey_record(
                actor=staff, member=member, state=rng.choice(["done", "unreachable"]), note="记"
            )


def _compliance_and_market(world: Any, rng: random.Random, enterprises: list[Any]) -> None:
    """Rows of compliance's and the HR-service market's lists, varied in every filtered column."""
    from hrbureau.compliance.models import (
        ComplianceEvent,
        EmployerGrade,
        Evaluation,
        LabourRecord,
        LegalExpert,
    )
    from hrbureau.hrmarket.models import EnforcementAction, HRAgency

    staff = world.users["dept_staff"]
    for n in range(12):
        LabourRecord.objects.create(
            enterprise=rng.choice(enterprises),
            kind=rng.choice(["penalty", "mass_incident", "child_labour"]),
            occurred_on=dt.date(2024 + n % 3, 1 + n % 12, 1 + n),
            decision_no=_text(rng, 0, 6),
            description=_text(rng, 2, 10),
            recorded_by=staff,
        )
    for year, state in ((2024, "published"), (2025, "notice")):
        evaluation = Evaluation.objects.create(year=year, state=state, created_by=staff)
        for enterprise in rng.sample(enterprises, 10):
            EmployerGrade.objects.create(
                evaluation=evaluation,
                enterprise=enterprise,
                grade=rng.choice("ABC"),
                candidate=rng.random() < 0.5,
                withdrawn=rng.random() < 0.2,
            )
    for n in range(6):
        ComplianceEvent.objects.create(
            kind=rng.choice(["training", "consultation"]),
            title=_text(rng, 2, 8),
            held_on=dt.date(2026, 2, 1 + 3 * n),
            created_by=staff,
        )
        LegalExpert.objects.create(name=_text(rng, 2, 3), organisation=_text(rng, 2, 6), active=n % 3 != 0)
    for n in range(8):
        agency = HRAgency.objects.create(
            enterprise=rng.choice(enterprises),
            licence_no=f"人社许{n:03d}{_text(rng, 0, 4)}",
            licence_kind=rng.choice(["hr_service", "labour_dispatch"]),
            licensed_on=dt.date(2020, 1, 1 + n),
            valid_until=rng.choice([None, dt.date(2024, 6, 1), dt.date(2030, 6, 1)]),
            state=rng.choice(["licensed", "suspended", "revoked"]),
        )
        for m in range(rng.randint(0, 3)):
            EnforcementAction.objects.create(
                agency=agency,
                kind=rng.choice(["inspection", "warning", "fine"]),
                taken_on=dt.date(2026, 1 + m, 1 + n),
                description=_text(rng, 2, 8),
                recorded_by=staff,
            )
    _industry_reports(rng, enterprises)


def _industry_reports(rng: random.Random, enterprises: list[Any]) -> None:
    """Industry reports over three months, in every state, some late, in every street."""
    from hrbureau.hrmarket.models import IndustryReport, ReportingPeriod

    for month in (6, 7, 8):
        period = ReportingPeriod.objects.create(
            frequency="monthly",
            starts_on=dt.date(2026, month, 1),
            ends_on=dt.date(2026, month, 28),
            due_on=dt.date(2026, month + 1, 14),
        )
        for enterprise in rng.sample(enterprises, 8):
            submitted = rng.random() < 0.7
            IndustryReport.objects.create(
                enterprise=enterprise,
                period=period,
                state=rng.choice(["submitted", "accepted", "returned"]) if submitted else "draft",
                revenue=rng.randint(0, 10**7) if submitted else None,
                staff=rng.randint(0, 300) if submitted else None,
                placements=rng.randint(0, 300) if submitted else None,
                people_served=rng.randint(0, 900) if submitted else None,
                submitted_at=timezone.now() if submitted else None,
                submitted_late=submitted and rng.random() < 0.3,
            )


def _enterprise_demand_rows(world: Any, rng: random.Random, enterprises: list[Any]) -> None:
    """Enterprise demands (企业诉求), varied in every filtered column; a third of them enterprise A1's (the
    enterprise user's own, for the portal's list)."""
    from hrbureau.enterprises.models import EnterpriseDemand

    units = [world.units["labour_relations"], world.units["street-a"], None]
    for n in range(18):
        enterprise = world.enterprises["a1"] if n % 3 == 0 else rng.choice(enterprises)
        EnterpriseDemand.objects.create(
            number=f"QS9{n:08d}",
            enterprise=enterprise,
            street=enterprise.street,
            title=_text(rng, 2, 10),
            description=_text(rng, 2, 14),
            kind=rng.choice(["recruitment", "policy", "talent"]),
            channel=rng.choice(["portal", "officer"]),
            filed_on=dt.date(2026, 3, 1 + n),
            state=rng.choice(["filed", "routed", "replied", "closed"]),
            is_key=rng.random() < 0.3,
            responsible_unit=rng.choice(units),
            due_on=rng.choice([dt.date(2026, 3, 9), dt.date(2099, 1, 1), None]),
        )


def _service_rows(world: Any, rng: random.Random, enterprises: list[Any]) -> None:
    """Key enterprises with and without plans, items overdue or not; labour demands in every state."""
    from hrbureau.enterprises import plan_services
    from hrbureau.enterprises.tests.plan_data import make_key

    staff, street = world.users["dept_staff"], world.users["street_staff"]
    today = timezone.localdate()
    keys = [e for e in enterprises if e.street_id == world.units["street-a"].pk or rng.random() < 0.5]
    make_key(*keys)
    for n, enterprise in enumerate(keys):
        if n % 3 == 2:
            continue  # no plan
        plan = plan_services.plan_create(
            actor=staff, enterprise=enterprise, officer=rng.choice([staff, street]), year=today.year
        )
        plan_services.item_add(
            actor=staff,
            plan=plan,
            area="policy",
            task="政策宣讲",
            due_on=today + dt.timedelta(days=rng.randint(-9, 9)),
        )
    for n in range(16):
        demand = plan_services.labour_demand_record(
            actor=staff,
            enterprise=rng.choice(enterprises),
            data={
                "post": rng.choice(["数控车工", "电工", "仓库管理员"]) + _text(rng, 0, 3),
                "headcount": 4,
                "skills": _text(rng, 0, 6),
                "needed_by": dt.date(2026, 3, 1 + n),
            },
        )
        hires = rng.choice([0, 1, 4])
        if hires:
            plan_services.demand_hires_record(actor=staff, demand=demand, hires=hires)
        elif n % 4 == 0:
            plan_services.demand_withdraw(actor=staff, demand=demand, reason="取消")


def _policy_rows(world: Any, rng: random.Random, enterprises: list[Any]) -> None:
    """Policy applications in every state, grant lists and grants of every channel."""
    from hrbureau.policies.choices import ApplicationState, GrantChannel, GrantListState
    from hrbureau.policies.models import Grant, GrantList, PolicyApplication
    from hrbureau.policies.tests.conftest import published_item

    items = [published_item(title=_text(rng, 2, 6)) for _n in range(3)]
    for n in range(14):
        enterprise = rng.choice(enterprises)
        PolicyApplication.objects.create(
            number=f"ZC2026{n:06d}",
            item=rng.choice(items),
            enterprise=enterprise,
            street_id=enterprise.street_id,
            period="2026",
            state=rng.choice(ApplicationState.values),
            complete_on=dt.date(2026, 1 + n % 6, 1 + n),
        )
    for n in range(5):
        GrantList.objects.create(
            number=f"MS2026{n:05d}",
            item=items[n % 3],
            period=str(2024 + n),
            generated_on=dt.date(2026, 2, 1 + n),
            state=rng.choice(GrantListState.values),
        )
    for n, enterprise in enumerate(rng.sample(enterprises, min(12, len(enterprises)))):
        Grant.objects.create(
            item=items[n % 3],
            enterprise=enterprise,
            street_id=enterprise.street_id,
            period="2026",
            amount=rng.choice([None, 100, 2500]),
            granted_on=dt.date(2026, 3, 1 + n),
            channel=rng.choice(GrantChannel.values),
        )


READERS = {
    "keyenterprise": "dept_staff",
    "labourdemand": "dept_staff",
    "workorder": "dept_staff",
    "dispute": "arbitration_clerk",
    "enterprise": "dept_staff",
    "person": "dept_staff",
    "orgunit": "dept_staff",
    "audit": "sysadmin",
    "import": "dept_staff",
    "desk": "arbitration_clerk",
    "risk": "dept_staff",
    "inspection": "dept_staff",
    "warning": "dept_staff",
    "plan": "dept_staff",
    "sample": "dept_staff",
    "survey_task": "dept_staff",
    "demand": "dept_staff",
    "labourrecord": "dept_staff",
    "evaluation": "dept_staff",
    "employergrade": "dept_staff",
    "complianceevent": "dept_staff",
    "legalexpert": "dept_staff",
    "agency": "dept_staff",
    "enforcement": "dept_staff",
    "industryreport": "dept_staff",
    "policyitem": "dept_staff",
    "policydocument": "dept_staff",
    "policypackage": "dept_staff",
    "nearmiss": "dept_staff",
    "policymatch": "dept_staff",
    "policyapplication": "dept_staff",
    "grantlist": "dept_staff",
    "grant": "dept_staff",
    "enterprise_demand": "dept_staff",
    "my_enterprise_demand": "enterprise",
    # --- registers ---
    "postdocstation": "dept_staff",
    "postdoc": "dept_staff",
    "parkresidency": "dept_staff",
    "cooperationagreement": "dept_staff",
    "agreementaction": "dept_staff",
    "talentcontest": "dept_staff",
    "contestentrant": "dept_staff",
    # --- internship ---
    "internshipbase": "dept_staff",
    "internship": "dept_staff",
    # --- certification ---
    "intakeapplication": "dept_staff",
    "certification": "dept_staff",
    "talentregister": "dept_staff",
    "talentcategory": "dept_head",
    # --- recruitment ---
    "recruitmentplan": "dept_staff",
    "recruitmentpost": "dept_staff",
    "registration": "dept_staff",
    # --- subsidies ---
    "subsidyapplication": "dept_staff",
    "subsidyqueue": "dept_staff",
    "subsidyscheme": "dept_staff",
    # --- personnel records ---
    "staffmember": "dept_staff",
    "promotion_eligible": "dept_staff",
    "certificationrequest": "dept_staff",
    "promotiondecision": "dept_staff",
    "emergencyplan": "dept_staff",
    "deployment": "dept_staff",
    # --- talent (payments) ---
    "paymentbatch": "dept_staff",
    "payment": "dept_staff",
}


def _reader(world: Any, name: str) -> Any:
    return world.users[READERS[name]]


def _listed(spec: ListSpec, user: Any, params: dict[str, str]) -> set[int]:
    """The rows the list gives for these page parameters: form → values → declared conditions."""
    query = QueryDict(mutable=True)
    query.update(params)
    values = spec.values(spec.form(query))
    assert values is not None, (spec.name, params, spec.form(query).errors)
    return set(spec.queryset(user=user, values=values).values_list("pk", flat=True))


def test_every_list_is_declared() -> None:
    names = {spec.name for spec in declared_lists()}
    assert names == set(READERS)  # a new list names its reader here, and so is held to its declaration
    for spec in declared_lists():
        assert spec.columns, spec.name
        assert all(c.value is not None or c.html is not None for c in spec.columns), spec.name


# --- filters ----------------------------------------------------------------------------------------


def _follow(obj: Any, path: str) -> list[Any]:
    """The values at ``path`` ("category_id", "slot__day", "tags__code") of one row, read in Python."""
    values = [obj]
    for part in path.split("__"):
        found = []
        for value in values:
            attribute = getattr(value, part)
            if hasattr(attribute, "all") and callable(attribute.all):
                found.extend(attribute.all())
            else:
                found.append(attribute)
        values = found
    return values


def _local_day(value: Any) -> dt.date:
    return timezone.localtime(value).date() if isinstance(value, dt.datetime) else value


def _kept_in_python(spec: ListSpec, f: Any, value: Any, rows: list[Any]) -> set[int] | None:
    """The rows the filter keeps, by reading its condition plainly in Python; None for a filter whose
    condition is a query expression (a figure: its list must be the rows the figure counts)."""
    if isinstance(f, declared.Choice):
        lookup = f.lookup or f.name
        wanted = f.coerce(value)
        return {r.pk for r in rows if wanted in _follow(r, lookup)}
    if isinstance(f, declared.YesNo):
        return {r.pk for r in rows if bool(_follow(r, f.lookup or f.name)[0]) == (value == "yes")}
    if isinstance(f, declared.DateTo):
        day = dt.date.fromisoformat(value)
        return {r.pk for r in rows if _local_day(_follow(r, f.column)[0]) <= day}
    if isinstance(f, declared.DateFrom):
        day = dt.date.fromisoformat(value)
        return {r.pk for r in rows if _local_day(_follow(r, f.column)[0]) >= day}
    if isinstance(f, declared.Where) and spec.name in REGISTER_LISTS:  # --- registers ---
        keeps = register_kept(f.name, value)
        if keeps is not None:
            return {r.pk for r in rows if keeps(r)}
    if isinstance(f, declared.Where):
        plain = {
            "claim": lambda r: value in {c.kind for c in r.claims.all()},
            "username": lambda r: r.username == value,
            "date": lambda r: _local_day(r.created_at) == dt.date.fromisoformat(value),
            "day": lambda r: r.slot.day == dt.date.fromisoformat(value),
            "overdue": lambda r: (
                r.state
                in (
                    {"filed", "routed"}
                    if spec.name == "enterprise_demand"
                    else {"found", "assigned", "resolving", "resolved"}
                )
                and r.due_on is not None
                and r.due_on < timezone.localdate()
            ),
            "with_risks": lambda r: (r.risks_found > 0) == (value == "yes"),
            "enterprise": lambda r: r.enterprise_id == int(value),
            "sample": lambda r: r.sample_id == int(value),
            "year": lambda r: r.occurred_on.year == int(value),
            "listed": lambda r: (r.candidate and not r.withdrawn) == (value == "yes"),
            # Figures not in by the due date: submitted after it, or not submitted once it passed.
            "late": lambda r: (
                (r.submitted_late or (r.submitted_at is None and r.period.due_on < timezone.localdate()))
                == (value == "yes")
            ),
            "miss": lambda r: near_miss_kept(value, r),
            "item": lambda r: r.item_id == int(value),
            "flagged": lambda r: (not r.still_qualifies) == (value == "yes"),
            "key": lambda r: r.enterprise.tags.filter(code="key-enterprise").exists() == (value == "yes"),
            # --- internship ---
            "base": lambda r: r.base_id == int(value),
            # --- certification ---
            "in_force": lambda r: r.state == ("certified" if value == "yes" else "expired"),
            # --- recruitment ---
            "plan": lambda r: r.plan_id == int(value),
            "post": lambda r: r.post_id == int(value),
            # --- talent (payments) ---
            "batch": lambda r: r.batch_id == int(value),
        }[f.name]
        return {r.pk for r in rows if plain(r)}
    return None


def _samples(spec: ListSpec, f: Any, form: Any, rows: list[Any]) -> list[str]:
    """Values to try for a filter: every option of a choice, days found in the rows for a date."""
    if isinstance(f, declared.DateFrom):
        days = sorted({_local_day(_follow(r, f.column)[0]) for r in rows})
        return [d.isoformat() for d in days[:: max(1, len(days) // 3)]] or ["2026-03-05"]
    if isinstance(f, declared.Where) and f.name in ("username",):
        return ["alpha", "beta", "nobody"]
    if isinstance(f, declared.Where) and f.name in ("date", "day"):
        return [timezone.localdate().isoformat(), "2026-03-03"]
    if isinstance(f, declared.Where) and f.name in ("enterprise", "sample", "item", "batch"):
        return sorted({str(getattr(r, f"{f.name}_id")) for r in rows if getattr(r, f"{f.name}_id")})[:3]
    if isinstance(f, declared.Where) and f.name == "base":  # --- internship ---
        return sorted({str(r.base_id) for r in rows})[:3]
    if isinstance(f, declared.Where) and f.name == "miss":
        return near_miss_samples()
    if isinstance(f, declared.Where) and f.name == "year":
        return ["2024", "2025", "2026"]
    # --- recruitment ---
    if isinstance(f, declared.Where) and f.name in ("plan", "post"):
        return sorted({str(getattr(r, f"{f.name}_id")) for r in rows})[:3]
    field = form.fields[f.name]
    return [str(v) for v, _label in field.choices if str(v)]


@pytest.mark.parametrize("name", sorted(READERS))
def test_each_filter_keeps_the_rows_its_condition_names(
    corpus: dict[str, Any], world: Any, name: str, client: Client
) -> None:
    spec = _spec(name)
    user = _reader(world, name)
    rows = list(spec.rows(user))
    everything = _listed(spec, user, {})
    assert everything == {r.pk for r in rows}
    form = spec.form(None)
    tried = 0
    for f in spec.filters:
        for value in _samples(spec, f, form, rows):
            got = _listed(spec, user, {f.name: value})
            expected = _kept_in_python(spec, f, value, rows)
            if expected is None:  # a figure: the rows of its own condition
                figure = f.figures[value]
                condition = figure(timezone.localdate()) if callable(figure) else figure
                expected = set(spec.rows(user).filter(condition).values_list("pk", flat=True))
            assert got == expected, (name, f.name, value)
            tried += 1
    assert tried >= len([f for f in spec.filters if not f.hidden])
    # Two filters together keep the rows both keep.
    visible = [f for f in spec.filters if not f.hidden and not isinstance(f, declared.Where)]
    if len(visible) >= 2:
        first, second = visible[:2]
        a, b = _samples(spec, first, form, rows)[0], _samples(spec, second, form, rows)[0]
        both = _listed(spec, user, {first.name: a, second.name: b})
        assert both == _listed(spec, user, {first.name: a}) & _listed(spec, user, {second.name: b})


@pytest.mark.parametrize(
    "name",
    [
        "workorder",
        "dispute",
        "enterprise",
        "person",
        "risk",
        "inspection",
        "agency",
        "labourrecord",
        "complianceevent",
        "industryreport",
        "policyitem",
        "enterprise_demand",
    ],
)
def test_the_page_shows_the_filtered_rows_total(corpus: dict[str, Any], world: Any, name: str) -> None:
    spec = _spec(name)
    user = _reader(world, name)
    client = Client()
    client.force_login(user)
    f = next(f for f in spec.filters if isinstance(f, declared.Choice))
    value = _samples(spec, f, spec.form(None), list(spec.rows(user)))[0]
    body = client.get(f"{spec_url(name)}?{f.name}={value}").content.decode()
    total = re.search(rf'data-testid="{name}-total" data-total="(\d+)" data-exact="true"', body)
    assert total, body[:500]
    assert int(total.group(1)) == len(_listed(spec, user, {f.name: value}))


def spec_url(name: str) -> str:
    if name == "nearmiss":  # one item's list of one condition
        return near_miss_url()
    return {
        "keyenterprise": "/enterprises/key/",
        "labourdemand": "/enterprises/labour-demand/",
        "workorder": "/petitions/",
        "dispute": "/arbitration/",
        "enterprise": "/enterprises/",
        "person": "/people/",
        "orgunit": "/accounts/org-units/",
        "audit": "/core/audit/",
        "import": "/imports/",
        "desk": "/arbitration/appointments/desk/",
        "risk": "/labour/risks/",
        "inspection": "/labour/inspections/",
        "warning": "/labour/warnings/",
        "plan": "/labour/plans/",
        "sample": "/labour/samples/",
        "survey_task": "/labour/samples/tasks/",
        "demand": "/example/",
        "labourrecord": "/compliance/records/",
        "evaluation": "/compliance/evaluations/",
        "employergrade": "/compliance/grades/",
        "complianceevent": "/compliance/events/",
        "legalexpert": "/compliance/experts/",
        "agency": "/hrmarket/agencies/",
        "enforcement": "/hrmarket/enforcement/",
        "industryreport": "/hrmarket/industry/reports/",
        "policyitem": "/policies/items/",
        "policydocument": "/policies/documents/",
        "policypackage": "/policies/packages/",
        "policymatch": "/policies/matches/",
        "policyapplication": "/policies/applications/",
        "grantlist": "/policies/grant-lists/",
        "grant": "/policies/grants/",
        "enterprise_demand": "/enterprises/demands/",
        "my_enterprise_demand": "/enterprises/demands/mine/",
        # --- registers ---
        "postdocstation": "/talent/stations/",
        "postdoc": "/talent/postdocs/",
        "parkresidency": "/talent/park/",
        "cooperationagreement": "/talent/agreements/",
        "agreementaction": "/talent/actions/",
        "talentcontest": "/talent/contests/",
        "contestentrant": "/talent/entrants/",
        # --- internship ---
        "internshipbase": "/talent/internship/bases/",
        "internship": "/talent/internships/",
        # --- certification ---
        "intakeapplication": "/talent/intakes/",
        "certification": "/talent/certifications/",
        "talentregister": "/talent/register/",
        "talentcategory": "/talent/categories/",
        # --- recruitment ---
        "recruitmentplan": "/personnel/recruitment/plans/",
        "recruitmentpost": "/personnel/recruitment/posts/",
        "registration": "/personnel/recruitment/registrations/",
        # --- subsidies ---
        "subsidyapplication": "/talent/applications/",
        "subsidyqueue": "/talent/applications/queue/",
        "subsidyscheme": "/talent/schemes/",
        # --- personnel records ---
        "staffmember": "/personnel/staff/",
        "promotion_eligible": "/personnel/promotions/eligible/",
        "certificationrequest": "/personnel/certifications/",
        "promotiondecision": "/personnel/promotions/",
        "emergencyplan": "/personnel/emergency/",
        "deployment": "/personnel/emergency/roster/",
        # --- talent (payments) ---
        "paymentbatch": "/talent/batches/",
        "payment": "/talent/payments/",
    }[name]


def test_an_invalid_filter_shows_its_error_and_no_rows(corpus: dict[str, Any], world: Any) -> None:
    for name in READERS:
        client = Client()
        client.force_login(_reader(world, name))
        spec = _spec(name)
        f = next((f for f in spec.filters if not f.hidden), None)
        if f is None:
            continue
        body = client.get(f"{spec_url(name)}?{f.name}=%E2%98%83-no-such-value").content.decode()
        assert 'data-testid="filter-errors"' in body, name
        assert f'data-testid="{name}-total" data-total="0"' in body, name


# --- search -----------------------------------------------------------------------------------------


def _texts(name: str, row: Any) -> list[str]:
    """The searched columns of a row, and of its related rows (a dispute's parties)."""
    spec = _spec(name)
    search = spec.search
    assert search is not None
    assert search.index is not None or search.related  # a search looks somewhere through an index
    texts = [getattr(row, column) or "" for column in (search.index.columns if search.index else ())]
    for related in search.related:
        texts += [
            getattr(other, column) or ""
            for other in related.queryset().filter(**{related.link: getattr(row, related.through)})
            for column in related.index.columns
        ]
    return texts


@pytest.mark.parametrize(
    "name",
    [
        "workorder",
        "dispute",
        "enterprise",
        "person",
        "risk",
        "inspection",
        "agency",
        "labourrecord",
        "employergrade",
        "industryreport",
        "policyitem",
        "enterprise_demand",
        "my_enterprise_demand",
        "keyenterprise",
        "labourdemand",
        "policyapplication",
        "grant",
        # --- registers ---
        "postdocstation",
        "postdoc",
        "parkresidency",
        "cooperationagreement",
        "agreementaction",
        "contestentrant",
        # --- internship ---
        "internshipbase",
        "internship",
        # --- certification ---
        "intakeapplication",
        "certification",
        "talentregister",
        # --- recruitment ---
        "recruitmentplan",
        "registration",
        "subsidyapplication",  # --- subsidies ---
        "subsidyqueue",  # --- subsidies ---
        "staffmember",  # personnel records
        "certificationrequest",
        "deployment",
    ],
)
def test_search_returns_what_a_substring_scan_returns(corpus: dict[str, Any], world: Any, name: str) -> None:
    spec = _spec(name)
    user = _reader(world, name)
    rows = list(spec.rows(user))
    texts = {r.pk: _texts(name, r) for r in rows}
    rng = random.Random(name)
    queries = ["%", "_", "工资", "有限公司", "劳人仲案〔2026〕", "no such text"]
    for _ in range(40):
        text = rng.choice([t for ts in texts.values() for t in ts if t] or ["x"])
        start = rng.randrange(len(text))
        queries.append(text[start : start + rng.randint(1, 6)])
    hits = 0
    for query in queries:
        normalized = spec.search.normalize(query).strip()  # type: ignore[union-attr]
        if not normalized:
            continue
        scanned = {pk for pk, ts in texts.items() if any(normalized in t for t in ts)}
        assert _listed(spec, user, {"q": query}) == scanned, (name, query)
        hits += bool(scanned)
    assert hits > 10


def test_work_orders_disputes_risks_and_inspections_search_through_the_text_index(
    corpus: dict[str, Any], world: Any
) -> None:
    for name in ("workorder", "dispute", "risk", "inspection"):
        spec = _spec(name)
        with CaptureQueriesContext(connection) as queries:
            list(spec.queryset(user=_reader(world, name), values={"q": "拖欠工资"}))
        sql = " ".join(q["sql"] for q in queries.captured_queries)
        if connection.vendor == "sqlite":
            assert "_fts" in sql, name
            assert "MATCH" in sql, name
        else:
            assert "ILIKE" in sql, name
        assert "UPPER(" not in sql  # not Django's icontains, which no trigram index serves


# --- queries do not grow with the rows -------------------------------------------------------------


_SERIAL = itertools.count(1)


def _more_rows(name: str, world: Any, office: dict[str, Any], arb: dict[str, Any], n: int) -> None:  # noqa: F811
    from hrbureau.arbitration.models import Appointment, AppointmentSlot
    from hrbureau.core.audit import audit_record
    from hrbureau.core.models import ImportJob
    from hrbureau.enterprises.tests.factories import EnterpriseFactory
    from hrbureau.people.tests.factories import PersonFactory
    from hrbureau.petitions.tests.factories import make_order
    from hrbureau.tests.example.models import Demand

    makers: dict[str, Callable[[int], Any]] = {
        "workorder": lambda i: make_order(category=office["categories"]["wages"], title=f"工单{i}"),
        "dispute": lambda i: file(world, arb),
        "enterprise": lambda i: EnterpriseFactory(street=world.units["street-a"]),
        "person": lambda i: PersonFactory(street=world.units["street-a"]),
        "orgunit": lambda i: world.units["street-a"].__class__.objects.create(
            kind="community", code=f"c-more-{i}", name=f"社区{i}", parent=world.units["street-a"]
        ),
        "audit": lambda i: audit_record(kind="login", username=f"user{i}"),
        "import": lambda i: ImportJob.objects.create(
            created_by=world.users["dept_staff"], spec="enterprises", original_name=f"名录{i}.xlsx"
        ),
        "desk": lambda i: Appointment.objects.create(
            number=f"YY{i:05d}",
            slot=AppointmentSlot.objects.get_or_create(
                day=timezone.localdate(),
                starts=dt.time(9, 0),
                defaults={"ends": dt.time(9, 30), "capacity": 200},
            )[0],
            service="materials",
            name=f"来访人{i}",
            phone="13800138000",
        ),
        "demand": lambda i: Demand.objects.create(
            number=f"XQ{i:05d}", title=f"需求{i}", street=world.units["street-a"], state="open"
        ),
        **_compliance_and_market_makers(world),
        "policymatch": lambda i: _more_matches(world, i),
        **_enterprise_demand_makers(world),
        **_service_makers(world),
        **_policy_makers(world),
    }
    makers.update(_labour_makers(world))
    makers.update(policy_makers(world))
    makers.update(register_makers(world))  # --- registers ---
    # --- internship ---
    from hrbureau.talent.tests.internship_lists_data import makers as internship_makers

    makers.update(internship_makers(world))
    # --- certification ---
    from hrbureau.talent.tests.certification_lists_data import list_makers as certification_makers

    makers.update(certification_makers(world))
    # --- recruitment ---
    from hrbureau.personnel.tests.recruitment_corpus import makers as recruitment_makers

    makers.update(recruitment_makers(world))
    from hrbureau.talent.tests.subsidy_helpers import makers as subsidy_makers  # --- subsidies ---

    makers.update(subsidy_makers(world))  # --- subsidies ---
    from hrbureau.personnel.tests.records_corpus import makers as personnel_makers  # personnel records

    makers.update(personnel_makers(world))
    # --- talent (payments) ---
    from hrbureau.talent.tests.payment_factories import makers as payment_makers

    makers.update(payment_makers(world))
    for _ in range(n):
        makers[name](next(_SERIAL))


def _more_matches(world: Any, i: int) -> Any:
    from hrbureau.enterprises.tests.factories import EnterpriseFactory
    from hrbureau.policies.models import PolicyItem, PolicyMatch

    item = PolicyItem.objects.get_or_create(
        number="ZC-MORE", defaults={"title": "政策", "state": "published"}
    )[0]
    enterprise = EnterpriseFactory(street=world.units["street-a"])
    return PolicyMatch.objects.create(
        item=item, enterprise=enterprise, street=enterprise.street, matched_on=timezone.localdate()
    )


def _service_makers(world: Any) -> dict[str, Callable[[int], Any]]:
    from hrbureau.enterprises import plan_services
    from hrbureau.enterprises.tests.factories import EnterpriseFactory
    from hrbureau.enterprises.tests.plan_data import make_key

    staff = world.users["dept_staff"]

    def key(i: int) -> Any:
        enterprise = EnterpriseFactory(street=world.units["street-a"])
        make_key(enterprise)
        plan = plan_services.plan_create(
            actor=staff, enterprise=enterprise, officer=staff, year=timezone.localdate().year
        )
        plan_services.item_add(
            actor=staff, plan=plan, area="talent", task=f"事项{i}", due_on=timezone.localdate()
        )
        return enterprise

    return {
        "keyenterprise": key,
        "labourdemand": lambda i: plan_services.labour_demand_record(
            actor=staff, enterprise=EnterpriseFactory(), data={"post": f"岗位{i}", "headcount": 3}
        ),
    }


def _policy_makers(world: Any) -> dict[str, Callable[[int], Any]]:
    from hrbureau.enterprises.tests.factories import EnterpriseFactory
    from hrbureau.policies.models import Grant, GrantList, PolicyApplication
    from hrbureau.policies.tests.conftest import published_item

    street = world.units["street-a"]

    def item() -> Any:
        return published_item(title="补贴")

    return {
        "policyapplication": lambda i: PolicyApplication.objects.create(
            number=f"ZC9{i:08d}",
            item=item(),
            enterprise=EnterpriseFactory(street=street),
            street=street,
            period="2026",
            state="submitted",
            complete_on=dt.date(2026, 3, 1),
        ),
        "grantlist": lambda i: GrantList.objects.create(
            number=f"MS9{i:08d}",
            item=item(),
            period="2026",
            generated_on=dt.date(2026, 3, 1),
            state="generated",
        ),
        "grant": lambda i: Grant.objects.create(
            item=item(),
            enterprise=EnterpriseFactory(street=street),
            street=street,
            period="2026",
            amount=100,
            granted_on=dt.date(2026, 3, 1),
            channel="import",
        ),
    }


def _labour_makers(world: Any) -> dict[str, Callable[[int], Any]]:
    from hrbureau.enterprises.tests.factories import EnterpriseFactory
    from hrbureau.labour.models import EnterpriseRiskScore, Inspection, Risk

    staff = world.users["dept_staff"]
    street, grid = world.units["street-a"], world.units["grid-a1"]

    def inspection(i: int) -> Inspection:
        return Inspection.objects.create(
            enterprise=EnterpriseFactory(street=street, grid=grid),
            kind="routine",
            visited_on=timezone.localdate(),
            inspector=staff,
            street=street,
            grid=grid,
            notes=f"走访{i}",
        )

    def risk(i: int) -> Risk:
        return Risk.objects.create(
            number=f"LR9{i:08d}",
            enterprise=EnterpriseFactory(street=street, grid=grid),
            street=street,
            grid=grid,
            risk_type="wage_arrears",
            severity="minor",
            description=f"隐患{i}",
            found_on=timezone.localdate(),
            found_by=staff,
            state="found",
            assigned_unit=street,
            due_on=timezone.localdate(),
        )

    def score(i: int) -> EnterpriseRiskScore:
        return EnterpriseRiskScore.objects.create(
            enterprise=EnterpriseFactory(street=street, grid=grid),
            street=street,
            grid=grid,
            total=50 + i % 40,
            level="orange",
            computed_at=timezone.now(),
        )

    def plan(i: int) -> Any:
        from hrbureau.labour import services

        return services.plan_create(
            actor=staff,
            name=f"计划{i}",
            kind="routine",
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate(),
            enterprise_ids=[EnterpriseFactory(street=street, grid=grid).pk],
        )

    def sample(i: int) -> Any:
        from hrbureau.labour import sampling

        EnterpriseFactory(street=street, grid=grid)
        return sampling.sample_draw(actor=staff, name=f"样本{i}", size=1, seed=i, strata=[])

    def task(i: int) -> Any:
        from hrbureau.labour.models import Sample, SampleMember

        # More tasks of one sample (a page shows a sample's tasks).
        first = Sample.objects.order_by("id").first() or sample(i)
        return SampleMember.objects.create(
            sample=first,
            enterprise=EnterpriseFactory(street=street, grid=grid),
            stratum="",
            street=street,
            grid=grid,
            assigned_unit=grid,
        )

    return {
        "risk": risk,
        "inspection": inspection,
        "warning": score,
        "plan": plan,
        "sample": sample,
        "survey_task": task,
    }


def _enterprise_demand_makers(world: Any) -> dict[str, Callable[[int], Any]]:
    from hrbureau.enterprises.models import EnterpriseDemand
    from hrbureau.enterprises.tests.factories import EnterpriseFactory

    def demand(i: int, enterprise: Any = None) -> Any:
        enterprise = enterprise or EnterpriseFactory(street=world.units["street-a"])
        return EnterpriseDemand.objects.create(
            number=f"QS8{i:08d}",
            enterprise=enterprise,
            street=enterprise.street,
            title=f"诉求{i}",
            description="招工",
            kind="recruitment",
            channel="officer",
            filed_on=timezone.localdate(),
            state="routed",
            responsible_unit=world.units["street-a"],
            due_on=timezone.localdate(),
        )

    return {
        "enterprise_demand": demand,
        "my_enterprise_demand": lambda i: demand(i, world.enterprises["a1"]),
    }


def _compliance_and_market_makers(world: Any) -> dict[str, Callable[[int], Any]]:
    from hrbureau.compliance.models import (
        ComplianceEvent,
        EmployerGrade,
        Evaluation,
        LabourRecord,
        LegalExpert,
    )
    from hrbureau.enterprises.tests.factories import EnterpriseFactory
    from hrbureau.hrmarket.models import EnforcementAction, HRAgency

    staff = world.users["dept_staff"]

    def agency(i: int) -> Any:
        return HRAgency.objects.create(
            enterprise=EnterpriseFactory(),
            licence_no=f"HR-{i}",
            licence_kind="hr_service",
            licensed_on=dt.date(2024, 1, 1),
        )

    def report(i: int) -> Any:
        from hrbureau.hrmarket.models import IndustryReport, ReportingPeriod

        period, _created = ReportingPeriod.objects.get_or_create(
            frequency="monthly",
            starts_on=dt.date(2026, 1, 1),
            defaults={"ends_on": dt.date(2026, 1, 31), "due_on": dt.date(2026, 2, 14)},
        )
        return IndustryReport.objects.create(enterprise=EnterpriseFactory(), period=period, state="draft")

    def evaluation() -> Any:
        return Evaluation.objects.get_or_create(year=2024, defaults={"state": "draft", "created_by": staff})[
            0
        ]

    return {
        "labourrecord": lambda i: LabourRecord.objects.create(
            enterprise=EnterpriseFactory(),
            kind="penalty",
            occurred_on=dt.date(2025, 1, 1),
            description=f"罚款{i}",
            recorded_by=staff,
        ),
        "evaluation": lambda i: Evaluation.objects.create(year=1000 + i, state="draft", created_by=staff),
        "employergrade": lambda i: EmployerGrade.objects.create(
            evaluation=evaluation(), enterprise=EnterpriseFactory(), grade="A", candidate=True
        ),
        "complianceevent": lambda i: ComplianceEvent.objects.create(
            kind="training", title=f"培训{i}", held_on=dt.date(2026, 1, 1), created_by=staff
        ),
        "legalexpert": lambda i: LegalExpert.objects.create(name=f"专家{i}", organisation="律所"),
        "agency": agency,
        "industryreport": report,
        "enforcement": lambda i: EnforcementAction.objects.create(
            agency=agency(i),
            kind="inspection",
            taken_on=dt.date(2026, 1, 1),
            description="检查",
            recorded_by=staff,
        ),
    }


@pytest.mark.parametrize("name", sorted(READERS))
def test_a_list_page_costs_the_same_queries_for_few_and_many_rows(
    world: Any,
    office: dict[str, Any],  # noqa: F811
    arb: dict[str, Any],  # noqa: F811
    name: str,
) -> None:
    client = Client()
    client.force_login(_reader(world, name))
    url = f"{spec_url(name)}?per_page=100"
    client.get(url)  # warm up the session and the cached choices

    def queries(n: int) -> int:
        _more_rows(name, world, office, arb, n)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries(2)
    assert queries(25 if name != "dispute" else 8) == few, name


# --- registers ---
REGISTER_LISTS = {"postdoc", "parkresidency", "agreementaction", "contestentrant"}
