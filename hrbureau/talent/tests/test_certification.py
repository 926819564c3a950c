"""High-level talent certification: criteria by the rules, the experts' mean against the pass mark,
maker ≠ checker, certificate numbers and validity, the expiry sweep and the renewal window."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from hrbureau.core import rules
from hrbureau.core.workflow import TransitionError
from hrbureau.talent import certification as services
from hrbureau.talent.certification_choices import CertificationState as CS
from hrbureau.talent.certification_models import Certification, ExpertReview
from hrbureau.talent.certification_rules import CANDIDATE_SUBJECT
from hrbureau.talent.tests.certification_helpers import (
    DOCTOR_WITH_PATENT,
    category,
    certified,
    doctor,
    experts,
    filed,
    scored,
)

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def cat(world: Any) -> Any:
    return category()


@pytest.fixture
def panel(world: Any) -> Any:
    return experts(3)


def test_criteria_met_sends_to_the_experts(world: Any, cat: Any, panel: Any) -> None:
    # Given a doctor aged 35 with a patent
    certification = filed(world, cat, on=DAY)
    assert certification.age == 35
    # When staff send it on
    services.certification_send_to_experts(
        actor=world.users["dept_staff"], certification=certification, experts=panel
    )
    # Then the rules found the criteria met and each expert has a review to make
    certification.refresh_from_db()
    assert certification.state == CS.EXPERT_REVIEW
    assert certification.criteria_trace["met"] is True
    assert ExpertReview.objects.filter(certification=certification, score__isnull=True).count() == 3


def test_criteria_unmet_is_refused_with_the_plain_reason(world: Any, cat: Any, panel: Any) -> None:
    # Given a doctor whose evidence holds no patent (only a degree)
    certification = filed(world, cat, on=DAY, kinds=("degree",))
    # When staff send it on
    services.certification_send_to_experts(
        actor=world.users["dept_staff"], certification=certification, experts=panel
    )
    # Then it is refused, the reason naming the unmet condition, and no expert is asked
    certification.refresh_from_db()
    assert certification.state == CS.REFUSED
    event = certification_events(certification)[-1]
    assert event.name == "criteria_unmet"
    assert "专利" in event.reason or "Patent" in event.reason
    assert not ExpertReview.objects.filter(certification=certification).exists()


def test_age_criterion_fails_for_an_older_candidate(world: Any, cat: Any, panel: Any) -> None:
    person = doctor(world.people["a1"], born=dt.date(1975, 1, 1))  # 51 on DAY
    certification = filed(world, cat, on=DAY, person=person)
    met, _trace, failed = services.criteria_check(certification)
    assert not met
    assert len(failed) == 1


def test_rules_python_and_query_agree_on_evidence_fields(world: Any, cat: Any) -> None:
    with_patent = filed(world, cat, on=DAY)
    without = filed(
        world, category(code="c", level="C"), on=DAY, kinds=("award",), person=doctor(world.people["b1"])
    )
    condition = rules.validate(CANDIDATE_SUBJECT, DOCTOR_WITH_PATENT)
    found = set(
        rules.subject(CANDIDATE_SUBJECT)
        .queryset(condition=condition)
        .filter(rules.to_q(CANDIDATE_SUBJECT, condition))
        .values_list("pk", flat=True)
    )
    assert found == {with_patent.pk}
    loaded = rules.subject(CANDIDATE_SUBJECT).queryset(condition=condition).get(pk=without.pk)
    assert rules.evaluate(CANDIDATE_SUBJECT, condition, loaded) is False


def test_staff_choose_as_many_experts_as_the_category_asks(world: Any, cat: Any, panel: Any) -> None:
    certification = filed(world, cat, on=DAY)
    with pytest.raises(ValidationError):
        services.certification_send_to_experts(
            actor=world.users["dept_staff"], certification=certification, experts=panel[:2]
        )
    certification.refresh_from_db()
    assert certification.state == CS.SUBMITTED


def test_mean_at_the_pass_mark_passes(world: Any, cat: Any, panel: Any) -> None:
    certification = scored(world, filed(world, cat, on=DAY), panel, [70, 75, 80])  # mean 75.00, pass mark 75
    assert certification.state == CS.REVIEWED
    assert certification.expert_mean == Decimal("75.00")
    assert certification.experts_passed is True


def test_mean_below_the_pass_mark_cannot_be_certified(world: Any, cat: Any, panel: Any) -> None:
    certification = scored(world, filed(world, cat, on=DAY), panel, [74, 75, 75])  # mean 74.67
    assert certification.expert_mean == Decimal("74.67")
    assert certification.experts_passed is False
    with pytest.raises(TransitionError):
        services.certification_certify(actor=world.users["dept_head"], certification=certification, on=DAY)
    services.certification_refuse(
        actor=world.users["dept_head"], certification=certification, reason="专家评分未达合格线"
    )
    certification.refresh_from_db()
    assert certification.state == CS.REFUSED


def test_an_expert_scores_once_and_only_their_own(world: Any, cat: Any, panel: Any) -> None:
    certification = filed(world, cat, on=DAY)
    services.certification_send_to_experts(
        actor=world.users["dept_staff"], certification=certification, experts=panel
    )
    certification.refresh_from_db()
    services.certification_score(actor=panel[0], certification=certification, score=90, opinion="好")
    certification.refresh_from_db()
    with pytest.raises(TransitionError):
        services.certification_score(actor=panel[0], certification=certification, score=10, opinion="改")
    with pytest.raises(TransitionError):  # not assigned
        services.certification_score(
            actor=world.users["dept_head"], certification=certification, score=10, opinion="无"
        )
    assert ExpertReview.objects.get(certification=certification, expert=panel[0]).score == 90


def test_maker_is_not_checker(world: Any, cat: Any, panel: Any) -> None:
    # Given a passing application sent on by the department head themselves
    certification = filed(world, cat, on=DAY)
    services.certification_send_to_experts(
        actor=world.users["dept_head"], certification=certification, experts=panel
    )
    for expert in panel:
        certification.refresh_from_db()
        services.certification_score(actor=expert, certification=certification, score=90, opinion="好")
    certification.refresh_from_db()
    # Then the head who sent it on cannot decide it
    with pytest.raises(TransitionError):
        services.certification_certify(actor=world.users["dept_head"], certification=certification, on=DAY)
    assert services.decision_refusal(certification, panel[0], certify=True)  # an expert neither
    # And another head can
    from hrbureau.accounts.choices import Role
    from hrbureau.accounts.models import User

    other = User.objects.create_user(
        username="head2",
        password="Secret#2026",
        role=Role.DEPT_HEAD,
        org_unit=world.units["labour_relations"],
    )
    services.certification_certify(actor=other, certification=certification, on=DAY)
    certification.refresh_from_db()
    assert certification.state == CS.CERTIFIED


def test_certificate_numbers_are_sequential_per_year_and_validity_follows_the_category(
    world: Any, cat: Any, panel: Any
) -> None:
    first = certified(world, cat, panel, on=DAY)
    second = certified(
        world,
        category(code="a", level="A", validity_years=5),
        panel,
        on=DAY,
        person=doctor(world.people["b1"]),
    )
    next_year = certified(
        world, category(code="c", level="C"), panel, on=dt.date(2027, 1, 4), person=doctor(world.people["a2"])
    )
    assert first.certificate_number == "区高层次人才〔2026〕第0001号"
    assert second.certificate_number == "区高层次人才〔2026〕第0002号"
    assert next_year.certificate_number == "区高层次人才〔2027〕第0001号"
    assert (first.valid_from, first.valid_until) == (DAY, dt.date(2029, 3, 1))
    assert second.valid_until == dt.date(2031, 3, 1)


def test_the_sweep_expires_certificates_whose_validity_ended(world: Any, cat: Any, panel: Any) -> None:
    certification = certified(world, cat, panel, on=DAY)
    assert services.certifications_expire(dt.date(2029, 3, 1)) is None  # the last valid day
    certification.refresh_from_db()
    assert certification.state == CS.CERTIFIED
    assert services.certifications_expire(dt.date(2029, 3, 2)) == "1 certificates expired"
    certification.refresh_from_db()
    assert certification.state == CS.EXPIRED


def test_renewal_only_within_the_window_before_expiry(world: Any, cat: Any, panel: Any) -> None:
    previous = certified(world, cat, panel, on=DAY)  # valid until 2029-03-01, window 90 days
    person = previous.person
    too_early = dt.date(2028, 11, 30)  # 91 days before
    assert services.renewal_refusal(previous, on=too_early)
    with pytest.raises(ValidationError):
        filed(world, cat, on=too_early, person=person, renewal_of=previous)
    renewal = filed(world, cat, on=dt.date(2028, 12, 1), person=person, renewal_of=previous)  # 90 days before
    assert renewal.renewal_of == previous
    # a second renewal of the same certificate is refused
    assert services.renewal_refusal(previous, on=dt.date(2028, 12, 2))
    # certified, the renewal runs on from the day after the previous ends
    renewal = scored(world, renewal, panel, [90, 90, 90])
    services.certification_certify(
        actor=world.users["dept_head"], certification=renewal, on=dt.date(2029, 1, 5)
    )
    renewal.refresh_from_db()
    assert renewal.valid_from == dt.date(2029, 3, 2)
    assert renewal.valid_until == dt.date(2032, 3, 1)


def test_renewal_after_expiry_is_refused(world: Any, cat: Any, panel: Any) -> None:
    previous = certified(world, cat, panel, on=DAY)
    services.certifications_expire(dt.date(2029, 3, 2))
    previous.refresh_from_db()
    with pytest.raises(ValidationError):
        filed(world, cat, on=dt.date(2029, 3, 3), person=previous.person, renewal_of=previous)


def test_one_open_application_per_person_and_category(world: Any, cat: Any) -> None:
    filed(world, cat, on=DAY)
    with pytest.raises(ValidationError):
        filed(world, cat, on=DAY)


def certification_events(certification: Certification) -> list[Any]:
    from hrbureau.core.workflow import case_events

    return list(case_events(certification))


def test_no_override_of_unmet_criteria(world: Any, cat: Any, panel: Any) -> None:
    from hrbureau.talent.certification_workflows import CERTIFICATION_WORKFLOW

    certification = filed(world, cat, on=DAY, kinds=("award",))
    services.certification_send_to_experts(
        actor=world.users["dept_staff"], certification=certification, experts=panel
    )
    certification.refresh_from_db()
    for who in ("dept_staff", "dept_head"):
        assert CERTIFICATION_WORKFLOW.available(certification, world.users[who]) == []
    with pytest.raises(TransitionError):
        services.certification_send_to_experts(
            actor=world.users["dept_head"], certification=certification, experts=panel
        )


def test_register_figures_count_certificates_by_category_and_year(world: Any, cat: Any, panel: Any) -> None:
    from hrbureau.talent.certification_lists import certified_by_category_and_year

    certified(world, cat, panel, on=DAY)
    certified(world, cat, panel, on=dt.date(2027, 2, 1), person=doctor(world.people["b1"]))
    rows = certified_by_category_and_year(world.users["dept_staff"])
    assert [(r["category__code"], r["decided_on__year"], r["n"]) for r in rows] == [
        ("b-doctor", 2026, 1),
        ("b-doctor", 2027, 1),
    ]
    # the street's staff count only their street's (person B1 lives in street B)
    street_rows = certified_by_category_and_year(world.users["street_staff"])
    assert [(r["decided_on__year"], r["n"]) for r in street_rows] == [(2026, 1)]
