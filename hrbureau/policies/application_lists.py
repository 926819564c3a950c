"""Policy direct delivery's lists and case pages, declared (``core.lists``, ``core.casepage``)."""

from __future__ import annotations

# --- Applications, grant lists and grants ----------------------------------------------------------
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Sum
from django.utils.translation import gettext_lazy as _

from hrbureau.core import figures
from hrbureau.core.casepage import CasePage
from hrbureau.core.filters import Choice, DateFrom, DateTo, RelatedText, Search, of_record
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.models import Clock
from hrbureau.core.tables import Column, labelled, link
from hrbureau.core.textsearch import TextIndex
from hrbureau.enterprises.models import Enterprise
from hrbureau.policies.choices import ApplicationState, GrantChannel, GrantListState
from hrbureau.policies.models import Grant, GrantList, PolicyApplication


def _beneficiary(row: Any) -> str:
    if row.enterprise_id is not None:
        return str(row.enterprise.name)
    return str(row.person.name) if row.person_id is not None else ""


NAME_AND_CODE = TextIndex(Enterprise.text_index.table, ("name", "uscc"))

APPLICATIONS = ListSpec(
    name="policyapplication",
    title=_("Policy applications"),
    permission="policies.view_policyapplication",
    rows=lambda user: PolicyApplication.objects.for_user(user),
    ordering=("-id",),
    search=Search(
        _("Number or enterprise"),
        index=PolicyApplication.text_index,
        related=(
            RelatedText(NAME_AND_CODE, lambda: Enterprise.objects.all(), "pk", through="enterprise_id"),
        ),
        description="the application's number or a fragment of the enterprise's name",
    ),
    filters=(
        of_record("enterprise", "enterprise_id"),
        Choice("state", _("State"), ApplicationState, empty=_("All states")),
        DateFrom("complete_from", _("Complete from"), "complete_on"),
        DateTo("complete_to", _("Complete until"), "complete_on"),
    ),
    columns=(
        Column(
            _("Number"),
            "text-code",
            value=lambda a: a.number,
            html=lambda a: link("policies:application", a.pk, a.number),
            text=True,
        ),
        Column(_("Policy item"), value=lambda a: str(a.item)),
        Column(_("Applicant"), key="enterprise", value=_beneficiary),
        Column(_("State"), value=labelled(ApplicationState)),
        Column(_("Complete on"), "text-nowrap", value=lambda a: a.complete_on),
        Column(_("Payout due"), "text-nowrap", value=lambda a: a.due_on),
        Column(_("Amount approved (yuan)"), "text-end", value=lambda a: a.amount_approved, card=False),
        Column(_("Paid on"), "text-nowrap", value=lambda a: a.paid_on, card=False),
    ),
    page_related=("item", "enterprise", "person"),
    export=Export(
        "policies.export_policyapplication",
        filename="policy-applications",
        related=("item", "enterprise", "person"),
    ),
    actions=(
        Action(
            _("File at the counter"),
            "policies:counter_apply_pick",
            "policies.review_application",
            primary=True,
            testid="counter-apply",
        ),
    ),
    empty=_("No applications match."),
)

GRANT_LISTS = ListSpec(
    name="grantlist",
    title=_("No-application grant lists"),
    permission="policies.manage_grant",
    rows=lambda user: GrantList.objects.for_user(user),
    ordering=("-id",),
    filters=(Choice("state", _("State"), GrantListState, empty=_("All states")),),
    columns=(
        Column(
            _("Number"),
            "text-code",
            value=lambda g: g.number,
            html=lambda g: link("policies:grantlist", g.pk, g.number),
            text=True,
        ),
        Column(_("Policy item"), value=lambda g: str(g.item)),
        Column(_("Period"), value=lambda g: g.period),
        Column(_("State"), value=labelled(GrantListState)),
        Column(_("Total (yuan)"), "text-end", value=lambda g: g.total_amount),
        Column(_("Generated on"), "text-nowrap", value=lambda g: g.generated_on, card=False),
        Column(_("Announced on"), "text-nowrap", value=lambda g: g.announced_on, card=False),
    ),
    page_related=("item",),
    export=Export("policies.export_grant", filename="grant-lists", related=("item",)),
    actions=(
        Action(
            _("Generate a list"),
            "policies:grantlist_generate",
            "policies.manage_grant",
            primary=True,
            testid="generate-list",
        ),
    ),
    empty=_("No grant lists yet."),
)


def _staff_grants(user: Any) -> Any:
    from hrbureau.policies.grants import visible_grants

    return visible_grants(user)


GRANTS = ListSpec(
    name="grant",
    title=_("Grants"),
    permission="policies.view_grant",
    rows=_staff_grants,
    ordering=("-granted_on", "-id"),
    search=Search(
        _("Enterprise"),
        related=(
            RelatedText(NAME_AND_CODE, lambda: Enterprise.objects.all(), "pk", through="enterprise_id"),
        ),
        description="a fragment of the enterprise's name",
    ),
    filters=(
        of_record("enterprise", "enterprise_id"),
        Choice("channel", _("Channel"), GrantChannel, empty=_("All channels")),
        DateFrom("granted_from", _("Granted from"), "granted_on"),
        DateTo("granted_to", _("Granted until"), "granted_on"),
    ),
    columns=(
        Column(_("Granted on"), "text-nowrap", value=lambda g: g.granted_on),
        Column(_("Policy item"), value=lambda g: str(g.item)),
        Column(_("Beneficiary"), key="enterprise", value=_beneficiary),
        Column(_("Period"), value=lambda g: g.period),
        Column(_("Amount (yuan)"), "text-end", value=lambda g: g.amount),
        Column(_("Channel"), value=labelled(GrantChannel, "channel")),
    ),
    page_related=("item", "enterprise", "person"),
    export=Export("policies.export_grant", filename="grants", related=("item", "enterprise", "person")),
    empty=_("No grants match."),
)


def _decisions(application: Any) -> str:
    """Each level's decision: who decided what, and why."""
    from django.utils.translation import gettext

    words = {"approved": gettext("approved"), "refused": gettext("refused")}
    lines = []
    for d in application.decisions.select_related("decided_by"):
        line = gettext("Level %(level)d: %(decision)s by %(who)s") % {
            "level": d.level,
            "decision": words.get(d.decision, d.decision),
            "who": d.decided_by.get_full_name() or d.decided_by.get_username(),
        }
        if d.reason:
            line = gettext("%(decision)s (%(reason)s)") % {"decision": line, "reason": d.reason}
        lines.append(line)
    return "\n".join(lines)


APPLICATION_PAGE = CasePage(
    kind=_("Policy application"),
    permission="policies.view_policyapplication",
    model=PolicyApplication,
    heading=lambda a: f"{a.number} {a.item.title}",
    related=("item", "enterprise", "person"),
    fields=(
        Column(_("Policy item"), value=lambda a: str(a.item)),
        Column(_("Applicant"), value=_beneficiary),
        Column(_("Period"), value=lambda a: a.period),
        Column(_("Statement"), value=lambda a: a.statement),
        Column(_("Amount requested (yuan)"), value=lambda a: a.amount_requested),
        Column(_("Complete on"), value=lambda a: a.complete_on),
        Column(_("Levels approved"), value=lambda a: f"{a.levels_approved} / {a.item.approval_levels}"),
        Column(_("Decisions"), value=_decisions),
        Column(_("Amount approved (yuan)"), value=lambda a: a.amount_approved),
        Column(_("Paid on"), value=lambda a: a.paid_on),
        Column(_("Payment reference"), value=lambda a: a.payment_reference),
    ),
)

ENTRIES_SHOWN = 200


@dataclass(frozen=True)
class GrantListPage(CasePage):
    """The list's case page with its entries (the first ones; the export of grants has them all)."""

    def context(self, *, case: Any, user: Any) -> dict[str, Any]:
        entries = case.entries.select_related("enterprise").order_by("excluded", "id")
        kept = case.entries.filter(excluded=False)
        return {
            **super().context(case=case, user=user),
            "entries": list(entries[:ENTRIES_SHOWN]),
            "entry_count": case.entries.count(),
            "kept_count": kept.count(),
            "entries_shown": ENTRIES_SHOWN,
        }


GRANTLIST_PAGE = GrantListPage(
    kind=_("No-application grant list"),
    permission="policies.manage_grant",
    model=GrantList,
    heading=lambda g: f"{g.number} {g.item.title} {g.period}",
    related=("item",),
    template="policies/grantlist_detail.html",
    fields=(
        Column(_("Policy item"), value=lambda g: str(g.item)),
        Column(_("Period"), value=lambda g: g.period),
        Column(_("Generated on"), value=lambda g: g.generated_on),
        Column(_("Confirmed on"), value=lambda g: g.confirmed_on),
        Column(_("Announced on"), value=lambda g: g.announced_on),
        Column(_("Total (yuan)"), value=lambda g: g.total_amount),
    ),
)


# The dashboard's figures (core.figures): applications received, paid within the time limit, grants and
# the yuan granted — in the reader's scope, by street.
def _by_street(rows: Any, **aggregate: Any) -> dict[Any, int]:
    name = next(iter(aggregate))
    return {
        street: int(value or 0)
        for street, value in rows.order_by()
        .values("street_id")
        .annotate(**aggregate)
        .values_list("street_id", name)
    }


def _paid_in_time(user: Any) -> Any:
    met = Clock.objects.filter(
        case_type="policies.policyapplication", name="payout", stopped_on__lte=F("due_on")
    ).values("case_id")
    return PolicyApplication.objects.for_user(user).filter(state=ApplicationState.PAID, pk__in=met)


def _in_time_rate(user: Any) -> int:
    paid = PolicyApplication.objects.for_user(user).filter(state=ApplicationState.PAID).count()
    return round(100 * _paid_in_time(user).count() / paid) if paid else 0


def _in_time_rate_by_street(user: Any) -> dict[Any, int]:
    paid = _by_street(
        PolicyApplication.objects.for_user(user).filter(state=ApplicationState.PAID), n=Count("id")
    )
    met = _by_street(_paid_in_time(user), n=Count("id"))
    return {street: round(100 * met.get(street, 0) / n) for street, n in paid.items() if n}


figures.register(
    figures.Figure(
        "policies.applications_received",
        _("Policy applications received"),
        count=lambda user: PolicyApplication.objects.for_user(user).count(),
        by_street=lambda user: _by_street(PolicyApplication.objects.for_user(user), n=Count("id")),
    )
)
figures.register(
    figures.Figure(
        "policies.paid_in_time",
        _("Policy applications paid within the time limit"),
        count=lambda user: _paid_in_time(user).count(),
        by_street=lambda user: _by_street(_paid_in_time(user), n=Count("id")),
    )
)
figures.register(
    figures.Figure(
        "policies.paid_in_time_rate",
        _("Policy applications paid within the time limit (%)"),
        count=_in_time_rate,
        by_street=_in_time_rate_by_street,
    )
)
figures.register(
    figures.Figure(
        "policies.grants",
        _("Policy grants"),
        count=lambda user: Grant.objects.for_user(user).count(),
        by_street=lambda user: _by_street(Grant.objects.for_user(user), n=Count("id")),
    )
)
figures.register(
    figures.Figure(
        "policies.yuan_granted",
        _("Yuan granted by policies"),
        count=lambda user: int(Grant.objects.for_user(user).aggregate(s=Sum("amount"))["s"] or 0),
        by_street=lambda user: _by_street(Grant.objects.for_user(user), s=Sum("amount")),
    )
)
