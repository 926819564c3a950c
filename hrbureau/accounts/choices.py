from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does on the platform; decides permissions and, with the unit, the scope."""

    SYSADMIN = "sysadmin", _("System administrator")  # 系统管理员: accounts, reference data, audit
    LEADER = "leader", _("Leadership")  # 局领导: reads dashboards and reports, changes nothing
    DEPT_HEAD = "dept_head", _("Department head")  # 科室负责人: staff rights plus approvals
    DEPT_STAFF = "dept_staff", _("Department staff")  # 科室工作人员: handles the department's cases
    STREET_STAFF = "street_staff", _("Street staff")  # 街道工作人员: their street only
    GRID_WORKER = "grid_worker", _("Grid worker")  # 网格员: their grid only
    ARBITRATOR = "arbitrator", _("Arbitrator")  # 仲裁员
    ARBITRATION_CLERK = "arbitration_clerk", _("Arbitration clerk")  # 仲裁书记员
    INTEGRATION = "integration", _("Integration (API only)")  # 系统对接: token-authenticated API only
    ENTERPRISE = "enterprise", _("Enterprise user")  # 企业用户: bound to one enterprise by USCC
    INDIVIDUAL = "individual", _("Individual")  # 个人用户: bound to one person by resident ID


class ScopeKind(models.TextChoices):
    """How far a user's view of records reaches (DESIGN.md mechanism 9)."""

    DISTRICT = "district", _("Whole district")
    STREET = "street", _("One street")
    GRID = "grid", _("One grid")
    ENTERPRISE = "enterprise", _("One enterprise")
    PERSON = "person", _("Own records")
    NOTHING = "nothing", _("Nothing")


class OrgUnitKind(models.TextChoices):
    """The levels of the organisation tree."""

    BUREAU = "bureau", _("Bureau")  # 区人力资源局
    DEPARTMENT = "department", _("Department")  # 科室 / 直属单位
    DISTRICT = "district", _("District")  # 区
    STREET = "street", _("Street")  # 街道
    COMMUNITY = "community", _("Community")  # 社区
    GRID = "grid", _("Grid")  # 网格


class Department(models.TextChoices):
    """The bureau's departments; the code of each department unit."""

    TALENT = "talent", _("Talent services")  # 人才服务科
    EMPLOYMENT = "employment", _("Employment promotion")  # 就业促进科
    LABOUR_RELATIONS = "labour_relations", _("Labour relations")  # 劳动关系科
    ARBITRATION = "arbitration", _("Arbitration institute")  # 劳动人事争议仲裁院
    PETITIONS = "petitions", _("Petitions office")  # 信访办
    HR_MARKET = "hr_market", _("HR market supervision")  # 人力资源市场监管科
    OFFICE = "office", _("General office")  # 办公室


ROLE_SCOPE: dict[str, str] = {
    Role.SYSADMIN: ScopeKind.DISTRICT,
    Role.LEADER: ScopeKind.DISTRICT,
    Role.DEPT_HEAD: ScopeKind.DISTRICT,
    Role.DEPT_STAFF: ScopeKind.DISTRICT,
    Role.ARBITRATOR: ScopeKind.DISTRICT,
    Role.ARBITRATION_CLERK: ScopeKind.DISTRICT,
    Role.INTEGRATION: ScopeKind.DISTRICT,
    Role.STREET_STAFF: ScopeKind.STREET,
    Role.GRID_WORKER: ScopeKind.GRID,
    Role.ENTERPRISE: ScopeKind.ENTERPRISE,
    Role.INDIVIDUAL: ScopeKind.PERSON,
}

# Roles that work in the staff workbench; the others use the public portal (or only the API).
STAFF_ROLES = frozenset(
    {
        Role.SYSADMIN,
        Role.LEADER,
        Role.DEPT_HEAD,
        Role.DEPT_STAFF,
        Role.STREET_STAFF,
        Role.GRID_WORKER,
        Role.ARBITRATOR,
        Role.ARBITRATION_CLERK,
    }
)
PORTAL_ROLES = frozenset({Role.ENTERPRISE, Role.INDIVIDUAL})
