from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hrbureau.core.models import TimeStampedModel
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.core.textsearch import TextIndex
from hrbureau.people.choices import Education, EmploymentStatus, Gender


class Person(TimeStampedModel):
    """A natural person the bureau serves (人员): a worker, talent, job seeker or petitioner, identified
    by the resident ID number (公民身份号码). The ID is personal information (PIPL): masked everywhere by
    default; a full reveal is logged with a reason (DOMAIN.md §6)."""

    id_number = models.CharField(_("resident ID number"), max_length=18, unique=True)
    name = models.CharField(_("name"), max_length=100, db_index=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, editable=False)
    birth_date = models.DateField(_("birth date"), editable=False)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    hukou_address = models.CharField(_("household registration address"), max_length=300, blank=True)
    residence_address = models.CharField(_("residence address"), max_length=300, blank=True)
    street = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("street"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
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
        related_name="+",
        limit_choices_to={"kind": "grid"},
    )
    education = models.CharField(_("education"), max_length=20, choices=Education.choices, blank=True)
    employment_status = models.CharField(
        _("employment status"), max_length=20, choices=EmploymentStatus.choices, blank=True
    )

    scope_paths = ScopePaths(street="street_id", grid="grid_id", person="id")
    text_index = TextIndex("people_person", ("name", "residence_address"))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["street", "id"]),
            models.Index(fields=["grid", "id"]),
            models.Index(fields=["employment_status", "id"]),
        ]

    def __str__(self) -> str:
        return self.name
