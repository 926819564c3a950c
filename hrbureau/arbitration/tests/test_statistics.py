"""The institute's figures come from the data: averages fast track vs ordinary (the seed's "about one
third shorter"), on-time and mediation rates, each figure the count of the rows its link lists."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from hrbureau.arbitration import selectors, services
from hrbureau.arbitration.choices import DocumentKind, Procedure, ServiceMethod
from hrbureau.arbitration.lists import DISPUTES
from hrbureau.arbitration.models import Dispute, Hearing
from hrbureau.arbitration.tests.conftest import accepted
from hrbureau.core.workflow import transition

D = dt.date


def _close(
    world: Any,
    arb: dict[str, Any],
    *,
    accepted_on: dt.date,
    closed_on: dt.date,
    simplified: bool,
    mediate: bool = False,
) -> Dispute:
    dispute = accepted(world, arb, day=accepted_on, migrant_wages=simplified)
    procedure = Procedure.SIMPLIFIED if simplified else Procedure.ORDINARY
    services.dispute_confirm_procedure(
        actor=arb["arbitrator"], dispute=dispute, procedure=procedure, on=accepted_on
    )
    panel = [] if simplified else [arb["arbitrator2"], arb["arbitrator3"]]
    services.dispute_form_tribunal(
        actor=arb["clerk"], dispute=dispute, arbitrator=arb["arbitrator"], panel=panel, on=accepted_on
    )
    # A hearing held in the past, as the demo records it.
    start = timezone.make_aware(dt.datetime.combine(closed_on, dt.time(9)))
    hearing = Hearing.objects.create(
        dispute=dispute, room=arb["room"], starts_at=start, ends_at=start, state="held"
    )
    transition(dispute, "schedule_hearing", actor=arb["clerk"], data={"hearing": hearing.pk})
    transition(dispute, "hold_hearing", actor=arb["arbitrator"], data={"on": closed_on})
    if mediate:
        services.mediation_agree(
            actor=arb["arbitrator"],
            dispute=dispute,
            terms="一次性支付",
            agreed={c.pk: c.amount_claimed for c in dispute.claims.all()},
            on=closed_on,
        )
        for party in services.mediation_signers(dispute):
            services.service_record(
                actor=arb["clerk"],
                dispute=dispute,
                party=party,
                document=DocumentKind.MEDIATION_STATEMENT,
                method=ServiceMethod.IN_PERSON,
                on=closed_on,
                signed_on=closed_on,
            )
        services.dispute_mediate(actor=arb["arbitrator"], dispute=dispute, on=closed_on)
    else:
        claim = dispute.claims.get()
        services.dispute_award(
            actor=arb["arbitrator"], dispute=dispute, awarded={claim.pk: "1000"}, on=closed_on
        )
    dispute.refresh_from_db()
    return dispute


@pytest.fixture
def closed(world: Any, arb: dict[str, Any]) -> list[Dispute]:
    return [
        _close(world, arb, accepted_on=D(2026, 3, 2), closed_on=D(2026, 3, 22), simplified=True),  # 20 days
        _close(
            world, arb, accepted_on=D(2026, 3, 2), closed_on=D(2026, 4, 1), simplified=True, mediate=True
        ),  # 30
        _close(world, arb, accepted_on=D(2026, 3, 2), closed_on=D(2026, 4, 6), simplified=False),  # 35
        _close(world, arb, accepted_on=D(2026, 3, 2), closed_on=D(2026, 4, 21), simplified=False),  # 50: late
        accepted(world, arb, day=D(2026, 3, 3)),  # still open
    ]


def test_the_fast_track_reduction_and_the_rates_come_from_the_cases(
    world: Any, arb: dict[str, Any], closed: list[Dispute]
) -> None:
    assert closed[3].closed_on_time is False  # due 16 April
    assert closed[2].closed_on_time is True
    assert closed[0].days_to_close == 20
    stats = selectors.dispute_statistics(user=arb["clerk"], period_from=D(2026, 1, 1))
    by = {r.procedure: r for r in stats.rows}
    assert by[Procedure.SIMPLIFIED].average_days == 25.0
    assert by[Procedure.ORDINARY].average_days == 42.5
    assert stats.fast_track_reduction == round(100 * (1 - 25 / 42.5), 1) == 41.2
    assert by[Procedure.ORDINARY].on_time_rate == 50.0
    assert stats.total.mediation_rate == 25.0
    assert stats.filed == 5
    assert stats.open == 1


@pytest.mark.parametrize("figure", ["filed", "accepted", "closed", "mediated", "on_time", "open"])
def test_each_figure_is_the_count_of_the_rows_its_link_lists(
    world: Any, arb: dict[str, Any], closed: list[Dispute], figure: str
) -> None:
    stats = selectors.dispute_statistics(user=arb["clerk"])
    expected = {
        "filed": stats.filed,
        "open": stats.open,
        "accepted": stats.total.accepted,
        "closed": stats.total.closed,
        "mediated": stats.total.mediated,
        "on_time": stats.total.on_time,
    }[figure]
    listed = DISPUTES.queryset(user=arb["clerk"], values={"figure": figure}).count()
    assert listed == expected


def test_the_statistics_page_and_its_export(
    world: Any, arb: dict[str, Any], closed: list[Dispute], client: Any
) -> None:
    client.cookies["hrbureau_language"] = "en"
    client.force_login(arb["clerk"])
    page = client.get("/arbitration/statistics/?filed_from=2026-01-01").content.decode()
    assert "41.2 % sooner" in page
    assert "figure=closed" in page
    export = client.get("/arbitration/statistics/?filed_from=2026-01-01&export=xlsx")
    rows = list(load_workbook(BytesIO(b"".join(export.streaming_content))).active.iter_rows(values_only=True))
    assert rows[1][0] == str(Procedure.ORDINARY.label)
    assert rows[1][3] == 42.5
    assert rows[-1][1] == 5  # accepted: all five were
