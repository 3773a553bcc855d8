"""Units and officers: the organisation that tickets are routed through."""

from __future__ import annotations

import secrets

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from ..domain.claims import DEFAULT_LEASE, MAX_LEASE, MIN_LEASE
from ..domain.entities import Officer, Unit
from ..domain.errors import BadInput
from ..domain.vocabulary import Role
from . import db_users
from .clock import server_now
from .identity import load_actor, unit_id_by_code
from .schema import membership, officer, unit

UNIT_CODE_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")


def add_unit(
    conn: Connection, code: str, name: str, parent: str | None = None, lease_seconds: int | None = None
) -> Unit:
    if not code or not set(code) <= UNIT_CODE_CHARS or not code[0].isalpha() or len(code) > 40:
        raise BadInput(f"invalid unit code {code!r}: lower-case letters, digits and '-', e.g. kanreg-1")
    if not name.strip():
        raise BadInput("unit name is empty")
    lease = lease_seconds if lease_seconds is not None else int(DEFAULT_LEASE.total_seconds())
    if not MIN_LEASE.total_seconds() <= lease <= MAX_LEASE.total_seconds():
        raise BadInput(f"lease of {lease} s is outside {MIN_LEASE} … {MAX_LEASE}")
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
        Unit(id=r.id, code=r.code, name=r.name, parent_id=r.parent_id, lease_seconds=r.lease_seconds)
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
    """Create an officer with their password for `aduan server` (an Argon2id hash, see accounts.py); on
    PostgreSQL/MariaDB also their database login, with the same password (the desktop still signs in that
    way until it goes through the server).

    A given password must pass ``accounts.check_password_strength``. Returns the officer and, where a
    database login was created without a given password, the generated one (to be handed to the officer
    once; it is stored nowhere). On SQLite, without a given password, the officer has none: an admin gives
    one with ``accounts.reset_password`` (`aduan officer reset-password`) when the server is used.
    """
    from . import accounts  # Argon2 is loaded only where passwords are hashed

    db_users.check_login(login)
    if not name.strip():
        raise BadInput("officer name is empty")
    if not unit_codes:
        raise BadInput("an officer belongs to at least one unit: give --unit")
    if password is not None:
        accounts.check_password_strength(password, login)
    unit_ids = [unit_id_by_code(conn, code) for code in unit_codes]
    generated = None
    if password is None and conn.dialect.name != "sqlite":
        password = generated = secrets.token_urlsafe(18)
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
                    password_hash=None if password is None else accounts.hash_password(password),
                    password_changed_at=None if password is None else now,
                )
                .returning(officer.c.id)
            ).scalar_one()
    except IntegrityError:
        raise BadInput(f"officer {login!r} exists already") from None
    # After the savepoint: MariaDB allows no savepoint once a transaction has read its mysql.* tables.
    if db_users.login_exists(conn, login):
        raise BadInput(f"a database login {login!r} exists already on this server")
    conn.execute(insert(membership), [{"officer_id": officer_id, "unit_id": u} for u in sorted(set(unit_ids))])
    if password is not None and conn.dialect.name != "sqlite":
        db_users.grant_officer_role(conn)
        db_users.create_login(conn, login, password)
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
