from __future__ import annotations

import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _character_class(c: str) -> str | None:
    """The class of one character: lower-case, upper-case, digit, symbol — or none.

    Letters count by their case (Unicode Ll / Lu, so é is lower-case like e), digits are any decimal
    digit (Nd: ３ like 3), symbols are punctuation, symbols and spaces (P*, S*, Zs: ! ， ￥ and the
    space). A Chinese character is a letter without case (Lo): it makes a password longer but is no
    class of its own — a password of Chinese characters and digits has one class, not two, exactly as
    in GB/T 22239's "upper case, lower case, digits, special characters" (DOMAIN.md §6).
    """
    category = unicodedata.category(c)
    if category in ("Ll",):
        return "lower"
    if category in ("Lu", "Lt"):
        return "upper"
    if category == "Nd":
        return "digit"
    if category[0] in "PS" or category == "Zs":
        return "symbol"
    return None


def character_classes(password: str) -> int:
    """How many of the 4 classes (lower-case, upper-case, digit, symbol) the password uses."""
    return len({_character_class(c) for c in password} - {None})


class CharacterClassValidator:
    """DOMAIN.md §6 (等保 2.0 level 3 practice): at least 3 of the 4 character classes."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _(
            "Your password must use at least %(count)d of these: lower-case letters, upper-case letters, "
            "digits, symbols (punctuation or spaces). Chinese characters count towards the length but are "
            "none of these."
        ) % {"count": self.min_classes}
