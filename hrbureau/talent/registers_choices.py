"""The talent registers' choices: kinds and levels of postdoctoral stations, yearly assessment results,
the state of a cooperation agreement's action, and the stages of a contest's results."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StationKind(models.TextChoices):
    """What kind of postdoctoral platform an employer runs."""

    STATION = "station", _("Postdoctoral research station (博士后科研工作站)")
    BASE = "base", _("Postdoctoral innovation base (博士后创新实践基地)")


class StationLevel(models.TextChoices):
    """Who approved the station."""

    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    CITY = "city", _("City")


class AssessmentResult(models.TextChoices):
    """A station's yearly assessment (年度考核)."""

    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


class ActionState(models.TextChoices):
    """An agreement action's state, computed (never stored): done when its progress reaches 100 %;
    overdue when not done and its due date has passed; open otherwise."""

    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    OVERDUE = "overdue", _("Overdue")
