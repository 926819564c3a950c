"""Enterprise demands (企业诉求): filing, the reply clock by kind in working days, the workflow's steps and
guards, scoping (an enterprise sees its own demands only), the lists, the portal pages and the figures."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from openpyxl import load_workbook

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core import clocks, figures
from hrbureau.core.models import Notification
from hrbureau.core.todo import todo_items
from hrbureau.core.workflow import TransitionError
from hrbureau.enterprises import demand_services as services
from hrbureau.enterprises.demand_workflows import CLOCK_REPLY
from hrbureau.enterprises.models import DemandReplyLimit, EnterpriseDemand
from hrbureau.enterprises.tests.demand_helpers import MONDAY, file_demand, reinstall_periods, replied, routed


@pytest.fixture(autouse=True)
def _english() -> Any:
    from django.utils import translation

    with translation.override("en"):
        yield


def _other_enterprise_user(world: Any) -> User:
    user = User.objects.create_user(username="ent_b1", password="Secret#2026", role=Role.ENTERPRISE)
    user.enterprise = world.enterprises["b1"]
    user.save()
    return user


# --- filing and the reply clock ----------------------------------------------------------------------


def test_the_reply_clock_counts_the_period_of_the_kind_in_working_days(world: Any) -> None:
    # Given a recruitment demand and a policy demand filed on a Monday
    recruitment = file_demand(world, kind="recruitment", on=MONDAY)
    policy = file_demand(world, kind="policy", on=MONDAY)
    # Then the recruitment demand is due on the 5th working day after, the policy one on the 10th
    assert clocks.clock_of(recruitment, CLOCK_REPLY).due_on == dt.date(2026, 3, 9)
    assert recruitment.due_on == dt.date(2026, 3, 9)
    assert clocks.clock_of(policy, CLOCK_REPLY).due_on == dt.date(2026, 3, 16)
    assert recruitment.number.startswith("QS2026")
    assert recruitment.number != policy.number
    assert recruitment.street_id == world.enterprises["a1"].street_id
    assert recruitment.state == "filed"
    assert recruitment.channel == "portal"


def test_a_new_period_from_a_later_day_governs_only_the_demands_filed_from_then(world: Any) -> None:
    reinstall_periods()
    DemandReplyLimit.objects.filter(key="recruitment").update(valid_to=dt.date(2026, 3, 15))
    DemandReplyLimit.objects.create(
        key="recruitment", days=3, day_kind="working", valid_from=dt.date(2026, 3, 16)
    )
    before = file_demand(world, on=MONDAY)
    after = file_demand(world, on=dt.date(2026, 3, 16))
    assert before.due_on == dt.date(2026, 3, 9)  # 5 working days
    assert after.due_on == dt.date(2026, 3, 19)  # 3 working days


def test_an_enterprise_files_only_for_itself_and_staff_only_within_their_scope(world: Any) -> None:
    reinstall_periods()
    with pytest.raises(PermissionDenied):
        services.demand_file(
            actor=world.users["enterprise"],
            enterprise=world.enterprises["b1"],
            kind="other",
            title="t",
            description="d",
        )
    with pytest.raises(PermissionDenied):  # street A's staff do not serve street B's enterprises
        services.demand_file(
            actor=world.users["street_staff"],
            enterprise=world.enterprises["b1"],
            kind="other",
            title="t",
            description="d",
            channel="officer",
        )
    with pytest.raises(ValidationError) as error:
        services.demand_file(
            actor=world.users["dept_staff"],
            enterprise=world.enterprises["b1"],
            kind="nonsense",
            title="",
            description="",
        )
    assert {"kind", "title", "description", "channel"} <= set(error.value.message_dict)
    demand = services.demand_file(
        actor=world.users["street_staff"],
        enterprise=world.enterprises["a2"],
        kind="talent",
        title="人才公寓申请",
        description="咨询人才公寓。",
        channel="officer",
    )
    assert demand.channel == "officer"
    assert demand.filed_by == world.users["street_staff"]


# --- the workflow ------------------------------------------------------------------------------------


def test_filed_routed_replied_rated(world: Any, django_capture_on_commit_callbacks: Any) -> None:
    demand = file_demand(world, on=MONDAY)
    routed(world, demand)
    assert demand.state == "routed"
    assert demand.responsible_unit == world.units["street-a"]
    assert Notification.objects.filter(recipient_unit=world.units["street-a"], case_id=demand.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        replied(world, demand, on=dt.date(2026, 3, 6))
    assert demand.state == "replied"
    assert demand.replied_on_time is True
    assert clocks.clock_of(demand, CLOCK_REPLY).stopped_on == dt.date(2026, 3, 6)
    # the enterprise is told in its portal inbox
    assert Notification.objects.filter(recipient=world.users["enterprise"], case_id=demand.pk).exists()
    services.demand_rate(actor=world.users["enterprise"], demand=demand, rating=4, comment="对接及时")
    demand.refresh_from_db()
    assert (demand.state, demand.rating, demand.rating_comment) == ("closed", 4, "对接及时")
    assert demand.closed_on is not None


def test_a_late_reply_is_recorded_as_late(world: Any) -> None:
    demand = file_demand(world, on=MONDAY)
    replied(world, demand, on=dt.date(2026, 3, 10))  # due 9 March
    assert demand.replied_on_time is False


def test_only_the_unit_routed_to_replies_and_it_may_return_it(world: Any) -> None:
    demand = routed(world, file_demand(world), unit="labour_relations")
    with pytest.raises(TransitionError, match="Only the unit"):
        services.demand_reply(actor=world.users["street_staff"], demand=demand, reply="x")
    services.demand_return(actor=world.users["dept_staff"], demand=demand, reason="属街道职责")
    assert demand.state == "filed"
    assert demand.responsible_unit is None
    assert demand.assigned_unit is None
    routed(world, demand, unit="street-a")
    services.demand_transfer(
        actor=world.users["dept_staff"], demand=demand, unit=world.units["employment"], reason="属就业科"
    )
    assert demand.state == "routed"
    assert demand.responsible_unit == world.units["employment"]


def test_a_demand_goes_to_a_department_or_its_own_street_only(world: Any) -> None:
    demand = file_demand(world)
    with pytest.raises(ValidationError):
        services.demand_route(actor=world.users["dept_staff"], demand=demand, unit=world.units["street-b"])
    with pytest.raises(ValidationError):
        services.demand_route(actor=world.users["dept_staff"], demand=demand, unit=world.units["grid-a1"])
    with pytest.raises(PermissionDenied):  # street staff reply; they do not route
        services.demand_route(actor=world.users["street_staff"], demand=demand, unit=world.units["street-a"])


def test_only_the_enterprise_rates_and_only_after_the_reply(world: Any) -> None:
    demand = routed(world, file_demand(world))
    with pytest.raises(TransitionError):  # not replied yet
        services.demand_rate(actor=world.users["enterprise"], demand=demand, rating=5)
    replied(world, demand)
    with pytest.raises(PermissionDenied):  # staff do not rate for the enterprise
        services.demand_rate(actor=world.users["dept_staff"], demand=demand, rating=5)
    with pytest.raises(PermissionDenied):  # another enterprise cannot even see it
        services.demand_rate(actor=_other_enterprise_user(world), demand=demand, rating=1)
    with pytest.raises(ValidationError):
        services.demand_rate(actor=world.users["enterprise"], demand=demand, rating=6)
    services.demand_rate(actor=world.users["enterprise"], demand=demand, rating=5)
    assert demand.state == "closed"


def test_the_enterprise_withdraws_until_it_is_replied(world: Any) -> None:
    first = routed(world, file_demand(world))
    services.demand_withdraw(actor=world.users["enterprise"], demand=first, reason="已自行解决")
    assert first.state == "withdrawn"
    assert clocks.clock_of(first, CLOCK_REPLY).stopped_on is not None
    second = replied(world, file_demand(world))
    with pytest.raises(TransitionError):
        services.demand_withdraw(actor=world.users["enterprise"], demand=second)
    with pytest.raises(PermissionDenied):  # staff cannot withdraw for it
        services.demand_withdraw(actor=world.users["dept_staff"], demand=file_demand(world))


def test_a_key_demand_reaches_leadership_and_their_to_do(world: Any) -> None:
    demand = file_demand(world)
    leader = world.users["leader"]
    assert not any(demand.number in item.title for item in todo_items(user=leader))
    services.demand_mark_key(actor=world.users["street_staff"], demand=demand, reason="涉及200人用工缺口")
    assert demand.is_key
    assert Notification.objects.filter(recipient_role=Role.LEADER, case_id=demand.pk).exists()
    assert any(demand.number in item.title for item in todo_items(user=leader))
    with pytest.raises(TransitionError):  # once
        services.demand_mark_key(actor=world.users["dept_staff"], demand=demand, reason="again")
    replied(world, demand)
    assert not any(demand.number in item.title for item in todo_items(user=leader))


def test_the_to_do_holds_demands_to_route_for_routers_and_to_reply_for_the_unit(world: Any) -> None:
    demand = file_demand(world)
    assert any(demand.number in i.title for i in todo_items(user=world.users["dept_staff"]))
    assert not any(demand.number in i.title for i in todo_items(user=world.users["street_staff"]))
    routed(world, demand)
    assert any(demand.number in i.title for i in todo_items(user=world.users["street_staff"]))
    assert not any(demand.number in i.title for i in todo_items(user=world.users["dept_staff"]))


def test_the_arbitration_institute_neither_routes_demands_nor_has_them_to_do(world: Any) -> None:
    head = User.objects.create_user(
        username="arb_head", password="Secret#2026", role=Role.DEPT_HEAD, org_unit=world.units["arbitration"]
    )
    demand = file_demand(world)
    assert not any(demand.number in i.title for i in todo_items(user=head))
    with pytest.raises(PermissionDenied):
        services.demand_route(actor=head, demand=demand, unit=world.units["street-a"])


def test_staff_close_a_reply_the_enterprise_does_not_rate(world: Any) -> None:
    demand = replied(world, file_demand(world))
    services.demand_close(actor=world.users["dept_staff"], demand=demand, reason="企业未评价，电话回访满意")
    assert demand.state == "closed"
    assert demand.rating is None


# --- who sees what -----------------------------------------------------------------------------------


def test_an_enterprise_sees_its_own_demands_only(world: Any) -> None:
    own = file_demand(world)
    other = file_demand(world, key="b1")
    ent = world.users["enterprise"]
    assert set(EnterpriseDemand.objects.for_user(ent)) == {own}
    assert set(EnterpriseDemand.objects.for_user(_other_enterprise_user(world))) == {other}
    assert set(EnterpriseDemand.objects.for_user(world.users["street_staff"])) == {own}
    assert set(EnterpriseDemand.objects.for_user(world.users["leader"])) == {own, other}
    assert not EnterpriseDemand.objects.for_user(world.users["grid_worker"]).exists()
    assert not EnterpriseDemand.objects.for_user(world.users["individual"]).exists()


def test_the_portal_pages_of_another_enterprise_refuse(world: Any) -> None:
    demand = file_demand(world)
    client = Client()
    client.force_login(_other_enterprise_user(world))
    assert client.get(f"/enterprises/demands/mine/{demand.pk}/").status_code == 403
    assert demand.number not in client.get("/enterprises/demands/mine/").content.decode()
    assert client.get(f"/enterprises/demands/{demand.pk}/").status_code == 403  # the staff page
    assert client.get("/enterprises/demands/mine/999999/").status_code == 404
    response = client.post(
        f"/api/v1/enterprise-demands/{demand.pk}/actions/withdraw", {}, content_type="application/json"
    )
    assert response.status_code in (403, 404)


# --- pages -------------------------------------------------------------------------------------------


def test_the_enterprise_files_follows_and_rates_on_the_portal(world: Any) -> None:
    reinstall_periods()
    client = Client()
    client.force_login(world.users["enterprise"])
    assert client.get("/enterprises/demands/mine/new/").status_code == 200
    response = client.post(
        "/enterprises/demands/mine/new/",
        {
            "kind": "training",
            "title": "技能培训补贴咨询",
            "description": "想组织员工参加电工培训。",
            "contact_phone": "13800138000",
        },
    )
    demand = EnterpriseDemand.objects.get(title="技能培训补贴咨询")
    assert response.status_code == 302
    assert response["Location"] == f"/enterprises/demands/mine/{demand.pk}/"
    assert demand.enterprise == world.enterprises["a1"]
    assert demand.channel == "portal"
    body = client.get("/enterprises/demands/mine/").content.decode()
    assert demand.number in body
    replied(world, demand)
    page = client.get(f"/enterprises/demands/mine/{demand.pk}/").content.decode()
    assert "已对接辖区人力资源服务机构" in page
    assert "评价答复" in page  # the rate action (pages speak Chinese)
    assert "street_staff" not in page  # no staff names on the portal
    response = client.post(
        f"/core/cases/enterprises.enterprisedemand/{demand.pk}/actions/rate/",
        {"rating": "5", "comment": "很满意", "version": demand.version},
    )
    assert response.status_code == 302
    demand.refresh_from_db()
    assert (demand.state, demand.rating) == ("closed", 5)


def test_staff_record_a_demand_by_the_enterprises_code(world: Any, client_for: Any) -> None:
    reinstall_periods()
    client = client_for("street_staff")
    data = {"channel": "officer", "kind": "policy", "title": "稳岗补贴", "description": "咨询稳岗返还。"}
    body = client.post(
        "/enterprises/demands/new/", {**data, "uscc": world.enterprises["b1"].uscc}
    ).content.decode()
    assert "您服务范围内没有该代码的企业。" in body  # street B's is not theirs
    response = client.post(
        "/enterprises/demands/new/", {**data, "uscc": world.enterprises["a2"].uscc.lower()}
    )
    demand = EnterpriseDemand.objects.get(title="稳岗补贴")
    assert response["Location"] == f"/enterprises/demands/{demand.pk}/"
    assert demand.enterprise == world.enterprises["a2"]
    assert demand.filed_by == world.users["street_staff"]
    page = client.get(f"/enterprises/demands/{demand.pk}/").content.decode()
    assert "稳岗补贴" in page
    assert world.enterprises["a2"].name in page


def test_the_staff_list_filters_searches_and_exports(world: Any, client_for: Any) -> None:
    late = file_demand(world, on=MONDAY, title="东湖物流仓储招工")
    key = file_demand(world, key="a2", kind="policy", title="研发费用加计扣除")
    services.demand_mark_key(actor=world.users["dept_staff"], demand=key, reason="重点企业")
    done = replied(world, file_demand(world, key="b1", title="社保缴费基数"), unit="labour_relations")
    client = client_for("dept_staff")

    def listed(query: str) -> set[str]:
        body = client.get(f"/enterprises/demands/?{query}").content.decode()
        return {d.number for d in (late, key, done) if d.number in body}

    assert listed("") == {late.number, key.number, done.number}
    assert listed("overdue=yes") == {late.number}
    assert listed("key=yes") == {key.number}
    assert listed("kind=policy") == {key.number}
    assert listed("state=replied") == {done.number}
    assert listed(f"unit={world.units['labour_relations'].pk}") == {done.number}
    assert listed(f"street={world.units['street-b'].pk}") == {done.number}
    assert listed("q=物流仓储") == {late.number}
    assert listed(f"q={world.enterprises['a2'].name}") == {key.number}  # by the enterprise's name
    response = client.get("/enterprises/demands/?export=xlsx&key=yes")
    rows = list(
        load_workbook(BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True)
    )
    assert len(rows) == 2
    assert rows[1][0] == key.number
    # street A's staff see their street's demands only
    body = client_for("street_staff").get("/enterprises/demands/").content.decode()
    assert late.number in body
    assert done.number not in body


# --- figures -----------------------------------------------------------------------------------------


def test_the_figures_count_what_the_reader_sees_by_street(world: Any) -> None:
    on_time = replied(world, file_demand(world, on=MONDAY), on=dt.date(2026, 3, 6))
    services.demand_rate(actor=world.users["enterprise"], demand=on_time, rating=5)
    late = replied(world, file_demand(world, on=MONDAY), on=dt.date(2026, 3, 12))
    services.demand_rate(actor=world.users["enterprise"], demand=late, rating=3)
    key = file_demand(world, key="b1")
    services.demand_mark_key(actor=world.users["dept_staff"], demand=key, reason="重点")
    leader, street = world.users["leader"], world.users["street_staff"]
    a, b = world.units["street-a"].pk, world.units["street-b"].pk
    assert figures.get("enterprises.demands_received").count(leader) == 3
    assert figures.get("enterprises.demands_received").count(street) == 2
    assert figures.get("enterprises.demands_received").by_street(leader) == {a: 2, b: 1}
    assert figures.get("enterprises.key_demands").count(leader) == 1
    assert figures.get("enterprises.key_demands").count(street) == 0
    assert figures.get("enterprises.demands_replied_on_time").count(leader) == 50
    assert figures.get("enterprises.demands_replied_on_time").by_street(leader) == {a: 50}
    assert figures.get("enterprises.demand_rating").count(leader) == 80  # (5 + 3) / 2 = 4 stars of 5


def test_the_guide_reads_the_periods_in_force(world: Any, client_for: Any) -> None:
    reinstall_periods()
    client = client_for("enterprise")
    body = client.get("/core/guides/enterprise_demand_file/").content.decode()
    assert "5个工作日内答复（政策类诉求10个工作日）" in body
    DemandReplyLimit.objects.filter(key="policy").update(days=8)
    body = client.get("/core/guides/enterprise_demand_file/").content.decode()
    assert "政策类诉求8个工作日" in body
    home = client.get("/portal/").content.decode()
    assert "/enterprises/demands/mine/new/" in home  # the tile on the enterprise's portal home


def test_the_enterprise_page_lists_its_demands_the_reader_may_see(world: Any, client_for: Any) -> None:
    demand = file_demand(world, title="招聘会展位申请")
    services.demand_mark_key(actor=world.users["dept_staff"], demand=demand, reason="重点")
    body = client_for("street_staff").get(f"/enterprises/{world.enterprises['a1'].pk}/").content.decode()
    assert demand.number in body
    assert "招聘会展位申请" in body
    assert f"/enterprises/demands/{demand.pk}/" in body
