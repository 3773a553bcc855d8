"""What the form for a report taken by phone, at the desk or by letter offers, read from the cache."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select, union

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.officer import me, postable_unit_ids

MAX_SUGGESTED_CATEGORIES = 200


@dataclass(frozen=True, slots=True)
class ReportChoices:
    units: list[tuple[str, str]]  # (code, name): where I may record a report, my own units first
    categories: list[str]  # categories in use, offered while typing (any other may be typed)


def report_choices(conn: Connection) -> ReportChoices:
    return ReportChoices(report_units(conn), known_categories(conn))


def load_report_choices(cache: Cache) -> ReportChoices:
    with cache.read() as conn:
        return report_choices(conn)


def report_units(conn: Connection) -> list[tuple[str, str]]:
    """The units I may record a report in, as (code, name): my own first, in code order, then the units
    below them (supervisors) or every other unit (admins) — where the store lets me create tickets."""
    mine = set(conn.execute(select(s.membership.c.unit_id).where(s.membership.c.officer_id == me(conn))).scalars())
    allowed = postable_unit_ids(conn)
    rows = conn.execute(select(s.unit.c.id, s.unit.c.code, s.unit.c.name).order_by(s.unit.c.code)).all()
    chosen = sorted((r for r in rows if r.id in allowed), key=lambda r: r.id not in mine)  # stable: code order
    return [(r.code, r.name) for r in chosen]


def known_categories(conn: Connection) -> list[str]:
    """Categories the service-level policies name and the mirrored tickets carry, alphabetically."""
    named = union(
        select(s.sla_policy.c.category.label("category")).where(s.sla_policy.c.category.is_not(None)),
        select(s.ticket.c.category.label("category")).where(s.ticket.c.category.is_not(None)),
    ).subquery()
    query = select(named.c.category).order_by(named.c.category).limit(MAX_SUGGESTED_CATEGORIES)
    return [str(c) for c in conn.execute(query).scalars() if str(c).strip()]
