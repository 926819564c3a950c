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

# The HR-service industry's reporting enterprises (纳统企业): the HR-market department checks the figures;
# leadership reads them; an enterprise user reads and submits its own enterprise's (the submission also
# asks that the enterprise carries the reporting tag).
declare(
    "hrmarket.view_industryreport",
    _("See HR-service industry reports (an enterprise: its own)"),
    roles=DEPARTMENT | {Role.LEADER, Role.ENTERPRISE},
    **MARKET,
)
declare(
    "hrmarket.view_industry",
    _("See the HR-service industry's reports and figures"),
    roles=DEPARTMENT | {Role.LEADER},
    **MARKET,
)
declare(
    "hrmarket.submit_industryreport",
    _("Submit the enterprise's HR-service industry figures"),
    roles={Role.ENTERPRISE},
)
declare(
    "hrmarket.review_industryreport",
    _("Accept or return HR-service industry reports, and import them"),
    roles=DEPARTMENT,
    **MARKET,
)
declare(
    "hrmarket.export_industryreport",
    _("Export HR-service industry reports"),
    roles=DEPARTMENT | {Role.LEADER},
    **MARKET,
)
