"""Claim (lease) rules that do not depend on storage."""

from __future__ import annotations

from datetime import timedelta

DEFAULT_LEASE = timedelta(hours=4)
MIN_LEASE = timedelta(minutes=1)
MAX_LEASE = timedelta(days=7)
STEAL_REASON_MIN_CHARS = 5


def handover_is_for(
    to_officer_id: int | None, ticket_unit_id: int, officer_id: int, member_unit_ids: frozenset[int]
) -> bool:
    """Whether a hand-over item is the officer's to take: handed to them, or made when nobody held the ticket
    (released, or its lease ran out) and so addressed to every officer of the ticket's unit."""
    if to_officer_id is not None:
        return to_officer_id == officer_id
    return ticket_unit_id in member_unit_ids
