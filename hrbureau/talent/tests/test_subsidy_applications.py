"""Subsidy applications on the workflow core: submission (window, eligibility in plain words, one per
person per scheme across portal and counter — the race order too —, schemes that exclude each other),
the employer's confirmation, the levels (each by its role, maker ≠ checker), supplements, withdrawal,
the public notice in working days with its objections, approval writing the instalments, the approval
queue in one query, who sees what, and what the person is told."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from hrbureau.accounts.choices import Role
from hrbureau.core.models import Notification, OutboxMessage
from hrbureau.core.workflow import TransitionError
from hrbureau.people.choices import EmploymentStatus
from hrbureau.talent import subsidy_applications as svc
from hrbureau.talent.choices import ApplicationState, Channel, InstalmentState
from hrbureau.talent.models import SubsidyApplication, SubsidyDecision
from hrbureau.talent.subsidy_models import ObjectionOutcome
from hrbureau.talent.tests.subsidy_helpers import another, living_scheme, make_scheme, person_born, submit

pytestmark = pytest.mark.django_db
AS = ApplicationState


@pytest.fixture(autouse=True)
def _in_english():
    # The refusals are matched by their English words.
    with translation.override("en"):
        yield


def test_an_application_goes_to_the_first_level_with_its_amount(world):
    scheme = make_scheme(fixed_amount=Decimal("8000"))
    application = submit(world, scheme)
    assert application.state == AS.IN_REVIEW
    assert application.number.startswith("BT")
    assert application.amount == Decimal("8000.00")
    assert application.street == world.units["street-a"]
    assert application.channel == Channel.PORTAL


def test_a_person_applies_only_for_themselves(world):
    with pytest.raises(PermissionDenied):
        submit(world, make_scheme(), person=world.people["b1"])


def test_the_window_refuses_submissions_outside_it(world):
    scheme = make_scheme(opens_on=dt.date(2026, 3, 1), closes_on=dt.date(2026, 3, 31))
    with pytest.raises(ValidationError, match="open on"):
        submit(world, scheme, on=dt.date(2026, 2, 28))
    with pytest.raises(ValidationError, match="closed on"):
        submit(world, scheme, on=dt.date(2026, 4, 1))
    assert submit(world, scheme, on=dt.date(2026, 3, 31)).state == AS.IN_REVIEW


def test_a_failing_condition_refuses_with_the_reason_in_plain_words(world):
    person = world.people["a1"]
    person.employment_status = EmploymentStatus.UNEMPLOYED
    person.save()
    condition = {"all": [{"field": "employment_status", "op": "eq", "value": "employed"}]}
    scheme = make_scheme(eligibility=json.dumps(condition))
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        submit(world, scheme)
    assert "employment status is Employed (here: Registered unemployed)" in " ".join(refused.value.messages)
    assert not SubsidyApplication.objects.exists()


def test_the_age_on_the_day_of_the_application_is_a_rule_field(world):
    person = person_born(dt.date(1996, 3, 10), world)
    counter = world.user("dept_staff")
    scheme = make_scheme(eligibility=json.dumps({"field": "age", "op": "lt", "value": 30}))
    with pytest.raises(ValidationError):  # 30 on the day itself
        svc.application_submit(actor=counter, scheme=scheme, person=person, on=dt.date(2026, 3, 10))
    application = svc.application_submit(
        actor=counter, scheme=scheme, person=person, channel=Channel.COUNTER, on=dt.date(2026, 3, 9)
    )
    assert application.state == AS.IN_REVIEW


def test_the_living_subsidy_refuses_a_bachelor_of_30(world):
    person = person_born(dt.date(1996, 1, 1), world)
    with pytest.raises(ValidationError, match="30"):
        svc.application_submit(
            actor=world.user("dept_staff"),
            scheme=living_scheme(),
            person=person,
            degree="bachelor",
            on=dt.date(2026, 1, 1),
        )
    application = svc.application_submit(
        actor=world.user("dept_staff"),
        scheme=living_scheme(),
        person=person,
        degree="master",
        on=dt.date(2026, 1, 1),
    )
    assert application.amount == Decimal("25000.00")


def test_a_second_claim_for_the_same_id_number_is_refused_across_channels(world):
    scheme = make_scheme()
    first = submit(world, scheme)
    with pytest.raises(ValidationError, match="one subsidy per person per scheme"):
        svc.application_submit(
            actor=world.user("dept_staff"), scheme=scheme, person=world.people["a1"], channel=Channel.COUNTER
        )
    assert SubsidyApplication.objects.filter(scheme=scheme).count() == 1
    # Once the first ended without money the person may apply again.
    svc.application_withdraw(actor=world.user("individual"), application=first, reason="填错了")
    assert submit(world, scheme).state == AS.IN_REVIEW


def test_the_race_order_the_database_refuses_the_second_claim(world, monkeypatch):
    """Two claims checked at once both see no live application; the second to write is refused by the
    constraint with the same clear message, and nothing of it is left."""
    scheme = make_scheme()
    submit(world, scheme)
    monkeypatch.setattr(svc, "_submission_refusal", lambda *args: None)
    with pytest.raises(ValidationError, match="already holds an application"):
        svc.application_submit(
            actor=world.user("dept_staff"), scheme=scheme, person=world.people["a1"], channel=Channel.COUNTER
        )
    assert SubsidyApplication.objects.filter(scheme=scheme).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        SubsidyApplication.objects.create(
            number="X1", scheme=scheme, person=world.people["a1"], state=AS.SUBMITTED
        )


def test_schemes_that_exclude_each_other(world):
    housing = make_scheme(name="人才住房")
    subsidy = make_scheme(name="住房补贴", excludes=[housing])
    submit(world, housing)
    with pytest.raises(ValidationError, match="人才住房"):
        submit(world, subsidy)
    # Symmetrical: the other way round too.
    other = world.people["b1"]
    staff = world.user("dept_staff")
    svc.application_submit(actor=staff, scheme=subsidy, person=other, channel=Channel.COUNTER)
    with pytest.raises(ValidationError, match="住房补贴"):
        svc.application_submit(actor=staff, scheme=housing, person=other, channel=Channel.COUNTER)


def test_the_employer_confirms_or_declines(world):
    scheme = make_scheme(employer_confirms=True)
    with pytest.raises(ValidationError):
        submit(world, scheme)  # the employer is needed
    application = submit(world, scheme, employer=world.enterprises["a1"])
    assert application.state == AS.SUBMITTED
    # The queue does not hold it before the employer confirmed.
    assert not svc.approval_queue(world.user("dept_staff")).filter(pk=application.pk).exists()
    svc.application_employer_confirm(actor=world.user("enterprise"), application=application, opinion="属实")
    application.refresh_from_db()
    assert application.state == AS.IN_REVIEW
    assert application.employer_confirmed_on is not None
    decision = SubsidyDecision.objects.get(application=application)
    assert (decision.level, decision.decision, decision.decided_by) == (
        0,
        "confirmed",
        world.user("enterprise"),
    )


def test_another_employer_cannot_confirm_and_a_decline_refuses(world):
    scheme = make_scheme(employer_confirms=True)
    application = submit(world, scheme, employer=world.enterprises["a2"])
    with pytest.raises((TransitionError, PermissionDenied)):
        svc.application_employer_confirm(actor=world.user("enterprise"), application=application)
    employer = another(Role.ENTERPRISE, "hr-a2", world)
    employer.org_unit = None
    employer.enterprise = world.enterprises["a2"]
    employer.save()
    svc.application_employer_decline(actor=employer, application=application, reason="非本单位员工")
    application.refresh_from_db()
    assert application.state == AS.REFUSED
    assert application.decisions.get().reason == "非本单位员工"


def test_each_level_by_its_role_and_maker_is_not_checker(world):
    scheme = make_scheme(
        levels=[Role.DEPT_STAFF, Role.DEPT_HEAD, Role.DEPT_HEAD], fixed_amount=Decimal("5000")
    )
    staff, head = world.user("dept_staff"), world.user("dept_head")
    filer = another(Role.DEPT_STAFF, "staff2", world)
    application = svc.application_submit(
        actor=filer, scheme=scheme, person=world.people["b1"], channel=Channel.COUNTER
    )
    with pytest.raises(TransitionError, match="filed"):
        svc.application_approve(actor=filer, application=application, step="approve_level")
    with pytest.raises(TransitionError, match="decided by"):
        svc.application_approve(actor=head, application=application, step="approve_level")
    svc.application_approve(actor=staff, application=application, opinion="材料齐全", step="approve_level")
    with pytest.raises(TransitionError, match="decided by"):  # level 2 is a head's
        svc.application_approve(actor=staff, application=application, step="approve_level")
    svc.application_approve(actor=head, application=application, step="approve_level")
    with pytest.raises(TransitionError, match="decided a level"):  # no one decides two levels
        svc.application_approve(actor=head, application=application, step="approve")
    head2 = another(Role.DEPT_HEAD, "head2", world)
    with pytest.raises(TransitionError, match="last level"):
        svc.application_approve(actor=head2, application=application, step="approve_level")
    svc.application_approve(actor=head2, application=application, step="approve", on=dt.date(2026, 5, 6))
    application.refresh_from_db()
    assert application.state == AS.APPROVED
    assert application.approved_on == dt.date(2026, 5, 6)
    assert list(application.decisions.values_list("level", "decision")) == [
        (1, "approved"),
        (2, "approved"),
        (3, "approved"),
    ]
    assert application.decisions.first().reason == "材料齐全"
    instalment = application.instalments.get()
    assert (instalment.state, instalment.amount, instalment.due_on) == (
        InstalmentState.DUE,
        Decimal("5000.00"),
        dt.date(2026, 5, 6),
    )


def test_supplement_and_resubmit_and_the_person_is_told(world, django_capture_on_commit_callbacks):
    scheme = make_scheme()
    application = submit(world, scheme)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        svc.application_request_supplement(
            actor=world.user("dept_staff"), application=application, reason="请补充学位证书"
        )
    application.refresh_from_db()
    assert application.state == AS.SUPPLEMENT
    notice = Notification.objects.get(recipient=world.user("individual"))
    assert application.number in notice.title
    assert notice.body == "请补充学位证书"
    assert (notice.case_type, notice.case_id) == ("talent.subsidyapplication", application.pk)
    from hrbureau.core.links import notice_page_for

    assert notice_page_for(world.user("individual"), notice) == f"/talent/my/applications/{application.pk}/"
    with pytest.raises(ValidationError):  # only the applicant sends it
        svc.application_resubmit(actor=world.user("dept_staff"), application=application, statement="x")
    svc.application_resubmit(actor=world.user("individual"), application=application, statement="已补充")
    application.refresh_from_db()
    assert application.state == AS.IN_REVIEW


def test_approval_and_refusal_are_told(world, django_capture_on_commit_callbacks):
    world.user("individual").phone = "13800000001"
    world.user("individual").save()
    approved = submit(world, make_scheme())
    refused = svc.application_submit(
        actor=world.user("dept_staff"),
        scheme=make_scheme(),
        person=world.people["a1"],
        channel=Channel.COUNTER,
    )
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        svc.application_approve(actor=world.user("dept_staff"), application=approved, step="approve")
        svc.application_refuse(
            actor=another(Role.DEPT_STAFF, "staff3", world), application=refused, reason="学历不符"
        )
    titles = list(
        Notification.objects.filter(recipient=world.user("individual")).values_list("title", flat=True)
    )
    assert any("approved" in t and approved.number in t for t in titles)
    assert any("not granted" in t and refused.number in t for t in titles)
    assert OutboxMessage.objects.filter(to="13800000001").count() == 2


def test_withdrawal_by_the_applicant_before_approval_only(world):
    scheme = make_scheme(notice_days=5)
    application = submit(world, scheme)
    svc.application_approve(actor=world.user("dept_staff"), application=application, step="approve_to_notice")
    application.refresh_from_db()
    with pytest.raises(TransitionError):
        svc.application_withdraw(actor=world.user("individual"), application=application, reason="不要了")
    other = submit(world, make_scheme())
    with pytest.raises(ValidationError):
        svc.application_withdraw(actor=world.user("dept_staff"), application=other, reason="x")
    svc.application_withdraw(actor=world.user("individual"), application=other, reason="不要了")
    other.refresh_from_db()
    assert other.state == AS.WITHDRAWN


def test_the_notice_runs_its_working_days_and_ends_in_approval_without_objection(world):
    scheme = make_scheme(notice_days=5, instalments=5, reverify=True, fixed_amount=Decimal("100000.01"))
    application = submit(world, scheme)
    with pytest.raises(TransitionError, match="notice"):
        svc.application_approve(actor=world.user("dept_staff"), application=application, step="approve")
    # Approved on Friday 13 March 2026: the notice runs Monday 16 to Friday 20 (5 working days).
    svc.application_approve(
        actor=world.user("dept_staff"),
        application=application,
        step="approve_to_notice",
        on=dt.date(2026, 3, 13),
    )
    application.refresh_from_db()
    assert application.state == AS.ON_NOTICE
    assert (application.notice_starts, application.notice_ends) == (
        dt.date(2026, 3, 16),
        dt.date(2026, 3, 20),
    )
    assert not application.instalments.exists()
    assert svc.close_notices(dt.date(2026, 3, 20)) is None  # the last day of the notice
    assert svc.close_notices(dt.date(2026, 3, 21)) == "1 applications approved after their notice"
    application.refresh_from_db()
    assert application.state == AS.APPROVED
    assert application.approved_on == dt.date(2026, 3, 21)
    assert application.instalments.count() == 5
    assert sum(application.instalments.values_list("amount", flat=True)) == Decimal("100000.01")


def test_an_open_objection_holds_the_notice_dismissed_it_stays_upheld_it_is_refused(world):
    scheme = make_scheme(notice_days=5)
    application = submit(world, scheme)
    staff, head = world.user("dept_staff"), world.user("dept_head")
    svc.application_approve(
        actor=staff, application=application, step="approve_to_notice", on=dt.date(2026, 3, 13)
    )
    application.refresh_from_db()
    svc.application_record_objection(
        actor=head,
        application=application,
        objector="张三",
        content="申请人已离职",
        received_on=dt.date(2026, 3, 17),
    )
    application.refresh_from_db()
    assert svc.close_notices(dt.date(2026, 4, 1)) is None
    with pytest.raises(TransitionError, match="objection"):
        svc.application_end_notice(actor=head, application=application)
    objection = application.objections.get()
    svc.application_answer_objection(
        actor=head, application=application, objection=objection, answer="核实仍在职", upheld=False
    )
    objection.refresh_from_db()
    assert objection.outcome == ObjectionOutcome.DISMISSED
    application.refresh_from_db()
    assert application.state == AS.ON_NOTICE
    svc.application_record_objection(actor=head, application=application, objector="李四", content="学历造假")
    application.refresh_from_db()
    svc.application_answer_objection(
        actor=head,
        application=application,
        objection=application.objections.get(objector="李四"),
        answer="经核实属实",
        upheld=True,
    )
    application.refresh_from_db()
    assert application.state == AS.REFUSED
    assert not application.instalments.exists()


def test_the_queue_holds_what_the_users_role_decides_oldest_first_in_one_query(
    world, django_assert_num_queries
):
    two_levels = make_scheme(levels=[Role.DEPT_STAFF, Role.DEPT_HEAD])
    first = submit(world, two_levels)
    second = svc.application_submit(
        actor=world.user("dept_head"), scheme=two_levels, person=world.people["b1"], channel=Channel.COUNTER
    )
    svc.application_approve(actor=world.user("dept_staff"), application=second, step="approve_level")
    staff_queue = svc.approval_queue(world.user("dept_staff"))
    with django_assert_num_queries(1):
        assert [a.pk for a in staff_queue] == [first.pk]
    assert [a.pk for a in svc.approval_queue(world.user("dept_head"))] == [second.pk]
    assert list(svc.approval_queue(world.user("leader"))) == []


def test_who_sees_which_applications(world):
    confirming = make_scheme(employer_confirms=True)
    plain = make_scheme()
    asked = submit(world, confirming, employer=world.enterprises["a1"])
    not_asked = submit(world, plain, employer=world.enterprises["a1"])
    other = svc.application_submit(
        actor=world.user("dept_staff"),
        scheme=confirming,
        person=world.people["b1"],
        employer=world.enterprises["b1"],
        channel=Channel.COUNTER,
    )
    assert set(svc.visible_applications(world.user("enterprise"))) == {asked}
    assert set(svc.visible_applications(world.user("individual"))) == {asked, not_asked}
    assert set(svc.visible_applications(world.user("street_staff"))) == {asked, not_asked}
    assert set(svc.visible_applications(world.user("dept_staff"))) == {asked, not_asked, other}


def test_a_scheme_for_certified_talents_asks_for_a_certificate_valid_on_the_day(world):
    from hrbureau.core import rules
    from hrbureau.talent.rules import APPLICANT
    from hrbureau.talent.tests.certification_helpers import category, certified, experts

    # Given the person a1 certified on 2025-01-10 for a category valid 3 years (to 2028-01-09)
    cert = certified(world, category(validity_years=3), experts(), on=dt.date(2025, 1, 10))
    assert cert.valid_until == dt.date(2028, 1, 9)
    condition = {"all": [{"field": "certified_talent", "op": "eq", "value": True}]}
    award = make_scheme(eligibility=json.dumps(condition))
    # The certified talent is accepted while the certificate holds; a day after it ends, refused.
    held = submit(world, award, on=dt.date(2027, 6, 1))
    assert held.state == AS.IN_REVIEW
    svc.application_withdraw(actor=world.user("individual"), application=held, reason="重新申请")
    with translation.override("en"), pytest.raises(ValidationError) as late:
        submit(world, award, on=dt.date(2028, 1, 10))
    assert "holds a high-level talent certificate" in " ".join(late.value.messages)
    # Someone never certified is refused.
    with pytest.raises(ValidationError):
        svc.application_submit(
            actor=world.user("dept_staff"), scheme=award, person=world.people["b1"], channel=Channel.COUNTER
        )
    # The query finds exactly the applications the check in Python accepts.
    other = make_scheme()
    for person, on in ((world.people["a1"], dt.date(2027, 6, 1)), (world.people["b1"], dt.date(2027, 6, 1))):
        svc.application_submit(
            actor=world.user("dept_staff"), scheme=other, person=person, channel=Channel.COUNTER, on=on
        )
    rows = SubsidyApplication.objects.filter(scheme=other)
    matched = set(rules.matching(APPLICANT, rules.validate(APPLICANT, condition), rows))
    assert matched == {a for a in rows if rules.evaluate(APPLICANT, condition, a)}
    assert {a.person_id for a in matched} == {world.people["a1"].pk}
