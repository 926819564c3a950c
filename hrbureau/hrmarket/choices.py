from django.db import models
from django.utils.translation import gettext_lazy as _


class LicenceKind(models.TextChoices):
    HR_SERVICE = "hr_service", _("Human-resources service licence")  # 人力资源服务许可证
    LABOUR_DISPATCH = "labour_dispatch", _("Labour-dispatch licence")  # 劳务派遣经营许可证


class AgencyStatus(models.TextChoices):
    LICENSED = "licensed", _("Licensed")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Licence revoked")


class ActionKind(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")  # 检查
    ORDER = "order", _("Order to rectify")  # 责令改正
    WARNING = "warning", _("Warning")  # 警告
    FINE = "fine", _("Fine")  # 罚款
    SUSPENSION = "suspension", _("Business suspended")  # 责令停业
    REVOCATION = "revocation", _("Licence revoked")  # 吊销许可证


class ReportingFrequency(models.TextChoices):
    """How often the HR-service industry's reporting enterprises (纳统企业) report their figures."""

    MONTHLY = "monthly", _("Monthly")  # 月报
    QUARTERLY = "quarterly", _("Quarterly")  # 季报


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Not submitted")  # opened for the period, figures not yet sent
    SUBMITTED = "submitted", _("Submitted")  # sent by the enterprise, awaiting the department's check
    ACCEPTED = "accepted", _("Accepted")  # checked and counted in the industry's figures
    RETURNED = "returned", _("Returned for correction")  # sent back with the reason; the enterprise corrects
