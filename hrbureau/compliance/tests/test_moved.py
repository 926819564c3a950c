"""The pages that left labour (issue 16) answer at their old addresses with a permanent redirect to the
new one: the same record, the same query string, and a form posted to an old address is posted again."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from hrbureau.compliance import services
from hrbureau.compliance.models import Evaluation

YEAR = timezone.localdate().year - 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "/labour/records/?year=2025&q=%E4%BC%81%E4%B8%9A",
            "/compliance/records/?year=2025&q=%E4%BC%81%E4%B8%9A",
        ),
        ("/labour/evaluations/", "/compliance/evaluations/"),
        ("/labour/evaluations/7/?grade=C", "/compliance/evaluations/7/?grade=C"),
        ("/labour/honest-employers/", "/compliance/honest-employers/"),
        ("/labour/compliance/", "/compliance/events/"),
        ("/labour/compliance/3/", "/compliance/events/3/"),
        ("/labour/agencies/?status=revoked", "/hrmarket/agencies/?status=revoked"),
        ("/labour/agencies/12/", "/hrmarket/agencies/12/"),
    ],
)
def test_an_old_address_redirects_permanently(client: Any, db: Any, old: str, new: str) -> None:
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_a_form_posted_to_an_old_address_is_posted_again_to_the_new_one(
    world: Any, people: dict[str, Any], client: Any
) -> None:
    evaluation = services.evaluation_run(actor=people["staff"], year=YEAR)
    client.force_login(people["staff"])
    old = f"/labour/evaluations/{evaluation.pk}/act/notice/"
    today = timezone.localdate()
    data = {"notice_from": today.isoformat(), "notice_to": today.replace(year=today.year + 1).isoformat()}
    moved = client.post(old, data)
    assert moved.status_code == 308
    assert moved["Location"] == f"/compliance/evaluations/{evaluation.pk}/act/notice/"
    done = client.post(old, data, follow=True)
    assert done.redirect_chain[-1][0] == evaluation.get_absolute_url()
    assert Evaluation.objects.get(pk=evaluation.pk).state == "notice"
