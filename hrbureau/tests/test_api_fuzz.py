"""The API fuzzed against its own OpenAPI schema (schemathesis): no server errors, every status and body
as declared, whatever the input."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from hrbureau.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def token(world: Any) -> Any:
    """A token for the integration account, with the WSGI app kept inside the test's transaction."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from hrbureau.accounts.services import api_token_create

    # As Django's test client does: a request must not close the connection the test runs in.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield api_token_create(user=world.users["integration"])
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
# Derandomized so CI is reproducible; drop derandomize locally to explore new inputs.
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_the_api_keeps_its_contract(case: Any, token: str) -> None:
    # Every check but one: a cursor is an opaque token, so a well-formed string that is not one of
    # ours is valid by the schema yet rightly refused (422) rather than silently read as page 1.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"}, excluded_checks=[positive_data_acceptance]
    )
