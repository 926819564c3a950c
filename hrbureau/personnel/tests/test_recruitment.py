"""Public-institution recruitment: requirements by the rules, one registration per plan, the weights,
the total's rounding, ranks with ties by the plan's rule, the shortlist ratio (ties at the cut-off
included), absent candidates not ranked, the score import from a real xlsx, publication by another
person, masked published lists, and a person sees only their own registration."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hrbureau.core import rules
from hrbureau.people.tests.factories import PersonFactory
from hrbureau.personnel import recruitment
from hrbureau.personnel.recruitment_choices import PublishedList, RegistrationState, TieRule
from hrbureau.personnel.recruitment_models import RecruitmentPlan, RecruitmentPost, Registration
from hrbureau.personnel.recruitment_rules import REGISTRANT_SUBJECT

OPEN_DAY = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


def make_plan(**fields: Any) -> RecruitmentPlan:
    defaults: dict[str, Any] = {
        "number": "ZP2026-01",
        "name": "2026年卫健系统公开招聘",
        "organiser": "区卫生健康局",
        "kind": "health",
        "opens_on": dt.date(2026, 3, 1),
        "closes_on": dt.date(2026, 3, 20),
        "written_weight": Decimal("40"),
        "interview_weight": Decimal("60"),
    }
    defaults.update(fields)
    return RecruitmentPlan.objects.create(**defaults)


def make_post(
    plan: RecruitmentPlan, *, code: str = "A01", headcount: int = 1, **fields: Any
) -> RecruitmentPost:
    return RecruitmentPost.objects.create(
        plan=plan, unit="区人民医院", code=code, title="临床医生", headcount=headcount, **fields
    )


def register(world: Any, post: RecruitmentPost, person: Any = None, **fields: Any) -> Registration:
    values: dict[str, Any] = {"education": "master", "degree": "master", "major": "临床医学"}
    values.update(fields)
    return recruitment.registration_submit(
        actor=world.users["individual"],
        post=post,
        person=person or PersonFactory(),
        now=fields.pop("now", None) or OPEN_DAY,
        **{k: v for k, v in values.items() if k != "now"},
    )


def qualified(world: Any, post: RecruitmentPost, **fields: Any) -> Registration:
    registration = register(world, post, **fields)
    recruitment.registration_qualify(actor=world.users["dept_staff"], registration=registration)
    registration.refresh_from_db()
    return registration


# --- requirements by the rules ----------------------------------------------------------------------


REQUIREMENTS = {
    "all": [
        {"field": "age", "op": "lte", "value": 35},
        {"field": "education_level", "op": "gte", "value": 6},
        {"field": "major", "op": "in", "value": ["临床医学", "内科学"]},
    ]
}


def test_the_posts_requirements_are_checked_by_the_rules_with_the_reason_in_plain_words(world):
    # Given a post for a master in clinical medicine aged at most 35 on the closing day (2026-03-20)
    plan = make_plan()
    post = recruitment.post_save(
        actor=world.users["dept_staff"],
        post=RecruitmentPost(
            plan=plan, unit="区人民医院", code="A01", title="临床医生", headcount=1, requirements=REQUIREMENTS
        ),
    )
    young = PersonFactory(birth_date=dt.date(1990, 3, 20))  # 36 on the closing day exactly
    younger = PersonFactory(birth_date=dt.date(1990, 3, 21))  # still 35 on the closing day
    # When both register
    old_one = register(world, post, person=young)
    fits = register(world, post, person=younger)
    bachelor = register(
        world, post, person=PersonFactory(birth_date=dt.date(1995, 1, 1)), education="bachelor"
    )
    # Then the automatic check agrees with the database query and says what is missing
    assert (old_one.age_at_close, fits.age_at_close) == (36, 35)
    assert fits.precheck_met is True
    assert old_one.precheck_met is False
    assert bachelor.precheck_met is False
    matched = set(rules.matching(REGISTRANT_SUBJECT, post.requirements, Registration.objects.all()))
    assert matched == {fits}
    words = recruitment.unmet_requirements(old_one)
    assert len(words) == 1
    assert "36" in words[0]
    assert "35" in words[0]
    assert post.requirements_text  # the requirements in words, for the public notice
    # A level reads as what it ranks, not as its number: "education level 5, needs at least Master".
    assert "不低于 硕士研究生" in post.requirements_text or "硕士研究生" in post.requirements_text
    assert "6" not in post.requirements_text.replace("35", "")
    short = recruitment.unmet_requirements(bachelor)
    assert any("本科" in line and "硕士研究生" in line for line in short), short
    # Whoever writes a requirement reads the numbers with their meaning.
    fields = {name: label for name, label, _kind in rules.describe_fields(REGISTRANT_SUBJECT)}
    assert "5 本科" in fields["education_level"]
    assert "3 博士学位" in fields["degree_level"] or "3 " in fields["degree_level"]


def test_a_requirement_on_an_undeclared_field_is_refused(world):
    plan = make_plan()
    with pytest.raises(ValidationError):
        recruitment.post_save(
            actor=world.users["dept_staff"],
            post=RecruitmentPost(
                plan=plan,
                unit="u",
                code="X",
                title="t",
                headcount=1,
                requirements={"field": "salary", "op": "gte", "value": 1},
            ),
        )


# --- registration ------------------------------------------------------------------------------------


def test_one_registration_per_person_per_plan_whatever_the_post(world):
    plan = make_plan()
    first, second = make_post(plan, code="A01"), make_post(plan, code="A02")
    person = PersonFactory()
    register(world, first, person=person)
    with pytest.raises(ValidationError):
        register(world, second, person=person)
    assert Registration.objects.filter(person=person).count() == 1
    # Another plan is another registration.
    other = make_plan(number="ZP2026-02")
    register(world, make_post(other), person=person)
    assert Registration.objects.filter(person=person).count() == 2


def test_registration_outside_the_window_is_refused(world):
    post = make_post(make_plan())
    with pytest.raises(ValidationError):
        register(world, post, now=dt.datetime(2026, 3, 21, 9, 0, tzinfo=dt.UTC))


def test_the_weights_must_sum_to_100(world):
    with pytest.raises(ValidationError):
        recruitment.plan_save(
            actor=world.users["dept_staff"],
            plan=RecruitmentPlan(
                number="X",
                name="x",
                organiser="x",
                opens_on=dt.date(2026, 1, 1),
                closes_on=dt.date(2026, 1, 2),
                written_weight=Decimal("40"),
                interview_weight=Decimal("50"),
            ),
        )
    # The database refuses it too.
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_plan(written_weight=Decimal("50"), interview_weight=Decimal("60"))


def test_review_pass_issues_a_ticket_fail_keeps_the_reason(world):
    post = make_post(make_plan())
    passed = qualified(world, post)
    assert passed.state == RegistrationState.QUALIFIED
    assert passed.ticket_number == "ZP2026010000" + "1"
    failed = register(world, post)
    recruitment.registration_fail(actor=world.users["dept_staff"], registration=failed, reason="专业不符")
    failed.refresh_from_db()
    assert (failed.state, failed.review_reason, failed.ticket_number) == (
        RegistrationState.FAILED,
        "专业不符",
        None,
    )
    asked = register(world, post, person=world.people["a1"])  # the individual's own
    recruitment.registration_request_supplement(
        actor=world.users["dept_staff"], registration=asked, reason="缺学位证"
    )
    asked.refresh_from_db()
    recruitment.registration_resupply(actor=world.users["individual"], registration=asked, note="已补")
    asked.refresh_from_db()
    assert asked.state == RegistrationState.SUBMITTED


# --- totals, ranks, shortlist -----------------------------------------------------------------------


def test_the_total_is_weighted_and_rounded_half_up_to_two_places():
    plan = RecruitmentPlan(written_weight=Decimal("40"), interview_weight=Decimal("60"))
    # 81.25 × 0.4 + 77.33 × 0.6 = 32.5 + 46.398 = 78.898 → 78.90
    assert recruitment.total_of(plan, Decimal("81.25"), Decimal("77.33")) == Decimal("78.90")
    # 70.01 × 0.4 + 80.01 × 0.6 = 28.004 + 48.006 = 76.010
    assert recruitment.total_of(plan, Decimal("70.01"), Decimal("80.01")) == Decimal("76.01")
    # 33.33/66.67 weights: 80 × 0.3333 + 90 × 0.6667 = 26.664 + 60.003 = 86.667 → 86.67
    thirds = RecruitmentPlan(written_weight=Decimal("33.33"), interview_weight=Decimal("66.67"))
    assert recruitment.total_of(thirds, Decimal("80"), Decimal("90")) == Decimal("86.67")
    half = RecruitmentPlan(written_weight=Decimal("50"), interview_weight=Decimal("50"))
    assert recruitment.total_of(half, Decimal("80.01"), Decimal("80.00")) == Decimal("80.01")  # 80.005 up
    assert recruitment.total_of(plan, None, Decimal("80")) is None


def _scored(
    world: Any, post: RecruitmentPost, written: str | None, interview: str | None, **kw: Any
) -> Registration:
    registration = qualified(world, post, **kw)
    return recruitment.registration_set_scores(
        registration=registration,
        written=Decimal(written) if written else None,
        written_absent=written is None,
        interview=Decimal(interview) if interview else None,
    )


def test_ranking_breaks_ties_by_the_stated_rule_and_absent_candidates_are_not_ranked(world):
    # Given 50/50 weights: three candidates with the same total 80.00
    plan = make_plan(written_weight=Decimal("50"), interview_weight=Decimal("50"))
    post = make_post(plan, headcount=1)
    late = _scored(world, post, "82", "78", now=OPEN_DAY + dt.timedelta(days=2))
    early = _scored(world, post, "82", "78", now=OPEN_DAY)
    lower_written = _scored(world, post, "78", "82")
    top = _scored(world, post, "90", "90")
    absent = _scored(world, post, None, "95")
    # When the plan is ranked
    recruitment.plan_rank(plan=plan)
    for r in (late, early, lower_written, top, absent):
        r.refresh_from_db()
    # Then higher written first, then (equal scores) earlier registration
    assert (top.rank, early.rank, late.rank, lower_written.rank) == (1, 2, 3, 4)
    assert absent.total_score is None
    assert absent.rank is None
    assert not absent.shortlisted
    # Under the interview-first rule the lower written score but higher interview goes ahead
    plan.tie_rule = TieRule.INTERVIEW_WRITTEN
    plan.save()
    recruitment.plan_rank(plan=plan)
    lower_written.refresh_from_db()
    early.refresh_from_db()
    late.refresh_from_db()
    assert lower_written.rank == 2
    assert early.rank == late.rank == 3


def test_the_shortlist_is_places_times_the_ratio_and_takes_everyone_tied_at_the_cut_off(world):
    # Given a post of 2 places at 1:1 and a rule that leaves equal scores equal
    plan = make_plan(
        tie_rule=TieRule.WRITTEN_INTERVIEW, written_weight=Decimal("50"), interview_weight=Decimal("50")
    )
    post = make_post(plan, headcount=2)
    first = _scored(world, post, "95", "95")
    tied_a = _scored(world, post, "80", "80")
    tied_b = _scored(world, post, "80", "80")
    fourth = _scored(world, post, "70", "70")
    # When ranked
    recruitment.plan_rank(plan=plan)
    rows = {r.pk: r for r in Registration.objects.filter(post=post)}
    # Then the two tied for the second place both go to the medical check: 3 for 2 places
    assert [rows[r.pk].rank for r in (first, tied_a, tied_b, fourth)] == [1, 2, 2, 4]
    assert [rows[r.pk].shortlisted for r in (first, tied_a, tied_b, fourth)] == [True, True, True, False]
    # A ratio of 2 set on the post itself: 2 × 2 = 4 candidates, the fourth is in
    post.shortlist_ratio = Decimal("2")
    post.save()
    recruitment.plan_rank(plan=plan)
    assert Registration.objects.get(pk=fourth.pk).shortlisted  # 2 × 2 = 4 places
    assert recruitment.shortlist_size(plan, post) == 4


def test_the_default_rule_leaves_no_tie_at_the_cut_off(world):
    plan = make_plan(written_weight=Decimal("50"), interview_weight=Decimal("50"))
    post = make_post(plan, headcount=1)
    a = _scored(world, post, "80", "80", now=OPEN_DAY)
    b = _scored(world, post, "80", "80", now=OPEN_DAY + dt.timedelta(hours=1))
    recruitment.plan_rank(plan=plan)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.rank, a.shortlisted, b.rank, b.shortlisted) == (1, True, 2, False)


# --- the score import ------------------------------------------------------------------------------


def test_scores_import_from_xlsx_with_a_title_row_text_scores_and_absent(world):
    import io

    import openpyxl

    from hrbureau.core.imports.tests.test_imports import commit, upload

    plan = make_plan()
    post = make_post(plan, headcount=1)
    a = qualified(world, post)
    b = qualified(world, post)
    c = qualified(world, post)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["2026年卫健系统公开招聘笔试面试成绩表"])  # a title row above the header
    sheet.append(["序号", "准考证号码", "身份证号", "笔试分数", "面试得分"])
    sheet.append([1, a.ticket_number, None, "81.5", 90])  # a score stored as text
    sheet.append([2, None, b.person.id_number, 75, "８８"])  # by ID number, full-width digits
    sheet.append([3, c.ticket_number, None, "缺考", None])
    sheet.append([4, "NO-SUCH", None, 60, 60])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = commit(world, upload(world, "recruitment-scores", buffer.getvalue()))
    job.refresh_from_db()
    assert job.created_count == 3
    assert job.rejected_count == 1
    for r in (a, b, c):
        r.refresh_from_db()
    assert a.total_score == Decimal("86.60")  # 81.5 × 0.4 + 90 × 0.6 = 32.6 + 54
    assert b.total_score == Decimal("82.80")  # 30 + 52.8
    assert c.written_absent
    assert c.total_score is None
    assert c.rank is None
    assert (a.rank, a.shortlisted, b.rank, b.shortlisted) == (1, True, 2, False)
    plan.refresh_from_db()
    assert plan.scores_imported_by == world.users["dept_staff"]
    assert plan.ranked_at is not None


# --- publication and the published lists -----------------------------------------------------------


def test_scores_are_published_by_a_head_other_than_the_importer_and_the_lists_are_masked(world, client):
    from hrbureau.personnel import recruitment_public

    plan = make_plan()
    post = make_post(plan)
    person = PersonFactory(name="张三丰")
    missed = _scored(world, post, None, "70")  # absent from the written exam: listed, not ranked
    r = _scored(world, post, "80", "80", person=person)
    recruitment.plan_rank(plan=plan)
    head = world.users["dept_head"]
    RecruitmentPlan.objects.filter(pk=plan.pk).update(scores_imported_by=head)
    plan.refresh_from_db()
    with pytest.raises(ValidationError):
        recruitment.plan_publish(actor=head, plan=plan, kind=PublishedList.SCORES)
    RecruitmentPlan.objects.filter(pk=plan.pk).update(scores_imported_by=None)
    with pytest.raises(ValidationError):  # staff do not publish
        recruitment.plan_publish(actor=world.users["dept_staff"], plan=plan, kind=PublishedList.SCORES)
    with pytest.raises(ValidationError):  # the shortlist after the scores
        recruitment.plan_publish(actor=head, plan=plan, kind=PublishedList.SHORTLIST)
    # Not published yet: the public page shows nothing of the scores
    assert "80.00" not in client.get(recruitment_public.url(plan, PublishedList.SCORES)).content.decode()
    recruitment.plan_publish(actor=head, plan=plan, kind=PublishedList.SCORES)
    page = client.get(recruitment_public.url(plan, PublishedList.SCORES)).content.decode()
    assert "80.00" in page
    assert r.ticket_number in page
    assert person.id_number not in page
    assert "张三丰" not in page
    assert person.id_number[:6] + "********" + person.id_number[-4:] in page
    assert "张*丰" in page
    assert plan.publications.get(kind=PublishedList.SCORES).published_by == head
    # Rank 1 before the absent candidate, on SQLite (which sorts NULL first) as on PostgreSQL.
    assert page.index(r.ticket_number) < page.index(missed.ticket_number)


# --- a person sees only their own -----------------------------------------------------------------


def test_a_person_sees_only_their_own_registration(world, client_for):
    post = make_post(make_plan())
    mine = register(world, post, person=world.people["a1"])
    theirs = register(world, post, person=world.people["b1"])
    user = world.users["individual"]
    assert list(Registration.objects.for_user(user)) == [mine]
    client = client_for("individual")
    assert client.get(f"/personnel/recruitment/portal/registrations/{mine.pk}/").status_code == 200
    assert (
        client.get(f"/personnel/recruitment/portal/registrations/{theirs.pk}/").status_code == 403
    )  # outside the scope: refused, audited
    assert not Registration.objects.for_user(world.users["street_staff"]).exists()


def test_mask_name_shows_the_first_and_last_character():
    from hrbureau.core.identifiers import mask_name

    assert (mask_name("张三"), mask_name("张三丰"), mask_name("欧阳娜娜"), mask_name("")) == (
        "张*",
        "张*丰",
        "欧**娜",
        "",
    )


# --- pages ------------------------------------------------------------------------------------------


def test_a_person_registers_on_the_portal_with_materials_and_a_wrong_file_is_refused(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hrbureau.core.attachments import attachments_of

    today = timezone.localdate()
    plan = make_plan(opens_on=today, closes_on=today + dt.timedelta(days=3))
    post = make_post(plan)
    client = client_for("individual")
    url = f"/personnel/recruitment/portal/plans/{plan.pk}/register/"
    form = {
        "post": post.pk,
        "education": "master",
        "degree": "master",
        "major": "临床医学",
        "professional_title": "none",
        "years_experience": "2",
    }
    # A renamed executable is refused by its content, nothing registered
    bad = SimpleUploadedFile("degree.pdf", b"MZ\x90\x00", content_type="application/pdf")
    response = client.post(url, {**form, "materials": [bad]})
    assert response.status_code == 200
    assert not Registration.objects.exists()
    good = SimpleUploadedFile("degree.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    response = client.post(url, {**form, "materials": [good]})
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert registration.person == world.people["a1"]
    assert [a.original_name for a in attachments_of(registration)] == ["degree.pdf"]
    # A second registration for the same plan is refused on the page
    again = client.post(url, form)
    assert again.status_code == 200
    assert Registration.objects.count() == 1
    # The staff's plan page states the weights and the tie rule
    page = client_for("dept_staff").get(f"/personnel/recruitment/plans/{plan.pk}/").content.decode()
    assert 'data-testid="plan-tie-rule"' in page
    assert 'data-testid="plan-steps"' in page


def test_the_public_lists_are_rate_limited_like_other_public_lookups(world, client, settings):
    from django.core.cache import cache

    from hrbureau.personnel import recruitment_public

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "public-lookup-address": "2/h"}
    cache.clear()
    plan = make_plan()
    url = recruitment_public.url(plan, PublishedList.QUALIFIED)
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 429
    cache.clear()
