"""The public case query is rate-limited per client address and per identifier (issue 15): guessing
case numbers with an enterprise's public USCC, as a prober did 2,000 times at 19 a second, stops after a
few tries with 429 and a Chinese message, whatever address or spelling of the USCC the guesses use."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hrbureau.arbitration.tests.conftest import accepted

QUERY = "/arbitration/query/"


@pytest.fixture
def limits(settings: Any) -> None:
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "public-lookup-address": "5/h",
        "public-lookup-identifier": "8/d",
    }


def _guess(client: Client, number: str, identifier: str, address: str) -> Any:
    return client.get(QUERY, {"number": number, "identifier": identifier}, REMOTE_ADDR=address)


def test_guessing_case_numbers_from_one_address_is_stopped(
    world: Any, arb: dict[str, Any], client: Client, limits: None
) -> None:
    # Given a case against enterprise A2, whose USCC anyone can look up
    dispute = accepted(world, arb)
    uscc = world.enterprises["a2"].uscc
    # When one address tries case numbers with that USCC
    answers = [_guess(client, f"劳人仲案〔2026〕{n}号", uscc, "203.0.113.5") for n in range(100, 105)]
    assert [a.status_code for a in answers] == [200] * 5
    refused = _guess(client, dispute.case_no, uscc, "203.0.113.5")
    # Then the sixth try is refused, right number or not, with 429, a Chinese message and when to retry
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "查询过于频繁" in body
    assert 'data-testid="dispute-facts"' not in body
    assert int(refused["Retry-After"]) > 0
    # Another address with another identifier is not held up.
    found = _guess(client, dispute.case_no, world.people["a1"].id_number, "198.51.100.9")
    assert 'data-testid="dispute-facts"' in found.content.decode()


def test_guessing_with_one_identifier_from_many_addresses_is_stopped(
    world: Any, arb: dict[str, Any], client: Client, limits: None
) -> None:
    dispute = accepted(world, arb)
    uscc = world.enterprises["a2"].uscc
    # The same USCC in lower case, full width or with spaces is the same identifier.
    spellings = [
        uscc,
        uscc.lower(),
        f"{uscc[:6]} {uscc[6:12]} {uscc[12:]}",
        uscc.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}),
    ]
    for n in range(8):
        address = f"198.51.100.{n}"
        response = _guess(client, f"劳人仲案〔2026〕{200 + n}号", spellings[n % 4], address)
        assert response.status_code == 200
    refused = _guess(client, dispute.case_no, uscc, "198.51.100.99")
    assert refused.status_code == 429
    assert "身份证号" in refused.content.decode()


def test_a_forwarded_for_header_does_not_reset_the_count(
    world: Any, arb: dict[str, Any], client: Client, limits: None, settings: Any
) -> None:
    # Not behind a trusted proxy: a client's own X-Forwarded-For changes nothing.
    settings.TRUSTED_PROXY_COUNT = 0
    accepted(world, arb)
    for n in range(5):
        client.get(
            QUERY,
            {"number": f"X{n}", "identifier": f"1101051990010{n}1234"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n}",
        )
    refused = client.get(
        QUERY,
        {"number": "X9", "identifier": "110105199001091234"},
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="10.9.9.9",
    )
    assert refused.status_code == 429


def test_an_empty_or_invalid_form_is_no_look_up(world: Any, client: Client, limits: None) -> None:
    for _ in range(10):
        assert client.get(QUERY, REMOTE_ADDR="203.0.113.5").status_code == 200
        assert (
            client.get(QUERY, {"number": "", "identifier": ""}, REMOTE_ADDR="203.0.113.5").status_code == 200
        )
