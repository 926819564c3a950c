"""Public-institution recruitment's services: plans and posts, registration on the portal, the automatic
check of a post's requirements, the qualification review, scores, the total by the plan's weights, ranks
within each post by the plan's tie rule, the shortlist for the medical check, and publication."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core import counters, rules
from hrbureau.core.attachments import attachment_add
from hrbureau.core.workflow import create_case, transition
from hrbureau.people.models import Person
from hrbureau.personnel import recruitment_rules
from hrbureau.personnel.recruitment_choices import (
    DEGREE_RANK,
    EDUCATION_RANK,
    TITLE_RANK,
    PublishedList,
    RegistrationState,
    TieRule,
)
from hrbureau.personnel.recruitment_models import (
    PlanPublication,
    RecruitmentPlan,
    RecruitmentPost,
    Registration,
)
from hrbureau.personnel.recruitment_workflow import REGISTRATION_WORKFLOW

CENT = Decimal("0.01")
HUNDRED = Decimal("100")

# --- plans and posts ---------------------------------------------------------------------------------


def plan_check(plan: RecruitmentPlan) -> None:
    """The plan's own rules: the weights sum to 100 and the window is in order."""
    errors: dict[str, list[str]] = {}
    weights = (plan.written_weight, plan.interview_weight)
    if None not in weights and sum(weights) != HUNDRED:
        errors["interview_weight"] = [
            _("The written exam and interview weights must sum to 100 (here %(sum)s).")
            % {"sum": sum(weights)}
        ]
    if plan.opens_on and plan.closes_on and plan.closes_on < plan.opens_on:
        errors["closes_on"] = [_("The registration window closes before it opens.")]
    if errors:
        raise ValidationError(errors)


def plan_save(*, actor: Any, plan: RecruitmentPlan) -> RecruitmentPlan:
    if not actor.has_perm("personnel.manage_recruitment"):
        raise PermissionDenied("personnel.manage_recruitment")
    plan_check(plan)
    if plan.pk is None:
        plan.created_by = actor
    plan.save()
    return plan


def post_save(*, actor: Any, post: RecruitmentPost) -> RecruitmentPost:
    """A post with its requirements checked against the rules language (only declared fields)."""
    if not actor.has_perm("personnel.manage_recruitment"):
        raise PermissionDenied("personnel.manage_recruitment")
    if post.requirements:
        try:
            post.requirements = rules.validate(recruitment_rules.REGISTRANT_SUBJECT, post.requirements)
        except ValidationError as error:
            raise ValidationError({"requirements": error.messages}) from None
    if not post.requirements_text and post.requirements:
        post.requirements_text = rules.summary(recruitment_rules.REGISTRANT_SUBJECT, post.requirements)
    post.save()
    return post


def window_open(plan: RecruitmentPlan, on: dt.date) -> bool:
    return plan.opens_on <= on <= plan.closes_on


# --- registration --------------------------------------------------------------------------------------


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Full years of age on ``on`` (a birthday on that day counts)."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def _levels(registration: Registration) -> None:
    registration.age_at_close = age_on(registration.person.birth_date, registration.plan.closes_on)
    registration.education_level = EDUCATION_RANK.get(registration.education, 0)
    registration.degree_level = DEGREE_RANK.get(registration.degree, 0)
    registration.title_level = TITLE_RANK.get(registration.professional_title, 0)


def precheck(registration: Registration) -> None:
    """The automatic check of the post's requirements, stored with the registration (the reviewer reads
    it in plain words; it decides nothing by itself)."""
    met, trace = recruitment_rules.check(registration.post.requirements, registration)
    registration.precheck_met = met
    registration.precheck_trace = trace


def unmet_requirements(registration: Registration) -> list[str]:
    return recruitment_rules.unmet_words(registration.post.requirements, registration)


def registration_submit(
    *,
    actor: Any,
    post: RecruitmentPost,
    person: Person,
    education: str,
    degree: str = "none",
    school: str = "",
    major: str = "",
    professional_title: str = "none",
    years_experience: Decimal = Decimal("0"),
    materials: Iterable[Any] = (),
    now: dt.datetime | None = None,
) -> Registration:
    """A person registers for a post within the plan's window; one registration per person per plan."""
    now = now or timezone.now()
    plan = post.plan
    if not window_open(plan, timezone.localdate(now)):
        raise ValidationError(_("Registration for this plan is not open."))
    with transaction.atomic():
        Person.objects.select_for_update().filter(pk=person.pk).first()
        if Registration.objects.filter(plan=plan, person=person).exists():
            raise ValidationError(_("You have already registered for this plan: one registration per plan."))
        sequence = counters.next_value(f"recruitment-registration-{plan.pk}")
        registration = Registration(
            number=f"BM{plan.number}-{sequence:05d}",
            plan=plan,
            post=post,
            person=person,
            registered_at=now,
            education=education,
            degree=degree or "none",
            school=school,
            major=major.strip(),
            professional_title=professional_title or "none",
            years_experience=years_experience or Decimal("0"),
            registered_by=actor if getattr(actor, "is_authenticated", False) else None,
            assigned_unit=plan.department,
        )
        _levels(registration)
        precheck(registration)
        try:
            with transaction.atomic():
                event = create_case(registration, actor=actor)
        except IntegrityError:
            raise ValidationError(
                _("You have already registered for this plan: one registration per plan.")
            ) from None
        for upload in materials:
            attachment_add(case=registration, upload=upload, actor=actor, event=event)
    return registration


@REGISTRATION_WORKFLOW.performs("qualify", case="registration")
def registration_qualify(*, actor: Any, registration: Registration, opinion: str = "") -> Any:
    """Pass the qualification review: the exam ticket number is issued (the plan's sequence)."""
    with transaction.atomic():
        sequence = counters.next_value(f"recruitment-ticket-{registration.plan_id}")
        ticket = f"{registration.plan.number}{sequence:05d}".replace("-", "")
        return transition(
            registration,
            "qualify",
            actor=actor,
            reason=opinion,
            fields={"ticket_number": ticket, "review_reason": opinion},
        )


@REGISTRATION_WORKFLOW.performs("fail", case="registration")
def registration_fail(*, actor: Any, registration: Registration, reason: str) -> Any:
    return transition(registration, "fail", actor=actor, reason=reason, fields={"review_reason": reason})


@REGISTRATION_WORKFLOW.performs("request_supplement", case="registration")
def registration_request_supplement(*, actor: Any, registration: Registration, reason: str) -> Any:
    return transition(
        registration, "request_supplement", actor=actor, reason=reason, fields={"review_reason": reason}
    )


@REGISTRATION_WORKFLOW.performs("resupply", case="registration")
def registration_resupply(
    *, actor: Any, registration: Registration, note: str = "", materials: Iterable[Any] | None = None
) -> Any:
    with transaction.atomic():
        event = transition(registration, "resupply", actor=actor, reason=note)
        for upload in materials or []:
            attachment_add(case=registration, upload=upload, actor=actor, event=event)
    return event


@REGISTRATION_WORKFLOW.performs("withdraw", case="registration")
def registration_withdraw(*, actor: Any, registration: Registration, reason: str) -> Any:
    return transition(registration, "withdraw", actor=actor, reason=reason)


# --- scores, totals, ranks and the shortlist ------------------------------------------------------------


def total_of(plan: RecruitmentPlan, written: Decimal | None, interview: Decimal | None) -> Decimal | None:
    """written × w1 + interview × w2 (weights in per cent), rounded half up to 2 places; None when either
    score is missing (an absent candidate has no total)."""
    if written is None or interview is None:
        return None
    raw = written * plan.written_weight / HUNDRED + interview * plan.interview_weight / HUNDRED
    return raw.quantize(CENT, rounding=ROUND_HALF_UP)


def registration_set_scores(
    *,
    registration: Registration,
    written: Decimal | None = None,
    written_absent: bool | None = None,
    interview: Decimal | None = None,
    interview_absent: bool | None = None,
) -> Registration:
    """Record the scores given (None leaves a score as it was) and the total. Only a qualified
    registration sits the exam."""
    if registration.state != RegistrationState.QUALIFIED:
        raise ValidationError(_("Only a qualified registration has exam scores."))
    if written_absent is not None:
        registration.written_absent = written_absent
        if written_absent:
            registration.written_score = None
    if written is not None:
        registration.written_score, registration.written_absent = written, False
    if interview_absent is not None:
        registration.interview_absent = interview_absent
        if interview_absent:
            registration.interview_score = None
    if interview is not None:
        registration.interview_score, registration.interview_absent = interview, False
    registration.total_score = (
        None
        if registration.absent
        else total_of(registration.plan, registration.written_score, registration.interview_score)
    )
    registration.save(
        update_fields=[
            "written_score",
            "written_absent",
            "interview_score",
            "interview_absent",
            "total_score",
            "updated_at",
        ]
    )
    return registration


def _sort_key(plan: RecruitmentPlan, r: Registration) -> tuple[Any, ...]:
    """The order within a post: the total (higher first), then the plan's tie rule."""
    written = -(r.written_score or 0)
    interview = -(r.interview_score or 0)
    if plan.tie_rule == TieRule.INTERVIEW_WRITTEN:
        return (-(r.total_score or 0), interview, written)
    if plan.tie_rule == TieRule.WRITTEN_INTERVIEW:
        return (-(r.total_score or 0), written, interview)
    return (-(r.total_score or 0), written, interview, r.registered_at, r.pk)


def _tie_key(plan: RecruitmentPlan, r: Registration) -> tuple[Any, ...]:
    """What must be equal for two candidates to share a rank: the sort key without the last resort
    (the registration's row id) — so under the default rule only the same registration time ties."""
    key = _sort_key(plan, r)
    return key[:-1] if plan.tie_rule == TieRule.WRITTEN_INTERVIEW_REGISTRATION else key


def shortlist_size(plan: RecruitmentPlan, post: RecruitmentPost) -> int:
    """Places × the ratio (the post's, else the plan's), rounded up to a whole candidate."""
    ratio = post.shortlist_ratio or plan.shortlist_ratio
    return math.ceil(Decimal(post.headcount) * ratio)


def rank_post(plan: RecruitmentPlan, post: RecruitmentPost, candidates: list[Registration]) -> None:
    """Rank the candidates of one post (those with a total; absent ones are not ranked) and mark the
    shortlist: the first ``shortlist_size`` places, and everyone tied with the last of them."""
    ranked = sorted((r for r in candidates if r.total_score is not None), key=lambda r: _sort_key(plan, r))
    cut = shortlist_size(plan, post)
    previous: tuple[Any, ...] | None = None
    rank = 0
    for position, registration in enumerate(ranked, start=1):
        key = _tie_key(plan, registration)
        if key != previous:
            rank = position  # standard competition ranking: 1, 2, 2, 4
            previous = key
        registration.rank = rank
        registration.shortlisted = rank <= cut
    for registration in candidates:
        if registration.total_score is None:
            registration.rank, registration.shortlisted = None, False


def plan_rank(*, plan: RecruitmentPlan) -> int:
    """Rank every post of the plan from the stored totals; returns how many candidates were ranked."""
    with transaction.atomic():
        RecruitmentPlan.objects.select_for_update().filter(pk=plan.pk).first()
        candidates = list(
            Registration.objects.filter(plan=plan).exclude(
                state__in=[RegistrationState.FAILED, RegistrationState.WITHDRAWN]
            )
        )
        by_post: dict[int, list[Registration]] = {}
        for registration in candidates:
            if registration.state != RegistrationState.QUALIFIED:
                registration.rank, registration.shortlisted = None, False
            by_post.setdefault(registration.post_id, []).append(registration)
        for post in plan.posts.all():
            rank_post(
                plan, post, [r for r in by_post.get(post.pk, []) if r.state == RegistrationState.QUALIFIED]
            )
        Registration.objects.bulk_update(candidates, ["rank", "shortlisted"], batch_size=500)
        plan.ranked_at = timezone.now()
        plan.save(update_fields=["ranked_at", "updated_at"])
    return sum(1 for r in candidates if r.rank is not None)


# --- publication ---------------------------------------------------------------------------------------


def publication_refusal(plan: RecruitmentPlan, kind: str, actor: Any) -> str | None:
    """Why ``actor`` may not publish the list ``kind`` of ``plan`` now, or None."""
    if not actor.has_perm("personnel.publish_recruitment"):
        return _("Only a department head publishes recruitment lists.")
    if plan.publications.filter(kind=kind).exists():
        return _("This list has already been published.")
    if kind in (PublishedList.SCORES, PublishedList.SHORTLIST):
        if plan.ranked_at is None:
            return _("The scores have not been ranked yet.")
        if plan.scores_imported_by_id is not None and plan.scores_imported_by_id == actor.pk:
            return _("The scores are published by a person other than the one who imported them.")
    if kind == PublishedList.SHORTLIST and not plan.publications.filter(kind=PublishedList.SCORES).exists():
        return _("Publish the scores and ranks before the shortlist.")
    if (
        kind == PublishedList.QUALIFIED
        and not plan.registrations.filter(state=RegistrationState.QUALIFIED).exists()
    ):
        return _("No registration has passed the qualification review yet.")
    return None


def plan_publish(*, actor: Any, plan: RecruitmentPlan, kind: str, note: str = "") -> PlanPublication:
    """Publish one of the plan's lists: a recorded step with who and when."""
    with transaction.atomic():
        plan = RecruitmentPlan.objects.select_for_update().get(pk=plan.pk)
        refusal = publication_refusal(plan, kind, actor)
        if refusal:
            raise ValidationError(refusal)
        return PlanPublication.objects.create(
            plan=plan, kind=kind, published_at=timezone.now(), published_by=actor, note=note
        )


def published(plan: RecruitmentPlan) -> set[str]:
    return set(plan.publications.values_list("kind", flat=True))
