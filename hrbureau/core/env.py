"""Typed reading of settings from environment variables.

Every setting of the platform comes from the environment (DESIGN.md, "Running it"). A bad value stops
the process at start-up with a message that names the variable, the value and what is expected, so an
operator never finds out about a typo from a misbehaving server.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class SettingError(Exception):
    """A setting has a value the platform cannot use."""


class Env:
    """Reads typed values from a mapping (``os.environ`` by default)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def _raw(self, name: str) -> str | None:
        value = self.environ.get(name)
        return None if value is None else value.strip()

    def string(self, name: str, default: str | None = None, *, required: bool = False) -> str:
        value = self._raw(name)
        if value is None or value == "":
            if required:
                raise SettingError(f"{name} is required but not set")
            if default is None:
                return ""
            return default
        return value

    def boolean(self, name: str, default: bool) -> bool:
        value = self._raw(name)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise SettingError(f"{name} must be a boolean (true/false, 1/0, yes/no, on/off), got {value!r}")

    def integer(
        self, name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
    ) -> int:
        value = self._raw(name)
        if value is None or value == "":
            return default
        try:
            number = int(value)
        except ValueError:
            raise SettingError(f"{name} must be a whole number, got {value!r}") from None
        if minimum is not None and number < minimum:
            raise SettingError(f"{name} must be at least {minimum}, got {number}")
        if maximum is not None and number > maximum:
            raise SettingError(f"{name} must be at most {maximum}, got {number}")
        return number

    def strings(self, name: str, default: list[str]) -> list[str]:
        value = self._raw(name)
        if value is None:
            return list(default)
        return [item.strip() for item in value.split(",") if item.strip()]

    def rate(self, name: str, default: str) -> str:
        """A rate limit written count/period, e.g. ``30/h`` or ``5/15m`` (see ``core.ratelimit``)."""
        from hrbureau.core.ratelimit import Rate

        value = self._raw(name) or default
        try:
            Rate.parse(value)
        except ValueError:
            raise SettingError(
                f"{name} must be a rate like 30/h or 5/15m (a count per s, m, h or d), got {value!r}"
            ) from None
        return value

    def choice(self, name: str, default: str, choices: Mapping[str, str] | list[str]) -> str:
        value = self._raw(name)
        if value is None or value == "":
            value = default
        options = list(choices)
        if value not in options:
            raise SettingError(f"{name} must be one of {', '.join(options)}, got {value!r}")
        return value


def development_secret_key(path: Path) -> str:
    """Return the development SECRET_KEY kept in ``path``, generating it on first use.

    Development and the embedded demo need no configuration, yet sessions must survive a restart, so
    the generated key is written once (readable only by its owner) and reused.
    """
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if len(key) >= 50:
            return key
    key = secrets.token_urlsafe(64)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(key + "\n", encoding="utf-8")
    path.chmod(0o600)
    return key
