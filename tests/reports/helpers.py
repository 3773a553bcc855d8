"""Reports received at fixed moments, for the statistics' tests (no figure depends on today)."""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any
from uuid import UUID

from desktop.domain.entities import Ticket
from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Kind, Priority
from desktop.store import claims, handling, tickets
from desktop.store.service import Store
from desktop.store.work import Work

CATEGORIES = ("jalan", "air bersih", None)


def received_at(store: Store, at: datetime, unit_code: str, rng: random.Random | None = None, **kw: Any) -> Ticket:
    """A report received at ``at`` (the store's clock fixed for the transaction)."""
    pick = rng or random.Random(0)
    spec = tickets.NewTicket(
        unit=unit_code,
        kind=kw.pop("kind", pick.choice(list(Kind))),
        channel=kw.pop("channel", pick.choice([Channel.EMAIL, Channel.WHATSAPP, Channel.WEB, Channel.LAPOR])),
        subject=kw.pop("subject", "Laporan warga"),
        body=kw.pop("body", "Mohon ditindaklanjuti, terima kasih."),
        priority=kw.pop("priority", pick.choice(list(Priority))),
        category=kw.pop("category", pick.choice(CATEGORIES)),
        anonymous=kw.pop("anonymous", pick.random() < 0.2),
        confidential=kw.pop("confidential", pick.random() < 0.2),
    )

    def create(work: Work) -> Ticket:
        work.prime(at, None)
        return tickets.create_ticket(work, spec)

    return store.write(create)


def walk(store: Store, ticket_id: UUID, *statuses: Status) -> None:
    """Claim the report and take it through ``statuses``, as its officer would."""
    token = int(store.write(claims.claim, ticket_id).claim.token)
    for status in statuses:
        store.write(handling.change_status, ticket_id, token, status)
