from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hrbureau.core.models import TimeStampedModel
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.core.textsearch import TextIndex
from hrbureau.enterprises.choices import EnterpriseStatus, IndustrySection, SizeClass


class EnterpriseTag(TimeStampedModel):
    """A label an administrator attaches to enterprises (企业标签): key enterprise, 专精特新 "little
    giant", postdoc workstation, HR-service industry reporting enterprise (纳统企业), and more."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("enterprise tag")
        verbose_name_plural = _("enterprise tags")
        ordering = ["code"]

    def __str__(self) -> str:
        from django.utils.translation import get_language

        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class Enterprise(TimeStampedModel):
    """An enterprise registered in the district (企业): the one record every business line shares,
    identified by its unified social credit code (统一社会信用代码, USCC)."""

    uscc = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    name = models.CharField(_("name"), max_length=200)
    former_names = models.JSONField(_("former names"), default=list, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=100, blank=True)
    registered_address = models.CharField(_("registered address"), max_length=300, blank=True)
    street = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("street"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,  # the (street, id) index below serves it
        related_name="+",
        limit_choices_to={"kind": "street"},
    )
    community = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "community"},
    )
    grid = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("grid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,  # the (grid, id) index below serves it
        related_name="+",
        limit_choices_to={"kind": "grid"},
    )
    industry_section = models.CharField(
        _("industry section"), max_length=1, choices=IndustrySection.choices, blank=True
    )
    industry_division = models.CharField(_("industry division"), max_length=2, blank=True)
    size_class = models.CharField(_("size class"), max_length=10, choices=SizeClass.choices, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    registration_date = models.DateField(_("registration date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EnterpriseStatus.choices, default=EnterpriseStatus.ACTIVE
    )
    tags = models.ManyToManyField(
        EnterpriseTag, verbose_name=_("tags"), blank=True, related_name="enterprises"
    )

    scope_paths = ScopePaths(street="street_id", grid="grid_id", enterprise="id")
    text_index = TextIndex("enterprises_enterprise", ("name", "registered_address", "uscc"))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["id"]
        # Each index costs every import row a write: these serve the list's filters and orders (keyset
        # on id or on name, id); the search has its own trigram indexes.
        indexes = [
            models.Index(fields=["street", "id"]),
            models.Index(fields=["grid", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["industry_section", "id"]),
            models.Index(fields=["size_class", "id"]),
            models.Index(fields=["name", "id"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def industry_name(self) -> str:
        """The industry by its GB/T 4754 name in the reader's language ("通用设备制造业"), not its code."""
        from hrbureau.enterprises.industries import industry_name

        return industry_name(self.industry_section, self.industry_division)

    @property
    def industry_code(self) -> str:
        return f"{self.industry_section}{self.industry_division}"
