"""The enterprise's page across every line (``core.profile``): each part counts exactly what the list it
links to shows, shows only what the reader may see, and costs the same queries whatever the enterprise's
history."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hrbureau.arbitration.tests.conftest import applicant, arb, file, respondent  # noqa: F401 - fixtures
from hrbureau.core import profile
from hrbureau.enterprises.models import Enterprise
from hrbureau.petitions.tests.conftest import office  # noqa: F401 - a fixture
from hrbureau.tests.test_declared_lists import READERS, corpus  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db
ENTERPRISE = "enterprises.Enterprise"


def _section(key: str) -> profile.Section:
    return next(s for s in profile.sections(ENTERPRISE) if s.key == key)


@pytest.mark.parametrize("key", sorted(s.key for s in profile.sections(ENTERPRISE)))
def test_each_part_counts_what_its_linked_list_shows(
    corpus: Any,  # noqa: F811
    world: Any,
    key: str,
) -> None:
    # Given an enterprise with records in the part's list, and a reader of that list
    section = _section(key)
    spec = section.spec()
    reader = world.users[READERS[spec.name]]
    rows = spec.rows(reader)
    enterprise_id = rows.exclude(enterprise_id=None).values_list("enterprise_id", flat=True).first()
    if enterprise_id is None:  # the corpus's rows name no enterprise (its work orders): let two do
        enterprise_id = Enterprise.objects.for_user(reader).values_list("pk", flat=True).first()
        rows.model._default_manager.filter(pk__in=list(rows.values_list("pk", flat=True)[:2])).update(
            enterprise_id=enterprise_id
        )
    assert enterprise_id, f"the corpus holds no {spec.name}"
    enterprise = Enterprise.objects.get(pk=enterprise_id)
    # When the reader opens the enterprise's page
    client = Client()
    client.force_login(reader)
    page = client.get(f"/enterprises/{enterprise.pk}/").content.decode()
    shown = re.search(rf'data-testid="section-{re.escape(key)}" data-total="(\d+)"', page)
    assert shown, page[:300]
    filled = next(f for f in profile.sections_for(user=reader, record=enterprise) if f.section.key == key)
    # Then the part's count is the total of the list its link opens, and that list is the enterprise's
    listed = client.get(filled.url).content.decode()
    total = re.search(rf'data-testid="{spec.name}-total" data-total="(\d+)"', listed)
    assert total, listed[:300]
    assert int(shown.group(1)) == filled.total == int(total.group(1)) >= 1
    assert f"?{section.param}={enterprise.pk}" in page
    mine = set(spec.rows(reader).filter(enterprise_id=enterprise.pk).values_list("pk", flat=True))
    assert filled.total <= len(mine)


def test_a_reader_sees_only_the_parts_of_the_lines_they_may_read(
    corpus: Any,  # noqa: F811
    world: Any,
) -> None:
    # A street worker may not read disputes or the compliance register: those parts are left out
    reader = world.users["street_staff"]
    enterprise = Enterprise.objects.for_user(reader).first()
    assert enterprise is not None
    keys = {f.section.key for f in profile.sections_for(user=reader, record=enterprise)}
    for section in profile.sections(ENTERPRISE):
        permission = section.spec().permission
        assert (section.key in keys) == (permission is None or reader.has_perm(permission)), section.key


def test_the_page_costs_the_same_queries_for_a_short_and_a_long_history(world: Any) -> None:
    from hrbureau.enterprises.tests.factories import EnterpriseFactory
    from hrbureau.labour.models import Inspection, Risk

    staff = world.users["dept_staff"]
    street, grid = world.units["street-a"], world.units["grid-a1"]
    enterprise = EnterpriseFactory(street=street, grid=grid)
    made = 0

    def add(n: int) -> None:
        nonlocal made
        for _ in range(n):
            made += 1
            Risk.objects.create(
                number=f"LR8{made:08d}",
                enterprise=enterprise,
                street=street,
                grid=grid,
                risk_type="wage_arrears",
                severity="minor",
                description=f"隐患{made}",
                found_on=timezone.localdate(),
                found_by=staff,
                state="found",
                assigned_unit=street,
                due_on=timezone.localdate(),
            )
            Inspection.objects.create(
                enterprise=enterprise,
                kind="routine",
                visited_on=timezone.localdate(),
                inspector=staff,
                street=street,
                grid=grid,
                notes=f"走访{made}",
            )

    client = Client()
    client.force_login(staff)
    url = f"/enterprises/{enterprise.pk}/"

    def queries(n: int) -> int:
        add(n)
        client.get(url)  # the session and cached choices warm
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries(2)
    assert queries(40) == few
