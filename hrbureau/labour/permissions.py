"""Who may do what in labour-risk early warning. Grid workers and street staff inspect and resolve in
their own grid or street (scoping narrows every list); the labour-relations department plans, assigns,
verifies, configures the score and draws samples district-wide; leadership reads."""

from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import Department, Role
from hrbureau.core.permissions import declare

LABOUR = {"departments": {Department.LABOUR_RELATIONS}}  # 劳动关系科
DEPARTMENT = {Role.DEPT_HEAD, Role.DEPT_STAFF}
FIELD = {Role.STREET_STAFF, Role.GRID_WORKER}  # 街道、网格

for model, what in (
    ("risk", _("See labour risks (within one's street or grid)")),
    ("inspection", _("See inspections (within one's street or grid)")),
    ("plantarget", _("See planned visits (within one's street or grid)")),
    ("samplemember", _("See survey tasks (within one's street or grid)")),
    ("enterpriseriskscore", _("See enterprise risk scores and the early-warning list")),
):
    declare(f"labour.view_{model}", what, roles=DEPARTMENT | FIELD | {Role.LEADER}, **LABOUR)

declare(
    "labour.add_inspection",
    _("Record inspections and the risks found"),
    roles=DEPARTMENT | FIELD,
    **LABOUR,
)
declare(
    "labour.assign_risk",
    _("Assign labour risks to a street or a department"),
    roles=DEPARTMENT | {Role.STREET_STAFF},
    **LABOUR,
)
declare(
    "labour.handle_risk",
    _("Take up and resolve labour risks assigned to one's unit"),
    roles=DEPARTMENT | {Role.STREET_STAFF},
    **LABOUR,
)
declare(
    "labour.verify_risk",
    _("Verify resolved labour risks (not one's own resolution)"),
    roles=DEPARTMENT | {Role.STREET_STAFF},
    **LABOUR,
)
declare(
    "labour.escalate_risk",
    _("Escalate a labour risk to the department head"),
    roles=DEPARTMENT | FIELD,
    **LABOUR,
)
declare(
    "labour.plan_inspection",
    _("Plan inspections and draw survey samples"),
    roles=DEPARTMENT,
    **LABOUR,
)
declare(
    "labour.survey_sample",
    _("Record survey visits of a sample"),
    roles=DEPARTMENT | FIELD,
    **LABOUR,
)
declare(
    "labour.view_statistics",
    _("Read the screening and resolution figures"),
    roles=DEPARTMENT | {Role.STREET_STAFF, Role.LEADER},
    **LABOUR,
)
declare(
    "labour.export_risk",
    _("Export labour-risk lists and figures"),
    roles=DEPARTMENT | {Role.STREET_STAFF, Role.LEADER},
    **LABOUR,
)
declare(
    "labour.export_sample",
    _("Export the enterprises of a survey sample"),
    roles=DEPARTMENT,
    **LABOUR,
)
declare(
    "labour.export_evaluation",
    _("Export employer grades and the register of labour penalties"),
    roles=DEPARTMENT | {Role.LEADER},
    **LABOUR,
)
declare(
    "labour.compute_scores",
    _("Recompute the enterprise risk scores"),
    roles=DEPARTMENT,
    **LABOUR,
)
declare(
    "labour.view_evaluation",
    _("See the employer grades and the honest employer lists being drawn"),
    roles=DEPARTMENT | {Role.LEADER},
    **LABOUR,
)
declare(
    "labour.evaluate_employers",
    _("Grade employers, put the honest employer list on notice, decide objections, publish"),
    roles=DEPARTMENT,
    **LABOUR,
)
declare(
    "labour.add_labourrecord",
    _("Keep the register of labour penalties and incidents"),
    roles=DEPARTMENT,
    **LABOUR,
)
declare(
    "labour.view_compliance",
    _("See compliance trainings, consultations and the legal-expert pool"),
    roles=DEPARTMENT | {Role.LEADER},
    **LABOUR,
)
declare(
    "labour.manage_compliance",
    _("Organise compliance trainings and consultations, record attendance"),
    roles=DEPARTMENT,
    **LABOUR,
)
MARKET = {"departments": {Department.HR_MARKET, Department.LABOUR_RELATIONS}}
declare(
    "labour.view_agency",
    _("See the register of HR-service agencies and their enforcement actions"),
    roles=DEPARTMENT | {Role.LEADER},
    **MARKET,
)
declare(
    "labour.manage_agency",
    _("Register HR-service agencies and record inspections and sanctions"),
    roles=DEPARTMENT,
    **MARKET,
)
declare(
    "labour.export_agency",
    _("Export the register of HR-service agencies"),
    roles=DEPARTMENT | {Role.LEADER},
    **MARKET,
)
