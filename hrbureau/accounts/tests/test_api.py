"""The API: token and session auth, JSON errors with translated messages, statuses declared in the schema."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from hrbureau.accounts import services
from hrbureau.accounts.models import ApiToken
from hrbureau.core.models import AuditEvent


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_an_integration_token_authenticates(world: Any, client: Client) -> None:
    token = services.api_token_create(user=world.users["integration"], name="12345")
    response = client.get("/api/v1/me", headers=_bearer(token))
    assert response.status_code == 200
    assert response.json()["role"] == "integration"
    assert response.json()["scope"] == "district"


def test_tokens_are_stored_only_as_a_digest(world: Any) -> None:
    token = services.api_token_create(user=world.users["integration"])
    row = ApiToken.objects.get()
    assert token not in (row.digest, row.key_prefix)
    assert row.digest == ApiToken.digest_of(token)
    assert token.startswith(row.key_prefix)


def test_a_wrong_or_revoked_token_gets_401_json_and_is_audited(world: Any, client: Client) -> None:
    token = services.api_token_create(user=world.users["integration"])
    ApiToken.objects.update(revoked_at=timezone.now())
    for attempt in (token, "hrb_not-a-token"):
        response = client.get("/api/v1/me", headers=_bearer(attempt))
        assert response.status_code == 401
        assert response.json()["code"] == "unauthenticated"
        assert "API" in response.json()["detail"] or "接口" in response.json()["detail"]
    assert AuditEvent.objects.filter(kind="api_token_rejected").count() == 2


def test_errors_are_translated(world: Any) -> None:
    client = Client(headers={"cookie": "hrbureau_language=zh-hans"})
    assert client.get("/api/v1/me").json()["detail"] == "需要身份认证：请登录或提供有效的接口令牌。"
    english = Client()
    english.cookies["hrbureau_language"] = "en"
    assert english.get("/api/v1/me").json()["detail"].startswith("Authentication required")


def test_tokens_only_for_integration_accounts(world: Any) -> None:
    with pytest.raises(ValueError, match="not an integration account"):
        services.api_token_create(user=world.users["leader"])


def test_browser_session_works_for_the_api(world: Any, client_for: Any) -> None:
    response = client_for("street_staff").get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["scope"] == "street"
    assert "accounts.view_orgunit" in response.json()["permissions"]


def test_list_is_keyset_paginated_and_validates_its_parameters(world: Any, client_for: Any) -> None:
    client = client_for("dept_staff")
    first = client.get("/api/v1/org-units?limit=5").json()
    assert len(first["items"]) == 5
    second = client.get(f"/api/v1/org-units?limit=5&cursor={first['next_cursor']}").json()
    assert {u["id"] for u in first["items"]}.isdisjoint({u["id"] for u in second["items"]})
    bad_limit = client.get("/api/v1/org-units?limit=0")
    assert bad_limit.status_code == 422
    assert bad_limit.json()["code"] == "invalid"
    bad_cursor = client.get("/api/v1/org-units?cursor=%%%")
    assert bad_cursor.status_code == 422
    bad_kind = client.get("/api/v1/org-units?kind=planet")
    assert bad_kind.status_code == 422
    assert bad_kind.json()["errors"]


def test_detail_404_is_json(world: Any, client_for: Any) -> None:
    response = client_for("dept_staff").get("/api/v1/org-units/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。", "code": "not_found"}


def test_every_operation_declares_the_statuses_it_can_return(client: Client, db: Any) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            declared = set(operation["responses"])
            assert {"401", "403", "422"} <= declared, f"{method.upper()} {path} declares only {declared}"
            if "{" in path:
                assert "404" in declared, f"{method.upper()} {path} should declare 404"
            assert operation.get("security"), f"{method.upper()} {path} has no security requirement"


def test_the_docs_page_uses_only_local_assets(client: Client, db: Any) -> None:
    body = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in body.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in body


def test_create_api_token_command(world: Any) -> None:
    out = StringIO()
    call_command("create_api_token", "integration", "--name", "city 12345", stdout=out, stderr=StringIO())
    token = out.getvalue().strip()
    assert token.startswith("hrb_")
    assert services.api_token_authenticate(secret=token) == world.users["integration"]
    with pytest.raises(CommandError, match="only for integration accounts"):
        call_command("create_api_token", "leader", stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="No user named"):
        call_command("create_api_token", "ghost", stdout=StringIO(), stderr=StringIO())


def test_ids_beyond_64_bits_are_refused_as_invalid_not_a_server_error(world: Any, client_for: Any) -> None:
    # Found by the schemathesis fuzz: an id the database cannot hold must never reach it.
    client = client_for("dept_staff")
    huge = "99999999999999999999999"
    for url in (
        f"/api/v1/enterprises?grid={huge}",
        f"/api/v1/enterprises/{huge}",
        f"/api/v1/org-units/{huge}",
    ):
        response = client.get(url)
        assert response.status_code == 422, url
        assert response.json()["code"] == "invalid"
    assert client.get(f"/enterprises/{huge}/").status_code == 404


def test_a_body_that_is_not_a_json_object_is_refused(world: Any, client_for: Any) -> None:
    # Found by the schemathesis fuzz: a JSON array was read into the all-optional PATCH schema.
    enterprise = world.enterprises["a1"]
    response = client_for("dept_staff").patch(
        f"/api/v1/enterprises/{enterprise.pk}", "[null, null]", content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


@pytest.mark.parametrize(
    ("url", "body"),
    [
        # Found by the fuzz on PostgreSQL, which cannot compare a NUL character: a 500, now a 422.
        ("/api/v1/enterprises", {"uscc": "91350100M000100Y43", "name": "公司", "tags": ["a\u0000b"]}),
        (
            "/api/v1/workorders",
            {
                "external_no": "X\u00001",
                "category": "c",
                "title": "t",
                "content": "c",
                "petitioner_name": "n",
                "petitioner_phone": "13800138000",
            },
        ),
    ],
)
def test_nul_characters_in_a_body_are_refused_as_invalid(
    world: Any, client: Client, url: str, body: Any
) -> None:
    from hrbureau.enterprises.models import Enterprise

    headers = _bearer(services.api_token_create(user=world.users["integration"]))
    before = Enterprise.objects.count()
    response = client.post(url, data=body, content_type="application/json", headers=headers)
    assert response.status_code == 422, response.content
    assert "NUL" in response.content.decode()
    assert Enterprise.objects.count() == before


@pytest.mark.parametrize(
    "url", ["/api/v1/enterprises?q=%00", "/api/v1/workorders?q=a%00", "/api/v1/enterprises?q=%00企业A1%1f"]
)
def test_nul_characters_in_the_query_string_are_taken_out(world: Any, client: Client, url: str) -> None:
    # A search is cleaned of control characters before the API reads it (core.middleware): the same
    # answer as the search without them (PostgreSQL cannot compare a NUL; this was a 500, then a 422).
    headers = _bearer(services.api_token_create(user=world.users["integration"]))
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.content
    clean = client.get(url.replace("%00", "").replace("%1f", ""), headers=headers).json()
    assert response.json() == clean
    assert ("企业A1" in url) is (len(clean["items"]) == 1)
