"""The plainest way to serve a list: raw SQL behind the same signed-in request path.

The benchmark compares the enterprise list API and page, the street's work-order list, the clerk's
dispute list, the to-do page and the subsidy approval queue with these views. They run through the same test
client, middleware, session and sign-in as ours, then do only what is unavoidable: the raw SQL of the
same rows (and their tags), turned into the same JSON document, or into an HTML table of the same
cells. What ours costs beyond them is what our own code adds — the ORM, scoping, validation, the
template and the page's layout. Mounted only by the benchmark (``ROOT_URLCONF = "bench.baseline"``),
never by the platform.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language

API_COLUMNS = (
    "id, uscc, name, former_names, legal_representative, registered_address, street_id, community_id, "
    "grid_id, industry_section, industry_division, size_class, employees, registration_date, status"
)
PAGE_COLUMNS = (
    "e.id, e.uscc, e.name, e.legal_representative, e.registered_address, s.name, s.name_en, "
    "e.industry_section, e.industry_division, e.size_class, e.employees, e.registration_date, e.status"
)
TAGS_SQL = (
    "SELECT et.enterprise_id, t.code, t.name, t.name_en FROM enterprises_enterprise_tags et "
    "JOIN enterprises_enterprisetag t ON t.id = et.enterprisetag_id WHERE et.enterprise_id IN ({}) "
    "ORDER BY t.code"
)


def api_sql(*, deep: bool) -> str:
    seek = " AND id > %s" if deep else ""
    return f"SELECT {API_COLUMNS} FROM enterprises_enterprise WHERE street_id = %s{seek} ORDER BY id LIMIT 21"


def page_sql(*, deep: bool) -> str:
    seek = " AND e.id < %s" if deep else ""
    return (
        f"SELECT {PAGE_COLUMNS} FROM enterprises_enterprise e LEFT JOIN accounts_orgunit s "
        f"ON s.id = e.street_id WHERE e.street_id = %s{seek} ORDER BY e.id DESC LIMIT 21"
    )


def rows_and_tags(
    sql: str, params: list[Any]
) -> tuple[list[tuple[Any, ...]], dict[int, list[tuple[Any, ...]]]]:
    """The rows of ``sql`` and each row's tags (code, name, name_en), in two queries."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        tags: dict[int, list[tuple[Any, ...]]] = {row[0]: [] for row in rows}
        if rows:
            cursor.execute(TAGS_SQL.format(", ".join(["%s"] * len(rows))), list(tags))
            for enterprise_id, *tag in cursor.fetchall():
                tags[enterprise_id].append(tuple(tag))
    return rows, tags


def _params(request: HttpRequest) -> list[Any]:
    params = [int(request.GET["street"])]
    if request.GET.get("seek"):
        params.append(int(request.GET["seek"]))
    return params


def api_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    rows, tags = rows_and_tags(api_sql(deep=bool(request.GET.get("seek"))), _params(request))
    keys = [c.strip() for c in API_COLUMNS.split(",")]
    items = []
    for row in rows[:20]:
        item = dict(zip(keys, row, strict=True))
        if isinstance(item["former_names"], str):  # SQLite keeps JSON as text
            item["former_names"] = json.loads(item["former_names"])
        item["registration_date"] = item["registration_date"] and str(item["registration_date"])
        item["tags"] = [code for code, _name, _name_en in tags[item["id"]]]
        items.append(item)
    return JsonResponse({"items": items})


def page_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    from hrbureau.enterprises.choices import EnterpriseStatus, SizeClass
    from hrbureau.enterprises.industries import industry_name

    english = (get_language() or "").startswith("en")
    sizes, statuses = dict(SizeClass.choices), dict(EnterpriseStatus.choices)
    rows, tags = rows_and_tags(page_sql(deep=bool(request.GET.get("seek"))), _params(request))
    cells = []
    for (
        pk,
        uscc,
        name,
        _rep,
        _address,
        street,
        street_en,
        section,
        division,
        size,
        _emp,
        _date,
        status,
    ) in rows[:20]:
        tag_names = format_html_join(
            "",
            '<span class="badge">{}</span>',
            ((n_en if english and n_en else n,) for _c, n, n_en in tags[pk]),
        )
        cells.append(
            (
                pk,
                name,
                uscc,
                (street_en if english and street_en else street) or "—",
                industry_name(section, division),
                sizes.get(size, "—"),
                statuses.get(status, status),
                tag_names,
            )
        )
    table = format_html_join(
        "\n",
        '<tr><td><a href="/enterprises/{}/">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        "<td>{}</td><td>{}</td></tr>",
        cells,
    )
    total = _total("SELECT 1 FROM enterprises_enterprise WHERE street_id = %s", _params(request)[:1])
    return HttpResponse(format_html("<!doctype html><p>{}</p><table><tbody>{}</tbody></table>", total, table))


def _local(value: Any) -> Any:
    """A timestamp from a raw cursor in the platform's time zone (SQLite gives naive UTC, PostgreSQL aware)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return timezone.localtime(value)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _rows(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _total(rows_sql: str, params: list[Any]) -> int:
    """What a list page shows above its rows: the number of rows, counted up to 10,001 (beyond that ours
    shows an estimate, kept a few minutes; the count that stops at the limit is what every view pays)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({rows_sql} LIMIT 10001) counted", params)
        return int(cursor.fetchone()[0])


def _table(cells: list[tuple[Any, ...]], row: str, total: int = 0) -> HttpResponse:
    table = format_html_join("\n", row, cells)
    return HttpResponse(format_html("<!doctype html><p>{}</p><table><tbody>{}</tbody></table>", total, table))


WORKORDER_COLUMNS = "w.id, w.number, w.title, c.name, w.channel, w.state, w.bounces, u.name, u.name_en, w.received_at, w.due_on"


def workorder_sql(*, deep: bool) -> str:
    seek = " AND (w.received_at, w.id) < (%s, %s)" if deep else ""
    return (
        f"SELECT {WORKORDER_COLUMNS} FROM petitions_workorder w "
        "LEFT JOIN petitions_category c ON c.id = w.category_id "
        "LEFT JOIN accounts_orgunit u ON u.id = w.handling_unit_id "
        f"WHERE w.street_id = %s{seek} ORDER BY w.received_at DESC, w.id DESC LIMIT 21"
    )


def workorder_page_view(request: HttpRequest) -> HttpResponse:
    """A street's work orders, 20 to a page, with the cells of our list's table."""
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    from hrbureau.petitions.choices import Channel, WorkOrderState

    english = (get_language() or "").startswith("en")
    channels, states = dict(Channel.choices), dict(WorkOrderState.choices)
    today = timezone.localdate()
    deep = bool(request.GET.get("seek_id"))
    params: list[Any] = [request.user.org_unit_id]  # a street user's own street, as ours scopes it
    if deep:
        seek_at = dt.datetime.fromisoformat(request.GET["seek_at"])
        params += [connection.ops.adapt_datetimefield_value(seek_at), int(request.GET["seek_id"])]
    sql = workorder_sql(deep=deep)
    cells = []
    for pk, number, title, category, channel, state, bounces, unit, unit_en, received, due in _rows(
        sql, params
    )[:20]:
        due = _date(due)
        cells.append(
            (
                pk,
                number,
                title,
                category or "",
                channels.get(channel, channel),
                states.get(state, state),
                f" returned {bounces}" if bounces else "",
                (unit_en if english and unit_en else unit) or "—",
                _local(received).strftime("%Y-%m-%d %H:%M"),
                due.isoformat() if due else "—",
                " overdue" if due and due < today else "",
            )
        )
    return _table(
        cells,
        '<tr><td><a href="/petitions/{}/">{}</a></td><td>{}<div>{}</div></td><td>{}</td><td>{}{}</td>'
        "<td>{}</td><td>{}</td><td>{}{}</td></tr>",
        _total("SELECT 1 FROM petitions_workorder WHERE street_id = %s", params[:1]),
    )


DISPUTE_COLUMNS = (
    "d.id, d.number, d.case_no, d.collective, e.name, d.state, d.suspended_since, d.procedure, d.filed_on, "
    "d.total_claimed, d.due_on"
)


def dispute_sql(*, deep: bool) -> str:
    seek = " WHERE (d.collective, d.filed_on, d.id) < (%s, %s, %s)" if deep else ""
    return (
        f"SELECT {DISPUTE_COLUMNS} FROM arbitration_dispute d "
        f"LEFT JOIN enterprises_enterprise e ON e.id = d.enterprise_id{seek} "
        "ORDER BY d.collective DESC, d.filed_on DESC, d.id DESC LIMIT 21"
    )


def dispute_page_view(request: HttpRequest) -> HttpResponse:
    """All disputes (a clerk's view), collective cases first, 20 to a page, with our list's cells."""
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    from hrbureau.arbitration.choices import DisputeState, Procedure

    states, procedures = dict(DisputeState.choices), dict(Procedure.choices)
    today = timezone.localdate()
    deep = bool(request.GET.get("seek_id"))
    params = (
        [request.GET["seek_collective"] == "1", request.GET["seek_filed"], int(request.GET["seek_id"])]
        if deep
        else []
    )
    cells = []
    for (
        pk,
        number,
        case_no,
        collective,
        enterprise,
        state,
        suspended,
        procedure,
        filed,
        claimed,
        due,
    ) in _rows(dispute_sql(deep=deep), params)[:20]:
        due = _date(due)
        cells.append(
            (
                pk,
                case_no or number,
                " collective" if collective else "",
                enterprise or "—",
                states.get(state, state),
                " suspended" if suspended else "",
                procedures.get(procedure, procedure),
                str(_date(filed)),
                claimed,
                due.isoformat() if due else "—",
                " overdue" if due and due < today else "",
            )
        )
    return _table(
        cells,
        '<tr><td><a href="/arbitration/{}/">{}</a>{}</td><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td>'
        "<td>{}</td><td>{}{}</td></tr>",
        _total("SELECT 1 FROM arbitration_dispute", []),
    )


def _todo_where(user: Any) -> tuple[str, list[Any]]:
    from hrbureau.core.todo import actionable_states
    from hrbureau.petitions.workflows import WORKFLOW

    states = sorted(actionable_states(WORKFLOW, user))
    marks = ", ".join(["%s"] * len(states))
    return (
        "(w.assigned_user_id = %s OR (w.assigned_unit_id = %s AND w.assigned_user_id IS NULL)) "
        f"AND w.state IN ({marks})",
        [user.pk, user.org_unit_id, *states],
    )


def todo_sql(user: Any) -> tuple[str, list[Any]]:
    """The first page of a department clerk's to-do of work orders: their own first, then soonest due."""
    from hrbureau.core.todo import PAGE_SIZE

    where, params = _todo_where(user)
    return (
        "SELECT w.id, w.number, w.title, w.state, w.due_on, u.name, u.name_en, "
        "CASE WHEN w.assigned_user_id = %s THEN 1 ELSE 0 END AS mine FROM petitions_workorder w "
        f"LEFT JOIN accounts_orgunit u ON u.id = w.assigned_unit_id WHERE {where} "
        f"ORDER BY mine DESC, w.due_on IS NULL, w.due_on, w.id LIMIT {PAGE_SIZE}",
        [user.pk, *params],
    )


def todo_count_sql(user: Any) -> tuple[str, list[Any]]:
    where, params = _todo_where(user)
    return f"SELECT COUNT(*) FROM petitions_workorder w WHERE {where}", params


def todo_view(request: HttpRequest) -> HttpResponse:
    """The first page of the signed-in clerk's to-do (work orders: what the bench user has), with its
    total and the cells of our page's rows."""
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    from hrbureau.petitions.choices import WorkOrderState

    english = (get_language() or "").startswith("en")
    states = dict(WorkOrderState.choices)
    today = timezone.localdate()
    total = int(_rows(*todo_count_sql(request.user))[0][0])
    cells = []
    for pk, number, title, state, due, unit, unit_en, mine in _rows(*todo_sql(request.user)):
        due = _date(due)
        cells.append(
            (
                pk,
                number,
                title,
                " mine" if mine else "",
                states.get(state, state),
                (unit_en if english and unit_en else unit) or "—",
                due.isoformat() if due else "—",
                " overdue" if due and due < today else "",
            )
        )
    return _table(
        cells,
        '<tr><td><a href="/petitions/{}/">{} {}</a>{}</td><td>{}</td><td>{}</td><td>{}{}</td></tr>',
        total,
    )


QUEUE_COLUMNS = (
    "a.id, a.number, s.name, p.name, p.id_number, u.name, a.channel, a.state, a.levels_approved, a.amount, "
    "a.created_at"
)
QUEUE_WHERE = (
    "a.state = 'in_review' AND EXISTS (SELECT 1 FROM talent_schemelevel l WHERE l.scheme_id = a.scheme_id "
    "AND l.number = a.levels_approved + 1 AND l.role = %s)"
)


def queue_sql(role: str) -> tuple[str, list[Any]]:
    """The first page of a role's subsidy approval queue (in review at a level the role decides, oldest
    first) with what the page shows of each row: scheme, applicant, ID number, street."""
    return (
        f"SELECT {QUEUE_COLUMNS} FROM talent_subsidyapplication a "
        "JOIN talent_subsidyscheme s ON s.id = a.scheme_id JOIN people_person p ON p.id = a.person_id "
        f"LEFT JOIN accounts_orgunit u ON u.id = a.street_id WHERE {QUEUE_WHERE} ORDER BY a.id LIMIT 21",
        [role],
    )


def queue_total_sql(role: str) -> tuple[str, list[Any]]:
    return f"SELECT 1 FROM talent_subsidyapplication a WHERE {QUEUE_WHERE}", [role]


def queue_view(request: HttpRequest) -> HttpResponse:
    """The signed-in user's subsidy approval queue (a district-wide role: no scoping), 20 to a page, with
    its total and the cells of our list's rows."""
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    from hrbureau.core.identifiers import mask_id_number
    from hrbureau.talent.choices import ApplicationState, Channel

    channels, states = dict(Channel.choices), dict(ApplicationState.choices)
    role = request.user.role
    cells = [
        (
            pk,
            number,
            scheme,
            person,
            mask_id_number(id_number),
            street or "",
            channels.get(channel, channel),
            states.get(state, state),
            levels,
            amount,
            str(created)[:10],  # the day of the stored (UTC) timestamp, as our column shows it
        )
        for pk, number, scheme, person, id_number, street, channel, state, levels, amount, created in _rows(
            *queue_sql(role)
        )[:20]
    ]
    return _table(
        cells,
        '<tr><td><a href="/talent/applications/{}/">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        _total(*queue_total_sql(role)),
    )


def empty_view(request: HttpRequest) -> HttpResponse:
    """A signed-in request that does nothing: the floor every request pays."""
    return HttpResponse("" if request.user.is_authenticated else "anonymous")


def _urlpatterns() -> list[Any]:
    from hrbureau.urls import urlpatterns as platform

    return [
        path("bench-baseline/enterprises.json", api_view),
        path("bench-baseline/enterprises", page_view),
        path("bench-baseline/empty", empty_view),
        path("bench-baseline/workorders", workorder_page_view),
        path("bench-baseline/disputes", dispute_page_view),
        path("bench-baseline/todo", todo_view),
        path("bench-baseline/talent-queue", queue_view),
        *platform,
    ]


urlpatterns = _urlpatterns()
