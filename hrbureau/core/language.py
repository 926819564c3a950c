"""Names kept in two languages: a record's Chinese name, and its English name on English pages."""

from __future__ import annotations

from django.utils.translation import get_language


def in_language(name: str, name_en: str) -> str:
    """``name_en`` when the page is in English and there is one, else ``name`` (the Chinese name, which
    documents and exports keep)."""
    if name_en and (get_language() or "").startswith("en"):
        return name_en
    return name
