"""The figures registry (DESIGN.md mechanism 12, its first part): each app declares the figures it counts
— a code, a label, how to count it over what a reader may see, and by street — and the dashboard and the
reports read them here, so that ``reports`` names no app's models (the import contract, ``make lint``).
Roll-ups by day, formula versions and the records behind each figure come with the reports issue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Figure:
    code: str  # "<app>.<what>": "enterprises.registered"
    label: str | Promise
    count: Callable[[Any], int]  # (reader) -> the figure over the reader's scope
    by_street: Callable[[Any], dict[Any, int]]  # (reader) -> {street id: figure}


_FIGURES: dict[str, Figure] = {}


def register(figure: Figure) -> Figure:
    if _FIGURES.get(figure.code, figure) is not figure:
        raise ValueError(f"figure {figure.code!r} declared twice")
    _FIGURES[figure.code] = figure
    return figure


def get(code: str) -> Figure:
    try:
        return _FIGURES[code]
    except KeyError:
        raise LookupError(f"no figure {code!r}") from None
