"""The talent registers' declared lists (``core.lists``): stations, postdocs, park residencies,
agreements, actions (with the computed state as a filter, "overdue" among it), contests and entrants;
and their figures for the dashboard (``core.figures``): postdocs in station, park enterprises, projects
settled in the district."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrbureau.core import figures
from hrbureau.core.filters import Choice, RelatedText, Search, Where, of_record
from hrbureau.core.forms import FixedChoiceField
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, choice_labels, labelled, link
from hrbureau.enterprises.models import Enterprise
from hrbureau.talent.registers_choices import ActionState, StationKind, StationLevel
from hrbureau.talent.registers_models import (
    AgreementAction,
    ContestEntrant,
    CooperationAgreement,
    ParkResidency,
    Postdoc,
    PostdocStation,
    TalentContest,
    action_state_q,
    in_station_on,
)

VIEW = "talent.view_register"
COOPERATION = "talent.view_cooperation"
EXPORT = "talent.export_register"
MANAGE = "talent.manage_register"


def _by_enterprise_name() -> RelatedText:
    return RelatedText(
        index=Enterprise.text_index, queryset=Enterprise.objects.all, link="pk", through="enterprise_id"
    )


def _enterprise(row: Any) -> Any:
    return link("enterprises:detail", row.enterprise_id, row.enterprise.name) if row.enterprise_id else ""


def _street(row: Any) -> str:
    return row.street.name if row.street_id else ""


def _yes_no_field(label: Any) -> Any:
    return lambda: forms.TypedChoiceField(
        label=label,
        choices=[("", _("any")), ("yes", _("yes")), ("no", _("no"))],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
    )


def _present(yes: bool) -> Q:
    """Still there today (entered, not left) — or, for "no", those who have left."""
    now = in_station_on(timezone.localdate())
    return now if yes else ~now


STATIONS = ListSpec(
    name="postdocstation",
    title=_("Postdoctoral stations and innovation bases"),
    permission=VIEW,
    rows=lambda user: PostdocStation.objects.for_user(user),
    ordering=("-approved_on", "-id"),
    search=Search(_("Enterprise name or USCC"), related=(_by_enterprise_name(),)),
    filters=(
        Choice("kind", _("Kind"), StationKind, empty=_("All kinds")),
        Choice("level", _("Level"), StationLevel, empty=_("All levels")),
        of_record("enterprise", "enterprise_id"),
    ),
    columns=(
        Column(
            _("Enterprise or institution"),
            key="enterprise",
            value=lambda s: s.enterprise.name,
            html=_enterprise,
        ),
        Column(
            _("Kind"),
            value=labelled(StationKind, "kind"),
            html=lambda s: link("talent:station", s.pk, s.get_kind_display()),
        ),
        Column(_("Level"), value=labelled(StationLevel, "level")),
        Column(_("Approved on"), "text-nowrap", value=lambda s: s.approved_on),
        Column(_("Supervisors"), value=lambda s: "、".join(s.supervisor_list), page=False),
        Column(_("Street"), value=_street),
    ),
    page_related=("enterprise", "street"),
    export=Export(EXPORT, filename="postdoc-stations", related=("enterprise", "street")),
    empty=_("No stations match."),
    actions=(
        Action(_("Postdocs"), "talent:postdocs", VIEW, icon="school", testid="postdocs"),
        Action(_("Add a station"), "talent:station_create", MANAGE, primary=True, testid="add-station"),
    ),
)

POSTDOCS = ListSpec(
    name="postdoc",
    title=_("Postdocs"),
    permission=VIEW,
    rows=lambda user: Postdoc.objects.for_user(user),
    ordering=("-entered_on", "-id"),
    search=Search(_("Name, topic or supervisor"), index=Postdoc.text_index),
    filters=(
        Where("in_station", _yes_no_field(_("In station now")), _present),
        Choice("kind", _("Kind of station"), StationKind, lookup="station__kind", empty=_("All kinds")),
    ),
    columns=(
        Column(
            _("Name"), value=lambda p: p.name, html=lambda p: link("talent:station", p.station_id, p.name)
        ),
        Column(_("Station"), key="enterprise", value=lambda p: p.station.enterprise.name),
        Column(_("Research topic"), value=lambda p: p.topic),
        Column(_("Supervisor"), value=lambda p: p.supervisor, page=False),
        Column(_("Entered on"), "text-nowrap", value=lambda p: p.entered_on),
        Column(_("Left on"), "text-nowrap", value=lambda p: p.left_on or ""),
    ),
    page_related=("station__enterprise",),
    export=Export(EXPORT, filename="postdocs", related=("station__enterprise",)),
    empty=_("No postdocs match."),
)

PARK = ListSpec(
    name="parkresidency",
    title=_("Returned-students start-up park"),
    permission="talent.view_parkresidency",
    rows=lambda user: ParkResidency.objects.for_user(user),
    ordering=("-entered_on", "-id"),
    search=Search(_("Enterprise name or USCC"), related=(_by_enterprise_name(),)),
    filters=(
        Where("resident", _yes_no_field(_("Resident now")), _present),
        of_record("enterprise", "enterprise_id"),
    ),
    columns=(
        Column(_("Enterprise"), key="enterprise", value=lambda r: r.enterprise.name, html=_enterprise),
        Column(
            _("Founder"),
            value=lambda r: r.founder_name,
            html=lambda r: link("talent:park_residency", r.pk, r.founder_name),
        ),
        Column(_("Studied abroad at"), value=lambda r: r.studied_at),
        Column(_("Entered on"), "text-nowrap", value=lambda r: r.entered_on),
        Column(_("Left on"), "text-nowrap", value=lambda r: r.left_on or ""),
        Column(_("Area (m²)"), "text-end", value=lambda r: r.area if r.area is not None else ""),
        Column(_("Support received"), value=lambda r: r.support, page=False),
        Column(_("Street"), value=_street, page=False),
    ),
    page_related=("enterprise", "street"),
    export=Export(EXPORT, filename="park-residencies", related=("enterprise", "street")),
    empty=_("No park residencies match."),
    actions=(
        Action(
            _("Add a resident enterprise"), "talent:park_create", MANAGE, primary=True, testid="add-resident"
        ),
    ),
)

AGREEMENTS = ListSpec(
    name="cooperationagreement",
    title=_("Talent cooperation agreements"),
    permission=COOPERATION,
    rows=lambda user: CooperationAgreement.objects.for_user(user),
    ordering=("-signed_on", "-id"),
    search=Search(_("Title, party or terms"), index=CooperationAgreement.text_index),
    columns=(
        Column(
            _("Agreement"), value=lambda a: a.title, html=lambda a: link("talent:agreement", a.pk, a.title)
        ),
        Column(_("Parties"), value=lambda a: "、".join(a.party_list)),
        Column(_("Signed on"), "text-nowrap", value=lambda a: a.signed_on),
        Column(_("In force until"), "text-nowrap", value=lambda a: a.ends_on or ""),
    ),
    export=Export(EXPORT, filename="talent-agreements"),
    empty=_("No agreements match."),
    actions=(
        Action(_("Actions"), "talent:actions", COOPERATION, icon="checklist", testid="actions"),
        Action(
            _("Add an agreement"), "talent:agreement_create", MANAGE, primary=True, testid="add-agreement"
        ),
    ),
)


def _state_field() -> forms.Field:
    return FixedChoiceField(
        label=_("State"), choices=[("", _("All states")), *ActionState.choices], required=False
    )


def _action_state(action: AgreementAction) -> str:
    return str(choice_labels(ActionState).get(action.state, action.state))


def _state_badge(action: AgreementAction) -> Any:
    from django.utils.html import format_html

    css = {ActionState.DONE: "bg-green-lt", ActionState.OVERDUE: "bg-red-lt"}.get(action.state, "bg-blue-lt")  # type: ignore[call-overload]
    return format_html('<span class="badge {}">{}</span>', css, _action_state(action))


ACTIONS = ListSpec(
    name="agreementaction",
    title=_("Agreement actions"),
    permission=COOPERATION,
    rows=lambda user: AgreementAction.objects.for_user(user),
    ordering=("due_on", "id"),
    search=Search(_("Action or owner"), index=AgreementAction.text_index),
    filters=(
        Where(
            "state", _state_field, lambda state: action_state_q(state, timezone.localdate()), api=ActionState
        ),
    ),
    columns=(
        Column(_("Action"), value=lambda a: a.title, html=lambda a: link("talent:action", a.pk, a.title)),
        Column(_("Agreement"), value=lambda a: a.agreement.title),
        Column(_("Owner"), value=lambda a: a.owner),
        Column(_("Due on"), "text-nowrap", value=lambda a: a.due_on),
        Column(_("Progress (%)"), "text-end", value=lambda a: a.progress),
        Column(_("State"), value=_action_state, html=_state_badge),
    ),
    page_related=("agreement",),
    export=Export(EXPORT, filename="agreement-actions", related=("agreement",)),
    empty=_("No actions match."),
)

CONTESTS = ListSpec(
    name="talentcontest",
    title=_("Talent contests"),
    permission=COOPERATION,
    rows=lambda user: TalentContest.objects.for_user(user).annotate(
        entrant_count=Count("entrants", distinct=True),
        settled_count=Count("entrants", filter=Q(entrants__settled_on__isnull=False), distinct=True),
    ),
    ordering=("-year", "-id"),
    columns=(
        Column(_("Year"), value=lambda c: c.year),
        Column(_("Contest"), value=lambda c: c.name, html=lambda c: link("talent:contest", c.pk, c.name)),
        Column(_("Organiser"), value=lambda c: c.organiser),
        Column(_("Entrants"), "text-end", value=lambda c: c.entrant_count),
        Column(_("Projects settled"), "text-end", value=lambda c: c.settled_count),
    ),
    export=Export(EXPORT, filename="talent-contests"),
    empty=_("No contests yet."),
    actions=(
        Action(_("Entrants"), "talent:entrants", VIEW, icon="users", testid="entrants"),
        Action(_("Add a contest"), "talent:contest_create", MANAGE, primary=True, testid="add-contest"),
    ),
)

ENTRANTS = ListSpec(
    name="contestentrant",
    title=_("Contest entrants"),
    permission=VIEW,
    rows=lambda user: ContestEntrant.objects.for_user(user),
    ordering=("contest_id", "project", "id"),
    search=Search(_("Project, team leader or field"), index=ContestEntrant.text_index),
    filters=(
        Where(
            "settled", _yes_no_field(_("Settled in the district")), lambda yes: Q(settled_on__isnull=not yes)
        ),
        of_record("enterprise", "enterprise_id"),
    ),
    columns=(
        Column(
            _("Project"), value=lambda e: e.project, html=lambda e: link("talent:entrant", e.pk, e.project)
        ),
        Column(_("Team leader"), value=lambda e: e.leader),
        Column(_("Field"), value=lambda e: e.field),
        Column(_("Contest"), value=lambda e: str(e.contest)),
        Column(_("Settled on"), "text-nowrap", value=lambda e: e.settled_on or ""),
        Column(
            _("Enterprise registered"),
            key="enterprise",
            value=lambda e: e.enterprise.name if e.enterprise_id else "",
            html=_enterprise,
        ),
    ),
    page_related=("contest", "enterprise"),
    export=Export(EXPORT, filename="contest-entrants", related=("contest", "enterprise")),
    empty=_("No entrants match."),
    actions=(
        Action(
            _("Import entrants and results"),
            "imports:upload",
            MANAGE,
            args=("contest-entrants",),
            icon="upload",
            testid="import-entrants",
        ),
    ),
)


# --- figures (core.figures) -----------------------------------------------------------------------------
def _by_street(rows: Any) -> dict[Any, int]:
    return dict(rows.order_by().values("street_id").annotate(n=Count("id")).values_list("street_id", "n"))


def _postdocs_in_station(user: Any) -> Any:
    return Postdoc.objects.for_user(user).filter(in_station_on(timezone.localdate()))


def _park_enterprises(user: Any) -> Any:
    return ParkResidency.objects.for_user(user).filter(in_station_on(timezone.localdate()))


def _projects_settled(user: Any) -> Any:
    return ContestEntrant.objects.for_user(user).filter(settled_on__isnull=False)


def _figure(code: str, label: Any, rows: Callable[[Any], Any]) -> None:
    figures.register(
        figures.Figure(
            code, label, count=lambda user: rows(user).count(), by_street=lambda user: _by_street(rows(user))
        )
    )


for _code, _label, _rows in (
    ("talent.postdocs_in_station", _("Postdocs in station"), _postdocs_in_station),
    ("talent.park_enterprises", _("Enterprises in the returned-students park"), _park_enterprises),
    ("talent.projects_settled", _("Contest projects settled in the district"), _projects_settled),
):
    _figure(_code, _label, _rows)
