"""The local cache: one SQLite file per officer profile (WAL, synchronous=FULL).

Every change to it is one local transaction (a pulled batch with its cursor; an operation with its
overlay; an outcome with the overlay it retires), so a crash at any point leaves it consistent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
from sqlalchemy import Connection, delete, text
from sqlalchemy.exc import OperationalError

from ..domain.errors import BadInput
from ..store import engine as engines
from . import schema as s
from . import search_index, similar
from .state import get_state, set_state

INTERRUPT_CHECK_STEPS = 10_000  # SQLite VM steps between two checks that a read is still wanted (~1 ms)


class ReadAbandoned(Exception):
    """An interruptible read was given up: its result was no longer wanted."""


def default_cache_path(central_url: str, officer: str) -> Path:
    """One cache per central database and officer, in the user's data folder."""
    server = hashlib.sha256(central_url.encode()).hexdigest()[:12]
    folder = Path(platformdirs.user_data_dir(engines.APP_NAME, appauthor=False)) / "cache"
    return folder / f"{officer}-{server}.db"


class Cache:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise BadInput(f"the cache path {str(self.path)!r} is a folder, not a file")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = engines.create(f"sqlite:///{self.path}")
        with self.write() as conn:
            version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
            if version > s.CACHE_VERSION:
                raise BadInput(f"{self.path} was written by a newer version of Aduan (cache version {version})")
            if version == 1:
                _upgrade_from_1(conn)
            if 0 < version < 4:
                _add_delivery(conn)
            s.metadata.create_all(conn)
            if 0 < version < 4:  # the mirror lacks clocks (before 3) or answers' delivery: take a fresh snapshot
                drop_mirror(conn)
            # create_all skips the indexes of tables that exist: a cache from an earlier build gets them here.
            for table in s.metadata.sorted_tables:
                for index in table.indexes:
                    index.create(conn, checkfirst=True)
            search_index.ensure(conn)
            similar.ensure(conn)
            conn.exec_driver_sql(f"PRAGMA user_version={s.CACHE_VERSION}")

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn.execution_options(write=True)
            with conn.begin():
                yield conn

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


def _upgrade_from_1(conn: Connection) -> None:
    """Version 1's outbox required a ticket id; SQLite cannot relax a column, so the table is copied."""
    conn.exec_driver_sql("ALTER TABLE outbox RENAME TO outbox_v1")
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_outbox_state_seq")
    s.outbox.create(conn)
    columns = ", ".join(c.name for c in s.outbox.c)
    conn.exec_driver_sql(f"INSERT INTO outbox ({columns}) SELECT {columns} FROM outbox_v1")
    conn.exec_driver_sql("DROP TABLE outbox_v1")


def _add_delivery(conn: Connection) -> None:
    """Version 4 mirrors what became of each answer; SQLite adds a nullable column in place."""
    if conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'message'").first():
        conn.exec_driver_sql("ALTER TABLE message ADD COLUMN delivery VARCHAR(20)")


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
