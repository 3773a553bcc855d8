"""One door to the central database for the CLI, the sync engine and the worker.

``Store.write(op, …)`` runs one fenced operation in one short transaction and turns database failures
into domain errors: an unreachable server, a missing permission, a transient deadlock (retried).
"""

from __future__ import annotations

import copy
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from ..domain.errors import NotPermitted, Unreachable
from . import engine as engines
from . import migrate
from .db_users import OfficerLoginCleanup, settle_logins
from .identity import Actor, resolve_actor
from .work import Work, begin

P = ParamSpec("P")
T = TypeVar("T")

# Codes that mean "try the same transaction again": PostgreSQL deadlock/serialization, MariaDB deadlock
# and lock wait timeout.
_TRANSIENT_PG = {"40P01", "40001"}
_TRANSIENT_MARIADB = {1213, 1205}
_DENIED_PG = {"42501"}
_DENIED_MARIADB = {1044, 1045, 1142, 1143, 1227, 1698}  # access denied, in its variants
MAX_ATTEMPTS = 5


def _driver_codes(exc: DBAPIError) -> set[Any]:
    """The SQLSTATE (psycopg, recent PyMySQL) and the MariaDB error number, whichever the driver gives."""
    orig = exc.orig
    codes = {getattr(orig, "sqlstate", None)}
    args = getattr(orig, "args", ())
    if args and isinstance(args[0], int):
        codes.add(args[0])
    return codes - {None}


# A PostgreSQL server that is there but takes no session now — starting up, shutting down, in recovery (57P03),
# out of connection slots (53300) — also answers a connect with FATAL. That is a failover or a restart under
# way, to wait for like a network failure: never "refused", which would turn the server's answer into a
# rejection that a client records and never sends again.
_NOT_NOW_PG = ("the database system is", "too many clients", "remaining connection slots")
# An established connection ended by the server (57P01 admin shutdown, 57P02 crash, 57P03) or lost (08xxx).
_GONE_PG_CLASSES = ("57P", "08")


def _refused_at_connect(exc: DBAPIError) -> bool:
    """The server answered and said no (bad login, unknown database): libpq reports that as FATAL,
    without an SQLSTATE; a network failure never reaches the server's FATAL."""
    message = str(exc.orig)
    return "FATAL:" in message and not any(words in message for words in _NOT_NOW_PG)


def translate(exc: DBAPIError) -> Exception:
    codes = _driver_codes(exc)
    if codes & (_DENIED_PG | _DENIED_MARIADB):
        return NotPermitted(f"the database refused: {str(exc.orig).strip().splitlines()[0]}")
    gone = any(str(code).startswith(_GONE_PG_CLASSES) for code in codes)
    if exc.connection_invalidated or gone:
        return Unreachable(f"lost the connection to the central database: {str(exc.orig).strip()}")
    if _refused_at_connect(exc):
        return NotPermitted(f"the database refused: {str(exc.orig).strip().splitlines()[0]}")
    return exc


def without_values(exc: DBAPIError) -> str:
    """What a database error may say in a log: the driver's error class, its codes and the statement, not the
    database's own message, which quotes the values (PostgreSQL's "Key (name)=(…) already exists", MariaDB's
    "Duplicate entry '…'"): citizens' names, contacts and texts."""
    codes = ", ".join(sorted(map(str, _driver_codes(exc)))) or getattr(exc.orig, "sqlite_errorname", "no code")
    return f"{type(exc.orig).__name__} ({codes}) in: {exc.statement}"


def is_transient(exc: DBAPIError) -> bool:
    return bool(_driver_codes(exc) & (_TRANSIENT_PG | _TRANSIENT_MARIADB))


@dataclass(frozen=True, slots=True)
class UpgradeReport:
    before: str | None  # the schema revision before; None for an empty database
    after: str
    logins: OfficerLoginCleanup | None  # PostgreSQL and MariaDB: the old officers' logins removed, …


class Store:
    def __init__(self, url: str | None = None, officer: str | None = None, device: str | None = None):
        self.embedded_default = url is None
        self.url = url or engines.default_url()
        if self.embedded_default:
            engines.make_sqlite_folder(self.url)
        self.engine: Engine = engines.create(self.url)
        self.requested_officer = officer
        self.device = device or socket.gethostname()
        self._checked = False
        self._actor: Actor | None = None

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        try:
            conn = self.engine.connect()
        except DBAPIError as exc:
            refused = translate(exc)
            if isinstance(refused, NotPermitted):  # a wrong login or password, not a network problem
                raise refused from None
            raise Unreachable(f"cannot reach the central database: {str(exc.orig).strip()}") from None
        with conn:
            try:
                yield conn
            except DBAPIError as exc:
                translated = translate(exc)
                if translated is exc:
                    raise
                raise translated from exc

    def upgrade(self) -> tuple[str | None, str]:
        """Create or migrate the schema; returns the revisions before and after."""
        report = self.upgrade_and_report()
        return report.before, report.after

    def upgrade_and_report(self) -> UpgradeReport:
        """``upgrade``, and on PostgreSQL/MariaDB remove the officers' database logins earlier versions made
        and grant the server's role (`db server-login`) the tables as they are now (db_users.py)."""
        engines.make_sqlite_folder(self.url)
        with self.connect():
            pass  # reachability first, for a clear message
        before, after = migrate.upgrade(self.engine)
        with self.connect() as conn:
            logins = settle_logins(conn)
            conn.commit()
        self._checked = True
        return UpgradeReport(before, after, logins)

    def _ensure_schema(self) -> None:
        if self._checked:
            return
        with self.connect() as conn:
            if self.embedded_default and migrate.current_revision(conn) != migrate.HEAD_REVISION:
                conn.rollback()
                migrate.upgrade(self.engine)  # the embedded database is created and migrated on first use
            migrate.check_schema(conn)
        self._checked = True

    def acting(self, actor: Actor, device: str) -> Store:
        """This store (the same engine and pool) acting for an officer the caller authenticated: the
        server's view of one request."""
        view = copy.copy(self)
        view.requested_officer = actor.login
        view.device = device
        view._actor = actor
        return view

    def actor(self, refresh: bool = False) -> Actor:
        """The acting officer; ``refresh`` reads their units again (a long-running client's memberships
        may change while it runs)."""
        if self._actor is None or refresh:
            self._ensure_schema()
            with self.connect() as conn, conn.begin():
                self._actor = resolve_actor(conn, self.requested_officer)
        return self._actor

    def write(self, op: Callable[Concatenate[Work, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``op`` as the acting officer in one write transaction, retrying transient conflicts."""
        actor = self.actor()
        for attempt in range(1, MAX_ATTEMPTS + 1):
            with self.connect() as conn:
                conn.execution_options(write=True)
                try:
                    with conn.begin():
                        return op(begin(conn, actor, device=self.device), *args, **kwargs)
                except DBAPIError as exc:
                    if attempt < MAX_ATTEMPTS and is_transient(exc):
                        continue
                    raise
        raise AssertionError("unreachable")

    def view(self, op: Callable[Concatenate[Work, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a reading ``op`` as the acting officer (it sees what they may see)."""
        actor = self.actor()
        with self.connect() as conn, conn.begin():
            return op(begin(conn, actor, device=self.device), *args, **kwargs)

    def read(self, query: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        self._ensure_schema()
        with self.connect() as conn, conn.begin():
            return query(conn, *args, **kwargs)

    def admin(self, task: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run an administrative task (units, officers) in one transaction, without an acting officer."""
        self._ensure_schema()
        with self.connect() as conn:
            conn.execution_options(write=True)
            with conn.begin():
                return task(conn, *args, **kwargs)

    def dispose(self) -> None:
        self.engine.dispose()
