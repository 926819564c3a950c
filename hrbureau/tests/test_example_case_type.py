"""A new case type gets everything from core by declaring it (issue 16's "done when").

``hrbureau.tests.example`` is a case type made of declarations alone — a model, its permissions, a
workflow with one action and its form, the service, a list and a case page (about sixty lines, the
smallest complete example of docs/architecture.md). Here it is used as its readers would use it: its case
page with the action's dialog, the one dispatch, the list with its filter, search, total and export, the
API action and the OpenAPI entry, and the to-do entries, each under its permission and scope.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext

from hrbureau.accounts import services as account_services
from hrbureau.core.models import CaseEvent
from hrbureau.core.workflow import create_case
from hrbureau.tests.casepage import grow, queries_of
from hrbureau.tests.example.models import Demand

EXAMPLE = Path(__file__).parent / "example"


@pytest.fixture
def demands(world: Any) -> dict[str, Demand]:
    made = {}
    for key, street, title in (
        ("a", "street-a", "东湖科技公司招工需求"),
        ("a2", "street-a", "凤凰电子社保咨询"),
        ("b", "street-b", "西岭工厂用工需求"),
    ):
        demand = Demand(
            number=f"XQ-{key}", title=title, street=world.units[street], assigned_unit=world.units[street]
        )
        demand.state = "open"
        demand.save()
        create_case(demand, actor=world.users["dept_staff"])
        made[key] = demand
    return made


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_example_is_declarations_only() -> None:
    """No view, template, dispatch or filter code of its own: only declarations (and small)."""
    files = sorted(p.name for p in EXAMPLE.glob("*.py"))
    assert files == [
        "__init__.py",
        "apps.py",
        "lists.py",
        "models.py",
        "permissions.py",
        "services.py",
        "urls.py",
        "workflows.py",
    ]
    assert not (EXAMPLE / "templates").exists()
    body = "".join((EXAMPLE / f).read_text() for f in files)
    for hand_written in ("request.POST", "request.GET", "def view", "render(", "if action"):
        assert hand_written not in body


def test_the_case_page_shows_the_summary_and_offers_the_action(
    world: Any, demands: dict[str, Demand]
) -> None:
    client = _signed_in(world.users["street_staff"])
    page = client.get(f"/example/{demands['a'].pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "东湖科技公司招工需求" in html
    assert 'data-testid="case-summary"' in html
    assert 'data-testid="case-timeline"' in html
    assert f"/core/cases/example.demand/{demands['a'].pk}/actions/close/" in html
    # A leader reads the page but is offered nothing; another street's demand is refused (403, audited).
    leader = _signed_in(world.users["leader"]).get(f"/example/{demands['a'].pk}/")
    assert leader.status_code == 200
    assert "/actions/close/" not in leader.content.decode()
    assert client.get(f"/example/{demands['b'].pk}/").status_code == 403
    assert client.get("/example/999999/").status_code == 404
    assert Client().get(f"/example/{demands['a'].pk}/").status_code == 302  # to the sign-in page


def test_the_one_dispatch_performs_the_declared_action(world: Any, demands: dict[str, Demand]) -> None:
    demand = demands["a"]
    url = f"/core/cases/example.demand/{demand.pk}/actions/close/"
    client = _signed_in(world.users["street_staff"])
    form = client.get(url)
    assert form.status_code == 200
    assert 'name="on"' in form.content.decode()
    future = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    refused = client.post(url, {"on": future, "version": demand.version})
    assert refused.status_code == 200
    assert gettext("This day has not come yet.") in refused.content.decode()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    done = client.post(url, {"on": yesterday.isoformat(), "version": demand.version})
    assert done.status_code == 302
    assert done["Location"] == f"/example/{demand.pk}/"
    demand.refresh_from_db()
    assert (demand.state, demand.closed_on) == ("closed", yesterday)
    event = CaseEvent.objects.get(case_type="example.demand", case_id=demand.pk, name="close")
    assert event.actor == world.users["street_staff"]
    assert event.data["on"] == yesterday.isoformat()
    # Another street's staff may not act on it, nor may a reader without the action's permission.
    other = demands["b"]
    assert (
        _signed_in(world.users["street_staff"])
        .post(f"/core/cases/example.demand/{other.pk}/actions/close/", {"version": other.version})
        .status_code
        == 403
    )
    assert (
        _signed_in(world.users["leader"])
        .post(f"/core/cases/example.demand/{demands['a2'].pk}/actions/close/", {"version": 1})
        .status_code
        == 403
    )
    assert Demand.objects.get(pk=other.pk).state == "open"


def test_the_list_filters_searches_counts_and_exports(world: Any, demands: dict[str, Demand]) -> None:
    staff = _signed_in(world.users["dept_staff"])
    html = staff.get("/example/").content.decode()
    assert all(f"XQ-{k}" in html for k in ("a", "a2", "b"))
    searched = staff.get("/example/", {"q": "用工需"}).content.decode()
    assert "XQ-b" in searched
    assert "XQ-a2" not in searched
    assert "XQ-a<" not in searched
    demands["a"].state = "closed"
    demands["a"].save()
    filtered = staff.get("/example/", {"state": "closed"}).content.decode()
    assert "XQ-a<" in filtered
    assert "XQ-b" not in filtered
    # Scoped: the street's staff see their street's demands only.
    street = _signed_in(world.users["street_staff"]).get("/example/").content.decode()
    assert "XQ-a2" in street
    assert "XQ-b" not in street
    # The export: the department's staff hold its permission, the street's staff do not.
    export = staff.get("/example/", {"export": "xlsx", "q": "需求"})
    assert export.status_code == 200
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(export.streaming_content if export.streaming else [export.content]))
    ).active
    numbers = {row[0] for row in sheet.iter_rows(values_only=True)}
    assert {"XQ-a", "XQ-b"} <= numbers
    assert "XQ-a2" not in numbers
    assert _signed_in(world.users["street_staff"]).get("/example/", {"export": "xlsx"}).status_code == 403


def test_the_api_acts_under_the_same_permissions(world: Any, demands: dict[str, Demand]) -> None:
    client = _signed_in(world.users["street_staff"])
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/demands/{case_id}/actions/close" in paths
    demand = demands["a2"]
    done = client.post(
        f"/api/v1/demands/{demand.pk}/actions/close",
        data={"version": demand.version},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["state"] == "closed"
    again = client.post(
        f"/api/v1/demands/{demand.pk}/actions/close", data={}, content_type="application/json"
    )
    assert again.status_code == 409
    token = account_services.api_token_create(user=world.users["integration"])
    refused = Client().post(
        f"/api/v1/demands/{demands['a'].pk}/actions/close",
        data={},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert refused.status_code == 403


def test_the_case_page_queries_do_not_grow_with_its_events(world: Any, demands: dict[str, Demand]) -> None:
    demand = demands["a"]
    url = f"/example/{demand.pk}/"
    few = queries_of(world.users["street_staff"], url)
    grow(demand, 200, world.users["dept_staff"])
    assert queries_of(world.users["street_staff"], url) == few


def test_its_open_demands_are_on_the_to_do_of_the_unit_they_are_assigned_to(
    world: Any, demands: dict[str, Demand]
) -> None:
    """The workflow's to-do states give the to-do entries (core.todo's default source of a workflow)."""
    from hrbureau.core import todo

    street = world.users["street_staff"]
    assert todo.todo_count(street) == 2
    client = _signed_in(street)
    page = client.get("/core/todo/").content.decode()
    assert f'href="/example/{demands["a"].pk}/"' in page
    assert f'href="/example/{demands["a2"].pk}/"' in page
    assert f'href="/example/{demands["b"].pk}/"' not in page  # another street's
    assert 'data-testid="nav-count-todo">2<' in page
    client.post(
        f"/core/cases/example.demand/{demands['a'].pk}/actions/close/", {"version": demands["a"].version}
    )
    assert todo.todo_count(street) == 1  # closed: no longer to do
    assert todo.todo_count(world.users["leader"]) == 0  # reads, takes no step
