"""Failed sign-ins: the lock of DOMAIN.md §6 per (user name, client address), the ceilings across
addresses and across user names, and the bounded record of it all (ADR 013).

Three counts, all over the failures of the last ``LOGIN_LOCKOUT_MINUTES``:

* one user name from one address (``LoginFailureTally``): at ``LOGIN_MAX_FAILURES`` that pair is locked
  for ``LOGIN_LOCKOUT_MINUTES``; a success from there, the end of the lock or an administrator ends the
  run, and the count starts again from nothing;
* one user name from every address: past ``LOGIN_ACCOUNT_MAX_FAILURES`` it takes one attempt per
  ``LOGIN_ACCOUNT_SLOWDOWN_SECONDS`` — guessing spread over many addresses is slowed, not the account
  blocked;
* one address for every user name: past ``LOGIN_ADDRESS_MAX_FAILURES`` the address waits (spraying).

A browser the account signed in from before carries a signed cookie naming it (``known browser``) and
is exempt from the two ceilings, not from the lock of its own pair: a stranger's guessing elsewhere never
keeps the real user out. Nothing here asks whether an account has the user name: unknown names are
counted and answered exactly like real ones, and every answer that checks a password costs one hash.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from hrbureau.accounts.models import LoginFailureTally
from hrbureau.core.audit import audit_record
from hrbureau.core.choices import AuditKind
from hrbureau.core.ratelimit import address_key, client_address


@dataclass(frozen=True)
class Refusal:
    """Why a sign-in is refused: ``invalid_login`` (a wrong name or password), ``locked`` (this name from
    this address), ``address_paused`` or ``account_slowed``; ``params`` fill the form's message."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


def _period() -> dt.timedelta:
    return dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def _live(now: dt.datetime) -> Q:
    """Tallies still counting: locked and the lock not over, or unlocked with a failure in the period."""
    return Q(locked_until__gt=now) | Q(locked_until__isnull=True, last_failed_at__gt=now - _period())


def _is_live(tally: LoginFailureTally, now: dt.datetime) -> bool:
    if tally.locked_until is not None:
        return tally.locked_until > now
    return tally.last_failed_at > now - _period()


def request_address(request: HttpRequest | None) -> str:
    """The address a request's sign-in is counted by (an IPv6 client by its /64)."""
    return address_key(client_address(request))


# --- before the password is checked ---------------------------------------------------------------


def login_attempt_check(
    *, username: str, address: str, known_browser: bool, now: dt.datetime | None = None
) -> Refusal | None:
    """The refusal of an attempt that must not even be checked, or None. A refused attempt is added to
    its pair's ``refused`` (when the pair has a tally) and nothing else is written."""
    now = now or timezone.now()
    live = LoginFailureTally.objects.filter(_live(now))
    tally = live.filter(username=username, address=address).first()
    refusal = None
    if tally is not None and tally.locked_until is not None:
        refusal = Refusal("locked", {"until": tally.locked_until})
    elif not known_browser:
        if _total(live.filter(address=address)) >= settings.LOGIN_ADDRESS_MAX_FAILURES:
            refusal = Refusal("address_paused", {"minutes": settings.LOGIN_LOCKOUT_MINUTES})
        else:
            name = live.filter(username=username).aggregate(total=Sum("failures"), last=Max("last_failed_at"))
            pause = settings.LOGIN_ACCOUNT_SLOWDOWN_SECONDS
            # Past the ceiling, one checked attempt per pause: the next waits for the last failure to age.
            if (name["total"] or 0) >= settings.LOGIN_ACCOUNT_MAX_FAILURES and (
                now - name["last"] < dt.timedelta(seconds=pause)
            ):
                refusal = Refusal("account_slowed", {"seconds": pause})
    if refusal is not None and tally is not None:
        LoginFailureTally.objects.filter(pk=tally.pk).update(refused=F("refused") + 1)
    return refusal


def _total(tallies: QuerySet[LoginFailureTally]) -> int:
    return int(tallies.aggregate(total=Sum("failures"))["total"] or 0)


# --- after a password was checked -----------------------------------------------------------------


def login_failure_register(
    *, username: str, request: HttpRequest | None, reason: str, now: dt.datetime | None = None
) -> Refusal:
    """Count a failed sign-in of ``username`` from the request's address and say how to answer it:
    ``locked`` when this failure locks the pair, else ``invalid_login``.

    Audited: the first failure of a run, the lock, and each ceiling the moment it is reached."""
    now = now or timezone.now()
    address = request_address(request)
    with transaction.atomic():
        tally, created = LoginFailureTally.objects.select_for_update().get_or_create(
            username=username[:150],
            address=address,
            defaults={"first_failed_at": now, "last_failed_at": now},
        )
        if not created and not _is_live(tally, now):
            _close(tally, ended="lapsed")
            tally.failures, tally.refused, tally.first_failed_at, tally.locked_until = 0, 0, now, None
        tally.failures += 1
        tally.last_failed_at = now
        if tally.failures == 1:
            audit_record(
                kind=AuditKind.LOGIN_FAILED, request=request, success=False, username=username, reason=reason
            )
        locks = tally.failures >= settings.LOGIN_MAX_FAILURES and tally.locked_until is None
        if locks:
            tally.locked_until = now + _period()
            audit_record(
                kind=AuditKind.LOCKED_OUT,
                request=request,
                success=False,
                username=username,
                reason=f"{tally.failures} failed logins from {address}",
                detail={"address": address, "locked_until": tally.locked_until.isoformat()},
            )
        tally.save()
        _audit_ceilings(username=username, address=address, request=request, now=now)
    if locks:
        return Refusal("locked", {"until": tally.locked_until})
    return Refusal(
        "invalid_login", {"max": settings.LOGIN_MAX_FAILURES, "minutes": settings.LOGIN_LOCKOUT_MINUTES}
    )


def _audit_ceilings(*, username: str, address: str, request: HttpRequest | None, now: dt.datetime) -> None:
    """One audit row at the moment a user name or an address reaches its ceiling (counts grow by one,
    so "equal" is the crossing)."""
    live = LoginFailureTally.objects.filter(_live(now))
    if _total(live.filter(username=username)) == settings.LOGIN_ACCOUNT_MAX_FAILURES:
        audit_record(
            kind=AuditKind.LOCKED_OUT,
            request=request,
            success=False,
            username=username,
            reason=f"{settings.LOGIN_ACCOUNT_MAX_FAILURES} failed logins from several addresses: "
            f"one attempt per {settings.LOGIN_ACCOUNT_SLOWDOWN_SECONDS} s",
            detail={"ceiling": "account"},
        )
    if _total(live.filter(address=address)) == settings.LOGIN_ADDRESS_MAX_FAILURES:
        audit_record(
            kind=AuditKind.LOCKED_OUT,
            request=request,
            success=False,
            username="",
            reason=f"{settings.LOGIN_ADDRESS_MAX_FAILURES} failed logins from {address}: address paused",
            detail={"ceiling": "address", "address": address},
        )


def login_success_register(*, username: str, request: HttpRequest | None) -> None:
    """A sign-in succeeded: the run of failures of this name from this address ends."""
    tally = LoginFailureTally.objects.filter(username=username, address=request_address(request)).first()
    if tally is not None:
        _close(tally, ended="signed in")
        tally.delete()


# --- ending runs ----------------------------------------------------------------------------------


def _close(tally: LoginFailureTally, *, ended: str) -> None:
    """The run's totals into the audit log (a run of one failure is already there as that failure)."""
    if tally.failures <= 1 and not tally.refused:
        return
    audit_record(
        kind=AuditKind.LOGIN_FAILED,
        success=False,
        username=tally.username,
        reason=f"{tally.failures} failed logins and {tally.refused} refused attempts from {tally.address} "
        f"({ended})",
        detail={
            "address": tally.address,
            "failures": tally.failures,
            "refused": tally.refused,
            "first": tally.first_failed_at.isoformat(),
            "last": tally.last_failed_at.isoformat(),
            "ended": ended,
        },
    )


def login_lock_lift(*, username: str, actor: Any, address: str | None = None) -> int:
    """An administrator ends the runs of ``username`` (from one address, or all); returns how many."""
    tallies = LoginFailureTally.objects.filter(username=username)
    if address is not None:
        tallies = tallies.filter(address=address)
    count = 0
    with transaction.atomic():
        for tally in tallies.select_for_update():
            _close(tally, ended=f"lifted by {actor.get_username()}")
            tally.delete()
            count += 1
    return count


def purge_lapsed(today: Any = None, *, now: dt.datetime | None = None) -> str | None:
    """The periodic job: runs whose period lapsed get their totals audited and are removed, so the table
    holds only what still counts."""
    now = now or timezone.now()
    lapsed = LoginFailureTally.objects.exclude(_live(now)).order_by("pk")
    count = 0
    while batch := list(lapsed[:500]):
        with transaction.atomic():
            for tally in batch:
                _close(tally, ended="lapsed")
            LoginFailureTally.objects.filter(pk__in=[t.pk for t in batch]).delete()
        count += len(batch)
    return f"{count} lapsed runs of failed logins closed" if count else None


# --- browsers the account signed in from before ---------------------------------------------------

KNOWN_BROWSER_COOKIE = "hrbureau_known"
KNOWN_BROWSER_DAYS = 180
KNOWN_BROWSER_NAMES = 5  # a shared office computer: the last few accounts signed in there
_SALT = "hrbureau.accounts.known-browser"


def _name_digest(username: str) -> str:
    return salted_hmac(_SALT, username).hexdigest()[:16]


def _known_digests(request: HttpRequest) -> list[str]:
    value = request.get_signed_cookie(
        KNOWN_BROWSER_COOKIE, default="", salt=_SALT, max_age=dt.timedelta(days=KNOWN_BROWSER_DAYS)
    )
    return [d for d in (value or "").split(",") if d]


def known_browser(request: HttpRequest | None, username: str) -> bool:
    return request is not None and _name_digest(username) in _known_digests(request)


def remember_browser(request: HttpRequest, response: HttpResponse, username: str) -> None:
    """After a successful sign-in: this browser is known to this account (for the ceilings only)."""
    digest = _name_digest(username)
    others = [d for d in _known_digests(request) if d != digest]
    digests = [*others[-(KNOWN_BROWSER_NAMES - 1) :], digest]
    response.set_signed_cookie(
        KNOWN_BROWSER_COOKIE,
        ",".join(digests),
        salt=_SALT,
        max_age=KNOWN_BROWSER_DAYS * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
