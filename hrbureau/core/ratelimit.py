"""Rate limits kept in the cache: how many times a client address, an account or an identifier may do
something in a period (ADR 013).

A limit has a name, a rate from settings (``RATE_LIMITS[name]``, e.g. ``"30/h"``; each one an
environment variable, see the README) and the message a refused request reads. ``hit_or_refuse``
checks every (limit, key) pair of a request and, when none is used up, counts the request against all
of them; otherwise it raises ``RateLimited``, which the middleware answers with the 429 page and the API
with a 429 JSON error, both with ``Retry-After``. A refused request is not counted.

Counting: a sliding window estimated from two fixed windows (the current one, and the previous one
weighted by how much of it still lies within the period), so a client cannot double its allowance by
straddling a window's edge. The counters live in the default cache: shared by every process of a
machine with the default file cache, by every machine with ``CACHE_URL=redis://…`` (where counting is
atomic; the file cache can undercount by the handful of requests that race each other). Keys hold an
HMAC of what they count (an address, an e-mail address, an ID number), never the value itself.

The client's address is ``REMOTE_ADDR``, or — only when ``TRUSTED_PROXY_COUNT`` says how many reverse
proxies stand in front of the platform — the entry that the outermost of them appended to
``X-Forwarded-For``; anything a client wrote into that header itself lies to the left and is ignored.
"""

from __future__ import annotations

import ipaddress
import math
import re
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")


@dataclass(frozen=True)
class Rate:
    """``count`` requests per ``seconds``; written ``"30/h"``, ``"5/15m"``, ``"100/d"``."""

    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        match = _RATE.match(text.replace(" ", ""))
        if match is None or int(match[1]) < 1 or match[2] == "0":
            raise ValueError(f"not a rate like 30/h or 5/15m: {text!r}")
        return cls(count=int(match[1]), seconds=int(match[2] or 1) * _PERIODS[match[3]])


class RateLimited(Exception):
    """A request over one of its limits; ``retry_after`` is in seconds."""

    def __init__(self, message: str | Promise, retry_after: int) -> None:
        super().__init__(str(message))
        self.message = message
        self.retry_after = max(1, retry_after)

    @property
    def retry_minutes(self) -> int:
        return math.ceil(self.retry_after / 60)


@dataclass(frozen=True)
class Limit:
    """One limit: the name of its rate in ``settings.RATE_LIMITS`` and what a refused request reads."""

    name: str
    message: str | Promise

    @property
    def rate(self) -> Rate:
        return Rate.parse(settings.RATE_LIMITS[self.name])


def _cache() -> Any:
    from django.core.cache import cache

    return cache


def _keys(limit: Limit, key: str, rate: Rate, now: float) -> tuple[str, str, float]:
    """The cache keys of the current and the previous window, and how far into the current one we are."""
    window = int(now // rate.seconds)
    digest = salted_hmac("hrbureau.core.ratelimit", f"{limit.name}\n{key}").hexdigest()[:32]
    prefix = f"hrbureau:rl:{limit.name}:{rate.seconds}"
    return (
        f"{prefix}:{window}:{digest}",
        f"{prefix}:{window - 1}:{digest}",
        (now % rate.seconds) / rate.seconds,
    )


def _wait(rate: Rate, current: int, previous: int, elapsed: float) -> int:
    """Seconds until the estimate falls below the rate again (no new requests meanwhile)."""
    limit, period = rate.count, rate.seconds
    if current >= limit:
        # Into the next window, where this window's count is the weighted previous one.
        seconds = (1 - elapsed) * period + max(0.0, 1 - limit / current) * period
    else:
        # Within this window, as the previous window's weight shrinks.
        seconds = max(0.0, (1 - (limit - current) / previous) - elapsed) * period if previous else 0.0
    return math.ceil(seconds) + 1


def usage(limit: Limit, key: str, *, now: float | None = None) -> tuple[float, int]:
    """(requests counted within the sliding period, seconds until one more would be allowed)."""
    rate = limit.rate
    current_key, previous_key, elapsed = _keys(limit, key, rate, time.time() if now is None else now)
    counts = _cache().get_many([current_key, previous_key])
    current, previous = int(counts.get(current_key, 0)), int(counts.get(previous_key, 0))
    estimate = current + previous * (1 - elapsed)
    return estimate, (_wait(rate, current, previous, elapsed) if estimate >= rate.count else 0)


def _count(limit: Limit, key: str, now: float) -> None:
    rate = limit.rate
    current_key, _previous, _elapsed = _keys(limit, key, rate, now)
    cache, keep = _cache(), 2 * rate.seconds + 60
    if cache.add(current_key, 1, keep):
        return
    try:
        cache.incr(current_key)
    except ValueError:  # expired between add and incr
        cache.add(current_key, 1, keep)
        return
    # Django's generic incr (the file cache) stores the value again with the default timeout.
    cache.touch(current_key, keep)


def hit_or_refuse(*checks: tuple[Limit, str]) -> None:
    """Count a request against every (limit, key), or raise ``RateLimited`` if one is used up."""
    now = time.time()
    for limit, key in checks:
        estimate, wait = usage(limit, key, now=now)
        if estimate >= limit.rate.count:
            raise RateLimited(limit.message, wait)
    for limit, key in checks:
        _count(limit, key, now)


def clear(limit: Limit, key: str) -> None:
    """Forget what was counted for ``key`` (an administrator lifting a limit; tests)."""
    rate = limit.rate
    current_key, previous_key, _elapsed = _keys(limit, key, rate, time.time())
    _cache().delete_many([current_key, previous_key])


# --- who the client is ----------------------------------------------------------------------------


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest | None) -> str | None:
    """The client's IP address: ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` reverse proxies the
    address the outermost proxy appended to ``X-Forwarded-For`` (each proxy appends its peer's address,
    so the client is that many entries from the right; entries further left are whatever the client
    sent, and never trusted)."""
    if request is None:
        return None
    hops = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if hops:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= hops:
            address = _address(forwarded[-hops])
            if address is not None:
                return address
    return _address(request.META.get("REMOTE_ADDR") or "")


def address_key(address: str | None) -> str:
    """What a limit counts an address by: the address, or its /64 network for IPv6 (one subscriber's
    line holds a whole /64, so single IPv6 addresses would cost an attacker nothing)."""
    if not address:
        return "unknown"
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def identifier_key(value: str) -> str:
    """An ID number, USCC or phone as a limit counts it: normalised, so that writing it in lower case,
    full width or with spaces and dashes does not start a fresh count."""
    from django.core.exceptions import ValidationError

    from hrbureau.core.identifiers import (
        normalize_phone,
        normalize_resident_id,
        normalize_uscc,
        to_half_width,
    )

    for normalize in (normalize_resident_id, normalize_uscc, normalize_phone):
        try:
            return normalize(value).replace("-", "")
        except ValidationError:
            continue
    return "".join(to_half_width(value).split()).replace("-", "").upper()


# --- the public look-ups: anyone with a number and an identifier may follow a case ----------------

PUBLIC_LOOKUP_BY_ADDRESS = Limit(
    "public-lookup-address",
    _("Too many look-ups from your network. Please wait a while before you try again."),
)
PUBLIC_LOOKUP_BY_IDENTIFIER = Limit(
    "public-lookup-identifier",
    _(
        "Too many look-ups with this ID number, USCC or phone number. Please wait a while before you "
        "try again, or sign in to the portal to see your own cases."
    ),
)


def public_lookup(request: HttpRequest, *, identifier: str) -> None:
    """Count a public look-up (the arbitration case query, the work-order tracking page, or an API
    endpoint doing the same) by the client's address and by the identifier it names; raise
    ``RateLimited`` when either is used up. Every look-up counts, found or not: what an attacker
    guesses is the pair, and the answer to a guess must not decide whether it is counted."""
    hit_or_refuse(
        (PUBLIC_LOOKUP_BY_ADDRESS, address_key(client_address(request))),
        (PUBLIC_LOOKUP_BY_IDENTIFIER, identifier_key(identifier)),
    )
