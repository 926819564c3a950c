"""Enterprise registry writes: validation by field, scope on write, edit history."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from hrbureau.core.history import history_of
from hrbureau.enterprises import services
from hrbureau.enterprises.models import Enterprise, EnterpriseTag


def _errors(func: Any, **kwargs: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        func(**kwargs)
    return caught.value.message_dict


def test_create_normalises_and_records_who(world: Any) -> None:
    enterprise = services.enterprise_create(
        actor=world.users["dept_staff"],
        data={
            "uscc": "９１３５０１００ｍ０００１００ｙ４３",
            "name": "  示范  科技有限公司 ",
            "grid": world.units["grid-b1"],
        },
    )
    assert enterprise.uscc == "91350100M000100Y43"
    assert enterprise.name == "示范 科技有限公司"
    # The grid gives the community and the street.
    assert (enterprise.community, enterprise.street) == (world.units["community-b"], world.units["street-b"])
    record = history_of(enterprise).get()
    assert (record.created, record.username, record.source) == (True, "dept_staff", "form")


def test_every_problem_is_reported_by_field(world: Any) -> None:
    errors = _errors(
        services.enterprise_create,
        actor=world.users["dept_staff"],
        data={
            "uscc": "91350100M000100Y44",
            "name": "",
            "industry_section": "C",
            "industry_division": "51",
            "employees": -3,
            "registration_date": dt.date.today() + dt.timedelta(days=1),
            "street": world.units["street-a"],
            "community": world.units["community-b"],
        },
    )
    assert set(errors) == {"uscc", "name", "industry_division", "employees", "registration_date", "community"}
    assert "F" in errors["industry_division"][0]  # division 51 belongs to section F


def test_a_code_is_registered_once(world: Any) -> None:
    existing = world.enterprises["a1"]
    errors = _errors(
        services.enterprise_create, actor=world.users["dept_staff"], data={"uscc": existing.uscc, "name": "x"}
    )
    assert "已登记" in errors["uscc"][0]


def test_street_staff_write_only_inside_their_street(world: Any) -> None:
    street_staff = world.users["street_staff"]
    services.enterprise_update(actor=street_staff, enterprise=world.enterprises["a2"], data={"employees": 9})
    with pytest.raises(PermissionDenied):
        services.enterprise_update(
            actor=street_staff, enterprise=world.enterprises["b1"], data={"employees": 9}
        )
    with pytest.raises(PermissionDenied):
        # Moving one of their own enterprises out of their street is refused too.
        services.enterprise_update(
            actor=street_staff, enterprise=world.enterprises["a2"], data={"street": world.units["street-b"]}
        )
    with pytest.raises(PermissionDenied):
        services.enterprise_create(
            actor=street_staff, data={"uscc": "91350100M000100Y43", "name": "外街道企业"}
        )
    assert Enterprise.objects.get(pk=world.enterprises["a2"].pk).street == world.units["street-a"]


def test_an_update_records_field_old_and_new(world: Any) -> None:
    enterprise = world.enterprises["a1"]
    tag = default_tags()["key-enterprise"]
    services.enterprise_update(
        actor=world.users["dept_head"],
        enterprise=enterprise,
        data={"employees": 120, "name": "企业A1科技有限公司"},
        tags=[tag],
    )
    record = history_of(enterprise).get()
    assert record.changes == {"employees": ["50", "120"], "tags": ["", "重点企业"]}
    assert record.username == "dept_head"
    # Saving without a change records nothing.
    services.enterprise_update(actor=world.users["dept_head"], enterprise=enterprise, data={"employees": 120})
    assert history_of(enterprise).count() == 1


def default_tags() -> dict[str, EnterpriseTag]:
    """The tags the data migration installs (put back: a transactional test empties every table)."""
    importlib.import_module("hrbureau.enterprises.migrations.0004_default_tags").create(apps, None)
    return {tag.code: tag for tag in EnterpriseTag.objects.all()}


def test_a_new_installation_has_the_standard_tags(db: Any) -> None:
    EnterpriseTag.objects.all().delete()
    tags = {code: tag.name for code, tag in default_tags().items()}
    assert tags["key-enterprise"] == "重点企业"
    assert tags["little-giant"] == "专精特新“小巨人”"
    assert tags["postdoc-station"] == "博士后工作站设站单位"
    assert tags["hr-service-reporting"] == "人力资源服务业纳统企业"
