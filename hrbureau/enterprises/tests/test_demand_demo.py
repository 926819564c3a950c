"""The demo's enterprise demands: a few hundred in every state, key ones and rated ones among them, each
made through the services (its events and clocks real); a second run adds nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command

from hrbureau.core.demo import DemoContext
from hrbureau.core.models import CaseEvent, Clock
from hrbureau.enterprises import demand_demo
from hrbureau.enterprises.models import EnterpriseDemand

ARGS = ("--enterprises", "200", "--people", "100", "--work-orders", "0", "--disputes", "0", "--quiet-logins")


def test_demo_demands_in_every_state(db: Any) -> None:
    call_command("seed_demo", *ARGS, stdout=StringIO())
    assert EnterpriseDemand.objects.count() == demand_demo.volume(
        DemoContext(out=StringIO(), enterprises=200)
    )
    # A larger district's volume, on the same registers (the line continues where it stopped).
    ctx = DemoContext(out=StringIO(), enterprises=3000)
    demand_demo.seed(ctx)
    demands = EnterpriseDemand.objects.all()
    assert demands.count() == demand_demo.volume(ctx) == 200
    assert set(demands.values_list("state", flat=True)) == {
        "filed",
        "routed",
        "replied",
        "closed",
        "withdrawn",
    }
    assert demands.filter(is_key=True).count() >= 10
    assert demands.filter(rating__isnull=False).count() >= 30
    assert demands.filter(replied_on_time=False).exists()
    assert demands.filter(replied_on_time=True).exists()
    assert demands.filter(channel="portal").exists()
    assert demands.filter(channel="officer").exists()
    assert CaseEvent.objects.filter(case_type="enterprises.enterprisedemand", name="return").exists()
    assert Clock.objects.filter(case_type="enterprises.enterprisedemand").count() == 200
    demand_demo.seed(ctx)
    assert EnterpriseDemand.objects.count() == 200
