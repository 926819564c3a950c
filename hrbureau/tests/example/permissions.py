from hrbureau.accounts.choices import Role
from hrbureau.core.permissions import declare

STAFF = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.STREET_STAFF}
declare("example.view_demand", "See demands (within one's street)", roles=STAFF | {Role.LEADER})
declare("example.close_demand", "Close demands", roles=STAFF)
declare("example.export_demand", "Export demands", roles={Role.DEPT_HEAD, Role.DEPT_STAFF})
