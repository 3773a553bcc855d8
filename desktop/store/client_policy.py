"""The client release policy: which client versions the server accepts, and where each unit's installer is.

One row for every unit (the default) and, where an admin set one, a row per unit. A unit without a row of
its own follows its parent's, then its grandparent's, then the row for every unit; with none, every version
is accepted. An officer who belongs to several units must satisfy the strictest of their units' policies:
one client works for all of them at once (``domain.client_release.strictest``).

The server reads it at every request (``required_for``): one SELECT of a table of a few rows, and the units'
tree only when a row exists.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from ..domain.client_release import ClientPolicy, checked_installer, checked_note, parse_version, strictest
from .identity import unit_id_by_code
from .schema import client_policy, membership, unit
from .work import Work

EVERY_UNIT = 0  # the ``scope`` of the row for every unit


def _rows(conn: Connection) -> list[Any]:
    return list(
        conn.execute(
            select(
                client_policy.c.scope,
                unit.c.code,
                client_policy.c.min_version,
                client_policy.c.installer,
                client_policy.c.note,
            ).outerjoin(unit, unit.c.id == client_policy.c.unit_id)
        )
    )


def _policy(row: Any) -> ClientPolicy:
    return ClientPolicy(row.code, row.min_version, row.installer, row.note)


def list_policies(conn: Connection) -> list[ClientPolicy]:
    """Every policy set: the one for every unit first, then the units' by code."""
    return sorted((_policy(r) for r in _rows(conn)), key=lambda p: (p.unit is not None, p.unit or ""))


def _effective(by_scope: dict[int, ClientPolicy], parents: dict[int, int | None], unit_id: int) -> ClientPolicy | None:
    """The unit's own policy, else its nearest ancestor's, else the one for every unit."""
    seen: set[int] = set()
    current: int | None = unit_id
    while current is not None and current not in seen:  # a cycle in the tree is no reason to hang a request
        seen.add(current)
        if current in by_scope:
            return by_scope[current]
        current = parents.get(current)
    return by_scope.get(EVERY_UNIT)


def _tree(conn: Connection) -> dict[int, int | None]:
    return {int(r.id): r.parent_id for r in conn.execute(select(unit.c.id, unit.c.parent_id))}


def policy_for_units(conn: Connection, unit_ids: frozenset[int] | set[int]) -> ClientPolicy | None:
    """The policy an officer of these units must satisfy (the strictest of theirs); None: every version."""
    rows = _rows(conn)
    if not rows:
        return None
    by_scope = {int(r.scope): _policy(r) for r in rows}
    if not unit_ids:
        return by_scope.get(EVERY_UNIT)
    parents = _tree(conn)
    found = [_effective(by_scope, parents, unit_id) for unit_id in sorted(unit_ids)]
    return strictest([p for p in found if p is not None])


def required_for(conn: Connection, officer_id: int) -> ClientPolicy | None:
    """The policy the officer's client must satisfy (their units' strictest)."""
    if not conn.execute(select(client_policy.c.scope).limit(1)).first():
        return None  # the common case, with no policy set: one small query per request
    units = {int(r[0]) for r in conn.execute(select(membership.c.unit_id).where(membership.c.officer_id == officer_id))}
    return policy_for_units(conn, units)


def policy_for_unit(conn: Connection, code: str | None) -> ClientPolicy | None:
    """The policy of the unit named by ``code`` (its own, a parent's or the one for every unit). An unknown
    code gets the one for every unit: the unauthenticated route must not tell which units exist."""
    unit_id = conn.execute(select(unit.c.id).where(unit.c.code == code)).scalar() if code else None
    return policy_for_units(conn, set() if unit_id is None else {int(unit_id)})


def set_policy(work: Work, code: str | None, min_version: str, installer: str, note: str | None) -> ClientPolicy:
    """Set the policy of one unit (``code``) or of every unit (None); audited without a ticket."""
    version = str(parse_version(min_version, "--min-version"))
    address = checked_installer(installer)
    words = checked_note(note)
    unit_id = None if code is None else unit_id_by_code(work.conn, code)
    scope = EVERY_UNIT if unit_id is None else unit_id
    values = {
        "min_version": version,
        "installer": address,
        "note": words,
        "updated_by": work.actor.id if work.actor else None,
        "updated_at": work.now,
    }
    changed = work.conn.execute(update(client_policy).where(client_policy.c.scope == scope).values(**values))
    if not changed.rowcount:
        work.conn.execute(insert(client_policy).values(scope=scope, unit_id=unit_id, **values))
    work.audit("client_policy_set", None, unit=code or "*", min_version=version, installer=address)
    return ClientPolicy(code, version, address, words)


def clear_policy(work: Work, code: str | None) -> bool:
    """Remove the policy of one unit (it follows its parent's again) or the one for every unit; False when
    there was none (a retry of a clear that was done changes nothing)."""
    scope = EVERY_UNIT if code is None else unit_id_by_code(work.conn, code)
    removed = bool(work.conn.execute(delete(client_policy).where(client_policy.c.scope == scope)).rowcount)
    if removed:
        work.audit("client_policy_cleared", None, unit=code or "*")
    return removed
