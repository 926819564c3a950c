"""Objections raised during a subsidy application's public notice (公示异议): who objected, what they
said and when; the talent department answers each (upheld: the application is refused; dismissed: it
stays on notice). The notice ends in approval only when no objection is open."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hrbureau.core.models import TimeStampedModel


class ObjectionOutcome(models.TextChoices):
    """What the department found on an objection."""

    OPEN = "open", _("Open")  # not answered yet: the notice cannot end in approval
    UPHELD = "upheld", _("Upheld")  # the application is refused
    DISMISSED = "dismissed", _("Dismissed")  # the application stays on notice


class SubsidyObjection(TimeStampedModel):
    """An objection to a subsidy application on public notice (公示异议)."""

    application = models.ForeignKey(
        "talent.SubsidyApplication",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="objections",
    )
    objector = models.CharField(_("who objected"), max_length=100)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    content = models.TextField(_("what the objection says"))
    received_on = models.DateField(_("received on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ObjectionOutcome.choices, default=ObjectionOutcome.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("notice objection")
        verbose_name_plural = _("notice objections")
        ordering = ["application", "received_on", "id"]
        indexes = [models.Index(fields=["application", "outcome"])]

    def __str__(self) -> str:
        return f"{self.application} {self.objector}"
