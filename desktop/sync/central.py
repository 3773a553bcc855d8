"""What the sync engine talks to: the central side, reached directly or through ``aduan server``.

``Central`` has two implementations with the same guarantees:
- ``DirectCentral``: the store on a database connection (the embedded SQLite database, the owner's tools);
- ``HttpCentral`` (``http_central.py``): an officer signed in to ``aduan server``, who holds no database
  login.

A pull is opened as a context: its sections arrive in the order the client applies them, and once they
are read, the checksum of the officer's scope in the same snapshot tells the client whether its mirror
agrees.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import Protocol
from uuid import UUID

from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from ..domain.operations import Op, Outcome
from ..store import migrate
from ..store.apply import apply_op, stored_outcome
from ..store.feed import Checksum, Feed, Section, blob_content
from ..store.identity import resolve_actor
from ..store.service import Store


class Pull(Protocol):
    cursor: str  # where the next pull starts
    scope: str  # the officer's scope this pull was made for
    initial: bool  # a snapshot (or a page of one, see ``Feed``), not the changes since a cursor
    after: UUID | None  # a later page of a snapshot: the last ticket id of the page before; None: the client
    # forgets its mirror first
    next_after: UUID | None  # a page with more to come: its last ticket id, the next page's ``after``
    officer_id: int  # the acting officer
    clock_offset: float  # the server's clock minus this workstation's, in seconds, measured at the pull

    def sections(self) -> Iterator[Section]: ...

    def catch_up(self, new_ticket_ids: Sequence[UUID]) -> Iterator[Section]: ...

    def checksum(self) -> Checksum: ...


class Central(Protocol):
    identity: str  # names the central database a cache belongs to; never carries a password

    def handshake(self) -> str:
        """Check that client and server speak the same schema; answer the acting officer's login."""
        ...

    def push(self, op: Op) -> Outcome:
        """Apply an operation exactly once; a retry with the same op id returns the stored outcome."""
        ...

    def pull(
        self, since: str | None, scope: str | None, after: UUID | None = None, limit: int | None = None
    ) -> AbstractContextManager[Pull]:
        """The changes since ``since``; or, without a cursor (or for a scope that changed), a snapshot: in
        pages of ``limit`` tickets when ``limit`` is given, ``after`` naming where a later page starts."""
        ...

    def blob(self, sha256: str) -> bytes | None:
        """An attachment's content, if the officer may see a ticket that carries it."""
        ...

    waits_for_changes: bool  # whether ``next_change`` can wait; otherwise sync on a timer

    def next_change(self, known: str | None, wait: float) -> str | None: ...

    def close(self) -> None: ...


def central_identity(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


class DirectPull:
    def __init__(self, feed: Feed) -> None:
        self.feed = feed
        self.cursor = feed.cursor
        self.scope = feed.scope
        self.initial = feed.since is None
        self.after = feed.after
        self.next_after = feed.next_after
        self.officer_id = feed.actor.id
        # Both clocks read now, at the snapshot's start: the offset must not include the pull's own length.
        self.clock_offset = (feed.now - datetime.utcnow()).total_seconds()

    def sections(self) -> Iterator[Section]:
        return self.feed.sections()

    def catch_up(self, new_ticket_ids: Sequence[UUID]) -> Iterator[Section]:
        return self.feed.catch_up(new_ticket_ids)

    def checksum(self) -> Checksum:
        return self.feed.checksum()


class DirectCentral:
    """The store itself: for the embedded database and the owner, who hold the database's credentials."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.identity = central_identity(store.url)

    def handshake(self) -> str:
        self.store.read(migrate.check_schema)
        return self.store.actor(refresh=True).login

    def push(self, op: Op) -> Outcome:
        try:
            return self.store.write(apply_op, op)
        except IntegrityError:
            # The same op id was applied by a concurrent push that committed first: ask for its outcome.
            found = self.store.view(lambda work: stored_outcome(work.conn, op.op_id, self.store.actor()))
            if found is None:
                raise
            return found

    @contextmanager
    def pull(
        self, since: str | None, scope: str | None, after: UUID | None = None, limit: int | None = None
    ) -> Iterator[Pull]:
        with self.store.connect() as server:
            if server.dialect.name != "sqlite":
                server.execution_options(isolation_level="REPEATABLE READ")
            with server.begin():
                actor = resolve_actor(server, self.store.requested_officer)
                yield DirectPull(Feed(server, actor, since, scope, after, limit))

    def blob(self, sha256: str) -> bytes | None:
        return self.store.view(lambda work: blob_content(work.conn, self.store.actor(), sha256))

    waits_for_changes = False

    def next_change(self, known: str | None, wait: float) -> str | None:
        """A direct link does not wait for changes: its users sync on a timer."""
        return None

    def close(self) -> None:
        """Nothing to close: the store belongs to whoever made it."""
