"""The HR-service market (人力资源市场): licensed HR-service and labour-dispatch agencies and their
inspections and sanctions (DESIGN.md app ``hrmarket``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.core.models import Case, TimeStampedModel
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.core.textsearch import TextIndex
from hrbureau.hrmarket.choices import ActionKind, AgencyStatus, LicenceKind


class HRAgency(Case):
    """A licensed human-resources service or labour-dispatch agency (人力资源服务机构) in the district. Its
    licence status is the case's state (``hrmarket.workflows``): suspended, revoked or reinstated only by
    a version-checked transition with its event."""

    # The register is the departments' district-wide (their view permission is named for the register).
    scope_paths = ScopePaths(permission="hrmarket.view_agency")
    # The licence number, searched through the Chinese text index (the enterprise's name and USCC are
    # searched through the registry's).
    text_index = TextIndex("hrmarket_hragency", ("licence_no",))

    objects = ScopedManager()

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    licence_no = models.CharField(_("licence number"), max_length=60, unique=True)
    licence_kind = models.CharField(_("licence"), max_length=20, choices=LicenceKind.choices)
    licensed_on = models.DateField(_("licensed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    state = models.CharField(
        _("status"), max_length=30, choices=AgencyStatus.choices, default=AgencyStatus.LICENSED, db_index=True
    )

    class Meta:
        verbose_name = _("HR-service agency")
        verbose_name_plural = _("HR-service agencies")
        ordering = ["enterprise__name", "id"]

    def __str__(self) -> str:
        return f"{self.enterprise.name}（{self.licence_no}）"

    def get_absolute_url(self) -> str:
        return reverse("hrmarket:agency", args=[self.pk])


class EnforcementAction(TimeStampedModel):
    """An inspection or sanction of an HR-service agency (执法检查与处罚); a revocation or suspension
    changes the agency's status."""

    agency = models.ForeignKey(HRAgency, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("kind"), max_length=20, choices=ActionKind.choices)
    taken_on = models.DateField(_("date"))
    decision_no = models.CharField(_("decision number"), max_length=100, blank=True)
    amount = models.DecimalField(_("fine"), max_digits=12, decimal_places=2, null=True, blank=True)
    description = models.TextField(_("description"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("enforcement action")
        verbose_name_plural = _("enforcement actions")
        ordering = ["-taken_on", "-id"]

    def __str__(self) -> str:
        return f"{self.taken_on} {self.get_kind_display()}"
