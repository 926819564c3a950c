from django.db import models
from django.utils.translation import gettext_lazy as _


class EnterpriseStatus(models.TextChoices):
    """Registration status as the market regulator reports it (登记状态)."""

    ACTIVE = "active", _("Active")  # 存续（在营、开业、在册）
    DEREGISTERED = "deregistered", _("Deregistered")  # 注销
    REVOKED = "revoked", _("Licence revoked")  # 吊销
    ABNORMAL = "abnormal", _("Abnormal operation")  # 经营异常（列入经营异常名录）


class SizeClass(models.TextChoices):
    """Enterprise size class (企业规模, 统计上大中小微型企业划分办法)."""

    LARGE = "large", _("Large")  # 大型
    MEDIUM = "medium", _("Medium")  # 中型
    SMALL = "small", _("Small")  # 小型
    MICRO = "micro", _("Micro")  # 微型


class IndustrySection(models.TextChoices):
    """GB/T 4754-2017 industry sections (国民经济行业分类门类)."""

    A = "A", _("A Agriculture, forestry, animal husbandry and fishery")
    B = "B", _("B Mining")
    C = "C", _("C Manufacturing")
    D = "D", _("D Electricity, heat, gas and water production and supply")
    E = "E", _("E Construction")
    F = "F", _("F Wholesale and retail trade")
    G = "G", _("G Transport, storage and postal services")
    H = "H", _("H Accommodation and catering")
    I = "I", _("I Information transmission, software and IT services")  # noqa: E741
    J = "J", _("J Finance")
    K = "K", _("K Real estate")
    L = "L", _("L Leasing and business services")
    M = "M", _("M Scientific research and technical services")
    N = "N", _("N Water conservancy, environment and public facilities management")
    O = "O", _("O Resident services, repair and other services")  # noqa: E741
    P = "P", _("P Education")
    Q = "Q", _("Q Health and social work")
    R = "R", _("R Culture, sports and entertainment")
    S = "S", _("S Public administration, social security and social organisations")
    T = "T", _("T International organisations")


# GB/T 4754-2017: the two-digit divisions (大类) belonging to each section, so that a division code
# entered or imported can be checked against its section.
SECTION_DIVISIONS: dict[str, range] = {
    "A": range(1, 6),
    "B": range(6, 13),
    "C": range(13, 44),
    "D": range(44, 47),
    "E": range(47, 51),
    "F": range(51, 53),
    "G": range(53, 61),
    "H": range(61, 63),
    "I": range(63, 66),
    "J": range(66, 70),
    "K": range(70, 71),
    "L": range(71, 73),
    "M": range(73, 76),
    "N": range(76, 80),
    "O": range(80, 83),
    "P": range(83, 84),
    "Q": range(84, 86),
    "R": range(86, 91),
    "S": range(91, 97),
    "T": range(97, 98),
}


def section_of_division(division: str) -> str | None:
    """The section letter of a two-digit GB/T 4754 division code, or None if there is none."""
    if not (len(division) == 2 and division.isdigit()):
        return None
    number = int(division)
    for section, divisions in SECTION_DIVISIONS.items():
        if number in divisions:
            return section
    return None
