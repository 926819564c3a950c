from django.db import models
from django.utils.translation import gettext_lazy as _


class DisputeState(models.TextChoices):
    """A labour dispute from application to award (DOMAIN.md §2). Suspension (中止) is not a state: it
    pauses the award clock while the case stays where it is."""

    FILED = "filed", _("Filed")  # 已申请: materials being checked; 5 days to decide on acceptance
    SUPPLEMENT = "supplement", _("Awaiting supplement")  # 待补正: told at once everything missing
    ACCEPTED = "accepted", _("Accepted")  # 已受理: the 45-day award clock runs
    TRIBUNAL = "tribunal", _("Tribunal formed")  # 已组庭: parties told who sits
    SCHEDULED = "scheduled", _("Hearing scheduled")  # 已排期: hearing booked, notice served
    HEARD = "heard", _("Heard")  # 已开庭: mediation or award follows
    REFUSED = "refused", _("Not accepted")  # 不予受理: written notice served
    MEDIATED = "mediated", _("Settled by mediation")  # 调解结案: statement signed by both parties
    AWARDED = "awarded", _("Awarded")  # 已裁决: award served
    WITHDRAWN = "withdrawn", _("Withdrawn")  # 撤回申请


OPEN_STATES = frozenset(
    {
        DisputeState.FILED,
        DisputeState.SUPPLEMENT,
        DisputeState.ACCEPTED,
        DisputeState.TRIBUNAL,
        DisputeState.SCHEDULED,
        DisputeState.HEARD,
    }
)
# States in which the case has been accepted and the award clock applies.
PROCEEDING_STATES = frozenset(
    {DisputeState.ACCEPTED, DisputeState.TRIBUNAL, DisputeState.SCHEDULED, DisputeState.HEARD}
)


class Channel(models.TextChoices):
    ONLINE = "online", _("Online (E-platform)")  # 网上立案
    COUNTER = "counter", _("At the counter")  # 窗口立案
    TRANSFER = "transfer", _("Transferred")  # 移送 (restarts the 45 days on receipt)


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary procedure")  # 普通程序
    SIMPLIFIED = "simplified", _("Simplified / fast track")  # 简易处理 / 速裁


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")  # 申请人
    RESPONDENT = "respondent", _("Respondent")  # 被申请人
    THIRD_PARTY = "third_party", _("Third party")  # 第三人


class PartyKind(models.TextChoices):
    PERSON = "person", _("Person")  # by resident ID
    ENTERPRISE = "enterprise", _("Enterprise")  # by USCC


class AgentKind(models.TextChoices):
    LAWYER = "lawyer", _("Lawyer")  # 律师
    LEGAL_AID = "legal_aid", _("Legal aid")  # 法律援助
    RELATIVE = "relative", _("Close relative")  # 近亲属
    UNION = "union", _("Trade union")  # 工会
    EMPLOYEE = "employee", _("Employee of the enterprise")  # 单位工作人员
    OTHER = "other", _("Other citizen")  # 其他公民


class ClaimKind(models.TextChoices):
    """The items a dispute claims; which of them can be final is DOMAIN.md §2.4."""

    WAGES = "wages", _("Wages (labour remuneration)")  # 劳动报酬
    OVERTIME = "overtime", _("Overtime pay")  # 加班费 (labour remuneration)
    ECONOMIC_COMPENSATION = "compensation", _("Economic compensation")  # 经济补偿
    DAMAGES = "damages", _("Damages")  # 赔偿金
    INJURY_MEDICAL = "injury_medical", _("Work-injury medical costs")  # 工伤医疗费
    SOCIAL_INSURANCE = "social_insurance", _("Social insurance")  # 社会保险
    HOURS_REST = "hours_rest", _("Working hours, rest and leave")  # 工作时间、休息休假
    OTHER = "other", _("Other")  # 其他 (e.g. confirming the labour relation)


# Final whatever the amount: national labour standards on working hours, rest and leave, social
# insurance [law Art.47(2)].
FINAL_ALWAYS = frozenset({ClaimKind.SOCIAL_INSURANCE, ClaimKind.HOURS_REST})
# Final when each item awarded is at most 12 months of the local minimum wage [law Art.47(1)].
FINAL_BY_AMOUNT = frozenset(
    {
        ClaimKind.WAGES,
        ClaimKind.OVERTIME,
        ClaimKind.ECONOMIC_COMPENSATION,
        ClaimKind.DAMAGES,
        ClaimKind.INJURY_MEDICAL,
    }
)


class TimeLimitKey(models.TextChoices):
    """The periods of DOMAIN.md §2; whether the short ones count working days is [check]."""

    ACCEPTANCE = "acceptance", _("Decide on acceptance")  # 5 days from receipt
    TRIBUNAL = "tribunal", _("Form the tribunal and tell the parties")  # 5 days from acceptance
    RESPONDENT_COPY = "respondent_copy", _("Send the application to the respondent")  # 5 days
    DEFENCE = "defence", _("Defence")  # 10 days from receipt of the copy
    HEARING_NOTICE = "hearing_notice", _("Hearing notice before the hearing")  # at least 5 days
    POSTPONE_REQUEST = "postpone_request", _("Ask to postpone before the hearing")  # at least 3 days
    AWARD = "award", _("Award")  # 45 days from acceptance
    AWARD_EXTENSION = "award_extension", _("Award extension (at most)")  # 15 days, once
    LEFT_AT_PREMISES = "left_at_premises", _("Left at premises: deemed served after")  # 3 days [check]
    PUBLIC_NOTICE = "public_notice", _("Public notice: deemed served after")  # 30 days [check]


class DocumentKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt of materials")  # 收件回执
    SUPPLEMENT_NOTICE = "supplement_notice", _("Notice to supplement materials")  # 补正通知书
    ACCEPTANCE_NOTICE = "acceptance_notice", _("Acceptance notice")  # 受理通知书
    REFUSAL_NOTICE = "refusal_notice", _("Notice of non-acceptance")  # 不予受理通知书
    APPLICATION_COPY = "application_copy", _("Copy of the application")  # 仲裁申请书副本
    TRIBUNAL_NOTICE = "tribunal_notice", _("Notice of the tribunal")  # 组庭通知书
    HEARING_NOTICE = "hearing_notice", _("Hearing notice")  # 开庭通知书
    EXTENSION_NOTICE = "extension_notice", _("Notice of extension")  # 延期审理通知书
    MEDIATION_STATEMENT = "mediation_statement", _("Mediation statement")  # 调解书
    AWARD = "award", _("Award")  # 裁决书
    AWARD_FINAL = "award_final", _("Award (final items)")  # 终局裁决书
    AWARD_NONFINAL = "award_nonfinal", _("Award (non-final items)")  # 非终局裁决书


# Documents the simplified procedure may never send by phone, SMS, fax or e-mail (rules Art.58).
FORMAL_DOCUMENTS = frozenset(
    {
        DocumentKind.MEDIATION_STATEMENT,
        DocumentKind.AWARD,
        DocumentKind.AWARD_FINAL,
        DocumentKind.AWARD_NONFINAL,
    }
)


class ServiceMethod(models.TextChoices):
    ELECTRONIC = "electronic", _("Electronic (portal account, SMS notice)")  # 电子送达
    IN_PERSON = "in_person", _("In person")  # 直接送达
    POST = "post", _("By post")  # 邮寄送达
    LEFT_AT_PREMISES = "left", _("Left at premises")  # 留置送达
    PUBLIC_NOTICE = "public_notice", _("Public notice")  # 公告送达
    SMS = "sms", _("SMS")  # 简便方式
    PHONE = "phone", _("Telephone")
    EMAIL = "email", _("E-mail")
    FAX = "fax", _("Fax")


# The simplified channels (简便方式): allowed only in the simplified procedure, never for formal documents.
SIMPLE_CHANNELS = frozenset({ServiceMethod.SMS, ServiceMethod.PHONE, ServiceMethod.EMAIL, ServiceMethod.FAX})


class HearingState(models.TextChoices):
    """The life of one hearing (arbitration.hearings)."""

    BOOKED = "booked", _("Booked")  # room and time taken; the notice goes out at least 5 days before
    HELD = "held", _("Held")  # recorded with the dispute's "hearing held"
    POSTPONED = "postponed", _("Postponed")  # 延期开庭: a new booking follows
    CANCELLED = "cancelled", _("Cancelled")  # no hearing at this time (the case ended, a wrong booking)


class AppointmentService(models.TextChoices):
    FILING = "filing", _("File an application")  # 立案
    MATERIALS = "materials", _("Hand in materials")  # 提交材料
    CONSULTATION = "consultation", _("Consultation")  # 咨询
    COLLECT = "collect", _("Collect documents")  # 领取文书


class AppointmentState(models.TextChoices):
    """The life of one counter appointment (arbitration.appointments)."""

    BOOKED = "booked", _("Booked")  # a place of the slot is taken
    CANCELLED = "cancelled", _("Cancelled")  # by the one who booked, before it starts: the place is free
    ATTENDED = "attended", _("Attended")  # came to the counter
    MISSED = "missed", _("Did not come")  # marked by the counter once the time has begun


class WordingKey(models.TextChoices):
    """The texts of the commission's documents an administrator may reword (dated, in the admin)."""

    ACCEPTANCE_NOTICE = "acceptance_notice", _("Acceptance notice")
    REFUSAL_NOTICE = "refusal_notice", _("Refusal notice")
    SUPPLEMENT_NOTICE = "supplement_notice", _("Notice to supplement")
    HEARING_NOTICE = "hearing_notice", _("Hearing notice")
    MEDIATION_STATEMENT = "mediation_statement", _("Mediation statement")
    AWARD = "award", _("Award (body)")
    REMEDIES_FINAL = "remedies_final", _("Remedies of a final award")
    REMEDIES_NONFINAL = "remedies_nonfinal", _("Remedies of a non-final award")
