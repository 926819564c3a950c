"""Every declared action as an API endpoint: ``POST /api/v1/<slug>/<id>/actions/<name>`` (DESIGN.md
mechanism 10), so an integration (the city 12345 platform, a court system) acts under the same
permissions, scope and guards as the page, through the same form and service.

The endpoints are made from the workflows' declarations when the API is built: the input schema comes
from the action's form (its fields, labels and help as descriptions), so the OpenAPI document states it;
a form with a file field takes multipart form data, the others JSON. The answer is the case's new state.
A refusal — the state or a guard — is 409 with the reason; a case changed meanwhile (``version``) is 409
with the code ``changed_meanwhile``.

No ``from __future__ import annotations`` here: django-ninja reads the endpoints' signatures, which are
built at run time with real types.
"""

import datetime as dt
import inspect
from typing import Any, Literal

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict
from ninja import File, Form, Router, Schema, Status, UploadedFile
from pydantic import Field, create_model

from hrbureau.core.actions import form_class, form_for, perform
from hrbureau.core.api import ErrorOut, responses
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.workflow import ChangedMeanwhile, Transition, TransitionError, Workflow, workflows


class ActionOut(Schema):
    id: int
    state: str
    state_label: str
    version: int


class ActionRefusedOut(Schema):
    detail: str
    code: str


def _field_type(field: forms.Field) -> tuple[Any, Any]:
    """The schema type of a form field, and its default (``...`` when required)."""
    required = field.required
    if isinstance(field, forms.ModelMultipleChoiceField):
        kind: Any = list[int]
    elif isinstance(field, forms.ModelChoiceField):
        kind = int
    elif isinstance(field, forms.MultipleChoiceField):
        kind = list[str]
    elif isinstance(field, forms.ChoiceField) and not callable(field.choices):
        values = tuple(str(value) for value, _label in field.choices if value not in ("", None))
        kind = Literal[values] if values else str
    elif isinstance(field, forms.BooleanField):
        return bool, False
    elif isinstance(field, forms.IntegerField):
        kind = int
    elif isinstance(field, forms.DateTimeField):
        kind = dt.datetime
    elif isinstance(field, forms.DateField):
        kind = dt.date
    else:
        kind = str
    if required:
        return kind, ...
    return kind | None, None


def input_schema(workflow: Workflow, t: Transition) -> tuple[type[Schema], list[str]]:
    """The action's input as a schema (its file fields apart, which come as multipart parts)."""
    definitions: dict[str, Any] = {}
    files = []
    for name, field in form_class(t).fields_of(t).items():
        if isinstance(field, forms.FileField):
            files.append(name)
            continue
        kind, default = _field_type(field)
        description = " — ".join(str(text) for text in (field.label, field.help_text) if text)
        if name == "version":
            description = "The version of the case you read; if it changed meanwhile, nothing is done (409)."
        extra: dict[str, Any] = {}
        if isinstance(field, forms.CharField) and field.max_length:
            extra["max_length"] = field.max_length
        definitions[name] = (kind, Field(default, description=description or None, **extra))
    model_name = "".join(part.title() for part in f"{workflow.slug}_{t.name}".split("_")) + "In"
    return create_model(model_name, __base__=Schema, **definitions), files


def _form_data(payload: Schema) -> MultiValueDict[str, Any]:
    data: MultiValueDict[str, Any] = MultiValueDict()
    for name, value in payload.model_dump().items():
        if value is None or value is False:
            continue
        if isinstance(value, list):
            data.setlist(name, [str(item) for item in value])
        elif value is True:
            data[name] = "on"
        elif isinstance(value, dt.datetime):
            if timezone.is_aware(value):
                value = timezone.make_naive(value)  # as the page's field reads it: local time
            data[name] = value.strftime("%Y-%m-%dT%H:%M:%S")
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    return data


def _checker(workflow: Workflow, t: Transition) -> Any:
    def allowed_case(request: HttpRequest, user: Any, case_id: Any = None) -> Any:
        """The case, once the user may see it (else 404 or 403) and holds the action's permission (else
        403) — checked before the body is read, so that nobody learns what it should hold. A case id
        that is no number is left to the schema's check (422)."""
        case = getattr(request, "_action_case", None)
        if case is not None:
            return case
        if case_id is None:
            raw = str((request.resolver_match.kwargs if request.resolver_match else {}).get("case_id", ""))
            if not (raw.isdigit() and len(raw) < 19):
                return None
            case_id = int(raw)
        if not 0 < case_id < 2**63:
            raise Http404
        case = get_for_user_or_404(workflow.model._default_manager.all(), user, pk=case_id)
        if t.permission is None or not user.has_perm(t.permission):
            raise PermissionDenied(t.permission or t.name)
        request._action_case = case  # type: ignore[attr-defined]
        return case

    return allowed_case


def _checked_auth(auth: Any, check: Any) -> Any:
    """``auth`` (a django-ninja authentication), that also runs ``check(request, user)`` on the user it
    finds: the endpoint's permission and scope, before django-ninja reads the body."""
    base = type(auth)

    def authenticate(self: Any, request: HttpRequest, *args: Any) -> Any:
        user = base.authenticate(self, request, *args)
        if user is not None:
            check(request, user)
        return user

    checked: Any = type(base.__name__, (base,), {"authenticate": authenticate})
    instance = checked.__new__(checked)
    instance.__dict__.update(auth.__dict__)
    return instance


def _endpoint(workflow: Workflow, t: Transition) -> Any:
    schema, file_fields = input_schema(workflow, t)
    _allowed_case = _checker(workflow, t)

    def act(request: HttpRequest, case_id: int, payload: Any, **uploads: Any) -> Any:
        user = request.auth  # type: ignore[attr-defined]
        case = _allowed_case(request, user, case_id)
        files = MultiValueDict({name: [upload] for name, upload in uploads.items() if upload is not None})
        form = form_for(case, t.name, user, _form_data(payload), files)
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        try:
            perform(case, t.name, user, form)
        except ChangedMeanwhile as error:
            return Status(409, {"detail": error.message, "code": "changed_meanwhile"})
        except TransitionError as error:
            return Status(409, {"detail": error.message, "code": "not_possible"})
        case.refresh_from_db()
        return {
            "id": case.pk,
            "state": case.state,
            "state_label": str(workflow.states(case.state).label),
            "version": case.version,
        }

    parameters = [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=HttpRequest),
        inspect.Parameter("case_id", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=int),
    ]
    if file_fields:
        parameters.append(
            inspect.Parameter("payload", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Form[schema])  # type: ignore[misc, valid-type]
        )
        for name in file_fields:
            parameters.append(
                inspect.Parameter(
                    name,
                    inspect.Parameter.POSITIONAL_OR_KEYWORD,
                    annotation=File[UploadedFile],
                    default=None,
                )
            )
    else:
        parameters.append(
            inspect.Parameter("payload", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=schema)
        )
    act.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    act.__name__ = f"{workflow.slug}_{t.name}"
    act.__annotations__ = {}
    return act


def action_router(auth: list[Any]) -> Router:
    """One endpoint per action a user may take, for every declared workflow; ``auth`` the API's
    authentications, to which each endpoint adds its own check of permission and scope."""
    router = Router(tags=["actions"])
    with translation.override("en"):
        _add_endpoints(router, auth)
    return router


def _add_endpoints(router: Router, auth: list[Any]) -> None:
    for workflow in workflows():
        for t in workflow.transitions.values():
            if t.permission is None or not t.offered or t.name not in workflow.performers:
                continue
            states = ", ".join(sorted(t.source))
            router.post(
                f"/{workflow.slug}/{{case_id}}/actions/{t.name}",
                response=responses(ActionOut, detail=True, extra={409: ActionRefusedOut}),
                summary=f"{workflow.model._meta.verbose_name}: {t.label}",
                description=(
                    f"Needs the permission `{t.permission}`; possible in the states {states}."
                    + (
                        " Multipart form data (it takes a file)."
                        if t.requires_file
                        or any(isinstance(f, forms.FileField) for f in form_class(t).fields_of(t).values())
                        else ""
                    )
                ),
                operation_id=f"{workflow.slug}_{t.name}",
                auth=[_checked_auth(a, _checker(workflow, t)) for a in auth],
            )(_endpoint(workflow, t))


__all__ = ["ErrorOut", "action_router"]
