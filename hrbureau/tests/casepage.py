"""Counting a case page's queries as its history grows (the apps' test_case_page_queries.py)."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hrbureau.core.models import CaseComment, CaseEvent


def grow(case: Any, n: int, actor: Any) -> None:
    """``n`` more steps on the case's timeline: events (an extension recorded) and comments."""
    label = case._meta.label_lower
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case_type=label,
            case_id=case.pk,
            name="extend",
            from_state=case.state,
            to_state=case.state,
            actor=actor,
            actor_name=actor.get_full_name(),
            reason=f"第{i}次",
        )
        for i in range(n)
    )
    CaseComment.objects.bulk_create(
        CaseComment(case_type=label, case_id=case.pk, author=actor, body=f"意见{i}") for i in range(n)
    )


def queries_of(user: Any, url: str) -> int:
    client = Client()
    client.force_login(user)
    client.get(url)  # caches warmed as on any page after the first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)
