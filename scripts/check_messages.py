"""Fail when a translation catalogue is stale: the committed .mo must be what msgfmt makes of the .po,
and no message of the Chinese catalogue may be untranslated or fuzzy."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
problems: list[str] = []
for po in sorted(ROOT.glob("hrbureau/locale/*/LC_MESSAGES/*.po")):
    mo = po.with_suffix(".mo")
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.mo"
        stats = subprocess.run(  # noqa: S603
            ["msgfmt", "--check", "--statistics", "-o", str(fresh), str(po)],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        if stats.returncode != 0:
            problems.append(f"{po}: msgfmt failed: {stats.stderr.strip()}")
            continue
        if "untranslated" in stats.stderr or "fuzzy" in stats.stderr:
            problems.append(f"{po}: {stats.stderr.strip()}")
        if not mo.exists() or mo.read_bytes() != fresh.read_bytes():
            problems.append(f"{mo}: out of date; run `make messages`")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("translations complete and compiled")
