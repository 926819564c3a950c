"""Recruitment's declared lists (``core.lists``) and the registration's case page (``core.casepage``)."""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from hrbureau.core.casepage import CasePage
from hrbureau.core.filters import Choice, DateFrom, DateTo, RelatedText, Search, YesNo, of_record
from hrbureau.core.identifiers import mask_id_number
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, labelled, link
from hrbureau.people.models import Person
from hrbureau.personnel.recruitment_choices import PlanKind, RegistrationState
from hrbureau.personnel.recruitment_models import RecruitmentPlan, RecruitmentPost, Registration


def _precheck(r: Registration) -> str:
    from django.utils.translation import gettext

    if r.precheck_met is None:
        return gettext("no requirements stated")
    return gettext("met") if r.precheck_met else gettext("not met")


def _score(value: Any, absent: bool) -> Any:
    from django.utils.translation import gettext

    return gettext("Absent") if absent else value


PLANS = ListSpec(
    name="recruitmentplan",
    title=_("Recruitment plans"),
    permission="personnel.view_recruitment",
    rows=lambda user: RecruitmentPlan.objects.for_user(user),
    ordering=("-opens_on", "-id"),
    search=Search(
        _("Number, name or organiser"),
        index=RecruitmentPlan.text_index,
        description="a fragment of the plan's number, name or organiser",
    ),
    filters=(
        Choice("kind", _("Kind"), PlanKind, empty=_("All kinds")),
        DateFrom("closes_from", _("Closing from"), "closes_on"),
        DateTo("closes_to", _("Closing until"), "closes_on"),
    ),
    columns=(
        Column(
            _("Number"),
            "text-code",
            value=lambda p: p.number,
            html=lambda p: link("personnel:recruitment_plan", p.pk, p.number),
            text=True,
        ),
        Column(_("Name"), value=lambda p: p.name),
        Column(_("Organiser"), value=lambda p: p.organiser),
        Column(_("Kind"), value=labelled(PlanKind, "kind")),
        Column(_("Registration opens"), "text-nowrap", value=lambda p: p.opens_on),
        Column(_("Registration closes"), "text-nowrap", value=lambda p: p.closes_on),
        Column(
            _("Weights (written / interview)"),
            "text-nowrap",
            value=lambda p: f"{p.written_weight.normalize():f} / {p.interview_weight.normalize():f}",
            card=False,
        ),
    ),
    export=Export("personnel.export_recruitmentplan", filename="recruitment-plans"),
    actions=(
        Action(
            _("New plan"),
            "personnel:recruitment_plan_create",
            "personnel.manage_recruitment",
            primary=True,
            testid="plan-create",
        ),
    ),
    empty=_("No recruitment plans match."),
)

POSTS = ListSpec(
    name="recruitmentpost",
    title=_("Recruitment posts"),
    permission="personnel.view_recruitment",
    rows=lambda user: RecruitmentPost.objects.for_user(user),
    ordering=("-id",),
    filters=(
        of_record("plan", "plan_id"),
        Choice("kind", _("Kind of plan"), PlanKind, empty=_("All kinds"), lookup="plan__kind"),
    ),
    columns=(
        Column(
            _("Post code"),
            "text-code",
            value=lambda p: p.code,
            html=lambda p: link("personnel:recruitment_post", p.pk, p.code),
            text=True,
        ),
        Column(_("Plan"), value=lambda p: p.plan.number),
        Column(_("Employing unit"), value=lambda p: p.unit),
        Column(_("Post"), value=lambda p: p.title),
        Column(_("Places"), "text-end", value=lambda p: p.headcount),
        Column(_("Requirements"), value=lambda p: p.requirements_text, card=False),
    ),
    page_related=("plan",),
    export=Export("personnel.export_recruitmentplan", filename="recruitment-posts", related=("plan",)),
    empty=_("No recruitment posts match."),
)

REGISTRATIONS = ListSpec(
    name="registration",
    title=_("Recruitment registrations"),
    permission="personnel.view_registration",
    rows=lambda user: Registration.objects.for_user(user),
    ordering=("-id",),
    search=Search(
        _("Number, ticket or name"),
        index=Registration.text_index,
        related=(RelatedText(Person.text_index, lambda: Person.objects.all(), "pk", through="person_id"),),
        description="the registration's or ticket's number, or a fragment of the person's name",
    ),
    filters=(
        of_record("plan", "plan_id"),
        of_record("post", "post_id"),
        Choice("state", _("State"), RegistrationState, empty=_("All states")),
        YesNo("shortlisted", _("Shortlisted for the medical check")),
    ),
    columns=(
        Column(
            _("Number"),
            "text-code",
            value=lambda r: r.number,
            html=lambda r: link("personnel:recruitment_registration", r.pk, r.number),
            text=True,
        ),
        Column(_("Name"), value=lambda r: r.person.name),
        Column(
            _("ID number"),
            "text-code",
            value=lambda r: mask_id_number(r.person.id_number),
            text=True,
            export_label=_("ID number (masked)"),
            card=False,
        ),
        Column(_("Plan"), value=lambda r: r.plan.number, card=False),
        Column(_("Post"), value=lambda r: f"{r.post.code} {r.post.title}"),
        Column(_("State"), value=labelled(RegistrationState)),
        Column(_("Requirements (automatic check)"), value=_precheck, card=False),
        Column(_("Exam ticket"), "text-code", value=lambda r: r.ticket_number or "", text=True, card=False),
        Column(
            _("Written"), "text-end", value=lambda r: _score(r.written_score, r.written_absent), card=False
        ),
        Column(
            _("Interview"),
            "text-end",
            value=lambda r: _score(r.interview_score, r.interview_absent),
            card=False,
        ),
        Column(_("Total"), "text-end", value=lambda r: r.total_score),
        Column(_("Rank"), "text-end", value=lambda r: r.rank),
        Column(
            _("Medical check"),
            value=lambda r: _("Shortlisted") if r.shortlisted else "",
            html=lambda r: (
                format_html('<span class="badge bg-green-lt">{}</span>', _("Shortlisted"))
                if r.shortlisted
                else ""
            ),
        ),
    ),
    page_related=("person", "plan", "post"),
    export=Export(
        "personnel.export_registration",
        filename="recruitment-registrations",
        related=("person", "plan", "post"),
    ),
    actions=(
        Action(
            _("Import scores"),
            "imports:upload",
            "personnel.review_registration",
            args=("recruitment-scores",),
            icon="upload",
            testid="import-scores",
        ),
    ),
    empty=_("No registrations match."),
)


def _requirements(r: Registration) -> str:
    from hrbureau.personnel.recruitment import unmet_requirements

    if r.precheck_met is None:
        return str(_("The post states no requirements."))
    if r.precheck_met:
        return str(_("All requirements met."))
    return "\n".join(unmet_requirements(r))


REGISTRATION_PAGE = CasePage(
    kind=_("Recruitment registration"),
    permission="personnel.view_registration",
    model=Registration,
    heading=lambda r: f"{r.number} {r.person.name}",
    related=("person", "plan", "post"),
    fields=(
        Column(_("Plan"), value=lambda r: str(r.plan)),
        Column(_("Post"), value=lambda r: str(r.post)),
        Column(_("Name"), value=lambda r: r.person.name),
        Column(_("ID number"), value=lambda r: mask_id_number(r.person.id_number)),
        Column(_("Age on the closing day"), value=lambda r: r.age_at_close),
        Column(
            _("Education and degree"),
            value=lambda r: f"{r.get_education_display()} / {r.get_degree_display()}",
        ),
        Column(_("School and major"), value=lambda r: f"{r.school} {r.major}".strip()),
        Column(_("Professional title"), value=lambda r: r.get_professional_title_display()),
        Column(_("Years of experience"), value=lambda r: r.years_experience),
        Column(_("Post's requirements"), value=lambda r: r.post.requirements_text),
        Column(_("Automatic check"), value=_requirements),
        Column(_("Review reason"), value=lambda r: r.review_reason),
        Column(_("Exam ticket"), value=lambda r: r.ticket_number or ""),
        Column(_("Written"), value=lambda r: _score(r.written_score, r.written_absent)),
        Column(_("Interview"), value=lambda r: _score(r.interview_score, r.interview_absent)),
        Column(_("Total"), value=lambda r: r.total_score),
        Column(_("Rank in the post"), value=lambda r: r.rank),
        Column(
            _("Shortlisted for the medical check"), value=lambda r: _("yes") if r.shortlisted else _("no")
        ),
    ),
)
