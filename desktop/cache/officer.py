"""The signed-in officer as the cache knows them: who, in which units, with which role."""

from __future__ import annotations

from sqlalchemy import Connection, select

from ..domain.vocabulary import Role
from . import schema as s
from .state import get_state


def me(conn: Connection) -> int | None:
    value = get_state(conn, "officer_id")
    return None if value is None else int(value)


def my_unit_ids(conn: Connection) -> frozenset[int]:
    """The units I am a member of (where I claim, pick and take hand-overs addressed to a unit)."""
    mine = me(conn)
    return frozenset(conn.execute(select(s.membership.c.unit_id).where(s.membership.c.officer_id == mine)).scalars())


def postable_unit_ids(conn: Connection) -> frozenset[int]:
    """The units I may start threads in and post to, as the store decides it (``Actor.visible_unit_ids``):
    my units; a supervisor's sub-units too; every unit for an admin."""
    mine = me(conn)
    every = {int(u.id): u.parent_id for u in conn.execute(select(s.unit.c.id, s.unit.c.parent_id))}
    role = role_of(conn, mine)
    if role is Role.ADMIN:
        return frozenset(every)
    found = set(my_unit_ids(conn))
    if role is Role.SUPERVISOR:
        grown = True
        while grown:
            below = {unit_id for unit_id, parent in every.items() if parent in found} - found
            found |= below
            grown = bool(below)
    return frozenset(found)


def role_of(conn: Connection, officer_id: int | None) -> Role | None:
    role = conn.execute(select(s.officer.c.role).where(s.officer.c.id == officer_id)).scalar()
    return None if role is None else Role(role)
