from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeLimitKey(models.TextChoices):
    NOTICE = "notice", _("Public notice of the honest employer list (at least)")  # 公示期


class RecordKind(models.TextChoices):
    """What the labour-compliance record of an enterprise holds (DOMAIN.md §5, MOHRSS 2016 rating)."""

    PENALTY = "penalty", _("Administrative penalty")  # 行政处罚
    MASS_INCIDENT = "mass_incident", _("Mass incident")  # 群体性事件
    EXTREME_INCIDENT = "extreme_incident", _("Extreme incident")  # 极端事件
    CHILD_LABOUR = "child_labour", _("Child labour")  # 使用童工
    FORCED_LABOUR = "forced_labour", _("Forced labour")  # 强迫劳动
    IGNORED_ORDER = "ignored_order", _("Ignored an order or a penalty")  # 拒不履行责令改正或处罚决定
    OBSTRUCTION = "obstruction", _("Obstructed inspectors")  # 阻挠监察
    CRIMINAL = "criminal", _("Criminal liability")  # 被追究刑事责任


# Any one of these in the year's record makes the grade C, whatever else (MOHRSS 2016).
GRADE_C_KINDS = frozenset(
    {
        RecordKind.MASS_INCIDENT,
        RecordKind.EXTREME_INCIDENT,
        RecordKind.CHILD_LABOUR,
        RecordKind.FORCED_LABOUR,
        RecordKind.IGNORED_ORDER,
        RecordKind.OBSTRUCTION,
        RecordKind.CRIMINAL,
    }
)
PENALTIES_FOR_C = 3  # penalised 3 or more times in the year → C


class Grade(models.TextChoices):
    A = "A", _("A (law-abiding)")
    B = "B", _("B (basically law-abiding)")
    C = "C", _("C (not law-abiding)")


class EvaluationState(models.TextChoices):
    DRAFT = "draft", _("Graded, not yet on notice")  # 已评定
    NOTICE = "notice", _("On public notice")  # 公示中
    PUBLISHED = "published", _("Published")  # 已公布


class ObjectionDecision(models.TextChoices):
    PENDING = "pending", _("To be decided")
    UPHELD = "upheld", _("Upheld: taken off the list")
    REJECTED = "rejected", _("Rejected")


class EventKind(models.TextChoices):
    TRAINING = "training", _("Compliance training")  # 合规培训
    CONSULTATION = "consultation", _("Expert consultation (会诊)")  # 法律专家会诊
