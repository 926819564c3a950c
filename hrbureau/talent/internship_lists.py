"""The internship subsidy's lists and case page, declared (``core.lists``, ``core.casepage``): the bases,
the internships (with the months of each on its page). ID numbers are never shown in a list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.core.casepage import CasePage
from hrbureau.core.filters import Choice, DateFrom, DateTo, RelatedText, Search, of_record
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, labelled, link
from hrbureau.enterprises.models import Enterprise
from hrbureau.people.models import Person
from hrbureau.talent.internship_choices import BaseLevel, BaseState, InternGround, InternshipState
from hrbureau.talent.internship_forms import MonthForm
from hrbureau.talent.models import Internship, InternshipBase

ENTERPRISE_NAME = RelatedText(
    Enterprise.text_index, lambda: Enterprise.objects.all(), "pk", through="enterprise_id"
)

BASES = ListSpec(
    name="internshipbase",
    title=_("Internship bases"),
    permission="talent.view_internship",
    rows=lambda user: InternshipBase.objects.for_user(user),
    ordering=("-id",),
    search=Search(
        _("Enterprise"), related=(ENTERPRISE_NAME,), description="a fragment of the enterprise's name"
    ),
    filters=(
        of_record("enterprise", "enterprise_id"),
        Choice("level", _("Level"), BaseLevel, empty=_("All levels")),
        Choice("state", _("State"), BaseState, empty=_("All states")),
    ),
    columns=(
        Column(
            _("Enterprise"),
            key="enterprise",
            value=lambda b: str(b.enterprise.name),
            text=True,
        ),
        Column(_("Level"), value=labelled(BaseLevel, "level")),
        Column(_("Approved on"), "text-nowrap", value=lambda b: b.approved_on),
        Column(_("Posts offered"), value=lambda b: "、".join(b.post_list)),
        Column(_("Places"), "text-end", value=lambda b: b.places, card=False),
        Column(_("State"), value=labelled(BaseState)),
    ),
    page_related=("enterprise",),
    export=Export("talent.export_internship", filename="internship-bases", related=("enterprise",)),
    actions=(
        Action(
            _("Add a base"),
            "talent:internship_base_create",
            "talent.manage_internship",
            primary=True,
            testid="base-create",
        ),
    ),
    empty=_("No internship bases match."),
)

PERSON_NAME = RelatedText(Person.text_index, lambda: Person.objects.all(), "pk", through="person_id")

INTERNSHIPS = ListSpec(
    name="internship",
    title=_("Internships"),
    permission="talent.view_internship",
    rows=lambda user: Internship.objects.for_user(user),
    ordering=("-id",),
    search=Search(
        _("Intern's name"),
        related=(PERSON_NAME,),
        description="a fragment of the intern's name",
    ),
    filters=(
        of_record("base", "base_id"),
        of_record("enterprise", "employer_id"),
        Choice("state", _("State"), InternshipState, empty=_("All states")),
        Choice("ground", _("Qualifies as"), InternGround, empty=_("All grounds")),
        DateFrom("starts_from", _("Starts from"), "starts_on"),
        DateTo("starts_to", _("Starts until"), "starts_on"),
    ),
    columns=(
        Column(
            _("Number"),
            "text-code",
            value=lambda i: i.number,
            html=lambda i: link("talent:internship", i.pk, i.number),
            text=True,
        ),
        Column(_("Intern"), value=lambda i: i.person.name),
        Column(_("Internship base"), key="enterprise", value=lambda i: str(i.employer.name)),
        Column(_("Post"), value=lambda i: i.post),
        Column(_("Starts on"), "text-nowrap", value=lambda i: i.starts_on),
        Column(_("Ends on"), "text-nowrap", value=lambda i: i.ends_on),
        Column(_("Qualifies as"), value=labelled(InternGround, "ground"), card=False),
        Column(_("State"), value=labelled(InternshipState)),
    ),
    page_related=("person", "employer"),
    export=Export("talent.export_internship", filename="internships", related=("person", "employer")),
    actions=(
        Action(
            _("Register an intern"),
            "talent:internship_register",
            "talent.manage_internship",
            primary=True,
            testid="internship-register",
        ),
        Action(
            _("Import a month's pay"),
            "imports:upload",
            "talent.manage_internship",
            args=("internship-months",),
            icon="upload",
            testid="internship-import",
        ),
    ),
    empty=_("No internships match."),
)


@dataclass(frozen=True)
class InternshipPage(CasePage):
    """The internship's case page with its months: what the base paid, the minimum wage, the subsidy."""

    def context(self, *, case: Any, user: Any) -> dict[str, Any]:
        return {
            **super().context(case=case, user=user),
            "months": list(case.months.select_related("instalment")),
            "may_record": user.has_perm("talent.record_internship_month"),
            "may_approve": user.has_perm("talent.manage_internship"),
            "month_form": MonthForm(),
        }


def _refusal(i: Any) -> str:
    return str(i.refusal_reason)


INTERNSHIP_PAGE = InternshipPage(
    kind=_("Internship"),
    permission="talent.view_internship",
    model=Internship,
    heading=lambda i: f"{i.number} {i.person.name}",
    related=("person", "employer", "base", "application"),
    template="talent/internship/internship_detail.html",
    fields=(
        Column(_("Intern"), value=lambda i: i.person.name),
        Column(_("Internship base"), value=lambda i: str(i.employer.name)),
        Column(_("Post"), value=lambda i: i.post),
        Column(_("Starts on"), value=lambda i: i.starts_on),
        Column(_("Ends on"), value=lambda i: i.ends_on),
        Column(_("Graduated on"), value=lambda i: i.graduated_on),
        Column(_("Qualifies as"), value=labelled(InternGround, "ground")),
        Column(_("Why refused"), value=_refusal),
        Column(_("Subsidy application"), value=lambda i: i.application.number if i.application_id else ""),
    ),
)
