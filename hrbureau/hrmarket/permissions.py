"""Who may do what in the HR-service market: the HR-market supervision and labour-relations departments
register agencies and record inspections and sanctions; leadership reads."""

from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import Department, Role
from hrbureau.core.permissions import declare

DEPARTMENT = {Role.DEPT_HEAD, Role.DEPT_STAFF}
MARKET = {"departments": {Department.HR_MARKET, Department.LABOUR_RELATIONS}}
declare(
    "hrmarket.view_agency",
    _("See the register of HR-service agencies and their enforcement actions"),
    roles=DEPARTMENT | {Role.LEADER},
    **MARKET,
)
declare(
    "hrmarket.manage_agency",
    _("Register HR-service agencies and record inspections and sanctions"),
    roles=DEPARTMENT,
    **MARKET,
)
declare(
    "hrmarket.export_agency",
    _("Export the register of HR-service agencies"),
    roles=DEPARTMENT | {Role.LEADER},
    **MARKET,
)
