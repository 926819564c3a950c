"""Policy direct delivery's routes for the permission matrix (filled as its pages land)."""

from __future__ import annotations

ROUTES: list = []
