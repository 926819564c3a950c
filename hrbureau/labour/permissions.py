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
    "labour.compute_scores",
    _("Recompute the enterprise risk scores"),
    roles=DEPARTMENT,
    **LABOUR,
)
