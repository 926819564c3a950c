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

# Yes and no as forms write them (是否… columns): words, ticks and crosses.
FLAG_WORDS: dict[str, bool] = {
    **dict.fromkeys(("是", "√", "✓", "✔", "☑", "有", "对", "y", "yes", "true", "1", "t"), True),
    **dict.fromkeys(
        ("否", "×", "x", "✗", "✘", "☒", "无", "不是", "没有", "n", "no", "false", "0", "f"), False
    ),
}
FLAG_WORDS_SHOWN = {True: ("√", "有", "Y"), False: ("×", "无", "N")}


def _word(value: Any) -> str:
    """A cell or an accepted word as compared: half-width, no spaces, lower case."""
    return _SPACES.sub("", to_half_width(str(value))).lower()


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    synonyms: tuple[str, ...] = ()
    required: bool = False
    kind: str = "text"  # text | code | date | int | choice | flag
    # For choice columns: accepted spellings (Chinese and English labels, codes, the words offices
    # write) -> stored value.
    choices: Mapping[str, str] = field(default_factory=dict)
    # For choice columns: (stored value, label) in the order shown, with the words accepted for each
    # (the template, the upload page and the error message list them).
    options: tuple[tuple[str, str | Promise], ...] = ()
    lookup: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Each spelling normalised once, not once per cell.
        lookup = {_word(spelling): stored for spelling, stored in self.choices.items()}
        object.__setattr__(self, "lookup", lookup)

    def accepted(self) -> list[tuple[str, list[str]]]:
        """(label, the other words accepted for it) per option, in the current language."""
        if self.kind == "flag":
            return [
                (str(_("Yes")), list(FLAG_WORDS_SHOWN[True])),
                (str(_("No")), list(FLAG_WORDS_SHOWN[False])),
            ]
        result = []
        for value, label in self.options:
            shown = str(label)
            words = [
                word
                for word, stored in self.choices.items()
                if stored == value and word != shown and not word.isascii() and _word(word) != _word(shown)
            ]
            result.append((shown, list(dict.fromkeys(words))))
        return result

    def accepted_shown(self, *, limit: int = 6) -> list[tuple[str, list[str]]]:
        """The accepted values as shown: at most ``limit`` other words per option, and a long list (the
        twenty industry sections) by its labels alone, which is clearer."""
        accepted = self.accepted()
        return [(label, words[:limit] if len(accepted) <= 8 else []) for label, words in accepted]

    def accepted_text(self, *, limit: int = 6) -> str:
        """The accepted values in one line: 小学及以下（小学、文盲）；初中；…"""
        return "；".join(
            f"{label}（{'、'.join(words)}）" if words else label
            for label, words in self.accepted_shown(limit=limit)
        )


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
    # The key of a cleaned row when it is more than one column (a work order's channel and number);
    # by default the key column's value.
    row_key: Callable[[dict[str, Any]], str] | None = None
    # Masks identifiers in the preview and in messages (the error file keeps what the uploader sent).
    display: Callable[[str, Any], str] = lambda key, value: "" if value is None else str(value)
    # Wraps the whole write phase, inside its transaction (e.g. set-based search indexing).
    bulk: Callable[[], Any] = contextlib.nullcontext
    # What a row whose record already exists is told in the "reject" mode, when the registry words it
    # better than the generic "already registered" (a subsidy: "already applied for this scheme").
    existing_message: str | Promise | None = None

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def key_of(self, cleaned: dict[str, Any]) -> str:
        return self.row_key(cleaned) if self.row_key is not None else str(cleaned[self.key_column])


def spellings(choices: Any, words: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every way a spreadsheet may write a choice: its stored value, its Chinese and English labels, and
    the other ``words`` offices use for it (word -> stored value)."""
    from django.utils import translation

    found: dict[str, str] = {}
    for value, label in choices:
        found[str(value)] = str(value)
        for language in ("zh-hans", "en"):
            with translation.override(language):
                found[str(label)] = str(value)
    found.update(words or {})
    return found


def choice(
    key: str,
    label: str | Promise,
    synonyms: tuple[str, ...],
    choices: Any,
    words: Mapping[str, str] | None = None,
    **options: Any,
) -> Column:
    """A choice column: the choices' labels and codes, and the ``words`` offices write for them."""
    return Column(
        key,
        label,
        synonyms,
        kind="choice",
        choices=spellings(choices, words),
        options=tuple((str(value), text) for value, text in choices),
        **options,
    )


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


# How many rows from the top may hold the header (a title, a date or note row and blank rows above it).
HEADER_SCAN_ROWS = 20


def header_score(spec: ImportSpec, cells: Sequence[Any]) -> int:
    """How many of the spec's columns a row names: the header is the row that names the most."""
    mapping, _ignored, _missing = map_headers(spec, cells)
    return len(mapping)


def find_header(spec: ImportSpec, rows: Sequence[tuple[int, list[Any]]]) -> int:
    """The number of the header row among the first rows (which names the most known columns; the
    first of equals); the first row when none names any."""
    best, best_score = rows[0][0], 0
    for number, cells in rows[:HEADER_SCAN_ROWS]:
        score = header_score(spec, cells)
        if score > best_score:
            best, best_score = number, score
    return best


_LONG_NUMBER = re.compile(r"\d{7,}[\dXx]*")


def masked_cell(value: Any, *, limit: int = 24) -> str:
    """A cell of a row shown to choose the header from: shortened, and any long number masked (a data
    row may hold an ID number)."""
    text = text_cell(value)
    text = _LONG_NUMBER.sub(lambda m: m[0][:3] + "*" * (len(m[0]) - 5) + m[0][-2:], text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- rows that are not records: totals and notes ------------------------------------------------------

# 合计, 总 计, 小计：, 合计：6人, 合计12家 (compared without spaces, notes in brackets removed).
_TOTAL = re.compile(
    r"^(?:全区|全市|本页|本表|各街道|总)?(?:合计|总计|小计|共计|累计|总合计)(?:数|人数)?(?:[:：].*|\d.*)?$"
)
_NOTE = re.compile(
    r"^(?:注\d*|备注|说明|填表说明|填报说明|填表人|填报人|制表人|审核人|审核|复核人|负责人|单位负责人|"
    r"统计负责人|主管领导|联系人|联系电话|电话|填表日期|填报日期|制表日期|报送日期|填报单位|制表单位|"
    r"数据来源|资料来源)[:：]"
)
_EMPTY_BELOW = {"以下空白", "以下无数据", "以下无内容", "此页无内容", "(以下空白)", "以下为空"}


def skip_reason(cells: Sequence[Any], header: Sequence[Any], key_index: int | None) -> str | None:
    """Why a row that failed its checks is no record at all, or None: a total row (合计, 总计, 小计), a
    note or signature line at the foot of a form (注：…, 填表人：…), "以下空白", a repeated header row."""
    filled = [(index, cell) for index, cell in enumerate(cells) if not is_blank(cell)]
    if not filled:
        return None
    key = cells[key_index] if key_index is not None and key_index < len(cells) else None
    key_blank = is_blank(key)
    texts = [(index, _NOTES.sub("", _word(cell))) for index, cell in filled]
    for index, text in texts[:3]:
        if _TOTAL.match(text) and (key_blank or index == key_index):
            return _("Skipped: a total row.")
    first_index, first = filled[0]
    note = _NOTE.match(to_half_width(text_cell(first)).replace(" ", "")) or _word(first) in _EMPTY_BELOW
    if note and len(filled) <= 4 and (key_blank or first_index == key_index):
        return _("Skipped: a note below the table.")
    repeated = key_index is not None and key_index < len(header) and _word(key) == _word(header[key_index])
    if repeated and not key_blank:
        return _("Skipped: the header row repeated.")
    return None


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
    word = _word(value)
    stored = column.lookup.get(word)
    if stored is None:
        # "研究生（硕士）", "本科(学士)": the words before a note in brackets.
        stored = column.lookup.get(_NOTES.sub("", word))
    if stored is None:
        raise ValidationError(
            _("“%(value)s” is not an accepted value; write one of: %(allowed)s.")
            % {"value": value, "allowed": column.accepted_text()}
        )
    return stored


def flag_cell(value: Any) -> bool | None:
    """Yes or no: 是/否, √/×, 有/无, Y/N, 1/0, a TRUE/FALSE cell."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    found = FLAG_WORDS.get(_word(value))
    if found is None:
        raise ValidationError(
            _("“%(value)s” is not yes or no; write 是 or 否 (√ or × are accepted too).") % {"value": value}
        )
    return found


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
        "flag": flag_cell,
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
