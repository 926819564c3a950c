"""An enterprise's visits and labour risks on its timeline (``core.timeline``), for readers who may see
them: each linked, newest first, in the reader's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hrbureau.core.timeline import timeline_for
from hrbureau.labour import services
from hrbureau.labour.choices import InspectionKind
from hrbureau.labour.models import Inspection
from hrbureau.labour.tests.conftest import MONDAY, all_yes, arrears, one_no, record


def _visit(world: Any, lab: dict[str, Any], *, on: dt.date, risks: int) -> Inspection:
    return services.inspection_record(
        actor=lab["grid"],
        enterprise=world.enterprises["a1"],
        kind=InspectionKind.ROUTINE,
        answers=one_no() if risks else all_yes(),
        visited_on=on,
        risks=[arrears() for _ in range(risks)],
    )


def _entries(user: Any, enterprise: Any, icon: str) -> list[Any]:
    return [entry for entry in timeline_for(user=user, record=enterprise) if entry.icon == icon]


def test_risks_and_visits_are_on_the_enterprises_timeline(world: Any, lab: dict[str, Any]) -> None:
    enterprise = world.enterprises["a1"]
    first = record(world, lab, on=MONDAY)
    second = record(world, lab, on=MONDAY + dt.timedelta(days=7))
    record(world, lab, key="b1")  # another enterprise's
    risks = _entries(lab["staff"], enterprise, "alert-triangle")
    assert [e.url for e in risks] == [f"/labour/risks/{second.pk}/", f"/labour/risks/{first.pk}/"]
    assert risks[0].title == f"Labour risk {second.number} · Found"
    assert risks[0].detail == "Wage arrears · Minor"
    quiet = _visit(world, lab, on=MONDAY - dt.timedelta(days=7), risks=0)
    busy = _visit(world, lab, on=MONDAY + dt.timedelta(days=14), risks=2)
    shown = _entries(lab["staff"], enterprise, "clipboard-check")
    assert [e.url for e in shown] == [busy.get_absolute_url(), quiet.get_absolute_url()]
    assert shown[0].title == "Visit: Routine grid screening"
    assert (shown[0].detail, shown[1].detail) == ("2 risks found", "No risk found")
    assert len(_entries(lab["staff"], enterprise, "alert-triangle")) == 4  # two recorded, two found


def test_a_street_sees_only_its_own_enterprises_risks(world: Any, lab: dict[str, Any]) -> None:
    record(world, lab)  # enterprise a1, street A
    enterprise = world.enterprises["a1"]
    assert len(_entries(lab["street"], enterprise, "alert-triangle")) == 1
    assert _entries(lab["street_b"], enterprise, "alert-triangle") == []
    assert _entries(world.users["arbitrator"], enterprise, "alert-triangle") == []  # no right to see risks


def test_a_visit_says_how_many_risks_it_found(world: Any, lab: dict[str, Any], client: Any) -> None:
    visit = _visit(world, lab, on=MONDAY, risks=2)
    risk = visit.risks.first()
    assert risk is not None
    client.force_login(lab["staff"])
    client.cookies["hrbureau_language"] = "zh-hans"
    body = client.get(f"/enterprises/{world.enterprises['a1'].pk}/").content.decode()
    timeline = body[body.index('data-testid="timeline"') :]
    assert f'<a href="{visit.get_absolute_url()}">走访：网格日常排查</a>' in timeline
    assert '<div class="text-secondary float-end small">2026-03-02</div>' in timeline  # a date, no time
    assert "发现隐患 2 项" in timeline
    assert f'<a href="/labour/risks/{risk.pk}/">劳资隐患 {risk.number} · ' in timeline
