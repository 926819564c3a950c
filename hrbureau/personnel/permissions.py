"""Who may do what in personnel work; one block per part of the line."""

from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import Role
from hrbureau.core.permissions import declare

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
    "personnel.view_certificationrequest", _("See 三龄一历 certification requests"), roles=_RECORD_READERS
)
declare(
    "personnel.review_certification",
    _("File and review 三龄一历 certification requests"),
    roles=_RECORD_KEEPERS,
)
declare("personnel.decide_certification", _("Decide 三龄一历 certification requests"), roles={Role.DEPT_HEAD})
declare(
    "personnel.export_certificationrequest",
    _("Export 三龄一历 certification requests"),
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
