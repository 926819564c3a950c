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

# --- personnel records (三龄一历, grade promotion, emergency duty) ---
# The department keeps the records and decides (its head certifies and approves, never what they made
# themselves); leadership reads; street staff read the records of their own street's staff; portal
# users nothing.
_RECORD_KEEPERS = {Role.DEPT_HEAD, Role.DEPT_STAFF}
_RECORD_READERS = _RECORD_KEEPERS | {Role.LEADER, Role.STREET_STAFF}
declare("personnel.view_staffmember", _("See personnel staff records"), roles=_RECORD_READERS)
declare(
    "personnel.manage_staffmember", _("Keep personnel staff records and appraisals"), roles=_RECORD_KEEPERS
)
declare(
    "personnel.export_staffmember", _("Export personnel staff records"), roles=_RECORD_KEEPERS | {Role.LEADER}
)
declare(
    "personnel.view_certificationrequest",
    _("See service-record certification requests"),
    roles=_RECORD_READERS,
)
declare(
    "personnel.review_certification",
    _("File and review service-record certification requests"),
    roles=_RECORD_KEEPERS,
)
declare(
    "personnel.decide_certification",
    _("Decide service-record certification requests"),
    roles={Role.DEPT_HEAD},
)
declare(
    "personnel.export_certificationrequest",
    _("Export service-record certification requests"),
    roles=_RECORD_KEEPERS | {Role.LEADER},
)
declare("personnel.view_promotiondecision", _("See grade promotions"), roles=_RECORD_READERS)
declare("personnel.propose_promotion", _("Propose grade promotions"), roles=_RECORD_KEEPERS)
declare("personnel.approve_promotion", _("Approve grade promotions"), roles={Role.DEPT_HEAD})
declare(
    "personnel.export_promotiondecision", _("Export grade promotions"), roles=_RECORD_KEEPERS | {Role.LEADER}
)
declare("personnel.view_deployment", _("See emergency plans and deployments"), roles=_RECORD_READERS)
declare("personnel.manage_deployment", _("Keep emergency plans and the duty roster"), roles=_RECORD_KEEPERS)
declare("personnel.export_deployment", _("Export the duty roster"), roles=_RECORD_KEEPERS | {Role.LEADER})
