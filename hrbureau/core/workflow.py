"""Declared workflows and ``transition()``, the only way a case changes state (DESIGN.md mechanism 1).

Each case type declares, in one place, its states (a ``TextChoices`` with a comment on each state) and
its transitions: name, from-states, to-state, the permission that allows it, a guard, and the data it
requires (a reason, a file). ``transition(case, name, actor=..., ...)``:

1. checks the case is in a from-state, the actor holds the permission and may see the case, the
   required data is there and the guard passes;
2. updates the row on the condition of the old state *and version*, so of two people acting at once
   exactly one succeeds and the other gets ``ChangedMeanwhile`` ("changed meanwhile, reload");
3. writes an append-only ``CaseEvent`` (actor, from, to, reason, data, time) and runs the workflow's
   effects for that transition in the same transaction (clocks, assignment, notifications);
4. runs after-commit hooks once the transaction commits (messages go out, tasks are queued).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from hrbureau.core.models import Case, CaseEvent
from hrbureau.core.navigation import forget_counts
from hrbureau.core.scoping import may_see

SYSTEM = None  # the actor of transitions the platform makes by itself (the deadline sweep)


class TransitionError(Exception):
    """A transition that cannot happen now; ``message`` is translated and meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ChangedMeanwhile(TransitionError):
    """Someone else changed the case between reading and acting on it."""


def error_message(error: Exception) -> str:
    """What to tell the user when an action was refused: a transition's reason or a validation's messages."""
    from django.core.exceptions import ValidationError

    if isinstance(error, TransitionError):
        return error.message
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


Guard = Callable[[Any, Any, dict[str, Any]], "str | Promise | None"]


@dataclass(frozen=True)
class Transition:
    name: str
    label: str | Promise
    source: frozenset[str]
    # None: the case stays in its state (an action recorded on the case: an extension, a suspension,
    # a served document) — still version-checked and written as an event like any transition.
    target: str | None
    # A declared permission; None for transitions only the platform itself makes.
    permission: str | None
    guard: Guard | None = None
    requires_reason: bool = False
    requires_file: bool = False
    # Whether the actor must be able to see the case (everyone but the platform itself).
    button: str = "primary"  # how the action is shown on the case page
    # "citizen" transitions are offered on the portal, the others on the workbench.
    area: str = "workbench"
    # The input the action asks for: a ``core.actions.ActionForm`` (fields, labels, help, defaults). None
    # asks for nothing beyond the reason or file the transition requires (see ``core.actions``).
    form: Any = None
    # False for a step taken only as part of another case's action (a hearing is held when its dispute's
    # "hearing held" is recorded): never offered as an action of its own, still checked and recorded.
    offered: bool = True


@dataclass
class TransitionContext:
    """What an effect sees: the case (already in its new state), the event, and what was given."""

    case: Any
    transition: Transition
    actor: Any
    from_state: str
    reason: str
    data: dict[str, Any]
    event: CaseEvent
    attachment: Any = None


Effect = Callable[[TransitionContext], None]


@dataclass(frozen=True)
class PartiesView:
    """The plain-language progress a party reads on the portal (see ``Workflow.for_parties``)."""

    states: dict[str, str | Promise]
    told: dict[str, str | Promise | None]
    clocks: frozenset[str]


@dataclass
class Workflow:
    model: type[Case]
    states: type[models.TextChoices]
    initial: str
    transitions: dict[str, Transition] = field(default_factory=dict)
    # States in which the assigned unit must act (they make the case appear in "my to-do").
    todo_states: frozenset[str] = frozenset()
    final_states: frozenset[str] = frozenset()
    # A boolean field of the model whose true rows head "my to-do" whatever their due date (a collective
    # labour dispute is registered and handled first), with the label its badge shows.
    todo_first: str | None = None
    todo_first_label: Any = None
    effects: dict[str, list[Effect]] = field(default_factory=dict)
    after_commit: dict[str, list[Effect]] = field(default_factory=dict)
    # What the parties see on the portal (``for_parties``): None shows them every step as staff see it.
    parties_view: PartiesView | None = None
    # The case type in addresses: /cases/<slug>/<id>/actions/<name>/ and /api/v1/<slug>/<id>/actions/<name>.
    slug: str = ""
    # The service that performs each transition (``performs``); see ``core.actions.perform``.
    performers: dict[str, Callable[..., Any]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def for_parties(
        self,
        *,
        states: dict[str, str | Promise],
        told: dict[str, str | Promise | None],
        clocks: Iterable[str],
    ) -> None:
        """Declare what a party sees of a case on the portal: ``states`` gives plain names to the
        states (several internal ones may share a name — dispatched, returned and signed for all read
        "being handled", so routing between units is one step); ``told`` names the steps the parties
        are told of with their reason and files (a plain title, or None for the state's plain name);
        ``clocks`` the time limits shown to them. Other steps show only as a change of plain state."""
        unknown = (set(states) - set(self.states.values)) | (set(told) - set(self.transitions) - {"create"})
        if unknown:
            raise ValueError(f"{self.label}: unknown states or transitions {sorted(unknown)}")
        self.parties_view = PartiesView(states=dict(states), told=dict(told), clocks=frozenset(clocks))

    def party_state_label(self, state: str) -> str:
        """The name of ``state`` as the parties read it."""
        if self.parties_view is not None and state in self.parties_view.states:
            return str(self.parties_view.states[state])
        return str(self.states(state).label)

    def add(
        self,
        name: str,
        label: str | Promise,
        *,
        source: Iterable[str],
        target: str | None,
        permission: str | None,
        guard: Guard | None = None,
        requires_reason: bool = False,
        requires_file: bool = False,
        button: str = "primary",
        area: str = "workbench",
        form: Any = None,
        offered: bool = True,
    ) -> Transition:
        sources = frozenset(source)
        unknown = (sources | ({target} if target is not None else set())) - set(self.states.values)
        if unknown:
            raise ValueError(f"{self.label}.{name}: unknown states {sorted(unknown)}")
        if name in self.transitions:
            raise ValueError(f"{self.label}: transition {name!r} declared twice")
        declared = Transition(
            name=name,
            label=label,
            source=sources,
            target=target,
            permission=permission,
            guard=guard,
            requires_reason=requires_reason,
            requires_file=requires_file,
            button=button,
            area=area,
            form=form,
            offered=offered,
        )
        self.transitions[name] = declared
        return declared

    def effect(self, *names: str) -> Callable[[Effect], Effect]:
        """Register a function run inside the transition's transaction, after the state changed."""

        def register(fn: Effect) -> Effect:
            for name in names:
                self._check(name)
                self.effects.setdefault(name, []).append(fn)
            return fn

        return register

    def on_commit(self, *names: str) -> Callable[[Effect], Effect]:
        """Register a function run after the transition's transaction commits."""

        def register(fn: Effect) -> Effect:
            for name in names:
                self._check(name)
                self.after_commit.setdefault(name, []).append(fn)
            return fn

        return register

    def performs(
        self, *names: str, case: str, **fixed: Any
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Register the service that performs the transitions ``names`` when a user takes them as an
        action (on the case page or through the API). The service is called with ``actor``, the case as
        the keyword ``case`` names, the ``fixed`` arguments, and the cleaned fields of the action's form
        (a form's field names are the service's keywords)::

            @WORKFLOW.performs("dispatch", case="order")
            @WORKFLOW.performs("rule", case="order", ruling=True)
            def workorder_dispatch(*, actor, order, unit, reason="", ruling=False): ...
        """

        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            for name in names:
                self._check(name)
                if name in self.performers:
                    raise ValueError(f"{self.label}: transition {name!r} has two services")

                def perform(instance: Any, actor: Any, arguments: dict[str, Any], fn: Any = fn) -> Any:
                    return fn(actor=actor, **{case: instance}, **fixed, **arguments)

                self.performers[name] = perform
            return fn

        return register

    def performs_plainly(self, *names: str) -> None:
        """Transitions that need no service: the reason, the file and the other fields of the action's
        form are recorded on the event."""
        for name in names:
            self._check(name)
            if name in self.performers:
                raise ValueError(f"{self.label}: transition {name!r} has two services")

            def perform(instance: Any, actor: Any, arguments: dict[str, Any], name: str = name) -> Any:
                arguments = dict(arguments)
                reason = arguments.pop("reason", "")
                attachment = arguments.pop("file", None)
                return transition(
                    instance, name, actor=actor, reason=reason, data=arguments, attachment=attachment
                )

            self.performers[name] = perform

    def _check(self, name: str) -> None:
        if name not in self.transitions:
            raise ValueError(f"{self.label}: no transition {name!r}")

    def available(self, case: Any, actor: Any, *, area: str | None = None) -> list[Transition]:
        """The transitions ``actor`` may take on ``case`` now (for the buttons on the case page)."""
        result = []
        for t in self.transitions.values():
            if case.state not in t.source or t.permission is None or not t.offered:
                continue
            if area is not None and t.area != area:
                continue
            if not actor.has_perm(t.permission):
                continue
            if t.guard is not None and t.guard(case, actor, {}) is not None:
                continue
            result.append(t)
        return result

    def mermaid(self) -> str:
        """The workflow as a Mermaid state diagram, for docs/workflows/."""
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial}"]
        for t in self.transitions.values():
            for source in sorted(t.source):
                lines.append(f"    {source} --> {t.target or source}: {t.name}")
        for final in sorted(self.final_states):
            lines.append(f"    {final} --> [*]")
        return "\n".join(lines) + "\n"


_REGISTRY: dict[str, Workflow] = {}


def declare_workflow(
    model: type[Case],
    *,
    states: type[models.TextChoices],
    initial: str,
    todo_states: Iterable[str] = (),
    final_states: Iterable[str] = (),
    todo_first: str | None = None,
    todo_first_label: Any = None,
    slug: str = "",
) -> Workflow:
    label = model._meta.label_lower
    if label in _REGISTRY:
        raise ValueError(f"workflow for {label} declared twice")
    workflow = Workflow(
        model=model,
        states=states,
        initial=initial,
        todo_states=frozenset(todo_states),
        final_states=frozenset(final_states),
        todo_first=todo_first,
        todo_first_label=todo_first_label,
        slug=slug or f"{model._meta.model_name}s",
    )
    if any(w.slug == workflow.slug for w in _REGISTRY.values()):
        raise ValueError(f"two workflows named {workflow.slug!r} in addresses")
    _REGISTRY[label] = workflow
    return workflow


def act_day(ctx_or_data: Any) -> dt.date:
    """The day an act took place: the ``on`` a service put in the transition's data, else today."""
    data = ctx_or_data.data if hasattr(ctx_or_data, "data") else ctx_or_data
    on = data.get("on")
    return on if isinstance(on, dt.date) else timezone.localdate()


def workflow_for(case_or_model: Any) -> Workflow:
    return _REGISTRY[case_or_model._meta.label_lower]


def workflow_by_slug(slug: str) -> Workflow | None:
    return next((w for w in _REGISTRY.values() if w.slug == slug), None)


def workflows() -> list[Workflow]:
    return [_REGISTRY[label] for label in sorted(_REGISTRY)]


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def _check_allowed(case: Any, t: Transition, actor: Any) -> None:
    if t.permission is None:
        if actor is not SYSTEM:
            raise PermissionDenied(f"{t.name} is made by the platform only")
        return
    if actor is None or not actor.has_perm(t.permission):
        raise PermissionDenied(t.permission)
    # From the case's own columns where its scope path is one (a stale copy is caught by the
    # version condition of the update), else one query.
    if not may_see(actor, case):
        raise PermissionDenied("case outside the actor's scope")


def transition(
    case: Any,
    name: str,
    *,
    actor: Any,
    reason: str = "",
    data: dict[str, Any] | None = None,
    fields: dict[str, Any] | None = None,
    attachment: Any = None,
) -> CaseEvent:
    """Move ``case`` along the transition ``name``; see the module docstring for what it guarantees.

    ``fields`` are other columns the same conditional update writes (the unit a case is dispatched to,
    a counter); ``data`` is recorded on the event; ``attachment`` an uploaded file the transition
    requires or accepts (stored with ``core.attachments``).
    """
    workflow = workflow_for(case)
    t = workflow.transitions.get(name)
    if t is None:
        raise TransitionError(_("Unknown action."))
    _check_allowed(case, t, actor)
    states = workflow.states
    if case.state not in t.source:
        raise TransitionError(
            _("This case is now “%(state)s”; “%(action)s” is not possible.")
            % {"state": states(case.state).label, "action": t.label}
        )
    reason = (reason or "").strip()
    data = dict(data or {})
    if t.requires_reason and not reason:
        raise TransitionError(_("“%(action)s” needs a reason.") % {"action": t.label})
    if t.requires_file and attachment is None:
        raise TransitionError(_("“%(action)s” needs a file.") % {"action": t.label})
    if t.guard is not None:
        refusal = t.guard(case, actor, data)
        if refusal is not None:
            raise TransitionError(str(refusal))

    from_state = case.state
    target = t.target or from_state
    updates: dict[str, Any] = dict(fields or {})
    with transaction.atomic():
        changed = (
            type(case)
            ._base_manager.filter(pk=case.pk, state=from_state, version=case.version)
            .update(state=target, version=F("version") + 1, updated_at=timezone.now(), **updates)
        )
        if changed != 1:
            raise ChangedMeanwhile(
                _("This case was changed by someone else meanwhile. Reload it and try again.")
            )
        case.state = target
        case.version += 1
        for attname, value in updates.items():
            setattr(case, attname, value)
        event = CaseEvent.objects.create(
            case_type=workflow.label,
            case_id=case.pk,
            name=t.name,
            from_state=from_state,
            to_state=target,
            actor=actor,
            actor_name=(actor.get_full_name() if actor is not None else "")[:150],
            reason=reason,
            data=_json_safe(data),
        )
        stored = None
        if attachment is not None:
            from hrbureau.core.attachments import attachment_add

            stored = attachment_add(case=case, upload=attachment, actor=actor, event=event)
        context = TransitionContext(
            case=case,
            transition=t,
            actor=actor,
            from_state=from_state,
            reason=reason,
            data=data,
            event=event,
            attachment=stored,
        )
        for effect in workflow.effects.get(name, []):
            effect(context)
        # The actor's own to-do badge follows their action at once.
        transaction.on_commit(lambda: forget_counts(actor))
        for hook in workflow.after_commit.get(name, []):
            transaction.on_commit(lambda hook=hook: hook(context))  # type: ignore[misc]
    return event


def create_case(case: Any, *, actor: Any, data: dict[str, Any] | None = None, reason: str = "") -> CaseEvent:
    """Save a new case in its workflow's initial state and record its creation as the first event."""
    workflow = workflow_for(case)
    case.state = workflow.initial
    case.version = 0
    with transaction.atomic():
        case.save()
        return CaseEvent.objects.create(
            case_type=workflow.label,
            case_id=case.pk,
            name="create",
            from_state="",
            to_state=workflow.initial,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            actor_name=(actor.get_full_name() if getattr(actor, "is_authenticated", False) else "")[:150],
            reason=reason,
            data=_json_safe(data or {}),
        )


def case_events(case: Any) -> models.QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(case_type=case._meta.label_lower, case_id=case.pk).order_by(
        "created_at", "id"
    )
