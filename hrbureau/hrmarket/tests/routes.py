"""HR-service market routes for the permission matrix: the HR-market and labour-relations departments and
leadership read the register of agencies; the departments act. The pages' old addresses under /labour/
answer every viewer with a permanent redirect."""

from __future__ import annotations

from typing import Any

from hrbureau.accounts.choices import Role
from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, Route, action_routes

DISTRICT = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.LEADER}
PLANNERS = {Role.DEPT_HEAD, Role.DEPT_STAFF}
EVERYONE = ALL_ROLES | {ANONYMOUS}


def _agency(world: Any) -> Any:
    if "hrmarket" not in world.people:
        from django.utils import timezone

        from hrbureau.hrmarket import services

        world.people["hrmarket"] = services.agency_register(
            actor=world.users["dept_staff"],
            enterprise=world.enterprises["a1"],
            licence_no="HR-1",
            licence_kind="hr_service",
            licensed_on=timezone.localdate(),
        )
    return world.people["hrmarket"]


def _report(world: Any) -> Any:
    """Enterprise A1 (the enterprise user's own) reports; its report for the last ended month."""
    if "hrmarket_report" not in world.people:
        from django.utils import timezone

        from hrbureau.core.workflow import SYSTEM
        from hrbureau.enterprises.models import EnterpriseTag
        from hrbureau.hrmarket import reporting
        from hrbureau.hrmarket.models import REPORTING_TAG

        world.enterprises["a1"].tags.add(EnterpriseTag.objects.get(code=REPORTING_TAG))
        period = reporting.last_ended_period(timezone.localdate())
        assert period is not None
        world.people["hrmarket_report"] = reporting.report_open(
            actor=SYSTEM, enterprise=world.enterprises["a1"], period=period
        )
    return world.people["hrmarket_report"]


def _report_url(template: str) -> Any:
    return lambda world: template.format(_report(world).pk)


def _report_list(path: str) -> Any:
    def url(world: Any) -> str:
        _report(world)
        return path

    return url


def _open_url(world: Any) -> str:
    return f"/hrmarket/portal/figures/open/{_report(world).period_id}/"


def _url(template: str) -> Any:
    return lambda world: template.format(_agency(world).pk)


def _list(path: str) -> Any:
    def url(world: Any) -> str:
        _agency(world)
        return path

    return url


ROUTES = [
    Route("hrmarket:agencies", _list("/hrmarket/agencies/"), allowed=DISTRICT),
    Route(
        "hrmarket:agencies",
        _list("/hrmarket/agencies/?export=xlsx"),
        allowed=DISTRICT,
        label="export",
        export="hrmarket.export_agency",
    ),
    Route("hrmarket:create", _list("/hrmarket/agencies/new/"), allowed=PLANNERS),
    Route(
        "hrmarket:create",
        _list("/hrmarket/agencies/new/"),
        method="POST",
        ok_status=200,
        data={"uscc": "x"},
        allowed=PLANNERS,
        label="add",
    ),
    Route("hrmarket:agency", _url("/hrmarket/agencies/{}/"), allowed=DISTRICT),
    Route("hrmarket:enforcement", _list("/hrmarket/enforcement/"), allowed=DISTRICT),
    Route(
        "hrmarket:enforcement",
        _list("/hrmarket/enforcement/?export=xlsx"),
        allowed=DISTRICT,
        label="export",
        export="hrmarket.export_agency",
    ),
    Route(
        "core:case_action",
        _url("/core/cases/hrmarket.hragency/{}/actions/enforce/"),
        method="POST",
        ok_status=200,
        data={"kind": "inspection"},
        allowed=PLANNERS,
        label="hr agency: enforce",
    ),
    Route(
        "api:agency_list",
        _list("/api/v1/hr-agencies"),
        api=True,
        allowed=DISTRICT,
        rows=lambda world: {'"licence_no": "HR-1"': DISTRICT},
    ),
    Route("moved:labour_agencies", "/labour/agencies/", allowed=EVERYONE, ok_status=301),
    Route("moved:labour_agency", _url("/labour/agencies/{}/"), allowed=EVERYONE, ok_status=301),
]

# The HR-service industry's reports: the departments and leadership read them on the workbench; the
# enterprise user reads and reports its own on the portal.
ROUTES += [
    Route("hrmarket:industry", _report_list("/hrmarket/industry/"), allowed=DISTRICT),
    Route(
        "hrmarket:reports",
        _report_list("/hrmarket/industry/reports/"),
        allowed=DISTRICT,
        rows=lambda world: {"企业A1科技有限公司": DISTRICT},
    ),
    Route(
        "hrmarket:reports",
        _report_list("/hrmarket/industry/reports/?export=xlsx"),
        allowed=DISTRICT,
        label="export",
        export="hrmarket.export_industryreport",
    ),
    Route("hrmarket:report", _report_url("/hrmarket/industry/reports/{}/"), allowed=DISTRICT),
    Route("hrmarket:portal_reports", _report_list("/hrmarket/portal/figures/"), allowed={Role.ENTERPRISE}),
    Route(
        "hrmarket:portal_report_open",
        _open_url,
        method="POST",
        ok_status=302,
        allowed={Role.ENTERPRISE},
    ),
    Route("hrmarket:portal_report", _report_url("/hrmarket/portal/figures/{}/"), allowed={Role.ENTERPRISE}),
    Route(
        "core:case_action",
        _report_url("/core/cases/hrmarket.industryreport/{}/actions/record/"),
        method="POST",
        ok_status=200,
        data={"revenue": "x"},
        allowed=PLANNERS,
        label="industry report: record",
    ),
    Route(
        "api:industryreport_list",
        _report_list("/api/v1/industry-reports"),
        api=True,
        allowed=DISTRICT,
        rows=lambda world: {f'"enterprise_id": {world.enterprises["a1"].pk}': DISTRICT},
    ),
]
ROUTES += action_routes("hrmarket.industryreport", _report, ALL_ROLES)

# Every licence step as an API action: its permission's holders who may see the agency are let through to
# the form (hrbureau.tests.matrix.action_routes).
ROUTES += action_routes("hrmarket.hragency", _agency, ALL_ROLES)
