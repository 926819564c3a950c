"""Compliance trainings and consultations with attendance, and HR-service agencies with their
inspections and sanctions: each rule, bad input refused whole, and the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hrbureau.labour import compliance
from hrbureau.labour.choices import ActionKind, AgencyStatus, EventKind, LicenceKind
from hrbureau.labour.models import ComplianceEvent, EnforcementAction, HRAgency, LegalExpert


@pytest.fixture
def experts() -> list[LegalExpert]:
    return [
        LegalExpert.objects.create(name="王律师", organisation="某律师事务所", speciality="劳动合同"),
        LegalExpert.objects.create(name="李教授", organisation="某大学法学院"),
        LegalExpert.objects.create(name="退出专家", organisation="某所", active=False),
    ]


def test_a_training_and_its_attendance(world: Any, lab: dict[str, Any], experts: list[LegalExpert]) -> None:
    e = world.enterprises
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    event = compliance.event_create(
        actor=lab["staff"],
        kind=EventKind.TRAINING,
        title="劳动合同法合规培训",
        held_on=yesterday,
        expert_ids=[experts[0].pk],
        enterprise_ids=[e["a1"].pk, e["a2"].pk, e["b1"].pk],
    )
    assert event.attendance.count() == 3
    assert compliance.attendance_mark(actor=lab["staff"], event=event, attended=[e["a1"].pk, e["b1"].pk]) == 2
    # Marked again: the new list replaces the old one.
    assert compliance.attendance_mark(actor=lab["staff"], event=event, attended=[e["a2"].pk]) == 1
    assert set(event.attendance.filter(attended=True).values_list("enterprise_id", flat=True)) == {e["a2"].pk}
    with pytest.raises(ValidationError, match="Only invited"):
        compliance.attendance_mark(actor=lab["staff"], event=event, attended=[e["b2"].pk])
    future = compliance.event_create(
        actor=lab["staff"],
        kind=EventKind.TRAINING,
        title="下月培训",
        held_on=timezone.localdate() + dt.timedelta(days=30),
        enterprise_ids=[e["a1"].pk],
    )
    with pytest.raises(ValidationError, match="once the event has taken place"):
        compliance.attendance_mark(actor=lab["staff"], event=future, attended=[e["a1"].pk])


def test_a_consultation_is_about_one_enterprise_with_an_expert(
    world: Any, lab: dict[str, Any], experts: list[LegalExpert]
) -> None:
    e = world.enterprises
    day = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        compliance.event_create(
            actor=lab["staff"],
            kind=EventKind.CONSULTATION,
            title="会诊",
            held_on=day,
            expert_ids=[],
            enterprise_ids=[e["a1"].pk, e["a2"].pk],
        )
    assert set(refused.value.message_dict) == {"experts", "enterprises"}
    with pytest.raises(ValidationError, match="active"):
        compliance.event_create(
            actor=lab["staff"],
            kind=EventKind.CONSULTATION,
            title="会诊",
            held_on=day,
            expert_ids=[experts[2].pk],
            enterprise_ids=[e["a1"].pk],
        )
    with pytest.raises(PermissionDenied):
        compliance.event_create(
            actor=lab["street"], kind=EventKind.TRAINING, title="x", held_on=day, enterprise_ids=[e["a1"].pk]
        )
    assert not ComplianceEvent.objects.exists()
    done = compliance.event_create(
        actor=lab["staff"],
        kind=EventKind.CONSULTATION,
        title="欠薪隐患会诊",
        held_on=day,
        expert_ids=[experts[0].pk, experts[1].pk],
        enterprise_ids=[e["a1"].pk],
    )
    assert done.experts.count() == 2


def test_an_agency_is_sanctioned_and_its_licence_revoked(world: Any, lab: dict[str, Any]) -> None:
    agency = compliance.agency_register(
        actor=lab["staff"],
        enterprise=world.enterprises["a1"],
        licence_no="440300-HR-0001",
        licence_kind=LicenceKind.HR_SERVICE,
        licensed_on=dt.date(2024, 1, 1),
        valid_until=dt.date(2029, 1, 1),
    )
    with pytest.raises(ValidationError, match="already registered"):
        compliance.agency_register(
            actor=lab["staff"],
            enterprise=world.enterprises["a2"],
            licence_no="440300-HR-0001",
            licence_kind=LicenceKind.HR_SERVICE,
            licensed_on=dt.date(2024, 1, 1),
        )
    with pytest.raises(ValidationError, match="expire before"):
        compliance.agency_register(
            actor=lab["staff"],
            enterprise=world.enterprises["a2"],
            licence_no="X",
            licence_kind=LicenceKind.LABOUR_DISPATCH,
            licensed_on=dt.date(2024, 1, 1),
            valid_until=dt.date(2023, 1, 1),
        )
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="amount of the fine"):
        compliance.enforcement_record(
            actor=lab["staff"],
            agency=agency,
            kind=ActionKind.FINE,
            taken_on=today,
            description="发布虚假招聘信息",
        )
    compliance.enforcement_record(
        actor=lab["staff"],
        agency=agency,
        kind=ActionKind.FINE,
        taken_on=today,
        description="发布虚假招聘信息",
        amount="5,000",
    )
    assert EnforcementAction.objects.get().amount == 5000
    assert HRAgency.objects.get().status == AgencyStatus.LICENSED
    compliance.enforcement_record(
        actor=lab["staff"], agency=agency, kind=ActionKind.REVOCATION, taken_on=today, description="情节严重"
    )
    assert HRAgency.objects.get().status == AgencyStatus.REVOKED
    with pytest.raises(ValidationError, match="already revoked"):
        compliance.enforcement_record(
            actor=lab["staff"], agency=agency, kind=ActionKind.SUSPENSION, taken_on=today, description="x"
        )


def test_the_pages(world: Any, lab: dict[str, Any], experts: list[LegalExpert], client: Any) -> None:
    client.cookies["hrbureau_language"] = "en"
    client.force_login(lab["staff"])
    e = world.enterprises
    made = client.post(
        "/labour/compliance/",
        {
            "kind": "training",
            "title": "根治欠薪政策宣讲",
            "held_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
            "experts": [experts[0].pk],
            "enterprises": f"{e['a1'].uscc}\n{e['b1'].uscc.lower()}\n",
        },
        follow=True,
    ).content.decode()
    assert "Event recorded." in made
    event = ComplianceEvent.objects.get()
    unknown = client.post(
        "/labour/compliance/",
        {"kind": "training", "title": "x", "held_on": "2026-01-01", "enterprises": "91350100M000100Y44"},
        follow=True,
    ).content.decode()
    assert "Not found: 91350100M000100Y44" in unknown
    assert ComplianceEvent.objects.count() == 1
    client.post(f"/labour/compliance/{event.pk}/", {"attended": [e["a1"].pk]})
    page = client.get("/labour/compliance/").content.decode()
    assert '<div class="h1 mb-0" data-testid="figure-came">1</div>' in page
    registered = client.post(
        "/labour/agencies/",
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
    assert "expired" in client.get("/labour/agencies/?expired=1").content.decode()
    agency = HRAgency.objects.get()
    client.post(
        f"/labour/agencies/{agency.pk}/",
        {"kind": "suspension", "taken_on": timezone.localdate().isoformat(), "description": "超范围经营"},
    )
    assert HRAgency.objects.get().status == AgencyStatus.SUSPENDED
    assert client.get("/labour/agencies/?export=xlsx").status_code == 200
