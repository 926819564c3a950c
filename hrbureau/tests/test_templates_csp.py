"""The Content-Security-Policy allows no inline style or script: a template with a ``style="…"``
attribute or an inline ``<script>`` would be silently broken in the browser. None may have one."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INLINE = re.compile(r"""\sstyle\s*=\s*["']|<script(?![^>]*\bsrc=)[^>]*>\s*\S""", re.IGNORECASE)


def test_no_template_has_an_inline_style_or_script() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.rglob("*.html")
        if "static" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if INLINE.search(line)
    ]
    assert offenders == []
