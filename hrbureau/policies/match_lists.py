"""Policy direct delivery's lists, declared (``core.lists``)."""

from __future__ import annotations

# --- Matching and delivery: the staff's list of matches -----------------------------------------------
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import unit_filter
from hrbureau.core.filters import Choice, Where, of_record
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, labelled
from hrbureau.policies.choices import MatchState
from hrbureau.policies.models import PolicyMatch


def _flagged_field() -> forms.Field:
    return forms.TypedChoiceField(
        label=gettext_lazy("No longer qualifies"),
        choices=[("", gettext_lazy("Any")), ("yes", gettext_lazy("yes")), ("no", gettext_lazy("no"))],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
    )


def _item_field() -> forms.Field:
    return forms.IntegerField(required=False, min_value=1, max_value=2**62, widget=forms.HiddenInput)


def _beneficiary(m: Any) -> str:
    return str(m.enterprise.name if m.enterprise_id else m.person.name if m.person_id else "")


MATCHES = ListSpec(
    name="policymatch",
    title=gettext_lazy("Policy matches"),
    permission="policies.view_policymatch",
    rows=lambda user: PolicyMatch.objects.for_user(user),
    ordering=("-matched_on", "-id"),
    filters=(
        of_record("enterprise", "enterprise_id"),
        Where("item", _item_field, lambda pk: Q(item_id=pk), api=int, hidden=True),
        Choice("state", gettext_lazy("State"), MatchState, empty=gettext_lazy("All states")),
        Where("flagged", _flagged_field, lambda flagged: Q(still_qualifies=not flagged), api=bool),
        unit_filter(
            "street", kind=OrgUnitKind.STREET, label=gettext_lazy("Street"), empty=gettext_lazy("All streets")
        ),
    ),
    columns=(
        Column(gettext_lazy("Matched on"), "text-nowrap", key="matched_on", value=lambda m: m.matched_on),
        Column(gettext_lazy("Item"), "text-code", key="item", value=lambda m: m.item.number, text=True),
        Column(gettext_lazy("Title"), value=lambda m: m.item.title, card=False),
        Column(gettext_lazy("Enterprise or person"), key="beneficiary", value=_beneficiary),
        Column(
            gettext_lazy("USCC"),
            value=lambda m: m.enterprise.uscc if m.enterprise_id else "",
            page=False,
            text=True,
        ),
        Column(gettext_lazy("Street"), value=lambda m: m.street.name if m.street_id else "", page=False),
        Column(
            gettext_lazy("State"),
            key="state",
            value=labelled(MatchState),
        ),
        Column(
            gettext_lazy("No longer qualifies since"),
            "text-nowrap",
            key="flagged_on",
            value=lambda m: m.flagged_on or "",
        ),
    ),
    page_related=("item", "enterprise", "person"),
    export=Export(
        "policies.export_policymatch",
        filename="policy-matches",
        related=("item", "enterprise", "person", "street"),
    ),
    empty=gettext_lazy("No matches."),
    actions=(
        Action(
            gettext_lazy("By item"), "policies:match_counts", "policies.view_policymatch", icon="chart-bar"
        ),
    ),
)
