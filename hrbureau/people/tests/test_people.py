"""People: IDs masked everywhere, reveal with a reason and an audit row, derived gender and birth date."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from hrbureau.core.identifiers import mask_id_number
from hrbureau.core.models import AuditEvent
from hrbureau.people import services
from hrbureau.people.models import Person


def test_create_derives_gender_and_birth_date(world: Any) -> None:
    person = services.person_create(
        actor=world.users["dept_staff"],
        data={"id_number": "11010519491231002x", "name": "王芳", "phone": "+86 13812345678"},
    )
    assert (person.id_number, person.gender, person.birth_date, person.phone) == (
        "11010519491231002X",
        "female",
        dt.date(1949, 12, 31),
        "13812345678",
    )


def test_full_ids_never_appear_in_lists_pages_or_exports(world: Any, client_for: Any) -> None:
    client = client_for("dept_head")
    person = world.people["a1"]
    for path in ("/people/", f"/people/{person.pk}/", "/api/v1/people", f"/api/v1/people/{person.pk}"):
        body = client.get(path).content.decode()
        assert person.id_number not in body, path
        assert person.phone not in body, path
    assert mask_id_number(person.id_number) in client.get("/people/").content.decode()
    export = client.get("/people/?export=xlsx")
    cells = [
        c
        for row in load_workbook(BytesIO(b"".join(export.streaming_content))).active.iter_rows(
            values_only=True
        )
        for c in row
    ]
    assert person.id_number not in cells
    assert mask_id_number(person.id_number) in cells


def test_a_reveal_needs_a_reason_and_is_audited(world: Any, client_for: Any) -> None:
    person = world.people["a1"]
    client = client_for("street_staff")
    refused = client.post(f"/people/{person.pk}/reveal/", {"reason": "x"})
    assert person.id_number not in refused.content.decode()
    assert not AuditEvent.objects.filter(kind="reveal").exists()
    shown = client.post(f"/people/{person.pk}/reveal/", {"reason": "核实劳动争议申请人身份"})
    assert person.id_number in shown.content.decode()
    event = AuditEvent.objects.get(kind="reveal")
    assert (event.actor, event.object_id, event.reason) == (
        world.users["street_staff"],
        str(person.pk),
        "核实劳动争议申请人身份",
    )


def test_roles_without_the_right_cannot_reveal(world: Any, client_for: Any) -> None:
    person = world.people["a1"]
    response = client_for("grid_worker").post(f"/people/{person.pk}/reveal/", {"reason": "想看看号码"})
    assert response.status_code == 403
    assert person.id_number not in response.content.decode()
    with pytest.raises(ValidationError):
        services.person_reveal(actor=world.users["dept_head"], person=person, reason="  ")


def test_edit_history_of_a_person_masks_identifiers(world: Any) -> None:
    from hrbureau.core.history import history_of

    person = world.people["a2"]
    old_phone = person.phone
    services.person_update(actor=world.users["dept_staff"], person=person, data={"phone": "13900001111"})
    change = history_of(person).get().changes["phone"]
    assert change == [old_phone[:3] + "****" + old_phone[-4:], "139****1111"]


def test_search_people_by_full_id_only(world: Any, client_for: Any) -> None:
    person = world.people["b1"]
    client = client_for("dept_staff")
    assert "居民B1" in client.get(f"/people/?q={person.id_number}").content.decode()
    assert "居民B1" not in client.get(f"/people/?q={person.id_number[:10]}").content.decode()


def test_editing_keeps_the_id_when_left_blank(world: Any, client_for: Any) -> None:
    person = world.people["a1"]
    response = client_for("dept_staff").post(
        f"/people/{person.pk}/edit/", {"id_number": "", "name": "居民A1改", "phone": ""}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "居民A1改"
    assert Person.objects.filter(id_number=world.people["a1"].id_number).exists()


def test_a_list_row_shows_what_may_be_seen_in_the_page_language(world: Any, client_for: Any) -> None:
    from hrbureau.core.identifiers import mask_phone
    from hrbureau.people.tests.factories import PersonFactory

    person = PersonFactory(
        name="<b>居民</b>丙", street=world.units["street-a"], employment_status="unemployed", phone=""
    )
    client = client_for("dept_head")
    for language, gender, status in (
        ("zh-hans", "男" if person.gender == "male" else "女", "登记失业"),
        ("en", "Male" if person.gender == "male" else "Female", "Registered unemployed"),
    ):
        client.cookies["hrbureau_language"] = language
        body = client.get("/people/").content.decode()
        row = next(r for r in body.split("<tr>") if f"/people/{person.pk}/" in r)
        assert f'<a href="/people/{person.pk}/">&lt;b&gt;居民&lt;/b&gt;丙</a>' in row
        assert mask_id_number(person.id_number) in row
        assert person.birth_date.strftime("%Y-%m") in row
        assert ">—<" in row  # no phone
        assert status in row
        assert f">{gender}<" in row
        if language == "en":
            assert 'data-label="Employment status"' in row
    other = world.people["a1"]
    row = next(
        r for r in client.get("/people/").content.decode().split("<tr>") if f"/people/{other.pk}/" in r
    )
    assert mask_phone(other.phone) in row
