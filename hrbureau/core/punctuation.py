"""Punctuation in the reader's language. Chinese text takes the full-width marks (：；（）、), English the
ASCII ones followed by a space; a page or a message that puts a label, a list or a remark next to
translated words takes its marks from here (the catalogue's own messages carry theirs, and a test holds
both: ``hrbureau/tests/test_chinese_punctuation.py``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import get_language


def _chinese() -> bool:
    return (get_language() or "zh-hans").startswith("zh")


def colon() -> str:
    """After a label: "原因：" / "Reason: "."""
    return "：" if _chinese() else ": "


def parenthesised(text: Any) -> str:
    """A remark after a word: "欠薪投诉（投诉）" / "Wage arrears (complaint)"."""
    return f"（{text}）" if _chinese() else f" ({text})"


def join_words(items: Iterable[Any]) -> str:
    """A list of names or things: "仲裁申请书、身份证复印件" / "application, ID card copy"."""
    return ("、" if _chinese() else ", ").join(str(item) for item in items)


def join_clauses(items: Iterable[Any]) -> str:
    """A list of statements or reasons: "未签合同；拖欠工资" / "no contract; wages owed"."""
    return ("；" if _chinese() else "; ").join(str(item) for item in items)
