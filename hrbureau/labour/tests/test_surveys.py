"""Survey tasks on the workflow core (issue 16): recorded surveyed or not through their transitions —
version-checked, each step an event with who and when — from the grid worker's page, from the sample's
page and through the API; and a database from before keeps every task with its history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from hrbureau.core.models import CaseEvent
from hrbureau.core.workflow import ChangedMeanwhile, TransitionError, transition
from hrbureau.labour import sampling
from hrbureau.labour.choices import SurveyState
from hrbureau.labour.models import Sample, SampleMember


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["hrbureau_language"] = "en"
    return client


def _events(member: SampleMember) -> list[tuple[str, str]]:
    return list(
        CaseEvent.objects.filter(case_type="labour.samplemember", case_id=member.pk)
        .order_by("id")
        .values_list("name", "to_state")
    )


def _url(member: SampleMember, name: str) -> str:
    return f"/core/cases/labour.samplemember/{member.pk}/actions/{name}/"


@pytest.fixture
def sample(world: Any, lab: dict[str, Any]) -> Sample:
    return sampling.sample_draw(actor=lab["staff"], name="全区", size=4, seed=3, strata=[])


@pytest.mark.django_db
def test_a_drawn_task_starts_with_its_event_and_lies_with_its_grid(
    world: Any, lab: dict[str, Any], sample: Sample
) -> None:
    mine = sample.members.get(enterprise=world.enterprises["a1"])
    assert (mine.state, mine.version, mine.assigned_unit) == (SurveyState.PENDING, 0, world.units["grid-a1"])
    assert _events(mine) == [("create", SurveyState.PENDING)]
    event = CaseEvent.objects.get(case_type="labour.samplemember", case_id=mine.pk)
    assert event.actor == lab["staff"]


@pytest.mark.django_db
def test_surveyed_not_surveyed_and_reopened_are_transitions_with_events(
    world: Any, lab: dict[str, Any], sample: Sample
) -> None:
    mine = sample.members.get(enterprise=world.enterprises["a1"])
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    # When the grid worker records it surveyed yesterday
    sampling.survey_record(
        actor=lab["grid"], member=mine, state=SurveyState.DONE, note="已填问卷", on=yesterday
    )
    mine.refresh_from_db()
    assert (mine.state, mine.surveyed_on, mine.surveyed_by, mine.version) == (
        SurveyState.DONE,
        yesterday,
        lab["grid"],
        1,
    )
    # Then it cannot be recorded again, only reopened by a planner (the grid worker may not)
    with pytest.raises(TransitionError):
        sampling.survey_record(actor=lab["grid"], member=mine, state=SurveyState.UNREACHABLE, note="关停")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        sampling.survey_reopen(actor=lab["grid"], member=mine, reason="记错了")
    sampling.survey_reopen(actor=lab["staff"], member=mine, reason="记错了企业")
    mine.refresh_from_db()
    assert (mine.state, mine.surveyed_on, mine.surveyed_by, mine.note) == (
        SurveyState.PENDING,
        None,
        None,
        "",
    )
    sampling.survey_record(actor=lab["grid"], member=mine, state=SurveyState.UNREACHABLE, note="企业已搬离")
    assert _events(mine) == [
        ("create", "pending"),
        ("survey", "done"),
        ("reopen", "pending"),
        ("unreachable", "unreachable"),
    ]
    last = CaseEvent.objects.filter(case_type="labour.samplemember", case_id=mine.pk).last()
    assert last is not None
    assert (last.actor, last.reason) == (lab["grid"], "企业已搬离")


@pytest.mark.django_db
def test_a_task_changed_meanwhile_is_not_recorded_twice(
    world: Any, lab: dict[str, Any], sample: Sample
) -> None:
    mine = sample.members.get(enterprise=world.enterprises["a1"])
    stale = SampleMember.objects.get(pk=mine.pk)
    sampling.survey_record(actor=lab["grid"], member=mine, state=SurveyState.DONE)
    # A copy read before (the state it holds still allows it): the version tells.
    with pytest.raises(ChangedMeanwhile):
        transition(stale, "unreachable", actor=lab["grid"], reason="关停")
    assert [name for name, _state in _events(mine)] == ["create", "survey"]


@pytest.mark.django_db
def test_the_grid_worker_records_a_survey_from_their_visits_page(
    world: Any, lab: dict[str, Any], sample: Sample
) -> None:
    mine = sample.members.get(enterprise=world.enterprises["a1"])
    client = _client(lab["grid"])
    page = client.get("/labour/visits/").content.decode()
    assert f'href="{_url(mine, "survey")}?next=/labour/visits/"' in page
    assert 'data-action="unreachable"' in page
    assert 'data-action="reopen"' not in page
    form = client.get(_url(mine, "unreachable"), headers={"HX-Request": "true"}).content.decode()
    assert "Why could it not be surveyed?" in form
    refused = client.post(_url(mine, "unreachable"), {"note": "", "next": "/labour/visits/"})
    assert refused.status_code == 200
    done = client.post(_url(mine, "survey"), {"note": "已填问卷", "next": "/labour/visits/"})
    assert done.status_code == 302
    assert done["Location"] == "/labour/visits/"
    mine.refresh_from_db()
    assert mine.state == SurveyState.DONE
    assert f"survey-{mine.pk}" not in client.get("/labour/visits/").content.decode()
    # Another grid's worker may not touch it; the planner reopens it from the sample's page.
    assert _client(lab["grid_b"]).post(_url(mine, "survey"), {}).status_code == 403
    planner = _client(lab["staff"])
    sample_page = planner.get(f"/labour/samples/{sample.pk}/").content.decode()
    assert f'href="{_url(mine, "reopen")}?next=/labour/samples/{sample.pk}/"' in sample_page
    back = planner.post(_url(mine, "reopen"), {"reason": "问卷无效"})
    assert back.status_code == 302
    assert back["Location"] == f"/labour/samples/{sample.pk}/#member-{mine.pk}"
    mine.refresh_from_db()
    assert mine.state == SurveyState.PENDING


@pytest.mark.django_db
def test_the_api_records_a_survey_under_the_same_rules(
    world: Any, lab: dict[str, Any], sample: Sample
) -> None:
    mine = sample.members.get(enterprise=world.enterprises["a1"])
    other = sample.members.get(enterprise=world.enterprises["b1"])
    client = _client(lab["grid"])
    url = f"/api/v1/survey-tasks/{mine.pk}/actions/"
    assert client.post(f"{url}unreachable", data={}, content_type="application/json").status_code == 422
    done = client.post(f"{url}survey", data={"version": 0}, content_type="application/json")
    assert done.status_code == 200, done.content
    assert done.json()["state"] == SurveyState.DONE
    again = client.post(f"{url}survey", data={}, content_type="application/json")
    assert again.status_code == 409
    stale = _client(lab["staff"]).post(
        f"{url}reopen", data={"reason": "重做", "version": 0}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "changed_meanwhile"
    outside = client.post(
        f"/api/v1/survey-tasks/{other.pk}/actions/survey", data={}, content_type="application/json"
    )
    assert outside.status_code in (403, 404)
    assert [name for name, _state in _events(other)] == ["create"]


# --- a database from before -----------------------------------------------------------------------------

BEFORE = [("labour", "0007_text_index")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def before(transactional_db: Any, world: Any) -> Any:
    apps = _migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_database_from_before_keeps_every_task_with_its_history(before: Any, world: Any) -> None:
    apps = before
    staff, grid = world.users["dept_staff"], world.users["grid_worker"]
    sample = apps.get_model("labour", "Sample").objects.create(
        name="旧样本",
        size=2,
        seed=1,
        strata=[],
        population=2,
        population_digest="x",
        members_digest="y",
        allocation={},
        frame=b"",
        created_by_id=staff.pk,
    )
    Member = apps.get_model("labour", "SampleMember")
    a1, b1 = world.enterprises["a1"], world.enterprises["b1"]
    Member.objects.create(
        sample=sample,
        enterprise_id=a1.pk,
        stratum="",
        street_id=a1.street_id,
        grid_id=a1.grid_id,
        state="done",
        surveyed_on=dt.date(2026, 3, 2),
        surveyed_by_id=grid.pk,
        note="已填",
    )
    Member.objects.create(sample=sample, enterprise_id=b1.pk, stratum="", street_id=b1.street_id)
    _migrate([("labour", "0009_survey_task_events")])
    done = SampleMember.objects.get(enterprise=a1)
    pending = SampleMember.objects.get(enterprise=b1)
    assert (done.state, done.version, done.assigned_unit_id, done.note) == ("done", 1, a1.grid_id, "已填")
    assert (pending.state, pending.version, pending.assigned_unit_id) == ("pending", 0, b1.street_id)
    assert _events(done) == [("create", "pending"), ("survey", "done")]
    assert _events(pending) == [("create", "pending")]
    surveyed = CaseEvent.objects.get(case_type="labour.samplemember", case_id=done.pk, name="survey")
    assert (surveyed.actor_id, surveyed.data["on"]) == (grid.pk, "2026-03-02")
    # Reversible: back to before, the events go, the rows stay.
    _migrate(BEFORE)
    assert not CaseEvent.objects.filter(case_type="labour.samplemember").exists()
    assert apps.get_model("labour", "SampleMember").objects.count() == 2


@pytest.mark.django_db
def test_a_samples_page_lists_and_exports_its_own_tasks_only(world: Any, lab: dict[str, Any]) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    first = sampling.sample_draw(actor=lab["staff"], name="一", size=2, seed=1, strata=[])
    second = sampling.sample_draw(actor=lab["staff"], name="二", size=3, seed=2, strata=[])
    planner = _client(lab["staff"])
    page = planner.get(f"/labour/samples/{first.pk}/?sample={second.pk}").content.decode()
    assert 'data-testid="survey_task-total" data-total="2"' in page
    export = planner.get(f"/labour/samples/{first.pk}/?export=xlsx")
    sheet = load_workbook(BytesIO(b"".join(export.streaming_content))).active  # type: ignore[attr-defined]
    assert sheet is not None
    assert sheet.max_row == 3
    # All tasks, of every sample, on the task list; the grid worker's own only, and no export for them.
    everything = planner.get("/labour/samples/tasks/").content.decode()
    assert 'data-testid="survey_task-total" data-total="5"' in everything
    grid = _client(lab["grid"])
    theirs = grid.get("/labour/samples/tasks/").content.decode()
    mine = SampleMember.objects.filter(grid=world.units["grid-a1"]).count()
    assert f'data-testid="survey_task-total" data-total="{mine}"' in theirs
    assert grid.get("/labour/samples/tasks/?export=xlsx").status_code == 403
