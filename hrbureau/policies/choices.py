from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryKind(models.TextChoices):
    """How a policy item reaches the enterprise (DOMAIN.md §5, policy delivery)."""

    # 免申即享: granted from data alone where scope, standard and comparison data are all clear; a
    # person confirms the generated list before it is announced.
    EXEMPT = "exempt", _("No application needed (免申即享)")
    # 快申快享: the enterprise applies; reviewed; paid within the configured working days of a
    # complete application.
    APPLY = "apply", _("Fast application (快申快享)")


class Beneficiary(models.TextChoices):
    """Whom an item benefits: the rules subject its eligibility speaks of."""

    ENTERPRISE = "enterprise", _("Enterprise")
    PERSON = "person", _("Person")


class ItemState(models.TextChoices):
    """A policy item's publication (drafted → reviewed → published → expired / withdrawn)."""

    DRAFTED = "drafted", _("Drafted")  # being written; not visible outside the department
    REVIEWED = "reviewed", _("Reviewed")  # checked by a second person; ready to publish
    PUBLISHED = "published", _("Published")  # matched, pushed and open to applications
    EXPIRED = "expired", _("Expired")  # its validity ended
    WITHDRAWN = "withdrawn", _("Withdrawn")  # taken back before its end


class AmountRule(models.TextChoices):
    """How the amount of a grant is computed."""

    NONE = "none", _("No money (a service or a measure)")
    FIXED = "fixed", _("A fixed amount")
    PER_EMPLOYEE = "per_employee", _("An amount per employee, with a cap")


class MatchState(models.TextChoices):
    """What became of a policy pushed to an enterprise (read → applied → granted / refused)."""

    PUSHED = "pushed", _("Pushed")
    READ = "read", _("Read")
    APPLIED = "applied", _("Applied")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class ApplicationState(models.TextChoices):
    """A 快申快享 application's course."""

    SUBMITTED = "submitted", _("Submitted")  # filed; materials to be checked
    SUPPLEMENT = "supplement", _("Supplement requested")  # waiting for the enterprise; payout clock paused
    IN_REVIEW = "in_review", _("In review")  # complete; the payout clock runs
    APPROVED = "approved", _("Approved")  # every required level approved; to be paid
    PAID = "paid", _("Paid")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class GrantListState(models.TextChoices):
    """A 免申即享 grant list: generated from data, confirmed by a person, announced."""

    GENERATED = "generated", _("Generated")
    CONFIRMED = "confirmed", _("Confirmed")
    ANNOUNCED = "announced", _("Announced")
    CANCELLED = "cancelled", _("Cancelled")


class GrantChannel(models.TextChoices):
    """Where a grant came from; one grant per enterprise per item per period whatever the channel."""

    APPLICATION = "application", _("Application")
    EXEMPT_LIST = "exempt_list", _("No-application list")
    IMPORT = "import", _("Import")


class TimeLimitKey(models.TextChoices):
    PAYOUT = "payout", _("Payout after a complete application")
    GUIDE = "guide", _("Guide published after the policy")


class GrantPeriod(models.TextChoices):
    """How often an enterprise may be granted an item: once ever, or once a year."""

    ONCE = "once", _("Once")
    YEAR = "year", _("Once a year")
