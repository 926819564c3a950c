"""Choices of talent intake (人才引进入户) and district high-level talent certification (区高层次人才认定)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IntakeBasis(models.TextChoices):
    """What a talent intake application rests on."""

    DEGREE = "degree", _("Degree")  # 学历学位
    TITLE = "title", _("Professional title")  # 专业技术职称
    SKILL = "skill", _("Skill level")  # 职业技能等级


class IntakeState(models.TextChoices):
    """A talent intake application's life on the workflow core."""

    SUBMITTED = "submitted", _("Submitted")  # waiting for the department's review
    SUPPLEMENT = "supplement", _("Materials requested")  # returned to the person
    REVIEWED = "reviewed", _("Reviewed")  # the staff's review done; the head approves
    APPROVED = "approved", _("Approved")  # the bureau agrees; the public-security side registers
    REGISTERED = "registered", _("Registered")  # the public-security side accepted the household move
    REFUSED = "refused", pgettext_lazy("not granted", "Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class TalentLevel(models.TextChoices):
    """The level of a certification category (A is the highest)."""

    A = "A", _("Level A")
    B = "B", _("Level B")
    C = "C", _("Level C")
    D = "D", _("Level D")


class EvidenceKind(models.TextChoices):
    """What a piece of certification evidence proves."""

    DEGREE = "degree", _("Degree certificate")  # 学位证书
    TITLE = "title", _("Senior professional title")  # 高级职称证书
    AWARD = "award", _("Award")  # 奖项
    PATENT = "patent", _("Patent")  # 专利
    PROJECT = "project", _("Talent programme selection")  # 人才计划入选
    CONTRACT = "contract", _("Labour contract")  # 劳动合同
    TAX = "tax", _("Tax record")  # 个税记录
    OTHER = "other", _("Other")


class CertificationState(models.TextChoices):
    """A certification application's life on the workflow core."""

    SUBMITTED = "submitted", _("Submitted")  # the criteria are checked by the rules
    EXPERT_REVIEW = "expert_review", _("In expert review")  # the assigned experts score it
    REVIEWED = "reviewed", _("Reviewed by the experts")  # every expert scored; the head decides
    CERTIFIED = "certified", _("Certified")  # a certificate with its number and validity
    EXPIRED = "expired", _("Expired")  # the validity ended (the nightly sweep)
    REFUSED = "refused", pgettext_lazy("not granted", "Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")
