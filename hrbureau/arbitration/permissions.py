from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import PORTAL_ROLES, Department, Role
from hrbureau.core.permissions import declare

INSTITUTE = {"departments": {Department.ARBITRATION}}  # the arbitration institute (仲裁院)
CASE_STAFF = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.ARBITRATION_CLERK}  # 立案庭 / 书记员
HEAD = {Role.DEPT_HEAD}  # the commission chair's delegate

declare(
    "arbitration.view_dispute",
    _("See labour disputes (staff: all; parties: their own)"),
    roles=CASE_STAFF | {Role.ARBITRATOR, Role.LEADER} | PORTAL_ROLES,
    **INSTITUTE,
)
declare(
    "arbitration.view_hearing",
    _("See the hearings of the disputes one may see"),
    roles=CASE_STAFF | {Role.ARBITRATOR, Role.LEADER},
    **INSTITUTE,
)
declare("arbitration.add_dispute", _("Register a dispute at the counter"), roles=CASE_STAFF, **INSTITUTE)
declare("arbitration.file_dispute", _("File a dispute online"), roles=PORTAL_ROLES)
declare(
    "arbitration.accept_dispute",
    _("Ask for supplements, accept or refuse disputes"),
    roles=CASE_STAFF,
    **INSTITUTE,
)
declare(
    "arbitration.triage_dispute",
    _("Confirm or change the procedure (fast track)"),
    roles=HEAD | {Role.ARBITRATOR},
    **INSTITUTE,
)
declare(
    "arbitration.schedule_dispute",
    _("Form tribunals and book hearings"),
    roles=CASE_STAFF,
    **INSTITUTE,
)
declare("arbitration.serve_document", _("Serve documents on parties"), roles=CASE_STAFF, **INSTITUTE)
declare(
    "arbitration.decide_dispute",
    _("Hold hearings, mediate, award, suspend and resume"),
    roles={Role.ARBITRATOR} | HEAD,
    **INSTITUTE,
)
declare("arbitration.extend_dispute", _("Approve the extension of the award period"), roles=HEAD, **INSTITUTE)
declare(
    "arbitration.amend_dispute",
    _("Record added parties, changed claims, counter-claims and transfers"),
    roles=CASE_STAFF | {Role.ARBITRATOR},
    **INSTITUTE,
)
declare("arbitration.sign_document", _("Sign for documents served on oneself"), roles=PORTAL_ROLES)
declare(
    "arbitration.view_statistics",
    _("Read the arbitration statistics"),
    roles=CASE_STAFF | {Role.ARBITRATOR, Role.LEADER},
    **INSTITUTE,
)
declare(
    "arbitration.export_dispute",
    _("Export the dispute list and the arbitration statistics"),
    roles=CASE_STAFF | {Role.LEADER},
    **INSTITUTE,
)
declare(
    "arbitration.book_appointment", _("Book an appointment at the arbitration counter"), roles=PORTAL_ROLES
)
declare(
    "arbitration.manage_appointments",
    _("See the counter's appointments and mark them attended"),
    roles=CASE_STAFF,
    **INSTITUTE,
)
declare(
    "arbitration.view_appointment",
    _("See counter appointments (the counter: all; citizens and enterprises: their own)"),
    roles=CASE_STAFF | PORTAL_ROLES,
    **INSTITUTE,
)
