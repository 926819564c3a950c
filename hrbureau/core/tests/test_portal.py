"""The portal home and the public pages: the services a citizen or an enterprise can use, each with its
guide; the login page's links; the public header on the pages anyone may open."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from hrbureau.core import guides

pytestmark = pytest.mark.django_db


def _in(client: Any, language: str) -> Any:
    client.cookies["hrbureau_language"] = language
    return client


def _defaults() -> None:
    from hrbureau.arbitration.tests.conftest import reinstall_defaults
    from hrbureau.petitions.tests.conftest import _default_time_limits

    reinstall_defaults()
    _default_time_limits()


@pytest.mark.parametrize("key", ["individual", "enterprise"])
def test_the_portal_home_offers_each_service_the_user_may_start_with_its_guide(
    world: Any, client_for: Any, key: str
) -> None:
    page = client_for(key).get("/portal/").content.decode()
    offered = guides.services_for(world.users[key])
    # Every service the apps declared for the role is a tile: start it, or read its guide first.
    assert {s.key for s in offered} >= {
        "arbitration_apply",
        "petitions_file",
        "arbitration_appointment",
        "arbitration_query",
        "petitions_track",
        "honest_employers",
    }
    for service in offered:
        assert f'data-service="{service.key}"' in page
        assert f'href="{service.url}"' in page
        if service.guide is not None:
            assert f'href="/core/guides/{service.key}/"' in page


def test_a_service_a_role_may_not_start_is_not_offered(world: Any) -> None:
    # Staff start nothing on the portal: the arbitration application is the parties'.
    assert "arbitration_apply" not in {s.key for s in guides.services_for(world.users["arbitration_clerk"])}
    assert {s.key for s in guides.services_for(world.users["arbitration_clerk"])} == {
        s.key for s in guides.public_services()
    }


def test_the_arbitration_guide_says_who_what_when_and_where_with_the_periods_in_force(
    world: Any, client: Any
) -> None:
    import datetime as dt

    from hrbureau.arbitration.models import TimeLimit

    _defaults()
    page = _in(client, "en").get("/core/guides/arbitration_apply/").content.decode()
    for testid in ("guide-who", "guide-materials", "guide-time_limits", "guide-where", "guide-basis"):
        assert f'data-testid="{testid}"' in page
    assert "one copy for each respondent" in page
    assert "Evidence of the employment relationship" in page
    assert "within 1 year" in page
    assert "within 5 days of receiving it" in page
    assert "within 45 days of acceptance" in page
    assert "区劳动人事争议仲裁委员会" in page
    assert "09:00–10:00" in page
    # A period changed by the administrator is what the guide says from its day on.
    TimeLimit.objects.create(key="acceptance", valid_from=dt.date(2020, 1, 1), days=7, day_kind="calendar")
    assert (
        "within 7 days of receiving it"
        in _in(client, "en").get("/core/guides/arbitration_apply/").content.decode()
    )
    # Not signed in: the guide invites to sign in and start, and offers the way back.
    assert 'data-testid="guide-sign-in"' in page
    assert "/accounts/login/?next=/arbitration/mine/new/" in page


def test_the_petition_guide_reads_the_time_limits_in_force(world: Any, client: Any) -> None:
    _defaults()
    page = _in(client, "en").get("/core/guides/petitions_file/").content.decode()
    assert "an enquiry 2, a request for help or a suggestion 10, a complaint or a report 15" in page
    assert "within 15 days whether it is accepted" in page
    assert "within 60 days of acceptance" in page


def test_an_unknown_guide_is_not_found(client: Any) -> None:
    assert client.get("/core/guides/nothing/").status_code == 404


def test_the_login_page_links_to_the_public_services_and_registration_once_it_exists(
    client: Any, settings: Any
) -> None:
    page = client.get("/accounts/login/").content.decode()
    for service in guides.public_services():
        assert f'href="{service.url}"' in page
    assert 'href="/arbitration/query/"' in page
    assert 'href="/core/guides/"' in page
    # No self-registration exists yet: no dead link to it.
    assert 'data-testid="login-register"' not in page


def test_the_login_page_links_to_registration_when_an_app_provides_it(client: Any, settings: Any) -> None:
    from django.urls import clear_url_caches

    settings.ROOT_URLCONF = "hrbureau.core.tests.urls_with_registration"
    clear_url_caches()
    try:
        page = client.get("/accounts/login/").content.decode()
    finally:
        clear_url_caches()
    assert 'href="/accounts/register/"' in page


@pytest.mark.parametrize(
    "url", ["/arbitration/query/", "/compliance/honest-employers/", "/petitions/track/", "/core/guides/"]
)
def test_a_public_page_carries_the_public_header_and_a_way_back(world: Any, url: str) -> None:
    page = Client().get(url).content.decode()
    assert 'data-testid="public-header"' in page
    assert 'data-testid="public-home"' in page  # the way back
    assert 'href="/accounts/login/"' in page
    for service in guides.public_services():
        assert f'href="{service.url}"' in page


def test_a_persons_name_reads_as_a_persons_name(world: Any, client_for: Any) -> None:
    page = _in(client_for("individual"), "zh-hans").get("/portal/").content.decode()
    assert '<dt class="col-5">姓名</dt>' in page
    assert "名称" not in page
    enterprise = _in(client_for("enterprise"), "zh-hans").get("/portal/").content.decode()
    assert '<dt class="col-5">名称</dt>' in enterprise
    with translation.override("zh-hans"):
        assert translation.pgettext("person", "Name") == "姓名"
