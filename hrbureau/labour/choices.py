from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskState(models.TextChoices):
    """A hidden labour-relations risk (劳资隐患) from finding to verified resolution."""

    FOUND = "found", _("Found")  # 发现: recorded by the inspector, the resolution clock runs
    ASSIGNED = "assigned", _("Assigned")  # 已交办: to a street or a department
    RESOLVING = "resolving", _("Being resolved")  # 化解中: the assigned unit has taken it up
    RESOLVED = "resolved", _("Resolved")  # 已化解: waiting for verification
    VERIFIED = "verified", _("Verified")  # 已核实销号


OPEN_RISK_STATES = frozenset({RiskState.FOUND, RiskState.ASSIGNED, RiskState.RESOLVING})
DONE_RISK_STATES = frozenset({RiskState.RESOLVED, RiskState.VERIFIED})


class RiskType(models.TextChoices):
    WAGE_ARREARS = "wage_arrears", _("Wage arrears")  # 欠薪
    ABSCONDING = "absconding", _("Owner absconding with wages unpaid")  # 欠薪逃匿
    SOCIAL_INSURANCE = "social_insurance", _("Social insurance not paid")  # 未缴社保
    NO_CONTRACT = "no_contract", _("No written labour contract")  # 未签劳动合同
    WORKING_HOURS = "working_hours", _("Excessive working hours")  # 超时加班
    CLOSURE = "closure", _("Closure, relocation or mass lay-off")  # 关停并转迁、规模裁员
    SAFETY = "safety", _("Work safety hazard")  # 安全隐患（安格联合检查）
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    """How soon a risk must be resolved; each level has its own configurable time limit."""

    MINOR = "minor", _("Minor")  # 一般
    SERIOUS = "serious", _("Serious")  # 较大
    MAJOR = "major", _("Major")  # 重大
    SEVERE = "severe", _("Severe")  # 特别重大: to the department head at once


SEVERITY_ORDER = {Severity.MINOR: 1, Severity.SERIOUS: 2, Severity.MAJOR: 3, Severity.SEVERE: 4}


class TimeLimitKey(models.TextChoices):
    RESOLVE_MINOR = "resolve_minor", _("Resolve a minor risk")
    RESOLVE_SERIOUS = "resolve_serious", _("Resolve a serious risk")
    RESOLVE_MAJOR = "resolve_major", _("Resolve a major risk")
    RESOLVE_SEVERE = "resolve_severe", _("Resolve a severe risk")
    VERIFY = "verify", _("Verify a resolution")  # 核查销号
    REWORK = "rework", _("Resolve again after a failed verification")


RESOLVE_LIMIT = {
    Severity.MINOR: TimeLimitKey.RESOLVE_MINOR,
    Severity.SERIOUS: TimeLimitKey.RESOLVE_SERIOUS,
    Severity.MAJOR: TimeLimitKey.RESOLVE_MAJOR,
    Severity.SEVERE: TimeLimitKey.RESOLVE_SEVERE,
}


class InspectionKind(models.TextChoices):
    ROUTINE = "routine", _("Routine grid screening")  # 网格日常排查
    JOINT = "joint", _("Joint safety-and-grid (Ange) check (labour and safety)")  # 安格联合检查
    SPECIAL = "special", _("Special campaign")  # 专项行动（如根治欠薪冬季行动）
    SURVEY = "survey", _("Sample survey visit")  # 抽样调查走访


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_APPLICABLE = "na", _("Not applicable")


class ChecklistGroup(models.TextChoices):
    LABOUR = "labour", _("Labour relations")
    SAFETY = "safety", _("Work safety (Ange)")


class WarningLevel(models.TextChoices):
    """The early-warning levels of the risk score (风险预警等级)."""

    RED = "red", _("Red")
    ORANGE = "orange", _("Orange")
    YELLOW = "yellow", _("Yellow")
    NONE = "none", _("No warning")


class ScoreComponentKey(models.TextChoices):
    """What the enterprise risk score is made of; each has a configurable weight and cap."""

    OPEN_RISKS = "open_risks", _("Open risks")
    ARREARS_HISTORY = "arrears_history", _("Wage-arrears risks in the window")
    DISPUTES = "disputes", _("Labour disputes as respondent in the window")
    COMPLAINTS = "complaints", _("Complaints and work orders in the window")
    SI_ARREARS = "si_arrears", _("Social-insurance arrears flagged")
    ABNORMAL = "abnormal", _("Abnormal operation status")
    INSPECTION_GAP = "inspection_gap", _("Months since the last inspection")


class SurveyState(models.TextChoices):
    """The survey visit of one sampled enterprise (``workflows.SURVEYS``)."""

    PENDING = "pending", _("To survey")  # drawn: the grid it lies in visits it
    DONE = "done", _("Surveyed")  # the questionnaire was filled in on the visit
    UNREACHABLE = "unreachable", _("Could not be surveyed")  # with why (closed, moved, refused)


class StratumField(models.TextChoices):
    STREET = "street", _("Street")
    INDUSTRY = "industry_section", _("Industry section")
    SIZE = "size_class", _("Size class")
