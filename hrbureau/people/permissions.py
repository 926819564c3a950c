from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import STAFF_ROLES, Role
from hrbureau.core.permissions import declare

declare("people.view_person", _("See people (within one's scope)"), roles=STAFF_ROLES | {Role.INDIVIDUAL})
