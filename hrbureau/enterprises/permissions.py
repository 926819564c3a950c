from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import STAFF_ROLES, Role
from hrbureau.core.permissions import declare

declare(
    "enterprises.view_enterprise",
    _("See enterprises (within one's scope)"),
    roles=STAFF_ROLES | {Role.INTEGRATION, Role.ENTERPRISE},
)
