"""The talent line's choices: degrees, how a subsidy scheme's amount is worked out, whom it pays, and the
states of an application, an instalment, a payment batch and a payment."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Degree(models.TextChoices):
    """The degree a scheme's amount and age limit depend on (DOMAIN.md §5, talent living subsidy)."""

    COLLEGE = "college", _("Junior college (大专)")
    BACHELOR = "bachelor", _("Bachelor (本科)")
    MASTER = "master", _("Master (硕士)")
    PHD = "phd", _("Doctorate (博士)")


class AmountRule(models.TextChoices):
    """How a scheme's amount is worked out."""

    BY_DEGREE = "by_degree", _("Fixed by degree")  # bachelor 15,000; master 25,000; PhD 30,000 yuan
    FIXED = "fixed", _("Fixed amount")
    MONTHLY = "monthly", _("Per month, with a cap on the months")
    # Per person-month: min(minimum wage, amount the employer paid), when it paid ≥ 80 % of it (见习).
    INTERNSHIP = "internship", _("Internship subsidy per person-month")


class Payee(models.TextChoices):
    """Who receives the money."""

    PERSON = "person", _("The person")
    EMPLOYER = "employer", _("The employer")


class Channel(models.TextChoices):
    """How an application reached the bureau (one subsidy per person per scheme across all of them)."""

    PORTAL = "portal", _("Portal")
    COUNTER = "counter", _("Counter")
    IMPORT = "import", _("Import")


class ApplicationState(models.TextChoices):
    """A subsidy application's life on the workflow core."""

    SUBMITTED = "submitted", _("Submitted")  # waiting for the employer's confirmation or the first level
    IN_REVIEW = "in_review", _("In review")  # at one of the scheme's approval levels
    SUPPLEMENT = "supplement", _("Materials requested")  # returned to the applicant
    ON_NOTICE = "on_notice", _("On public notice")  # 公示 before payment, objections open
    APPROVED = "approved", _("Approved")  # instalments created; paid through batches
    COMPLETED = "completed", _("Completed")  # every instalment paid or stopped
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class InstalmentState(models.TextChoices):
    """One payment owed on an approved application."""

    WAITING = "waiting", _("Waiting")  # not due yet, or waiting for the year's re-verification
    DUE = (
        "due",
        pgettext_lazy("instalment", "Due"),
    )  # to go into the next batch (again, after a failed payment)
    BATCHED = "batched", _("In a batch")  # sent to the bank in a batch not yet reconciled
    PAID = "paid", _("Paid")
    STOPPED = "stopped", _("Stopped")  # re-verification failed or the application ended


class BatchState(models.TextChoices):
    """A disbursement batch (发放批次)."""

    DRAFTED = "drafted", _("Drafted")
    EXPORTED = "exported", _("Sent to the bank")
    RECONCILED = "reconciled", _("Reconciled")
    # --- payments ---
    CANCELLED = "cancelled", _("Cancelled")  # given up before it went to the bank; instalments due again


class PaymentState(models.TextChoices):
    """One line of a batch: not yet sent while its batch is a draft, then as the bank's result file
    reports it."""

    DRAFTED = "drafted", _("Not yet sent")
    SENT = "sent", _("Sent")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")
