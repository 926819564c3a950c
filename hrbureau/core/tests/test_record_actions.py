"""The actions on records inside a case (a dispute's hearings), shown on the parent's case page
(``core.casepage.record_actions``, ``core/_record_actions.html``): each record with what the reader may
do on it now, from its own workflow; a step declared ``offered=False`` is never offered, nor taken
through core's action page."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.db import models
from django.template.loader import render_to_string
from django.test import RequestFactory

from hrbureau.core import actions, casepage
from hrbureau.core.models import Case
from hrbureau.core.workflow import Workflow


class _States(models.TextChoices):
    BOOKED = "booked"
    HELD = "held"
    OFF = "off"


class _Reader:
    is_authenticated = True

    def __init__(self, *perms: str) -> None:
        self.perms = set(perms)

    def has_perm(self, perm: str) -> bool:
        return perm in self.perms


@pytest.fixture
def workflow(monkeypatch: pytest.MonkeyPatch) -> Workflow:
    flow = Workflow(model=Case, states=_States, initial="booked")
    flow.add(
        "postpone", "Postpone", source={"booked"}, target="off", permission="x.plan", requires_reason=True
    )
    flow.add(
        "cancel",
        "Cancel",
        source={"booked"},
        target="off",
        permission="x.plan",
        guard=lambda record, actor, data: "too late" if record.late else None,
        button="outline-danger",
    )
    flow.add("hold", "Held", source={"booked"}, target="held", permission="x.plan", offered=False)
    monkeypatch.setattr(casepage, "workflow_for", lambda record: flow)
    monkeypatch.setattr(actions, "workflow_for", lambda record: flow)
    return flow


def _record(pk: int, state: str = "booked", late: bool = False) -> Any:
    return SimpleNamespace(pk=pk, state=state, late=late, version=3)


def test_each_record_gets_what_the_reader_may_do_on_it_now(workflow: Workflow) -> None:
    records = [_record(1), _record(2, late=True), _record(3, state="held")]
    rows = casepage.record_actions(records, _Reader("x.plan"))
    assert [row.record.pk for row in rows] == [1, 2, 3]  # the records' own order
    assert {row.case_type for row in rows} == {"core.case"}
    assert [[offer.name for offer in row.offers] for row in rows] == [
        ["postpone", "cancel"],
        ["postpone"],
        [],
    ]
    # "hold" is taken only as part of another action: never offered.
    assert casepage.record_actions(records, _Reader())[0].offers == []


def test_the_template_links_each_action_to_cores_action_page(workflow: Workflow) -> None:
    request = RequestFactory().get("/")
    first, held = casepage.record_actions([_record(7), _record(8, state="held")], _Reader("x.plan"))
    html = render_to_string("core/_record_actions.html", {"entry": first}, request=request)
    assert 'data-record="core.case-7"' in html
    # With input (a reason): a link opening the form in the page's dialog; without: one click, versioned.
    assert 'href="/core/cases/core.case/7/actions/postpone/"' in html
    assert 'hx-target="#action-dialog-body"' in html
    assert 'action="/core/cases/core.case/7/actions/cancel/"' in html
    assert 'name="version" value="3"' in html
    assert "btn-sm" in html
    assert render_to_string("core/_record_actions.html", {"entry": held}, request=request).strip() == ""


@pytest.mark.django_db
def test_steps_of_every_record_come_in_one_query(workflow: Workflow, django_assert_num_queries: Any) -> None:
    from hrbureau.core.models import CaseEvent

    for pk, name, reason in [
        (1, "create", ""),
        (1, "postpone", "回避"),
        (2, "create", ""),
        (9, "postpone", "x"),
    ]:
        CaseEvent.objects.create(case_type="core.case", case_id=pk, name=name, to_state="off", reason=reason)
    with django_assert_num_queries(1):
        first, second = casepage.record_actions([_record(1), _record(2)], _Reader("x.plan"), steps=True)
    assert [e.reason for e in first.steps] == ["回避"]  # after its creation only
    assert first.last_step is not None
    assert first.last_step.name == "postpone"
    assert (second.steps, second.last_step) == ([], None)
    with django_assert_num_queries(0):
        assert casepage.record_actions([_record(1)], _Reader("x.plan"))[0].steps == []
