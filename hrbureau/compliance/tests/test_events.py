"""Compliance trainings and consultations with attendance: each rule, bad input refused whole, and the
pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hrbureau.compliance import services
from hrbureau.compliance.choices import EventKind
from hrbureau.compliance.models import ComplianceEvent, LegalExpert


@pytest.fixture
def experts() -> list[LegalExpert]:
    return [
        LegalExpert.objects.create(name="王律师", organisation="某律师事务所", speciality="劳动合同"),
        LegalExpert.objects.create(name="李教授", organisation="某大学法学院"),
        LegalExpert.objects.create(name="退出专家", organisation="某所", active=False),
    ]


def test_a_training_and_its_attendance(
    world: Any, people: dict[str, Any], experts: list[LegalExpert]
) -> None:
    e = world.enterprises
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    event = services.event_create(
        actor=people["staff"],
        kind=EventKind.TRAINING,
        title="劳动合同法合规培训",
        held_on=yesterday,
        expert_ids=[experts[0].pk],
        enterprise_ids=[e["a1"].pk, e["a2"].pk, e["b1"].pk],
    )
    assert event.attendance.count() == 3
    assert (
        services.attendance_mark(actor=people["staff"], event=event, attended=[e["a1"].pk, e["b1"].pk]) == 2
    )
    # Marked again: the new list replaces the old one.
    assert services.attendance_mark(actor=people["staff"], event=event, attended=[e["a2"].pk]) == 1
    assert set(event.attendance.filter(attended=True).values_list("enterprise_id", flat=True)) == {e["a2"].pk}
    with pytest.raises(ValidationError, match="Only invited"):
        services.attendance_mark(actor=people["staff"], event=event, attended=[e["b2"].pk])
    future = services.event_create(
        actor=people["staff"],
        kind=EventKind.TRAINING,
        title="下月培训",
        held_on=timezone.localdate() + dt.timedelta(days=30),
        enterprise_ids=[e["a1"].pk],
    )
    with pytest.raises(ValidationError, match="once the event has taken place"):
        services.attendance_mark(actor=people["staff"], event=future, attended=[e["a1"].pk])


def test_a_consultation_is_about_one_enterprise_with_an_expert(
    world: Any, people: dict[str, Any], experts: list[LegalExpert]
) -> None:
    e = world.enterprises
    day = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        services.event_create(
            actor=people["staff"],
            kind=EventKind.CONSULTATION,
            title="会诊",
            held_on=day,
            expert_ids=[],
            enterprise_ids=[e["a1"].pk, e["a2"].pk],
        )
    assert set(refused.value.message_dict) == {"experts", "enterprises"}
    with pytest.raises(ValidationError, match="active"):
        services.event_create(
            actor=people["staff"],
            kind=EventKind.CONSULTATION,
            title="会诊",
            held_on=day,
            expert_ids=[experts[2].pk],
            enterprise_ids=[e["a1"].pk],
        )
    with pytest.raises(PermissionDenied):
        services.event_create(
            actor=people["street"],
            kind=EventKind.TRAINING,
            title="x",
            held_on=day,
            enterprise_ids=[e["a1"].pk],
        )
    assert not ComplianceEvent.objects.exists()
    done = services.event_create(
        actor=people["staff"],
        kind=EventKind.CONSULTATION,
        title="欠薪隐患会诊",
        held_on=day,
        expert_ids=[experts[0].pk, experts[1].pk],
        enterprise_ids=[e["a1"].pk],
    )
    assert done.experts.count() == 2


def test_the_pages(world: Any, people: dict[str, Any], experts: list[LegalExpert], client: Any) -> None:
    client.cookies["hrbureau_language"] = "en"
    client.force_login(people["staff"])
    e = world.enterprises
    made = client.post(
        "/compliance/events/new/",
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
        "/compliance/events/new/",
        {"kind": "training", "title": "x", "held_on": "2026-01-01", "enterprises": "91350100M000100Y44"},
        follow=True,
    ).content.decode()
    assert "Not found: 91350100M000100Y44" in unknown
    assert ComplianceEvent.objects.count() == 1
    client.post(f"/compliance/events/{event.pk}/", {"attended": [e["a1"].pk]})
    page = client.get("/compliance/events/").content.decode()
    assert '<div class="h1 mb-0" data-testid="figure-came">1</div>' in page


def test_the_attendance_form_refuses_enterprises_not_invited_inside_the_form(
    world: Any, people: dict[str, Any], client: Any
) -> None:
    e = world.enterprises
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    event = services.event_create(
        actor=people["staff"],
        kind=EventKind.TRAINING,
        title="培训",
        held_on=yesterday,
        expert_ids=[],
        enterprise_ids=[e["a1"].pk, e["a2"].pk],
    )
    coming = services.event_create(
        actor=people["staff"],
        kind=EventKind.TRAINING,
        title="下周培训",
        held_on=timezone.localdate() + dt.timedelta(days=7),
        expert_ids=[],
        enterprise_ids=[e["a1"].pk],
    )
    client.cookies["hrbureau_language"] = "en"
    client.force_login(people["staff"])
    for bad in (e["b1"].pk, "abc", "9" * 30):  # not invited, not a number, too big for a key
        refused = client.post(f"/compliance/events/{event.pk}/", {"attended": [e["a1"].pk, bad]})
        assert refused.status_code == 422, bad
        form = refused.content.decode().split('data-testid="attendance-form"')[1].split("</form>")[0]
        assert 'data-field-error="attended"' in form
        assert "Only invited enterprises can have attended." in form
    assert not event.attendance.filter(attended=True).exists()
    early = client.post(f"/compliance/events/{coming.pk}/", {"attended": [e["a1"].pk]})
    assert early.status_code == 422
    assert (
        "once the event has taken place" in early.content.decode().split('data-testid="attendance-form"')[1]
    )
    assert not coming.attendance.filter(attended=True).exists()
    done = client.post(f"/compliance/events/{event.pk}/", {"attended": [e["a2"].pk]})
    assert done.status_code == 302
    assert list(event.attendance.filter(attended=True).values_list("enterprise_id", flat=True)) == [
        e["a2"].pk
    ]
    # Every tick taken off (a form posted with no box ticked): nobody came, recorded as such.
    none = client.post(f"/compliance/events/{event.pk}/", {})
    assert none.status_code == 302
    assert not event.attendance.filter(attended=True).exists()
