from django.db import models
from django.urls import reverse

from hrbureau.core.models import Case
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.core.textsearch import TextIndex


class DemandState(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Demand(Case):
    """An enterprise's demand to the bureau, handled by a street."""

    number = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    street = models.ForeignKey("accounts.OrgUnit", on_delete=models.PROTECT, related_name="+")
    closed_on = models.DateField(null=True, blank=True)

    scope_paths = ScopePaths(street="street_id")
    objects = ScopedManager()
    text_index = TextIndex("example_demand", ("number", "title"))

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("example:demand", args=[self.pk])
