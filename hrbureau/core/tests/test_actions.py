"""The action declarations hold together for every workflow (DESIGN.md mechanism 10): each action a user
may take has its service and a form that builds, and an API endpoint stating its input."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import models

from hrbureau.core.actions import ActionForm, asks_for_input, form_class
from hrbureau.core.workflow import Workflow, workflows

# Case types whose pages still dispatch by hand (none since labour's risks moved onto core's actions in
# issue 16). A case type listed here must leave the list as soon as its actions are declared.
NOT_YET: set[str] = set()


def _user_transitions(workflow: Workflow) -> list[Any]:
    # A step taken only as part of another case's action (``offered=False``) is no action of its own.
    return [t for t in workflow.transitions.values() if t.permission is not None and t.offered]


@pytest.mark.parametrize("workflow", workflows(), ids=lambda w: w.label)
def test_every_action_a_user_takes_has_its_service_and_a_form(workflow: Workflow) -> None:
    missing = [t.name for t in _user_transitions(workflow) if t.name not in workflow.performers]
    if workflow.label in NOT_YET:
        assert missing, f"{workflow.label} is done: take it off NOT_YET"
        return
    assert missing == []
    for t in _user_transitions(workflow):
        assert issubclass(form_class(t), ActionForm)
        fields = form_class(t).fields_of(t)
        assert "version" in fields
        if t.requires_reason:
            assert form_class(t).reason_field in fields, t.name
        assert asks_for_input(t) == any(not f.widget.is_hidden for f in fields.values())


def test_the_api_has_an_endpoint_for_every_declared_action(client: Any) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    declared = {
        f"/api/v1/{w.slug}/{{case_id}}/actions/{t.name}"
        for w in workflows()
        for t in _user_transitions(w)
        if t.name in w.performers
    }
    assert declared
    assert declared <= set(paths)
    assert {p for p in paths if "/actions/" in p} == declared


class _States(models.TextChoices):
    OPEN = "open"
    DONE = "done"


def test_a_service_is_registered_once_and_only_for_a_declared_transition() -> None:
    from hrbureau.core.models import Case

    workflow = Workflow(model=Case, states=_States, initial="open")
    workflow.add("close", "Close", source={"open"}, target="done", permission="x.close")
    workflow.performs("close", case="case")(lambda **kwargs: kwargs)
    with pytest.raises(ValueError, match="two services"):
        workflow.performs_plainly("close")
    with pytest.raises(ValueError, match="no transition"):
        workflow.performs("reopen", case="case")(lambda **kwargs: kwargs)
    # The service gets the actor, the case under its own keyword, the fixed and the form's arguments.
    assert workflow.performers["close"]("C", "A", {"reason": "r"}) == {
        "actor": "A",
        "case": "C",
        "reason": "r",
    }
