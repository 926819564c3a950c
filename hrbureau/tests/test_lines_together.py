"""What one business line shows of another's records, read only through core (issue 16): the facts each
line declares (``core.facts``) agree in every shape on real records, the labour-risk score counts the
disputes and work orders about an enterprise, the honest-employer criteria read the labour line's facts,
and a risk's page lists the enterprise's disputes and work orders from their lines' timelines.

These tests make records of several lines at once, with each line's test helpers: they live here, above
the business lines, which the import contract keeps from importing each other (``make lint``)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone, translation

from hrbureau.arbitration.models import Dispute
from hrbureau.arbitration.tests.conftest import applicant, file, respondent
from hrbureau.arbitration.tests.conftest import reinstall_defaults as arbitration_defaults
from hrbureau.compliance import rules as compliance_rules
from hrbureau.compliance import selectors as compliance_selectors
from hrbureau.compliance import services as compliance_services
from hrbureau.compliance.choices import Grade
from hrbureau.compliance.tests.conftest import reinstall_defaults as compliance_defaults
from hrbureau.core import facts
from hrbureau.enterprises.choices import EnterpriseStatus
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.tests.factories import EnterpriseFactory
from hrbureau.labour import scoring
from hrbureau.labour.choices import RiskState, RiskType, WarningLevel
from hrbureau.labour.models import ArrearsFlag, EnterpriseRiskScore
from hrbureau.labour.tests.conftest import record
from hrbureau.labour.tests.conftest import reinstall_defaults as labour_defaults
from hrbureau.labour.tests.test_scoring import TODAY, _risk, _score, _visit
from hrbureau.people.models import Person
from hrbureau.petitions.tests.factories import categories, make_order


@pytest.fixture
def lab(world: Any) -> dict[str, Any]:
    """Labour's defaults and its people of these tests (the grid worker of grid A1, the department)."""
    labour_defaults()
    return {"grid": world.users["grid_worker"], "staff": world.users["dept_staff"], "grid_b": None}


def test_every_fact_reads_the_same_as_a_column_a_grouped_query_and_one_value(
    world: Any, lab: dict[str, Any]
) -> None:
    """Each fact declared about an enterprise or a person, on records of every line, in its three shapes."""
    arbitration_defaults()
    e, today = world.enterprises, timezone.localdate()
    _risk(e["a1"], lab["staff"], found_on=today)
    _risk(e["a2"], lab["staff"], state=RiskState.VERIFIED, found_on=today - dt.timedelta(days=30))
    ArrearsFlag.objects.create(enterprise=e["b1"], flagged_on=today)
    _visit(e["a1"], lab["staff"], today - dt.timedelta(days=40))
    scoring.compute_scores()
    arb = {"clerk": world.users["arbitration_clerk"]}
    lost = file(
        world,
        arb,
        day=today - dt.timedelta(days=20),
        parties=[applicant(world.people["a1"]), respondent(e["a1"])],
    )
    file(
        world,
        arb,
        day=today - dt.timedelta(days=400),
        parties=[applicant(world.people["b1"]), respondent(e["a1"])],
    )
    Dispute.objects.filter(pk=lost.pk).update(state="awarded", closed_on=today, total_awarded=Decimal("8000"))
    kinds = categories()
    make_order(
        actor=world.users["dept_staff"],
        category=kinds["wages"],
        day=today - dt.timedelta(days=10),
        enterprise=e["b2"],
    )
    # received now (a day at 10:00 would lie in the future before ten in the morning)
    make_order(actor=world.users["dept_staff"], category=kinds["wages"], person=world.people["a2"])
    # last year's record, rated and published: A2 rated C, B1 on the honest employer list
    from hrbureau.compliance.models import EmployerGrade, Evaluation

    rating = Evaluation.objects.create(year=today.year - 1, state="published", created_by=lab["staff"])
    EmployerGrade.objects.create(evaluation=rating, enterprise=e["a2"], grade=Grade.C, penalties=3)
    EmployerGrade.objects.create(evaluation=rating, enterprise=e["b1"], grade=Grade.A, candidate=True)
    for subject, model in ((facts.ENTERPRISE, Enterprise), (facts.PERSON, Person)):
        declared = facts.about(subject)
        assert declared, subject
        rows = list(facts.annotate(model.objects.order_by("pk"), declared))
        for name, fact in declared.items():
            grouped = dict(fact.grouped())
            values = [fact.value(row) for row in rows]
            assert [getattr(row, facts.alias(name)) for row in rows] == values, name
            assert [grouped.get(row.pk, fact.default) for row in rows] == values, name
            # Not vacuous: the records above give every fact a value somewhere.
            assert any(v not in (0, None) for v in values), name


def test_each_component_counts_what_it_says(world: Any, lab: dict[str, Any]) -> None:
    e = world.enterprises["a1"]
    user = lab["grid"]
    _risk(e, user)  # open, wage arrears, inside the window
    _risk(
        e, user, state=RiskState.VERIFIED, found_on=TODAY - dt.timedelta(days=700)
    )  # closed; in the 730 days
    _risk(e, user, state=RiskState.RESOLVED, risk_type=RiskType.SAFETY)  # neither open nor arrears
    _risk(e, user, found_on=TODAY - dt.timedelta(days=731), state=RiskState.VERIFIED)  # outside the window
    ArrearsFlag.objects.create(enterprise=e, flagged_on=TODAY, months=2)
    ArrearsFlag.objects.create(enterprise=e, flagged_on=TODAY, cleared_on=TODAY)  # cleared: not counted
    _visit(e, user, TODAY - dt.timedelta(days=95))  # 3 whole months
    arbitration_defaults()
    arb = {"clerk": world.users["arbitration_clerk"]}
    for day in (TODAY - dt.timedelta(days=10), TODAY - dt.timedelta(days=400)):
        file(world, arb, day=day, parties=[applicant(world.people["a1"]), respondent(e)])
    Enterprise.objects.filter(pk=e.pk).update(status=EnterpriseStatus.ABNORMAL)
    e.refresh_from_db()
    scoring.compute_scores(today=TODAY)
    s = _score(e)
    measures = {key: getattr(s, f"{key}_value") for key in scoring.COMPONENT_KEYS}
    assert measures == {
        "open_risks": 1,
        "arrears_history": 2,
        "disputes": 1,
        "complaints": 0,
        "si_arrears": 1,
        "abnormal": 1,
        "inspection_gap": 3,
    }
    # Default weights: 20, 10×2, 5, 0, 15, 10, 3 → 73: red (≥ 60).
    assert s.total == 20 + 20 + 5 + 0 + 15 + 10 + 3
    assert s.level == WarningLevel.RED
    assert scoring.explain(e, today=TODAY)["total"] == s.total


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_set_based_scores_equal_the_explanation_on_random_records(
    world: Any, lab: dict[str, Any], seed: int
) -> None:
    rng = random.Random(seed)
    kinds = categories()
    streets = [world.units["street-a"], world.units["street-b"]]
    enterprises = list(world.enterprises.values()) + [
        EnterpriseFactory(
            street=rng.choice(streets),
            status=rng.choice([EnterpriseStatus.ACTIVE, EnterpriseStatus.ABNORMAL, EnterpriseStatus.REVOKED]),
        )
        for _ in range(12)
    ]
    for e in enterprises:
        for _ in range(rng.randint(0, 4)):
            _risk(
                e,
                lab["staff"],
                state=rng.choice(list(RiskState.values)),
                risk_type=rng.choice(list(RiskType.values)),
                found_on=TODAY - dt.timedelta(days=rng.randint(0, 900)),
            )
        for _ in range(rng.randint(0, 2)):
            _visit(e, lab["staff"], TODAY - dt.timedelta(days=rng.randint(0, 500)))
        if rng.random() < 0.3:
            ArrearsFlag.objects.create(
                enterprise=e, flagged_on=TODAY, cleared_on=TODAY if rng.random() < 0.5 else None
            )
        for _ in range(rng.randint(0, 2)):
            make_order(
                actor=world.users["dept_staff"],
                category=kinds["wages"],
                day=TODAY - dt.timedelta(days=rng.randint(0, 500)),
                enterprise=e,
            )
    scoring.compute_scores(today=TODAY)
    scored = {s.enterprise_id: s for s in EnterpriseRiskScore.objects.all()}
    for e in Enterprise.objects.all():
        if e.status not in scoring.SCORED_STATUSES:
            assert e.pk not in scored
            continue
        expected = scoring.explain(e, today=TODAY)
        s = scored[e.pk]
        got = [
            (getattr(s, f"{c['key']}_value"), getattr(s, f"{c['key']}_points"))
            for c in expected["components"]
        ]
        assert got == [(c["measure"], c["points"]) for c in expected["components"]]
        assert (s.total, s.level) == (expected["total"], expected["level"])


def test_the_honest_employer_criteria_read_the_labour_lines_facts(world: Any, lab: dict[str, Any]) -> None:
    """The default criteria: still operating, no open labour risk, no open social-insurance arrears flag,
    100 or more employees, a risk score of 10 or less (inspected recently with nothing found)."""
    compliance_defaults()
    e, staff = world.enterprises, lab["staff"]
    year = timezone.localdate().year - 1
    Enterprise.objects.update(employees=200, status="active")
    for enterprise in e.values():
        _visit(enterprise, staff, timezone.localdate())
    Enterprise.objects.filter(pk=e["a1"].pk).update(employees=50)  # too small
    ArrearsFlag.objects.create(enterprise=e["a2"], flagged_on=dt.date(year, 3, 1))  # open arrears
    record(world, {"grid_b": None}, key="b1", actor=staff)  # an open labour risk
    scoring.compute_scores()
    evaluation = compliance_services.evaluation_run(actor=staff, year=year)
    assert all(g.grade == Grade.A for g in evaluation.grades.all())
    listed = set(compliance_selectors.honest_list(evaluation).values_list("enterprise_id", flat=True))
    assert listed == {e["b2"].pk}
    with translation.override("en"):
        lines = compliance_rules.criteria_lines(e["a2"], on=timezone.localdate())
    why = {line["text"]: line["met"] for line in lines}
    assert why["open social-insurance arrears flags is 0 (here: 1)"] is False
    assert why["open labour risks is 0 (here: 0)"] is True
    # Never scored (the score is computed nightly): no score, which the criteria never accept.
    EnterpriseRiskScore.objects.filter(enterprise=e["b2"]).delete()
    again = compliance_services.evaluation_run(actor=staff, year=year)
    assert not compliance_selectors.honest_list(again).exists()


def test_a_risk_page_lists_the_enterprises_disputes_and_work_orders(
    world: Any, lab: dict[str, Any], client: Any
) -> None:
    arbitration_defaults()
    dispute = file(
        world,
        {"clerk": world.users["arbitration_clerk"]},
        parties=[applicant(world.people["a1"]), respondent(world.enterprises["a1"])],
    )
    order = make_order(
        actor=world.users["dept_staff"], category=categories()["wages"], enterprise=world.enterprises["a1"]
    )
    risk = record(world, lab, actor=lab["staff"])
    client.force_login(world.users["leader"])
    related = client.get(f"/labour/risks/{risk.pk}/").content.decode().split('data-testid="related"')[1]
    assert dispute.number in related
    assert order.number in related
    assert dispute.get_absolute_url() in related
