"""The permission registry: which roles may do what.

Each app declares its permissions in ``<app>/permissions.py`` (imported by its AppConfig) as
``declare("app.codename", description, roles=..., departments=...)``. A permission names the roles that
hold it; a department-bound permission is held by department roles only in the named departments
(the arbitration institute accepts disputes, the talent department does not). Reading who may do a thing
is one line here, and the permission-matrix test walks these declarations.

Roles and departments are plain strings so that core depends on no business app.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise

# Roles whose permissions may be narrowed by department (they belong to a department unit).
DEPARTMENT_ROLES = frozenset({"dept_head", "dept_staff"})


@dataclass(frozen=True)
class Permission:
    name: str
    description: str | Promise
    roles: frozenset[str]
    departments: frozenset[str] = field(default_factory=frozenset)

    def held_by(self, role: str, department: str | None) -> bool:
        if role not in self.roles:
            return False
        if self.departments and role in DEPARTMENT_ROLES:
            return department in self.departments
        return True


REGISTRY: dict[str, Permission] = {}
_HELD: dict[tuple[str, str | None], frozenset[str]] = {}  # permissions_of, worked out once


def declare(
    name: str,
    description: str | Promise,
    *,
    roles: Iterable[str],
    departments: Iterable[str] = (),
) -> Permission:
    """Declare a permission; declaring the same name twice with different content is a bug."""
    if "." not in name:
        raise ValueError(f"permission {name!r} must be 'app_label.codename'")
    permission = Permission(
        name=name, description=description, roles=frozenset(roles), departments=frozenset(departments)
    )
    existing = REGISTRY.get(name)
    if existing is not None and existing != permission:
        raise ValueError(f"permission {name!r} declared twice with different roles")
    REGISTRY[name] = permission
    _HELD.clear()
    return permission


def is_declared(name: str) -> bool:
    return name in REGISTRY


def holds(name: str, *, role: str, department: str | None) -> bool:
    permission = REGISTRY.get(name)
    return permission is not None and permission.held_by(role, department)


def permissions_of(role: str, department: str | None) -> frozenset[str]:
    """Every permission a role holds (in a department): worked out once per role and department, not on
    every request (the registry changes only while apps declare their permissions)."""
    key = (role, department)
    held = _HELD.get(key)
    if held is None:
        held = frozenset(name for name, perm in REGISTRY.items() if perm.held_by(role, department))
        _HELD[key] = held
    return held
