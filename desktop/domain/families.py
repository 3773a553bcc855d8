"""Families of linked duplicates: one master ticket and the tickets marked as its duplicates.

A master is never itself a duplicate, so a family is one level deep and has no cycles. A bulk answer
writes one reply per family member; the ids of what it writes for each member are derived from the
operation's id, so that the outcome is the same whenever (and however often) the operation is applied,
and a client can show its queued answers under the ids the central store will give them.
"""

from __future__ import annotations

from uuid import UUID, uuid5

from .status import Status


def answered_in_bulk(status: Status) -> bool:
    """Whether a duplicate gets the family's bulk answer: open ones and merged (archived) ones do; a
    finished one already had its final answer."""
    return status is not Status.SELESAI


def derived_id(op_id: UUID, ticket_id: UUID, purpose: str) -> UUID:
    """The id of what operation ``op_id`` writes for family member ``ticket_id`` (``message``, ``reply``,
    ``handover``); the same inputs always give the same id."""
    return uuid5(op_id, f"{purpose}:{ticket_id}")
