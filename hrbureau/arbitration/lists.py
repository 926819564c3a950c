"""The clerk's dispute list, declared (``core.lists``): search by number or a party's name, filters,
columns (page, export and phone card) and export; core gives the page, the export and the API list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from hrbureau.arbitration import selectors
from hrbureau.arbitration.choices import ClaimKind, DisputeState, Procedure
from hrbureau.arbitration.models import Claim, Dispute, Party
from hrbureau.core.filters import (
    ANY,
    Choice,
    DateFrom,
    DateTo,
    Figure,
    RelatedText,
    Search,
    Where,
    YesNo,
    of_record,
)
from hrbureau.core.forms import FixedChoiceField
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, choice_labels, detail_url, html_of, labelled


def _number(d: Dispute) -> Any:
    label = _("collective")  # translated outside the f-string, where makemessages finds it
    collective = f' <span class="badge bg-purple-lt">{html_of(label)}</span>' if d.collective else ""
    url = detail_url("arbitration:detail", d.pk)
    return mark_safe(f'<a href="{url}">{html_of(d.case_no or d.number)}</a>{collective}')  # noqa: S308


def _state(d: Dispute) -> Any:
    label = choice_labels(DisputeState).get(d.state, d.state)
    word = _("suspended")
    suspended = f' <span class="badge bg-secondary-lt">{html_of(word)}</span>' if d.suspended_since else ""
    return mark_safe(f'<span class="badge bg-blue-lt">{html_of(label)}</span>{suspended}')  # noqa: S308


def _due(d: Dispute) -> Any:
    if not d.due_on:
        return "—"
    word = _("overdue")  # translated outside the f-string, where makemessages finds it
    overdue = (
        f' <span class="badge bg-red-lt">{html_of(word)}</span>' if d.due_on < timezone.localdate() else ""
    )
    return mark_safe(d.due_on.isoformat() + overdue)  # noqa: S308 - a date and an escaped label


def _claim_field() -> forms.Field:
    return FixedChoiceField(
        label=gettext_lazy("Claim"), choices=[("", ANY), *ClaimKind.choices], required=False
    )


def _has_claim(kind: str) -> Q:
    return Q(Exists(Claim.objects.filter(dispute=OuterRef("pk"), kind=kind)))


DISPUTES = ListSpec(
    name="dispute",
    title=gettext_lazy("Labour disputes"),
    permission="arbitration.view_dispute",
    rows=lambda user: selectors.dispute_list(user=user),
    # Collective cases are handled first [law Art.7]: they head the list, then the newest.
    ordering=("-collective", "-filed_on", "-id"),
    api_ordering=("-filed_on", "-id"),
    search=Search(
        gettext_lazy("Number or party"),
        index=Dispute.text_index,
        related=(RelatedText(Party.text_index, lambda: Party.objects.all(), "dispute_id"),),
        description="a fragment of the application or case number, or of a party's name",
    ),
    filters=(
        of_record("enterprise", "enterprise_id"),
        Choice("state", gettext_lazy("State"), DisputeState, empty=ANY),
        Choice("procedure", gettext_lazy("Procedure"), Procedure, empty=ANY),
        YesNo("collective", gettext_lazy("Collective")),
        DateFrom("filed_from", gettext_lazy("Filed from"), "filed_on"),
        DateTo("filed_to", gettext_lazy("Filed to"), "filed_on"),
        Where("claim", _claim_field, _has_claim, api=ClaimKind),
        Figure(selectors.FIGURES),  # the statistics' links
    ),
    columns=(
        Column(
            gettext_lazy("Number"),
            "text-code",
            value=lambda d: d.case_no or d.number,
            html=_number,
            export=False,
        ),
        Column(
            gettext_lazy("Application number"), key="number", value=lambda d: d.number, page=False, text=True
        ),
        Column(
            gettext_lazy("Case number"), key="case_no", value=lambda d: d.case_no or "", page=False, text=True
        ),
        Column(
            gettext_lazy("Respondent"),
            key="respondent",
            value=lambda d: d.enterprise.name if d.enterprise else "",
            html=lambda d: (d.enterprise.name if d.enterprise else "") or "—",
            export_label=gettext_lazy("Respondent enterprise"),
        ),
        Column(
            gettext_lazy("State"),
            key="state",
            value=labelled(DisputeState),
            html=_state,
        ),
        Column(
            gettext_lazy("Procedure"),
            key="procedure",
            value=labelled(Procedure, "procedure"),
        ),
        Column(
            pgettext_lazy("date column", "Filed"),
            "text-nowrap",
            key="filed",
            value=lambda d: d.filed_on,
            html=lambda d: d.filed_on.isoformat(),
            export_label=gettext_lazy("Filed"),
        ),
        Column(gettext_lazy("Accepted"), key="accepted", value=lambda d: d.accepted_on, page=False),
        Column(
            gettext_lazy("Collective"),
            key="collective",
            value=lambda d: _("yes") if d.collective else _("no"),
            page=False,
        ),
        Column(
            gettext_lazy("Amount claimed"),
            "text-end",
            key="claimed",
            value=lambda d: d.total_claimed,
            html=lambda d: localize(d.total_claimed),
        ),
        Column(gettext_lazy("Amount awarded"), key="awarded", value=lambda d: d.total_awarded, page=False),
        Column(gettext_lazy("Due"), "text-nowrap", key="due", value=lambda d: d.due_on, html=_due),
        Column(gettext_lazy("Closed"), key="closed", value=lambda d: d.closed_on, page=False),
    ),
    # What a page's rows show, and nothing more is loaded for them.
    page_only=(
        "id",
        "number",
        "case_no",
        "collective",
        "state",
        "suspended_since",
        "procedure",
        "filed_on",
        "total_claimed",
        "due_on",
        "enterprise__name",
    ),
    page_related=("enterprise",),
    export=Export(
        "arbitration.export_dispute",
        filename="disputes",
        related=("enterprise",),
        first=(
            "number",
            "case_no",
            "filed",
            "accepted",
            "state",
            "procedure",
            "collective",
            "respondent",
            "claimed",
            "awarded",
            "due",
            "closed",
        ),
    ),
    empty=gettext_lazy("No disputes match."),
    actions=(
        Action(
            gettext_lazy("Register"),
            "arbitration:create",
            "arbitration.add_dispute",
            primary=True,
            testid="register",
        ),
    ),
)
