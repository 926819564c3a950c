"""Talent services' routes for the permission matrix, one block per part of the line."""

from __future__ import annotations

from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, Route, action_routes  # noqa: F401

ROUTES: list = []

# --- payments ---
# Batches and payments are the talent department's (building, reconciling) and leadership's (reading,
# exporting); the streets, enterprises and people see none of them.
from typing import Any  # noqa: E402

from hrbureau.accounts.choices import Role  # noqa: E402

_PAY_READERS = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.LEADER}
_PAY_MAKERS = {Role.DEPT_HEAD, Role.DEPT_STAFF}


def _payment_data(world: Any) -> dict[str, Any]:
    """A batch sent to the bank (resident A1 and B1's instalments) and a drafted one (A2's)."""
    if "talent_payments" not in world.people:
        from hrbureau.talent import payments
        from hrbureau.talent.tests.payment_factories import approved

        staff = world.users["dept_staff"]
        approved(person=world.people["a1"])
        approved(person=world.people["b1"])
        sent = payments.build_batch(actor=staff).batch
        payments.batch_export(actor=staff, batch=sent)
        approved(person=world.people["a2"])
        drafted = payments.build_batch(actor=staff).batch
        world.people["talent_payments"] = {"sent": sent, "drafted": drafted}
    return world.people["talent_payments"]  # type: ignore[no-any-return]


def _pay(template: str, key: str | None = None) -> Any:
    def url(world: Any) -> str:
        data = _payment_data(world)
        return template.format(data[key].pk) if key else template

    return url


def _payment_rows(world: Any) -> dict[str, Any]:
    data = _payment_data(world)
    return {data["sent"].number: _PAY_READERS, data["drafted"].number: _PAY_READERS}


ROUTES += [
    Route("talent:batches", _pay("/talent/batches/"), allowed=_PAY_READERS, rows=_payment_rows),
    Route(
        "talent:batches",
        _pay("/talent/batches/?export=xlsx"),
        allowed=_PAY_READERS,
        label="export",
        export="talent.export_payment",
    ),
    Route("talent:batch_build", _pay("/talent/batches/new/"), allowed=_PAY_MAKERS),
    Route(
        "talent:batch_build",
        _pay("/talent/batches/new/"),
        method="POST",
        data={},
        ok_status=(200, 302),
        allowed=_PAY_MAKERS,
        label="build",
    ),
    Route("talent:batch", _pay("/talent/batches/{}/", "sent"), allowed=_PAY_READERS),
    Route("talent:bank_file", _pay("/talent/batches/{}/bank-file/", "sent"), allowed=_PAY_READERS),
    Route(
        "talent:batch_result",
        _pay("/talent/batches/{}/result/", "sent"),
        method="POST",
        data={},
        ok_status=400,
        allowed=_PAY_MAKERS,
    ),
    Route("talent:payments", _pay("/talent/payments/"), allowed=_PAY_READERS, rows=_payment_rows),
    Route(
        "talent:payments",
        _pay("/talent/payments/?export=xlsx"),
        allowed=_PAY_READERS,
        label="export",
        export="talent.export_payment",
    ),
    Route("talent:payment_totals", _pay("/talent/payments/totals/"), allowed=_PAY_READERS),
]
ROUTES += action_routes("talent.paymentbatch", lambda w: _payment_data(w)["drafted"], ALL_ROLES)
