"""Subsidy schemes' and applications' lists and the application's case page, declared (``core.lists``,
``core.casepage``): the staff's list of applications (``talent:applications``), the approval queue of
the signed-in user's role (``talent:queue``) and the schemes (``talent:schemes``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import unit_filter
from hrbureau.core.apiutil import Id
from hrbureau.core.casepage import CasePage
from hrbureau.core.filters import Choice, RelatedText, Search
from hrbureau.core.identifiers import mask_account, mask_id_number
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, labelled, link
from hrbureau.people.models import Person
from hrbureau.talent.choices import AmountRule, ApplicationState, Channel
from hrbureau.talent.models import SubsidyApplication, SubsidyScheme


def _scheme_choices() -> list[tuple[Any, str]]:
    return [("", str(_("All schemes"))), *((s.pk, s.name) for s in SubsidyScheme.objects.order_by("code"))]


def _rows(user: Any) -> Any:
    from hrbureau.talent.subsidy_applications import visible_applications

    return visible_applications(user)


def _queue(user: Any) -> Any:
    from hrbureau.talent.subsidy_applications import approval_queue

    return approval_queue(user)


SEARCH = Search(
    _("Number or applicant's name"),
    index=SubsidyApplication.text_index,
    related=(RelatedText(Person.text_index, lambda: Person.objects.all(), "pk", through="person_id"),),
    description="the application's number or a fragment of the applicant's name",
)

COLUMNS = (
    Column(
        _("Number"),
        "text-code",
        value=lambda a: a.number,
        html=lambda a: link("talent:application", a.pk, a.number),
        text=True,
    ),
    Column(_("Scheme"), value=lambda a: str(a.scheme)),
    Column(_("Applicant"), value=lambda a: a.person.name),
    Column(_("ID number"), "text-code", value=lambda a: mask_id_number(a.person.id_number), card=False),
    Column(_("Street"), value=lambda a: a.street.name if a.street_id else "", card=False),
    Column(_("Channel"), value=labelled(Channel, "channel"), card=False),
    Column(_("State"), value=labelled(ApplicationState)),
    Column(_("Levels approved"), "text-end", value=lambda a: a.levels_approved, card=False),
    Column(_("Amount (yuan)"), "text-end", value=lambda a: a.amount),
    Column(_("Filed on"), "text-nowrap", value=lambda a: a.created_at.date() if a.created_at else None),
)
RELATED = ("scheme", "person", "street")

APPLICATIONS = ListSpec(
    name="subsidyapplication",
    title=_("Subsidy applications"),
    permission="talent.view_subsidyapplication",
    rows=_rows,
    ordering=("-id",),
    search=SEARCH,
    filters=(
        Choice("scheme", _("Scheme"), source=_scheme_choices, coerce=int, lookup="scheme_id", api=Id),
        Choice("state", _("State"), ApplicationState, empty=_("All states")),
        unit_filter("street", kind=OrgUnitKind.STREET, label=_("Street"), empty=_("All streets")),
        Choice("channel", _("Channel"), Channel, empty=_("All channels")),
    ),
    columns=COLUMNS,
    page_related=RELATED,
    export=Export("talent.export_subsidyapplication", filename="subsidy-applications", related=RELATED),
    actions=(
        Action(
            _("File at the counter"),
            "talent:counter_apply",
            "talent.review_subsidy",
            primary=True,
            testid="subsidy-counter-apply",
        ),
        Action(_("My approval queue"), "talent:queue", "talent.review_subsidy", testid="subsidy-queue"),
    ),
    empty=_("No subsidy applications match."),
)

QUEUE = ListSpec(
    name="subsidyqueue",
    title=_("Subsidy approval queue"),
    permission="talent.review_subsidy",
    rows=_queue,
    ordering=("id",),
    search=SEARCH,
    filters=(Choice("scheme", _("Scheme"), source=_scheme_choices, coerce=int, lookup="scheme_id", api=Id),),
    columns=COLUMNS,
    page_related=RELATED,
    export=Export("talent.export_subsidyapplication", filename="subsidy-queue", related=RELATED),
    intro=_("Applications waiting at a level your role decides, oldest first."),
    empty=_("Nothing waits for your decision."),
)

SCHEMES = ListSpec(
    name="subsidyscheme",
    title=_("Subsidy schemes"),
    permission="talent.view_subsidyapplication",
    rows=lambda user: SubsidyScheme.objects.for_user(user),
    ordering=("code",),
    filters=(Choice("amount_rule", _("Amount rule"), AmountRule, empty=_("All rules")),),
    columns=(
        Column(
            _("Code"), "text-code", value=lambda s: s.code, html=lambda s: link("talent:scheme", s.pk, s.code)
        ),
        Column(_("Name"), value=lambda s: s.name),
        Column(_("Amount rule"), value=labelled(AmountRule, "amount_rule")),
        Column(_("Instalments"), "text-end", value=lambda s: s.instalments),
        Column(_("Notice (working days)"), "text-end", value=lambda s: s.notice_days, card=False),
        Column(_("Opens on"), "text-nowrap", value=lambda s: s.opens_on, card=False),
        Column(_("Closes on"), "text-nowrap", value=lambda s: s.closes_on, card=False),
        Column(_("Active"), value=lambda s: _("yes") if s.active else _("no")),
    ),
    export=Export("talent.export_subsidyapplication", filename="subsidy-schemes"),
    actions=(
        Action(
            _("New scheme"),
            "talent:scheme_create",
            "talent.manage_scheme",
            primary=True,
            testid="scheme-create",
        ),
    ),
    empty=_("No subsidy schemes."),
)


@dataclass(frozen=True)
class ApplicationPage(CasePage):
    """The case page with the application's decisions, objections and instalments (with the year's
    re-verification where the scheme asks for it)."""

    def context(self, *, case: Any, user: Any) -> dict[str, Any]:
        from hrbureau.talent.choices import InstalmentState
        from hrbureau.talent.subsidy_forms import ReverifyForm

        context = super().context(case=case, user=user)
        instalments = list(case.instalments.select_related("verified_by"))
        may_verify = case.scheme.reverify and user.has_perm("talent.review_subsidy")
        waiting = [i for i in instalments if i.state == InstalmentState.WAITING]
        context.update(
            decisions=list(case.decisions.select_related("decided_by")),
            objections=list(case.objections.all()),
            instalments=instalments,
            reverify_target=waiting[0] if may_verify and waiting else None,
            reverify_form=ReverifyForm(),
        )
        return context


APPLICATION_PAGE = ApplicationPage(
    kind=_("Subsidy application"),
    permission="talent.view_subsidyapplication",
    model=SubsidyApplication,
    heading=lambda a: f"{a.number} {a.scheme}",
    related=("scheme", "person", "employer", "street", "filed_by"),
    template="talent/subsidies/application_detail.html",
    fields=(
        Column(_("Scheme"), value=lambda a: str(a.scheme)),
        Column(_("Applicant"), value=lambda a: a.person.name),
        Column(_("ID number"), value=lambda a: mask_id_number(a.person.id_number)),
        Column(_("Employer"), value=lambda a: a.employer.name if a.employer_id else ""),
        Column(_("Channel"), value=lambda a: a.get_channel_display()),
        Column(_("Degree"), value=lambda a: a.get_degree_display()),
        Column(_("Graduated on"), value=lambda a: a.graduated_on),
        Column(_("Months"), value=lambda a: a.months),
        Column(_("Amount (yuan)"), value=lambda a: a.amount),
        Column(_("Bank"), value=lambda a: a.bank_name),
        Column(_("Account number"), value=lambda a: mask_account(a.account_number)),
        Column(_("Statement"), value=lambda a: a.statement),
        Column(_("Levels approved"), value=lambda a: a.levels_approved),
        Column(_("Employer confirmed on"), value=lambda a: a.employer_confirmed_on),
        Column(_("Public notice from"), value=lambda a: a.notice_starts),
        Column(_("Public notice until"), value=lambda a: a.notice_ends),
        Column(_("Approved on"), value=lambda a: a.approved_on),
    ),
)
