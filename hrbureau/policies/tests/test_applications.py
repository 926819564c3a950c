"""Applications for 快申快享 policies: who may apply, the levels of approval (maker ≠ checker, the level's
role), supplements and the payout clock in working days, payout and the grant, withdrawal, scoping."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core import clocks
from hrbureau.core.models import CaseAttachment
from hrbureau.core.workflow import TransitionError
from hrbureau.policies import applications as svc
from hrbureau.policies.choices import ApplicationState, DeliveryKind, GrantChannel, MatchState
from hrbureau.policies.models import ApplicationDecision, Grant, PolicyApplication, PolicyMatch
from hrbureau.policies.tests.conftest import published_item

pytestmark = pytest.mark.django_db
AS = ApplicationState


def _pdf(name: str = "licence.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def _apply(world: Any, item: Any, key: str = "a1", **kwargs: Any) -> PolicyApplication:
    return svc.application_submit(
        actor=world.user("enterprise"), item=item, enterprise=world.enterprises[key], **kwargs
    )


def _second_head(world: Any) -> User:
    return User.objects.create_user(
        username="head2",
        password="Secret#2026",
        role=Role.DEPT_HEAD,
        org_unit=world.units["labour_relations"],
    )


def test_an_enterprise_applies_with_materials_and_the_payout_clock_starts(world, item):
    match = PolicyMatch.objects.create(
        item=item, enterprise=world.enterprises["a1"], matched_on=dt.date(2026, 3, 1)
    )
    application = _apply(world, item, materials=[_pdf()], on=dt.date(2026, 3, 2))
    assert application.state == AS.SUBMITTED
    assert application.period == "2026"
    assert application.complete_on == dt.date(2026, 3, 2)
    assert application.street == world.units["street-a"]
    assert (
        CaseAttachment.objects.filter(case_type="policies.policyapplication", case_id=application.pk).count()
        == 1
    )
    clock = clocks.clock_of(application, "payout")
    assert clock is not None
    assert clock.period_days == 60
    assert clock.day_kind == "working"
    match.refresh_from_db()
    assert match.state == MatchState.APPLIED
    assert match.applied_at is not None


def test_only_a_published_fast_application_item_can_be_applied_for(world, item):
    exempt = published_item(kind=DeliveryKind.EXEMPT)
    with pytest.raises(ValidationError):
        _apply(world, exempt)
    draft = published_item(state="drafted")
    with pytest.raises(ValidationError):
        _apply(world, draft)
    assert not PolicyApplication.objects.exists()


def test_an_enterprise_that_does_not_qualify_is_told_why(world):
    item = published_item(eligibility={"all": [{"field": "employees", "op": "gte", "value": 100}]})
    world.enterprises["a1"].employees = 20
    world.enterprises["a1"].save()
    with pytest.raises(ValidationError) as error:
        _apply(world, item)
    text = " ".join(error.value.messages)
    assert "employees" in text or "员工" in text or "从业" in text
    world.enterprises["a1"].employees = 150
    world.enterprises["a1"].save()
    assert _apply(world, item).state == AS.SUBMITTED


def test_one_open_application_per_applicant_per_item_per_period(world, item):
    _apply(world, item)
    with pytest.raises(ValidationError):
        _apply(world, item)
    # Another enterprise applies for the same item alike.
    assert _apply(world, item, key="b1").state == AS.SUBMITTED
    assert PolicyApplication.objects.filter(enterprise=world.enterprises["a1"]).count() == 1


def test_a_refused_application_may_be_followed_by_a_new_one(world, item):
    first = _apply(world, item)
    svc.application_refuse(actor=world.user("dept_staff"), application=first, reason="材料不实")
    assert _apply(world, item).state == AS.SUBMITTED


def _review(world: Any, application: PolicyApplication) -> PolicyApplication:
    svc.application_start_review(actor=world.user("dept_staff"), application=application)
    return application


def test_three_levels_each_by_another_person_level_two_and_up_by_a_head(world):
    item = published_item(approval_levels=3)
    application = _review(world, _apply(world, item))
    staff, head, head2 = world.user("dept_staff"), world.user("dept_head"), _second_head(world)
    # Level 1 by the staff: "approve" (the last level) is not yet possible.
    with pytest.raises(TransitionError):
        svc.application_approve(actor=staff, application=application, final=True)
    svc.application_approve(actor=staff, application=application, opinion="材料齐全")
    assert application.levels_approved == 1
    assert application.state == AS.IN_REVIEW
    # Level 2 is a head's: the staff may not take it, nor approve a second level.
    with pytest.raises(TransitionError):
        svc.application_approve(actor=staff, application=application)
    svc.application_approve(actor=head, application=application, opinion="同意")
    # The same head may not approve level 3 (maker ≠ checker); another head does, and it is approved.
    with pytest.raises(TransitionError):
        svc.application_approve(actor=head, application=application, final=True)
    svc.application_approve(actor=head2, application=application, final=True, amount_approved="4,800")
    application.refresh_from_db()
    assert application.state == AS.APPROVED
    assert application.amount_approved == Decimal("4800.00")
    decisions = list(ApplicationDecision.objects.filter(application=application).order_by("level"))
    assert [(d.level, d.decided_by_id, d.decision) for d in decisions] == [
        (1, staff.pk, "approved"),
        (2, head.pk, "approved"),
        (3, head2.pk, "approved"),
    ]
    assert decisions[0].reason == "材料齐全"


def test_the_clerk_who_filed_at_the_counter_does_not_approve_it(world, item):
    staff = world.user("dept_staff")
    application = svc.application_submit(actor=staff, item=item, enterprise=world.enterprises["a1"])
    svc.application_start_review(actor=staff, application=application)
    with pytest.raises(TransitionError):
        svc.application_approve(actor=staff, application=application, final=True)
    svc.application_approve(actor=world.user("dept_head"), application=application, final=True)
    assert application.state == AS.APPROVED


def test_payout_records_the_grant_and_stops_the_clock(world, item):
    match = PolicyMatch.objects.create(
        item=item, enterprise=world.enterprises["a1"], matched_on=dt.date(2026, 3, 1)
    )
    application = _review(world, _apply(world, item, on=dt.date(2026, 3, 2)))
    svc.application_approve(actor=world.user("dept_head"), application=application, final=True)
    svc.application_pay(
        actor=world.user("dept_staff"),
        application=application,
        amount="5000",
        reference="ZF-001",
        paid_on=dt.date(2026, 4, 1),
    )
    application.refresh_from_db()
    assert application.state == AS.PAID
    assert (application.paid_on, application.payment_reference) == (dt.date(2026, 4, 1), "ZF-001")
    grant = Grant.objects.get(application=application)
    assert (grant.amount, grant.channel, grant.period) == (
        Decimal("5000.00"),
        GrantChannel.APPLICATION,
        "2026",
    )
    assert grant.enterprise == world.enterprises["a1"]
    assert grant.street == world.units["street-a"]
    assert clocks.clock_of(application, "payout").stopped_on == dt.date(2026, 4, 1)
    match.refresh_from_db()
    assert match.state == MatchState.GRANTED
    # Granted this period: no new application.
    with pytest.raises(ValidationError):
        _apply(world, item)


def test_payout_needs_amount_and_reference(world, item):
    application = _review(world, _apply(world, item))
    svc.application_approve(actor=world.user("dept_head"), application=application, final=True)
    with pytest.raises(ValidationError) as error:
        svc.application_pay(actor=world.user("dept_staff"), application=application, amount="", reference="")
    assert set(error.value.message_dict) == {"amount", "reference"}
    assert not Grant.objects.exists()


def test_withdrawn_by_the_applicant_before_a_decision_only(world):
    item = published_item(approval_levels=2)
    first = _apply(world, item)
    svc.application_withdraw(actor=world.user("enterprise"), application=first, reason="不再需要")
    assert first.state == AS.WITHDRAWN
    assert clocks.clock_of(first, "payout").stopped_on is not None
    second = _review(world, _apply(world, item))
    svc.application_approve(actor=world.user("dept_staff"), application=second)
    with pytest.raises(TransitionError):
        svc.application_withdraw(actor=world.user("enterprise"), application=second, reason="不要了")
    # Staff cannot withdraw for the applicant.
    third = _apply(world, item, key="b1")
    with pytest.raises(PermissionDenied):
        svc.application_withdraw(actor=world.user("dept_staff"), application=third, reason="x")


def test_the_payout_clock_counts_working_days_over_national_day(world, item, payout_days):
    # 3 working days from Tuesday 29 September 2026: 30 Sep, then (1–7 October off) 8 and 9 October.
    payout_days(3)
    application = _apply(world, item, on=dt.date(2026, 9, 29))
    assert clocks.clock_of(application, "payout").due_on == dt.date(2026, 10, 9)
    application.refresh_from_db()
    assert application.due_on == dt.date(2026, 10, 9)


def test_a_supplement_pauses_the_clock_and_the_resubmission_restarts_it(world, item, payout_days):
    payout_days(3)
    application = _apply(world, item, on=dt.date(2026, 9, 28))
    svc.application_request_supplement(
        actor=world.user("dept_staff"),
        application=application,
        reason="缺少社保缴费证明",
        on=dt.date(2026, 9, 29),
    )
    clock = clocks.clock_of(application, "payout")
    assert application.state == AS.SUPPLEMENT
    assert clock.paused_since == dt.date(2026, 9, 29)
    assert clock.due_on is None
    svc.application_resubmit(
        actor=world.user("enterprise"),
        application=application,
        materials=[_pdf("proof.pdf")],
        on=dt.date(2026, 10, 8),
    )
    clock = clocks.clock_of(application, "payout")
    application.refresh_from_db()
    assert application.state == AS.SUBMITTED
    assert application.complete_on == dt.date(2026, 10, 8)
    # The full 3 working days from 8 October: 9 October, Saturday 10 October (a make-up working day), 12 October.
    assert clock.paused_since is None
    assert clock.due_on == dt.date(2026, 10, 12)
    kinds = list(clock.events.order_by("id").values_list("kind", flat=True))
    assert kinds == ["start", "pause", "restart"]


def test_an_enterprise_sees_only_its_own_applications(world, item):
    own = _apply(world, item)
    other = _apply(world, item, key="b1")
    seen = set(PolicyApplication.objects.for_user(world.user("enterprise")).values_list("pk", flat=True))
    assert seen == {own.pk}
    assert other.pk not in seen
    street = set(PolicyApplication.objects.for_user(world.user("street_staff")).values_list("pk", flat=True))
    assert street == {own.pk}  # street A's staff see street A's


def test_the_portal_apply_page_files_and_shows_the_application(world, item, client_for):
    client = client_for("enterprise")
    page = client.get(f"/policies/items/{item.pk}/apply/")
    assert page.status_code == 200
    assert "营业执照" in page.content.decode()
    response = client.post(
        f"/policies/items/{item.pk}/apply/", {"statement": "申请稳岗补贴", "materials": [_pdf()]}, follow=True
    )
    application = PolicyApplication.objects.get()
    assert response.redirect_chain[-1][0] == f"/policies/my/applications/{application.pk}/"
    assert application.number in response.content.decode()
    # A second time: refused with a message, nothing written.
    again = client.post(f"/policies/items/{item.pk}/apply/", {"statement": "再次"})
    assert again.status_code == 200
    assert PolicyApplication.objects.count() == 1


def test_the_apply_page_refuses_a_file_of_the_wrong_kind(world, item, client_for):
    client = client_for("enterprise")
    bad = SimpleUploadedFile("virus.exe", b"MZ....", content_type="application/octet-stream")
    response = client.post(f"/policies/items/{item.pk}/apply/", {"materials": [bad]})
    assert response.status_code == 200
    assert not PolicyApplication.objects.exists()


def test_the_apply_page_says_when_one_does_not_qualify(world, client_for):
    item = published_item(eligibility={"field": "employees", "op": "gte", "value": 10_000})
    page = client_for("enterprise").get(f"/policies/items/{item.pk}/apply/")
    assert 'data-testid="not-eligible"' in page.content.decode()
    assert 'data-testid="apply-form"' not in page.content.decode()


def test_staff_file_at_the_counter(world, item, client_for):
    client = client_for("dept_staff")
    response = client.post(
        f"/policies/applications/counter/{item.pk}/",
        {"uscc": world.enterprises["b1"].uscc, "statement": "窗口"},
    )
    application = PolicyApplication.objects.get()
    assert response.status_code == 302
    assert application.enterprise == world.enterprises["b1"]
    assert application.filed_by == world.user("dept_staff")


def test_the_case_page_and_the_api_take_the_actions(world, item, client_for):
    application = _apply(world, item)
    client = client_for("dept_staff")
    page = client.get(f"/policies/applications/{application.pk}/")
    assert page.status_code == 200
    response = client.post(
        f"/api/v1/policy-applications/{application.pk}/actions/start_review",
        data={"version": application.version},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    application.refresh_from_db()
    assert application.state == AS.IN_REVIEW
    # The applicant opening the staff address is sent to its portal page.
    portal = client_for("enterprise").get(f"/policies/applications/{application.pk}/")
    assert portal.status_code == 302
    assert portal.url == f"/policies/my/applications/{application.pk}/"


def test_the_whole_course_through_the_pages(world, client_for):
    """What the browser test drives, through the same pages: apply, review at two levels, pay, see it."""
    item = published_item(approval_levels=2, department=world.units["labour_relations"])
    client = client_for("enterprise")
    client.post(f"/policies/items/{item.pk}/apply/", {"statement": "申请", "materials": [_pdf()]})
    application = PolicyApplication.objects.get()
    actions = f"/core/cases/policies.policyapplication/{application.pk}/actions"
    staff = client_for("dept_staff")
    assert staff.post(f"{actions}/start_review/", {}).status_code == 302
    assert staff.post(f"{actions}/approve_level/", {"opinion": "同意"}).status_code == 302
    page = staff.get(f"/policies/applications/{application.pk}/").content.decode()
    assert 'data-action="approve"' not in page  # not the same person's second level
    head = client_for("dept_head")
    assert head.post(f"{actions}/approve/", {"opinion": "同意", "amount_approved": "5000"}).status_code == 302
    assert head.post(f"{actions}/pay/", {"amount": "5000", "reference": "GK-1"}).status_code == 302
    application.refresh_from_db()
    assert application.state == AS.PAID
    portal = client_for("enterprise").get(f"/policies/my/applications/{application.pk}/").content.decode()
    assert 'data-testid="paid-amount">5000.00<' in portal


def test_a_supplement_asked_is_on_the_applicants_portal_to_do(world, item):
    from hrbureau.core import todo

    application = _apply(world, item)
    svc.application_request_supplement(
        actor=world.user("dept_staff"), application=application, reason="缺材料"
    )
    source = next(s for s in todo.sources() if s.key == "policy supplements")
    items = source.listed(world.user("enterprise"))
    assert [i.url for i in items] == [f"/policies/my/applications/{application.pk}/"]
    assert source.listed(world.user("individual")) == []
    assert source.listed(world.user("dept_staff")) == []


def test_the_figures_count_by_street_within_the_time_limit(world, item, payout_days):
    from hrbureau.core import figures

    payout_days(3)
    on_time = _review(world, _apply(world, item, on=dt.date(2026, 9, 29)))  # due 9 October
    late = _review(world, _apply(world, item, key="b1", on=dt.date(2026, 9, 29)))
    for application, paid_on in ((on_time, dt.date(2026, 10, 9)), (late, dt.date(2026, 10, 12))):
        svc.application_approve(actor=world.user("dept_head"), application=application, final=True)
        svc.application_pay(
            actor=world.user("dept_staff"),
            application=application,
            amount="1000.50",
            reference="R",
            paid_on=paid_on,
        )
    _apply(world, item, key="a2")
    leader, street_a, street_b = world.user("leader"), world.units["street-a"].pk, world.units["street-b"].pk
    assert figures.get("policies.applications_received").count(leader) == 3
    assert figures.get("policies.applications_received").by_street(leader) == {street_a: 2, street_b: 1}
    assert figures.get("policies.paid_in_time").count(leader) == 1
    assert figures.get("policies.paid_in_time").by_street(leader) == {street_a: 1}
    assert figures.get("policies.paid_in_time_rate").count(leader) == 50
    assert figures.get("policies.paid_in_time_rate").by_street(leader) == {street_a: 100, street_b: 0}
    assert figures.get("policies.grants").count(leader) == 2
    assert figures.get("policies.yuan_granted").count(leader) == 2001
    # A street's staff count their street only.
    assert figures.get("policies.applications_received").count(world.user("street_staff")) == 2


def test_the_applicant_supplies_and_withdraws_from_its_portal_page(world, item, client_for):
    application = _apply(world, item)
    svc.application_request_supplement(
        actor=world.user("dept_staff"), application=application, reason="缺营业执照"
    )
    client = client_for("enterprise")
    page = client.get(f"/policies/my/applications/{application.pk}/").content.decode()
    assert 'data-action="resubmit"' in page
    assert 'data-action="withdraw"' in page
    assert "缺营业执照" in page  # the parties are told what is missing
    actions = f"/core/cases/policies.policyapplication/{application.pk}/actions"
    response = client.post(
        f"{actions}/resubmit/", {"statement": "已补交", "materials": [_pdf("licence.pdf")]}
    )
    assert response.status_code == 302
    assert response.url == f"/policies/my/applications/{application.pk}/"
    application.refresh_from_db()
    assert application.state == AS.SUBMITTED
    assert (
        CaseAttachment.objects.filter(case_type="policies.policyapplication", case_id=application.pk).count()
        == 1
    )
    client.post(f"{actions}/withdraw/", {"reason": "不申请了"})
    application.refresh_from_db()
    assert application.state == AS.WITHDRAWN


def test_the_applicant_is_told_of_a_payout_and_of_a_refusal(world, item, django_capture_on_commit_callbacks):
    from hrbureau.core.models import Notification

    # Given two applications of A1's (the world's enterprise user speaks for A1), one per period
    paid = _review(world, _apply(world, item, on=dt.date(2025, 3, 2)))
    refused = _review(world, _apply(world, item, on=dt.date(2026, 3, 2)))
    svc.application_approve(actor=world.user("dept_head"), application=paid, final=True)
    # When one is paid and the other refused (the notices written in English here)
    from django.utils import translation

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        svc.application_pay(actor=world.user("dept_staff"), application=paid, amount="5000", reference="ZF-9")
        svc.application_refuse(actor=world.user("dept_head"), application=refused, reason="材料不实")
    # Then the enterprise's account is told of each, the refusal with its reason
    told = Notification.objects.filter(recipient=world.user("enterprise")).order_by("id")
    assert [n.title for n in told] == [
        f"Your application {paid.number} has been paid.",
        f"Your application {refused.number} was not granted.",
    ]
    assert told[1].body == "材料不实"
    assert all(str(n.url).startswith("/policies/") for n in told)
