"""Who may reach the central database on PostgreSQL and MariaDB, tried like an attacker would.

Officers have no database login any more: `officer add` makes none, and `db upgrade` removes the ones earlier
versions made (only Aduan's own). The server's own login (`db server-login`) does the server's and the
worker's work and nothing more. `aduan server` and `aduan worker` refuse a remote database without TLS.
Roles are shared by every database of a server, so every name here is unique to the run and dropped after.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from desktop.domain.errors import BadInput
from desktop.domain.vocabulary import Role
from desktop.store import accounts, db_users
from desktop.store.schema import event, metadata, officer, sign_in_attempt, ticket
from desktop.store.service import Store
from desktop.store.tls import require_tls_when_remote
from tests.databases import SERVER_ENGINES, server_admin_url
from tests.e2e.cli import ROOT, run
from tests.server.live import give_passwords, running_server
from tests.server.service_world import database
from tests.store.helpers import add_officer_without_login, build_org, new_ticket
from tests.sync.helpers import Client

OLD_ROLE = "aduan_officer"
OLD_PASSWORD = "sandi-lama-123"
NEW_SERVER_PASSWORD = "kata'sandi%server-1"  # quotes and a percent sign: passed into DDL as a literal
SECRET_TABLES = {"officer", "officer_session", "sign_in_attempt"}  # the old role read officers' columns only
_DENIED_PG = "42501"  # insufficient_privilege: "permission denied …", "must be owner of …"
_DENIED_MARIADB = {1044, 1045, 1142, 1143}


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def as_login(url: str, login: str, password: str, database: str | None = None) -> str:
    changed = make_url(url).set(username=login, password=password)
    if database is not None:
        changed = changed.set(database=database)
    return changed.render_as_string(hide_password=False)


def kind_of(url: str) -> str:
    return "postgresql" if make_url(url).get_backend_name() == "postgresql" else "mariadb"


def connects(url: str) -> bool:
    engine = create_engine(url, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except DBAPIError:
        return False
    finally:
        engine.dispose()


def run_sql(url: str, *statements: str) -> None:
    engine = create_engine(url, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
            conn.commit()
    finally:
        engine.dispose()


def refused(url: str, statement: str) -> bool:
    """True when the database refuses ``statement`` (or the connection) for want of a privilege."""
    try:
        run_sql(url, statement)
    except DBAPIError as exc:
        sqlstate = getattr(exc.orig, "sqlstate", None)
        args = getattr(exc.orig, "args", ())
        return sqlstate == _DENIED_PG or bool(args and args[0] in _DENIED_MARIADB) or "denied" in str(exc.orig)
    return False


def admin_sql(kind: str, *statements: str) -> None:
    run_sql(server_admin_url(kind), *statements)


def admin_scalar(url: str, query: str, **params: object) -> object:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(query), params).scalar()
    finally:
        engine.dispose()


def drop_logins_later(stack: ExitStack, kind: str, logins: list[str]) -> None:
    """Roles outlive databases: drop the run's logins once its databases are gone (registered first, so
    that it runs last)."""

    def drop() -> None:
        for login in logins:
            if kind == "postgresql":
                admin_sql(kind, f'DROP ROLE IF EXISTS "{login}"')
            else:
                admin_sql(kind, f"DROP USER IF EXISTS '{login}'@'%'", f"DROP ROLE IF EXISTS `{login}`")

    stack.callback(drop)


@pytest.fixture(params=SERVER_ENGINES)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# -- an earlier version's officer logins ---------------------------------------------------------------------


def grant_like_an_earlier_version(url: str) -> None:
    """The shared role and its grants as `db upgrade` made them before officers signed in to the server
    (desktop/store/db_users.py before this change, abridged: the officer table's secret columns unreadable)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            name = make_url(url).database
            tables = [t for t in (*sorted(metadata.tables), "alembic_version") if t not in SECRET_TABLES]
            if kind_of(url) == "postgresql":
                conn.execute(
                    text(
                        f"DO $$ BEGIN CREATE ROLE {OLD_ROLE} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
                    )
                )
                conn.execute(text(f'GRANT CONNECT ON DATABASE "{name}" TO {OLD_ROLE}'))
                conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {OLD_ROLE}"))
                conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {OLD_ROLE}"))
                for table in tables:
                    conn.execute(text(f'GRANT SELECT, INSERT, UPDATE ON "{table}" TO {OLD_ROLE}'))
                conn.execute(text(f"GRANT SELECT (id, login, name, role) ON officer TO {OLD_ROLE}"))
            else:
                conn.execute(text(f"CREATE ROLE IF NOT EXISTS {OLD_ROLE}"))
                for table in tables:
                    conn.execute(text(f"GRANT SELECT, INSERT, UPDATE ON `{name}`.`{table}` TO {OLD_ROLE}"))
                conn.execute(text(f"GRANT SELECT (id, login, name, role) ON `{name}`.officer TO {OLD_ROLE}"))
            conn.commit()
    finally:
        engine.dispose()


def login_like_an_earlier_version(url: str, login: str, in_old_role: bool = True) -> None:
    """`officer add` before this change: the officer's own database login, in the shared role."""
    if kind_of(url) == "postgresql":
        statements = [f"CREATE ROLE \"{login}\" LOGIN PASSWORD '{OLD_PASSWORD}'"]
        statements += [f'GRANT {OLD_ROLE} TO "{login}"'] if in_old_role else []
    else:
        account = f"'{login}'@'%'"
        statements = [f"CREATE USER {account} IDENTIFIED BY '{OLD_PASSWORD}'"]
        if in_old_role:
            statements += [f"GRANT {OLD_ROLE} TO {account}", f"SET DEFAULT ROLE {OLD_ROLE} FOR {account}"]
    run_sql(url, *statements)


def officer_rows(url: str, *logins: str) -> None:
    store = Store(url)
    if not store.read(lambda conn: conn.execute(select(officer.c.id).limit(1)).first()):
        from desktop.store import directory

        store.admin(directory.add_unit, "humas", "Biro Humas")
    for login in logins:
        store.admin(add_officer_without_login, login, login.title(), ["humas"], Role.OFFICER)
    store.dispose()


def old_role_grants_on(url: str) -> int:
    """How many of the old role's grants remain on this database's tables (and their columns)."""
    name = make_url(url).database
    if kind_of(url) == "postgresql":
        query = (
            "SELECT count(*) FROM pg_class c WHERE EXISTS (SELECT 1 FROM aclexplode(c.relacl) a"
            " JOIN pg_roles r ON r.oid = a.grantee WHERE r.rolname = :role)"
            " OR EXISTS (SELECT 1 FROM pg_attribute t, aclexplode(t.attacl) a JOIN pg_roles r ON r.oid = a.grantee"
            " WHERE t.attrelid = c.oid AND r.rolname = :role)"
        )
        return int(str(admin_scalar(url, query, role=OLD_ROLE)))
    query = (
        "SELECT (SELECT count(*) FROM mysql.tables_priv WHERE User = :role AND Db = :db)"
        " + (SELECT count(*) FROM mysql.columns_priv WHERE User = :role AND Db = :db)"
    )
    return int(str(admin_scalar(url, query, role=OLD_ROLE, db=name)))


def old_role_exists(url: str) -> bool:
    if kind_of(url) == "postgresql":
        return bool(admin_scalar(url, "SELECT count(*) FROM pg_roles WHERE rolname = :r", r=OLD_ROLE))
    return bool(admin_scalar(url, "SELECT count(*) FROM mysql.user WHERE User = :r AND is_role = 'Y'", r=OLD_ROLE))


def old_role_holds_grants_on_an_existing_database(url: str) -> bool:
    if kind_of(url) == "postgresql":
        query = (
            "SELECT count(*) FROM pg_shdepend d JOIN pg_roles r ON r.oid = d.refobjid"
            " WHERE d.refclassid = 'pg_authid'::regclass AND r.rolname = :r"
        )
    else:
        query = (
            "SELECT count(*) FROM mysql.tables_priv WHERE User = :r"
            " AND Db IN (SELECT SCHEMA_NAME FROM information_schema.SCHEMATA)"
        )
    return bool(admin_scalar(url, query, r=OLD_ROLE))


def signs_on(url: str, login: str) -> bool:
    """Whether ``login`` still opens a connection with the old password (on MariaDB without naming a
    database: a login without privileges may not open one)."""
    target = as_login(url, login, OLD_PASSWORD)
    if kind_of(url) == "mariadb":
        target = make_url(target).set(database="").render_as_string(hide_password=False)
    return connects(target)


def upgrade_json(url: str) -> dict[str, object]:
    done = run(url, "db", "upgrade", "--json")
    assert done.returncode == 0, done.stderr
    answer: dict[str, object] = json.loads(done.stdout)
    return answer


def test_db_upgrade_removes_the_officer_logins_an_earlier_version_made_and_only_those(
    kind: str, tmp_path: Path
) -> None:
    with ExitStack() as stack:
        ours, theirs = unique("petugas"), unique("petugas")
        other_installation = unique("petugas")
        not_in_role = unique("petugas")  # an officer's name, but a login someone made by hand
        outsider = unique("laporan")  # a login of another application
        given_more = unique("petugas")  # in the old role, but also given something Aduan never gave
        logins = [ours, theirs, other_installation, not_in_role, outsider, given_more]
        drop_logins_later(stack, kind, logins)
        here, there = database(stack, kind, tmp_path), database(stack, kind, tmp_path)

        officer_rows(here, ours, theirs, not_in_role, given_more)
        officer_rows(there, other_installation)
        for url in (here, there):
            grant_like_an_earlier_version(url)
        for login in (ours, theirs, given_more):
            login_like_an_earlier_version(here, login)
        login_like_an_earlier_version(there, other_installation)
        login_like_an_earlier_version(here, not_in_role, in_old_role=False)
        login_like_an_earlier_version(here, outsider, in_old_role=False)
        if kind == "postgresql":
            run_sql(here, f'GRANT SELECT ON ticket TO "{given_more}"')
        else:
            run_sql(here, f"GRANT SELECT ON `{make_url(here).database}`.ticket TO '{given_more}'@'%'")
        # The hole this closes: with the old login an officer writes rows directly, past every rule.
        assert not refused(as_login(here, ours, OLD_PASSWORD), "UPDATE ticket SET subject = 'langsung'")

        report = upgrade_json(here)

        assert report["removed_officer_logins"] == 2 and report["removed"] == sorted([ours, theirs])
        assert report["kept_officer_logins"] == [given_more]
        assert not signs_on(here, ours) and not signs_on(here, theirs)
        assert old_role_grants_on(here) == 0, "the shared role keeps no grant on this database"
        for untouched in (not_in_role, given_more, outsider):
            assert signs_on(here, untouched), untouched
        # Another installation's officer, in the shared role, is not this database's to remove: the role stays,
        # with its grants there, until that database is upgraded too.
        assert old_role_exists(here) and report["officer_role_dropped"] is False
        assert not refused(as_login(there, other_installation, OLD_PASSWORD), "SELECT count(*) FROM ticket")

        again = upgrade_json(here)
        assert again["removed_officer_logins"] == 0 and again["removed"] == []

        done = run(there, "db", "upgrade")
        assert done.returncode == 0, done.stderr
        assert "removed 1 officer database login" in done.stdout
        assert not signs_on(there, other_installation)
        assert old_role_grants_on(there) == 0
        dropped = "dropped the role aduan_officer" in done.stdout
        assert dropped or old_role_holds_grants_on_an_existing_database(there), "kept only while it holds grants"
        if dropped:
            assert signs_on(here, not_in_role), "dropping the role dropped no one else"


# -- officer add ---------------------------------------------------------------------------------------------


def login_exists(url: str, login: str) -> bool:
    if kind_of(url) == "postgresql":
        return bool(admin_scalar(url, "SELECT count(*) FROM pg_roles WHERE rolname = :l", l=login))
    return bool(admin_scalar(url, "SELECT count(*) FROM mysql.user WHERE User = :l", l=login))


def test_officer_add_creates_an_application_account_and_no_database_login(kind: str, tmp_path: Path) -> None:
    with ExitStack() as stack:
        generated_for, given_for = unique("dewi"), unique("eko")
        drop_logins_later(stack, kind, [generated_for, given_for])  # in case it did make one
        url = database(stack, kind, tmp_path)
        assert run(url, "unit", "add", "humas", "--name", "Biro Humas").returncode == 0
        added = run(url, "officer", "add", generated_for, "--name", "Dewi", "--unit", "humas", "--json")
        assert added.returncode == 0, added.stderr
        password = str(json.loads(added.stdout)["password"])
        given = run(
            url,
            "officer",
            "add",
            given_for,
            "--name",
            "Eko",
            "--unit",
            "humas",
            "--password-stdin",
            stdin=b"rahasia-eko-123\n",
        )
        assert given.returncode == 0, given.stderr
        for login, secret in ((generated_for, password), (given_for, "rahasia-eko-123")):
            assert not login_exists(url, login), f"{login} got a database login"
            assert not connects(as_login(url, login, secret))
            stored = (
                Store(url)
                .read(
                    lambda conn, who=login: conn.execute(select(officer.c.password_hash).where(officer.c.login == who))
                )
                .scalar_one()
            )
            assert stored.startswith("$argon2id$") and accounts.verify_password(stored, secret)
            assert secret not in stored


# -- the server's own login ----------------------------------------------------------------------------------


@dataclass
class ServerLoginWorld:
    owner_url: str
    server_url: str  # the database as the server's login reaches it
    other_url: str  # another Aduan database on the same server
    login: str
    password: str


@pytest.fixture
def server_login(kind: str, tmp_path: Path) -> Iterator[ServerLoginWorld]:
    with ExitStack() as stack:
        login = unique("aduan_srv")
        roles = [login]
        drop_logins_later(stack, kind, roles)
        here = database(stack, kind, tmp_path)
        other = database(stack, kind, tmp_path)
        roles += [db_users.server_role(make_url(url).database or "") for url in (here, other)]
        build_org(here).close()
        made = run(here, "db", "server-login", login, "--json")
        assert made.returncode == 0, made.stderr
        answer = json.loads(made.stdout)
        assert answer["created"] is True and answer["role"] == db_users.server_role(make_url(here).database or "")
        yield ServerLoginWorld(here, as_login(here, login, answer["password"]), other, login, answer["password"])


def test_the_server_login_does_the_servers_and_the_workers_work(server_login: ServerLoginWorld, tmp_path: Path) -> None:
    owner = Store(server_login.owner_url)
    give_passwords(owner, "ani")
    as_ani = Store(server_login.owner_url, "ani")
    ticket_made = new_ticket(as_ani)
    as_ani.dispose()
    with running_server(server_login.server_url, tmp_path) as server:
        from desktop.cache.database import Cache
        from desktop.desk.operations import Desk
        from desktop.sync.engine import SyncEngine

        cache = Cache(tmp_path / "ani.cache.db")
        ani = Client("ani", owner, cache, Desk(cache), SyncEngine(cache, server.central("ani")))
        ani.sync()
        ani.desk.claim(str(ticket_made.id))
        ani.desk.reply(str(ticket_made.id), "Terima kasih, laporan Anda kami tindak lanjuti.")
        ani.desk.note(str(ticket_made.id), "sudah dicek")
        report = ani.sync()
        assert report.push.applied == 3 and report.push.rejected == 0, server.output()
        cache.dispose()
    worker = run(server_login.server_url, "worker", "--once", "--json")
    assert worker.returncode == 0, worker.stderr
    attempts = owner.read(lambda c: len(c.execute(select(sign_in_attempt.c.id)).all()))
    assert attempts >= 1, "the sign-in was recorded"
    as_server = Store(server_login.server_url)
    assert as_server.admin(accounts.prune_sign_in_attempts, now=datetime(2100, 1, 1)) == attempts, "pruning deletes"
    holder = owner.read(lambda c: c.execute(select(ticket.c.claimed_by).where(ticket.c.id == ticket_made.id)).scalar())
    assert holder is not None
    assert owner.read(lambda c: c.execute(select(event.c.id).where(event.c.ticket_id == ticket_made.id)).first())
    as_server.dispose()
    owner.dispose()


def test_the_server_login_can_change_no_schema_rewrite_no_audit_and_read_no_other_database(
    server_login: ServerLoginWorld,
) -> None:
    url = server_login.server_url
    kind = kind_of(url)
    for statement in (
        "CREATE TABLE stolen (secret VARCHAR(40))",
        "DROP TABLE ticket",
        "ALTER TABLE ticket ADD COLUMN extra INTEGER",
        "UPDATE event SET action = 'forged'",
        "DELETE FROM event",
        "DELETE FROM ticket",
        "UPDATE alembic_version SET version_num = '9999'",
    ):
        assert refused(url, statement), statement
    other = make_url(server_login.other_url).database
    if kind == "postgresql":
        assert refused(
            as_login(url, server_login.login, server_login.password, database=other), "SELECT * FROM officer"
        )
    else:
        assert refused(url, f"SELECT * FROM `{other}`.officer")
    assert not refused(url, "SELECT count(*) FROM event")
    for table in sorted(db_users.SERVER_DELETES):
        assert not refused(url, f"DELETE FROM {table} WHERE 1 = 0"), table
    # What was refused changed nothing.
    owner = Store(server_login.owner_url)
    assert owner.read(lambda c: c.execute(select(event.c.action).where(event.c.action == "forged")).first()) is None
    owner.dispose()


def test_one_login_serves_one_database_and_refreshing_it_keeps_it(server_login: ServerLoginWorld) -> None:
    """The role is the database's own: the same login for a second Aduan database is refused (a shared role
    would let one installation's server into the other's data)."""
    elsewhere = run(server_login.other_url, "db", "server-login", server_login.login)
    assert elsewhere.returncode == 2 and "each database has its own server login" in elsewhere.stderr
    here_role = db_users.server_role(make_url(server_login.owner_url).database or "")
    assert here_role != db_users.server_role(make_url(server_login.other_url).database or "")
    refreshed = run(
        server_login.owner_url,
        "db",
        "server-login",
        server_login.login,
        "--password-stdin",
        "--json",
        stdin=NEW_SERVER_PASSWORD.encode() + b"\n",
    )
    assert refreshed.returncode == 0, refreshed.stderr
    assert json.loads(refreshed.stdout) == {
        "login": server_login.login,
        "role": here_role,
        "database": make_url(server_login.owner_url).database,
        "created": False,
    }, "a given password is not printed"
    new_url = as_login(server_login.owner_url, server_login.login, NEW_SERVER_PASSWORD)
    assert connects(new_url)
    if kind_of(new_url) == "mariadb":
        assert not connects(server_login.server_url), "the old password no longer opens the database"
    else:  # PostgreSQL on the test machines trusts local connections: read the stored SCRAM verifier
        assert pg_password_is(server_login.owner_url, server_login.login, NEW_SERVER_PASSWORD)
        assert not pg_password_is(server_login.owner_url, server_login.login, server_login.password)
    superuser = "postgres" if kind_of(new_url) == "postgresql" else "root"
    for taken, why in ((superuser, "exists already"), ("ani", "an officer's login")):
        done = run(server_login.owner_url, "db", "server-login", taken)
        assert done.returncode == 2 and why in done.stderr, (taken, done.stderr)


def pg_password_is(url: str, login: str, password: str) -> bool:
    """Whether PostgreSQL's SCRAM-SHA-256 verifier for ``login`` is that of ``password`` (RFC 5802)."""
    verifier = str(admin_scalar(url, "SELECT rolpassword FROM pg_authid WHERE rolname = :l", l=login))
    _, iterations_salt, keys = verifier.split("$")
    iterations, salt = iterations_salt.split(":")
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt), int(iterations))
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    return base64.b64encode(hashlib.sha256(client_key).digest()).decode() == keys.split(":")[0]


def test_the_server_role_may_delete_from_exactly_the_tables_the_code_deletes_from() -> None:
    """Read the server's, the worker's and the store's code for ``delete(table)`` and ``DELETE FROM table``: a
    new delete needs its grant (or the server would fail there), a grant no code uses is one too many. The
    desktop's own cache (sync/, ui/) is not the central database."""
    desktop = ROOT / "desktop"
    sources = [*desktop.glob("cli*.py"), *(desktop / "store").glob("*.py")]
    sources += [path for folder in ("server", "channels", "reports") for path in (desktop / folder).rglob("*.py")]
    deleted: set[str] = set()
    for path in sources:
        code = path.read_text("utf-8")
        deleted |= set(re.findall(r"\bdelete\((\w+)\)", code))
        deleted |= {name.lower() for name in re.findall(r"DELETE FROM (\w+)", code)}
    assert deleted == set(db_users.SERVER_DELETES)


def test_a_server_login_on_sqlite_is_a_clear_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'aduan.db'}"
    Store(url).upgrade()
    done = run(url, "db", "server-login", "aduan_srv")
    assert done.returncode == 2 and "SQLite" in done.stderr


def test_db_upgrade_grants_the_server_role_a_table_a_migration_added(server_login: ServerLoginWorld) -> None:
    """A table the server's role has no grant on stands for one a newer migration adds: `db upgrade` grants it."""
    url = server_login.server_url
    run_sql(server_login.owner_url, "REVOKE SELECT ON officer FROM " + _role_name(server_login))
    assert refused(url, "SELECT count(*) FROM officer")
    report = upgrade_json(server_login.owner_url)
    assert report["server_role_refreshed"] is True
    assert not refused(url, "SELECT count(*) FROM officer")


def _role_name(world: ServerLoginWorld) -> str:
    role = db_users.server_role(make_url(world.owner_url).database or "")
    return f'"{role}"' if kind_of(world.owner_url) == "postgresql" else f"`{role}`"


# -- TLS across the network ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///aduan.db",
        "postgresql://aduan@127.0.0.1/aduan",
        "postgresql://aduan@localhost:5432/aduan",
        "postgresql://aduan@[::1]/aduan",
        "postgresql:///aduan?host=/var/run/postgresql",
        "postgresql://aduan@db.example.go.id/aduan?sslmode=require",
        "postgresql://aduan@10.0.0.5/aduan?sslmode=verify-full&sslrootcert=/etc/aduan/ca.pem",
        "postgresql://aduan@/aduan?host=10.0.0.5:5432&host=10.0.0.6:5432&sslmode=verify-ca",
        "mariadb://aduan@127.0.0.1/aduan",
        "mariadb://aduan@db.example.go.id/aduan?unix_socket=/run/mysqld/mysqld.sock",
        "mariadb://aduan@db.example.go.id/aduan?ssl_ca=/etc/aduan/ca.pem",
        "mysql://aduan@10.0.0.5/aduan?ssl_verify_identity=true",
    ],
)
def test_a_local_database_or_one_that_requires_tls_is_accepted(url: str) -> None:
    require_tls_when_remote(url, "aduan server")


@pytest.mark.parametrize(
    ("url", "fix"),
    [
        ("postgresql://aduan@db.example.go.id/aduan", "sslmode=verify-full"),
        ("postgresql://aduan@10.0.0.5/aduan?sslmode=prefer", "sslmode=verify-full"),
        ("postgresql://aduan@10.0.0.5/aduan?sslmode=disable", "sslmode=verify-full"),
        ("postgresql://aduan@127.0.0.1/aduan?host=127.0.0.1&host=10.0.0.6", "sslmode=verify-full"),
        ("postgresql+psycopg://aduan@[2001:db8::1]:5432/aduan", "sslmode=verify-full"),
        ("mariadb://aduan@db.example.go.id/aduan", "ssl_ca="),
        ("mariadb://aduan@10.0.0.5/aduan?ssl_ca=/etc/ca.pem&ssl_disabled=1", "ssl_ca="),
        ("mysql://aduan@localhost.example.com/aduan", "ssl_ca="),
    ],
)
def test_a_remote_database_without_tls_is_refused_naming_the_fix(url: str, fix: str) -> None:
    with pytest.raises(BadInput, match="without TLS") as refusal:
        require_tls_when_remote(url, "aduan worker")
    assert fix in refusal.value.message and "aduan worker" in refusal.value.message


@pytest.mark.parametrize(
    ("program", "url", "command"),
    [
        ("aduan server", "postgresql+psycopg://postgres@10.255.255.1/x", ["server"]),
        ("aduan worker", "mariadb+pymysql://root@10.255.255.1/x", ["worker", "--once"]),
    ],
)
def test_server_and_worker_refuse_a_remote_database_without_tls_before_connecting(
    program: str, url: str, command: list[str]
) -> None:
    """10.255.255.1 answers nothing: a program that tried to connect would wait for its timeout and say
    "unreachable" (exit 4); the refusal comes before any connection, with exit 2."""
    done = run(url, "--db", url, *command, timeout=60)
    assert done.returncode == 2, done.stderr
    assert f"{program} refuses to reach the database at 10.255.255.1 without TLS" in done.stderr
    assert "ssl" in done.stderr, "the message names the fix"


def _event_writes_refused(world: ServerLoginWorld, event_id: int) -> dict[str, bool]:
    """Which writes to the audit log the server's login is refused, tried on a real event."""
    url = world.server_url
    return {
        statement: refused(url, statement.format(id=event_id))
        for statement in (
            "UPDATE event SET action = 'forged' WHERE id = {id}",
            "UPDATE event SET officer_id = NULL WHERE id = {id}",
            "UPDATE event SET created_at = created_at WHERE id = {id}",
            "UPDATE event SET ticket_id = NULL WHERE id = {id}",
            "UPDATE event SET detail = '{{}}', action = 'forged' WHERE id = {id}",
            "DELETE FROM event WHERE id = {id}",
            "UPDATE event SET detail = '{{\"scrubbed\": true}}' WHERE id = {id}",
        )
    }


def _column_grants_on_event(world: ServerLoginWorld) -> set[tuple[str, str]]:
    """(column, privilege) of the server role's column-level grants on ``event``, from the catalogs."""
    role = db_users.server_role(make_url(world.owner_url).database or "")
    postgresql = kind_of(world.owner_url) == "postgresql"
    # PostgreSQL's information_schema shows the database it is connected to: the owner's connection to this one.
    engine = create_engine(world.owner_url if postgresql else server_admin_url("mariadb"))
    try:
        with engine.connect() as conn:
            if postgresql:
                database = make_url(world.owner_url).database
                rows = conn.execute(
                    text(
                        "SELECT column_name, privilege_type FROM information_schema.column_privileges "
                        "WHERE grantee = :r AND table_catalog = :db AND table_name = 'event' "
                        "AND privilege_type = 'UPDATE'"
                    ),
                    {"r": role, "db": database},
                ).all()
            else:
                rows = conn.execute(
                    text(
                        "SELECT Column_name, Column_priv FROM mysql.columns_priv "
                        "WHERE User = :r AND Host = '' AND Db = :db AND Table_name = 'event'"
                    ),
                    {"r": role, "db": make_url(world.owner_url).database},
                ).all()
    finally:
        engine.dispose()
    return {(str(column).lower(), str(privilege).upper()) for column, privilege in rows}


def test_the_audit_log_stays_append_only_but_for_an_events_detail_after_a_grant_refresh(
    server_login: ServerLoginWorld,
) -> None:
    """An erasure (store/privacy.py) rewrites the detail of events that quoted the reporter, so the server's
    role may UPDATE that one column of ``event``: nothing else of an event, and no event deleted. A table-wide
    UPDATE granted by hand (on MariaDB grants add up) is taken away by the next grant refresh (`db upgrade`),
    which leaves the column-level grant alone."""
    owner = Store(server_login.owner_url)
    ani = Store(server_login.owner_url, "ani")
    try:
        made = new_ticket(ani)
        event_id = owner.read(lambda c: c.execute(select(event.c.id).where(event.c.ticket_id == made.id)).scalar())
        assert event_id is not None
        first = _event_writes_refused(server_login, int(event_id))
        only_detail = {statement: "scrubbed" not in statement for statement in first}
        assert first == only_detail
        assert _column_grants_on_event(server_login) == {("detail", "UPDATE")}

        run_sql(server_login.owner_url, f"GRANT UPDATE ON event TO {_role_name(server_login)}")
        assert not refused(server_login.server_url, f"UPDATE event SET created_at = created_at WHERE id = {event_id}")
        assert upgrade_json(server_login.owner_url)["server_role_refreshed"] is True

        assert _event_writes_refused(server_login, int(event_id)) == only_detail
        assert _column_grants_on_event(server_login) == {("detail", "UPDATE")}
        row = owner.read(
            lambda c: c.execute(select(event.c.action, event.c.detail).where(event.c.id == event_id)).one()
        )
        assert row.action == "create" and json.loads(row.detail) == {"scrubbed": True}
    finally:
        ani.dispose()
        owner.dispose()
