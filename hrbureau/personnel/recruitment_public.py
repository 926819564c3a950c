"""Addresses of the public recruitment lists (for pages and tests)."""

from __future__ import annotations

from django.urls import reverse

from hrbureau.personnel.recruitment_models import RecruitmentPlan


def url(plan: RecruitmentPlan, kind: str) -> str:
    return reverse("personnel:recruitment_public_list", args=[plan.pk, kind])
