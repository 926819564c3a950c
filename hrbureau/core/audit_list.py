"""The audit log's list, declared (``core.lists``): by event, user name and day, with its export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from hrbureau.core.choices import AuditKind
from hrbureau.core.filters import Choice, Where, days_between
from hrbureau.core.lists import Export, ListSpec
from hrbureau.core.models import AuditEvent
from hrbureau.core.tables import Column, choice_labels, html_of, labelled


def _event(e: AuditEvent) -> Any:
    css = "bg-green-lt" if e.success else "bg-red-lt"
    label = choice_labels(AuditKind).get(e.kind, e.kind)
    return mark_safe(f'<span class="badge {css}">{html_of(label)}</span>')  # noqa: S308 - escaped


def _day_field() -> forms.Field:
    return forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


def _username_field() -> forms.Field:
    return forms.CharField(label=_("User name"), required=False, max_length=150)


AUDIT = ListSpec(
    name="audit",
    title=_("Audit log"),
    permission="core.view_auditevent",
    rows=lambda user: AuditEvent.objects.all(),
    ordering=("-created_at", "-id"),
    filters=(
        Choice("kind", _("Event"), AuditKind, empty=_("All events")),
        Where("username", _username_field, lambda name: Q(username=name.strip())),
        Where("date", _day_field, lambda day: days_between("created_at", day, day, model=AuditEvent)),
    ),
    columns=(
        Column(
            _("Time"),
            "text-nowrap",
            value=lambda e: e.created_at,
            html=lambda e: timezone.localtime(e.created_at).strftime("%Y-%m-%d %H:%M:%S"),
        ),
        Column(_("Event"), value=labelled(AuditKind, "kind"), html=_event),
        Column(_("Success"), value=lambda e: e.success, page=False),
        Column(_("User name"), value=lambda e: e.username, html=lambda e: e.username or "—", text=True),
        Column(_("IP address"), value=lambda e: e.ip_address, html=lambda e: e.ip_address or "—", text=True),
        Column(
            _("Path"),
            "text-code small",
            value=lambda e: e.path,
            html=lambda e: f"{e.method} {e.path}".strip(),
        ),
        Column(_("Reason"), value=lambda e: e.reason),
    ),
    export=Export("core.export_auditevent", filename="audit"),
    empty=_("No events match."),
    intro=_("Security events are recorded automatically and can be neither changed nor deleted here."),
    intro_icon="shield-lock",
    per_page=50,
)
