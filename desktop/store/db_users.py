"""Database logins for officers on PostgreSQL and MariaDB, and the grants of the shared officer role.

Officers get SELECT, INSERT and UPDATE on the tables, but only SELECT and INSERT on the audit log
(``event``) and only SELECT on ``alembic_version``: the log is append-only for everyone but the owner.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from ..domain.errors import BadInput
from .schema import metadata

OFFICER_ROLE = "aduan_officer"
LOGIN_PATTERN = re.compile(r"^[a-z][a-z0-9._-]{1,62}$")
_APPEND_ONLY = {"event"}
_READ_ONLY = {"alembic_version"}


def check_login(login: str) -> str:
    if not LOGIN_PATTERN.match(login):
        raise BadInput(
            f"invalid login {login!r}: 2-63 characters, lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter"
        )
    return login


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
            conn.execute(text(f"GRANT {_table_privileges(table)} ON {quote(table)} TO {OFFICER_ROLE}"))
    elif dialect in ("mariadb", "mysql"):
        conn.execute(text(f"CREATE ROLE IF NOT EXISTS {OFFICER_ROLE}"))
        database = conn.execute(text("SELECT DATABASE()")).scalar_one()
        for table in tables:
            target = f"{quote(database)}.{quote(table)}"
            conn.execute(text(f"GRANT {_table_privileges(table)} ON {target} TO {OFFICER_ROLE}"))


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
