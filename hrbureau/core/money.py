"""Yuan to the fen: every amount the platform stores, sums and shows has two decimal places."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def to_fen(amount: Decimal | int | None) -> Decimal:
    """``amount`` rounded half up to the fen; nothing (an empty sum) is 0.00. A database's SUM comes back
    with the places it likes (SQLite's ``25000``); what the platform shows reads ``25000.00``."""
    return ZERO if amount is None else Decimal(amount).quantize(FEN, rounding=ROUND_HALF_UP)
