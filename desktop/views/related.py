"""What a ticket is related to, beside its thread: its family of duplicates, the tickets that look like the
same report, and the questions put to other units about it."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from ..cache.database import Cache
from ..cache.similar import similar_to
from ..domain.duplicates import SimilarTicket
from .families import CachedFamily, family
from .referrals import CachedReferral, list_referrals

SIMILAR_LIMIT = 10


@dataclass(frozen=True, slots=True)
class Related:
    ticket_id: UUID
    family: CachedFamily
    similar: tuple[SimilarTicket, ...]  # the family's own members left out: they are listed above
    referrals: tuple[CachedReferral, ...]

    @property
    def is_duplicate(self) -> bool:
        return self.family.master.ticket_id != self.ticket_id

    @property
    def is_master_of_others(self) -> bool:
        return not self.is_duplicate and bool(self.family.duplicates)

    @property
    def count(self) -> int:
        return len(self.family.duplicates) + len(self.similar) + len(self.referrals)


def load_related(cache: Cache, ticket_id: UUID) -> Related:
    """The family, the similar tickets and the referrals of one ticket, in one read."""
    with cache.read() as conn:
        found = family(conn, ticket_id)
        members = {found.master.ticket_id, *(m.ticket_id for m in found.duplicates)}
        similar = [t for t in similar_to(conn, ticket_id, SIMILAR_LIMIT + len(members)) if t.ticket_id not in members]
        return Related(ticket_id, found, tuple(similar[:SIMILAR_LIMIT]), tuple(list_referrals(conn, ticket_id)))
