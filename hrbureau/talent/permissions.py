"""Who may do what in talent services: the talent department configures schemes and reviews (each
approval level names its role; the maker of a level is never its checker), pays through batches;
leadership and the streets read; a person sees and applies for their own subsidies, an enterprise its
own employees' applications where a scheme asks it to confirm — never another's."""

from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import Role
from hrbureau.core.permissions import declare

DEPARTMENT = {Role.DEPT_HEAD, Role.DEPT_STAFF}
READERS = DEPARTMENT | {Role.LEADER, Role.STREET_STAFF}

# --- Subsidy schemes and applications -------------------------------------------------------------------
declare("talent.manage_scheme", _("Configure subsidy schemes"), roles={Role.DEPT_HEAD})
declare(
    "talent.view_subsidyapplication",
    _("See subsidy applications (one's own, as a person; one's employees', as an enterprise)"),
    roles=READERS | {Role.ENTERPRISE, Role.INDIVIDUAL},
)
declare("talent.apply_subsidy", _("Apply for a subsidy"), roles={Role.INDIVIDUAL})
declare("talent.review_subsidy", _("Review subsidy applications"), roles=DEPARTMENT | {Role.LEADER})
declare(
    "talent.export_subsidyapplication", _("Export subsidy applications"), roles=DEPARTMENT | {Role.LEADER}
)

# --- Disbursement ---------------------------------------------------------------------------------------
declare("talent.view_payment", _("See payment batches and payments"), roles=DEPARTMENT | {Role.LEADER})
declare(
    "talent.manage_payment", _("Build payment batches and reconcile the bank's results"), roles=DEPARTMENT
)
declare("talent.export_payment", _("Export payments and bank files"), roles=DEPARTMENT | {Role.LEADER})

# --- subsidies ---
declare(
    "talent.confirm_subsidy",
    _("Confirm or decline one's employees' subsidy applications (as their employer)"),
    roles={Role.ENTERPRISE},
)
