"""What the inbox's bulk actions need to know about the selected reports, as the officer sees them (the mirror
with queued changes laid over it): each one's status and unit, and the officer's role."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from ..cache.database import Cache
from ..cache.overlay import seen
from ..domain.errors import NotFound
from ..domain.status import Status
from ..domain.vocabulary import Role
from .roles import my_role


@dataclass(frozen=True, slots=True)
class SelectedFacts:
    ticket_id: UUID
    status: Status
    unit_code: str


def load_selected_facts(cache: Cache, ticket_ids: Sequence[UUID]) -> list[SelectedFacts]:
    """Each selected report still in the cache (one gone meanwhile is left to the action, which says so)."""
    found = []
    with cache.read() as conn:
        for ticket_id in ticket_ids:
            try:
                view = seen(conn, ticket_id)
            except NotFound:
                continue
            found.append(SelectedFacts(ticket_id, view.status, view.unit_code))
    return found


def load_my_role(cache: Cache) -> Role | None:
    with cache.read() as conn:
        return my_role(conn)
