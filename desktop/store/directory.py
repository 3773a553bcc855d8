"""Units and officers: the organisation that tickets are routed through."""

from __future__ import annotations

import re

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from ..domain.claims import DEFAULT_LEASE, MAX_LEASE, MIN_LEASE
from ..domain.entities import Officer, Unit
from ..domain.errors import BadInput
from ..domain.text import check_length, clean_name
from ..domain.vocabulary import Role
from .clock import server_now
from .identity import load_actor, unit_id_by_code
from .schema import membership, officer, unit

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


def add_unit(
    conn: Connection, code: str, name: str, parent: str | None = None, lease_seconds: int | None = None
) -> Unit:
    check_length("unit code", code)
    if not code or not set(code) <= UNIT_CODE_CHARS or not code[0].isalpha():
        raise BadInput(f"invalid unit code {code!r}: lower-case letters, digits and '-', e.g. kanreg-1")
    checked_name = clean_name("unit name", name)
    if checked_name is None:
        raise BadInput("unit name is empty")
    name = checked_name
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
    checked_name = clean_name("officer name", name)
    if checked_name is None:
        raise BadInput("officer name is empty")
    name = checked_name
    if not unit_codes:
        raise BadInput("an officer belongs to at least one unit: give --unit")
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
