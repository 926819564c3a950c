"""Actions on a case, from its workflow's declarations (DESIGN.md mechanism 10).

Each transition declares its input next to its guard (``Workflow.add(..., form=SomeForm)``) and the
service that performs it (``@WORKFLOW.performs(name, case="order")`` on the service). From these, core
gives every case type, without code of its own:

- the actions on the case page (``offers``): the likely next steps as buttons, the rest in a menu, each
  opening its form in a dialog (the same form on a page of its own without JavaScript);
- one dispatch (``perform``), used by the page (``core.views.case_action``) and by the API
  (``POST /api/v1/<slug>/<id>/actions/<name>``, ``core.actions_api``): the form checks the input, the
  service acts through ``transition()``, which checks permission, scope, state and guard.

A form's field names are the service's keywords. The reason a transition requires and the file it requires
are fields core adds when the declared form has none (``reason``, ``file``); a form whose reason is called
otherwise says so with ``reason_field``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core.forms import StyledFormMixin
from hrbureau.core.workflow import ChangedMeanwhile, Transition, workflow_for

# How many of the likely next steps are shown as buttons; the rest go in the menu.
PRIMARY_COUNT = 2


class ActDayField(forms.DateField):
    """The day an act took place: today unless an earlier day is entered (a clerk recording yesterday's
    hearing); never a day to come."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("Done on"))
        kwargs.setdefault("required", False)  # left empty: today
        kwargs.setdefault("initial", timezone.localdate)
        kwargs.setdefault("help_text", gettext_lazy("Today, unless it was done on an earlier day."))
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, dt.date) and value > timezone.localdate():
            raise ValidationError(_("This day has not come yet."), code="future")


class OwnRecordField(forms.ModelChoiceField):
    """A choice among the reader's own records of the case (the documents served on them, their party):
    only theirs are offered. Another's record of the same case, sent anyway, is refused as a permission
    (403, audited) — a record about a party is not that party's — not as a slip of the hand."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", None)
        super().__init__(**kwargs)
        self.of_case: Any = None

    def offer(self, *, own: Any, of_case: Any) -> None:
        self.queryset = own
        self.of_case = of_case

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except ValidationError:
            if value not in self.empty_values and self.of_case is not None:
                try:
                    theirs = self.of_case.filter(pk=value).exists()
                except (TypeError, ValueError):
                    theirs = False
                if theirs:
                    raise PermissionDenied("a record of another party") from None
            raise


class ActionForm(StyledFormMixin, forms.Form):
    """The input of one action, built for a case and the user acting: choices and defaults may depend
    on them (``setup``). ``arguments()`` is what the service is given."""

    # The field that carries the reason the transition requires, when it is not called "reason".
    reason_field = "reason"
    # What the reason field is called on this action (a label of the form's own, e.g. "Explanation").
    reason_label: Any = None

    def __init__(self, *args: Any, case: Any, user: Any, transition: Transition, **kwargs: Any) -> None:
        self.case, self.user, self.transition = case, user, transition
        super().__init__(*args, **kwargs)
        self.fields.update(self.core_fields(transition, declared=self.fields))
        self.fields["version"].initial = getattr(case, "version", None)
        self.setup()
        self.apply_styles()

    @classmethod
    def core_fields(cls, t: Transition, *, declared: Any) -> dict[str, forms.Field]:
        """The fields core adds to the declared ones: the version of the case read, and the reason and
        the file the transition requires."""
        added: dict[str, forms.Field] = {
            # The version of the case the reader saw: acting on a case changed meanwhile is refused.
            "version": forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0),
        }
        if t.requires_reason and cls.reason_field not in declared:
            added["reason"] = forms.CharField(
                label=cls.reason_label or gettext_lazy("Reason"),
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=4000,
            )
        if t.requires_file and "file" not in declared:
            added["file"] = forms.FileField(label=gettext_lazy("File"))
        return added

    @classmethod
    def fields_of(cls, t: Transition) -> dict[str, forms.Field]:
        """The input of the action as declared, without a case (for the API's schema)."""
        fields = dict(cls.base_fields)
        fields.update(cls.core_fields(t, declared=fields))
        return fields

    def setup(self) -> None:
        """Set the choices and defaults that depend on the case or the user."""

    def done_message(self, result: Any) -> str | None:
        """Something the reader should know about what the service did (shown with "done")."""
        return None

    def arguments(self) -> dict[str, Any]:
        """The service's keywords: the cleaned fields (the version aside)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}

    @property
    def asks_for_input(self) -> bool:
        return any(not field.widget.is_hidden for field in self.fields.values())


def form_for(case: Any, name: str, user: Any, data: Any = None, files: Any = None) -> ActionForm:
    """The form of the action ``name`` on ``case`` for ``user``: blank, or bound to what was sent."""
    t = workflow_for(case).transitions[name]
    if data is None:
        return form_class(t)(case=case, user=user, transition=t)
    return form_class(t)(data, files, case=case, user=user, transition=t)


def form_class(t: Transition) -> type[ActionForm]:
    return t.form or ActionForm


def asks_for_input(t: Transition) -> bool:
    """Whether the action has a form to fill (a dialog), or is taken with one click."""
    return any(not f.widget.is_hidden for f in form_class(t).fields_of(t).values())


@dataclass(frozen=True)
class Offer:
    """An action the reader may take now, as the case page shows it."""

    transition: Transition
    primary: bool

    @property
    def name(self) -> str:
        return self.transition.name

    @property
    def label(self) -> Any:
        return self.transition.label

    @property
    def button(self) -> str:
        return self.transition.button

    @property
    def needs_dialog(self) -> bool:
        return asks_for_input(self.transition)


def offers(case: Any, user: Any, *, area: str = "workbench") -> list[Offer]:
    """The actions ``user`` may take on ``case`` now, in declaration order; the first ones declared with
    the primary button are the likely next steps (at most ``PRIMARY_COUNT``), the others go in the menu."""
    result = []
    primaries = 0
    for t in workflow_for(case).available(case, user, area=area):
        primary = t.button == "primary" and primaries < PRIMARY_COUNT
        primaries += primary
        result.append(Offer(transition=t, primary=primary))
    return result


def refusal(case: Any, name: str, user: Any) -> str | None:
    """Why the action cannot be taken now (the case's state, or the guard's reason), or None."""
    workflow = workflow_for(case)
    t = workflow.transitions[name]
    if case.state not in t.source:
        return _("This case is now “%(state)s”; “%(action)s” is not possible.") % {
            "state": workflow.states(case.state).label,
            "action": t.label,
        }
    if t.guard is not None:
        reason = t.guard(case, user, {})
        if reason is not None:
            return str(reason)
    return None


def perform(case: Any, name: str, user: Any, form: ActionForm) -> Any:
    """Take the action ``name`` on ``case`` with the checked ``form`` through the service registered for
    it. A version the reader saw that is no longer the case's: changed meanwhile, nothing done. Raises
    ``TransitionError`` or ``ValidationError`` (``core.forms.apply_errors`` puts it onto the form) or
    ``PermissionDenied``."""
    version = form.cleaned_data.get("version")
    if version is not None and version != case.version:
        raise ChangedMeanwhile(_("This case was changed by someone else meanwhile. Reload it and try again."))
    workflow = workflow_for(case)
    try:
        service = workflow.performers[name]
    except KeyError:
        raise ImproperlyConfigured(f"{workflow.label}.{name}: no service performs it") from None
    arguments = form.arguments()
    if form.reason_field != "reason":
        arguments.pop("reason", None)
    return service(case, user, arguments)
