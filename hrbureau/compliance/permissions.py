"""Who may do what in employer compliance: the labour-relations department grades employers, keeps the
register of penalties, runs the honest employer list's notice and organises trainings and consultations;
leadership reads. The published list is public (no permission)."""

from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import Department, Role
from hrbureau.core.permissions import declare

LABOUR = {"departments": {Department.LABOUR_RELATIONS}}  # 劳动关系科
DEPARTMENT = {Role.DEPT_HEAD, Role.DEPT_STAFF}

declare(
    "compliance.export_evaluation",
    _("Export employer grades and the register of labour penalties"),
    roles=DEPARTMENT | {Role.LEADER},
    **LABOUR,
)
declare(
    "compliance.view_evaluation",
    _("See the employer grades and the honest employer lists being drawn"),
    roles=DEPARTMENT | {Role.LEADER},
    **LABOUR,
)
declare(
    "compliance.evaluate_employers",
    _("Grade employers, put the honest employer list on notice, decide objections, publish"),
    roles=DEPARTMENT,
    **LABOUR,
)
declare(
    "compliance.add_labourrecord",
    _("Keep the register of labour penalties and incidents"),
    roles=DEPARTMENT,
    **LABOUR,
)
declare(
    "compliance.view_compliance",
    _("See compliance trainings, consultations and the legal-expert pool"),
    roles=DEPARTMENT | {Role.LEADER},
    **LABOUR,
)
declare(
    "compliance.manage_compliance",
    _("Organise compliance trainings and consultations, record attendance"),
    roles=DEPARTMENT,
    **LABOUR,
)
declare(
    "compliance.export_compliance",
    _("Export compliance trainings and consultations and the legal-expert pool"),
    roles=DEPARTMENT | {Role.LEADER},
    **LABOUR,
)
