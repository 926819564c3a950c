"""Identifiers of enterprises and people: validation, normalisation, masking (DOMAIN.md §4).

Values arrive dirty — typed with a Chinese input method in full-width form, pasted with spaces, or read
from a spreadsheet where Excel has already turned an 18-digit number into ``4.40301E+17`` and lost its
last digits. ``normalize_*`` returns the canonical value (upper-case, half-width, no spaces) or raises
``ValidationError`` with a translated message saying exactly what is wrong. A mangled number is always
rejected: the lost digits cannot be recovered and must never be stored as if they were right.
"""

from __future__ import annotations

import datetime as dt
import operator
import random
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# --- shared clean-up ----------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]\d+$")
_FLOAT_TEXT = re.compile(r"^\d+\.\d*$")


_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def to_half_width(value: str) -> str:
    """Full-width ASCII (ＡＢＣ１２３, as typed with a Chinese IME) to its half-width form."""
    return value.translate(_HALF_WIDTH)


def clean_text(value: object) -> str:
    """Half-width, whitespace removed, upper-case; reject numbers that a spreadsheet has mangled."""
    if isinstance(value, bool):
        raise ValidationError(_("Expected text, got a yes/no value."), code="type")
    if isinstance(value, float | Decimal):
        raise ValidationError(
            _(
                "The value was stored as a number (%(value)s); a spreadsheet keeps only 15 significant "
                "digits, so digits are lost. Format the column as text and enter it again."
            ),
            code="number",
            params={"value": format(value, "g") if isinstance(value, float) else str(value)},
        )
    text = _SPACES.sub("", to_half_width(str(value))).upper()
    if _SCIENTIFIC.match(text):
        raise ValidationError(
            _(
                "The value %(value)s is in scientific notation: the spreadsheet has turned it into a "
                "number and its last digits are lost. Format the column as text and enter it again."
            ),
            code="scientific",
            params={"value": text},
        )
    if _FLOAT_TEXT.match(text):
        raise ValidationError(
            _("The value %(value)s looks like a number with a decimal point; enter it as text."),
            code="number",
            params={"value": text},
        )
    return text


# --- unified social credit code (GB 32100-2015) ----------------------------------------------------

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {char: index for index, char in enumerate(USCC_CHARSET)}


def uscc_check_character(first17: str) -> str:
    if len(first17) != 17:
        raise ValueError("the check character is computed from 17 characters")
    total = sum(map(operator.mul, map(_USCC_VALUE.__getitem__, first17), USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def normalize_uscc(value: object) -> str:
    """The canonical USCC, or ValidationError saying what is wrong (length, character, check)."""
    if value is None:
        raise ValidationError(_("The unified social credit code is empty."), code="required")
    text = clean_text(value)
    if not text:
        raise ValidationError(_("The unified social credit code is empty."), code="required")
    if len(text) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; %(value)s has %(length)d."),
            code="length",
            params={"value": text, "length": len(text)},
        )
    for position, char in enumerate(text, start=1):
        if char not in _USCC_VALUE:
            raise ValidationError(
                _(
                    "Character %(char)s at position %(position)d is not allowed in a unified social "
                    "credit code (the letters I, O, S, V and Z are never used)."
                ),
                code="character",
                params={"char": char, "position": position},
            )
    if not text[2:8].isdigit():
        raise ValidationError(
            _(
                "Positions 3 to 8 of a unified social credit code are the administrative division and must be digits."
            ),
            code="division",
        )
    expected = uscc_check_character(text[:17])
    if text[17] != expected:
        raise ValidationError(
            _("The check character of %(value)s should be %(expected)s, not %(actual)s."),
            code="check",
            params={"value": text, "expected": expected, "actual": text[17]},
        )
    return text


def is_valid_uscc(value: object) -> bool:
    try:
        normalize_uscc(value)
    except ValidationError:
        return False
    return True


def generate_uscc(
    rng: random.Random, *, division: str = "440306", authority: str = "9", kind: str = "1"
) -> str:
    """A valid, random USCC for demo data and benchmarks (never a real enterprise's on purpose)."""
    org = "".join(rng.choice(USCC_CHARSET) for _ in range(9))
    first17 = f"{authority}{kind}{division}{org}"
    return first17 + uscc_check_character(first17)


# --- resident identity card number (GB 11643-1999) --------------------------------------------------

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_check_character(first17: str) -> str:
    return ID_CHECK[sum(int(char) * weight for char, weight in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def normalize_resident_id(value: object, *, today: dt.date | None = None) -> str:
    """The canonical 18-character resident ID, or ValidationError saying what is wrong."""
    if value is None:
        raise ValidationError(_("The ID number is empty."), code="required")
    if isinstance(value, int) and not isinstance(value, bool):
        # An 18-digit integer from a spreadsheet has been through a float: its tail is unreliable.
        raise ValidationError(
            _(
                "The ID number was stored as a number (%(value)s); a spreadsheet keeps only 15 significant "
                "digits. Format the column as text and enter it again."
            ),
            code="number",
            params={"value": value},
        )
    text = clean_text(value)
    if not text:
        raise ValidationError(_("The ID number is empty."), code="required")
    if len(text) != 18:
        raise ValidationError(
            _("A resident ID number has 18 characters; %(value)s has %(length)d."),
            code="length",
            params={"value": mask_id_number(text) if len(text) >= 10 else text, "length": len(text)},
        )
    if not text[:17].isdigit():
        position = next(i for i, char in enumerate(text[:17], start=1) if not char.isdigit())
        raise ValidationError(
            _("Character %(char)s at position %(position)d of an ID number must be a digit."),
            code="character",
            params={"char": text[position - 1], "position": position},
        )
    if not (text[17].isdigit() or text[17] == "X"):
        raise ValidationError(
            _("The last character of an ID number must be a digit or X, not %(char)s."),
            code="character",
            params={"char": text[17]},
        )
    try:
        birth = dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise ValidationError(
            _("Positions 7 to 14 of the ID number (%(value)s) are not a real birth date."),
            code="birth_date",
            params={"value": text[6:14]},
        ) from None
    if birth.year < 1900 or birth > (today or dt.date.today()):
        raise ValidationError(
            _("The birth date %(value)s in the ID number is impossible."),
            code="birth_date",
            params={"value": birth.isoformat()},
        )
    expected = id_check_character(text[:17])
    if text[17] != expected:
        raise ValidationError(
            _("The check character of the ID number should be %(expected)s, not %(actual)s."),
            code="check",
            params={"expected": expected, "actual": text[17]},
        )
    return text


def is_valid_resident_id(value: object) -> bool:
    try:
        normalize_resident_id(value)
    except ValidationError:
        return False
    return True


def birth_date_from_id(id_number: str) -> dt.date:
    return dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def gender_from_id(id_number: str) -> str:
    """'male' when the sequence digit (position 17) is odd, else 'female' (GB 11643-1999)."""
    return "male" if int(id_number[16]) % 2 == 1 else "female"


def generate_resident_id(rng: random.Random, *, address: str, birth_date: dt.date, male: bool) -> str:
    sequence = rng.randrange(0, 100) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
    first17 = f"{address}{birth_date:%Y%m%d}{sequence:03d}"
    return first17 + id_check_character(first17)


# --- telephone numbers ------------------------------------------------------------------------------

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def normalize_phone(value: object) -> str:
    """A mainland mobile (11 digits, 13x–19x) or a landline with area code; '+86' and spaces removed."""
    if value is None:
        raise ValidationError(_("The phone number is empty."), code="required")
    text = clean_text(value)
    if not text:
        raise ValidationError(_("The phone number is empty."), code="required")
    text = text.removeprefix("+86").removeprefix("0086")
    compact = text.replace("-", "")
    if _MOBILE.match(compact):
        return compact
    if _LANDLINE.match(text):
        return text
    raise ValidationError(
        _("%(value)s is not a mobile number (11 digits starting 13–19) or a landline with its area code."),
        code="invalid",
        params={"value": text},
    )


# --- masking (DOMAIN.md §4) -------------------------------------------------------------------------


def mask_id_number(value: str) -> str:
    """First 6 and last 4 shown: 110105********002X."""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """A mobile shows its first 3 and last 4 digits: 138****5678; a landline only its last 4."""
    if len(value) == 11 and value.isdigit():
        return value[:3] + "****" + value[-4:]
    if len(value) <= 4:
        return "*" * len(value)
    return "*" * (len(value) - 4) + value[-4:]


def mask_account(value: str) -> str:
    """A bank account shows its last 4 digits only (6222 0210 0112 3456 → ************3456): pages and
    exports show it so; the bank's payment file alone carries it whole."""
    value = (value or "").replace(" ", "")
    return "*" * len(value) if len(value) <= 4 else "*" * (len(value) - 4) + value[-4:]


def mask_name(value: str) -> str:
    """A name as a published list shows it (公示名单): the first and the last character, the rest
    starred — 张*, 张*丰, 欧**娜."""
    value = (value or "").strip()
    if len(value) <= 1:
        return value
    if len(value) == 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]
