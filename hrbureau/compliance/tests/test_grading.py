"""Employer grades by DOMAIN.md §5 and the honest employer list: every grade rule, the year boundary,
the district's criteria through the shared rules mechanism, the notice, objections and publication.
(The default criteria's labour facts — open risks, arrears, the risk score — are tested with the labour
line's records in ``hrbureau/tests/test_lines_together.py``.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hrbureau.compliance import rules, selectors, services
from hrbureau.compliance.choices import EvaluationState, Grade, ObjectionDecision, RecordKind
from hrbureau.compliance.models import EmployerGrade, Evaluation, LabourRecord
from hrbureau.core import calendar
from hrbureau.core.models import Rule
from hrbureau.core.workflow import TransitionError
from hrbureau.enterprises.models import Enterprise

YEAR = timezone.localdate().year - 1


@pytest.mark.parametrize(
    ("penalties", "kinds", "grade"),
    [
        (0, [], Grade.A),
        (1, [RecordKind.PENALTY], Grade.B),
        (2, [RecordKind.PENALTY], Grade.B),
        (3, [RecordKind.PENALTY], Grade.C),
        (0, [RecordKind.MASS_INCIDENT], Grade.C),
        (0, [RecordKind.EXTREME_INCIDENT], Grade.C),
        (0, [RecordKind.CHILD_LABOUR], Grade.C),
        (0, [RecordKind.FORCED_LABOUR], Grade.C),
        (1, [RecordKind.PENALTY, RecordKind.IGNORED_ORDER], Grade.C),
        (0, [RecordKind.OBSTRUCTION], Grade.C),
        (0, [RecordKind.CRIMINAL], Grade.C),
    ],
)
def test_the_grade_rules(penalties: int, kinds: list[str], grade: str) -> None:
    got, findings = rules.grade_of(penalties, kinds)
    assert got == grade
    assert bool(findings) == (grade == Grade.C)


def _record(world: Any, people: dict[str, Any], key: str, kind: str, day: dt.date) -> LabourRecord:
    return services.record_add(
        actor=people["staff"], enterprise=world.enterprises[key], kind=kind, occurred_on=day, description="x"
    )


def _criteria_met(world: Any) -> None:
    """Criteria every test enterprise meets: the district's own, on the enterprise's registered fields
    (an admin edit of the rule), so that these tests read no other line's facts."""
    Enterprise.objects.update(employees=200, status="active")
    Rule.objects.filter(code=rules.CRITERIA_RULE).update(
        condition={
            "all": [
                {"field": "status", "op": "eq", "value": "active"},
                {"field": "employees", "op": "gte", "value": 100},
            ]
        }
    )


def test_a_year_is_graded_on_its_own_records(world: Any, people: dict[str, Any]) -> None:
    _criteria_met(world)
    for _ in range(3):
        _record(world, people, "a1", RecordKind.PENALTY, dt.date(YEAR, 6, 1))
    _record(world, people, "a2", RecordKind.PENALTY, dt.date(YEAR, 12, 31))
    _record(
        world, people, "b1", RecordKind.PENALTY, dt.date(YEAR - 1, 12, 31)
    )  # the year before: not counted
    _record(world, people, "b2", RecordKind.MASS_INCIDENT, dt.date(YEAR + 1, 1, 1))  # the year after
    evaluation = services.evaluation_run(actor=people["staff"], year=YEAR)
    grades = {g.enterprise_id: g for g in evaluation.grades.all()}
    e = world.enterprises
    assert grades[e["a1"].pk].grade == Grade.C
    assert grades[e["a1"].pk].findings == [rules.THREE_PENALTIES]
    assert grades[e["a2"].pk].grade == Grade.B
    assert grades[e["b1"].pk].grade == Grade.A
    assert grades[e["b2"].pk].grade == Grade.A
    assert {pk for pk, g in grades.items() if g.candidate} == {e["b1"].pk, e["b2"].pk}
    # Graded again while a draft: records corrected meanwhile count, nothing is duplicated.
    LabourRecord.objects.filter(enterprise=e["a2"]).delete()
    again = services.evaluation_run(actor=people["staff"], year=YEAR)
    assert again.pk == evaluation.pk
    assert again.grades.count() == len(grades)
    assert again.grades.get(enterprise=e["a2"]).grade == Grade.A


def test_the_districts_criteria_come_from_the_rule(world: Any, people: dict[str, Any]) -> None:
    _criteria_met(world)
    e = world.enterprises
    Enterprise.objects.filter(pk=e["a1"].pk).update(employees=50)  # too small by the rule
    evaluation = services.evaluation_run(actor=people["staff"], year=YEAR)
    listed = set(selectors.honest_list(evaluation).values_list("enterprise_id", flat=True))
    assert listed == {e[k].pk for k in ("a2", "b1", "b2")}
    lines = rules.criteria_lines(e["a1"])
    assert any("employees" in line["text"] and not line["met"] for line in lines)
    # The district changes its criteria (an admin edit of the rule): graded again, the list follows.
    Rule.objects.filter(code=rules.CRITERIA_RULE).update(
        condition={"field": "status", "op": "eq", "value": "active"}
    )
    again = services.evaluation_run(actor=people["staff"], year=YEAR)
    assert set(selectors.honest_list(again).values_list("enterprise_id", flat=True)) == {
        e[k].pk for k in ("a1", "a2", "b1", "b2")
    }


def test_notice_objections_and_publication(world: Any, people: dict[str, Any]) -> None:
    _criteria_met(world)
    evaluation = services.evaluation_run(actor=people["staff"], year=YEAR)
    today = timezone.localdate()
    short = calendar.add_working_days(today, 3)
    with pytest.raises(ValidationError, match="at least 5"):
        services.notice_start(
            actor=people["staff"], evaluation=evaluation, notice_from=today, notice_to=short
        )
    with pytest.raises(ValidationError, match="in the past"):
        services.notice_start(
            actor=people["staff"],
            evaluation=evaluation,
            notice_from=today - dt.timedelta(days=1),
            notice_to=short,
        )
    # Five working days counting the first (if it is a working day).
    end = calendar.add_working_days(today - dt.timedelta(days=1), 5)
    services.notice_start(actor=people["staff"], evaluation=evaluation, notice_from=today, notice_to=end)
    assert evaluation.state == EvaluationState.NOTICE
    a1 = evaluation.grades.get(enterprise=world.enterprises["a1"])
    b1 = evaluation.grades.get(enterprise=world.enterprises["b1"])
    with pytest.raises(ValidationError):
        services.objection_record(actor=people["staff"], grade=a1, raised_by="", content="")
    upheld = services.objection_record(
        actor=people["staff"], grade=a1, raised_by="员工张某", content="2025年曾拖欠工资"
    )
    rejected = services.objection_record(actor=people["staff"], grade=b1, raised_by="匿名", content="加班多")
    with pytest.raises(TransitionError, match="notice runs until"):  # the publication's guard
        services.evaluation_publish(actor=people["staff"], evaluation=evaluation)
    with pytest.raises(ValidationError, match="reply"):
        services.objection_decide(actor=people["staff"], objection=upheld, upheld=True, reply=" ")
    services.objection_decide(
        actor=people["staff"], objection=upheld, upheld=True, reply="经核实属实，移出名单"
    )
    assert EmployerGrade.objects.get(pk=a1.pk).withdrawn
    with pytest.raises(ValidationError, match="already decided"):
        services.objection_decide(actor=people["staff"], objection=upheld, upheld=False, reply="x")
    # Time passes: the notice is over, one objection still pending.
    Evaluation.objects.filter(pk=evaluation.pk).update(
        notice_from=today - dt.timedelta(days=20), notice_to=today - dt.timedelta(days=1)
    )
    evaluation.refresh_from_db()
    with pytest.raises(TransitionError, match="1 pending"):
        services.evaluation_publish(actor=people["staff"], evaluation=evaluation)
    services.objection_decide(actor=people["staff"], objection=rejected, upheld=False, reply="不属于违法情形")
    assert rejected.decision == ObjectionDecision.REJECTED
    services.evaluation_publish(actor=people["staff"], evaluation=evaluation)
    assert evaluation.state == EvaluationState.PUBLISHED
    listed = set(selectors.honest_list(evaluation).values_list("enterprise_id", flat=True))
    assert world.enterprises["a1"].pk not in listed
    assert world.enterprises["b1"].pk in listed
    # Published: it is not graded again, and objections are closed.
    with pytest.raises(ValidationError, match="already on notice or published"):
        services.evaluation_run(actor=people["staff"], year=YEAR)
    with pytest.raises(ValidationError, match="on notice"):
        services.objection_record(actor=people["staff"], grade=b1, raised_by="x", content="y")


def test_only_a_past_year_by_the_department(world: Any, people: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="past year"):
        services.evaluation_run(actor=people["staff"], year=timezone.localdate().year)
    with pytest.raises(ValidationError, match="past year"):
        services.evaluation_run(actor=people["staff"], year="twenty")
    with pytest.raises(PermissionDenied):
        services.evaluation_run(actor=people["street"], year=YEAR)
    with pytest.raises(ValidationError) as refused:
        services.record_add(
            actor=people["staff"], enterprise=None, kind="nonsense", occurred_on=None, description=""
        )
    assert set(refused.value.message_dict) == {"enterprise", "kind", "occurred_on", "description"}
    assert not LabourRecord.objects.exists()


def test_the_pages_grade_notice_object_and_publish(world: Any, people: dict[str, Any], client: Any) -> None:
    import re

    _criteria_met(world)
    client.cookies["hrbureau_language"] = "en"
    client.force_login(people["staff"])
    added = client.post(
        "/compliance/records/new/",
        {
            "uscc": world.enterprises["a1"].uscc.lower(),
            "kind": "penalty",
            "occurred_on": f"{YEAR}-05-01",
            "description": "未按时支付工资，罚款",
        },
        follow=True,
    ).content.decode()
    assert "Record added." in added
    bad = client.post(
        "/compliance/records/new/",
        {"uscc": "123", "kind": "penalty", "occurred_on": "", "description": ""},
        follow=True,
    )
    assert "Give the enterprise" in bad.content.decode()
    assert LabourRecord.objects.count() == 1
    graded = client.post("/compliance/evaluations/new/", {"year": str(YEAR)}, follow=True).content.decode()
    assert f"The {YEAR} record is graded." in graded
    assert re.search(r'data-testid="grade-B">.*?<div class="h1 mb-0">1<', graded, re.S)
    evaluation = Evaluation.objects.get()
    today = timezone.localdate()
    act = f"/core/cases/compliance.evaluation/{evaluation.pk}/actions/"
    client.post(
        f"{act}notice/",
        {"notice_from": today.isoformat(), "notice_to": (today + dt.timedelta(days=10)).isoformat()},
    )
    public = client.get("/compliance/honest-employers/").content.decode()
    assert "on public notice" in public
    assert world.enterprises["b1"].name in public
    assert world.enterprises["a1"].name not in public  # graded B
    b1 = evaluation.grades.get(enterprise=world.enterprises["b1"])
    client.post(f"{act}object/", {"grade": b1.pk, "raised_by": "员工", "content": "拖欠加班费"})
    objection = b1.objections.get()
    client.post(f"{act}decide/", {"objection": objection.pk, "decision": "upheld", "reply": "属实"})
    assert EmployerGrade.objects.get(pk=b1.pk).withdrawn
    export = client.get(f"/compliance/grades/?evaluation={evaluation.pk}&listed=yes&export=xlsx")
    assert export.status_code == 200
    # Anonymous visitors read the public page too.
    client.logout()
    assert client.get("/compliance/honest-employers/").status_code == 200
