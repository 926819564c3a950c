"""The choices of enterprise demands (企业诉求): their states, kinds and channels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemandState(models.TextChoices):
    FILED = "filed", _("Filed")  # received, waiting to be routed to the responsible unit
    ROUTED = "routed", _("Routed")  # with the responsible unit, which replies (or returns it)
    REPLIED = "replied", _("Replied")  # answered; the enterprise may rate the reply
    CLOSED = "closed", _("Closed")  # rated by the enterprise, or closed by the bureau
    WITHDRAWN = "withdrawn", _("Withdrawn")  # taken back by the enterprise before a reply


class DemandKind(models.TextChoices):
    RECRUITMENT = "recruitment", _("Recruitment")  # 招工用工
    TRAINING = "training", _("Skills training")  # 技能培训
    POLICY = "policy", _("Policy")  # 政策咨询与兑现
    LABOUR_RELATIONS = "labour_relations", _("Labour relations and disputes")  # 劳动关系与争议
    TALENT = "talent", _("Talent")  # 人才引进与服务
    SOCIAL_INSURANCE = "social_insurance", _("Social insurance")  # 社会保险
    OTHER = "other", _("Other")


class DemandChannel(models.TextChoices):
    PORTAL = "portal", _("Enterprise portal")  # filed by the enterprise itself
    OFFICER = "officer", _("Service officer")  # recorded by a service officer or other staff
    OTHER = "other", _("Other")  # a letter, a meeting, a phone call


OPEN_DEMAND_STATES = frozenset({DemandState.FILED, DemandState.ROUTED})
