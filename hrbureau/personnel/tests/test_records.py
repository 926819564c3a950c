"""三龄一历 certification: the request, the review, the head's decision per item (maker ≠ checker),
the certified record and its supersession."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hrbureau.core.models import CaseAttachment
from hrbureau.core.workflow import TransitionError
from hrbureau.personnel import records
from hrbureau.personnel.records_choices import CertificationState, CertifiedItem, Outcome
from hrbureau.personnel.records_models import CertificationRequest, CertifiedRecord, StaffMember
from hrbureau.personnel.tests.records_helpers import second_head, staff_member

pytestmark = pytest.mark.django_db

ALL_CONFIRMED = {
    item: {"outcome": Outcome.CONFIRMED, "reason": "档案材料一致"} for item in CertifiedItem.values
}


def _request(world, staff=None, **kw) -> CertificationRequest:
    return records.certification_submit(
        actor=world.users["dept_staff"],
        staff=staff or staff_member(street=world.units["street-a"]),
        requesting_unit="区税务局",
        claimed_birth_date=kw.pop("birth", dt.date(1985, 3, 4)),
        claimed_work_start=dt.date(2007, 7, 1),
        claimed_party_joined=dt.date(2010, 6, 30),
        education=[
            {
                "school": "中山大学",
                "degree": "bachelor",
                "started_on": dt.date(2003, 9, 1),
                "ended_on": dt.date(2007, 6, 30),
            },
        ],
        on=dt.date(2026, 11, 2),
        **kw,
    )


def test_staff_is_linked_to_the_registry_person(world):
    # Given a person in the registry; When a staff record with their ID number is kept
    person = world.people["a1"]
    staff = records.staff_save(actor=None, name=person.name, id_number=person.id_number, unit_name="区法院")
    # Then it names that person; an unknown ID number names nobody
    assert staff.person == person
    assert staff_member().person is None


def test_staff_with_a_bad_id_number_is_refused(world):
    with pytest.raises(ValidationError):
        records.staff_save(actor=None, name="李四", id_number="123", unit_name="区法院")


def test_submit_numbers_the_request_and_keeps_education_and_evidence(world):
    evidence = SimpleUploadedFile("档案.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    request = _request(world, evidence=[evidence])
    assert request.number == "SLYL-2026-00001"
    assert request.state == CertificationState.SUBMITTED
    assert [row.school for row in request.education.all()] == ["中山大学"]
    assert (
        CaseAttachment.objects.filter(case_type="personnel.certificationrequest", case_id=request.pk).count()
        == 1
    )


def test_a_renamed_executable_is_refused_as_evidence(world):
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00", content_type="application/pdf")
    with pytest.raises(ValidationError):
        _request(world, evidence=[fake])
    assert not CertificationRequest.objects.exists()


def test_a_second_open_request_for_the_same_staff_is_refused(world):
    request = _request(world)
    with pytest.raises(ValidationError):
        _request(world, staff=request.staff)


def test_work_start_before_birth_is_refused(world):
    with pytest.raises(ValidationError):
        _request(world, birth=dt.date(2008, 1, 1))


def test_each_item_needs_a_reason(world):
    request = _request(world)
    findings = {**ALL_CONFIRMED, "party_joined": {"outcome": Outcome.CONFIRMED, "reason": " "}}
    with pytest.raises(ValidationError):
        records.certification_review(actor=world.users["dept_staff"], request=request, findings=findings)
    request.refresh_from_db()
    assert request.state == CertificationState.SUBMITTED


def test_every_item_must_be_decided(world):
    request = _request(world)
    findings = {k: v for k, v in ALL_CONFIRMED.items() if k != "education"}
    with pytest.raises(ValidationError):
        records.certification_review(actor=world.users["dept_staff"], request=request, findings=findings)


def test_the_reviewer_may_not_decide(world):
    # Given a head who reviewed the request himself
    head = world.users["dept_head"]
    request = _request(world)
    records.certification_review(actor=head, request=request, findings=ALL_CONFIRMED)
    # Then he may not certify it; another head may
    with pytest.raises(TransitionError):
        records.certification_decide(actor=head, request=request, findings=ALL_CONFIRMED)
    record = records.certification_decide(actor=second_head(world), request=request, findings=ALL_CONFIRMED)
    assert record.certified_by == second_head(world)


def test_staff_may_not_decide(world):
    request = _request(world)
    records.certification_review(actor=world.users["dept_staff"], request=request, findings=ALL_CONFIRMED)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        records.certification_decide(actor=world.users["dept_staff"], request=request, findings=ALL_CONFIRMED)


def test_decision_confirms_and_corrects_items(world):
    # Given a reviewed request
    request = _request(world)
    records.certification_review(actor=world.users["dept_staff"], request=request, findings=ALL_CONFIRMED)
    # When the head corrects the work start and the education, and confirms the rest
    findings = {
        **ALL_CONFIRMED,
        "work_start": {"outcome": Outcome.CORRECTED, "value": "2007-09-01", "reason": "以劳动合同起始日为准"},
        "education": {
            "outcome": Outcome.CORRECTED,
            "value": "college",
            "reason": "本科学位证未能核实，按大专认定",
        },
    }
    record = records.certification_decide(
        actor=world.users["dept_head"], request=request, findings=findings, on=dt.date(2026, 11, 20)
    )
    # Then the record holds the confirmed and corrected values, on the day, by the head
    assert record.birth_date == dt.date(1985, 3, 4)
    assert record.work_start == dt.date(2007, 9, 1)
    assert record.party_joined == dt.date(2010, 6, 30)
    assert record.highest_degree == "college"
    assert record.certified_on == dt.date(2026, 11, 20)
    assert [row.school for row in record.education.all()] == ["中山大学"]
    request.refresh_from_db()
    assert request.state == CertificationState.CERTIFIED
    decided = {f.item: f for f in request.findings.filter(stage="decision")}
    assert decided["work_start"].reason == "以劳动合同起始日为准"
    assert request.findings.filter(stage="review").count() == 4


def test_a_corrected_item_needs_a_valid_value(world):
    request = _request(world)
    findings = {**ALL_CONFIRMED, "birth_date": {"outcome": Outcome.CORRECTED, "value": "", "reason": "x"}}
    with pytest.raises(ValidationError):
        records.certification_review(actor=world.users["dept_staff"], request=request, findings=findings)


def test_a_later_certification_supersedes_and_keeps_history(world):
    staff = staff_member()
    first = _request(world, staff=staff)
    records.certification_review(actor=world.users["dept_staff"], request=first, findings=ALL_CONFIRMED)
    old = records.certification_decide(actor=world.users["dept_head"], request=first, findings=ALL_CONFIRMED)
    second = _request(world, staff=staff)
    records.certification_review(actor=world.users["dept_staff"], request=second, findings=ALL_CONFIRMED)
    findings = {
        **ALL_CONFIRMED,
        "party_joined": {"outcome": Outcome.CORRECTED, "value": "2011-07-01", "reason": "党员档案"},
    }
    new = records.certification_decide(actor=world.users["dept_head"], request=second, findings=findings)
    old.refresh_from_db()
    assert old.superseded_by == new
    assert records.current_record(staff) == new
    assert CertifiedRecord.objects.filter(staff=staff).count() == 2
    assert new.party_joined == dt.date(2011, 7, 1)


def test_return_and_resubmit(world):
    request = _request(world)
    records.certification_return(actor=world.users["dept_staff"], request=request, reason="缺少学历证明")
    assert request.state == CertificationState.RETURNED
    upload = SimpleUploadedFile("学历.pdf", b"%PDF-1.4 diploma", content_type="application/pdf")
    records.certification_resubmit(actor=world.users["dept_staff"], request=request, evidence=[upload])
    assert request.state == CertificationState.SUBMITTED


def test_send_back_clears_the_reviewer_so_the_head_may_review_then_another_decides(world):
    request = _request(world)
    records.certification_review(actor=world.users["dept_staff"], request=request, findings=ALL_CONFIRMED)
    records.certification_send_back(actor=world.users["dept_head"], request=request, reason="再核")
    request.refresh_from_db()
    assert request.state == CertificationState.SUBMITTED
    assert request.reviewed_by_id is None


def test_refuse(world):
    request = _request(world)
    records.certification_refuse(actor=world.users["dept_head"], request=request, reason="非本单位人员")
    assert request.state == CertificationState.REFUSED


def test_street_staff_see_only_their_streets_requests(world):
    own = _request(world, staff=staff_member(street=world.units["street-a"]))
    other = _request(world, staff=staff_member(name="王五", street=world.units["street-b"]))
    unplaced = _request(world, staff=staff_member(name="赵六"))
    seen = set(
        CertificationRequest.objects.for_user(world.users["street_staff"]).values_list("pk", flat=True)
    )
    assert seen == {own.pk}
    assert {other.pk, unplaced.pk} <= set(
        CertificationRequest.objects.for_user(world.users["leader"]).values_list("pk", flat=True)
    )
    assert not StaffMember.objects.for_user(world.users["individual"]).exists()


@pytest.mark.parametrize(
    ("start", "on", "years"),
    [
        (dt.date(1985, 3, 4), dt.date(2026, 3, 4), 41),
        (dt.date(1985, 3, 4), dt.date(2026, 3, 3), 40),
        (dt.date(1984, 2, 29), dt.date(2026, 2, 28), 41),
    ],
)
def test_full_years(start, on, years):
    assert records.full_years(start, on) == years
