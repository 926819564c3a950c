"""The talent registers: records take their street from their enterprise; a station's postdocs in station
and the figures; an agreement action's state (open / done / overdue) computed from its progress and due
date, the same in Python and in the list's filter; deletion refused while records depend on a record;
who reads what (a street its own street's records, an enterprise only its own park residency)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from hrbureau.core import figures, profile
from hrbureau.talent import registers
from hrbureau.talent.registers_choices import ActionState
from hrbureau.talent.registers_lists import ACTIONS, ENTRANTS, PARK, POSTDOCS, STATIONS
from hrbureau.talent.registers_models import (
    AgreementAction,
    ContestEntrant,
    ContestRound,
    CooperationAgreement,
    ParkResidency,
    Postdoc,
    PostdocStation,
    TalentContest,
)

TODAY = dt.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def _save(world: Any, record: Any, **values: Any) -> Any:
    return registers.register_save(actor=world.users["dept_staff"], record=record, values=values)


def station(world: Any, key: str = "a1", **values: Any) -> PostdocStation:
    fields = {"kind": "station", "level": "national", "approved_on": dt.date(2020, 5, 1), **values}
    return _save(world, PostdocStation(), enterprise=world.enterprises[key], **fields)


def agreement(world: Any) -> CooperationAgreement:
    return _save(
        world,
        CooperationAgreement(),
        title="战略合作协议",
        parties="区人社局\n合作区",
        signed_on=dt.date(2025, 1, 1),
    )


def test_a_station_and_its_postdocs_take_the_street_of_the_enterprise(world: Any) -> None:
    s = station(world, "b1")
    postdoc = _save(world, Postdoc(station=s), name="林博文", topic="储能", entered_on=dt.date(2025, 1, 1))
    assert s.street_id == world.units["street-b"].pk
    assert postdoc.street_id == world.units["street-b"].pk


def test_a_postdoc_cannot_leave_before_entering_and_a_station_kind_is_once_per_employer(world: Any) -> None:
    s = station(world)
    with pytest.raises(ValidationError):
        _save(
            world,
            Postdoc(station=s),
            name="甲",
            topic="题",
            entered_on=dt.date(2025, 5, 1),
            left_on=dt.date(2025, 4, 1),
        )
    with pytest.raises(ValidationError):
        station(world)  # the same employer, the same kind
    assert station(world, kind="base").pk  # an innovation base beside the station is another record


def test_only_the_department_keeps_the_registers(world: Any) -> None:
    with pytest.raises(PermissionDenied):
        registers.register_save(
            actor=world.users["street_staff"], record=CooperationAgreement(), values={"title": "x"}
        )


def test_postdocs_in_station_today_are_the_figure_and_the_list_filter(world: Any) -> None:
    s = station(world)
    today = timezone.localdate()
    _save(world, Postdoc(station=s), name="在站", topic="t", entered_on=today - dt.timedelta(days=10))
    _save(world, Postdoc(station=s), name="已出站", topic="t", entered_on=dt.date(2020, 1, 1), left_on=today)
    _save(world, Postdoc(station=s), name="未进站", topic="t", entered_on=today + dt.timedelta(days=3))
    leader = world.users["leader"]
    assert figures.get("talent.postdocs_in_station").count(leader) == 1
    assert figures.get("talent.postdocs_in_station").by_street(leader) == {world.units["street-a"].pk: 1}
    names = {p.name for p in POSTDOCS.queryset(user=leader, values={"in_station": True})}
    assert names == {"在站"}
    assert {p.name for p in POSTDOCS.queryset(user=leader, values={"in_station": False})} == {
        "已出站",
        "未进站",
    }


def _action(world: Any, a: CooperationAgreement, title: str, due: dt.date) -> AgreementAction:
    return _save(world, AgreementAction(agreement=a), title=title, owner="人才科", due_on=due)


def test_an_action_is_done_at_100_percent_overdue_past_its_due_date_else_open(world: Any) -> None:
    a = agreement(world)
    today = timezone.localdate()
    staff = world.users["dept_staff"]
    done = _action(world, a, "已完成", today - dt.timedelta(days=5))
    late = _action(world, a, "已逾期", today - dt.timedelta(days=1))
    due_today = _action(world, a, "今天到期", today)
    registers.action_progress_record(
        actor=staff, action=done, reported_on=today - dt.timedelta(days=9), percent=100
    )
    registers.action_progress_record(
        actor=staff, action=late, reported_on=today - dt.timedelta(days=3), percent=90
    )
    assert (done.state, late.state, due_today.state) == (
        ActionState.DONE,
        ActionState.OVERDUE,
        ActionState.OPEN,
    )
    assert done.done_on == today - dt.timedelta(days=9)
    leader = world.users["leader"]
    for state in ActionState.values:
        listed = {x.title for x in ACTIONS.queryset(user=leader, values={"state": state})}
        assert listed == {x.title for x in AgreementAction.objects.all() if x.state == state}, state
    assert {x.title for x in ACTIONS.queryset(user=leader, values={"state": "overdue"})} == {"已逾期"}


def test_progress_is_the_latest_update_by_date_and_a_later_setback_reopens_the_action(world: Any) -> None:
    a = agreement(world)
    staff = world.users["dept_staff"]
    action = _action(world, a, "共建驿站", dt.date(2099, 1, 1))
    registers.action_progress_record(actor=staff, action=action, reported_on=dt.date(2026, 3, 1), percent=60)
    registers.action_progress_record(
        actor=staff, action=action, reported_on=dt.date(2026, 2, 1), percent=30
    )  # late entry
    action.refresh_from_db()
    assert action.progress == 60
    registers.action_progress_record(actor=staff, action=action, reported_on=dt.date(2026, 4, 1), percent=100)
    assert (action.progress, action.done_on) == (100, dt.date(2026, 4, 1))
    registers.action_progress_record(
        actor=staff, action=action, reported_on=dt.date(2026, 5, 1), percent=80, note="返工"
    )
    assert (action.progress, action.done_on, action.state) == (80, None, ActionState.OPEN)
    with pytest.raises(ValidationError):
        registers.action_progress_record(
            actor=staff, action=action, reported_on=dt.date(2026, 5, 2), percent=101
        )
    with pytest.raises(ValidationError):  # before the agreement was signed
        registers.action_progress_record(
            actor=staff, action=action, reported_on=dt.date(2024, 1, 1), percent=10
        )


def test_a_record_others_depend_on_cannot_be_deleted(world: Any) -> None:
    staff = world.users["dept_staff"]
    s = station(world)
    postdoc = _save(world, Postdoc(station=s), name="甲", topic="t", entered_on=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError, match="postdocs"):
        registers.register_delete(actor=staff, record=s)
    registers.register_delete(actor=staff, record=postdoc)
    registers.register_delete(actor=staff, record=s)
    assert not PostdocStation.objects.exists()
    contest = _save(world, TalentContest(), name="大赛", year=2026)
    entrant = _save(world, ContestEntrant(contest=contest), project="项目", leader="甲")
    _save(world, entrant, settled_on=dt.date(2026, 5, 1), enterprise=world.enterprises["a2"])
    with pytest.raises(ValidationError, match="settled"):
        registers.register_delete(actor=staff, record=entrant)


def test_a_settled_project_takes_the_street_of_its_enterprise_and_needs_its_date(world: Any) -> None:
    contest = _save(world, TalentContest(), name="大赛", year=2026)
    entrant = _save(world, ContestEntrant(contest=contest), project="项目", leader="甲")
    assert entrant.street_id is None
    with pytest.raises(ValidationError):
        _save(world, entrant, enterprise=world.enterprises["b2"])  # settled, but when?
    _save(world, entrant, enterprise=world.enterprises["b2"], settled_on=dt.date(2026, 5, 1))
    assert entrant.street_id == world.units["street-b"].pk
    assert figures.get("talent.projects_settled").count(world.users["leader"]) == 1
    assert {e.project for e in ENTRANTS.queryset(user=world.users["leader"], values={"settled": True})} == {
        "项目"
    }


def _park(world: Any, key: str) -> ParkResidency:
    return _save(
        world,
        ParkResidency(),
        enterprise=world.enterprises[key],
        founder_name="赵明轩",
        entered_on=dt.date(2025, 1, 1),
        area=Decimal("80.50"),
    )


def test_who_reads_the_registers(world: Any) -> None:
    """Department and leadership read everything; a street the stations, postdocs, park residencies and
    settled projects in it, and no agreement or contest; an enterprise only its own park residency."""
    station(world, "a1")
    station(world, "b1")
    _park(world, "a1")
    _park(world, "b1")
    agreement(world)
    contest = _save(world, TalentContest(), name="大赛", year=2026)
    users = world.users
    assert STATIONS.queryset(user=users["leader"]).count() == 2
    assert [s.enterprise_id for s in STATIONS.queryset(user=users["street_staff"])] == [
        world.enterprises["a1"].pk
    ]
    assert [r.enterprise_id for r in PARK.queryset(user=users["street_staff"])] == [
        world.enterprises["a1"].pk
    ]
    assert not CooperationAgreement.objects.for_user(users["street_staff"]).exists()
    assert not TalentContest.objects.for_user(users["street_staff"]).exists()
    enterprise = users["enterprise"]  # the user of enterprise A1
    assert [r.enterprise_id for r in ParkResidency.objects.for_user(enterprise)] == [
        world.enterprises["a1"].pk
    ]
    assert not PostdocStation.objects.for_user(enterprise).exists()
    assert not ContestEntrant.objects.for_user(enterprise).exists()
    assert not CooperationAgreement.objects.for_user(enterprise).exists()
    assert not ParkResidency.objects.for_user(users["individual"]).exists()
    assert contest.pk


def test_the_pages_for_the_keeper_and_the_reader(world: Any, client_for: Any) -> None:
    s = station(world)
    _save(world, Postdoc(station=s), name="林博文", topic="储能材料", entered_on=dt.date(2025, 1, 1))
    a = agreement(world)
    action = _action(world, a, "共建驿站", dt.date(2020, 1, 1))
    contest = _save(world, TalentContest(), name="国际大赛", year=2026)
    rnd = _save(
        world,
        ContestRound(contest=contest),
        name="伦敦赛区",
        city="伦敦",
        overseas=True,
        held_on=dt.date(2026, 3, 1),
    )
    entrant = _save(world, ContestEntrant(contest=contest), project="柔性电子", leader="高远")
    registers.result_record(
        actor=world.users["dept_staff"], round=rnd, entrant=entrant, rank=1, award="一等奖"
    )
    client = client_for("dept_staff")
    for url, text in (
        (f"/talent/stations/{s.pk}/", "林博文"),
        (f"/talent/agreements/{a.pk}/", "共建驿站"),
        (f"/talent/actions/{action.pk}/", "bg-red-lt"),
        (f"/talent/contests/{contest.pk}/", "一等奖"),
        (f"/talent/entrants/{entrant.pk}/", "伦敦赛区"),
        ("/talent/actions/?state=overdue", "共建驿站"),
        ("/talent/postdocs/?q=储能", "林博文"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
    response = client.post(
        f"/talent/actions/{action.pk}/progress/", {"reported_on": "2026-01-02", "percent": "100"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.state == ActionState.DONE
    response = client.post(
        "/talent/park/new/",
        {
            "uscc": world.enterprises["b2"].uscc,
            "founder_name": "孙雅琪",
            "entered_on": "2026-01-05",
            "area": "120",
        },
    )
    assert response.status_code == 302
    residency = ParkResidency.objects.get(founder_name="孙雅琪")
    assert residency.street_id == world.units["street-b"].pk
    response = client.post(f"/talent/registers/station/{s.pk}/delete/")  # a postdoc hangs on it
    assert PostdocStation.objects.filter(pk=s.pk).exists()
    assert response.status_code == 302
    # The street's reader sees its station, and is refused the keeper's forms.
    street = client_for("street_staff")
    assert street.get(f"/talent/stations/{s.pk}/").status_code == 200
    assert street.get(f"/talent/stations/{s.pk}/edit/").status_code == 403
    assert street.get(f"/talent/agreements/{a.pk}/").status_code == 403


def test_the_enterprise_page_lists_its_stations_park_residency_and_settled_projects(world: Any) -> None:
    e = world.enterprises["a2"]
    station(world, "a2")
    _park(world, "a2")
    contest = _save(world, TalentContest(), name="大赛", year=2026)
    _save(
        world,
        ContestEntrant(contest=contest),
        project="落地项目",
        leader="甲",
        settled_on=dt.date(2026, 1, 1),
        enterprise=e,
    )
    filled = {f.section.key: f.total for f in profile.sections_for(user=world.users["leader"], record=e)}
    assert (filled["talent.stations"], filled["talent.park"], filled["talent.settled"]) == (1, 1, 1)
    own = {
        f.section.key
        for f in profile.sections_for(user=world.users["enterprise"], record=world.enterprises["a1"])
    }
    assert "talent.stations" not in own


def test_an_enterprise_sees_its_own_park_residency_on_the_portal_and_nothing_else(
    world: Any, client_for: Any
) -> None:
    own = _park(world, "a1")  # enterprise A1 is the enterprise user's
    other = _save(
        world,
        ParkResidency(),
        enterprise=world.enterprises["b1"],
        founder_name="孙雅琪",
        entered_on=dt.date(2025, 1, 1),
    )
    s = station(world, "a1")
    client = client_for("enterprise")
    page = client.get("/talent/portal/park/").content.decode()
    assert own.founder_name in page
    assert other.founder_name not in page
    assert client.get("/talent/park/").status_code == 403
    assert client.get(f"/talent/park/{own.pk}/").status_code == 403  # the register's page is the bureau's
    assert client.get(f"/talent/stations/{s.pk}/").status_code == 403
    assert client_for("individual").get("/talent/portal/park/").status_code == 403
