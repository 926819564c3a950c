from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import PORTAL_ROLES, STAFF_ROLES, Department, Role
from hrbureau.core.permissions import declare

DEPARTMENT_ROLES = {Role.DEPT_HEAD, Role.DEPT_STAFF}
OFFICE = {"departments": {Department.PETITIONS}}  # the petitions office (信访办)
HANDLERS = DEPARTMENT_ROLES | {Role.STREET_STAFF}  # units an order is dispatched to

declare(
    "petitions.view_workorder",
    _("See work orders (within one's scope)"),
    roles=(STAFF_ROLES - {Role.GRID_WORKER}) | PORTAL_ROLES | {Role.INTEGRATION},
)
declare(
    "petitions.add_workorder",
    _("Register work orders"),
    roles=DEPARTMENT_ROLES | {Role.INTEGRATION},
    **OFFICE,
)
declare("petitions.import_workorder", _("Import 12345 work orders"), roles=DEPARTMENT_ROLES, **OFFICE)
declare("petitions.file_workorder", _("File a matter on the portal"), roles=PORTAL_ROLES)
declare(
    "petitions.dispatch_workorder",
    _("Accept, dispatch, merge, redirect and close work orders"),
    roles=DEPARTMENT_ROLES,
    **OFFICE,
)
declare(
    "petitions.handle_workorder",
    _("Sign for, return and reply to work orders dispatched to one's unit"),
    roles=HANDLERS,
)
declare(
    "petitions.rule_workorder",
    _("Rule on the responsible unit after repeated returns"),
    roles={Role.DEPT_HEAD},
    **OFFICE,
)
declare(
    "petitions.extend_workorder", _("Approve the extension of a petition"), roles={Role.DEPT_HEAD}, **OFFICE
)
declare(
    "petitions.visit_workorder",
    _("Record the return visit and satisfaction"),
    roles=DEPARTMENT_ROLES,
    **OFFICE,
)
declare("petitions.rate_workorder", _("Rate the handling of one's own matter"), roles=PORTAL_ROLES)
declare("petitions.review_workorder", _("Request a review of one's own petition"), roles=PORTAL_ROLES)
declare(
    "petitions.sign_answer",
    _("Sign for the written answer to one's own petition"),
    roles=PORTAL_ROLES,
)
declare("petitions.answer_review", _("Answer reviews and re-reviews"), roles={Role.DEPT_HEAD}, **OFFICE)
declare(
    "petitions.view_board",
    _("Read the supervision board"),
    roles=STAFF_ROLES - {Role.GRID_WORKER, Role.ARBITRATOR, Role.ARBITRATION_CLERK},
)
declare("petitions.export_workorder", _("Export work orders"), roles=STAFF_ROLES - {Role.GRID_WORKER})
