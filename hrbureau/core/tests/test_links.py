"""Opening a notice: only one's own, marked read on opening, never to another site, never to a 403."""

from __future__ import annotations

from typing import Any

import pytest

from hrbureau.core.models import Notification
from hrbureau.core.notifications import notify, unread_count

pytestmark = pytest.mark.django_db


def test_a_notice_opens_only_for_its_receivers_and_is_marked_read(world: Any, client_for: Any) -> None:
    notify(title="东湖街道通知", url="/petitions/", unit=world.units["street-a"])
    notice = Notification.objects.get()
    # Someone else's notice is not found, and opening it marks nothing.
    assert client_for("street_staff").get("/core/inbox/").status_code == 200
    other = client_for("dept_staff")
    assert other.get(f"/core/inbox/{notice.pk}/open/").status_code == 404
    client = client_for("street_staff")
    assert unread_count(world.users["street_staff"]) == 1
    response = client.get(f"/core/inbox/{notice.pk}/open/")
    assert (response.status_code, response["Location"]) == (302, "/petitions/")
    assert unread_count(world.users["street_staff"]) == 0


@pytest.mark.parametrize("url", ["//evil.example/x", "https://evil.example/", "/\\evil.example", ""])
def test_a_notice_never_sends_its_reader_to_another_site(world: Any, client_for: Any, url: str) -> None:
    notify(title="提醒", url=url, users=[world.users["individual"]])
    notice = Notification.objects.get()
    response = client_for("individual").get(f"/core/inbox/{notice.pk}/open/")
    assert (response.status_code, response["Location"]) == (302, "/core/inbox/")


def test_a_notice_about_a_case_the_reader_may_not_see_opens_no_page(world: Any, client_for: Any) -> None:
    from hrbureau.labour.choices import RiskType, Severity
    from hrbureau.labour.tests.conftest import record, reinstall_defaults

    reinstall_defaults()
    risk = record(world, {"grid": world.users["grid_worker"]}, risk_type=RiskType.WAGE_ARREARS)
    assert risk.severity != Severity.SEVERE
    # A labour risk has no page in the portal: a notice about it sent to a citizen opens their inbox with
    # a word, not a refusal.
    notify(title="风险", users=[world.users["individual"]], case=risk)
    notice = Notification.objects.get(title="风险")
    client = client_for("individual")
    response = client.get(f"/core/inbox/{notice.pk}/open/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/core/inbox/", 302)]
    # The staff of the risk's street open its page.
    notify(title="风险2", users=[world.users["street_staff"]], case=risk)
    notice = Notification.objects.get(title="风险2")
    response = client_for("street_staff").get(f"/core/inbox/{notice.pk}/open/")
    assert response["Location"] == risk.get_absolute_url()
