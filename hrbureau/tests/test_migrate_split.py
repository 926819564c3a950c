"""Labour split by business line (issue 16): a database made before the split keeps every row, and its
users keep their permissions. The database is taken back to the old layout (labour 0005, employer
compliance and HR-service agencies still labour's), filled the old way, and migrated forward again."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OLD = [("labour", "0005_lean_scores")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    """Migrate to ``targets``; the models as they were then (every other app as it is now)."""
    MigrationExecutor(connection).migrate(targets)
    loader = MigrationExecutor(connection).loader
    apps_moved = {"labour", "compliance", "hrmarket"}
    nodes = [node for node in loader.graph.leaf_nodes() if node[0] not in apps_moved]
    return loader.project_state([*nodes, *targets]).apps


def _as_fact(leaf: dict[str, Any]) -> dict[str, Any]:
    facts = {"open_risks", "si_arrears", "risk_score"}
    return {**leaf, "field": f"labour.{leaf['field']}"} if leaf["field"] in facts else leaf


def _latest() -> None:
    from django.contrib.contenttypes.models import ContentType

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


@pytest.fixture
def old_layout(transactional_db: Any, world: Any) -> Any:
    """The database as it was before the split (and back to the latest layout afterwards)."""
    apps = _migrate(OLD)
    yield apps
    _latest()


def test_a_database_from_before_the_split_keeps_its_rows_and_permissions(old_layout: Any, world: Any) -> None:
    apps = old_layout
    staff_id = world.users["dept_staff"].pk
    a1, b1 = world.enterprises["a1"].pk, world.enterprises["b1"].pk
    # Given: the compliance registers and an HR agency, the old way, in labour's tables.
    L = lambda name: apps.get_model("labour", name)  # noqa: E731
    evaluation = L("Evaluation").objects.create(year=2024, state="notice", created_by_id=staff_id)
    grade = L("EmployerGrade").objects.create(
        evaluation=evaluation, enterprise_id=b1, grade="A", candidate=True, findings=[]
    )
    L("EmployerGrade").objects.create(
        evaluation=evaluation, enterprise_id=a1, grade="C", findings=["penalties_3"]
    )
    L("Objection").objects.create(
        grade=grade, raised_by="员工", content="拖欠加班费", received_on=dt.date(2025, 3, 2)
    )
    L("LabourRecord").objects.create(
        enterprise_id=a1,
        kind="penalty",
        occurred_on=dt.date(2024, 5, 1),
        description="罚款",
        recorded_by_id=staff_id,
    )
    expert = L("LegalExpert").objects.create(name="王律师", organisation="某律师事务所")
    event = L("ComplianceEvent").objects.create(
        kind="training", title="合规培训", held_on=dt.date(2025, 1, 6), created_by_id=staff_id
    )
    event.experts.add(expert)
    L("Attendance").objects.create(event=event, enterprise_id=a1, attended=True)
    agency = L("HRAgency").objects.create(
        enterprise_id=a1, licence_no="HR-1", licence_kind="hr_service", licensed_on=dt.date(2024, 1, 1)
    )
    L("EnforcementAction").objects.create(
        agency=agency,
        kind="inspection",
        taken_on=dt.date(2025, 1, 6),
        description="抽查",
        recorded_by_id=staff_id,
    )
    # …a case event, a comment and a recent visit naming them by label, as core stores references…
    core = lambda name: apps.get_model("core", name)  # noqa: E731
    core("CaseEvent").objects.create(
        case_type="labour.evaluation",
        case_id=evaluation.pk,
        name="notice",
        to_state="notice",
        actor_id=staff_id,
    )
    core("CaseComment").objects.create(
        case_type="labour.hragency", case_id=agency.pk, author_id=staff_id, body="许可证即将到期"
    )
    core("RecentVisit").objects.create(
        user_id=staff_id,
        object_type="labour.Evaluation",
        object_id=str(evaluation.pk),
        label="2024",
        url="/labour/evaluations/1/",
        visited_at=dt.datetime(2025, 3, 2, tzinfo=dt.UTC),
    )
    # …and a user holding Django's model permission on agencies (the admin's kind), by content type.
    content_types = apps.get_model("contenttypes", "ContentType").objects
    agency_type = content_types.get(app_label="labour", model="hragency")
    evaluation_type = content_types.get(app_label="labour", model="evaluation")
    view_agency = apps.get_model("auth", "Permission").objects.get(
        content_type=agency_type, codename="view_hragency"
    )
    apps.get_model("accounts", "User").objects.get(pk=staff_id).user_permissions.add(view_agency)
    # …and the defaults labour's migration installed before the split: the notice period and the
    # honest-employer criteria (a transactional test may have emptied them; put back as they were).
    core("Rule").objects.filter(code__in=["labour-honest-employer", "compliance-honest-employer"]).delete()
    old_rule = core("Rule").objects.create(
        code="labour-honest-employer",
        valid_from=dt.date(2020, 1, 1),
        subject="labour.employer",
        name="劳动保障守法诚信企业区级条件",
        condition={
            "all": [
                {"field": "status", "op": "eq", "value": "active"},
                {"field": "open_risks", "op": "eq", "value": 0},
                {"field": "si_arrears", "op": "eq", "value": 0},
                {"field": "employees", "op": "gte", "value": 100},
                {"field": "risk_score", "op": "lte", "value": 10},
            ]
        },
    )
    L("TimeLimit").objects.filter(key="notice").delete()
    L("TimeLimit").objects.create(key="notice", valid_from=dt.date(2020, 1, 1), days=7, day_kind="working")

    # When the database is migrated forward.
    _latest()

    # Then every row is there, under the new apps.
    from django.contrib.contenttypes.models import ContentType

    from hrbureau.accounts.models import User
    from hrbureau.compliance.models import (
        Attendance,
        ComplianceEvent,
        EmployerGrade,
        Evaluation,
        LabourRecord,
        Objection,
    )
    from hrbureau.compliance.models import TimeLimit as ComplianceTimeLimit
    from hrbureau.core.models import CaseComment, CaseEvent, RecentVisit, Rule
    from hrbureau.hrmarket.models import HRAgency
    from hrbureau.labour.models import TimeLimit as LabourTimeLimit

    moved = Evaluation.objects.get(pk=evaluation.pk)
    assert (moved.year, moved.state) == (2024, "notice")
    assert sorted(moved.grades.values_list("enterprise_id", "grade")) == sorted([(a1, "C"), (b1, "A")])
    assert Objection.objects.get().grade_id == grade.pk
    assert LabourRecord.objects.get().enterprise_id == a1
    assert list(ComplianceEvent.objects.get().experts.values_list("name", flat=True)) == ["王律师"]
    assert Attendance.objects.get(attended=True).enterprise_id == a1
    assert HRAgency.objects.get().actions.get().description == "抽查"
    assert EmployerGrade.objects.count() == 2
    # New rows go on from the old ones (the tables' id sequences came along).
    newer = Evaluation.objects.create(year=2025, state="draft", created_by_id=staff_id)
    assert newer.pk > evaluation.pk
    # The notice period and the criteria rule moved with them.
    assert ComplianceTimeLimit.objects.get(key="notice").days == 7  # the district's own, kept
    assert not LabourTimeLimit.objects.filter(key="notice").exists()
    rule = Rule.objects.get(code="compliance-honest-employer", subject="compliance.employer")
    # …its criteria reading the labour line's figures as facts (core.facts), and still valid.
    assert rule.condition == {**old_rule.condition, "all": [_as_fact(c) for c in old_rule.condition["all"]]}
    assert '"field": "labour.open_risks"' in json.dumps(rule.condition)
    rule.full_clean()
    assert not Rule.objects.filter(subject="labour.employer").exists()
    # References by label follow the models.
    assert CaseEvent.objects.get(name="notice").case_type == "compliance.evaluation"
    # …and the cases put on the workflow core afterwards (issue 16) got the steps known of them as events,
    # none twice: the agency its registration; the evaluation, whose notice was already an event, nothing.
    assert sorted(CaseEvent.objects.values_list("case_type", "name")) == [
        ("compliance.evaluation", "notice"),
        ("hrmarket.hragency", "create"),
    ]
    assert CaseComment.objects.get().case_type == "hrmarket.hragency"
    assert RecentVisit.objects.get().object_type == "compliance.Evaluation"
    # The content types are the same rows, now the new apps': permissions and their holders follow.
    assert ContentType.objects.get(pk=evaluation_type.pk).app_label == "compliance"
    assert ContentType.objects.get(pk=agency_type.pk).app_label == "hrmarket"
    assert not ContentType.objects.filter(app_label="labour", model__in=["evaluation", "hragency"]).exists()
    user = User.objects.get(pk=staff_id)
    assert user.user_permissions.filter(
        pk=view_agency.pk, content_type__app_label="hrmarket", codename="view_hragency"
    ).exists()
    # What a role may do (declared in code, ADR 003) answers to the new labels.
    assert user.has_perm("compliance.evaluate_employers")
    assert user.has_perm("hrmarket.manage_agency")
    assert not user.has_perm("labour.evaluate_employers")
    assert not user.has_perm("labour.manage_agency")
