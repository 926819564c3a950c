"""Work-order benchmarks (issue 4): 2,500,000 orders; a street user's to-do, the work-order list (page 1
and deep) and the supervision board beside the raw SQL of the same rows; the deadline sweep over all open
orders; transitions through the service.

Orders are bulk-loaded with explicit ids (a tenth open, each open order with its running handling
clock), the way ``bench.run`` loads the registries.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode

from bench import baseline
from bench.run import (
    BARE,
    _bulk_load,
    _client,
    bench_case_page_queries,
    bench_list_page,
    bench_text_search,
    clock,
    like_scan,
    median_ms,
    paired_medians_ms,
    record,
    row_links,
)

COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "state",
    "version",
    "assigned_unit_id",
    "due_on",
    "number",
    "channel",
    "track",
    "category_id",
    "title",
    "content",
    "petitioner_name",
    "petitioner_phone",
    "street_id",
    "handling_unit_id",
    "external_no",
    "received_at",
    "bounces",
    "reply",
    "replied_at",
    "replied_on_time",
    "satisfaction",
    "rework_count",
    "closed_at",
    "extended",
    "reviews",
    "redirected_to",
)
CLOCK_COLUMNS = (
    "case_type",
    "case_id",
    "name",
    "label",
    "title",
    "url",
    "unit_id",
    "day_kind",
    "period_days",
    "extension_days",
    "started_on",
    "due_on",
    "overdue",
    "ladder_level",
    "created_at",
    "updated_at",
)
OPEN_SHARE = 10  # one order in ten is open
TRANSITIONS = 1000


def _rows(count: int, ctx: dict[str, Any], rng: random.Random) -> Iterator[tuple[Any, ...]]:
    now = dt.datetime.now(dt.UTC)
    today = now.date()
    streets, departments, office, categories = (
        ctx["streets"],
        ctx["departments"],
        ctx["office"],
        ctx["categories"],
    )
    for i in range(1, count + 1):
        street = streets[i % len(streets)]
        received = now - dt.timedelta(days=(i * 7919) % 730, minutes=i % 600)
        category = categories[i % len(categories)]
        unit = street if i % 3 else departments[i % len(departments)]
        open_order = i % OPEN_SHARE == 0
        if open_order:
            state = ("registered", "dispatched", "handling", "replied")[(i // OPEN_SHARE) % 4]
            assigned = office if state in ("registered", "replied") else unit
            due = today + dt.timedelta(days=(i % 40) - 20)
            replied_at = now if state == "replied" else None
            on_time = (i % 5 != 0) if state == "replied" else None
            satisfaction, closed_at = "", None
        else:
            state, assigned, due = "closed", None, None
            replied_at, on_time, closed_at = (
                received + dt.timedelta(days=5),
                i % 7 != 0,
                received + dt.timedelta(days=7),
            )
            satisfaction = ("satisfied", "satisfied", "satisfied", "basic", "dissatisfied")[i % 5]
        yield (
            i,
            received,
            received,
            state,
            1,
            assigned,
            due,
            f"B{i:012d}",
            "hotline",
            "hotline",
            category,
            f"基准工单{i}",
            "基准内容",
            "张三",
            f"138{i % 100_000_000:08d}",
            street,
            None if state == "registered" else unit,
            "",
            received,
            0,
            "",
            replied_at,
            on_time,
            satisfaction,
            0,
            closed_at,
            False,
            0,
            "",
        )


def _clock_rows(count: int, ctx: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    now = dt.datetime.now(dt.UTC)
    today = now.date()
    for i in range(OPEN_SHARE, count + 1, OPEN_SHARE):
        due = today + dt.timedelta(days=(i % 40) - 20)
        yield (
            "petitions.workorder",
            i,
            "handling",
            "Handling",
            f"B{i:012d} 基准工单{i}",
            f"/petitions/{i}/",
            ctx["office"],
            "working",
            15,
            0,
            due - dt.timedelta(days=21),
            due,
            False,
            0,
            now,
            now,
        )


def fill(count: int) -> dict[str, Any]:
    from django.db import connection

    from hrbureau.accounts.choices import OrgUnitKind
    from hrbureau.accounts.models import OrgUnit
    from hrbureau.core.models import CaseEvent, Clock, ClockEvent, Notification
    from hrbureau.petitions.models import Category, WorkOrder

    ctx = {
        "streets": list(
            OrgUnit.objects.filter(kind=OrgUnitKind.STREET).order_by("id").values_list("id", flat=True)
        ),
        "departments": list(
            OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT)
            .exclude(code="petitions")
            .values_list("id", flat=True)
        ),
        "office": OrgUnit.objects.get(code="petitions").pk,
        "categories": list(Category.objects.values_list("id", flat=True)),
    }
    if WorkOrder.objects.count() != count:
        print(f"loading {count:,} work orders …", flush=True)
        started = time.perf_counter()
        for model in (Notification, ClockEvent, Clock, CaseEvent):
            model.objects.all()._raw_delete(model.objects.db)
        WorkOrder.objects.all()._raw_delete(WorkOrder.objects.db)
        _bulk_load("petitions_workorder", COLUMNS, _rows(count, ctx, random.Random(3)), WorkOrder.text_index)
        _bulk_load("core_clock", CLOCK_COLUMNS, _clock_rows(count, ctx), None)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('petitions_workorder', 'id'), (SELECT MAX(id) FROM petitions_workorder))"
                )
                cursor.execute("ANALYZE core_clock")
        print(f"  {time.perf_counter() - started:.0f} s", flush=True)
    return ctx


def _raw(sql: str, params: list[Any]) -> Callable[[], list[tuple[Any, ...]]]:
    from django.db import connection

    def run() -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


TODO_ITEMS = 5_000
TODO_MINE = 10  # one item in ten is the bench user's own (assigned to them in person)


def todo_fixture() -> Any:
    """The to-do's known state: a department of its own (``bench-todo``) with one clerk, and exactly
    ``TODO_ITEMS`` work orders waiting for it (ids 5, 15, 25, … — orders the fill closed), one in ten
    assigned to the clerk in person, each with its due day; nothing else is assigned to the department.
    Every run writes it again, so a run finds what the run before it left as it was."""
    from django.db import connection

    from hrbureau.accounts.choices import OrgUnitKind, Role
    from hrbureau.accounts.models import OrgUnit, User
    from hrbureau.core.todo import actionable_states
    from hrbureau.petitions.workflows import WORKFLOW

    unit = OrgUnit.objects.filter(code="bench-todo").first()
    if unit is None:
        from hrbureau.accounts.services import orgunit_create

        unit = orgunit_create(
            kind=OrgUnitKind.DEPARTMENT,
            code="bench-todo",
            name="基准待办科",
            parent=OrgUnit.objects.get(code="bureau"),
        )
    user = User.objects.filter(username="bench_todo").first()
    if user is None:
        user = User.objects.create_user(
            username="bench_todo", password=None, role=Role.DEPT_STAFF, org_unit=unit, full_name="基准待办"
        )
    user = User.objects.select_related("org_unit").get(pk=user.pk)
    assert "handling" in actionable_states(WORKFLOW, user), actionable_states(WORKFLOW, user)
    today = dt.date.today()
    last = 10 * TODO_ITEMS
    with connection.cursor() as cursor:
        # Whatever else a run left with the department goes back to the closed orders it was.
        cursor.execute(
            "UPDATE petitions_workorder SET state = 'closed', assigned_unit_id = NULL, assigned_user_id = NULL, "
            "due_on = NULL WHERE (assigned_unit_id = %s OR assigned_user_id = %s) AND NOT (id %% 10 = 5 AND id < %s)",
            [unit.pk, user.pk, last],
        )
        cursor.executemany(
            "UPDATE petitions_workorder SET state = 'handling', assigned_unit_id = %s, assigned_user_id = %s, "
            "handling_unit_id = %s, due_on = %s WHERE id = %s",
            [
                (
                    unit.pk,
                    user.pk if (i // 10) % TODO_MINE == 0 else None,
                    unit.pk,
                    today + dt.timedelta(days=(i * 7) % 60 - 30),
                    i,
                )
                for i in range(5, last, 10)
            ],
        )
    return user


def bench_todo() -> None:
    """The to-do page of a user with exactly 5,000 open items beside the raw SQL of its first page (the
    total and the first page's rows, the user's own first) served through the same signed-in request;
    beside the bare SQL (informative)."""
    from django.test import override_settings

    from hrbureau.core.todo import PAGE_SIZE, todo_count, todo_page

    user = todo_fixture()
    sql = baseline.todo_sql(user)
    count_sql = baseline.todo_count_sql(user)
    raw_rows = _raw(*sql)
    raw_count = _raw(*count_sql)

    def raw() -> Any:
        return raw_count(), raw_rows()

    assert raw_count()[0][0] == TODO_ITEMS, raw_count()
    assert todo_count(user) == TODO_ITEMS, ("to-do count differs from the fixture", todo_count(user))
    page = todo_page(user=user)
    assert page.total == TODO_ITEMS
    assert [i.url for i in page.items] == [f"/petitions/{row[0]}/" for row in raw_rows()], (
        "to-do differs from SQL"
    )
    client = _client("bench_todo")
    ours, plain = "/core/todo/", "/bench-baseline/todo"
    with override_settings(ROOT_URLCONF="bench.baseline"):
        links = [f"/petitions/{pk}/" for pk in row_links(client.get(ours).content, "petitions")]
        assert len(links) == PAGE_SIZE, links
        assert links == [f"/petitions/{pk}/" for pk in row_links(client.get(plain).content, "petitions")]
        t_page, t_base = paired_medians_ms(lambda: client.get(ours), lambda: client.get(plain), repeat=21)
    t_raw = median_ms(raw)
    name = f"to-do page, {TODO_ITEMS:,} open items, vs raw SQL"
    record(
        f"{name} of its first page through the same signed-in request",
        t_page,
        t_base,
        "ratio ≤ 3",
        t_page <= 3 * t_base,
        note=f"{PAGE_SIZE} rows of {TODO_ITEMS:,}, the user's own first, with the total",
    )
    record(
        f"{name}: the bare query of its first page",
        t_page,
        t_raw,
        "ratio ≤ 3",
        t_page <= 3 * t_raw,
        note=BARE,
    )
    t_ours = median_ms(lambda: todo_page(user=user))
    record(
        f"to-do first page (selector, {TODO_ITEMS:,} open items) vs raw SQL",
        t_ours,
        t_raw,
        "ratio ≤ 3",
        t_ours <= 3 * t_raw,
    )


def bench_search() -> None:
    from hrbureau.petitions.lists import WORKORDERS
    from hrbureau.petitions.models import WorkOrder

    assert WORKORDERS.search is not None

    def ours(query: str) -> list[int]:
        condition = WORKORDERS.search.condition(query, WorkOrder)  # type: ignore[union-attr]
        return sorted(WorkOrder.objects.filter(condition).values_list("id", flat=True))

    def scan(query: str) -> list[int]:
        columns = WorkOrder.text_index.columns
        where = " OR ".join(f"{c} LIKE %s" for c in columns)
        return like_scan(f"SELECT id FROM petitions_workorder WHERE {where}", query, len(columns))

    bench_text_search("work-order search", ("基准工单123456", "1234567", "工单24680"), ours, scan)


def bench_case_page() -> None:
    from hrbureau.accounts.models import User

    street = User.objects.get(username="street_staff").org_unit_id
    one, many = _raw(
        "SELECT id FROM petitions_workorder WHERE street_id = %s AND state = 'registered' ORDER BY id LIMIT 2",
        [street],
    )()
    bench_case_page_queries(
        "work order",
        _client("street_staff"),
        "petitions.workorder",
        (one[0], many[0]),
        lambda pk: f"/petitions/{pk}/",
    )


def bench_list() -> None:
    from django.db import connection

    from hrbureau.accounts.models import User
    from hrbureau.core.pagination import encode_cursor

    user = User.objects.select_related("org_unit").get(username="street_staff")
    unit = user.org_unit_id
    client = _client("street_staff")

    # The street's work-order list, page 1 and a page deep in it (keyset).
    with_street = "SELECT id, number, title, state, received_at FROM petitions_workorder WHERE street_id = %s"
    count = _raw("SELECT COUNT(*) FROM petitions_workorder WHERE street_id = %s", [unit])()[0][0]
    depth = min(50_000, count - 100)
    anchor = _raw(
        "SELECT received_at, id FROM petitions_workorder WHERE street_id = %s ORDER BY received_at DESC, id DESC LIMIT 1 OFFSET %s",
        [unit, depth],
    )()[0]
    raw1 = median_ms(_raw(f"{with_street} ORDER BY received_at DESC, id DESC LIMIT 21", [unit]))
    raw_deep = median_ms(
        _raw(
            f"{with_street} AND (received_at, id) < (%s, %s) ORDER BY received_at DESC, id DESC LIMIT 21",
            [unit, connection.ops.adapt_datetimefield_value(anchor[0]), anchor[1]],
        )
    )
    cursor = encode_cursor("after", [anchor[0], anchor[1]])
    page1, deep = "/petitions/", f"/petitions/?cursor={cursor}"
    seek = urlencode({"seek_at": anchor[0].isoformat() if hasattr(anchor[0], "isoformat") else anchor[0]})
    base1, base_deep = "/bench-baseline/workorders", f"/bench-baseline/workorders?{seek}&seek_id={anchor[1]}"
    bench_list_page(
        client,
        title="street work-order list",
        short="work-order list",
        app="petitions",
        pages=(page1, deep),
        baselines=(base1, base_deep),
        bare_ms=(raw1, raw_deep),
        depth=depth,
    )


def bench_board() -> None:
    from django.db import connection
    from django.utils import timezone

    from hrbureau.accounts.models import User
    from hrbureau.petitions.choices import OPEN_STATES
    from hrbureau.petitions.selectors import SOON_DAYS, supervision_board

    leader = User.objects.get(username="leader")
    today = timezone.localdate()
    start = today.replace(month=1, day=1)
    since = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    open_states = sorted(OPEN_STATES)
    marks = ", ".join(["%s"] * len(open_states))
    is_open = f"w.state IN ({marks})"
    sql = (
        "SELECT w.handling_unit_id, u.name, "
        "SUM(CASE WHEN w.state NOT IN ('merged', 'redirected') THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN w.state = 'closed' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN w.replied_on_time IS NOT NULL THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN w.replied_on_time THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN w.satisfaction <> '' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN w.satisfaction IN ('satisfied', 'basic') THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {is_open} THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {is_open} AND w.due_on < %s THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {is_open} AND w.due_on >= %s AND w.due_on <= %s THEN 1 ELSE 0 END) "
        "FROM petitions_workorder w LEFT JOIN accounts_orgunit u ON u.id = w.handling_unit_id "
        "WHERE w.received_at >= %s GROUP BY w.handling_unit_id, u.name ORDER BY w.handling_unit_id"
    )
    params = [
        *open_states,
        *open_states,
        today,
        *open_states,
        today,
        today + dt.timedelta(days=SOON_DAYS),
        # The period start as the database stores datetimes (UTC text on SQLite).
        connection.ops.adapt_datetimefield_value(since),
    ]
    raw = _raw(sql, params)
    board = supervision_board(user=leader, by="unit", period_from=start)
    expected = {row[0]: tuple(int(v or 0) for v in row[2:]) for row in raw()}
    got = {
        r.key: (r.received, r.closed, r.replied, r.on_time, r.rated, r.satisfied, r.open, r.overdue, r.soon)
        for r in board.rows
    }
    assert got == expected, ("board figures differ from SQL", got, expected)
    t_raw = median_ms(raw, repeat=5, warmup=1)
    t_ours = median_ms(
        lambda: supervision_board(user=leader, by="unit", period_from=start), repeat=5, warmup=1
    )
    record("supervision board (selector) vs raw SQL", t_ours, t_raw, "ratio ≤ 3", t_ours <= 3 * t_raw)
    client = _client("leader")
    url = f"/petitions/board/?by=unit&received_from={start.isoformat()}"
    assert client.get(url).status_code == 200
    t_page = median_ms(lambda: client.get(url), repeat=5, warmup=1)
    record("supervision board page vs raw SQL", t_page, t_raw, "ratio ≤ 3", t_page <= 3 * t_raw)


def bench_sweep() -> None:
    from hrbureau.core.clocks import sweep_deadlines
    from hrbureau.core.models import Clock, Notification

    running = Clock.objects.filter(stopped_on__isnull=True, paused_since__isnull=True)
    Notification.objects.all()._raw_delete(Notification.objects.db)
    running.update(ladder_level=0, overdue=False)
    total = running.count()
    started = clock()
    result = sweep_deadlines()
    seconds = clock() - started
    rate = total / seconds
    record(
        f"deadline sweep over {total:,} open orders",
        rate,
        None,
        "≥ 20,000 orders/s",
        rate >= 20_000,
        unit="orders/s",
        note=f"{result.marked_overdue:,} marked overdue, {result.notices:,} notices",
    )
    # A second sweep the same day sends nothing (and is the steady-state cost).
    started = clock()
    again = sweep_deadlines()
    assert again.notices == 0
    rate = total / (clock() - started)
    record(
        "deadline sweep again the same day", rate, None, "≥ 20,000 orders/s", rate >= 20_000, unit="orders/s"
    )
    Notification.objects.all()._raw_delete(Notification.objects.db)


def bench_transitions() -> None:
    from django.db import connection

    from hrbureau.accounts.models import User
    from hrbureau.petitions import services
    from hrbureau.petitions.models import WorkOrder

    staff = User.objects.select_related("org_unit").get(username="street_staff")
    ids = list(
        WorkOrder.objects.filter(
            state="dispatched", assigned_unit_id=staff.org_unit_id, street_id=staff.org_unit_id
        )
        .order_by("id")
        .values_list("id", flat=True)[:TRANSITIONS]
    )
    orders = list(WorkOrder.objects.filter(id__in=ids))
    started = clock()
    for order in orders:
        services.workorder_sign(actor=staff, order=order)
    seconds = clock() - started
    rate = len(orders) / seconds
    # Put them back, so the next run finds them dispatched again.
    WorkOrder.objects.filter(id__in=ids).update(state="dispatched", assigned_user=None)
    record(
        f"transitions through the service ({len(orders)} sign-offs, {connection.vendor})",
        rate,
        None,
        "≥ 300/s sustained (goal on PostgreSQL)",
        rate >= 300,
        unit="transitions/s",
    )


def run(count: int) -> None:
    fill(count)
    bench_todo()
    bench_list()
    bench_search()
    bench_case_page()
    bench_board()
    bench_sweep()
    bench_transitions()
