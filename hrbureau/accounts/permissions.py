"""Permissions of the platform shell and the organisation (see core.permissions)."""

from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import PORTAL_ROLES, STAFF_ROLES, Role
from hrbureau.core.permissions import declare

ALL_ROLES = frozenset(Role.values)
DISTRICT_STAFF = frozenset(
    {Role.SYSADMIN, Role.LEADER, Role.DEPT_HEAD, Role.DEPT_STAFF, Role.ARBITRATOR, Role.ARBITRATION_CLERK}
)

declare("core.use_workbench", _("Use the staff workbench"), roles=STAFF_ROLES)
declare("core.use_portal", _("Use the enterprise and citizen portal"), roles=PORTAL_ROLES)
declare("core.use_api", _("Use the JSON API"), roles=ALL_ROLES)
declare("core.comment_case", _("Comment on cases one may see"), roles=STAFF_ROLES - {Role.LEADER})
declare("core.attach_case", _("Attach files to cases one may see"), roles=STAFF_ROLES - {Role.LEADER})
declare("core.view_outboxmessage", _("See outgoing SMS and e-mail with their status"), roles={Role.SYSADMIN})
declare("core.view_auditevent", _("Read the audit log"), roles={Role.SYSADMIN})
declare("core.export_auditevent", _("Export the audit log"), roles={Role.SYSADMIN})
declare(
    "core.view_supervision",
    _("See the cases under supervision (督办) and the daily digest's lists"),
    roles={Role.SYSADMIN, Role.LEADER, Role.DEPT_HEAD},
)
declare("accounts.view_orgunit", _("See the organisation tree"), roles=STAFF_ROLES | {Role.INTEGRATION})
declare(
    "accounts.export_orgunit",
    _("Export the organisation tree"),
    roles={Role.SYSADMIN, Role.LEADER, Role.DEPT_HEAD, Role.DEPT_STAFF},
)
declare("accounts.manage_users", _("Manage user accounts"), roles={Role.SYSADMIN})
