"""Scoping: the one way every list, detail page and API endpoint narrows records to a user (mechanism 9).

A model that holds scoped records declares ``scope_paths`` — where, from the record, to find its street,
grid, enterprise and person — and uses ``ScopedQuerySet`` (or ``ScopedManager``). ``for_user(user)`` then
returns exactly the rows the user may see:

* no view permission for the model (``<app>.view_<model>``) → nothing;
* a district-wide role → everything;
* street staff → rows whose street is theirs; grid workers → their grid;
* an enterprise user → rows of their enterprise; an individual → their own rows — what the model's
  ``enterprise`` and ``person`` paths call theirs: for a complaint, the party that raised it, never the
  party it is about (a record *about* a party is not that party's own; DESIGN.md mechanism 9);
* a scope kind the model does not declare a path for → nothing (deny by default).

Views and the API never query a scoped model around ``for_user``; the permission-matrix test checks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

DISTRICT = "district"
STREET = "street"
GRID = "grid"
ENTERPRISE = "enterprise"
PERSON = "person"
NOTHING = "nothing"


@dataclass(frozen=True)
class Scope:
    """How far one user's view reaches, and the identifiers it is bound to."""

    kind: str
    unit_id: int | None = None
    enterprise_id: int | None = None
    person_id: int | None = None


@dataclass(frozen=True)
class ScopePaths:
    """Lookups from a record to the ids its scope is judged by; a tuple means "any of these"."""

    street: str | tuple[str, ...] | None = None
    grid: str | tuple[str, ...] | None = None
    enterprise: str | tuple[str, ...] | None = None
    person: str | tuple[str, ...] | None = None
    # Some reference records (the organisation tree) are visible in full to anyone allowed to view them.
    unrestricted: bool = False
    # Set when a path crosses a to-many relation, so a row may appear more than once.
    distinct: bool = False
    # The permission that lets one view these records, when it is not ``<app>.view_<model>`` (a register
    # whose permission is named for what it is, such as ``hrmarket.view_agency``).
    permission: str | None = None


class ScopedUser(Protocol):
    is_authenticated: bool
    is_active: bool

    @property
    def scope(self) -> Scope: ...

    def has_perm(self, perm: str, obj: Any = None) -> bool: ...


def view_permission(model: type[models.Model]) -> str:
    declared: ScopePaths | None = getattr(model, "scope_paths", None)
    if declared is not None and declared.permission:
        return declared.permission
    return f"{model._meta.app_label}.view_{model._meta.model_name}"


def _path_filter(path: str | tuple[str, ...], value: int) -> tuple[Q, bool]:
    lookups = (path,) if isinstance(path, str) else path
    condition = Q()
    for lookup in lookups:
        condition |= Q(**{lookup: value})
    # OR-ing several relations can repeat a row; a single forward lookup cannot.
    return condition, len(lookups) > 1


_M = TypeVar("_M", bound=models.Model)


_ALL, _NONE = "all", "none"


def _scope_target(model: type[models.Model], user: Any, permission: str | None) -> Any:
    """What ``user`` may see of ``model``: everything, nothing, or (path, value)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return _NONE
    if not user.has_perm(permission or view_permission(model)):
        return _NONE
    paths: ScopePaths = getattr(model, "scope_paths", ScopePaths())
    scope: Scope = user.scope
    if scope.kind == DISTRICT or paths.unrestricted:
        return _ALL
    path: str | tuple[str, ...] | None
    value: int | None
    if scope.kind == STREET:
        path, value = paths.street, scope.unit_id
    elif scope.kind == GRID:
        path, value = paths.grid, scope.unit_id
    elif scope.kind == ENTERPRISE:
        path, value = paths.enterprise, scope.enterprise_id
    elif scope.kind == PERSON:
        path, value = paths.person, scope.person_id
    else:
        return _NONE
    if path is None or value is None:
        return _NONE
    return path, value


def scope_queryset(
    queryset: models.QuerySet[_M], user: Any, *, permission: str | None = None
) -> models.QuerySet[_M]:
    target = _scope_target(queryset.model, user, permission)
    if target == _ALL:
        return queryset
    if target == _NONE:
        return queryset.none()
    path, value = target
    paths: ScopePaths = getattr(queryset.model, "scope_paths", ScopePaths())
    condition, needs_distinct = _path_filter(path, value)
    scoped = queryset.filter(condition)
    return scoped.distinct() if needs_distinct or paths.distinct else scoped


def may_see(user: Any, obj: models.Model) -> bool:
    """Whether ``user`` may see the saved record ``obj`` — from the record's own columns when its scope
    path is one of them (no query), else by asking the database through ``scope_queryset``."""
    target = _scope_target(type(obj), user, None)
    if target in (_ALL, _NONE):
        return target == _ALL
    path, value = target
    if isinstance(path, str) and "__" not in path:
        return bool(getattr(obj, path) == value)
    return scope_queryset(type(obj)._default_manager.filter(pk=obj.pk), user).exists()


class ScopedQuerySet(models.QuerySet[_M]):
    def for_user(self, user: Any, *, permission: str | None = None) -> ScopedQuerySet[_M]:
        return scope_queryset(self, user, permission=permission)  # type: ignore[return-value]


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


def get_for_user_or_404(queryset: models.QuerySet[_M], user: Any, **lookup: Any) -> _M:
    """The one record ``lookup`` names, if ``user`` may see it.

    404 when no such record exists; 403 (audited by the middleware) when it exists outside the user's
    scope or permission — a refusal staff and auditors should see as such.
    """
    try:
        return scope_queryset(queryset, user).get(**lookup)
    except ObjectDoesNotExist:
        if queryset.filter(**lookup).exists():
            raise PermissionDenied from None
        raise Http404 from None


def scope_allows(
    user: Any,
    *,
    street_id: int | None = None,
    grid_id: int | None = None,
    enterprise_id: int | None = None,
    person_id: int | None = None,
) -> bool:
    """Whether a record placed at these ids lies inside ``user``'s scope (for writes, before saving)."""
    scope: Scope = user.scope
    if scope.kind == DISTRICT:
        return True
    if scope.kind == STREET:
        return street_id is not None and street_id == scope.unit_id
    if scope.kind == GRID:
        return grid_id is not None and grid_id == scope.unit_id
    if scope.kind == ENTERPRISE:
        return enterprise_id is not None and enterprise_id == scope.enterprise_id
    if scope.kind == PERSON:
        return person_id is not None and person_id == scope.person_id
    return False
