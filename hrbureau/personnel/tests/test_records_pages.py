"""The personnel records' pages: keeping a staff record, filing a request with its evidence, the review
and the decision as actions on the case page, the eligible list, the roster and its figures; ID numbers
masked in the lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hrbureau.core.identifiers import generate_resident_id, mask_id_number
from hrbureau.personnel import emergency, promotion
from hrbureau.personnel.records_choices import CertificationState, CertifiedItem
from hrbureau.personnel.records_models import CertificationRequest, CertifiedRecord, Deployment, StaffMember
from hrbureau.personnel.tests.records_helpers import second_head, staff_member

pytestmark = pytest.mark.django_db


def test_keep_a_staff_record_and_file_a_request(world, client_for):
    import random

    client = client_for("dept_staff")
    id_number = generate_resident_id(
        random.Random(3), address="440305", birth_date=dt.date(1980, 1, 2), male=False
    )
    response = client.post(
        "/personnel/staff/new/",
        {
            "name": "陈静",
            "id_number": id_number,
            "unit_name": "区税务局",
            "post": "科员",
            "street": world.units["street-a"].pk,
        },
    )
    staff = StaffMember.objects.get(id_number=id_number)
    assert response.status_code == 302
    listing = client.get("/personnel/staff/").content.decode()
    assert mask_id_number(id_number) in listing
    assert id_number not in listing
    evidence = SimpleUploadedFile("档案.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    response = client.post(
        "/personnel/certifications/new/",
        {
            "id_number": id_number,
            "requesting_unit": "区税务局",
            "claimed_birth_date": "1980-01-02",
            "claimed_work_start": "2002-07-01",
            "school_1": "中山大学",
            "degree_1": "bachelor",
            "from_1": "1998-09-01",
            "to_1": "2002-06-30",
            "evidence": [evidence],
        },
    )
    request = CertificationRequest.objects.get(staff=staff)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert request.education.count() == 1
    # An incomplete education row is refused with its message.
    bad = client.post(
        "/personnel/certifications/new/",
        {
            "id_number": id_number,
            "requesting_unit": "x",
            "claimed_birth_date": "1980-01-02",
            "claimed_work_start": "2002-07-01",
            "school_2": "某校",
        },
    )
    assert bad.status_code == 200
    assert CertificationRequest.objects.filter(staff=staff).count() == 1


def _findings_post(corrected: str = "") -> dict[str, str]:
    data = {}
    for item in CertifiedItem.values:
        data[f"{item}_outcome"] = "corrected" if item == corrected else "confirmed"
        data[f"{item}_reason"] = "档案一致"
        data[f"{item}_value"] = "2007-09-01" if item == corrected else ""
    return data


def test_review_and_decide_on_the_case_page(world, client_for):
    from hrbureau.personnel import records

    staff = staff_member(street=world.units["street-a"])
    request = records.certification_submit(
        actor=world.users["dept_staff"],
        staff=staff,
        requesting_unit="区法院",
        claimed_birth_date=dt.date(1985, 3, 4),
        claimed_work_start=dt.date(2007, 7, 1),
    )
    client = client_for("dept_staff")
    page = client.get(f"/personnel/certifications/{request.pk}/").content.decode()
    assert request.number in page
    url = f"/core/cases/personnel.certificationrequest/{request.pk}/actions/review/"
    response = client.post(url, {**_findings_post(), "version": request.version})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == CertificationState.REVIEWED
    # A corrected item without its value is refused with the field's message.
    client.force_login(second_head(world))
    url = f"/core/cases/personnel.certificationrequest/{request.pk}/actions/decide/"
    missing = _findings_post("work_start")
    missing["work_start_value"] = ""
    assert client.post(url, {**missing, "version": request.version}).status_code in (200, 422)
    response = client.post(url, {**_findings_post("work_start"), "version": request.version})
    assert response.status_code == 302
    record = CertifiedRecord.objects.get(request=request)
    assert record.work_start == dt.date(2007, 9, 1)
    page = client.get(f"/personnel/staff/{staff.pk}/").content.decode()
    assert "2007-09-01" in page
    # The street's staff read it; another street's does not.
    assert client_for("street_staff").get(f"/personnel/staff/{staff.pk}/").status_code == 200


def test_the_eligible_list_and_a_proposal(world, client_for):
    from hrbureau.personnel.records_models import PromotionRule, StaffGrade

    low = StaffGrade.objects.create(code="P1", name="一级科员", order=1)
    high = StaffGrade.objects.create(code="P2", name="四级主任科员", order=2)
    PromotionRule.objects.create(grade=high, years_required=4, lowest_result="competent")
    year = timezone.localdate().year
    staff = staff_member(name="晋升甲", street=world.units["street-a"])
    promotion.grade_set(actor=None, staff=staff, grade=low, since=dt.date(year - 5, 1, 1))
    for y in range(year - 5, year):
        promotion.appraisal_record(actor=None, staff=staff, year=y, result="competent")
    client = client_for("dept_staff")
    page = client.get("/personnel/promotions/eligible/").content.decode()
    assert "晋升甲" in page
    assert "四级主任科员" in page
    response = client.post(f"/personnel/staff/{staff.pk}/propose/", {"year": year})
    assert response.status_code == 302
    assert "晋升甲" not in client.get("/personnel/promotions/eligible/").content.decode()


def test_the_roster_refuses_an_overlap_and_the_figures_count(world, client_for):
    plan = emergency.plan_create(
        actor=None, title="通知", number="应急〔2026〕3号", issued_on=dt.date(2026, 1, 20)
    )
    post = emergency.post_add(actor=None, plan=plan, kind="hotel", name="隔离酒店")
    staff = staff_member(street=world.units["street-a"])
    client = client_for("dept_staff")
    data = {"post": post.pk, "id_number": staff.id_number, "starts_on": "2026-02-01", "ends_on": "2026-02-10"}
    assert client.post(f"/personnel/emergency/{plan.pk}/roster/new/", data).status_code == 302
    again = client.post(f"/personnel/emergency/{plan.pk}/roster/new/", {**data, "starts_on": "2026-02-05"})
    assert again.status_code == 200
    assert Deployment.objects.count() == 1
    page = client.get("/personnel/emergency/figures/?first=2026-02-01&last=2026-02-28").content.decode()
    assert 'data-testid="people">1<' in page
    assert 'data-testid="person-days">10<' in page
    assert "隔离酒店" in client.get(f"/personnel/emergency/{plan.pk}/").content.decode()
