"""Personnel work' routes for the permission matrix, one block per part of the line."""

from __future__ import annotations

from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, Route, action_routes  # noqa: F401

ROUTES: list = []
