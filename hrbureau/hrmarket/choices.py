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
