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

# --- registers ---
# The registers (postdoctoral stations, the returned-students park, cooperation agreements, contests): the
# department keeps them; leadership reads them all, a street the records that lie in it (stations,
# postdocs, park residencies, contest projects settled there; agreements and contests are the district's,
# read by the department and leadership only); an enterprise reads only its own park residency, nothing else of these.
declare(
    "talent.view_register",
    _("See the talent registers (stations, park, agreements, contests)"),
    roles=READERS,
)
declare(
    "talent.view_parkresidency",
    _("See returned-students park residencies (an enterprise its own)"),
    roles=READERS | {Role.ENTERPRISE},
)
declare(
    "talent.view_cooperation",
    _("See talent cooperation agreements and talent contests"),
    roles=DEPARTMENT | {Role.LEADER},
)
declare("talent.manage_register", _("Keep the talent registers"), roles=DEPARTMENT)
declare("talent.export_register", _("Export the talent registers"), roles=DEPARTMENT | {Role.LEADER})

# --- internship ---
declare(
    "talent.view_internship",
    _("See internship bases and internships (an enterprise, its own base's interns)"),
    roles=READERS | {Role.ENTERPRISE},
)
declare(
    "talent.manage_internship",
    _("Register and decide internships, keep the internship bases, approve monthly claims"),
    roles=DEPARTMENT,
)
declare(
    "talent.record_internship_month",
    _("Record the months an internship base paid its interns"),
    roles=DEPARTMENT | {Role.ENTERPRISE},
)
declare(
    "talent.export_internship", _("Export internship bases and internships"), roles=DEPARTMENT | {Role.LEADER}
)

# --- certification ---
# Talent intake (人才引进入户) and high-level talent certification (区高层次人才认定): the department's staff
# review and send to the experts (the department's people named on each application), its head approves
# and decides (never the same person as the reviewer); a person applies and follows their own.
declare(
    "talent.view_intakeapplication",
    _("See talent intake applications (one's own, as a person)"),
    roles=READERS | {Role.INDIVIDUAL},
)
declare("talent.apply_talent", _("Apply for talent intake or certification"), roles={Role.INDIVIDUAL})
declare("talent.review_intake", _("Review talent intake applications"), roles=DEPARTMENT)
declare("talent.approve_intake", _("Approve talent intake applications"), roles={Role.DEPT_HEAD})
declare(
    "talent.export_intakeapplication",
    _("Export talent intake applications"),
    roles=DEPARTMENT | {Role.LEADER},
)
declare(
    "talent.view_certification",
    _("See talent certifications (one's own, as a person)"),
    roles=READERS | {Role.INDIVIDUAL},
)
declare(
    "talent.review_certification", _("Check certifications and send them to the experts"), roles=DEPARTMENT
)
declare("talent.score_certification", _("Score certifications as an assigned expert"), roles=DEPARTMENT)
declare("talent.decide_certification", _("Decide talent certifications"), roles={Role.DEPT_HEAD})
declare("talent.manage_category", _("Configure talent certification categories"), roles={Role.DEPT_HEAD})
declare("talent.view_certified", _("See the certified-talent register"), roles=READERS)
declare(
    "talent.export_certification",
    _("Export certifications and the register"),
    roles=DEPARTMENT | {Role.LEADER},
)

# --- subsidies ---
declare(
    "talent.confirm_subsidy",
    _("Confirm or decline one's employees' subsidy applications (as their employer)"),
    roles={Role.ENTERPRISE},
)
