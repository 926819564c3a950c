"""What every case model offers the shared pages: an address (a to-do item, a notice, a search hit links
to it) and its state's label as its workflow declares it."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils import translation

from hrbureau.core.models import Case
from hrbureau.core.workflow import workflow_for


def _case_models() -> list[type[Case]]:
    return [m for m in apps.get_models() if issubclass(m, Case)]


def test_every_case_model_has_an_address() -> None:
    missing = [m._meta.label for m in _case_models() if not hasattr(m, "get_absolute_url")]
    assert missing == []


def test_a_cases_state_label_is_its_workflows_in_the_readers_language(db: Any) -> None:
    checked = 0
    for model in _case_models():
        try:
            workflow = workflow_for(model)
        except KeyError:
            continue
        state, label = workflow.states.choices[0]
        case = model(state=state)
        with translation.override("en"):
            assert case.get_state_display() == str(label)
        checked += 1
    assert checked > 20
    assert _case_models()[0](state="no-such-state").get_state_display() == "no-such-state"
