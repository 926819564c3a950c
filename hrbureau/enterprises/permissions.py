from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import STAFF_ROLES, Department, Role
from hrbureau.core.permissions import declare

EDITORS = {Role.SYSADMIN, Role.DEPT_HEAD, Role.DEPT_STAFF, Role.STREET_STAFF}
IMPORTERS = {Role.SYSADMIN, Role.DEPT_HEAD, Role.DEPT_STAFF}

declare(
    "enterprises.view_enterprise",
    _("See enterprises (within one's scope)"),
    roles=STAFF_ROLES | {Role.INTEGRATION, Role.ENTERPRISE},
)
declare("enterprises.add_enterprise", _("Register enterprises"), roles=EDITORS | {Role.INTEGRATION})
declare(
    "enterprises.change_enterprise",
    _("Edit enterprises (within one's scope)"),
    roles=EDITORS | {Role.INTEGRATION},
)
declare(
    "enterprises.import_enterprise",
    _("Import enterprises from a spreadsheet"),
    roles=IMPORTERS | {Role.INTEGRATION},
)
declare("enterprises.export_enterprise", _("Export the enterprise list"), roles=STAFF_ROLES)

# --- Enterprise demands (企业诉求) ---------------------------------------------------------------------
DEMAND_HANDLERS = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.STREET_STAFF}
DEMAND_ROUTERS = {Role.DEPT_HEAD, Role.DEPT_STAFF}
# The departments that serve enterprises route their demands (not the arbitration institute, which must
# stay neutral, nor the petitions office, which has its own work orders).
DEMAND_ROUTING_DEPARTMENTS = {
    Department.EMPLOYMENT,
    Department.LABOUR_RELATIONS,
    Department.TALENT,
    Department.HR_MARKET,
    Department.OFFICE,
}
declare(
    "enterprises.view_enterprisedemand",
    _("See enterprise demands (within one's scope; an enterprise its own)"),
    roles={Role.LEADER, Role.ENTERPRISE} | DEMAND_HANDLERS,
)
declare(
    "enterprises.add_enterprisedemand",
    _("Record a demand on behalf of an enterprise"),
    roles=DEMAND_HANDLERS,
)
declare(
    "enterprises.file_enterprisedemand",
    _("File, follow, withdraw and rate one's own enterprise's demands on the portal"),
    roles={Role.ENTERPRISE},
)
declare(
    "enterprises.route_enterprisedemand",
    _("Route enterprise demands to the responsible unit, transfer and close them"),
    roles=DEMAND_ROUTERS,
    departments=DEMAND_ROUTING_DEPARTMENTS,
)
declare(
    "enterprises.handle_enterprisedemand",
    _("Reply to (or return) the enterprise demands routed to one's unit"),
    roles=DEMAND_HANDLERS,
)
declare(
    "enterprises.escalate_enterprisedemand",
    _("Mark an enterprise demand as a key demand for leadership"),
    roles=DEMAND_HANDLERS,
)
declare(
    "enterprises.follow_key_enterprisedemand",
    _("Follow the open key demands on one's to-do"),
    roles={Role.LEADER},
)
declare(
    "enterprises.export_enterprisedemand",
    _("Export the enterprise demand list"),
    roles={Role.LEADER} | DEMAND_HANDLERS,
)


# --- Key enterprises' service plans (一企一策) and labour-demand lists (issue 17) -------------------------
SERVICE_READERS = {Role.LEADER, Role.DEPT_HEAD, Role.DEPT_STAFF, Role.STREET_STAFF}
SERVICE_EDITORS = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.STREET_STAFF}
declare(
    "enterprises.view_serviceplan",
    _("See key enterprises' service plans, items and visits (within one's scope)"),
    roles=SERVICE_READERS,
)
declare(
    "enterprises.change_serviceplan",
    _("Keep key enterprises' service plans: officers, items, progress, visits"),
    roles=SERVICE_EDITORS,
)
declare(
    "enterprises.export_serviceplan", _("Export the key enterprises' service list"), roles=SERVICE_READERS
)
declare(
    "enterprises.view_labourdemand",
    _("See enterprises' labour-demand lists (within one's scope)"),
    roles=SERVICE_READERS,
)
declare(
    "enterprises.change_labourdemand",
    _("Record enterprises' labour demands and the hires against them"),
    roles=SERVICE_EDITORS,
)
declare("enterprises.export_labourdemand", _("Export the labour-demand list"), roles=SERVICE_READERS)
declare(
    "enterprises.record_own_labourdemand",
    _("Record one's own enterprise's labour needs on the portal"),
    roles={Role.ENTERPRISE},
)
declare(
    "enterprises.view_own_plan",
    _("Read one's own enterprise's service plan on the portal"),
    roles={Role.ENTERPRISE},
)
