from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    """Derived from the resident ID's sequence digit (odd = male), never entered by hand."""

    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Education(models.TextChoices):
    """Highest education completed (最高学历)."""

    PRIMARY = "primary", _("Primary school or below")  # 小学及以下
    JUNIOR = "junior", _("Junior secondary")  # 初中
    SENIOR = "senior", _("Senior secondary / vocational")  # 高中、中专、技校
    COLLEGE = "college", _("Junior college")  # 大专
    BACHELOR = "bachelor", _("Bachelor")  # 本科
    MASTER = "master", _("Master")  # 硕士研究生
    DOCTOR = "doctor", _("Doctorate")  # 博士研究生


class EmploymentStatus(models.TextChoices):
    """Employment status as the employment service records it (就业状态)."""

    EMPLOYED = "employed", _("Employed")  # 就业
    SELF_EMPLOYED = "self_employed", _("Self-employed / flexible")  # 灵活就业、自主创业
    UNEMPLOYED = "unemployed", _("Registered unemployed")  # 登记失业
    STUDENT = "student", _("Student")  # 在校学生
    RETIRED = "retired", _("Retired")  # 退休
    OTHER = "other", _("Other")  # 其他
