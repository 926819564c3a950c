"""The choices of public-institution recruitment (事业单位招聘)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    """The kinds of recruitment the bureau runs (the seed names each)."""

    HEALTH = "health", _("Health system recruitment")  # 卫健系统公开招聘
    TEACHERS_OUTSIDE = "teachers_outside", _("Teachers recruited outside the city")  # 赴外地招聘教师
    JUCAI_8543 = "jucai_8543", _("Talent gathering project “8543”")  # 聚才“8543”工程
    EXCELLENT_500 = "excellent_500", _("500 excellent talents for public institutions")  # 500名优秀人才
    GENERAL = "general", _("General open recruitment")  # 公开招聘


class TieRule(models.TextChoices):
    """How candidates with the same total are ordered within a post. Whoever is still equal after the
    rule shares the rank, and at the shortlist's cut-off everyone sharing the last place is included."""

    WRITTEN_INTERVIEW_REGISTRATION = (
        "written_interview_registration",
        _("Higher written score first, then higher interview score, then earlier registration"),
    )
    WRITTEN_INTERVIEW = (
        "written_interview",
        _("Higher written score first, then higher interview score; still equal: the same rank"),
    )
    INTERVIEW_WRITTEN = (
        "interview_written",
        _("Higher interview score first, then higher written score; still equal: the same rank"),
    )


class Degree(models.TextChoices):
    """The highest degree held (最高学位)."""

    NONE = "none", _("No degree")
    BACHELOR = "bachelor", _("Bachelor's degree")  # 学士
    MASTER = "master", _("Master's degree")  # 硕士
    DOCTOR = "doctor", _("Doctor's degree")  # 博士


class ProfessionalTitle(models.TextChoices):
    """Professional and technical title (专业技术职称)."""

    NONE = "none", _("None")
    JUNIOR = "junior", _("Junior title")  # 初级
    INTERMEDIATE = "intermediate", _("Intermediate title")  # 中级
    ASSOCIATE_SENIOR = "associate_senior", _("Associate senior title")  # 副高级
    SENIOR = "senior", _("Senior title")  # 正高级


class RegistrationState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, awaiting review")  # the person registered (or resupplied)
    SUPPLEMENT = "supplement", _("Supplement requested")  # the reviewer asked for more materials
    QUALIFIED = "qualified", _("Qualified")  # passed the qualification review: gets an exam ticket
    FAILED = "failed", _("Not qualified")  # failed the review, with the reason
    WITHDRAWN = "withdrawn", _("Withdrawn")  # the person withdrew before the review ended


class PublishedList(models.TextChoices):
    """The lists a plan publishes, each a recorded step by a department head."""

    QUALIFIED = "qualified", _("Qualified candidates")  # 资格审查合格名单
    SCORES = "scores", _("Scores and ranks")  # 成绩及排名
    SHORTLIST = "shortlist", _("Shortlist for the medical check")  # 入围体检名单


# The education levels in order, so a post can ask for "at least a bachelor" in the rules language.
EDUCATION_RANK = {
    "primary": 1,
    "junior": 2,
    "senior": 3,
    "college": 4,
    "bachelor": 5,
    "master": 6,
    "doctor": 7,
}
DEGREE_RANK = {"none": 0, "bachelor": 1, "master": 2, "doctor": 3}
TITLE_RANK = {"none": 0, "junior": 1, "intermediate": 2, "associate_senior": 3, "senior": 4}
