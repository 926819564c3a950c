"""What a registry tells the import: its columns (with the header names people actually use), how to
clean one row, and how to write a batch."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from hrbureau.core.identifiers import to_half_width

EXCEL_EPOCH = dt.date(1899, 12, 30)
_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_NOTES = re.compile(r"[（(][^)）]*[)）]")
_INVISIBLE = "\u200b\ufeff"


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    synonyms: tuple[str, ...] = ()
    required: bool = False
    kind: str = "text"  # text | code | date | int | choice
    # For choice columns: accepted spellings (Chinese and English labels, codes) -> stored value.
    choices: Mapping[str, str] = field(default_factory=dict)


@dataclass
class BatchResult:
    created: int = 0
    updated: int = 0


@dataclass(frozen=True)
class ImportSpec:
    key: str
    title: str | Promise
    permission: str
    columns: tuple[Column, ...]
    key_column: str
    # (raw row dict, context) -> cleaned dict; raises ValidationError({field: [messages]}). Pure: no writes.
    clean: Callable[[dict[str, Any], Any], dict[str, Any]]
    # Called once per import with the uploader, to build what ``clean`` needs (units by name, scope).
    context: Callable[[Any], Any]
    # keys -> {key: pk} of records that already exist
    existing: Callable[[Sequence[str]], dict[str, int]]
    # (actor, creates, updates [(pk, cleaned)], reference) -> counts; inside the import's transaction
    write: Callable[[Any, list[dict[str, Any]], list[tuple[int, dict[str, Any]]], str], BatchResult]
    list_url_name: str
    # Masks identifiers in the preview and in messages (the error file keeps what the uploader sent).
    display: Callable[[str, Any], str] = lambda key, value: "" if value is None else str(value)
    # Wraps the whole write phase, inside its transaction (e.g. set-based search indexing).
    bulk: Callable[[], Any] = contextlib.nullcontext

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def spellings(choices: Any) -> dict[str, str]:
    """Every way a spreadsheet may write a choice: its stored value and its Chinese and English labels."""
    from django.utils import translation

    found: dict[str, str] = {}
    for value, label in choices:
        found[str(value)] = str(value)
        for language in ("zh-hans", "en"):
            with translation.override(language):
                found[str(label)] = str(value)
    return found


_SPECS: dict[str, ImportSpec] = {}


def register(spec: ImportSpec) -> None:
    _SPECS[spec.key] = spec


def get_spec(key: str) -> ImportSpec | None:
    return _SPECS.get(key)


def all_specs() -> list[ImportSpec]:
    return list(_SPECS.values())


# --- headers ---------------------------------------------------------------------------------------


def normalize_header(value: Any) -> str:
    """'* 统一社会信用代码（必填）' -> '统一社会信用代码'; 'USCC ' -> 'uscc'."""
    text = to_half_width(str(value or ""))
    text = _NOTES.sub("", text)
    text = _SPACES.sub("", text).replace("*", "").replace(":", "").replace("：", "")
    return text.lower()


def map_headers(spec: ImportSpec, headers: Sequence[Any]) -> tuple[dict[int, str], list[str], list[str]]:
    """({column index: field key}, ignored header names, missing required field labels)."""
    names: dict[str, str] = {}
    for column in spec.columns:
        for name in (column.key, str(column.label), *column.synonyms):
            names[normalize_header(name)] = column.key
    mapping: dict[int, str] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        key = names.get(normalize_header(header))
        if key is None or key in mapping.values():
            if str(header or "").strip():
                ignored.append(str(header).strip())
            continue
        mapping[index] = key
    missing = [str(c.label) for c in spec.columns if c.required and c.key not in mapping.values()]
    return mapping, ignored, missing


# --- cells -----------------------------------------------------------------------------------------


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if value.__class__ is str:
        return not value.strip().strip(_INVISIBLE)
    return False


def text_cell(value: Any) -> str:
    """Trimmed text with inner runs of spaces collapsed; full-width punctuation in names is kept."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", "").replace("\ufeff", "")
    # str.split() splits on every Unicode space, the ideographic space (U+3000) included.
    return " ".join(text.split())


def date_cell(value: Any) -> dt.date | None:
    """A date from a date cell, an Excel serial number, or text such as 2022-07-01, 2022/7/1, 2022年7月1日,
    20220701."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValidationError(_("%(value)s is not a date.") % {"value": value})
    text = to_half_width(str(value)).strip()
    if len(text) == 10 and text[4] == text[7] == "-" and text.isascii() and text.replace("-", "").isdigit():
        try:  # the common case, 2022-07-01, without the regular expressions below
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValidationError(_("%(value)s is not a real date.") % {"value": value}) from None
    text = text.replace("年", "-").replace("月", "-").replace("日", "").replace("/", "-").replace(".", "-")
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if re.fullmatch(r"\d{5}", text):
        return EXCEL_EPOCH + dt.timedelta(days=int(text))
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", text)
    if not match:
        raise ValidationError(_("%(value)s is not a date (use YYYY-MM-DD).") % {"value": value})
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ValidationError(_("%(value)s is not a real date.") % {"value": value}) from None


def int_cell(value: Any) -> int | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValidationError(_("%(value)s is not a whole number.") % {"value": value})
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValidationError(_("%(value)s is not a whole number.") % {"value": value})
    text = to_half_width(str(value)).strip().replace(",", "").replace("人", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("%(value)s is not a whole number.") % {"value": value}) from None
    if number != number.to_integral_value():
        raise ValidationError(_("%(value)s is not a whole number.") % {"value": value})
    return int(number)


def choice_cell(column: Column, value: Any) -> str:
    if is_blank(value):
        return ""
    text = _SPACES.sub("", to_half_width(str(value)))
    for spelling, stored in column.choices.items():
        if _SPACES.sub("", to_half_width(spelling)).lower() == text.lower():
            return stored
    raise ValidationError(
        _("%(value)s is not one of: %(allowed)s.")
        % {
            "value": value,
            "allowed": "、".join(sorted({k for k in column.choices if not k.isascii()}) or column.choices),
        }
    )


def row_converter(
    spec: ImportSpec, keys: Sequence[str]
) -> Callable[[dict[str, Any]], tuple[dict[str, Any], dict[str, list[str]]]]:
    """``convert(raw)`` for rows that carry the columns ``keys`` (a file's mapped headers): cell values
    converted by column kind, errors by field. Which columns to convert, and the errors for required
    columns the file lacks, are worked out once per file rather than once per row."""
    present = set(keys)
    columns = [c for c in spec.columns if c.key in present]
    missing = {
        c.key: [_("%(column)s is required.") % {"column": c.label}]
        for c in spec.columns
        if c.required and c.key not in present
    }
    cells: dict[str, Callable[[Any], Any]] = {
        "date": date_cell,
        "int": int_cell,
        "code": lambda value: value,  # codes stay raw for their own normaliser
        "text": text_cell,
    }
    # Per column, once: its key, whether it is required, its converter.
    plan = [
        (
            c.key,
            c.required,
            c.label,
            (lambda value, c=c: choice_cell(c, value))
            if c.kind == "choice"
            else cells.get(c.kind, text_cell),
        )
        for c in columns
    ]

    def convert(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
        values: dict[str, Any] = {}
        errors: dict[str, list[str]] = {key: list(messages) for key, messages in missing.items()}
        for key, required, label, cell in plan:
            value = raw.get(key)
            # is_blank(), inlined: it runs for every cell of every row.
            if value is None or (value.__class__ is str and not value.strip().strip(_INVISIBLE)):
                # A blank cell gives no value: a new record takes the default, an existing one keeps its own.
                if required:
                    errors.setdefault(key, []).append(_("%(column)s is required.") % {"column": label})
                continue
            try:
                values[key] = cell(value)
            except ValidationError as error:
                errors.setdefault(key, []).extend(error.messages)
        return values, errors

    return convert
