from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import STAFF_ROLES, Role
from hrbureau.core.permissions import declare

EDITORS = {Role.SYSADMIN, Role.DEPT_HEAD, Role.DEPT_STAFF, Role.STREET_STAFF}
IMPORTERS = {Role.SYSADMIN, Role.DEPT_HEAD, Role.DEPT_STAFF}

declare("people.view_person", _("See people (within one's scope)"), roles=STAFF_ROLES | {Role.INDIVIDUAL})
declare("people.add_person", _("Register people"), roles=EDITORS)
declare("people.change_person", _("Edit people (within one's scope)"), roles=EDITORS)
declare("people.import_person", _("Import people from a spreadsheet"), roles=IMPORTERS)
declare("people.export_person", _("Export the people list (identifiers masked)"), roles=STAFF_ROLES)
# Seeing a full ID number: only roles that handle cases about people, one record at a time, with a
# reason, and every reveal audited (DOMAIN.md §4, §6).
declare(
    "people.reveal_person",
    _("Reveal a person's full ID number and phone (logged)"),
    roles={
        Role.SYSADMIN,
        Role.DEPT_HEAD,
        Role.DEPT_STAFF,
        Role.STREET_STAFF,
        Role.ARBITRATOR,
        Role.ARBITRATION_CLERK,
    },
)
