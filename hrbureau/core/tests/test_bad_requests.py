"""A request whose body cannot be read (a multipart upload without its boundary, cut short, or sent by a
broken client) is the client's fault: 400 with a message that says so — in the API as JSON like every
other error, on a page as a page — never a server error, whichever endpoint or form it was sent to."""

from __future__ import annotations

from typing import Any

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

BROKEN = b'--abc\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nPK\x03\x04'


@pytest.fixture
def integration(world: Any) -> Client:
    from hrbureau.accounts.services import api_token_create

    token = api_token_create(user=world.users["integration"])
    return Client(raise_request_exception=False, headers={"Authorization": f"Bearer {token}"})


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("content_type", ["multipart/form-data", "multipart/form-data; boundary="])
def test_an_unreadable_upload_is_a_400_in_the_api(
    integration: Client, settings: Any, debug: bool, content_type: str
) -> None:
    settings.DEBUG = debug  # django-ninja answers an unhandled error with a 500 in DEBUG
    response = integration.generic(
        "POST", "/api/v1/imports/enterprises", data=BROKEN, content_type=content_type
    )
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert body["code"] == "bad_request"
    assert "multipart/form-data" in body["detail"]


@pytest.mark.parametrize("url", ["/api/v1/workorders", "/api/v1/enterprises"])
def test_an_unreadable_body_is_a_400_for_any_endpoint_a_browser_posts_to(
    world: Any, settings: Any, url: str
) -> None:
    """A signed-in browser's POST is checked for its CSRF token, which reads the form body: any
    endpoint, not only the import, meets the broken body."""
    settings.DEBUG = True
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    browser.force_login(world.users["dept_staff"])
    token = _get_new_csrf_string()
    browser.cookies[settings.CSRF_COOKIE_NAME] = token
    response = browser.generic(
        "POST", url, data=BROKEN, content_type="multipart/form-data", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 400, response.content[:300]
    assert response.json()["code"] == "bad_request"


def test_the_400_is_declared_in_the_schema(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    upload = schema["paths"]["/api/v1/imports/{spec_key}"]["post"]["responses"]
    assert "400" in upload


@pytest.mark.parametrize("url", ["/imports/enterprises/", "/accounts/login/"])
def test_an_unreadable_form_post_is_a_400_page(client_for: Any, url: str) -> None:
    client = client_for("dept_staff")
    client.raise_request_exception = False
    client.cookies["hrbureau_language"] = "zh-hans"
    response = client.generic("POST", url, data=BROKEN, content_type="multipart/form-data")
    assert response.status_code == 400
    body = response.content.decode()
    assert 'data-testid="bad-request"' in body
    assert "无法读取该请求" in body
    assert "没有保存任何内容" in body
