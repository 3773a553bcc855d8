"""Engines for the three supported databases, with the settings each one needs to be correct."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ..domain.errors import BadInput
from .deadline import watch_replies

APP_NAME = "Aduan"
CONNECT_TIMEOUT_SECONDS = 3
# A client that died or stalls inside a transaction must not block others for long: the server ends an
# idle transaction and gives up waiting for a row lock after this many seconds.
IDLE_IN_TRANSACTION_SECONDS = 10
LOCK_WAIT_SECONDS = 10
# A dead link is noticed within seconds: TCP keepalives and, for data sent but never acknowledged, the
# user timeout (PostgreSQL); socket read/write timeouts (MariaDB).
DEAD_LINK_SECONDS = 5
# A link that stalls while TCP stays up is given up when an answer is this late; it must outlast a
# legitimate wait for a row lock (see deadline.py).
REPLY_DEADLINE_SECONDS = LOCK_WAIT_SECONDS + DEAD_LINK_SECONDS
_RAW_KEY = re.compile(r"[0-9a-f]{96}")


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "aduan.db"


def default_url() -> str:
    return f"sqlite:///{default_database_path()}"


def normalise_url(raw: str) -> URL:
    """Accept the URLs an admin would write and pick the driver we tested for each engine."""
    try:
        url = make_url(raw)
    except ArgumentError:
        raise BadInput(f"not a database URL: {raw!r} (expected e.g. postgresql://host/aduan)") from None
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    if backend in ("mysql", "mariadb"):
        query = {"charset": "utf8mb4", **url.query}
        return url.set(drivername="mariadb+pymysql", query=query)
    if backend == "sqlite":
        return url.set(drivername="sqlite+pysqlite")
    raise BadInput(f"unsupported database {backend!r}: use postgresql, mariadb or sqlite")


def create(raw_url: str, cipher_key: str | None = None, **kwargs: Any) -> Engine:
    """An engine without pre-ping: a ping costs a round trip on every operation, and a connection that
    died while pooled fails its first statement with a disconnect, reported as "unreachable". Retrying
    belongs to the sync engine, whose operations are idempotent; a plain write is never resent blindly.

    ``cipher_key`` (SQLite only): the file is encrypted with SQLCipher under this raw key (hex: the key and
    the file's salt, ``security/cache_keys.py``).
    """
    url = normalise_url(raw_url)
    dialect = url.get_backend_name()
    # A failed statement's parameters are citizens' names, contacts and texts: never in an error or a log line.
    kwargs.setdefault("hide_parameters", True)
    if dialect == "sqlite":
        return _create_sqlite(url, cipher_key, **kwargs)
    if cipher_key is not None:
        raise BadInput("only an SQLite file is encrypted on this computer; a database server encrypts its own")
    if dialect == "postgresql":
        pg_args: dict[str, Any] = {
            "connect_timeout": CONNECT_TIMEOUT_SECONDS,
            "keepalives": 1,
            # A silent link is probed after 2 s and given up after two unanswered probes a second apart.
            "keepalives_idle": 2,
            "keepalives_interval": 1,
            "keepalives_count": 2,
            "tcp_user_timeout": DEAD_LINK_SECONDS * 1000,
            "options": f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_SECONDS * 1000}"
            f" -c lock_timeout={LOCK_WAIT_SECONDS * 1000}",
        }
        return watch_replies(create_engine(url, connect_args=pg_args, **kwargs), REPLY_DEADLINE_SECONDS)
    # MariaDB: READ COMMITTED so that a read after a failed conditional UPDATE sees the current holder,
    # not the transaction's first snapshot.
    return create_engine(
        url,
        isolation_level="READ COMMITTED",
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_SECONDS,
            "read_timeout": REPLY_DEADLINE_SECONDS,
            "write_timeout": REPLY_DEADLINE_SECONDS,
            "init_command": f"SET SESSION idle_transaction_timeout={IDLE_IN_TRANSACTION_SECONDS},"
            f" innodb_lock_wait_timeout={LOCK_WAIT_SECONDS}",
        },
        **kwargs,
    )


def make_sqlite_folder(raw_url: str) -> None:
    """Create the folder of an SQLite database that is being created on purpose (the embedded default,
    ``db upgrade``). Otherwise a missing folder stays an error: a central file that cannot be opened is
    unreachable, not silently replaced by an empty one."""
    url = normalise_url(raw_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)


def _create_sqlite(url: URL, cipher_key: str | None, **kwargs: Any) -> Engine:
    if cipher_key is not None:
        if not _RAW_KEY.fullmatch(cipher_key):  # it goes into a PRAGMA: nothing but hex
            raise BadInput("an SQLCipher raw key is 48 bytes in lower-case hex")
        import sqlcipher3  # SQLite with SQLCipher, the same DB-API as the standard library's sqlite3

        kwargs["module"] = sqlcipher3.dbapi2
    engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself, so writes can BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if cipher_key is not None:
            # First, before anything reads the file. A raw key: no passphrase derivation on each connect.
            cursor.execute(f"PRAGMA key = \"x'{cipher_key}'\"")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A write transaction takes the write lock up front; a deferred one that upgrades later can fail
        # with SQLITE_BUSY even with a busy timeout, which would look like a lost claim.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return engine
