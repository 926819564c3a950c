"""The lists and case pages of talent intake and certification, declared (``core.lists``,
``core.casepage``): intake applications, certifications, categories, the certified-talent register
(ID numbers masked) and the figures of certified talents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import unit_filter
from hrbureau.core import figures
from hrbureau.core.casepage import CasePage
from hrbureau.core.filters import Choice, DateFrom, DateTo, RelatedText, Search, Where
from hrbureau.core.identifiers import mask_id_number
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, labelled, link
from hrbureau.core.textsearch import TextIndex
from hrbureau.people.models import Person
from hrbureau.talent.certification_choices import (
    CertificationState,
    IntakeBasis,
    IntakeState,
    TalentLevel,
)
from hrbureau.talent.certification_models import (
    Certification,
    IntakeApplication,
    TalentCategory,
)

CS = CertificationState
PERSON_NAME = TextIndex(Person.text_index.table, ("name",))


def _category_choices() -> list[tuple[str, str]]:
    return [("", str(_("All categories")))] + [(str(c.pk), str(c)) for c in TalentCategory.objects.all()]


def _masked(row: Any) -> str:
    return mask_id_number(row.person.id_number) if row.person.id_number else ""


INTAKES = ListSpec(
    name="intakeapplication",
    title=_("Talent intake applications"),
    permission="talent.view_intakeapplication",
    rows=lambda user: IntakeApplication.objects.for_user(user),
    ordering=("-id",),
    search=Search(
        _("Number or name"),
        index=IntakeApplication.text_index,
        related=(RelatedText(PERSON_NAME, lambda: Person.objects.all(), "pk", through="person_id"),),
        description="the application's number or a fragment of the person's name",
    ),
    filters=(
        Choice("state", _("State"), IntakeState, empty=_("All states")),
        Choice("basis", _("Basis"), IntakeBasis, empty=_("All")),
        unit_filter("street", kind=OrgUnitKind.STREET, label=_("Street"), empty=_("All streets")),
        DateFrom("submitted_from", _("Submitted from"), "submitted_on"),
        DateTo("submitted_to", _("Submitted until"), "submitted_on"),
    ),
    columns=(
        Column(
            _("Number"),
            "text-code",
            value=lambda a: a.number,
            html=lambda a: link("talent:intake", a.pk, a.number),
            text=True,
        ),
        Column(_("Name"), value=lambda a: a.person.name),
        Column(
            _("ID number"),
            "text-code",
            value=_masked,
            export_label=_("ID number (masked)"),
            text=True,
            card=False,
        ),
        Column(_("Basis"), value=labelled(IntakeBasis, "basis")),
        Column(_("Degree, title or skill level"), value=lambda a: a.qualification, card=False),
        Column(_("Family members"), "text-end", value=lambda a: a.family_members, card=False),
        Column(_("State"), value=labelled(IntakeState)),
        Column(_("Submitted on"), "text-nowrap", value=lambda a: a.submitted_on),
        Column(_("Registration number"), value=lambda a: a.registration_number, card=False),
    ),
    page_related=("person",),
    export=Export("talent.export_intakeapplication", filename="talent-intakes", related=("person",)),
    empty=_("No intake applications match."),
)

CERTIFICATIONS = ListSpec(
    name="certification",
    title=_("Talent certifications"),
    permission="talent.view_certification",
    rows=lambda user: Certification.objects.for_user(user),
    ordering=("-id",),
    search=Search(
        _("Number or name"),
        index=Certification.text_index,
        related=(RelatedText(PERSON_NAME, lambda: Person.objects.all(), "pk", through="person_id"),),
        description="the application's or certificate's number or a fragment of the person's name",
    ),
    filters=(
        Choice("state", _("State"), CertificationState, empty=_("All states")),
        Choice(
            "category", _("Category"), source=_category_choices, coerce=int, lookup="category_id", api=int
        ),
        unit_filter("street", kind=OrgUnitKind.STREET, label=_("Street"), empty=_("All streets")),
        DateFrom("submitted_from", _("Submitted from"), "submitted_on"),
        DateTo("submitted_to", _("Submitted until"), "submitted_on"),
    ),
    columns=(
        Column(
            _("Number"),
            "text-code",
            value=lambda c: c.number,
            html=lambda c: link("talent:certification", c.pk, c.number),
            text=True,
        ),
        Column(_("Name"), value=lambda c: c.person.name),
        Column(_("Category"), value=lambda c: str(c.category)),
        Column(_("State"), value=labelled(CertificationState)),
        Column(_("Submitted on"), "text-nowrap", value=lambda c: c.submitted_on),
        Column(_("Experts' mean"), "text-end", value=lambda c: c.expert_mean, card=False),
        Column(_("Certificate number"), value=lambda c: c.certificate_number, card=False, text=True),
        Column(_("Valid until"), "text-nowrap", value=lambda c: c.valid_until, card=False),
    ),
    page_related=("person", "category"),
    export=Export(
        "talent.export_certification", filename="talent-certifications", related=("person", "category")
    ),
    actions=(
        Action(
            _("My expert reviews"),
            "talent:expert_reviews",
            "talent.score_certification",
            testid="expert-reviews",
        ),
        Action(_("Categories"), "talent:categories", "talent.manage_category", testid="categories"),
    ),
    empty=_("No certifications match."),
)


def _register_rows(user: Any) -> Any:
    return Certification.objects.for_user(user).filter(state__in=[CS.CERTIFIED, CS.EXPIRED])


def _in_force(value: Any) -> Q:
    return Q(state=CS.CERTIFIED) if value == "yes" else Q(state=CS.EXPIRED) if value == "no" else Q()


REGISTER = ListSpec(
    name="talentregister",
    title=_("Certified-talent register"),
    permission="talent.view_certified",
    rows=_register_rows,
    ordering=("-valid_until", "-id"),
    search=Search(
        _("Certificate or name"),
        index=Certification.text_index,
        related=(RelatedText(PERSON_NAME, lambda: Person.objects.all(), "pk", through="person_id"),),
        description="the certificate number or a fragment of the person's name",
    ),
    filters=(
        Where(
            "in_force",
            lambda: forms.ChoiceField(
                label=_("In force"),
                required=False,
                choices=[("", _("All")), ("yes", _("In force")), ("no", _("Expired"))],
            ),
            _in_force,
            api=str,
        ),
        Choice(
            "category", _("Category"), source=_category_choices, coerce=int, lookup="category_id", api=int
        ),
        Choice("level", _("Level"), TalentLevel, empty=_("All levels"), lookup="category__level"),
        unit_filter("street", kind=OrgUnitKind.STREET, label=_("Street"), empty=_("All streets")),
        DateFrom("valid_from", _("Valid until, from"), "valid_until"),
        DateTo("valid_to", _("Valid until, to"), "valid_until"),
    ),
    columns=(
        Column(
            _("Name"),
            value=lambda c: c.person.name,
            html=lambda c: link("talent:certification", c.pk, c.person.name),
        ),
        Column(_("ID number"), "text-code", value=_masked, export_label=_("ID number (masked)"), text=True),
        Column(_("Category"), value=lambda c: str(c.category)),
        Column(_("Level"), value=lambda c: c.category.level),
        Column(_("Certificate number"), value=lambda c: c.certificate_number, text=True),
        Column(_("Valid until"), "text-nowrap", value=lambda c: c.valid_until),
        Column(_("Employer"), value=lambda c: c.employer.name if c.employer_id else "", card=False),
        Column(_("Street"), value=lambda c: c.street.name if c.street_id else "", card=False),
    ),
    page_related=("person", "category", "employer", "street"),
    export=Export(
        "talent.export_certification",
        filename="talent-register",
        related=("person", "category", "employer", "street"),
    ),
    empty=_("No certified talents match."),
)

CATEGORIES = ListSpec(
    name="talentcategory",
    title=_("Talent certification categories"),
    permission="talent.manage_category",
    rows=lambda user: TalentCategory.objects.for_user(user),
    ordering=("level", "code"),
    filters=(Choice("level", _("Level"), TalentLevel, empty=_("All levels")),),
    columns=(
        Column(
            _("Code"),
            "text-code",
            value=lambda c: c.code,
            html=lambda c: link("talent:category_edit", c.pk, c.code),
            text=True,
        ),
        Column(_("Name"), value=lambda c: str(c)),
        Column(_("Level"), value=lambda c: c.level),
        Column(_("Experts"), "text-end", value=lambda c: c.experts_required),
        Column(_("Pass mark"), "text-end", value=lambda c: c.pass_mark),
        Column(_("Validity (years)"), "text-end", value=lambda c: c.validity_years, card=False),
        Column(_("Active"), value=lambda c: _("yes") if c.active else _("no"), card=False),
    ),
    actions=(
        Action(
            _("New category"),
            "talent:category_create",
            "talent.manage_category",
            primary=True,
            testid="category-create",
        ),
    ),
    empty=_("No categories yet."),
)


INTAKE_PAGE = CasePage(
    kind=_("Talent intake application"),
    permission="talent.view_intakeapplication",
    model=IntakeApplication,
    heading=lambda a: f"{a.number} {a.person.name}",
    related=("person", "employer", "reviewed_by", "approved_by"),
    fields=(
        Column(_("Name"), value=lambda a: a.person.name),
        Column(_("ID number"), value=_masked),
        Column(_("Employer"), value=lambda a: a.employer.name if a.employer_id else "—"),
        Column(_("Basis"), value=labelled(IntakeBasis, "basis")),
        Column(_("Degree, title or skill level"), value=lambda a: a.qualification),
        Column(_("Family members moving along"), value=lambda a: a.family_members),
        Column(_("Statement"), value=lambda a: a.statement),
        Column(_("Submitted on"), value=lambda a: a.submitted_on),
        Column(_("Reviewed by"), value=lambda a: a.reviewed_by.get_full_name() if a.reviewed_by_id else "—"),
        Column(_("Approved by"), value=lambda a: a.approved_by.get_full_name() if a.approved_by_id else "—"),
        Column(_("Registered on"), value=lambda a: a.registered_on),
        Column(_("Registration number"), value=lambda a: a.registration_number),
    ),
)


@dataclass(frozen=True)
class CertificationPage(CasePage):
    """The certification's case page with its evidence, the criteria check and the experts' reviews."""

    def context(self, *, case: Any, user: Any) -> dict[str, Any]:
        from hrbureau.core import rules
        from hrbureau.talent.certification_rules import CANDIDATE_SUBJECT

        criteria = rules.lines(CANDIDATE_SUBJECT, case.criteria_trace) if case.criteria_trace else []
        return {
            **super().context(case=case, user=user),
            "evidence": list(case.evidence.select_related("attachment")),
            "reviews": list(case.expert_reviews.select_related("expert")),
            "criteria": criteria,
            "criteria_described": rules.describe(CANDIDATE_SUBJECT, case.category.criteria)
            if case.category.criteria
            else [],
        }


CERTIFICATION_PAGE = CertificationPage(
    kind=_("Talent certification"),
    permission="talent.view_certification",
    model=Certification,
    heading=lambda c: f"{c.number} {c.person.name}",
    related=("person", "employer", "category", "renewal_of", "decided_by"),
    template="talent/certification/certification_detail.html",
    fields=(
        Column(_("Name"), value=lambda c: c.person.name),
        Column(_("ID number"), value=_masked),
        Column(_("Category"), value=lambda c: f"{c.category}（{c.category.level}）"),
        Column(_("Employer"), value=lambda c: c.employer.name if c.employer_id else "—"),
        Column(_("Age when filed"), value=lambda c: c.age),
        Column(_("Annual salary (yuan)"), value=lambda c: c.annual_salary),
        Column(_("Income tax paid last year (yuan)"), value=lambda c: c.annual_tax),
        Column(_("Renewal of"), value=lambda c: c.renewal_of.certificate_number if c.renewal_of_id else "—"),
        Column(_("Experts' mean"), value=lambda c: c.expert_mean),
        Column(_("Pass mark"), value=lambda c: c.category.pass_mark),
        Column(_("Decided by"), value=lambda c: c.decided_by.get_full_name() if c.decided_by_id else "—"),
        Column(_("Reason of the decision"), value=lambda c: c.decision_reason),
        Column(_("Certificate number"), value=lambda c: c.certificate_number),
        Column(_("Valid from"), value=lambda c: c.valid_from),
        Column(_("Valid until"), value=lambda c: c.valid_until),
    ),
)


# The figures (core.figures): certified talents in force, in the reader's scope, by street.
def _certified(user: Any) -> Any:
    return Certification.objects.for_user(user).filter(state=CS.CERTIFIED)


def _by_street(rows: Any) -> dict[Any, int]:
    return dict(rows.order_by().values("street_id").annotate(n=Count("id")).values_list("street_id", "n"))


figures.register(
    figures.Figure(
        "talent.certified_talents",
        _("Certified high-level talents in force"),
        count=lambda user: _certified(user).count(),
        by_street=lambda user: _by_street(_certified(user)),
    )
)
figures.register(
    figures.Figure(
        "talent.intakes_registered",
        _("Talent intakes registered"),
        count=lambda user: (
            IntakeApplication.objects.for_user(user).filter(state=IntakeState.REGISTERED).count()
        ),
        by_street=lambda user: _by_street(
            IntakeApplication.objects.for_user(user).filter(state=IntakeState.REGISTERED)
        ),
    )
)


def certified_by_category_and_year(user: Any) -> list[dict[str, Any]]:
    """Certificates granted by category and year (the register page's table)."""
    rows = (
        Certification.objects.for_user(user)
        .filter(state__in=[CS.CERTIFIED, CS.EXPIRED], valid_from__isnull=False)
        .order_by()
        .values("category__code", "category__name", "category__level", "decided_on__year")
        .annotate(n=Count("id"))
        .order_by("category__level", "category__code", "decided_on__year")
    )
    return list(rows)
