"""seed_demo tells how far it is, a second run changes nothing at all, and the registries' names and
addresses read like a real district's."""

from __future__ import annotations

import re
from io import StringIO
from typing import Any

from django.apps import apps
from django.core.management import call_command

from hrbureau.core.demo import STEPS

SMALL = (
    "--enterprises",
    "120",
    "--people",
    "200",
    "--work-orders",
    "40",
    "--disputes",
    "30",
    "--quiet-logins",
)


def _snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table the platform owns, in key order."""
    rows = {}
    for model in apps.get_models():
        if not model.__module__.startswith("hrbureau."):
            continue
        fields = [f.attname for f in model._meta.concrete_fields]
        rows[model._meta.label] = list(model._base_manager.order_by("pk").values_list(*fields))
    return rows


def test_seed_demo_prints_a_line_per_step_and_the_progress_of_long_steps(db: Any) -> None:
    out = StringIO()
    call_command("seed_demo", *SMALL, stdout=out)
    lines = out.getvalue().splitlines()
    # Each step announces itself, then says what it made and how long it took.
    for number in range(1, len(STEPS) + 1):
        assert any(line.startswith(f"[{number}/{len(STEPS)}] ") and line.endswith("…") for line in lines)
        done = [line for line in lines if re.match(rf"\[{number}/{len(STEPS)}\] .+: .+ \(\d+\.\d s\)$", line)]
        assert len(done) == 1, lines
    assert any(re.match(r"\[2/\d+\] enterprises: enterprises: 120 \(", line) for line in lines)
    # The steps that make cases one by one report every tenth, with the time so far.
    progress = [line for line in lines if re.match(r"  work orders \d+/40 \(\d+%\), \d+ s$", line)]
    assert [line.split()[2] for line in progress] == [f"{n}/40" for n in range(4, 41, 4)]
    assert any(re.match(r"  disputes 30/30 \(100%\), \d+ s$", line) for line in lines)
    assert re.search(r"Demo data ready in \d+ s\.", out.getvalue())


def test_a_second_run_changes_nothing(db: Any) -> None:
    call_command("seed_demo", *SMALL, stdout=StringIO())
    first = _snapshot()
    assert len(first["petitions.WorkOrder"]) == 40
    out = StringIO()
    call_command("seed_demo", *SMALL, stdout=out)
    second = _snapshot()
    changed = [label for label in first if first[label] != second[label]]
    assert changed == []
    assert "nothing (already loaded)" in out.getvalue()
    assert all(
        "nothing new" in line for line in out.getvalue().splitlines() if re.match(r"\[\d/\d\] .+: ", line)
    )


STREET = "(东湖|西岭|南港|北苑|中心|滨海|凤凰|青山|龙湾|金桥)街道"


def test_names_and_addresses_read_like_the_districts(db: Any) -> None:
    from hrbureau.enterprises.models import Enterprise
    from hrbureau.people.models import Person

    call_command("seed_demo", *SMALL, stdout=StringIO())
    enterprises = list(Enterprise.objects.select_related("street"))
    names = [e.name for e in enterprises]
    assert len(set(names)) == len(names)  # no two enterprises share a registered name
    for e in enterprises:
        # City, trade name, industry, legal form; the address on the enterprise's own street's roads.
        assert re.fullmatch(r"(深圳市?\w{2,}(股份)?有限公司|\w{2,}（深圳）有限公司)", e.name), e.name
        assert "公司" not in e.name.removesuffix("有限公司").removesuffix("股份"), e.name
        assert re.match(rf"广东省深圳市示范区{e.street.name}\w+?(路|大道)\d{{1,3}}号", e.registered_address)
    for p in Person.objects.select_related("street")[:100]:
        assert re.match(
            rf"广东省深圳市示范区{p.street.name}(\w+?(路|大道)\d{{1,3}}号|\w+村\w+巷\d+号)",
            p.residence_address,
        )
        assert re.search(r"(号|房)$", p.hukou_address)
    texts = " ".join(names + [e.registered_address for e in enterprises])
    assert not re.search(r"[A-Za-z]{4,}|测试|Lorem", texts.replace("（深圳）", ""))


def _queued_loads() -> list[Any]:
    from django_tasks_db.models import DBTaskResult

    return list(
        DBTaskResult.objects.filter(task_path="hrbureau.core.tasks.demo_load_task", status="READY").order_by(
            "enqueued_at"
        )
    )


def test_a_first_start_loads_a_tenth_of_each_line_and_the_worker_the_rest(
    db: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    from hrbureau.arbitration.models import Dispute
    from hrbureau.compliance.models import EmployerGrade
    from hrbureau.core.demo import continue_in_background
    from hrbureau.labour.models import Inspection
    from hrbureau.petitions.models import WorkOrder

    # Given a first start: the registries and the first tenth of each line, the rest queued for the worker.
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", *SMALL, "--rest-in-background", stdout=out)
    assert (WorkOrder.objects.count(), Dispute.objects.count()) == (4, 3)
    assert Inspection.objects.exists()
    assert not EmployerGrade.objects.exists()  # graded once every visit is made
    assert "The registries and the first cases ready in" in out.getvalue()
    assert "load in the background" in out.getvalue()
    queued = _queued_loads()
    assert len(queued) == 1
    # When the worker runs the queued slices (each queues the next until the lines are complete)…
    for _slice in range(20):
        queued = _queued_loads()
        if not queued:
            break
        DBTaskResult.objects.filter(pk=queued[0].pk).update(status="SUCCESSFUL")
        with django_capture_on_commit_callbacks(execute=True):
            continue_in_background(**queued[0].args_kwargs["kwargs"])
    # …then every line is complete, graded, and nothing more is queued.
    assert (WorkOrder.objects.count(), Dispute.objects.count()) == (40, 30)
    assert EmployerGrade.objects.exists()
    assert _queued_loads() == []
    before = _snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", *SMALL, "--rest-in-background", stdout=StringIO())
    assert _snapshot() == before
    assert _queued_loads() == []
