"""Chinese text uses Chinese punctuation (，；：（）): no ASCII ``; : , ( )`` next to Chinese characters in any
message of the Chinese catalogue, nor in any page a role opens in Chinese."""

from __future__ import annotations

import gettext
import re
from html import unescape
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client

from hrbureau.accounts.choices import Role
from hrbureau.conftest import STANDARD_USERS
from hrbureau.tests.matrix import ANONYMOUS
from hrbureau.tests.test_permission_matrix import ROUTES

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# An ASCII mark right after a Chinese character (a space between allowed), or right before one.
ASCII_BESIDE_CHINESE = re.compile(rf"[{HAN}] ?[;:,(]|[;:,)] ?[{HAN}]")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")


def _offences(text: str) -> list[str]:
    return [text[max(0, m.start() - 12) : m.end() + 12] for m in ASCII_BESIDE_CHINESE.finditer(text)]


def test_the_compiled_catalogue_uses_chinese_punctuation() -> None:
    path = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    found = {}
    for msgid, msgstr in catalogue._catalog.items():  # type: ignore[attr-defined]
        if msgid and _offences(msgstr):
            found[str(msgid)] = _offences(msgstr)
    assert found == {}
    # and the check sees what it should
    assert _offences("原因: 欠薪")
    assert _offences("企业(单位)")
    assert not _offences("原因：欠薪（2026-03-01）")


INLINE = re.compile(r"</?(?:a|span|strong|b|em|i|small|code|abbr|time|label)\b[^>]*>")


# Literals shown as a user types them (the header names and value words an import accepts, such as
# 住所(经营场所)) are not prose: they are marked class="literal" and left out.
LITERAL = re.compile(r'<span class="literal\b[^"]*">[^<]*</span>')


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = LITERAL.sub(" ", html)
    html = INLINE.sub("", html)  # text runs on across an inline element…
    html = re.sub(r"<[^>]+>", "\n", html)  # …and stops at any other
    return unescape(html)


def test_only_marked_literals_are_left_out() -> None:
    assert _offences(_visible_text("<p>企业(单位)</p>"))
    assert _offences(_visible_text('<p><span class="small">企业(单位)</span></p>'))
    assert not _offences(_visible_text('<p>可填写：<span class="literal">住所(经营场所)</span>、住所</p>'))


ROLE_USER = {role: key for key, (role, _) in STANDARD_USERS.items()}
READERS = [
    Role.DEPT_STAFF,
    Role.GRID_WORKER,
    Role.LEADER,
    Role.ARBITRATION_CLERK,
    Role.SYSADMIN,
    Role.ENTERPRISE,
    Role.INDIVIDUAL,
    Role.STREET_STAFF,
]


def test_every_page_in_chinese_uses_chinese_punctuation(world: Any) -> None:
    """Every page of the permission matrix, opened by a role that may open it, in Chinese."""
    found: dict[str, list[str]] = {}
    opened = 0
    for route in ROUTES:
        if route.method != "GET" or route.api or route.url_for(world).startswith("/api/"):
            continue
        allowed = set(route.allowed)
        reader = next((r for r in READERS if r in allowed), ANONYMOUS if ANONYMOUS in allowed else None)
        if reader is None:
            continue
        client = Client()
        if reader != ANONYMOUS:
            client.force_login(world.users[ROLE_USER[reader]])
        response = client.get(route.url_for(world))
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        opened += 1
        offences = _offences(_visible_text(response.content.decode()))
        if offences:
            found[f"{route.id} as {reader}"] = offences
    assert opened > 60
    assert found == {}, "\n".join(f"{page}: {offences}" for page, offences in found.items())
