"""What every command of the command line works with: the ``Cli`` context (the central database, the local cache,
the Aduan server), the way a command is declared and what it prints.

The core knows no command group: each group module (``tickets``, ``people``, ``sla``…) registers its commands
with ``command`` and handles them with a ``Cli``; ``main`` puts the groups together.

Exit codes: 0 done; 2 bad usage or input; 3 conflict (held by another officer, or the claim was lost);
4 central database unreachable; 5 not found or not permitted; 1 anything unexpected.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar
from uuid import UUID

from ..domain.bounds import BIGINT
from ..domain.errors import (
    BadInput,
    ClientOutdated,
    Conflict,
    NotFound,
    NotSignedIn,
    Rejected,
    SchemaMismatch,
    Unreachable,
)
from ..domain.text import decode_utf8
from ..security.credentials import session_entry
from ..server.commands import Command, run_direct
from ..settings import aduan_server_address
from ..store import claims, tickets
from ..store.identity import Actor
from ..store.service import Store
from .answers import APPLIED, QUEUED, Done
from .bounds import whole_number

if TYPE_CHECKING:
    from ..cache.database import Cache
    from ..desk.operations import Desk
    from ..domain.entities import Ticket
    from ..domain.operations import Op
    from ..security.credentials import Credentials
    from ..sync.engine import SyncEngine
    from ..sync.http_central import HttpCentral

EXIT_UNEXPECTED = 1

T = TypeVar("T")
Handler: TypeAlias = "Callable[[Cli], None]"
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


# -- declaring commands ------------------------------------------------------------------------------------


def command(
    group: Commands, name: str, handler: Handler, help_text: str, needs_database: bool = False
) -> argparse.ArgumentParser:
    """``needs_database``: the owner runs it on the database itself (``--db``); not through the Aduan server."""
    sub = group.add_parser(name, help=help_text)
    sub.set_defaults(handler=handler, json=False, needs_database=needs_database)
    return sub


def with_json(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
    sub.add_argument("--json", action="store_true", help="print JSON with stable keys")
    return sub


def with_text(sub: argparse.ArgumentParser) -> None:
    source = sub.add_mutually_exclusive_group(required=True)
    source.add_argument("--text", help="the text")
    source.add_argument("--text-file", metavar="PATH", help="read the text (UTF-8) from a file, - for stdin")


def with_token(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--token", type=whole_number(BIGINT), help="claim token to fence with (default: your current claim's)"
    )


# -- the Aduan server --------------------------------------------------------------------------------------


def credentials() -> Credentials:
    from ..security.credentials import KeyringCredentials

    return KeyringCredentials()


def signed_in_central(server: str, login: str) -> HttpCentral:
    """The officer's link to the server, with the session kept in the keyring at sign-in."""
    from ..sync.http_central import HttpCentral, trusted_certificates

    address = aduan_server_address(server)
    token = credentials().get(address, session_entry(login))
    if token is None:
        raise NotSignedIn(f"not signed in to {address} as {login}: run `aduan --server {address} signin`")
    return HttpCentral(address, token, verify=trusted_certificates())


# -- the context of a command ------------------------------------------------------------------------------


class Cli:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        if args.server and args.db:
            raise BadInput("give --server (an officer through the Aduan server) or --db (the owner), not both")
        self._store: Store | None = None
        self._cache: Cache | None = None
        # Set when the server refused this client's version: a queued command says so, and why.
        self.outdated: ClientOutdated | None = None

    @property
    def store(self) -> Store:
        """The central database, for the embedded default and the owner (``--db``)."""
        if self.args.server:
            raise BadInput("this command needs the database itself (--db): through the server it is not available")
        if self._store is None:
            self._store = Store(self.args.db, officer=self.args.officer)
        return self._store

    def server_address(self) -> str:
        if not self.args.server:
            raise BadInput("name the Aduan server: --server URL or ADUAN_SERVER")
        return str(self.args.server)

    def close(self) -> None:
        if self._store is not None:
            self._store.dispose()
        if self._cache is not None:
            self._cache.dispose()

    def emit(self, data: Any, text: str) -> None:
        print(json.dumps(data, ensure_ascii=False, indent=2) if self.args.json else text)

    def text(self) -> str:
        if self.args.text_file is not None:
            path = self.args.text_file
            try:
                data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
            except OSError as exc:
                raise BadInput(f"cannot read {path}: {exc.strerror}") from None
            return decode_utf8(data, "stdin" if path == "-" else path)
        assert self.args.text is not None
        return str(self.args.text)

    def password_from_stdin(self) -> str | None:
        password = sys.stdin.readline().rstrip("\n") if self.args.password_stdin else None
        if self.args.password_stdin and not password:
            raise BadInput("--password-stdin given but no password on standard input")
        return password

    # -- commands beside sync (server/commands.py) --------------------------------------------------------

    def call(self, cmd: Command[Any, T], request: Any) -> T:
        """Run a command: through the server as the signed-in officer, or on the database directly as the
        officer named (authorized the same way) or, with none, as the installation's owner."""
        if self.args.server:
            central = signed_in_central(self.server_address(), self.args.officer or "")
            try:
                return central.command(cmd, request)
            finally:
                central.close()
        return run_direct(cmd, self.store, self.direct_actor(), request)

    def direct_actor(self) -> Actor | None:
        """The officer named; None for the installation owner (no officer named, and the connection's login
        is no officer's)."""
        if self.args.officer is None:
            try:
                return self.store.actor()
            except BadInput:
                return None
        return self.store.actor()

    # -- the local cache (offline-first with --cache or --server, and `aduan sync`) --------------------------

    @property
    def offline_first(self) -> bool:
        """Through the server every ticket command goes through the cache: queued, then pushed."""
        return self.args.cache is not None or bool(self.args.server)

    def cache(self) -> Cache:
        """Encrypted through the server (its key in the keyring); plain on the database directly unless the
        unit policy requires it. What the officer should know about it (set aside, not encrypted) goes to
        stderr."""
        if self._cache is None:
            from ..cache.database import default_cache_path
            from ..cache.protection import encryption_for, open_cache
            from ..security.cache_keys import CacheKeys
            from ..settings import Settings
            from ..sync.central import central_identity

            if self.args.server:
                identity = aduan_server_address(self.server_address())
                officer = self.args.officer or ""
                if not officer:
                    raise BadInput("name the officer: --officer LOGIN or ADUAN_OFFICER")
            else:
                identity = central_identity(self.store.url)
                officer = self.args.officer or self.store.engine.url.username or "embedded"
            encryption = encryption_for(Settings().get("cache_encryption"), bool(self.args.server))
            path = Path(self.args.cache) if self.args.cache else default_cache_path(identity, officer)
            self._cache = open_cache(path, CacheKeys(credentials()), encryption)
            for notice in self._cache.notices:
                print(f"aduan: {notice}", file=sys.stderr)
            self._cache.bind(identity)
        return self._cache

    def filled_cache(self, engine: SyncEngine | None = None) -> Cache:
        """The local cache, with the officer's tickets in it: a cache never synced is filled first (a ticket
        command through it answers from what the central side has, never from an empty cache)."""
        from ..cache.state import get_state

        with self.cache().read() as conn:
            empty = get_state(conn, "cursor") is None
        if empty:
            try:
                (engine or self.sync_engine()).sync()
            except Unreachable as exc:
                raise Unreachable(f"{exc.message}; the local cache is still empty: sync once while online") from None
        return self.cache()

    def sync_engine(self) -> SyncEngine:
        from ..sync.engine import SyncEngine

        if self.args.server:
            return SyncEngine(self.cache(), signed_in_central(self.server_address(), self.args.officer or ""))
        return SyncEngine(self.cache(), self.store)

    # -- commands that change a ticket ---------------------------------------------------------------------

    def ticket_id(self, ref: str | None = None) -> UUID:
        """The ticket named (by default the command's ``ticket`` argument), on the central database."""
        return self.store.read(tickets.resolve_ticket_id, self.args.ticket if ref is None else ref)

    def token(self, ticket_id: UUID) -> int:
        """The claim token to fence with: the one given, or that of the officer's current claim."""
        given: int | None = self.args.token
        return given if given is not None else self.store.view(claims.held_token, ticket_id)

    def holder_token(self, ticket_id: UUID) -> int | None:
        """For work anyone may do (notes): the token if the officer holds the claim, so it renews."""
        try:
            return self.token(ticket_id)
        except Conflict:
            return None

    def perform(
        self,
        queue: Callable[[Desk], Op],
        directly: Callable[[], Done],
        says: Callable[[dict[str, Any]], str],
        answers_ticket: bool = True,
    ) -> None:
        """Change a ticket and print what was done (``answers.Done``, the same keys either way).

        Directly on the central database (the embedded default, ``--db``), or offline-first (``--cache``,
        ``--server``): ``queue`` writes the operation to the local outbox, which is then pushed; "queued"
        (exit 0) when the central side cannot be reached, its outcome when it can. ``says`` words the
        answer's JSON for a person; ``answers_ticket``: the answer carries the ticket's keys."""
        if self.offline_first:
            op, done = self._through_cache(queue, answers_ticket)
            if done.state == QUEUED:
                if self.outdated is not None:
                    # Queued and kept (exit 0, like an unreachable server), with what the officer must do.
                    self.emit(done.json(), f"queued: {op.kind.value} ({self.outdated.message})")
                    if self.args.json:
                        print(f"aduan: {self.outdated.message}", file=sys.stderr)
                    return
                unreachable = f"queued: {op.kind.value} (the central database is unreachable; `aduan sync` sends it)"
                self.emit(done.json(), unreachable)
                return
        else:
            done = directly()
        data = done.json()
        self.emit(data, says(data))

    def _through_cache(self, queue: Callable[[Desk], Op], answers_ticket: bool) -> tuple[Op, Done]:
        from ..desk.operations import Desk
        from ..sync.engine import outcome_of

        if getattr(self.args, "token", None) is not None:
            raise BadInput("--token is not used with --cache: the cache knows your claims")
        engine = self.sync_engine()
        op = queue(Desk(self.filled_cache(engine)))
        try:
            engine.sync()
        except ClientOutdated as exc:
            self.outdated = exc  # the operation stays queued: the server takes it once Aduan is updated
        except SchemaMismatch as exc:
            raise SchemaMismatch(f"{exc.message}; the {op.kind.value} stays queued in the outbox") from None
        except Unreachable:
            pass
        outcome = outcome_of(self.cache(), op.op_id)
        if outcome is None:
            return op, Done(QUEUED, op.ticket_id, op_id=op.op_id)
        if not outcome.accepted:
            verb = "handed over to the current holder" if outcome.state.value == "handed_over" else "rejected"
            raise Rejected(outcome.code, f"{op.kind.value} {verb}: {outcome.message}")
        ticket_id = outcome.result.get("ticket_id") or op.ticket_id
        ticket = self.cached_ticket(UUID(str(ticket_id))) if answers_ticket and ticket_id else None
        return op, Done(APPLIED, op.ticket_id, outcome.result, ticket, op.op_id)

    def cached_ticket(self, ticket_id: UUID) -> Ticket | None:
        """The ticket as the local cache has it now; None when it left the officer's scope."""
        from ..views.tickets import ticket_detail

        with self.cache().read() as conn:
            try:
                return ticket_detail(conn, ticket_id).detail.ticket
            except NotFound:
                return None
