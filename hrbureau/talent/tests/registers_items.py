"""Rows of the talent registers' declared lists, for hrbureau/tests/test_declared_lists.py: varied in every
filtered and searched column (kinds, levels, in station or gone, resident or left, actions open, done and
overdue, projects settled or not), and makers of one more row each for the query-count test."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from hrbureau.talent import registers
from hrbureau.talent.registers_models import (
    AgreementAction,
    ContestEntrant,
    CooperationAgreement,
    ParkResidency,
    Postdoc,
    PostdocStation,
    TalentContest,
)

WORDS = "储能材料视觉检测细胞治疗低碳建筑芯片封装数字孪生海洋生物人工智能合作协议人才驿站柔性电子"


def _text(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _save(world: Any, record: Any, **values: Any) -> Any:
    return registers.register_save(actor=world.users["dept_staff"], record=record, values=values)


def corpus_rows(world: Any, rng: random.Random) -> None:
    from hrbureau.enterprises.models import Enterprise

    today = timezone.localdate()
    enterprises = list(Enterprise.objects.order_by("id")[:16])
    for n, enterprise in enumerate(enterprises[:8]):
        station = _save(
            world,
            PostdocStation(),
            enterprise=enterprise,
            kind=rng.choice(["station", "base"]) if n > 1 else ["station", "base"][n],
            level=["national", "provincial", "city"][n % 3],
            approved_on=dt.date(2018 + n % 6, 1 + n, 1),
        )
        for _m in range(2):
            entered = today - dt.timedelta(days=rng.randint(-30, 900))
            left = entered + dt.timedelta(days=rng.randint(1, 700)) if rng.random() < 0.5 else None
            _save(
                world,
                Postdoc(station=station),
                name=_text(rng, 2, 3),
                topic=_text(rng, 3, 10),
                supervisor=_text(rng, 0, 3),
                entered_on=entered,
                left_on=left,
            )
    for enterprise in enterprises[8:14]:
        entered = today - dt.timedelta(days=rng.randint(-10, 900))
        _save(
            world,
            ParkResidency(),
            enterprise=enterprise,
            founder_name=_text(rng, 2, 3),
            entered_on=entered,
            left_on=entered + dt.timedelta(days=rng.randint(1, 500)) if rng.random() < 0.4 else None,
        )
    for n in range(3):
        agreement = _save(
            world,
            CooperationAgreement(),
            title=_text(rng, 4, 10),
            parties=f"{_text(rng, 2, 6)}\n{_text(rng, 2, 6)}",
            signed_on=dt.date(2024, 1 + n, 1),
            terms=_text(rng, 0, 20),
        )
        for _m in range(4):
            action = _save(
                world,
                AgreementAction(agreement=agreement),
                title=_text(rng, 3, 10),
                owner=_text(rng, 2, 4),
                due_on=today + dt.timedelta(days=rng.randint(-60, 60)),
            )
            if rng.random() < 0.6:
                registers.action_progress_record(
                    actor=world.users["dept_staff"],
                    action=action,
                    reported_on=dt.date(2025, 6, 1),
                    percent=rng.choice([30, 100]),
                )
    contest = _save(world, TalentContest(), name="国际人才大赛", year=2026)
    for n in range(10):
        settles = rng.random() < 0.4
        _save(
            world,
            ContestEntrant(contest=contest),
            project=_text(rng, 3, 8) + str(n),
            leader=_text(rng, 2, 3),
            field=_text(rng, 0, 4),
            settled_on=dt.date(2026, 3, 1 + n) if settles else None,
            enterprise=rng.choice(enterprises) if settles else None,
        )


def kept(name: str, value: Any) -> Callable[[Any], bool] | None:
    """The rows a register list's own filter keeps, read plainly in Python (None: not one of them)."""
    yes = value == "yes"
    return {
        "in_station": lambda r: r.in_station == yes,
        "resident": lambda r: r.resident == yes,
        "settled": lambda r: r.settled == yes,
        "state": lambda r: r.state == value,
    }.get(name)


def makers(world: Any) -> dict[str, Callable[[int], Any]]:
    from hrbureau.enterprises.tests.factories import EnterpriseFactory

    def station(i: int) -> Any:
        return _save(
            world,
            PostdocStation(),
            enterprise=EnterpriseFactory(street=world.units["street-a"]),
            kind="station",
            level="city",
            approved_on=dt.date(2020, 1, 1),
        )

    def agreement(i: int) -> Any:
        return _save(
            world, CooperationAgreement(), title=f"协议{i}", parties="甲", signed_on=dt.date(2025, 1, 1)
        )

    def contest(i: int) -> Any:
        return _save(world, TalentContest(), name=f"大赛{i}", year=2026)

    return {
        "postdocstation": station,
        "postdoc": lambda i: _save(
            world, Postdoc(station=station(i)), name=f"博士{i}", topic="题目", entered_on=dt.date(2025, 1, 1)
        ),
        "parkresidency": lambda i: _save(
            world,
            ParkResidency(),
            enterprise=EnterpriseFactory(street=world.units["street-a"]),
            founder_name=f"创始人{i}",
            entered_on=dt.date(2025, 1, 1),
        ),
        "cooperationagreement": agreement,
        "agreementaction": lambda i: _save(
            world,
            AgreementAction(agreement=agreement(i)),
            title=f"事项{i}",
            owner="科室",
            due_on=dt.date(2026, 1, 1),
        ),
        "talentcontest": contest,
        "contestentrant": lambda i: _save(
            world, ContestEntrant(contest=contest(i)), project=f"项目{i}", leader="甲"
        ),
    }
