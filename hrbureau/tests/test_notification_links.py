"""Every notice opens, for each one who receives it, the page meant for them (issue 15).

The test finds every place in the code that writes a notice (each ``notify(...)`` call and each direct
write of ``Notification`` rows), drives the business lines so that each of them writes its notices, and
then, as every receiver — the worker and the enterprise in the portal, the clerk, the arbitrator, street
and department staff, the department head, leadership — follows the notice's link from the inbox: it
must open a page of the case (200) in the reader's own area. A new call site that this test does not
reach fails it until a scenario below covers it.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

import hrbureau
from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core import notifications
from hrbureau.core.models import Notification

ROOT = Path(hrbureau.__file__).parent


def notice_writers() -> set[str]:
    """``module:function`` of every place outside the notifications module that writes notices."""
    sites: set[str] = set()
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts or path.name in {"notifications.py", "models.py"}:
            continue
        module = "hrbureau." + ".".join(path.relative_to(ROOT).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                calls_notify = isinstance(node, ast.Call) and (
                    (isinstance(node.func, ast.Name) and node.func.id == "notify")
                    or (isinstance(node.func, ast.Attribute) and node.func.attr == "notify")
                )
                writes_rows = isinstance(node, ast.Name) and node.id == "Notification"
                if calls_notify or writes_rows:
                    sites.add(f"{module}:{function.name}")
    return sites


def test_the_scan_finds_the_known_writers() -> None:
    # The scan itself is checked against writers known today, so an empty scan cannot pass the test below.
    assert {
        "hrbureau.arbitration.services:dispute_file",
        "hrbureau.arbitration.services:_tell_parties",
        "hrbureau.arbitration.services:service_record",
        "hrbureau.petitions.workflows:_dispatched",
        "hrbureau.petitions.workflows:_tell_petitioner",
        "hrbureau.labour.services:_tell_the_head",
        "hrbureau.core.clocks:_insert_notices",
    } <= notice_writers()


@pytest.fixture
def recorded(monkeypatch: Any) -> set[str]:
    """Every ``notify`` call made, as ``module:function`` of its caller."""
    seen: set[str] = set()
    original = notifications.notify

    def recording(**kwargs: Any) -> Any:
        caller = inspect.currentframe().f_back  # type: ignore[union-attr]
        assert caller is not None
        seen.add(f"{caller.f_globals['__name__']}:{caller.f_code.co_name}")
        return original(**kwargs)

    monkeypatch.setattr(notifications, "notify", recording)
    for name, module in list(sys.modules.items()):
        if name.startswith("hrbureau.") and getattr(module, "notify", None) is original:
            monkeypatch.setattr(module, "notify", recording)
    return seen


def _arbitration(world: Any) -> None:
    """A worker applies online against their employer, who is served electronically; an enterprise
    applies against a worker."""
    from hrbureau.arbitration import services
    from hrbureau.arbitration.choices import Channel, ClaimKind, DocumentKind, PartyRole, ServiceMethod
    from hrbureau.arbitration.tests.conftest import applicant, reinstall_defaults, respondent

    reinstall_defaults()
    clerk = world.users["arbitration_clerk"]
    dispute = services.dispute_file(
        actor=world.users["individual"],
        channel=Channel.ONLINE,
        facts="公司拖欠2026年1月至2月工资。",
        parties=[
            applicant(world.people["a1"], e_service_consent=True),
            respondent(world.enterprises["a1"], e_service_consent=True),
        ],
        claims=[services.ClaimInput(ClaimKind.WAGES, "支付拖欠工资", "12000")],
        documents=["仲裁申请书"],
    )
    services.dispute_accept(actor=clerk, dispute=dispute)
    services.service_record(
        actor=clerk,
        dispute=dispute,
        party=dispute.parties.get(role=PartyRole.RESPONDENT),
        document=DocumentKind.APPLICATION_COPY,
        method=ServiceMethod.ELECTRONIC,
    )
    services.service_record(
        actor=clerk,
        dispute=dispute,
        party=dispute.parties.get(role=PartyRole.APPLICANT),
        document=DocumentKind.ACCEPTANCE_NOTICE,
        method=ServiceMethod.ELECTRONIC,
    )
    from hrbureau.arbitration.choices import PartyKind

    services.dispute_file(
        actor=world.users["enterprise"],
        channel=Channel.ONLINE,
        facts="员工擅自离职并带走公司设备。",
        parties=[
            services.PartyInput(
                PartyRole.APPLICANT,
                PartyKind.ENTERPRISE,
                world.enterprises["a1"].name,
                world.enterprises["a1"].uscc,
            ),
            services.PartyInput(
                PartyRole.RESPONDENT, PartyKind.PERSON, world.people["b1"].name, world.people["b1"].id_number
            ),
        ],
        claims=[services.ClaimInput(ClaimKind.DAMAGES, "赔偿设备损失", "3000")],
        documents=["仲裁申请书"],
    )


def _petitions(world: Any) -> Any:
    """A citizen's complaint: dispatched to a street that returns it, then to a department that replies;
    the citizen is dissatisfied and it goes back for rework."""
    from hrbureau.petitions import services
    from hrbureau.petitions.tests.conftest import _default_time_limits
    from hrbureau.petitions.tests.factories import categories, make_order

    _default_time_limits()
    office = User.objects.create_user(
        username="xf_staff", password="Secret#2026", role=Role.DEPT_STAFF, org_unit=world.units["petitions"]
    )
    citizen = world.users["individual"]
    order = make_order(
        actor=citizen,
        category=categories()["wages"],
        person=world.people["a1"],
        channel="online",
        petitioner_name=world.people["a1"].name,
    )
    services.workorder_dispatch(actor=office, order=order, unit=world.units["street-a"])
    services.workorder_return(actor=world.users["street_staff"], order=order, reason="非本街道职责")
    services.workorder_dispatch(actor=office, order=order, unit=world.units["labour_relations"])
    services.workorder_sign(actor=world.users["dept_staff"], order=order)
    services.workorder_reply(actor=world.users["dept_staff"], order=order, reply="已责令企业支付。")
    services.workorder_rate(
        actor=citizen, order=order, satisfaction="dissatisfied", reason="仍未到账", by_citizen=True
    )
    return order


def _labour(world: Any) -> None:
    """A grid worker finds that an owner absconded: the labour-relations head is told at once."""
    from hrbureau.labour.choices import RiskType, Severity
    from hrbureau.labour.tests.conftest import record, reinstall_defaults

    reinstall_defaults()
    record(
        world,
        {"grid": world.users["grid_worker"]},
        risk_type=RiskType.ABSCONDING,
        severity=Severity.SERIOUS,
        workers_affected=4,
        on=timezone.localdate(),
    )


def _policies(world: Any) -> None:
    """A policy item published for big enterprises reaches the enterprise A1 in its portal."""
    from hrbureau.enterprises.models import Enterprise
    from hrbureau.policies.matching import match_item
    from hrbureau.policies.models import PolicyItem

    Enterprise.objects.filter(pk=world.enterprises["a1"].pk).update(employees=150)
    item = PolicyItem.objects.create(
        number="ZC-001",
        title="稳岗补贴",
        state="published",
        eligibility={"field": "employees", "op": "gte", "value": 100},
    )
    match_item(item=item)
    # A1 applies for a 快申快享 item; the department asks for more materials (A1 told on its portal).
    from hrbureau.policies import applications
    from hrbureau.policies.tests.conftest import published_item

    application = applications.application_submit(
        actor=world.users["enterprise"], item=published_item(), enterprise=world.enterprises["a1"]
    )
    applications.application_start_review(actor=world.users["dept_staff"], application=application)
    applications.application_request_supplement(
        actor=world.users["dept_staff"], application=application, reason="请补充社保缴费清单"
    )


def _enterprise_demands(world: Any) -> None:
    """An enterprise files a demand on the portal: routed to its street (told), marked key (leadership
    told), replied (the enterprise told in its portal inbox)."""
    from hrbureau.enterprises import demand_services as services
    from hrbureau.enterprises.tests.demand_helpers import file_demand, replied, routed

    demand = routed(world, file_demand(world))
    services.demand_mark_key(actor=world.users["street_staff"], demand=demand, reason="用工缺口大")
    replied(world, demand)


def _hrmarket(world: Any) -> None:
    """A reporting enterprise has not reported last month's figures by the due date: it is reminded."""
    from hrbureau.core.workflow import SYSTEM
    from hrbureau.enterprises.models import EnterpriseTag
    from hrbureau.hrmarket import reporting
    from hrbureau.hrmarket.models import REPORTING_TAG

    world.enterprises["a1"].tags.add(EnterpriseTag.objects.get(code=REPORTING_TAG))
    period = reporting.last_ended_period(timezone.localdate())
    assert period is not None
    report = reporting.report_open(actor=SYSTEM, enterprise=world.enterprises["a1"], period=period)
    assert reporting.reminders_send(report.period.due_on + dt.timedelta(days=1)) == 1


def _recipients(notice: Notification) -> list[User]:
    if notice.recipient_id is not None:
        return [notice.recipient]  # type: ignore[list-item]
    if notice.recipient_unit_id is not None:
        return list(User.objects.filter(org_unit_id=notice.recipient_unit_id, is_active=True))
    return list(User.objects.filter(role=notice.recipient_role, is_active=True))


def _case_number(notice: Notification) -> str:
    from django.apps import apps

    case = apps.get_model(notice.case_type).objects.get(pk=notice.case_id)
    # A case without a number (an enterprise's industry report) is named by its enterprise.
    return str(case.number) if hasattr(case, "number") else case.enterprise.name


def _open_digest(notice: Notification) -> None:
    from hrbureau.core.models import Clock

    for user in _recipients(notice):
        client = Client()
        client.force_login(user)
        response = client.get(f"/core/inbox/{notice.pk}/open/")
        assert response.status_code == 302
        assert response["Location"] == notice.url
        page = client.get(response["Location"]).content.decode()
        supervised = Clock.objects.filter(supervised_on__isnull=False)
        assert supervised.exists()
        for clock in supervised[:5]:
            assert clock.title in page, clock.title


def test_every_notice_opens_the_page_meant_for_each_receiver(
    world: Any, recorded: set[str], django_capture_on_commit_callbacks: Any
) -> None:
    # Given every business line writing its notices (after-commit notices included)
    with django_capture_on_commit_callbacks(execute=True):
        _arbitration(world)
        _petitions(world)
        _labour(world)
        _policies(world)
        _enterprise_demands(world)
        _hrmarket(world)
        _talent_subsidies(world)  # --- subsidies ---
    if Notification.objects.filter(url="/policies/mine/").exists():
        recorded.add("hrbureau.policies.matching:push_new_matches")
    # and the supervision ladder reaching leadership a month after everything fell due
    from hrbureau.core.clocks import sweep_deadlines

    before = Notification.objects.count()
    sweep_deadlines(today=timezone.localdate() + dt.timedelta(days=60))
    if Notification.objects.filter(case_type__gt="").count() > before:
        recorded.add("hrbureau.core.clocks:_insert_notices")
    digests = Notification.objects.filter(url__startswith="/core/supervision/")
    if digests.exists():
        recorded.add("hrbureau.core.clocks:leadership_digest")

    # Then every writer of notices was reached by a scenario
    missing = notice_writers() - recorded
    assert not missing, f"notices written here are not covered by this test: {sorted(missing)}"

    # and every receiver opens every one of their notices from their inbox onto a page of the case
    roles: set[str] = set()
    opened = 0
    for notice in Notification.objects.order_by("id"):
        if not notice.case_type:
            # leadership's daily digest: it opens the list of the day's supervised cases
            assert notice.recipient_role == Role.LEADER, notice.title
            _open_digest(notice)
            roles.add(Role.LEADER)
            opened += 1
            continue
        for user in _recipients(notice):
            client = Client()
            client.force_login(user)
            link = f"/core/inbox/{notice.pk}/open/"
            assert f'href="{link}"' in client.get("/core/inbox/").content.decode(), (user.role, notice.title)
            response = client.get(link)
            assert response.status_code == 302, (user.role, notice.title)
            page = client.get(response["Location"])
            assert page.status_code == 200, (user.role, notice.title, response["Location"])
            area = "portal" if user.is_portal_role else "workbench"
            assert page.context["nav_area"] == area
            if user.is_portal_role:
                # the party's own page in the portal, never the staff page that refuses them
                assert response["Location"].startswith(
                    (
                        "/arbitration/mine/",
                        "/petitions/mine/",
                        "/policies/mine/",
                        "/policies/my/",
                        "/enterprises/demands/mine/",
                        "/hrmarket/portal/",
                        "/talent/my/",  # --- subsidies ---
                    )
                )
            assert _case_number(notice) in page.content.decode(), (user.role, notice.title)
            roles.add(user.role)
            opened += 1
    assert roles >= {
        Role.INDIVIDUAL,
        Role.ENTERPRISE,
        Role.ARBITRATION_CLERK,
        Role.ARBITRATOR,
        Role.STREET_STAFF,
        Role.DEPT_STAFF,
        Role.DEPT_HEAD,
        Role.LEADER,
    }, roles
    assert opened >= 20


# --- subsidies ---
def _talent_subsidies(world: Any) -> None:
    """Resident A1 applies for a subsidy on the portal: returned for a supplement, then approved (told
    each time on the portal and by SMS); another scheme's application is refused (told)."""
    from hrbureau.talent import subsidy_applications as svc
    from hrbureau.talent.tests.subsidy_helpers import make_scheme, submit

    application = submit(world, make_scheme(name="通知补贴"))
    svc.application_request_supplement(
        actor=world.users["dept_staff"], application=application, reason="请补充学位证书"
    )
    svc.application_resubmit(actor=world.users["individual"], application=application, statement="已补充")
    svc.application_approve(actor=world.users["dept_staff"], application=application, step="approve")
    refused = submit(world, make_scheme(name="通知住房补贴"))
    svc.application_refuse(actor=world.users["dept_staff"], application=refused, reason="不符合条件")
