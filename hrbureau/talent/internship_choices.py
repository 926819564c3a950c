"""The internship subsidy's choices (就业见习, DOMAIN.md §5): a base's level and state, an internship's
states, the ground an intern qualifies on, and a month's claim."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BaseLevel(models.TextChoices):
    """Who approved the internship base (见习基地)."""

    DISTRICT = "district", _("District")
    CITY = "city", _("City")
    PROVINCE = "province", _("Province")


class BaseState(models.TextChoices):
    ACTIVE = "active", _("Active")  # takes interns and claims
    SUSPENDED = "suspended", _("Suspended")  # no new interns; the months already worked are still claimed


class InternshipState(models.TextChoices):
    """An internship's life on the workflow core."""

    REGISTERED = "registered", _("Registered")  # eligibility checked, waiting for the department
    APPROVED = "approved", _("Approved")  # running: the base claims its months
    ENDED = "ended", _("Ended")  # the internship is over; its months may still be claimed
    REFUSED = "refused", pgettext_lazy("not granted", "Refused")  # not eligible (the reason says why)
    WITHDRAWN = "withdrawn", _("Withdrawn")


class InternGround(models.TextChoices):
    """Why the intern qualifies (DOMAIN.md §5)."""

    GRADUATE = "graduate", _("Graduate within 2 years")
    UNEMPLOYED_YOUTH = "unemployed_youth", _("Registered unemployed, aged 16–24")


class MonthState(models.TextChoices):
    RECORDED = "recorded", _("Recorded")  # the base says what it paid; the department has not approved
    APPROVED = "approved", _("Approved")  # the subsidy is payable: an instalment is due
