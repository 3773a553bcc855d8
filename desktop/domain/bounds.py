"""The ranges of the numbers officers give (how many tickets to list, a claim token…): checked before any SQL,
so that a number no column or engine can hold is refused by name instead of failing a statement."""

from __future__ import annotations

from .errors import BadInput

# How many tickets one listing returns: the inbox pages through more.
LIST_LIMIT = (1, 10_000)
# A BIGINT counter from 0 (claim tokens, error ids).
BIGINT = (0, 2**63 - 1)


def check_range(field: str, value: int, bounds: tuple[int, int]) -> int:
    """``value`` unchanged, or BadInput naming the field and its range."""
    low, high = bounds
    if not low <= value <= high:
        message = f"{field} must be between {low:,} and {high:,}"
        raise BadInput(message, field=field, reason="out_of_range", low=str(low), high=str(high))
    return value
