"""Settings come only from the environment, typed, and a bad value stops start-up with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hrbureau.core.env import Env, SettingError, development_secret_key

ROOT = Path(__file__).resolve().parents[3]


def test_boolean_accepts_the_usual_spellings_and_rejects_the_rest() -> None:
    env = Env({"A": "yes", "B": "0", "C": "maybe"})
    assert env.boolean("A", default=False) is True
    assert env.boolean("B", default=True) is False
    assert env.boolean("MISSING", default=True) is True
    with pytest.raises(SettingError, match=r"C must be a boolean .* got 'maybe'"):
        env.boolean("C", default=False)


def test_integer_checks_type_and_bounds() -> None:
    env = Env({"PORT": "70000", "N": "x1"})
    with pytest.raises(SettingError, match="PORT must be at most 65535, got 70000"):
        env.integer("PORT", 25, maximum=65535)
    with pytest.raises(SettingError, match="N must be a whole number, got 'x1'"):
        env.integer("N", 1)
    assert env.integer("ABSENT", 7) == 7


def test_choice_and_required_string() -> None:
    env = Env({"MODE": "staging"})
    with pytest.raises(SettingError, match="MODE must be one of development, production, got 'staging'"):
        env.choice("MODE", "development", ["development", "production"])
    with pytest.raises(SettingError, match="SECRET_KEY is required but not set"):
        env.string("SECRET_KEY", required=True)


def test_strings_split_on_commas() -> None:
    assert Env({"H": " a.example , b.example ,"}).strings("H", []) == ["a.example", "b.example"]


def test_development_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = development_secret_key(tmp_path / "secret_key")
    assert len(first) >= 50
    assert development_secret_key(tmp_path / "secret_key") == first
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "HRBUREAU_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "perhaps"}, "DEBUG must be a boolean"),
        ({"DATABASE_URL": "mysql://x/y"}, "DATABASE_URL must start with sqlite:// or postgres(ql)://"),
        ({"SESSION_IDLE_MINUTES": "0"}, "SESSION_IDLE_MINUTES must be at least 1"),
        ({"HRBUREAU_ENV": "production", "ALLOWED_HOSTS": "hr.example"}, "SECRET_KEY is required but not set"),
        ({"HRBUREAU_ENV": "production", "SECRET_KEY": "short"}, "SECRET_KEY must be a random value"),
        ({"HRBUREAU_ENV": "production", "DEBUG": "true", "SECRET_KEY": "k" * 60}, "DEBUG must be false"),
        ({"EMAIL_BACKEND": "pigeon"}, "EMAIL_BACKEND must be one of"),
    ],
)
def test_bad_settings_fail_fast_with_a_clear_message(
    env: dict[str, str], message: str, tmp_path: Path
) -> None:
    result = _manage("check", HRBUREAU_VAR_DIR=str(tmp_path), **env)
    assert result.returncode != 0
    assert "hrbureau configuration error" in result.stderr
    assert message in result.stderr


def test_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        HRBUREAU_ENV="production",
        SECRET_KEY="x7Gk2-" + "Qz9pL4vR8sT1wY3bN6mC5dF0hJ2kA7eU9iO4pS8tV1xZ3qW6rE" * 2,
        ALLOWED_HOSTS="hr.example.gov.cn",
        HRBUREAU_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_default_database_is_a_sqlite_file_in_the_var_folder_in_wal_mode(tmp_path: Path) -> None:
    probe = "from django.db import connection as c; k = c.cursor(); k.execute('PRAGMA journal_mode'); print(k.fetchone()[0], c.settings_dict['NAME'])"
    result = _manage("shell", "-c", probe, HRBUREAU_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    mode, name = result.stdout.split()[-2:]
    assert mode == "wal"
    assert name == str(tmp_path / "hrbureau.sqlite3")
