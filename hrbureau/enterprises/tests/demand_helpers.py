"""Helpers of the enterprise-demand tests (also used by the permission matrix and the shared tests)."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from django.apps import apps

# A working Monday in the past, far from any holiday: due dates in the tests are easy to read.
MONDAY = dt.date(2026, 3, 2)


def reinstall_periods() -> None:
    """The reply periods the data migration installs (a transactional test empties every table)."""
    importlib.import_module("hrbureau.enterprises.migrations.0006_enterprise_demand_periods").create(
        apps, None
    )


def file_demand(
    world: Any, *, key: str = "a1", kind: str = "recruitment", on: dt.date | None = None, **extra: Any
) -> Any:
    """A demand of enterprise ``key`` filed on the portal by its user (enterprise A1's), or by the
    department's staff for another enterprise."""
    from hrbureau.enterprises.demand_services import demand_file

    reinstall_periods()
    enterprise = world.enterprises[key]
    if key == "a1":
        actor, channel = world.users["enterprise"], "portal"
    else:
        actor, channel = world.users["dept_staff"], "officer"
    values = {"title": f"{enterprise.name}招工需求", "description": "急需招聘20名普工。", **extra}
    return demand_file(actor=actor, enterprise=enterprise, kind=kind, channel=channel, filed_on=on, **values)


def routed(world: Any, demand: Any, unit: str = "street-a") -> Any:
    from hrbureau.enterprises.demand_services import demand_route

    demand_route(actor=world.users["dept_staff"], demand=demand, unit=world.units[unit])
    return demand


def replied(world: Any, demand: Any, *, on: dt.date | None = None, unit: str = "street-a") -> Any:
    """Routed to ``unit`` (street A, or the labour-relations department) and replied by its staff."""
    from hrbureau.enterprises.demand_services import demand_reply

    if demand.state == "filed":
        routed(world, demand, unit)
    actor = world.users["street_staff" if unit == "street-a" else "dept_staff"]
    demand_reply(actor=actor, demand=demand, reply="已对接辖区人力资源服务机构。", on=on)
    return demand
