"""Database roles on PostgreSQL and MariaDB: the Aduan server's own login, and the end of officers' logins.

Officers never hold a database login: they sign in to `aduan server` (accounts.py). The database is reached
only by the server, the worker and the owner's admin tools.

- **The server's login** (`aduan db server-login LOGIN`): a login that is a member of this database's own
  role, ``server_role(database)`` — named after the database, so two Aduan databases on one server never
  share a role. The role may SELECT, INSERT and UPDATE the Aduan tables, only SELECT and INSERT the audit
  log (append-only), only SELECT the schema version, and DELETE only where the server or the worker
  deletes (``SERVER_DELETES``); no DDL, nothing on other databases. ``db upgrade`` grants it the tables a
  migration added.
- **Officers' logins of earlier versions**, members of the one role ``aduan_officer`` shared across
  installations: ``db upgrade`` drops those that are this database's officers and hold nothing but that
  role, revokes the role's grants on this database, and drops the role once it holds grants nowhere.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, select, text
from sqlalchemy.exc import DBAPIError

from ..domain.errors import BadInput
from .schema import metadata, officer

SERVER_DIALECTS = ("postgresql", "mariadb", "mysql")
# A database login's name: also interpolated into DDL (quoted), so nothing outside this set is accepted.
LOGIN_NAME = re.compile(r"^[a-z][a-z0-9._-]{1,62}$")
SERVER_PASSWORD_BYTES = 24  # secrets.token_urlsafe(24): 32 characters, read by a machine, not typed

# The schema version is the owner's (`db upgrade`); the audit log is append-only for all but the owner.
_SERVER_READ_ONLY = {"alembic_version"}
_SERVER_APPEND_ONLY = {"event"}
# ... but for the detail of an event, which an erasure of a reporter's data (privacy.py, run by an admin through
# the server) rewrites where it quoted the reporter: who did what, when and on which ticket stays as written.
_SERVER_REWRITES = {"event": "detail"}
# What the server and the worker delete, and nothing else (a test reads the code for its deletes): ended
# sessions and sign-in attempts no throttle counts any more (the worker's pruning, accounts.prune_*), a
# unit's SLA policy and one of its calendar's days off (`sla policy remove`, `sla day-off add|remove`, which
# run on the server as the signed-in supervisor or admin); a reporter's contacts, and attachments' contents no
# attachment refers to any more, when the reporter's data is erased or their retention period passed
# (privacy.py, retention.py: run by an admin through the server, and by the worker).
SERVER_DELETES = frozenset(
    {"officer_session", "sign_in_attempt", "sla_policy", "calendar_day_off", "reporter_contact", "blob"}
    | {"ticket_share"}  # a share revoked (store/sharing.py)
    | {"client_policy"}  # a unit's client release policy cleared (`aduan client-policy clear`, store/client_policy.py)
    | {"membership"}  # an officer's units replaced (`aduan officer set --unit`, store/directory.py)
    | {"stats_day", "stats_counted"}  # the statistics' roll-up built again for a new time zone (reports/rollup.py)
    | {"counter"}  # status self-service's rows of hours gone by and old requests (the worker: store/self_service.py)
    | {"social_comment"}  # public comments never made reports, past the retention period (store/retention.py)
)

# The shared role that versions before the Aduan server gave every officer's database login.
OLD_OFFICER_ROLE = "aduan_officer"
# MariaDB: access denied (to the mysql.* tables an owner without the global privileges cannot read).
_DENIED_MARIADB = {1044, 1142, 1143, 1227}


def check_login_name(login: str) -> str:
    if not LOGIN_NAME.match(login):
        raise BadInput(
            f"invalid database login {login!r}: 2-63 characters, lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter"
        )
    return login


def server_role(database: str) -> str:
    """The role holding the server's grants on ``database``: its name plus a digest of the exact name, so
    that two databases whose names read alike never share one. At most 54 characters (PostgreSQL: 63)."""
    readable = re.sub(r"[^a-z0-9_]", "_", database.lower())[:32]
    return f"aduan_server_{readable}_{hashlib.sha256(database.encode()).hexdigest()[:8]}"


def _database(conn: Connection) -> str:
    query = "SELECT current_database()" if conn.dialect.name == "postgresql" else "SELECT DATABASE()"
    return str(conn.execute(text(query)).scalar_one())


def _server_tables() -> list[str]:
    return [*sorted(metadata.tables), "alembic_version"]


def _server_privileges(table: str) -> str:
    if table in _SERVER_READ_ONLY:
        return "SELECT"
    if table in _SERVER_APPEND_ONLY:
        return f"SELECT, INSERT, UPDATE ({_SERVER_REWRITES[table]})" if table in _SERVER_REWRITES else "SELECT, INSERT"
    if table in SERVER_DELETES:
        return "SELECT, INSERT, UPDATE, DELETE"
    return "SELECT, INSERT, UPDATE"


def _mariadb_account(user: str, host: str) -> str:
    """``'user'@'host'`` as a MariaDB account literal."""

    def literal(value: str) -> str:
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"

    return f"{literal(user)}@{literal(host)}"


def _pg_literal(value: str) -> str:
    """A string literal for PostgreSQL DDL, where parameters cannot be bound (standard_conforming_strings)."""
    return "'" + value.replace("'", "''") + "'"


# -- the server's login --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ServerLogin:
    login: str
    role: str
    database: str
    created: bool  # False: the login existed and its password was replaced
    password: str | None  # generated: to be handed over once; None when the owner gave it


def create_server_login(conn: Connection, login: str, password: str | None = None) -> ServerLogin:
    """Create (or refresh: new password, grants again) the login `aduan server` and `aduan worker` connect
    with to this database. Refuses SQLite, a login of another database, an officer's login and a weak
    given password; generates one when none is given."""
    from . import accounts  # Argon2 is loaded only by the commands that check passwords

    dialect = conn.dialect.name
    if dialect not in SERVER_DIALECTS:
        raise BadInput("the embedded SQLite database has no logins: a server login is for PostgreSQL and MariaDB")
    check_login_name(login)
    if conn.execute(select(officer.c.id).where(officer.c.login == login)).first() is not None:
        raise BadInput(f"{login!r} is an officer's login: give the server's database login another name")
    if password is not None:
        accounts.check_password_strength(password, login)
    generated = None
    if password is None:
        password = generated = secrets.token_urlsafe(SERVER_PASSWORD_BYTES)
    database = _database(conn)
    role = server_role(database)
    if dialect == "postgresql":
        created = _pg_server_login(conn, login, password, database, role)
    else:
        created = _mariadb_server_login(conn, login, password, database, role)
    grant_server_role(conn)
    return ServerLogin(login=login, role=role, database=database, created=created, password=generated)


def _not_ours(login: str, database: str) -> BadInput:
    return BadInput(
        f"a database login {login!r} exists already and is not the Aduan server's login for database "
        f"{database!r}: choose another name (each database has its own server login)"
    )


def _pg_server_login(conn: Connection, login: str, password: str, database: str, role: str) -> bool:
    quote = conn.dialect.identifier_preparer.quote
    if conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar_one() == 0:
        conn.execute(text(f"CREATE ROLE {quote(role)} NOLOGIN"))
    exists = conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = :l"), {"l": login}).scalar_one()
    member = conn.execute(
        text(
            "SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles r ON r.oid = m.member WHERE g.rolname = :role AND r.rolname = :login"
        ),
        {"role": role, "login": login},
    ).scalar_one()
    if exists and not member:
        raise _not_ours(login, database)
    attributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT"
    if exists:
        conn.execute(text(f"ALTER ROLE {quote(login)} WITH {attributes} PASSWORD {_pg_literal(password)}"))
        return False
    conn.execute(text(f"CREATE ROLE {quote(login)} WITH {attributes} PASSWORD {_pg_literal(password)}"))
    conn.execute(text(f"GRANT {quote(role)} TO {quote(login)}"))
    return True


def _mariadb_server_login(conn: Connection, login: str, password: str, database: str, role: str) -> bool:
    quote = conn.dialect.identifier_preparer.quote
    account = _mariadb_account(login, "%")
    conn.execute(text(f"CREATE ROLE IF NOT EXISTS {quote(role)}"))
    exists = conn.execute(text("SELECT count(*) FROM mysql.user WHERE User = :l"), {"l": login}).scalar_one()
    member = conn.execute(
        text("SELECT count(*) FROM mysql.roles_mapping WHERE User = :l AND Host = '%' AND Role = :r"),
        {"l": login, "r": role},
    ).scalar_one()
    if exists and not member:
        raise _not_ours(login, database)
    if exists:
        conn.execute(text(f"ALTER USER {account} IDENTIFIED BY :password"), {"password": password})
        return False
    conn.execute(text(f"CREATE USER {account} IDENTIFIED BY :password"), {"password": password})
    conn.execute(text(f"GRANT {quote(role)} TO {account}"))
    conn.execute(text(f"SET DEFAULT ROLE {quote(role)} FOR {account}"))
    return True


def grant_server_role(conn: Connection) -> None:
    """Give this database's server role exactly its grants on every Aduan table (again: after a migration)."""
    dialect = conn.dialect.name
    quote = conn.dialect.identifier_preparer.quote
    database = _database(conn)
    role = quote(server_role(database))
    if dialect == "postgresql":
        schema = quote(str(conn.execute(text("SELECT current_schema()")).scalar_one()))
        conn.execute(text(f"GRANT CONNECT ON DATABASE {quote(database)} TO {role}"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {role}"))
        conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}"))
        for table in _server_tables():
            conn.execute(text(f"GRANT {_server_privileges(table)} ON {quote(table)} TO {role}"))
        conn.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}"))
        conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}"))
        # Before PostgreSQL 15 everyone may create tables in the public schema: not the server.
        may_create = conn.execute(
            text("SELECT has_schema_privilege(:role, current_schema(), 'CREATE')"), {"role": server_role(database)}
        ).scalar_one()
        if may_create:
            conn.execute(text(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC"))
    elif dialect in ("mariadb", "mysql"):
        for table in _server_tables():
            _mariadb_revoke_table(conn, server_role(database), database, table)  # grants add up: start from none
            conn.execute(text(f"GRANT {_server_privileges(table)} ON {quote(database)}.{quote(table)} TO {role}"))


def refresh_server_role(conn: Connection) -> bool:
    """After a migration: grant this database's server role the tables as they are now, if it exists."""
    role = server_role(_database(conn))
    if conn.dialect.name == "postgresql":
        query = "SELECT count(*) FROM pg_roles WHERE rolname = :role"
    elif conn.dialect.name in ("mariadb", "mysql"):
        query = "SELECT count(*) FROM mysql.user WHERE User = :role AND Host = '' AND is_role = 'Y'"
    else:
        return False
    if not conn.execute(text(query), {"role": role}).scalar_one():
        return False
    grant_server_role(conn)
    return True


def _mariadb_revoke_table(conn: Connection, role: str, database: str, table: str) -> None:
    """MariaDB refuses to revoke a grant that does not exist (and has no REVOKE IF EXISTS): look first."""
    granted = conn.execute(
        text("SELECT count(*) FROM mysql.tables_priv WHERE User = :r AND Host = '' AND Db = :db AND Table_name = :t"),
        {"r": role, "db": database, "t": table},
    ).scalar_one()
    if granted:
        quote = conn.dialect.identifier_preparer.quote
        conn.execute(text(f"REVOKE ALL PRIVILEGES ON {quote(database)}.{quote(table)} FROM {quote(role)}"))


# -- officers' logins of earlier versions --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OfficerLoginCleanup:
    """What ``db upgrade`` did about the officers' database logins earlier versions made."""

    removed: tuple[str, ...] = ()  # dropped: this database's officers, holding nothing but the old role
    kept: tuple[str, ...] = ()  # this database's officers in the old role, holding more: left to the owner
    role_dropped: bool = False  # the shared role held grants nowhere any more and was dropped
    unchecked: str | None = None  # why nothing could be looked at (the owner may not read the accounts)
    server_role_refreshed: bool = False  # this database's server role was granted the tables again


def settle_logins(conn: Connection) -> OfficerLoginCleanup | None:
    """After a migration: remove the old officer logins and refresh the server role. None on SQLite."""
    dialect = conn.dialect.name
    if dialect == "postgresql":
        done = _pg_remove_officer_logins(conn)
    elif dialect in ("mariadb", "mysql"):
        try:
            done = _mariadb_remove_officer_logins(conn)
        except DBAPIError as exc:
            if not _mariadb_denied(exc):
                raise
            # An owner who may not read the accounts could neither have made officers' logins nor a server
            # role: say so, and leave the rest of the upgrade done.
            conn.rollback()
            return OfficerLoginCleanup(
                unchecked=f"officers' database logins not checked: this login may not read mysql.* ({exc.orig})"
            )
    else:
        return None
    return OfficerLoginCleanup(done.removed, done.kept, done.role_dropped, None, refresh_server_role(conn))


def _mariadb_denied(exc: DBAPIError) -> bool:
    args: tuple[object, ...] = getattr(exc.orig, "args", ())
    return bool(args) and args[0] in _DENIED_MARIADB


def _officer_logins(conn: Connection) -> set[str]:
    return set(conn.execute(select(officer.c.login)).scalars())


def _pg_remove_officer_logins(conn: Connection) -> OfficerLoginCleanup:
    quote = conn.dialect.identifier_preparer.quote
    role_oid = conn.execute(text("SELECT oid FROM pg_roles WHERE rolname = :r"), {"r": OLD_OFFICER_ROLE}).scalar()
    if role_oid is None:
        return OfficerLoginCleanup()
    officers = _officer_logins(conn)
    members = conn.execute(
        text(
            "SELECT r.rolname,"
            " r.rolcanlogin AND NOT (r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication"
            "  OR r.rolbypassrls) AS plain,"
            " EXISTS (SELECT 1 FROM pg_shdepend d WHERE d.refclassid = 'pg_authid'::regclass"
            "  AND d.refobjid = r.oid) AS holds_more,"
            " EXISTS (SELECT 1 FROM pg_auth_members o WHERE o.member = r.oid AND o.roleid <> :role) AS in_others"
            " FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member"
            " WHERE m.roleid = :role AND NOT m.admin_option AND r.rolname NOT IN (current_user, session_user)"
            " ORDER BY r.rolname"
        ),
        {"role": role_oid},
    ).all()
    removed, kept = [], []
    for name, plain, holds_more, in_others in members:
        if name not in officers:
            continue  # not this database's officer: another installation's, or not Aduan's at all
        if plain and not holds_more and not in_others:
            conn.execute(text(f"DROP ROLE {quote(name)}"))
            removed.append(name)
        else:
            kept.append(name)
    # The old role's grants in this database: tables (their columns too), sequences, schemas, the database.
    schemas = conn.execute(
        text(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE EXISTS (SELECT 1 FROM aclexplode(c.relacl) a WHERE a.grantee = :role)"
            " OR EXISTS (SELECT 1 FROM pg_attribute t, aclexplode(t.attacl) a"
            "  WHERE t.attrelid = c.oid AND a.grantee = :role)"
            " UNION SELECT n.nspname FROM pg_namespace n"
            " WHERE EXISTS (SELECT 1 FROM aclexplode(n.nspacl) a WHERE a.grantee = :role)"
        ),
        {"role": role_oid},
    ).scalars()
    for schema in (quote(s) for s in sorted(schemas)):
        conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {OLD_OFFICER_ROLE}"))
        conn.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {OLD_OFFICER_ROLE}"))
        conn.execute(text(f"REVOKE ALL ON SCHEMA {schema} FROM {OLD_OFFICER_ROLE}"))
    conn.execute(text(f"REVOKE ALL ON DATABASE {quote(_database(conn))} FROM {OLD_OFFICER_ROLE}"))
    # Grants anywhere (any database, shared objects) and owned objects are all in pg_shdepend.
    holds = conn.execute(
        text("SELECT count(*) FROM pg_shdepend WHERE refclassid = 'pg_authid'::regclass AND refobjid = :role"),
        {"role": role_oid},
    ).scalar_one()
    if not holds:
        conn.execute(text(f"DROP ROLE {OLD_OFFICER_ROLE}"))
    return OfficerLoginCleanup(tuple(removed), tuple(kept), role_dropped=not holds)


_MARIADB_GRANT_TABLES = ("db", "tables_priv", "columns_priv", "procs_priv")


def _mariadb_holds(conn: Connection, user: str, host: str, other_than_role: str | None = None) -> bool:
    """Whether an account holds any privilege of its own: global, on a database, table, column or routine,
    or a role other than ``other_than_role``. Grants on databases that no longer exist are not counted."""
    access = conn.execute(
        text("SELECT JSON_VALUE(Priv, '$.access') FROM mysql.global_priv WHERE User = :u AND Host = :h"),
        {"u": user, "h": host},
    ).scalar()
    if access not in (None, "0", 0):
        return True
    for table in _MARIADB_GRANT_TABLES:
        found = conn.execute(
            text(
                f"SELECT count(*) FROM mysql.{table} WHERE User = :u AND Host = :h"
                " AND Db IN (SELECT SCHEMA_NAME FROM information_schema.SCHEMATA)"
            ),
            {"u": user, "h": host},
        ).scalar_one()
        if found:
            return True
    if other_than_role is None:
        return False
    roles = conn.execute(
        text("SELECT count(*) FROM mysql.roles_mapping WHERE User = :u AND Host = :h AND Role <> :r"),
        {"u": user, "h": host, "r": other_than_role},
    ).scalar_one()
    return bool(roles)


def _mariadb_remove_officer_logins(conn: Connection) -> OfficerLoginCleanup:
    quote = conn.dialect.identifier_preparer.quote
    exists = conn.execute(
        text("SELECT count(*) FROM mysql.user WHERE User = :r AND Host = '' AND is_role = 'Y'"),
        {"r": OLD_OFFICER_ROLE},
    ).scalar_one()
    if not exists:
        return OfficerLoginCleanup()
    me_user, _, me_host = str(conn.execute(text("SELECT CURRENT_USER()")).scalar_one()).rpartition("@")
    officers = _officer_logins(conn)
    members = conn.execute(
        text(
            "SELECT m.User, m.Host FROM mysql.roles_mapping m JOIN mysql.user u ON u.User = m.User"
            " AND u.Host = m.Host WHERE m.Role = :r AND m.Admin_option = 'N' AND u.is_role = 'N'"
            " ORDER BY m.User, m.Host"
        ),
        {"r": OLD_OFFICER_ROLE},
    ).all()
    removed, kept = [], []
    for user, host in members:
        if user not in officers or (user, host) == (me_user, me_host):
            continue
        if _mariadb_holds(conn, user, host, other_than_role=OLD_OFFICER_ROLE):
            kept.append(user)
            continue
        conn.execute(text(f"DROP USER {_mariadb_account(user, host)}"))
        removed.append(user)
    database = _database(conn)
    tables = conn.execute(
        text("SELECT Table_name FROM mysql.tables_priv WHERE User = :r AND Host = '' AND Db = :db"),
        {"r": OLD_OFFICER_ROLE, "db": database},
    ).scalars()
    for table in sorted(tables):
        conn.execute(text(f"REVOKE ALL PRIVILEGES ON {quote(database)}.{quote(table)} FROM {OLD_OFFICER_ROLE}"))
    on_database = conn.execute(
        text("SELECT count(*) FROM mysql.db WHERE User = :r AND Host = '' AND Db = :db"),
        {"r": OLD_OFFICER_ROLE, "db": database},
    ).scalar_one()
    if on_database:
        conn.execute(text(f"REVOKE ALL PRIVILEGES ON {quote(database)}.* FROM {OLD_OFFICER_ROLE}"))
    holds = _mariadb_holds(conn, OLD_OFFICER_ROLE, "")
    if not holds:
        conn.execute(text(f"DROP ROLE {OLD_OFFICER_ROLE}"))  # with its grants on databases long dropped
    return OfficerLoginCleanup(tuple(sorted(set(removed))), tuple(sorted(set(kept))), role_dropped=not holds)
