"""The public work-order tracking page is rate-limited per client address and per phone (issue 15)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hrbureau.petitions.tests.factories import categories, make_order

TRACK = "/petitions/track/"


@pytest.fixture
def limits(settings: Any) -> None:
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "public-lookup-address": "5/h",
        "public-lookup-identifier": "8/d",
    }


def test_guessing_order_numbers_from_one_address_is_stopped(world: Any, client: Client, limits: None) -> None:
    order = make_order(category=categories()["wages"], petitioner_phone="13700137000")
    for n in range(5):
        response = client.get(
            TRACK, {"number": f"GD{n:08d}", "phone": "13700137000"}, REMOTE_ADDR="203.0.113.5"
        )
        assert response.status_code == 200
    refused = client.get(TRACK, {"number": order.number, "phone": "13700137000"}, REMOTE_ADDR="203.0.113.5")
    assert refused.status_code == 429
    assert "查询过于频繁" in refused.content.decode()
    assert order.title not in refused.content.decode()
    assert int(refused["Retry-After"]) > 0


def test_guessing_with_one_phone_from_many_addresses_is_stopped(
    world: Any, client: Client, limits: None
) -> None:
    order = make_order(category=categories()["wages"], petitioner_phone="13700137000")
    spellings = ["13700137000", "137 0013 7000", "+86 137-0013-7000", "１３７００１３７０００"]
    for n in range(8):
        response = client.get(
            TRACK, {"number": f"GD{n:08d}", "phone": spellings[n % 4]}, REMOTE_ADDR=f"198.51.100.{n}"
        )
        assert response.status_code == 200
    refused = client.get(TRACK, {"number": order.number, "phone": "13700137000"}, REMOTE_ADDR="198.51.100.99")
    assert refused.status_code == 429
    # Someone else's phone is not held up.
    other = make_order(category=categories()["wages"], petitioner_phone="13900139000")
    found = client.get(TRACK, {"number": other.number, "phone": "13900139000"}, REMOTE_ADDR="198.51.100.98")
    assert found.status_code == 200
    assert other.title in found.content.decode()
