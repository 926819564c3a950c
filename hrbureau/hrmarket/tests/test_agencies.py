"""HR-service agencies with their inspections and sanctions: each rule, bad input refused whole, and the
pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hrbureau.hrmarket import services
from hrbureau.hrmarket.choices import ActionKind, AgencyStatus, LicenceKind
from hrbureau.hrmarket.models import EnforcementAction, HRAgency


@pytest.fixture
def staff(world: Any) -> Any:
    return world.users["dept_staff"]


def test_an_agency_is_sanctioned_and_its_licence_revoked(world: Any, staff: Any) -> None:
    agency = services.agency_register(
        actor=staff,
        enterprise=world.enterprises["a1"],
        licence_no="440300-HR-0001",
        licence_kind=LicenceKind.HR_SERVICE,
        licensed_on=dt.date(2024, 1, 1),
        valid_until=dt.date(2029, 1, 1),
    )
    with pytest.raises(ValidationError, match="already registered"):
        services.agency_register(
            actor=staff,
            enterprise=world.enterprises["a2"],
            licence_no="440300-HR-0001",
            licence_kind=LicenceKind.HR_SERVICE,
            licensed_on=dt.date(2024, 1, 1),
        )
    with pytest.raises(ValidationError, match="expire before"):
        services.agency_register(
            actor=staff,
            enterprise=world.enterprises["a2"],
            licence_no="X",
            licence_kind=LicenceKind.LABOUR_DISPATCH,
            licensed_on=dt.date(2024, 1, 1),
            valid_until=dt.date(2023, 1, 1),
        )
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="amount of the fine"):
        services.enforcement_record(
            actor=staff,
            agency=agency,
            kind=ActionKind.FINE,
            taken_on=today,
            description="发布虚假招聘信息",
        )
    services.enforcement_record(
        actor=staff,
        agency=agency,
        kind=ActionKind.FINE,
        taken_on=today,
        description="发布虚假招聘信息",
        amount="5,000",
    )
    assert EnforcementAction.objects.get().amount == 5000
    assert HRAgency.objects.get().state == AgencyStatus.LICENSED
    services.enforcement_record(
        actor=staff, agency=agency, kind=ActionKind.REVOCATION, taken_on=today, description="情节严重"
    )
    assert HRAgency.objects.get().state == AgencyStatus.REVOKED
    with pytest.raises(ValidationError, match="already revoked"):
        services.enforcement_record(
            actor=staff, agency=agency, kind=ActionKind.SUSPENSION, taken_on=today, description="x"
        )


def test_the_pages(world: Any, staff: Any, client: Any) -> None:
    client.cookies["hrbureau_language"] = "en"
    client.force_login(staff)
    e = world.enterprises
    registered = client.post(
        "/hrmarket/agencies/new/",
        {
            "uscc": e["a2"].uscc,
            "licence_kind": "labour_dispatch",
            "licence_no": "LD-9",
            "licensed_on": "2020-01-01",
            "valid_until": "2023-01-01",
        },
        follow=True,
    ).content.decode()
    assert "Agency registered." in registered
    assert "expired" in client.get("/hrmarket/agencies/?expired=1").content.decode()
    agency = HRAgency.objects.get()
    client.post(
        f"/core/cases/hrmarket.hragency/{agency.pk}/actions/suspend/",
        {"taken_on": timezone.localdate().isoformat(), "description": "超范围经营"},
    )
    assert HRAgency.objects.get().state == AgencyStatus.SUSPENDED
    assert client.get("/hrmarket/agencies/?export=xlsx").status_code == 200
