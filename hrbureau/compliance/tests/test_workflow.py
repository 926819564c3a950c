"""The employer evaluation on the workflow core: each step of the honest employer list through the case
page's core actions and through the API, under the department's permission, refused on a case changed
meanwhile (409) and by the publication's guard (409, saying why); every step an event, so the case page
names who published the list; the case page's queries do not grow with its history; the events the data
migration gives evaluations graded before the workflow core."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from hrbureau.accounts import services as account_services
from hrbureau.compliance import services
from hrbureau.compliance.models import EmployerGrade, Evaluation, Objection
from hrbureau.core.models import CaseEvent
from hrbureau.tests.casepage import grow, queries_of

YEAR = timezone.localdate().year - 1
LABEL = "compliance.evaluation"


@pytest.fixture
def evaluation(world: Any, people: dict[str, Any]) -> Evaluation:
    from hrbureau.compliance.tests.test_grading import _criteria_met

    _criteria_met(world)
    return services.evaluation_run(actor=people["staff"], year=YEAR)


def _page(evaluation: Evaluation, name: str) -> str:
    return f"/core/cases/{LABEL}/{evaluation.pk}/actions/{name}/"


def _api(evaluation: Evaluation, name: str) -> str:
    return f"/api/v1/employer-evaluations/{evaluation.pk}/actions/{name}"


def _client(user: Any) -> Client:
    client = Client()
    client.cookies["hrbureau_language"] = "en"
    client.force_login(user)
    return client


def _events(evaluation: Evaluation) -> list[tuple[str, str]]:
    return list(
        CaseEvent.objects.filter(case_type=LABEL, case_id=evaluation.pk)
        .order_by("id")
        .values_list("name", "actor_name")
    )


def _notice_over(evaluation: Evaluation) -> None:
    today = timezone.localdate()
    Evaluation.objects.filter(pk=evaluation.pk).update(
        notice_from=today - dt.timedelta(days=20), notice_to=today - dt.timedelta(days=1)
    )


def test_every_step_on_the_case_page_is_an_event_and_the_publisher_is_named(
    world: Any, people: dict[str, Any], evaluation: Evaluation
) -> None:
    staff = people["staff"]
    client = _client(staff)
    page = client.get(evaluation.get_absolute_url()).content.decode()
    assert 'data-testid="case-actions"' in page
    assert _page(evaluation, "notice") in page
    assert _page(evaluation, "publish") not in page  # not on notice yet
    today = timezone.localdate()
    done = client.post(
        _page(evaluation, "regrade"), {"version": evaluation.version}, follow=True
    ).content.decode()
    assert "Done: “Grade the year again”" in done
    evaluation.refresh_from_db()
    client.post(
        _page(evaluation, "notice"),
        {
            "notice_from": today.isoformat(),
            "notice_to": (today + dt.timedelta(days=10)).isoformat(),
            "version": evaluation.version,
        },
    )
    evaluation.refresh_from_db()
    assert evaluation.state == "notice"
    grade = EmployerGrade.objects.filter(evaluation=evaluation, candidate=True).first()
    assert grade is not None
    client.post(
        _page(evaluation, "object"), {"grade": grade.pk, "raised_by": "员工", "content": "拖欠加班费"}
    )
    objection = Objection.objects.get()
    client.post(
        _page(evaluation, "decide"), {"objection": objection.pk, "decision": "rejected", "reply": "不属实"}
    )
    objection.refresh_from_db()
    assert objection.decision == "rejected"
    _notice_over(evaluation)
    published = client.post(_page(evaluation, "publish"), {}, follow=True).content.decode()
    assert "Now “Published”" in published
    evaluation.refresh_from_db()
    assert evaluation.state == "published"
    assert evaluation.published_on == today
    name = staff.get_full_name()
    assert _events(evaluation) == [
        ("create", name),
        ("regrade", name),
        ("notice", name),
        ("object", name),
        ("decide", name),
        ("publish", name),
    ]
    publication = CaseEvent.objects.get(case_type=LABEL, case_id=evaluation.pk, name="publish")
    assert publication.actor_id == staff.pk
    assert publication.data["listed"] == evaluation.grades.filter(candidate=True, withdrawn=False).count()
    # The case page's timeline says who published the list.
    timeline = (
        client.get(evaluation.get_absolute_url()).content.decode().split('data-testid="case-timeline"')[1]
    )
    assert "Publish the list → Published" in timeline
    assert name in timeline


def test_the_steps_are_the_departments(world: Any, people: dict[str, Any], evaluation: Evaluation) -> None:
    today = timezone.localdate()
    data = {"notice_from": today.isoformat(), "notice_to": (today + dt.timedelta(days=10)).isoformat()}
    for user in (people["street"], world.users["leader"]):  # the leader reads, does not act
        assert _client(user).post(_page(evaluation, "notice"), data).status_code == 403
    evaluation.refresh_from_db()
    assert evaluation.state == "draft"
    assert _events(evaluation) == [("create", people["staff"].get_full_name())]


def test_the_api_takes_each_step_under_the_same_checks(
    world: Any, people: dict[str, Any], evaluation: Evaluation
) -> None:
    client = _client(people["staff"])
    today = timezone.localdate()
    seen = evaluation.version
    done = client.post(
        _api(evaluation, "notice"),
        data={
            "notice_from": today.isoformat(),
            "notice_to": (today + dt.timedelta(days=10)).isoformat(),
            "version": seen,
        },
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["state"] == "notice"
    # Acting on the version read before: changed meanwhile, nothing done.
    grade = EmployerGrade.objects.filter(evaluation=evaluation, candidate=True).first()
    assert grade is not None
    stale = client.post(
        _api(evaluation, "object"),
        data={"grade": grade.pk, "raised_by": "员工", "content": "拖欠", "version": seen},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "changed_meanwhile"
    assert not Objection.objects.exists()
    # The guard: the notice is not over.
    early = client.post(_api(evaluation, "publish"), data={}, content_type="application/json")
    assert early.status_code == 409
    assert early.json()["code"] == "not_possible"
    assert "notice runs until" in early.json()["detail"]
    # The state: a list on notice is not put on notice again.
    again = client.post(
        _api(evaluation, "notice"),
        data={"notice_from": today.isoformat(), "notice_to": today.isoformat()},
        content_type="application/json",
    )
    assert again.status_code == 409
    objected = client.post(
        _api(evaluation, "object"),
        data={"grade": grade.pk, "raised_by": "员工", "content": "拖欠"},
        content_type="application/json",
    )
    assert objected.status_code == 200, objected.content
    _notice_over(evaluation)
    pending = client.post(_api(evaluation, "publish"), data={}, content_type="application/json")
    assert pending.status_code == 409
    assert "1 pending" in pending.json()["detail"]
    decided = client.post(
        _api(evaluation, "decide"),
        data={"objection": Objection.objects.get().pk, "decision": "upheld", "reply": "属实"},
        content_type="application/json",
    )
    assert decided.status_code == 200, decided.content
    assert EmployerGrade.objects.get(pk=grade.pk).withdrawn
    published = client.post(_api(evaluation, "publish"), data={}, content_type="application/json")
    assert published.status_code == 200
    assert published.json()["state"] == "published"
    # An integration without the department's permission is refused before its input is read.
    integration = world.users["integration"]
    token = account_services.api_token_create(user=integration)
    refused = Client().post(
        _api(evaluation, "regrade"),
        data={},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert refused.status_code in (403, 404)


def test_the_case_page_does_not_grow_with_its_history(
    world: Any, people: dict[str, Any], evaluation: Evaluation
) -> None:
    url = evaluation.get_absolute_url()
    before = queries_of(people["staff"], url)
    grow(evaluation, 200, people["staff"])
    assert queries_of(people["staff"], url) == before


def test_evaluations_graded_before_the_workflow_get_their_known_steps(
    world: Any, people: dict[str, Any]
) -> None:
    staff = people["staff"]
    old = Evaluation.objects.create(
        year=YEAR - 3,
        state="published",
        created_by=staff,
        notice_from=dt.date(YEAR - 2, 3, 1),
        notice_to=dt.date(YEAR - 2, 3, 10),
        published_on=dt.date(YEAR - 2, 3, 20),
    )
    migration = importlib.import_module("hrbureau.compliance.migrations.0004_evaluation_events")
    migration.forward(apps, None)
    migration.forward(apps, None)  # run again: nothing doubled
    events = list(CaseEvent.objects.filter(case_type=LABEL, case_id=old.pk).order_by("id"))
    assert [(e.name, e.actor_id) for e in events] == [
        ("create", staff.pk),
        ("notice", None),
        ("publish", None),
    ]
    assert events[-1].data["on"] == f"{YEAR - 2}-03-20"
