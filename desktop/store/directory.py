"""Units and officers: the organisation that tickets are routed through.

Admins add units and officers, and change them afterwards (``update_unit``, ``update_officer``): a unit's
code and an officer's login never change, they are the keys the command line, the settings and the sync
use. A change that leaves an officer unable to see a report they hold (they left its unit, lost a
supervisor's reach over it, or its unit moved out from under the unit they supervise) ends that claim, as a
transfer does: the report is free again for its unit, and the officer's work still queued on it is
refused as for any report that left their scope. Changes are audited without a ticket, the claims they end
on each ticket.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum
from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, and_, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..domain.claims import DEFAULT_LEASE, MAX_LEASE, MIN_LEASE
from ..domain.entities import Officer, Unit
from ..domain.errors import BadInput, NotFound
from ..domain.text import check_length, clean_name
from ..domain.vocabulary import Role
from .claims import released
from .clock import server_now
from .identity import descendants, load_actor, unit_id_by_code
from .schema import membership, officer, ticket, unit
from .work import Work

UNIT_CODE_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")
# An officer's login: how they sign in to `aduan server` and how the command line and settings name them.
LOGIN_PATTERN = re.compile(r"^[a-z][a-z0-9._-]{1,62}$")


def check_login(login: str) -> str:
    if not LOGIN_PATTERN.match(check_length("login", login)):
        raise BadInput(
            f"invalid login {login!r}: 2-63 characters, lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter"
        )
    return login


class Unchanged(Enum):
    """A keyword argument left as it was, where None says something (a unit moved to the top)."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED
_NO_UNIT = BadInput("an officer belongs to at least one unit: give --unit", field="units", reason="empty")


def _checked_name(field: str, name: str) -> str:
    checked = clean_name(field, name)
    if checked is None:
        raise BadInput(f"{field} is empty", field=field, reason="empty")
    return checked


def _checked_lease(seconds: int) -> int:
    low, high = int(MIN_LEASE.total_seconds()), int(MAX_LEASE.total_seconds())
    if not low <= seconds <= high:
        raise BadInput(
            f"lease of {seconds} s is outside {MIN_LEASE} … {MAX_LEASE}",
            field="lease_seconds",
            reason="out_of_range",
            low=str(low),
            high=str(high),
        )
    return seconds


def add_unit(
    conn: Connection, code: str, name: str, parent: str | None = None, lease_seconds: int | None = None
) -> Unit:
    check_length("unit code", code)
    if not code or not set(code) <= UNIT_CODE_CHARS or not code[0].isalpha():
        raise BadInput(f"invalid unit code {code!r}: lower-case letters, digits and '-', e.g. kanreg-1")
    name = _checked_name("unit name", name)
    lease = _checked_lease(lease_seconds if lease_seconds is not None else int(DEFAULT_LEASE.total_seconds()))
    parent_id = unit_id_by_code(conn, parent) if parent else None
    try:
        with conn.begin_nested():
            unit_id = conn.execute(
                insert(unit)
                .values(
                    code=code,
                    name=name.strip(),
                    parent_id=parent_id,
                    lease_seconds=lease,
                    created_at=server_now(conn),
                )
                .returning(unit.c.id)
            ).scalar_one()
    except IntegrityError:
        raise BadInput(f"unit {code!r} exists already") from None
    return Unit(id=int(unit_id), code=code, name=name.strip(), parent_id=parent_id, lease_seconds=lease)


def list_units(conn: Connection) -> list[Unit]:
    return [
        Unit(
            id=r.id,
            code=r.code,
            name=r.name,
            parent_id=r.parent_id,
            lease_seconds=r.lease_seconds,
            identity_retention_days=r.identity_retention_days,
            attachment_retention_days=r.attachment_retention_days,
        )
        for r in conn.execute(select(unit).order_by(unit.c.code))
    ]


def add_officer(
    conn: Connection,
    login: str,
    name: str,
    unit_codes: list[str],
    role: Role,
    password: str | None = None,
) -> tuple[Officer, str | None]:
    """Create an officer with their password for `aduan server`: an application account, stored only as
    an Argon2id hash (accounts.py). No database login is made, on any engine: officers reach the data only
    through the server.

    A given password must pass ``accounts.check_password_strength``. Without one a password is generated
    and returned with the officer, to be handed to them once (it is stored nowhere); otherwise the second
    value is None.
    """
    from . import accounts  # Argon2 is loaded only where passwords are hashed

    check_login(login)
    name = _checked_name("officer name", name)
    if not unit_codes:
        raise _NO_UNIT
    if password is not None:
        accounts.check_password_strength(password, login)
    unit_ids = [unit_id_by_code(conn, code) for code in unit_codes]
    generated = None
    if password is None:
        password = generated = accounts.generate_password()
    now = server_now(conn)
    try:
        with conn.begin_nested():
            officer_id = conn.execute(
                insert(officer)
                .values(
                    login=login,
                    name=name.strip(),
                    role=role.value,
                    created_at=now,
                    password_hash=accounts.hash_password(password),
                    password_changed_at=now,
                )
                .returning(officer.c.id)
            ).scalar_one()
    except IntegrityError:
        raise BadInput(f"officer {login!r} exists already") from None
    conn.execute(insert(membership), [{"officer_id": officer_id, "unit_id": u} for u in sorted(set(unit_ids))])
    return load_actor(conn, login).officer, generated


def list_officers(conn: Connection) -> list[Officer]:
    codes: dict[int, list[str]] = {}
    for officer_id, code in conn.execute(
        select(membership.c.officer_id, unit.c.code).join(unit, unit.c.id == membership.c.unit_id).order_by(unit.c.code)
    ):
        codes.setdefault(officer_id, []).append(code)
    return [
        Officer(
            id=r.id,
            login=r.login,
            name=r.name,
            role=Role(r.role),
            unit_codes=tuple(codes.get(r.id, [])),
            active=bool(r.active),
        )
        for r in conn.execute(
            select(officer.c.id, officer.c.login, officer.c.name, officer.c.role, officer.c.active).order_by(
                officer.c.login
            )
        )
    ]


# -- changing units and officers ------------------------------------------------------------------------------


def update_unit(
    work: Work,
    code: str,
    name: str | None = None,
    parent: str | None | Literal[Unchanged.UNCHANGED] = UNCHANGED,
    lease_seconds: int | None = None,
) -> tuple[Unit, tuple[str, ...]]:
    """Rename a unit, move it under another unit (``parent`` None: to the top) or change its claim lease;
    what is not given stays, and its code never changes. A unit cannot become part of itself or of a unit
    below it. Returns the unit as it is now and the tracking numbers of the reports whose claim ended because
    the move took them out of their holders' reach (the module's rule). Audited as ``unit_changed``."""
    conn = work.conn
    _ = work.seq  # the change stamp first: every writer takes the counter before the rows it changes
    # The whole tree, locked and read as committed on every engine: two moves at once cannot close a loop.
    tree = {
        int(r.id): (str(r.code), None if r.parent_id is None else int(r.parent_id))
        for r in conn.execute(select(unit.c.id, unit.c.code, unit.c.parent_id).order_by(unit.c.id).with_for_update())
    }
    ids = {unit_code: unit_id for unit_id, (unit_code, _parent) in tree.items()}
    if code not in ids:
        raise NotFound(f"no unit with code {code!r}")
    unit_id = ids[code]
    subtree = frozenset({unit_id}) | descendants(((i, p) for i, (_c, p) in tree.items()), frozenset({unit_id}))
    values: dict[str, Any] = {}
    detail: dict[str, Any] = {}
    if name is not None:
        values["name"] = detail["name"] = _checked_name("unit name", name)
    if lease_seconds is not None:
        values["lease_seconds"] = detail["lease_seconds"] = _checked_lease(lease_seconds)
    if parent is not UNCHANGED:
        if parent is None:
            detail["top"] = True
        elif parent not in ids:
            raise NotFound(f"no unit with code {parent!r}")
        elif ids[parent] in subtree:
            raise BadInput(
                f"unit {code!r} cannot become part of {parent!r}: that is {code!r} itself or one of its sub-units",
                field="parent",
                reason="cycle",
                unit=code,
                parent=parent,
            )
        else:
            detail["parent"] = parent
        values["parent_id"] = None if parent is None else ids[parent]
    if not values:
        raise BadInput("nothing to change: give a new name, a parent (or the top) or a lease")
    conn.execute(update(unit).where(unit.c.id == unit_id).values(**values))
    # A move takes the unit's subtree with it (the same units before and after): the reports there may now be
    # out of reach of a supervisor above the old place.
    ended = _end_claims_out_of_reach(work, ticket.c.unit_id.in_(sorted(subtree))) if "parent_id" in values else []
    work.audit("unit_changed", None, unit=code, claims_ended=len(ended), **detail)
    return next(u for u in list_units(conn) if u.code == code), tuple(ended)


def update_officer(
    work: Work,
    login: str,
    name: str | None = None,
    role: Role | None = None,
    unit_codes: Iterable[str] | None = None,
) -> tuple[Officer, tuple[str, ...]]:
    """Rename an officer, change their role or replace their units (at least one); what is not given stays,
    and their login never changes. The last active admin stays an admin. Returns the officer as they are now
    and the tracking numbers of the reports whose claim ended because the officer can no longer reach them
    (the module's rule). Audited as ``officer_changed``."""
    conn = work.conn
    _ = work.seq  # the change stamp first: every writer takes the counter before the rows it changes
    row = conn.execute(select(officer.c.id, officer.c.role, officer.c.active).where(officer.c.login == login)).first()
    if row is None:
        raise NotFound(f"no officer with login {login!r}")
    officer_id = int(row.id)
    values: dict[str, Any] = {}
    detail: dict[str, Any] = {}
    if name is not None:
        values["name"] = detail["name"] = _checked_name("officer name", name)
    if role is not None:
        detail["role"] = role.value
        if role.value != row.role:
            values["role"] = role.value
    unit_ids: list[int] | None = None
    if unit_codes is not None:
        codes = sorted(set(unit_codes))
        if not codes:
            raise _NO_UNIT
        unit_ids = sorted({unit_id_by_code(conn, c) for c in codes})
        detail["units"] = codes
    if not detail:
        raise BadInput("nothing to change: give a new name, a role or the units")
    if values.get("role", Role.ADMIN.value) != Role.ADMIN.value and _last_active_admin(conn, officer_id):
        raise BadInput(
            f"{login!r} is the last active admin: make another officer an admin first",
            field="role",
            reason="last_admin",
            login=login,
        )
    if values:
        conn.execute(update(officer).where(officer.c.id == officer_id).values(**values))
    if unit_ids is not None:
        conn.execute(delete(membership).where(membership.c.officer_id == officer_id))
        conn.execute(insert(membership), [{"officer_id": officer_id, "unit_id": u} for u in unit_ids])
    ended = _end_claims_out_of_reach(work, ticket.c.claimed_by == officer_id)
    work.audit("officer_changed", None, officer=login, claims_ended=len(ended), **detail)
    return next(o for o in list_officers(conn) if o.login == login), tuple(ended)


def _last_active_admin(conn: Connection, officer_id: int) -> bool:
    """Whether the officer is the only active admin. The active admins' rows are locked (and read as committed)
    until the transaction ends, so that two admins demoting each other at once cannot both succeed."""
    admins = (
        conn.execute(
            select(officer.c.id)
            .where(officer.c.role == Role.ADMIN.value, officer.c.active.is_(True))
            .order_by(officer.c.id)
            .with_for_update()
        )
        .scalars()
        .all()
    )
    return officer_id in admins and len(admins) == 1


def _reach(conn: Connection, officer_id: int) -> tuple[str, frozenset[int] | None]:
    """An officer's login and the units whose reports they may see and work on now (None: every unit), as
    ``identity.load_actor`` finds them, for a deactivated officer too."""
    row = conn.execute(select(officer.c.login, officer.c.role).where(officer.c.id == officer_id)).one()
    members = frozenset(
        int(u)
        for u in conn.execute(select(membership.c.unit_id).where(membership.c.officer_id == officer_id)).scalars()
    )
    role = Role(row.role)
    if role is Role.ADMIN:
        return str(row.login), None
    if role is Role.SUPERVISOR:
        tree = conn.execute(select(unit.c.id, unit.c.parent_id)).all()
        return str(row.login), members | descendants(tree, members)
    return str(row.login), members


def _end_claims_out_of_reach(work: Work, which: ColumnElement[bool]) -> list[str]:
    """End the claims on the live tickets ``which`` selects whose holder may no longer see them; returns
    their tracking numbers. Each is audited as ``holder_left`` under the token that ended."""
    conn = work.conn
    held = conn.execute(
        select(
            ticket.c.id, ticket.c.tracking_no, ticket.c.unit_id, ticket.c.claimed_by, ticket.c.claim_token, unit.c.code
        )
        .join(unit, unit.c.id == ticket.c.unit_id)
        .where(ticket.c.claimed_by.is_not(None), ticket.c.deleted_at.is_(None), which)
        .order_by(ticket.c.tracking_no)
    ).all()
    reach: dict[int, tuple[str, frozenset[int] | None]] = {}
    ended: list[str] = []
    for row in held:
        holder = int(row.claimed_by)
        if holder not in reach:
            reach[holder] = _reach(conn, holder)
        login, visible = reach[holder]
        if visible is None or int(row.unit_id) in visible:
            continue
        still_held = and_(
            ticket.c.id == row.id, ticket.c.claimed_by == holder, ticket.c.claim_token == row.claim_token
        )  # unless the holder let go meanwhile
        done = conn.execute(
            update(ticket)
            .where(still_held)
            .values(
                **released(),
                row_version=ticket.c.row_version + 1,
                change_seq=work.seq,
                updated_at=work.now,
            )
        )
        if done.rowcount == 1:
            work.audit("holder_left", row.id, int(row.claim_token), previous_holder=login, unit=row.code)
            ended.append(str(row.tracking_no))
    return ended
