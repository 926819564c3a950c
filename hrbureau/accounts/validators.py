from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def character_classes(password: str) -> int:
    """How many of the 4 classes (lower-case, upper-case, digit, other) the password uses.

    The classes are the ASCII ones; anything else (punctuation, a Chinese character) is "other".
    """
    return sum(
        (
            any("a" <= c <= "z" for c in password),
            any("A" <= c <= "Z" for c in password),
            any("0" <= c <= "9" for c in password),
            any(not ("a" <= c <= "z" or "A" <= c <= "Z" or "0" <= c <= "9") for c in password),
        )
    )


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
            "digits, other characters."
        ) % {"count": self.min_classes}
