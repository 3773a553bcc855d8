"""A pull served over HTTP: read in one snapshot on the server, sent at the client's pace afterwards.

The feed is written to a spooled file (memory, then disk) inside one short repeatable-read transaction;
the transaction ends before the first byte goes out, so a slow or stalled client never holds the
database. The file is sent as newline-delimited JSON: a first line with the cursor and scope, one line
per batch of a section (column names once, then rows), and a last line with the scope's checksum — a
client that does not see the last line knows the pull was cut and applies none of it. A snapshot a client
asks for in pages (``after``, ``limit``) is sent one page per request, each read in its own snapshot.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from tempfile import SpooledTemporaryFile
from typing import IO, Any
from uuid import UUID

from ..domain.errors import BadInput
from ..store.feed import REMOVED, Feed, Section
from ..store.identity import Actor
from ..store.service import Store

IN_MEMORY = 8 * 1024 * 1024  # a pull larger than this spills to a temporary file
MAX_PAGE_TICKETS = 20_000  # a client asking for larger pages of a snapshot gets pages of this many tickets
CHUNK = 64 * 1024


def _value(value: Any) -> Any:
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot send {type(value).__name__}")


def _line(spool: IO[bytes], item: dict[str, Any]) -> None:
    spool.write(json.dumps(item, ensure_ascii=False, separators=(",", ":"), default=_value).encode("utf-8"))
    spool.write(b"\n")


def _sections(spool: IO[bytes], sections: Iterable[Section]) -> None:
    for name, rows in sections:
        if rows:
            # Rows are named tuples, but for the removed tickets: plain (id,) tuples.
            columns: Sequence[str] = ["id"] if name == REMOVED else list(rows[0]._fields)
            _line(spool, {"s": name, "c": columns, "r": [tuple(row) for row in rows]})


class Spooled:
    """A pull written out, with the server's clock at the moment it is sent."""

    def __init__(self, spool: IO[bytes], server_now: datetime, read_at: float) -> None:
        self.spool = spool
        self._server_now = server_now
        self._read_at = read_at

    def server_time(self) -> datetime:
        """The database server's clock now, carried from when the snapshot was read."""
        return self._server_now + timedelta(seconds=time.monotonic() - self._read_at)

    def chunks(self) -> Iterator[bytes]:
        try:
            self.spool.seek(0)
            while chunk := self.spool.read(CHUNK):
                yield chunk
        finally:
            self.spool.close()


def spool_pull(
    store: Store,
    actor: Actor,
    since: str | None,
    scope: str | None,
    after: UUID | str | None = None,
    limit: int | None = None,
) -> Spooled:
    """One pull, or one page of a snapshot (``after``, ``limit``: see ``Feed``) of at most
    ``MAX_PAGE_TICKETS`` tickets; the first line names the page (``after``, ``next_after``). ``after`` may
    come as sent (text, checked by the route's pattern)."""
    if isinstance(after, str):
        try:
            after = UUID(after)
        except ValueError:
            raise BadInput("malformed ticket id in after: sync again from a snapshot") from None
    spool: IO[bytes] = SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 - closed by ``chunks``
    if limit is not None:
        limit = max(1, min(limit, MAX_PAGE_TICKETS))
    try:
        with store.connect() as conn:
            if conn.dialect.name != "sqlite":
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                feed = Feed(conn, actor, since, scope, after, limit)
                read_at = time.monotonic()
                head = {
                    "cursor": feed.cursor,
                    "scope": feed.scope,
                    "initial": feed.since is None,
                    "after": feed.after,
                    "next_after": feed.next_after,
                }
                _line(spool, {"pull": head | {"officer_id": actor.id}})
                _sections(spool, feed.sections())
                checksum = feed.checksum()
                _line(spool, {"end": {"tickets": checksum.tickets, "versions": checksum.versions}})
    except BaseException:
        spool.close()
        raise
    return Spooled(spool, feed.now, read_at)


def spool_catch_up(store: Store, actor: Actor, since: str, ticket_ids: Sequence[UUID]) -> Spooled:
    spool: IO[bytes] = SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115 - closed by ``chunks``
    try:
        with store.connect() as conn:
            if conn.dialect.name != "sqlite":
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                feed = Feed(conn, actor, since)
                read_at = time.monotonic()
                _sections(spool, feed.catch_up(ticket_ids))
                _line(spool, {"end": {}})
    except BaseException:
        spool.close()
        raise
    return Spooled(spool, feed.now, read_at)
