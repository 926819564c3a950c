"""The personnel records' declared lists and case pages (``core.lists``, ``core.casepage``): staff, 三龄一历
certification requests, this year's eligible list, promotion decisions, emergency plans and the duty
roster. ID numbers are masked in every list and export."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import unit_filter
from hrbureau.core.casepage import CasePage
from hrbureau.core.filters import Choice, DateFrom, DateTo, RelatedText, Search, YesNo
from hrbureau.core.identifiers import mask_id_number, normalize_resident_id
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, choice_labels, labelled, link
from hrbureau.personnel.records_choices import (
    CertificationState,
    CertifiedItem,
    Outcome,
    PlaceKind,
    PromotionState,
)
from hrbureau.personnel.records_models import (
    CertificationRequest,
    Deployment,
    EmergencyPlan,
    PromotionDecision,
    StaffGrade,
    StaffMember,
)

STREET = unit_filter("street", kind=OrgUnitKind.STREET, label=_("Street"), empty=_("All streets"))


def _exact_id(query: str) -> Q | None:
    """A complete ID number finds its staff member (fragments of ID numbers are not searchable)."""
    try:
        return Q(id_number=normalize_resident_id(query))
    except Exception:
        return None


def _grades() -> list[tuple[Any, str]]:
    return [("", gettext("All grades")), *((g.pk, g.name) for g in StaffGrade.objects.order_by("order"))]


GRADE = Choice("grade", _("Staff grade"), source=_grades, coerce=int, lookup="grade_id")
STAFF_SEARCH = Search(
    _("Name, unit or full ID number"),
    index=StaffMember.text_index,
    exact=_exact_id,
    description="a fragment of the name or unit, or a complete ID number",
)
BY_STAFF = Search(
    _("Staff member's name or unit"),
    related=(
        RelatedText(StaffMember.text_index, lambda: StaffMember.objects.all(), "pk", through="staff_id"),
    ),
    description="a fragment of the staff member's name or unit",
)


def _masked(row: Any) -> str:
    return mask_id_number(row.id_number)


STAFF_COLUMNS = (
    Column(_("Name"), value=lambda s: s.name, html=lambda s: link("personnel:staff", s.pk, s.name)),
    Column(_("ID number"), "text-code", value=_masked, text=True, export_label=_("ID number (masked)")),
    Column(_("Unit"), value=lambda s: s.unit_name),
    Column(_("Post"), value=lambda s: s.post, card=False),
    Column(_("Street"), value=lambda s: s.street.name if s.street_id else ""),
    Column(_("Staff grade"), value=lambda s: s.grade.name if s.grade_id else ""),
    Column(_("In the grade since"), "text-nowrap", value=lambda s: s.grade_since, card=False),
)

STAFF = ListSpec(
    name="staffmember",
    title=_("Personnel staff records"),
    permission="personnel.view_staffmember",
    rows=lambda user: StaffMember.objects.for_user(user),
    ordering=("name", "id"),
    search=STAFF_SEARCH,
    filters=(STREET, GRADE, YesNo("party_member", _("Party member"))),
    columns=STAFF_COLUMNS,
    page_related=("street", "grade"),
    export=Export("personnel.export_staffmember", filename="personnel-staff", related=("street", "grade")),
    actions=(
        Action(
            _("New staff record"),
            "personnel:staff_create",
            "personnel.manage_staffmember",
            primary=True,
            testid="staff-create",
        ),
    ),
    empty=_("No staff records match."),
)


def _eligible_rows(user: Any) -> Any:
    """This year's eligible staff in the reader's scope, computed from their grades and appraisals."""
    from hrbureau.personnel.promotion import eligible_staff

    mine = StaffMember.objects.for_user(user)
    found = eligible_staff(year=timezone.localdate().year, staff=mine)
    return mine.filter(pk__in=[e.staff.pk for e in found])


def _prepare_eligible(rows: Any) -> None:
    """Each row's promotion (the grade and the rule met), for the page's rows in a fixed few queries."""
    from hrbureau.personnel.promotion import eligible_staff

    found = {
        e.staff.pk: e
        for e in eligible_staff(
            year=timezone.localdate().year, staff=StaffMember.objects.filter(pk__in=[r.pk for r in rows])
        )
    }
    for row in rows:
        row.eligibility = found.get(row.pk)


def rule_text(rule: Any) -> str:
    """A promotion rule in words: "4 years, none below 称职, 2 excellent"."""
    text = gettext("%(years)d years, none below %(lowest)s") % {
        "years": rule.years_required,
        "lowest": rule.get_lowest_result_display(),
    }
    if rule.excellent_required:
        text += gettext(", %(n)d excellent") % {"n": rule.excellent_required}
    return text


def _rule_text(row: Any) -> str:
    found = getattr(row, "eligibility", None)
    return rule_text(found.rule) if found is not None else ""


ELIGIBLE = ListSpec(
    name="promotion_eligible",
    title=_("Eligible for promotion this year"),
    permission="personnel.view_promotiondecision",
    rows=_eligible_rows,
    ordering=("name", "id"),
    search=STAFF_SEARCH,
    filters=(STREET, GRADE),
    columns=(
        *STAFF_COLUMNS[:3],
        STAFF_COLUMNS[4],
        STAFF_COLUMNS[5],
        STAFF_COLUMNS[6],
        Column(
            _("To grade"),
            value=lambda s: s.eligibility.to_grade.name if getattr(s, "eligibility", None) else "",
        ),
        Column(_("Rule met"), value=_rule_text, card=False),
    ),
    page_related=("street", "grade"),
    prepare=_prepare_eligible,
    export=Export(
        "personnel.export_promotiondecision", filename="promotion-eligible", related=("street", "grade")
    ),
    intro=_(
        "Computed from each staff member's grade, the date they have held it and their yearly appraisals, by the grades' rules."
    ),
    empty=_("Nobody is eligible this year."),
)


CERTIFICATIONS = ListSpec(
    name="certificationrequest",
    title=_("Service-record certification requests"),
    permission="personnel.view_certificationrequest",
    rows=lambda user: CertificationRequest.objects.for_user(user),
    ordering=("-id",),
    search=BY_STAFF,
    filters=(
        Choice("state", _("State"), CertificationState, empty=_("All states")),
        DateFrom("submitted_from", _("Submitted from"), "submitted_on"),
        DateTo("submitted_to", _("Submitted until"), "submitted_on"),
    ),
    columns=(
        Column(
            _("Number"),
            "text-code",
            value=lambda r: r.number,
            html=lambda r: link("personnel:certification", r.pk, r.number),
            text=True,
        ),
        Column(_("Staff member"), value=lambda r: r.staff.name),
        Column(
            _("ID number"),
            "text-code",
            value=lambda r: mask_id_number(r.staff.id_number),
            text=True,
            card=False,
            export_label=_("ID number (masked)"),
        ),
        Column(_("Requesting unit"), value=lambda r: r.requesting_unit),
        Column(_("State"), value=labelled(CertificationState)),
        Column(_("Submitted on"), "text-nowrap", value=lambda r: r.submitted_on),
        Column(_("Decided on"), "text-nowrap", value=lambda r: r.decided_on, card=False),
    ),
    page_related=("staff",),
    export=Export(
        "personnel.export_certificationrequest", filename="certification-requests", related=("staff",)
    ),
    actions=(
        Action(
            _("New request"),
            "personnel:certification_create",
            "personnel.review_certification",
            primary=True,
            testid="certification-create",
        ),
    ),
    empty=_("No certification requests match."),
)

PROMOTIONS = ListSpec(
    name="promotiondecision",
    title=_("Grade promotions"),
    permission="personnel.view_promotiondecision",
    rows=lambda user: PromotionDecision.objects.for_user(user),
    ordering=("-id",),
    search=BY_STAFF,
    filters=(
        Choice("state", _("State"), PromotionState, empty=_("All states")),
        Choice("to_grade", _("To grade"), source=_grades, coerce=int, lookup="to_grade_id"),
    ),
    columns=(
        Column(
            _("Number"),
            "text-code",
            value=lambda d: d.number,
            html=lambda d: link("personnel:promotion", d.pk, d.number),
            text=True,
        ),
        Column(_("Staff member"), value=lambda d: d.staff.name),
        Column(_("From grade"), value=lambda d: d.from_grade.name),
        Column(_("To grade"), value=lambda d: d.to_grade.name),
        Column(_("Year"), value=lambda d: d.year, card=False),
        Column(_("State"), value=labelled(PromotionState)),
        Column(_("Effective on"), "text-nowrap", value=lambda d: d.effective_on),
    ),
    page_related=("staff", "from_grade", "to_grade"),
    export=Export(
        "personnel.export_promotiondecision",
        filename="promotions",
        related=("staff", "from_grade", "to_grade"),
    ),
    actions=(
        Action(
            _("Eligible this year"),
            "personnel:eligible",
            "personnel.view_promotiondecision",
            icon="list-check",
            testid="eligible",
        ),
    ),
    empty=_("No promotions match."),
)

PLANS = ListSpec(
    name="emergencyplan",
    title=_("Emergency plans"),
    permission="personnel.view_deployment",
    rows=lambda user: EmergencyPlan.objects.for_user(user),
    ordering=("-issued_on", "-id"),
    filters=(
        DateFrom("issued_from", _("Issued from"), "issued_on"),
        DateTo("issued_to", _("Issued until"), "issued_on"),
    ),
    columns=(
        Column(
            _("Document number"),
            "text-code",
            value=lambda p: p.number,
            html=lambda p: link("personnel:plan", p.pk, p.number),
            text=True,
        ),
        Column(_("Title"), value=lambda p: p.title),
        Column(_("Issued on"), "text-nowrap", value=lambda p: p.issued_on),
    ),
    export=Export("personnel.export_deployment", filename="emergency-plans"),
    actions=(
        Action(
            _("New plan"),
            "personnel:plan_create",
            "personnel.manage_deployment",
            primary=True,
            testid="plan-create",
        ),
        Action(
            _("Figures"),
            "personnel:deployment_figures",
            "personnel.view_deployment",
            icon="chart-bar",
            testid="figures",
        ),
    ),
    empty=_("No emergency plans yet."),
)


def _plans() -> list[tuple[Any, str]]:
    return [
        ("", gettext("All plans")),
        *EmergencyPlan.objects.order_by("-issued_on").values_list("pk", "number"),
    ]


ROSTER = ListSpec(
    name="deployment",
    title=_("Emergency duty roster"),
    permission="personnel.view_deployment",
    rows=lambda user: Deployment.objects.for_user(user),
    ordering=("-starts_on", "-id"),
    search=BY_STAFF,
    filters=(
        Choice("kind", _("Place"), PlaceKind, empty=_("All places"), lookup="post__kind"),
        Choice("plan", _("Emergency plan"), source=_plans, coerce=int, lookup="post__plan_id"),
        DateFrom("starts_from", _("From"), "starts_on"),
        DateTo("starts_to", _("Until"), "starts_on"),
    ),
    columns=(
        Column(
            _("Staff member"),
            value=lambda d: d.staff.name,
            html=lambda d: link("personnel:staff", d.staff_id, d.staff.name),
        ),
        Column(_("Unit"), value=lambda d: d.staff.unit_name, card=False),
        Column(_("Post"), value=lambda d: d.post.name),
        Column(_("Place"), value=lambda d: choice_labels(PlaceKind).get(d.post.kind, d.post.kind)),
        Column(
            _("Emergency plan"),
            value=lambda d: d.post.plan.number,
            html=lambda d: link("personnel:plan", d.post.plan_id, d.post.plan.number),
        ),
        Column(_("From"), "text-nowrap", value=lambda d: d.starts_on),
        Column(_("Until"), "text-nowrap", value=lambda d: d.ends_on),
    ),
    page_related=("staff", "post", "post__plan"),
    export=Export(
        "personnel.export_deployment", filename="duty-roster", related=("staff", "post", "post__plan")
    ),
    empty=_("Nobody on the roster matches."),
)


# --- case pages ------------------------------------------------------------------------------------


def _education(request: Any) -> str:
    return "\n".join(
        f"{row.school} {row.get_degree_display()} {row.started_on:%Y-%m} – {row.ended_on:%Y-%m}"
        for row in request.education.all()
    )


def _findings(stage: str) -> Any:
    def text(request: Any) -> str:
        items = choice_labels(CertifiedItem)
        outcomes = choice_labels(Outcome)
        lines = []
        for f in request.findings.filter(stage=stage).select_related("by"):
            value = f" → {f.value}" if f.value else ""
            lines.append(
                f"{items.get(f.item, f.item)}: {outcomes.get(f.outcome, f.outcome)}{value}（{f.reason}）"
            )
        return "\n".join(lines)

    return text


CERTIFICATION_PAGE = CasePage(
    kind=_("Service-record certification request"),
    permission="personnel.view_certificationrequest",
    model=CertificationRequest,
    heading=lambda r: f"{r.number} {r.staff.name}",
    related=("staff", "reviewed_by"),
    fields=(
        Column(
            _("Staff member"),
            value=lambda r: r.staff.name,
            html=lambda r: link("personnel:staff", r.staff_id, r.staff.name),
        ),
        Column(_("ID number"), value=lambda r: mask_id_number(r.staff.id_number)),
        Column(_("Requesting unit"), value=lambda r: r.requesting_unit),
        Column(_("Claimed birth date"), value=lambda r: r.claimed_birth_date),
        Column(_("Claimed work start date"), value=lambda r: r.claimed_work_start),
        Column(_("Claimed party joining date"), value=lambda r: r.claimed_party_joined),
        Column(_("Education history"), value=_education),
        Column(_("Submitted on"), value=lambda r: r.submitted_on),
        Column(_("Review"), value=_findings("review")),
        Column(_("Reviewed by"), value=lambda r: r.reviewed_by.get_full_name() if r.reviewed_by_id else ""),
        Column(_("Head's decision"), value=_findings("decision")),
        Column(_("Decided on"), value=lambda r: r.decided_on),
    ),
)

PROMOTION_PAGE = CasePage(
    kind=_("Grade promotion"),
    permission="personnel.view_promotiondecision",
    model=PromotionDecision,
    heading=lambda d: f"{d.number} {d.staff.name}",
    related=("staff", "from_grade", "to_grade", "rule", "proposed_by"),
    fields=(
        Column(
            _("Staff member"),
            value=lambda d: d.staff.name,
            html=lambda d: link("personnel:staff", d.staff_id, d.staff.name),
        ),
        Column(_("From grade"), value=lambda d: d.from_grade.name),
        Column(_("To grade"), value=lambda d: d.to_grade.name),
        Column(_("Year"), value=lambda d: d.year),
        Column(_("Rule met"), value=lambda d: rule_text(d.rule) if d.rule_id else ""),
        Column(_("Proposed by"), value=lambda d: d.proposed_by.get_full_name()),
        Column(_("Effective on"), value=lambda d: d.effective_on),
    ),
)
