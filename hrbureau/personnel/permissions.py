"""Who may do what in personnel work; one block per part of the line."""

from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import Role
from hrbureau.core.permissions import declare

# --- recruitment ---
# The talent department runs public-institution recruitment: its staff set up plans and posts, review
# registrations and import scores; a department head publishes the lists (not the one who imported the
# scores). Leadership reads. A person registers on the portal and sees only their own registrations.
_RECRUITERS = {Role.DEPT_HEAD, Role.DEPT_STAFF}
declare("personnel.view_recruitment", _("See recruitment plans and posts"), roles=_RECRUITERS | {Role.LEADER})
declare("personnel.manage_recruitment", _("Set up recruitment plans and posts"), roles=_RECRUITERS)
declare(
    "personnel.view_registration",
    _("See recruitment registrations (one's own, as a person)"),
    roles=_RECRUITERS | {Role.LEADER, Role.INDIVIDUAL},
)
declare(
    "personnel.review_registration",
    _("Review registrations and import exam scores"),
    roles=_RECRUITERS,
)
declare("personnel.register", _("Register for a recruitment post"), roles={Role.INDIVIDUAL})
declare(
    "personnel.publish_recruitment",
    _("Publish the qualified list, the scores and the shortlist"),
    roles={Role.DEPT_HEAD},
)
declare(
    "personnel.export_registration",
    _("Export recruitment registrations"),
    roles=_RECRUITERS | {Role.LEADER},
)
declare("personnel.export_recruitmentplan", _("Export recruitment plans"), roles=_RECRUITERS | {Role.LEADER})
