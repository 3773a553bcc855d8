"""Database logins for officers on PostgreSQL and MariaDB, and the grants of the shared officer role.

Officers get SELECT, INSERT and UPDATE on the tables, with the exceptions below (append-only, read-only,
none): these logins stay only until every officer works through the Aduan server.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from ..domain.errors import BadInput
from .schema import metadata

OFFICER_ROLE = "aduan_officer"
LOGIN_PATTERN = re.compile(r"^[a-z][a-z0-9._-]{1,62}$")
# The audit log is append-only for officers; so are the answers queued for dispatch (rewriting or
# re-addressing one would make the worker send it from the agency's account). Channel accounts are the
# admins' (through the owner's connection): officers only read them.
_APPEND_ONLY = {"event", "outbound_message"}
_READ_ONLY = {"alembic_version", "channel_account"}


def check_login(login: str) -> str:
    if not LOGIN_PATTERN.match(login):
        raise BadInput(
            f"invalid login {login!r}: 2-63 characters, lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter"
        )
    return login


# Officers' database logins (until the desktop signs in to the Aduan server only) must never reach the
# server's sign-in data: no access to sessions and sign-in attempts, and of the officer table only the
# columns that are not secret, read-only (an UPDATE of a password hash would take over another account).
_NO_ACCESS = {"officer_session", "sign_in_attempt"}
_SECRET_COLUMNS = {"password_hash", "password_changed_at"}


def officer_visible_columns() -> list[str]:
    return [c.name for c in metadata.tables["officer"].c if c.name not in _SECRET_COLUMNS]


def _table_privileges(table: str) -> str:
    if table in _READ_ONLY:
        return "SELECT"
    if table in _APPEND_ONLY:
        return "SELECT, INSERT"
    return "SELECT, INSERT, UPDATE"


def grant_officer_role(conn: Connection) -> None:
    """Create the shared role if needed and (re)grant it on every table; run after each migration."""
    dialect = conn.dialect.name
    quote = conn.dialect.identifier_preparer.quote
    tables = [*sorted(metadata.tables), "alembic_version"]
    if dialect == "postgresql":
        conn.execute(
            text("DO $$ BEGIN CREATE ROLE aduan_officer NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        )
        database = conn.execute(text("SELECT current_database()")).scalar_one()
        conn.execute(text(f"GRANT CONNECT ON DATABASE {quote(database)} TO {OFFICER_ROLE}"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {OFFICER_ROLE}"))
        conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {OFFICER_ROLE}"))
        for table in tables:
            conn.execute(text(f"REVOKE ALL ON {quote(table)} FROM {OFFICER_ROLE}"))
            if table in _NO_ACCESS:
                continue
            if table == "officer":
                columns = ", ".join(map(quote, officer_visible_columns()))
                conn.execute(text(f"GRANT SELECT ({columns}) ON {quote(table)} TO {OFFICER_ROLE}"))
                continue
            conn.execute(text(f"GRANT {_table_privileges(table)} ON {quote(table)} TO {OFFICER_ROLE}"))
    elif dialect in ("mariadb", "mysql"):
        conn.execute(text(f"CREATE ROLE IF NOT EXISTS {OFFICER_ROLE}"))
        database = conn.execute(text("SELECT DATABASE()")).scalar_one()
        for table in tables:
            target = f"{quote(database)}.{quote(table)}"
            _revoke_table_grant(conn, database, table)  # grants add up on MariaDB: start from none
            if table in _NO_ACCESS:
                continue
            if table == "officer":
                columns = ", ".join(map(quote, officer_visible_columns()))
                conn.execute(text(f"GRANT SELECT ({columns}) ON {target} TO {OFFICER_ROLE}"))
                continue
            conn.execute(text(f"GRANT {_table_privileges(table)} ON {target} TO {OFFICER_ROLE}"))


def _revoke_table_grant(conn: Connection, database: str, table: str) -> None:
    """MariaDB refuses to revoke a grant that does not exist (and has no REVOKE IF EXISTS): look first."""
    granted = conn.execute(
        text(
            "SELECT count(*) FROM mysql.tables_priv WHERE User = :role AND Host = '' AND Db = :db AND Table_name = :t"
        ),
        {"role": OFFICER_ROLE, "db": database, "t": table},
    ).scalar_one()
    if granted:
        quote = conn.dialect.identifier_preparer.quote
        conn.execute(text(f"REVOKE ALL PRIVILEGES ON {quote(database)}.{quote(table)} FROM {OFFICER_ROLE}"))


def login_exists(conn: Connection, login: str) -> bool:
    dialect = conn.dialect.name
    if dialect == "postgresql":
        query = "SELECT count(*) FROM pg_roles WHERE rolname = :login"
    elif dialect in ("mariadb", "mysql"):
        query = "SELECT count(*) FROM mysql.user WHERE User = :login"
    else:
        return False
    return bool(conn.execute(text(query), {"login": login}).scalar_one())


def create_login(conn: Connection, login: str, password: str) -> None:
    """Create the officer's database login and give it the officer role."""
    check_login(login)
    dialect = conn.dialect.name
    quote = conn.dialect.identifier_preparer.quote
    if dialect == "postgresql":
        # Parameters cannot be bound in DDL; the password is passed as a quoted literal.
        literal = "'" + password.replace("'", "''") + "'"
        conn.execute(text(f"CREATE ROLE {quote(login)} LOGIN PASSWORD {literal}"))
        conn.execute(text(f"GRANT {OFFICER_ROLE} TO {quote(login)}"))
    elif dialect in ("mariadb", "mysql"):
        account = f"'{login}'@'%'"
        conn.execute(text(f"CREATE USER {account} IDENTIFIED BY :password"), {"password": password})
        conn.execute(text(f"GRANT {OFFICER_ROLE} TO {account}"))
        conn.execute(text(f"SET DEFAULT ROLE {OFFICER_ROLE} FOR {account}"))


def drop_login(conn: Connection, login: str) -> None:
    check_login(login)
    dialect = conn.dialect.name
    if dialect == "postgresql":
        conn.execute(text(f"DROP ROLE IF EXISTS {conn.dialect.identifier_preparer.quote(login)}"))
    elif dialect in ("mariadb", "mysql"):
        conn.execute(text(f"DROP USER IF EXISTS '{login}'@'%'"))
