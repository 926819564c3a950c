"""What administrators keep for employer compliance: the public-notice period of the honest employer list
and the district's pool of legal experts. The list's criteria are a ``core.Rule`` (subject
``compliance.employer``)."""

from __future__ import annotations

from django.contrib import admin

from hrbureau.compliance.models import LegalExpert, TimeLimit
from hrbureau.core.admin import DatedTimeLimitAdmin


@admin.register(TimeLimit)
class TimeLimitAdmin(DatedTimeLimitAdmin):
    """How long the honest employer list stays on public notice at least."""


@admin.register(LegalExpert)
class LegalExpertAdmin(admin.ModelAdmin):
    """The district's pool of labour-law experts, called to trainings and consultations."""

    list_display = ("name", "organisation", "speciality", "phone", "active")
    list_filter = ("active",)
    search_fields = ("name", "organisation")
