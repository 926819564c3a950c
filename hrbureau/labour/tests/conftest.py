from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest
from django.apps import apps

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.labour import services
from hrbureau.labour.choices import Answer, InspectionKind, RiskType, Severity
from hrbureau.labour.models import ChecklistItem

# A working Monday in the past, far from any holiday: due dates in the tests are easy to read.
MONDAY = dt.date(2026, 3, 2)


def reinstall_defaults() -> None:
    """The rows the data migration installs (a transactional test empties every table afterwards)."""
    importlib.import_module("hrbureau.labour.migrations.0002_defaults").create(apps, None)


@pytest.fixture(autouse=True)
def _english_messages() -> Any:
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def lab(world: Any) -> dict[str, Any]:
    """The people of labour-risk work: the grid worker of grid A1, street A's staff, the department's
    staff and head, and a grid worker of grid B1 (another street)."""
    reinstall_defaults()

    def user(username: str, role: str, unit: str, name: str) -> User:
        return User.objects.create_user(
            username=username, password="Secret#2026", role=role, org_unit=world.units[unit], full_name=name
        )

    return {
        "grid": world.users["grid_worker"],
        "street": world.users["street_staff"],
        "staff": world.users["dept_staff"],
        "head": world.users["dept_head"],
        "grid_b": user("wg_b1", Role.GRID_WORKER, "grid-b1", "网格员乙"),
        "street_b": user("jd_b", Role.STREET_STAFF, "street-b", "街道乙"),
    }


def all_yes(kind: str = InspectionKind.ROUTINE) -> dict[str, str]:
    return {item.code: Answer.YES for item in services.checklist_for(kind)}


def one_no(code: str = "wages_on_time", kind: str = InspectionKind.ROUTINE) -> dict[str, str]:
    answers = all_yes(kind)
    assert code in answers, ChecklistItem.objects.values_list("code", flat=True)
    answers[code] = Answer.NO
    return answers


def arrears(severity: str = Severity.MINOR, **kw: Any) -> services.RiskInput:
    return services.RiskInput(
        risk_type=kw.pop("risk_type", RiskType.WAGE_ARREARS),
        severity=severity,
        description=kw.pop("description", "拖欠两个月工资"),
        workers_affected=kw.pop("workers_affected", 5),
        arrears_amount=kw.pop("arrears_amount", "40000"),
    )


def record(world: Any, lab: dict[str, Any], *, key: str = "a1", on: dt.date = MONDAY, **kw: Any) -> Any:
    """A risk found at enterprise ``key`` by the grid worker of its grid."""
    actor = kw.pop("actor", lab["grid"] if key == "a1" else lab["grid_b"] if key == "b1" else lab["staff"])
    return services.risk_record(
        actor=actor, enterprise=world.enterprises[key], risk=arrears(**kw), found_on=on
    )
