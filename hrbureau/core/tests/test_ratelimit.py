"""Rate limits in the cache (core.ratelimit): counted per key, a sliding period, refused requests not
counted, the client's address taken from a trusted proxy only, and the 429 answer of pages and API."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import RequestFactory

from hrbureau.core import ratelimit
from hrbureau.core.env import Env, SettingError
from hrbureau.core.middleware import CleanQueryStringMiddleware, RateLimitedMiddleware
from hrbureau.core.ratelimit import Limit, Rate, RateLimited, hit_or_refuse

TRIES = Limit("test-tries", "too many tries")
OTHER = Limit("test-other", "too many others")


@pytest.fixture
def limits(settings: Any) -> dict[str, str]:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "test-tries": "3/m", "test-other": "10/h"}
    return settings.RATE_LIMITS  # type: ignore[no-any-return]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The time the limiter sees: ``clock[0]``, moved by the test."""
    now = [1_000_000.0 * 3600]  # the start of an hour, so windows of a minute and an hour both start here
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    return now


@pytest.mark.parametrize(
    ("text", "count", "seconds"),
    [("30/h", 30, 3600), ("5/15m", 5, 900), ("100/d", 100, 86400), (" 2 / 10s ", 2, 10)],
)
def test_a_rate_is_a_count_per_period(text: str, count: int, seconds: int) -> None:
    assert Rate.parse(text) == Rate(count=count, seconds=seconds)


@pytest.mark.parametrize("text", ["", "30", "0/h", "3/0m", "3/w", "x/h", "-1/h"])
def test_a_bad_rate_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a rate like 30/h"):
        Rate.parse(text)


def test_a_bad_rate_in_the_environment_names_the_variable() -> None:
    env = Env({"PUBLIC_LOOKUP_LIMIT_PER_ADDRESS": "lots"})
    with pytest.raises(SettingError, match="PUBLIC_LOOKUP_LIMIT_PER_ADDRESS must be a rate like 30/h"):
        env.rate("PUBLIC_LOOKUP_LIMIT_PER_ADDRESS", "30/h")
    assert env.rate("ABSENT", "5/15m") == "5/15m"


def test_requests_past_the_rate_are_refused_and_not_counted(limits: Any, clock: list[float]) -> None:
    for _ in range(3):
        hit_or_refuse((TRIES, "1.2.3.4"))
    with pytest.raises(RateLimited) as refused:
        hit_or_refuse((TRIES, "1.2.3.4"))
    assert str(refused.value) == "too many tries"
    assert 1 <= refused.value.retry_after <= 121
    # Another key has its own count.
    hit_or_refuse((TRIES, "5.6.7.8"))
    # Refused requests did not count: once the period has passed, the full allowance is back.
    for _ in range(50):
        with pytest.raises(RateLimited):
            hit_or_refuse((TRIES, "1.2.3.4"))
    clock[0] += 120
    for _ in range(3):
        hit_or_refuse((TRIES, "1.2.3.4"))


def test_a_request_is_counted_against_every_limit_only_when_all_allow_it(
    limits: Any, clock: list[float]
) -> None:
    for _ in range(3):
        hit_or_refuse((TRIES, "addr"), (OTHER, "id-1"))
    with pytest.raises(RateLimited, match="too many tries"):
        hit_or_refuse((TRIES, "addr"), (OTHER, "id-1"))
    assert ratelimit.usage(OTHER, "id-1")[0] == 3  # the refused one left the other limit alone


def test_a_window_edge_does_not_double_the_allowance(limits: Any, clock: list[float]) -> None:
    clock[0] += 59  # the last second of a one-minute window
    for _ in range(3):
        hit_or_refuse((TRIES, "edge"))
    clock[0] += 2  # just into the next window: a fixed window would allow 3 more at once
    allowed = 0
    for _ in range(10):
        try:
            hit_or_refuse((TRIES, "edge"))
        except RateLimited:
            continue
        allowed += 1
    assert allowed <= 1


def test_the_cache_keys_do_not_hold_what_they_count(limits: Any, clock: list[float]) -> None:
    current, previous, _elapsed = ratelimit._keys(TRIES, "110105199001011234", Rate(3, 60), clock[0])
    assert "110105199001011234" not in current + previous


def test_the_client_address_comes_from_a_proxy_only_when_one_is_trusted(settings: Any) -> None:
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_address(request) == "10.0.0.2"  # a client's own header is never believed
    settings.TRUSTED_PROXY_COUNT = 1
    assert ratelimit.client_address(request) == "203.0.113.9"  # what our proxy appended
    settings.TRUSTED_PROXY_COUNT = 2
    assert ratelimit.client_address(request) == "6.6.6.6"
    settings.TRUSTED_PROXY_COUNT = 3  # fewer entries than proxies: the header is not what we expect
    assert ratelimit.client_address(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    garbage = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, not-an-address")
    assert ratelimit.client_address(garbage) == "10.0.0.2"


def test_the_audit_log_records_the_same_client_address(settings: Any, db: Any) -> None:
    from hrbureau.core.audit import audit_record

    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert audit_record(kind="login_failed", request=request, success=False).ip_address == "203.0.113.9"


def test_ipv6_clients_are_counted_by_their_64_network() -> None:
    assert ratelimit.address_key("2001:db8:1:2:aaaa::1") == ratelimit.address_key("2001:db8:1:2:bbbb::2")
    assert ratelimit.address_key("2001:db8:1:2::1") != ratelimit.address_key("2001:db8:1:3::1")
    assert ratelimit.address_key("::ffff:192.0.2.1") == "192.0.2.1"
    assert ratelimit.address_key("192.0.2.1") == "192.0.2.1"
    assert ratelimit.address_key(None) == "unknown"


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("91350100m000100y43", "91350100M000100Y43"),
        ("９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43"),
        ("138 0013 8000", "13800138000"),
        ("+86 138-0013-8000", "13800138000"),
        ("020-8888 8888", ratelimit.identifier_key("02088888888")),
        ("not an id", "NOTANID"),
    ],
)
def test_an_identifier_is_counted_in_its_canonical_form(typed: str, canonical: str) -> None:
    assert ratelimit.identifier_key(typed) == canonical


def test_a_refused_page_answers_429_in_chinese_with_retry_after(db: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/arbitration/query/")
    request.user = AnonymousUser()
    response = RateLimitedMiddleware(lambda r: r).process_exception(  # type: ignore[arg-type, return-value]
        request, RateLimited(ratelimit.PUBLIC_LOOKUP_BY_ADDRESS.message, 600)
    )
    assert response is not None
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    body = response.content.decode()
    assert "查询过于频繁" in body
    assert "10 分钟" in body
    assert RateLimitedMiddleware(lambda r: r).process_exception(request, ValueError()) is None  # type: ignore[arg-type]


def test_the_api_answers_429_in_json_with_retry_after(db: Any) -> None:
    from hrbureau.api import api

    request = RequestFactory().get("/api/v1/anything")
    response = api.on_exception(request, RateLimited("slow down", 42))
    assert response.status_code == 429
    assert response["Retry-After"] == "42"
    assert json.loads(response.content) == {"detail": "slow down", "code": "rate_limited"}
    # An endpoint that counts against a limit declares the 429 in its schema.
    from hrbureau.core.api import ErrorOut, responses

    assert responses(ErrorOut, rate_limited=True)[429] is ErrorOut
    assert 429 not in responses(ErrorOut)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=%00abc", {"q": ["abc"]}),
        ("q=a%1Fb&kind=x%00", {"q": ["a b"], "kind": ["x"]}),
        ("q=%E4%BC%81%E4%B8%9A%09%0A", {"q": ["企业  "]}),
        ("q=%C2%85x%7F", {"q": [" x"]}),  # NEL (C1) is whitespace; DEL is dropped
        ("q%00=1&q=2", {"q": ["1", "2"]}),
        ("q=%E3%80%80abc", {"q": ["\u3000abc"]}),  # an ideographic space is text, not a control character
    ],
)
def test_the_query_string_reaches_views_without_control_characters(query: str, expected: Any) -> None:
    seen: dict[str, Any] = {}

    def view(request: Any) -> Any:
        seen.update(dict(request.GET.lists()))
        assert not request.GET._mutable
        return None

    CleanQueryStringMiddleware(view)(RequestFactory().get("/list/?" + query))
    assert seen == expected
