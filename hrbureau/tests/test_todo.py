"""My to-do across the business lines (issue 16): paged, the badge counting exactly the rows one can page
through, grouped by source with a count each, the user's own work before their unit's, collective and
escalated cases first, and the workbench showing a few rows of each group with a link to all of them.

The tests make records of several lines at once: they live here, above the business lines."""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from hrbureau.arbitration.models import Dispute
from hrbureau.arbitration.tests.conftest import arb, file  # noqa: F401 (the fixture)
from hrbureau.core import todo
from hrbureau.labour.models import Risk
from hrbureau.labour.tests.conftest import lab, record  # noqa: F401 (the fixture)
from hrbureau.petitions import services as petitions
from hrbureau.petitions.models import WorkOrder
from hrbureau.petitions.tests.conftest import office  # noqa: F401 (the fixture)
from hrbureau.petitions.tests.factories import make_order


def _orders(world: Any, office: dict[str, Any], count: int) -> list[WorkOrder]:  # noqa: F811
    """``count`` work orders dispatched to street A (one through the services, the rest its copies)."""
    order = make_order(category=office["categories"]["wages"])
    petitions.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["street-a"])
    order.refresh_from_db()
    copies = []
    for i in range(count - 1):
        copy = WorkOrder.objects.get(pk=order.pk)
        copy.pk = None
        copy.number = f"T{order.pk}-{i:06d}"
        copy.title = f"工单{i}"
        copies.append(copy)
    return [order, *WorkOrder.objects.bulk_create(copies)]


def _links(html: str, app: str) -> list[str]:
    card = html.split('data-testid="todo"')[1]
    return re.findall(rf'href="(/{app}/\d+/)"', card)


def test_the_badge_counts_every_row_one_can_page_through(
    world: Any,
    office: dict[str, Any],  # noqa: F811
    client: Any,
) -> None:
    _orders(world, office, 241)  # more than the 200 rows the to-do used to stop at
    street = world.users["street_staff"]
    assert todo.todo_count(street) == 241
    client.force_login(street)
    first = client.get("/core/todo/").content.decode()
    assert 'data-testid="nav-count-todo">241<' in first
    assert re.search(r'data-testid="todo-total">[^<]*1–50[^<]*241[^<]*<', first)
    seen: list[str] = []
    number = 1
    while True:
        page = client.get(f"/core/todo/?page={number}").content.decode()
        seen += _links(page, "petitions")
        if 'rel="next"' not in page:
            break
        number += 1
    assert number == 5
    assert len(seen) == len(set(seen)) == 241
    # A page past the end shows the last one
    assert _links(client.get("/core/todo/?page=99").content.decode(), "petitions") == _links(
        page, "petitions"
    )


def test_groups_with_their_counts_and_the_workbench_shows_five_of_each(
    world: Any,
    office: dict[str, Any],  # noqa: F811
    lab: dict[str, Any],  # noqa: F811
    client: Any,
) -> None:
    orders = _orders(world, office, 7)
    risks = [record(world, lab) for _ in range(2)]
    Risk.objects.filter(pk__in=[r.pk for r in risks]).update(
        assigned_unit=world.units["street-a"], assigned_user=None, state="assigned"
    )
    street = world.users["street_staff"]
    groups = {g.key: g.count for g in todo.todo_page(user=street).groups}
    assert groups == {"petitions.workorder": 7, "labour.risk": 2}
    assert todo.todo_count(street) == 9
    client.force_login(street)
    page = client.get("/core/todo/").content.decode()
    counts = re.findall(
        r'data-kind="([\w.-]+)">[^<]*<span class="ms-1" data-testid="todo-group-count">(\d+)<', page
    )
    assert dict(counts) == {"petitions.workorder": "7", "labour.risk": "2"}
    # One group at a time
    only = client.get("/core/todo/?kind=labour.risk").content.decode()
    assert sorted(_links(only, "labour/risks")) == sorted(r.get_absolute_url() for r in risks)
    assert not _links(only, "petitions")

    bench = client.get("/workbench/").content.decode()
    card = bench.split('data-testid="todo"')[1].split('data-testid="my-area"')[0]
    order_group = card.split('data-kind="petitions.workorder"')[1].split("</tbody>")[0]
    assert order_group.count('data-testid="todo-item"') == 5
    assert 'href="/core/todo/?kind=petitions.workorder"' in order_group
    assert re.search(r'data-testid="todo-group-all">[^<]*\b7\b[^<]*<', order_group)
    risk_group = card.split('data-kind="labour.risk"')[1].split("</tbody>")[0]
    assert risk_group.count('data-testid="todo-item"') == 2
    assert 'data-testid="todo-group-all"' not in risk_group  # all of them are shown
    assert orders[0].get_absolute_url() in order_group


def test_ones_own_work_before_the_units_and_escalated_risks_first(
    world: Any,
    office: dict[str, Any],  # noqa: F811
    lab: dict[str, Any],  # noqa: F811
) -> None:
    street = world.users["street_staff"]
    orders = _orders(world, office, 4)
    # Two orders signed for by the street's clerk in person: theirs; they come first, soonest due first.
    signed = orders[2:]
    WorkOrder.objects.filter(pk__in=[o.pk for o in signed]).update(assigned_user=street)
    urls = [i.url for i in todo.todo_items(user=street, kind="petitions.workorder")]
    assert urls[:2] == [o.get_absolute_url() for o in signed]
    assert sorted(urls[2:]) == sorted(o.get_absolute_url() for o in orders[:2])
    items = todo.todo_items(user=street, kind="petitions.workorder")
    assert [i.mine for i in items] == [True, True, False, False]

    # Risks: the escalated ones head each part, mine before the unit's.
    plain, escalated, own = (record(world, lab) for _ in range(3))
    Risk.objects.filter(pk__in=[plain.pk, escalated.pk, own.pk]).update(
        assigned_unit=world.units["street-a"], assigned_user=None, state="assigned", escalated=False
    )
    Risk.objects.filter(pk=escalated.pk).update(escalated=True)
    Risk.objects.filter(pk=own.pk).update(assigned_user=street)
    risks = todo.todo_items(user=street, kind="labour.risk")
    assert [i.url for i in risks] == [r.get_absolute_url() for r in (own, escalated, plain)]
    assert [bool(i.first) for i in risks] == [False, True, False]
    # The groups follow each other, each whole, in the order the apps declare them.
    kinds = [i.kind for i in todo.todo_items(user=street)]
    assert kinds == [str(WorkOrder._meta.verbose_name)] * 4 + [str(Risk._meta.verbose_name)] * 3


def test_an_arbitrator_sees_the_cases_of_their_tribunals_first(
    world: Any,
    arb: dict[str, Any],  # noqa: F811
    client: Any,
) -> None:
    from hrbureau.arbitration.tests.conftest import applicant, respondent

    arbitrator = arb["arbitrator"]
    institute = file(world, arb)
    workers = [applicant(name=f"工人{i}", representative=i < 3) for i in range(10)]
    collective = file(world, arb, parties=[*workers, respondent(world.enterprises["b1"])])
    presiding = file(world, arb)
    on_panel = file(world, arb)
    Dispute.objects.filter(pk=presiding.pk).update(arbitrator=arbitrator)
    on_panel.panel.add(arbitrator)
    assert collective.collective

    items = todo.todo_items(user=arbitrator)
    urls = [i.url for i in items]
    assert sorted(urls[:2]) == sorted([presiding.get_absolute_url(), on_panel.get_absolute_url()])
    assert urls[2:] == [collective.get_absolute_url(), institute.get_absolute_url()]
    assert [i.mine for i in items] == [True, True, False, False]
    # Another arbitrator's tribunal is not this one's own
    assert not any(i.mine for i in todo.todo_items(user=arb["arbitrator2"]))
    # The clerk has nothing of their own: the collective case heads the institute's
    assert todo.todo_items(user=arb["clerk"])[0].url == collective.get_absolute_url()
    client.force_login(arbitrator)
    page = client.get("/core/todo/").content.decode()
    assert page.count('data-testid="todo-mine"') == 2
    assert page.index(str(presiding)) < page.index(str(collective))


def test_the_to_do_page_and_the_workbench_make_as_many_queries_for_many_rows_as_for_few(
    world: Any,
    office: dict[str, Any],  # noqa: F811
    client: Any,
) -> None:
    street = world.users["street_staff"]
    client.force_login(street)

    def queries(url: str) -> int:
        client.get(url)  # the navigation's counts are cached: measure the steady page
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _orders(world, office, 3)
    few = (queries("/core/todo/"), queries("/workbench/"))
    _orders(world, office, 120)
    many = (queries("/core/todo/"), queries("/workbench/"))
    assert many == few
    assert queries("/core/todo/?page=2") == few[0]


def test_the_staff_to_do_offers_its_groups_by_name_and_no_party_work(db: Any) -> None:
    """The filter of the to-do page names every group in the reader's language, never by its key, and
    offers no group of a party's portal work (documents to sign for), which a staff member never has."""
    kinds = dict(todo.kinds())
    assert "arbitration documents" not in kinds
    assert all(label != key for key, label in kinds.items())
    assert any(s.portal for s in todo.sources())  # the portal's work is still a source, for parties
    with translation.override("en"):
        labels = [label for _key, label in todo.kinds()]
    assert all(label[0].isupper() for label in labels), labels  # "Work orders", as "Planned visits"
