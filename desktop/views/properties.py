"""What the properties dialog offers: the categories already in use on this computer's reports."""

from __future__ import annotations

from sqlalchemy import Connection, select

from ..cache import schema as s
from ..cache.database import Cache

CATEGORY_CHOICES = 200


def load_categories(cache: Cache) -> list[str]:
    with cache.read() as conn:
        return categories_in_use(conn)


def categories_in_use(conn: Connection) -> list[str]:
    found = conn.execute(
        select(s.ticket.c.category)
        .where(s.ticket.c.category.is_not(None))
        .distinct()
        .order_by(s.ticket.c.category)
        .limit(CATEGORY_CHOICES)
    ).scalars()
    return [str(c) for c in found if c]
