"""seed_demo is idempotent and refuses production; serve runs web + worker and stops both on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import OrgUnit, User
from hrbureau.enterprises.models import Enterprise
from hrbureau.people.models import Person

ROOT = Path(__file__).resolve().parents[3]


def _counts() -> tuple[int, int, int, int]:
    return OrgUnit.objects.count(), User.objects.count(), Enterprise.objects.count(), Person.objects.count()


def test_seed_demo_loads_one_login_per_role_and_a_second_run_changes_nothing(db: Any) -> None:
    out = StringIO()
    call_command("seed_demo", "--enterprises", "60", "--people", "80", "--disputes", "20", stdout=out)
    first = _counts()
    assert first[2] == 60
    assert first[3] == 80
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    assert OrgUnit.objects.filter(kind="street").count() == 10
    assert "Demo logins" in out.getvalue()
    assert "Demo@2026" in out.getvalue()
    # (the demo's own enterprise login; the demands' demo adds portal accounts of other enterprises)
    enterprise_user = User.objects.get(username="enterprise", role=Role.ENTERPRISE)
    assert enterprise_user.enterprise is not None
    citizen = User.objects.get(role=Role.INDIVIDUAL)
    assert citizen.person is not None
    # Bound by the registries' demo steps, and the printed logins say to what.
    assert f"{enterprise_user.enterprise.name} ({enterprise_user.enterprise.uscc})" in out.getvalue()
    assert citizen.person.name in out.getvalue()
    snapshot = list(Enterprise.objects.order_by("id").values_list("uscc", "name", "street_id"))
    again = StringIO()
    call_command("seed_demo", "--enterprises", "60", "--people", "80", "--disputes", "20", stdout=again)
    assert _counts() == first
    assert list(Enterprise.objects.order_by("id").values_list("uscc", "name", "street_id")) == snapshot
    assert "nothing (already loaded)" in again.getvalue()


def test_demo_identifiers_are_valid(db: Any) -> None:
    from hrbureau.core.identifiers import is_valid_resident_id, is_valid_uscc

    call_command(
        "seed_demo",
        "--enterprises",
        "40",
        "--people",
        "40",
        "--disputes",
        "10",
        "--quiet-logins",
        stdout=StringIO(),
    )
    assert all(is_valid_uscc(u) for u in Enterprise.objects.values_list("uscc", flat=True))
    assert all(is_valid_resident_id(i) for i in Person.objects.values_list("id_number", flat=True))


def test_seed_demo_refuses_production(db: Any, settings: Any) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="refuses to run"):
        call_command("seed_demo", stdout=StringIO())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_starts_web_and_worker_and_ctrl_c_stops_both(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env["HRBUREAU_VAR_DIR"] = str(tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300
    )
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    status = response.status
                    break
            except OSError:
                time.sleep(0.5)
        assert status == 200
        children = subprocess.run(
            ["pgrep", "-P", str(process.pid)], capture_output=True, text=True, check=False
        )
        child_pids = [int(p) for p in children.stdout.split()]
        assert len(child_pids) == 3  # the web server, one worker and the deadline sweep
        os.killpg(process.pid, signal.SIGINT)
        output, _ = process.communicate(timeout=30)
        assert process.returncode == 0, output.decode()
        assert b"stopped" in output
        for pid in child_pids:
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
