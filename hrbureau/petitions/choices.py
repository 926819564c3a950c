from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """Where a work order came from."""

    HOTLINE = "hotline", _("12345 hotline")  # 12345 政务服务便民热线
    NATIONAL_SURVEY = "national_survey", _("National satisfaction survey")  # 国家满意度调查
    LETTER = "letter", _("Letter")  # 来信
    VISIT = "visit", _("Visit")  # 来访
    ONLINE = "online", _("Online portal")  # 网上信访 / 门户
    TRANSFER = "transfer", _("Transfer from another department")  # 部门转办


# Letters and visits are petitions under the 信访工作条例 by default; the others follow the 12345 rules.
PETITION_CHANNELS = frozenset({Channel.LETTER, Channel.VISIT})


class Track(models.TextChoices):
    """Which rules a work order's time limits follow (DOMAIN.md §3)."""

    HOTLINE = "hotline", _("12345 work order")  # 广东 12345 rules: 2 / 10 / 15 working days
    PETITION = "petition", _("Petition")  # 信访工作条例: 15 days to accept, 60 to handle, +30


class CategoryKind(models.TextChoices):
    ENQUIRY = "enquiry", _("Enquiry")  # 咨询
    HELP = "help", _("Request for help")  # 求助
    SUGGESTION = "suggestion", _("Suggestion")  # 建议
    COMPLAINT = "complaint", _("Complaint")  # 投诉
    REPORT = "report", _("Report")  # 举报


class WorkOrderState(models.TextChoices):
    """The 12345 / petition loop (DOMAIN.md §3): intake → dispatch → sign → handle → reply → visit → close."""

    REGISTERED = "registered", _("Registered")  # 已登记: the petitions office classifies and dispatches
    ACCEPTED = "accepted", _("Accepted")  # 已受理: a petition the petitioner was told is accepted
    DISPATCHED = "dispatched", _("Dispatched")  # 已派单: waiting for the unit to sign for it (or return it)
    HANDLING = "handling", _("Being handled")  # 办理中: signed for; the unit handles and replies
    RETURNED = "returned", _("Returned")  # 已退回: the unit says it is not theirs; redispatch or ruling
    REPLIED = "replied", _("Replied")  # 已答复: waiting for the return visit / the citizen's rating
    CLOSED = "closed", _("Closed")  # 已办结
    REVIEW = "review", _("Under review")  # 复查中: the petitioner asked for a review
    REREVIEW = "rereview", _("Under re-review")  # 复核中: final; the same facts are not accepted again
    MERGED = "merged", _("Merged")  # 已合并: a duplicate, handled with the order it was merged into
    REDIRECTED = "redirected", _("Redirected")  # 已导出: belongs to arbitration or court; explained


OPEN_STATES = frozenset(
    {
        WorkOrderState.REGISTERED,
        WorkOrderState.ACCEPTED,
        WorkOrderState.DISPATCHED,
        WorkOrderState.HANDLING,
        WorkOrderState.RETURNED,
        WorkOrderState.REPLIED,
        WorkOrderState.REVIEW,
        WorkOrderState.REREVIEW,
    }
)


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")  # 满意
    BASIC = "basic", _("Basically satisfied")  # 基本满意
    DISSATISFIED = "dissatisfied", _("Dissatisfied")  # 不满意


class RedirectTarget(models.TextChoices):
    ARBITRATION = "arbitration", _("Labour-dispute arbitration")  # 劳动人事争议仲裁
    COURT = "court", _("People's court")  # 人民法院


class TimeLimitKey(models.TextChoices):
    """The configurable time limits (DOMAIN.md §3)."""

    ENQUIRY = "hotline.enquiry", _("12345 enquiry")
    HELP = "hotline.help", _("12345 request for help")
    SUGGESTION = "hotline.suggestion", _("12345 suggestion")
    COMPLAINT = "hotline.complaint", _("12345 complaint")
    REPORT = "hotline.report", _("12345 report")
    RETURN = "hotline.return", _("Return window after dispatch")
    PETITION_ACCEPTANCE = "petition.acceptance", _("Petition: register and tell whether accepted")
    PETITION_HANDLING = "petition.handling", _("Petition: handle after acceptance")
    PETITION_EXTENSION = "petition.extension", _("Petition: longest extension")
    REVIEW_REQUEST = "review.request", _("Review: request after the reply")
    REVIEW_ANSWER = "review.answer", _("Review: answer")
    REREVIEW_REQUEST = "rereview.request", _("Re-review: request after the review")
    REREVIEW_ANSWER = "rereview.answer", _("Re-review: answer")
    DUPLICATE_WINDOW = "duplicate.window", _("Duplicate detection window")
