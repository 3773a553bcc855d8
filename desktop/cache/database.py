"""The local cache: one SQLite file per officer profile (WAL, synchronous=FULL).

Every change to it is one local transaction (a pulled batch with its cursor; an operation with its
overlay; an outcome with the overlay it retires), so a crash at any point leaves it consistent.

A cache may be encrypted (SQLCipher, ``cipher_key``); a workspace opens it through ``protection.open_cache``,
which keeps the key in the keyring. Either way its files are readable by their user alone.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
from sqlalchemy import Connection, delete, text
from sqlalchemy.exc import DatabaseError, OperationalError

from ..domain.cache_notice import CacheNotice
from ..domain.errors import BadInput
from ..security.private_files import create_private_file, make_private
from ..store import engine as engines
from . import mirror_sum, search_index, similar
from . import schema as s
from .state import get_state, set_state

INTERRUPT_CHECK_STEPS = 10_000  # SQLite VM steps between two checks that a read is still wanted (~1 ms)


# The files SQLite keeps beside a database, and ours: the number of queued operations of an encrypted cache.
SIDE_FILES = ("-wal", "-shm", "-journal")
QUEUED_NOTE = "-queued"


class ReadAbandoned(Exception):
    """An interruptible read was given up: its result was no longer wanted."""


class CacheUnreadable(BadInput):
    """The key given does not open this cache file (it was encrypted with another key, or is damaged)."""

    code = "cache_unreadable"


def default_cache_folder() -> Path:
    return Path(platformdirs.user_data_dir(engines.APP_NAME, appauthor=False)) / "cache"


def default_cache_path(central_url: str, officer: str) -> Path:
    """One cache per central database and officer, in the user's data folder."""
    server = hashlib.sha256(central_url.encode()).hexdigest()[:12]
    return default_cache_folder() / f"{officer}-{server}.db"


def side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


class Cache:
    """``cipher_key`` None: a plain SQLite file (tests, benchmarks, the embedded workspace); else the raw
    SQLCipher key of an encrypted one (``protection.open_cache`` creates and keeps it)."""

    def __init__(self, path: Path | str, cipher_key: str | None = None) -> None:
        self.path = Path(path)
        self.encrypted = cipher_key is not None
        # What the officer should be told about this cache (set aside, left unencrypted); shown by the caller.
        self.notices: list[CacheNotice] = []
        if self.path.is_dir():
            raise BadInput(f"the cache path {str(self.path)!r} is a folder, not a file")
        _prepare_private_files(self.path)
        self._queued = -1  # the number last noted beside an encrypted cache (-1: not yet, noted at open)
        self.engine = engines.create(f"sqlite:///{self.path}", cipher_key=cipher_key)
        try:
            self._open()
        except DatabaseError as exc:
            self.engine.dispose()
            if self.encrypted and "file is not a database" in str(exc.orig):
                raise CacheUnreadable(f"{self.path} cannot be opened with the key given") from None
            raise

    def _open(self) -> None:
        with self.write() as conn:
            version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
            if version > s.CACHE_VERSION:
                raise BadInput(f"{self.path} was written by a newer version of Aduan (cache version {version})")
            if version == 1:
                _upgrade_from_1(conn)
            if 0 < version < 4:  # what became of each answer
                _add_column(conn, "message", "delivery", "VARCHAR(20)")
            if 0 < version < 5:  # the confidential reports whose content the server withholds (store/confidentiality)
                _add_column(conn, "ticket", "content_withheld", "BOOLEAN")
            if 0 < version < 6:  # assignments (store/assignment.py); the rows pulled from now on carry them
                _add_column(conn, "ticket", "assigned_by", "INTEGER")
                _add_column(conn, "ticket", "assigned_at", "DATETIME")
                _add_column(conn, "local_ticket", "assigned_to", "INTEGER")
            s.metadata.create_all(conn)
            # The mirror lacks clocks (before 3), answers' delivery (4) or which reports' content is withheld (5),
            # and may hold content the officer no longer reads: take a fresh snapshot.
            if 0 < version < 5:
                drop_mirror(conn)
            # create_all skips the indexes of tables that exist: a cache from an earlier build gets them here.
            for table in s.metadata.sorted_tables:
                for index in table.indexes:
                    index.create(conn, checkfirst=True)
            search_index.ensure(conn)
            similar.ensure(conn)
            mirror_sum.ensure(conn)
            conn.exec_driver_sql(f"PRAGMA user_version={s.CACHE_VERSION}")

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn.execution_options(write=True)
            with conn.begin():
                yield conn
                queued = _queued_ops(conn) if self.encrypted else None
        if queued is not None and queued != self._queued:
            self._note_queued(queued)

    def _note_queued(self, queued: int) -> None:
        """Keep the number of queued operations beside an encrypted cache, unencrypted: if its key is ever
        lost, the officer is told how much unsent work the file that was set aside holds."""
        note = side_file(self.path, QUEUED_NOTE)
        partial = side_file(self.path, QUEUED_NOTE + ".tmp")
        create_private_file(partial)
        partial.write_text(f"{queued}\n", encoding="ascii")
        partial.replace(note)
        self._queued = queued

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def read_interruptible(self, wanted: Callable[[], bool]) -> Iterator[Connection]:
        """A read given up as soon as ``wanted`` says its result is moot: not started then, and interrupted
        inside SQLite while a statement runs, so it never holds the cache thread in front of newer reads.
        Given up, it raises ReadAbandoned."""
        if not wanted():
            raise ReadAbandoned()
        with self.read() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            # A nonzero return interrupts the statement.
            raw.set_progress_handler(lambda: 0 if wanted() else 1, INTERRUPT_CHECK_STEPS)
            try:
                yield conn
            except OperationalError:
                if wanted():
                    raise
                raise ReadAbandoned() from None
            finally:
                raw.set_progress_handler(None, 0)

    def bind(self, central: str, officer: str | None = None) -> None:
        """A cache belongs to one central database and one officer; refuse to mix them."""
        with self.write() as conn:
            for key, value in (("central", central), ("officer", officer)):
                if value is None:
                    continue
                current = get_state(conn, key)
                if current is None:
                    set_state(conn, key, value)
                elif current != value:
                    raise BadInput(f"{self.path} is the cache of {key} {current!r}, not {value!r}: use another --cache")

    def dispose(self) -> None:
        self.engine.dispose()


def _queued_ops(conn: Connection) -> int:
    count = conn.exec_driver_sql("SELECT count(*) FROM outbox WHERE state = 'pending'").scalar_one()
    return int(count)


def _prepare_private_files(path: Path) -> None:
    """The folder is created private when missing (a folder the user chose is left as it is); the database
    is created private before SQLite opens it, so its -wal, -shm and -journal, which SQLite creates later
    with the database's own mode, are private too. A cache from an earlier version is made private here."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        make_private(path.parent)
    create_private_file(path)
    for suffix in ("", *SIDE_FILES, QUEUED_NOTE):
        with_suffix = side_file(path, suffix)
        if os.path.lexists(with_suffix) and with_suffix.is_file():
            make_private(with_suffix)


def _upgrade_from_1(conn: Connection) -> None:
    """Version 1's outbox required a ticket id; SQLite cannot relax a column, so the table is copied."""
    conn.exec_driver_sql("ALTER TABLE outbox RENAME TO outbox_v1")
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_outbox_state_seq")
    s.outbox.create(conn)
    columns = ", ".join(c.name for c in s.outbox.c)
    conn.exec_driver_sql(f"INSERT INTO outbox ({columns}) SELECT {columns} FROM outbox_v1")
    conn.exec_driver_sql("DROP TABLE outbox_v1")


def _add_column(conn: Connection, table: str, column: str, ddl_type: str) -> None:
    """A nullable column added in place (SQLite cannot add one conditionally), to a table the cache has and
    that lacks it."""
    names = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
    if names and column not in names:
        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {ddl_type}")


# A first snapshot taken in pages (``SyncEngine.pull``), while it is under way: the cursor of its first page,
# where the sync goes on from once the last page is in, and the last ticket id of the pages stored so far.
# Committed with each page, so that a sync that was stopped goes on where it stopped.
SNAPSHOT_CURSOR = "snapshot_cursor"
SNAPSHOT_AFTER = "snapshot_after"


def drop_mirror(conn: Connection) -> None:
    """Forget every mirrored row (a fresh snapshot follows); the outbox, the overlay and what only this
    workstation knows (drafts, read marks, fetched attachments) stay."""
    for table in s.metadata.sorted_tables:
        if table not in (s.sync_state, s.outbox, s.blob_cache, s.draft, s.discussion_read, *s.OVERLAY):
            conn.execute(delete(table))
    for key in ("cursor", "scope", SNAPSHOT_CURSOR, SNAPSHOT_AFTER):
        conn.execute(delete(s.sync_state).where(s.sync_state.c.key == key))


def integrity_ok(conn: Connection) -> bool:
    return bool(conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok")
