from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import STAFF_ROLES, Role
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
