from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import Role
from hrbureau.core.permissions import declare

declare(
    "reports.view_dashboard",
    _("Read the leadership dashboard"),
    roles={Role.SYSADMIN, Role.LEADER, Role.DEPT_HEAD},
)
