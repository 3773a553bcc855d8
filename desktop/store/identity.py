"""Who is acting: the officer behind a connection, and which units they may see and work in.

On PostgreSQL and MariaDB an officer connects with their own database login, and that login *is* their
identity. A connection as a login that is not an officer (the installation owner: the admin's account,
the intake worker) may act for any officer it names. On SQLite, which has no logins, the officer is
chosen by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select

from ..domain.entities import Officer
from ..domain.errors import BadInput, NotFound, NotPermitted
from ..domain.vocabulary import Role
from .schema import membership, officer, unit


@dataclass(frozen=True, slots=True)
class Actor:
    officer: Officer
    unit_ids: frozenset[int]  # units the officer is a member of: where they claim and pick
    visible_unit_ids: frozenset[int] | None  # None: every unit (admins)

    @property
    def id(self) -> int:
        return self.officer.id

    @property
    def login(self) -> str:
        return self.officer.login

    def may_see(self, unit_id: int) -> bool:
        return self.visible_unit_ids is None or unit_id in self.visible_unit_ids


def resolve_actor(conn: Connection, requested: str | None) -> Actor:
    """The officer a connection acts for. A connection to the database is the owner's, the server's or the
    worker's, never an officer's (officers have no database login): it acts for the officer it names."""
    if not requested:
        raise BadInput("no officer chosen: pass --officer LOGIN or set ADUAN_OFFICER")
    return load_actor(conn, requested)


def load_actor(conn: Connection, login: str) -> Actor:
    row = conn.execute(
        select(officer.c.id, officer.c.login, officer.c.name, officer.c.role, officer.c.active).where(
            officer.c.login == login
        )
    ).first()
    if row is None:
        raise NotFound(f"no officer with login {login!r}")
    if not row.active:
        raise NotPermitted(f"officer {login!r} is deactivated")
    units = conn.execute(
        select(unit.c.id, unit.c.code)
        .join(membership, membership.c.unit_id == unit.c.id)
        .where(membership.c.officer_id == row.id)
        .order_by(unit.c.code)
    ).all()
    role = Role(row.role)
    member_ids = frozenset(u.id for u in units)
    person = Officer(
        id=row.id,
        login=row.login,
        name=row.name,
        role=role,
        unit_codes=tuple(u.code for u in units),
        active=bool(row.active),
    )
    if role is Role.ADMIN:
        visible = None
    elif role is Role.SUPERVISOR:
        visible = member_ids | _descendants(conn, member_ids)
    else:
        visible = member_ids
    return Actor(officer=person, unit_ids=member_ids, visible_unit_ids=visible)


def _descendants(conn: Connection, roots: frozenset[int]) -> frozenset[int]:
    return descendants(conn.execute(select(unit.c.id, unit.c.parent_id)).all(), roots)


def descendants(units: Iterable[Sequence[int | None]], roots: frozenset[int]) -> frozenset[int]:
    """The units below ``roots`` in a tree given as (id, parent id) rows, walked in Python: unit trees are
    small and this stays portable (the central store and a client's mirror share it). A loop in broken rows
    ends the walk."""
    children: dict[int, list[int]] = {}
    for unit_id, parent_id in units:
        if parent_id is not None and unit_id is not None:
            children.setdefault(int(parent_id), []).append(int(unit_id))
    found: set[int] = set()
    stack = list(roots)
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found and child not in roots:
                found.add(child)
                stack.append(child)
    return frozenset(found)


def unit_id_by_code(conn: Connection, code: str) -> int:
    unit_id = conn.execute(select(unit.c.id).where(unit.c.code == code)).scalar()
    if unit_id is None:
        raise NotFound(f"no unit with code {code!r}")
    return int(unit_id)
