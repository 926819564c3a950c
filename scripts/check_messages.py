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


def _msgids(path: Path) -> set[str]:
    """The msgids of a .po/.pot file (plural forms by their singular), read with msgcat's help."""
    out = subprocess.run(  # noqa: S603
        ["msgcat", "--no-wrap", "--sort-output", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ids, current = set(), None
    for line in out.splitlines():
        if line.startswith("msgid "):
            current = line[6:]
        elif current is not None and not line.startswith('"'):
            if current != '""':
                ids.add(current)
            current = None
    return ids


# Every message the code and templates use must be in the catalogue: extract them afresh (to a throwaway
# locale, so the committed catalogue is not touched) and compare.
locale_dir = ROOT / "hrbureau" / "locale"
throwaway = locale_dir / "xx"
pot = locale_dir / "django.pot"
try:
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "makemessages",
            "-l",
            "xx",
            "--keep-pot",
            "--no-location",
            "--ignore",
            ".venv/*",
            "--ignore",
            "var/*",
            "--ignore",
            "bench/*",
        ],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    catalogue = ROOT / "hrbureau" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    missing = sorted(_msgids(pot) - _msgids(catalogue))
    if missing:
        problems.append(
            f"{len(missing)} message(s) used in the code are not in the catalogue; run `make messages`: "
            + ", ".join(missing[:5])
        )
finally:
    import shutil

    shutil.rmtree(throwaway, ignore_errors=True)
    pot.unlink(missing_ok=True)

if problems:
    print("\n".join(problems))
    sys.exit(1)
print("translations complete and compiled")
