"""The pages of talent intake and certification: a person applies and sees only their own; staff see
the lists, the case pages and the register (ID numbers masked); an expert sees what is assigned to them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from hrbureau.core.identifiers import mask_id_number
from hrbureau.talent import certification as services
from hrbureau.talent.certification_models import Certification, IntakeApplication
from hrbureau.talent.tests.certification_helpers import category, certified, doctor, experts, filed, pdf

DAY = dt.date(2026, 3, 2)


def test_person_applies_for_intake_on_the_portal(world: Any, client_for: Any) -> None:
    client = client_for("individual")
    response = client.post(
        reverse("talent:intake_apply"),
        {
            "basis": "title",
            "qualification": "高级工程师",
            "family_members": "1",
            "materials": [pdf("证书.pdf")],
        },
    )
    application = IntakeApplication.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("talent:portal_intake", args=[application.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    assert "高级工程师" in page.content.decode()


def test_person_applies_for_certification_with_evidence(world: Any, client_for: Any) -> None:
    cat = category()
    doctor(world.people["a1"])
    client = client_for("individual")
    response = client.post(
        reverse("talent:certification_apply"),
        {
            "category": str(cat.pk),
            "annual_salary": "500000",
            "evidence_kind_1": "patent",
            "evidence_description_1": "发明专利",
            "evidence_file_1": [pdf()],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    certification = Certification.objects.get()
    assert certification.evidence.get().kind == "patent"
    assert certification.evidence.get().attachment.original_name == "patent.pdf"
    assert str(certification.annual_salary) == "500000.00"


def test_a_person_sees_only_their_own(world: Any, client_for: Any) -> None:
    cat = category()
    mine = filed(world, cat, on=DAY)
    theirs = filed(world, cat, on=DAY, person=doctor(world.people["b1"]))
    other_intake = services.intake_submit(
        actor=world.users["dept_staff"],
        person=world.people["b1"],
        basis="degree",
        qualification="硕士",
        on=DAY,
    )
    client = client_for("individual")
    listing = client.get(reverse("talent:portal_certifications")).content.decode()
    assert mine.number in listing
    assert theirs.number not in listing
    assert client.get(reverse("talent:portal_certification", args=[mine.pk])).status_code == 200
    assert client.get(reverse("talent:portal_certification", args=[theirs.pk])).status_code == 403
    assert client.get(reverse("talent:portal_intake", args=[other_intake.pk])).status_code == 403
    assert other_intake.number not in client.get(reverse("talent:portal_intakes")).content.decode()


def test_staff_pages_and_the_register(world: Any, client_for: Any) -> None:
    panel = experts(3)
    cert = certified(world, category(), panel, on=DAY)
    client = client_for("dept_staff")
    for name in ("talent:intakes", "talent:certifications", "talent:register", "talent:register_figures"):
        assert client.get(reverse(name)).status_code == 200, name
    page = client.get(reverse("talent:certification", args=[cert.pk])).content.decode()
    assert cert.certificate_number in page
    register = client.get(reverse("talent:register")).content.decode()
    person = cert.person
    assert mask_id_number(person.id_number) in register
    assert person.id_number not in register


def test_an_expert_sees_what_is_assigned_to_them(world: Any, client: Any) -> None:
    panel = experts(3)
    cat = category()
    certification = filed(world, cat, on=DAY)
    services.certification_send_to_experts(
        actor=world.users["dept_staff"], certification=certification, experts=panel
    )
    client.force_login(panel[0])
    page = client.get(reverse("talent:expert_reviews")).content.decode()
    assert certification.number in page
    client.force_login(world.users["dept_head"])
    assert certification.number not in client.get(reverse("talent:expert_reviews")).content.decode()


def test_categories_are_the_heads(world: Any, client_for: Any) -> None:
    assert client_for("dept_staff").get(reverse("talent:categories")).status_code == 403
    client = client_for("dept_head")
    response = client.post(
        reverse("talent:category_create"),
        {
            "code": "a-top",
            "name": "A类",
            "level": "A",
            "experts_required": "5",
            "pass_mark": "80",
            "validity_years": "5",
            "renewal_window_days": "60",
            "active": "on",
            "criteria_text": '{"all": [{"field": "evidence.award", "op": "eq", "value": true}]}',
        },
    )
    assert response.status_code == 302
    bad = client.post(
        reverse("talent:category_create"),
        {
            "code": "a-bad",
            "name": "A类",
            "level": "A",
            "experts_required": "5",
            "pass_mark": "80",
            "validity_years": "5",
            "renewal_window_days": "60",
            "criteria_text": '{"field": "nope", "op": "eq", "value": 1}',
        },
    )
    assert bad.status_code == 200
    from hrbureau.talent.certification_models import TalentCategory

    assert TalentCategory.objects.get(code="a-top").criteria["all"][0]["field"] == "evidence.award"
    assert not TalentCategory.objects.filter(code="a-bad").exists()
