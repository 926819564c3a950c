"""Choices of the personnel records (人事): 三龄一历 certification, grade promotion and emergency duty."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificationState(models.TextChoices):
    """Where a 三龄一历 certification request stands."""

    SUBMITTED = "submitted", _("Submitted")  # the unit's request, waiting for the department's review
    RETURNED = "returned", _("Returned to the unit")  # evidence missing or unclear; the unit resubmits
    REVIEWED = "reviewed", _("Reviewed")  # department staff proposed a finding per item; the head decides
    CERTIFIED = "certified", _("Certified")  # the head decided each item; the certified record is written
    REFUSED = (
        "refused",
        _("Certification refused"),
    )  # not certifiable (not a staff member of the unit, forged evidence)


class CertifiedItem(models.TextChoices):
    """The four items of 三龄一历: age (出生日期), years of work (参加工作时间), party membership age
    (入党时间) and education history (学历)."""

    BIRTH_DATE = "birth_date", _("Birth date")
    WORK_START = "work_start", _("Work start date")
    PARTY_JOINED = "party_joined", _("Party joining date")
    EDUCATION = "education", _("Education history")


class Outcome(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed as claimed")
    CORRECTED = "corrected", _("Corrected")


class Degree(models.TextChoices):
    """An education history row's degree (学历)."""

    SENIOR = "senior", _("Senior secondary / vocational")  # 高中、中专
    COLLEGE = "college", _("Junior college")  # 大专
    BACHELOR = "bachelor", _("Bachelor")  # 本科
    MASTER = "master", _("Master")  # 硕士研究生
    DOCTOR = "doctor", _("Doctorate")  # 博士研究生


class AppraisalResult(models.TextChoices):
    """The yearly appraisal (年度考核) of civil servants and street management staff, best first."""

    EXCELLENT = "excellent", _("Excellent")  # 优秀
    COMPETENT = "competent", _("Competent")  # 称职
    BASIC = "basic", _("Basically competent")  # 基本称职
    INCOMPETENT = "incompetent", _("Incompetent")  # 不称职


# Higher is better: a rule's lowest acceptable result compares by rank.
RESULT_RANK = {
    AppraisalResult.EXCELLENT: 4,
    AppraisalResult.COMPETENT: 3,
    AppraisalResult.BASIC: 2,
    AppraisalResult.INCOMPETENT: 1,
}


class LowerResult(models.TextChoices):
    """What a year appraised below a rule's lowest acceptable result does to the count of years."""

    BLOCK = "block", _("Blocks the promotion under this rule")  # any such year in the grade: not eligible
    RESET = "reset", _("Restarts the count of years after it")  # years count from the next 1 January


class PromotionState(models.TextChoices):
    """Where a promotion decision (职级晋升) stands."""

    PROPOSED = "proposed", _("Awaiting approval")  # department staff proposed it from the eligible list
    APPROVED = "approved", _("Approved")  # the head approved it; it takes effect on its date
    EFFECTIVE = "effective", _("Effective")  # the staff member holds the new grade since the date
    REJECTED = "rejected", _("Rejected")  # the head did not approve it


class PlaceKind(models.TextChoices):
    """Where an emergency duty post is."""

    STREET = "street", _("Street")  # a street's checkpoints and communities
    AIRPORT = "airport", _("Airport")
    HOTEL = "hotel", _("Quarantine hotel")
    OTHER = "other", _("Other site")
