"""Talent intake: review, approval by another person, the public-security acceptance, supplements,
refusal and withdrawal; one open application per person."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core.workflow import TransitionError, transition
from hrbureau.talent import certification as services
from hrbureau.talent.certification_choices import IntakeState as IS

DAY = dt.date(2026, 3, 2)


def _submit(world: Any, person_key: str = "a1") -> Any:
    return services.intake_submit(
        actor=world.users["individual"],
        person=world.people[person_key],
        basis="degree",
        qualification="工学硕士",
        family_members=2,
        on=DAY,
    )


def test_review_approve_register(world: Any) -> None:
    application = _submit(world)
    assert application.number == "YJ2026000001"
    assert application.street_id == world.people["a1"].street_id
    services.intake_review(actor=world.users["dept_staff"], application=application, opinion="材料齐全")
    services.intake_approve(actor=world.users["dept_head"], application=application, on=DAY)
    services.intake_register(
        actor=world.users["dept_staff"],
        application=application,
        registration_number="公安受理2026-0101",
        registered_on=dt.date(2026, 3, 9),
    )
    application.refresh_from_db()
    assert application.state == IS.REGISTERED
    assert application.registration_number == "公安受理2026-0101"
    assert application.registered_on == dt.date(2026, 3, 9)


def test_the_reviewer_does_not_approve(world: Any) -> None:
    head = world.users["dept_head"]
    application = _submit(world)
    services.intake_review(actor=head, application=application)  # the head reviewed it themselves
    with pytest.raises(TransitionError):
        services.intake_approve(actor=head, application=application)
    other = User.objects.create_user(username="head2", password="Secret#2026", role=Role.DEPT_HEAD)
    services.intake_approve(actor=other, application=application)
    application.refresh_from_db()
    assert application.state == IS.APPROVED
    assert application.approved_by == other


def test_staff_cannot_approve(world: Any) -> None:
    application = _submit(world)
    services.intake_review(actor=world.users["dept_staff"], application=application)
    with pytest.raises(PermissionDenied):  # approval is the head's
        services.intake_approve(actor=world.users["dept_staff"], application=application)


def test_supplement_and_resubmit_clear_the_review(world: Any) -> None:
    application = _submit(world)
    services.intake_review(actor=world.users["dept_head"], application=application)
    services.intake_request_supplement(
        actor=world.users["dept_staff"], application=application, reason="缺少户口簿"
    )
    services.intake_resubmit(actor=world.users["individual"], application=application, statement="已补")
    application.refresh_from_db()
    assert application.state == IS.SUBMITTED
    assert application.reviewed_by_id is None  # reviewed afresh: the head may then approve another's review
    services.intake_review(actor=world.users["dept_staff"], application=application)
    services.intake_approve(actor=world.users["dept_head"], application=application)
    application.refresh_from_db()
    assert application.state == IS.APPROVED


def test_registration_needs_its_number(world: Any) -> None:
    application = _submit(world)
    services.intake_review(actor=world.users["dept_staff"], application=application)
    services.intake_approve(actor=world.users["dept_head"], application=application, on=DAY)
    with pytest.raises(ValidationError):
        services.intake_register(
            actor=world.users["dept_staff"], application=application, registration_number=" "
        )


def test_refuse_and_withdraw(world: Any) -> None:
    refused = _submit(world)
    transition(refused, "refuse", actor=world.users["dept_staff"], reason="学历不符合")
    withdrawn = _submit(world)  # the first ended: a new one may be filed
    transition(withdrawn, "withdraw", actor=world.users["individual"], reason="不再需要")
    refused.refresh_from_db()
    withdrawn.refresh_from_db()
    assert (refused.state, withdrawn.state) == (IS.REFUSED, IS.WITHDRAWN)


def test_one_open_application_per_person(world: Any) -> None:
    _submit(world)
    with pytest.raises(ValidationError):
        _submit(world)
