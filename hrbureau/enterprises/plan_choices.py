"""The choices of key-enterprise services (一企一策) and labour-demand lists (用工需求清单)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_ENTERPRISE_TAG = "key-enterprise"  # the tag that marks a key enterprise (migration 0004)


class PlanArea(models.TextChoices):
    """What a service-plan item is about."""

    RECRUITMENT = "recruitment", _("Recruitment")
    TRAINING = "training", _("Training")
    POLICY = "policy", _("Policies")
    DISPUTES = "disputes", _("Labour relations and disputes")
    TALENT = "talent", _("Talent")
    OTHER = "other", _("Other")


class ItemState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_ITEM_STATES = (ItemState.PLANNED, ItemState.IN_PROGRESS)


class DemandState(models.TextChoices):
    OPEN = "open", _("Open")
    PARTLY_FILLED = "partly_filled", _("Partly filled")
    FILLED = "filled", _("Filled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_DEMAND_STATES = (DemandState.OPEN, DemandState.PARTLY_FILLED)


class Education(models.TextChoices):
    ANY = "any", _("Any")
    JUNIOR_HIGH = "junior_high", _("Junior high school")
    HIGH_SCHOOL = "high_school", _("High school or technical school")
    COLLEGE = "college", _("Junior college")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree or above")
