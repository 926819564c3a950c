"""Chinese search returns exactly what a plain substring scan returns, for queries of any length."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrbureau.core.textsearch import check_trigram_support, substring_filter
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.tests.factories import EnterpriseFactory
from hrbureau.people.models import Person
from hrbureau.people.tests.factories import PersonFactory

# A small alphabet makes collisions (and so non-trivial results) likely; it includes the LIKE
# wildcards and the escape character, which must be searched for literally.
HANZI = "东湖西岭南港北苑中心滨海凤凰青山龙湾金桥科技电子有限公司深圳市示范区人力资源服务"
ALPHABET = HANZI + "0123456789（）()·-%_\\\"'"


def _scan(rows: Sequence[tuple[Any, ...]], query: str) -> set[int]:
    """The plain substring scan, in Python, over every searchable column (name, address, code)."""
    query = query.strip()
    return {pk for pk, *texts in rows if any(query in text for text in texts)}


@pytest.fixture
def corpus(db: Any) -> list[tuple[int, str, str, str]]:
    rng = random.Random(4754)
    for _ in range(250):
        name = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(2, 14)))
        address = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 18)))
        EnterpriseFactory(name=name, registered_address=address)
    return list(Enterprise.objects.values_list("id", "name", "registered_address", "uscc"))


def _search(query: str) -> set[int]:
    return set(
        substring_filter(Enterprise.objects.all(), Enterprise.text_index, query).values_list("id", flat=True)
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_search_equals_the_substring_scan(corpus: list[tuple[int, str, str, str]], data: Any) -> None:
    # Half the queries are fragments of real names (so they hit), half are arbitrary strings.
    if data.draw(st.booleans()):
        _, name, _, _ = data.draw(st.sampled_from(corpus))
        start = data.draw(st.integers(0, max(0, len(name) - 1)))
        query = name[start : start + data.draw(st.integers(1, 6))]
    else:
        query = data.draw(st.text(alphabet=ALPHABET, min_size=1, max_size=6))
    if not query.strip():
        return
    assert _search(query) == _scan(corpus, query)


@pytest.mark.parametrize("query", ["东", "东湖", "有限公司", "%", "_", "\\", '"', "科技（", "no such"])
def test_fixed_queries(corpus: list[tuple[int, str, str, str]], query: str) -> None:
    assert _search(query) == _scan(corpus, query)


@pytest.fixture
def people(db: Any) -> list[tuple[int, str, str]]:
    """The second registry with a text index: people by name and residence address."""
    rng = random.Random(11643)
    for _ in range(200):
        name = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 6)))
        address = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 18)))
        PersonFactory(name=name, residence_address=address)
    return list(Person.objects.values_list("id", "name", "residence_address"))


def _search_people(query: str) -> set[int]:
    return set(substring_filter(Person.objects.all(), Person.text_index, query).values_list("id", flat=True))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_people_search_equals_the_substring_scan(people: list[tuple[int, str, str]], data: Any) -> None:
    if data.draw(st.booleans()):
        _, _, address = data.draw(st.sampled_from(people))
        start = data.draw(st.integers(0, max(0, len(address) - 1)))
        query = address[start : start + data.draw(st.integers(1, 6))]
    else:
        query = data.draw(st.text(alphabet=ALPHABET, min_size=1, max_size=6))
    if not query.strip():
        return
    assert _search_people(query) == _scan(people, query)


@pytest.mark.parametrize("query", ["东", "东湖", "示范区", "%", "_", "no such"])
def test_people_fixed_queries(people: list[tuple[int, str, str]], query: str) -> None:
    assert _search_people(query) == _scan(people, query)


def test_updates_and_deletes_keep_the_index_in_step(db: Any) -> None:
    enterprise = EnterpriseFactory(name="旧名称电子有限公司", registered_address="西岭路1号")
    assert _search("旧名称") == {enterprise.pk}
    enterprise.name = "新名称科技有限公司"
    enterprise.save()
    assert _search("旧名称") == set()
    assert _search("新名称") == {enterprise.pk}
    enterprise.delete()
    assert _search("新名称") == set()


def test_sqlite_trigram_like_returns_nothing_for_two_chinese_characters(db: Any) -> None:
    """Why the short-query fallback exists: SQLite 3.40's trigram table answers a 2-character Chinese
    LIKE with no rows at all, although the rows contain it."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite behaviour")
    enterprise = EnterpriseFactory(name="深圳市东湖科技有限公司")
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM enterprises_enterprise_fts WHERE name LIKE %s", ["%东湖%"])
        assert cursor.fetchall() == []
        cursor.execute("SELECT rowid FROM enterprises_enterprise_fts WHERE name LIKE %s", ["%东湖科%"])
        assert cursor.fetchall() == [(enterprise.pk,)]
    assert _search("东湖") == {enterprise.pk}


def test_postgres_lc_ctype_yields_trigrams_for_chinese(db: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL behaviour")
    trigrams = check_trigram_support()
    # "  东", " 东湖", "东湖街", "湖街道", "街道 " (pg_trgm prints multibyte trigrams as hashes).
    assert len(trigrams) == 5, "pg_trgm sees no Chinese characters: the database needs a UTF-8 LC_CTYPE"


def test_postgres_uses_the_trigram_index_for_three_characters(db: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL behaviour")
    for i in range(50):
        EnterpriseFactory(name=f"企业{i}号东湖科技")
    queryset = substring_filter(Enterprise.objects.all(), Enterprise.text_index, "东湖科")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = queryset.order_by().explain()
        cursor.execute("SET enable_seqscan = on")
    assert "enterprises_enterprise_name_trgm" in plan


@pytest.mark.django_db(transaction=True)
def test_tidying_folds_the_index_and_every_answer_stays_the_scans() -> None:
    from hrbureau.core.textsearch import text_indexes, tidy_text_index

    assert {index.table for index in text_indexes()} == {
        "enterprises_enterprise",
        "people_person",
        "petitions_workorder",
        "arbitration_dispute",
        "arbitration_party",
        "labour_risk",
        "labour_inspection",
        "hrmarket_hragency",
        "policies_policyitem",
        "policies_policyapplication",
        "enterprises_enterprisedemand",
        "example_demand",  # the example case type of the test settings
        "enterprises_labourdemand",
        "talent_subsidyapplication",
        # --- registers ---
        "talent_postdoc",
        "talent_cooperationagreement",
        "talent_agreementaction",
        "talent_contestentrant",
        # --- certification ---
        "talent_intakeapplication",
        "talent_certification",
        # --- recruitment ---
        "personnel_recruitmentplan",
        "personnel_registration",
        "personnel_staffmember",  # personnel records: staff names and units
    }
    rng = random.Random(11)
    for _ in range(60):  # one transaction each: one b-tree each in the FTS5 index
        EnterpriseFactory(name="".join(rng.choice(HANZI) for _ in range(rng.randint(3, 10))))
    doomed = list(Enterprise.objects.order_by("?").values_list("pk", flat=True)[:25])
    for pk in doomed[:20]:
        Enterprise.objects.filter(pk=pk).delete()  # each leaves a tombstone behind
    for pk in doomed[20:]:
        Enterprise.objects.filter(pk=pk).update(name="改名科技有限公司")
    rows = list(Enterprise.objects.values_list("id", "name", "registered_address", "uscc"))
    queries = ["东湖", "科技有", "改名科技", "有限公司", "深圳市示", "凤凰"]
    if connection.vendor != "sqlite":
        assert tidy_text_index(Enterprise.text_index) == 0  # PostgreSQL's VACUUM keeps its indexes
        return
    assert tidy_text_index(Enterprise.text_index, pages=1) >= 2  # in small steps
    assert tidy_text_index(Enterprise.text_index) == 0  # nothing left to fold
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO enterprises_enterprise_fts(enterprises_enterprise_fts, rank) VALUES ('integrity-check', 1)"
        )
    for query in queries:
        assert _search(query) == _scan(rows, query), query


@pytest.mark.django_db(transaction=True)
def test_the_sweep_tidies_the_indexes_once_a_day() -> None:
    import datetime as dt

    from hrbureau.core.periodic import run_due
    from hrbureau.core.textsearch import tidy_text_indexes_if_due

    EnterpriseFactory(name="东湖科技有限公司")
    today = dt.date(2026, 11, 29)
    if connection.vendor != "sqlite":
        assert tidy_text_indexes_if_due(today) is None
        return
    done = tidy_text_indexes_if_due(today)
    assert done is not None
    assert "enterprises_enterprise_fts" in done
    assert "people_person_fts" in done
    assert tidy_text_indexes_if_due(today) is None  # once a day
    assert not any(line.startswith("search indexes") for line in run_due(today))
    assert any(line.startswith("search indexes") for line in run_due(today + dt.timedelta(days=1)))
