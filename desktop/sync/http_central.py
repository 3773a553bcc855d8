"""The central side through ``aduan server``: an officer signed in over HTTPS, with no database login.

Every failure to get an answer (refused, cut, stalled, a proxy's 502) is ``Unreachable``: the sync engine
keeps the operation queued and sends it again with the same op id, which the server answers from its
ledger. A refusal the server explains arrives as the domain error it names.
"""

from __future__ import annotations

import json
import os
import time
from collections import namedtuple
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID, uuid4

import requests

from .. import __version__
from ..cache import schema as s
from ..domain.client_release import CLIENT_HEADER
from ..domain.errors import (
    AduanError,
    BadInput,
    ClientOutdated,
    NotSignedIn,
    Rejected,
    SchemaMismatch,
    Throttled,
    Unreachable,
)
from ..domain.operations import Op, Outcome, OutcomeState
from ..settings import Settings, aduan_server_address
from ..store import migrate
from ..store.feed import REMOVED, Checksum, Section

if TYPE_CHECKING:
    from ..server.commands import Command

T = TypeVar("T")

CONNECT_SECONDS = 3
# A stalled server is given up after this long without a byte, so that an offline-first command answers
# "queued" within seconds. A push cut off this way is sent again later with the same op id: safe.
ANSWER_SECONDS = 4.0
PUSH_SECONDS = 8.0
SIGN_IN_SECONDS = 15.0  # Argon2 takes its time on purpose
LONG_POLL_SECONDS = 25.0  # one wait for a change; the server answers within 55 s at most
# The server reads a whole pull before it sends the first byte: a 100,000-ticket snapshot takes a while.
PULL_SECONDS = 300.0
COMMAND_SECONDS = 120.0  # a LAPOR! import of thousands of rows is one command
COMMAND_ATTEMPTS = 3
CATCH_UP_BATCH = 2000
SERVER_TIME = "X-Aduan-Server-Time"


def trusted_certificates(settings: Settings | None = None) -> bool | str:
    """The CA certificate to trust: ``ADUAN_CA_CERT`` (tests, older setups), else the ``ca_certificate``
    setting (the unit policy the installer wrote names ``unit-ca.pem`` beside the program), else the
    bundled/system trust store. A named file that is missing is refused here, naming it, rather than
    surfacing as a TLS error on the first request."""
    chosen = os.environ.get("ADUAN_CA_CERT") or str((settings or Settings()).get("ca_certificate"))
    if not chosen:
        return True
    if not Path(chosen).is_file():
        raise BadInput(f"the CA certificate {chosen} does not exist: ask the unit's admin to reinstall Aduan")
    return chosen


def error_of(response: requests.Response) -> AduanError:
    """The domain error a refusal names; a body that is not the server's (a proxy's page) is Unreachable."""
    try:
        body = response.json()
        code, message = str(body["code"]), str(body["message"])
    except (ValueError, KeyError, TypeError):
        return Unreachable(f"the Aduan server answered HTTP {response.status_code} without an explanation")
    if code == Unreachable.code or response.status_code in (502, 503, 504):
        return Unreachable(message)
    if code == ClientOutdated.code:
        # The admin's policy refuses this version: the outbox waits (never Rejected: nothing is dropped).
        return ClientOutdated(
            str(body.get("client_version") or __version__),
            str(body.get("min_version") or "?"),
            str(body.get("installer") or "?"),
            None if body.get("note") is None else str(body["note"]),
        )
    if code == SchemaMismatch.code:
        return SchemaMismatch(message)
    if code == NotSignedIn.code:
        return NotSignedIn(message)
    if code == Throttled.code:
        return Throttled(int(body.get("retry_after") or 60), message)
    fields = body.get("fields")
    words = {str(k): str(v) for k, v in fields.items()} if isinstance(fields, dict) else None
    return Rejected(code, message, words)


class HttpCentral:
    """An officer's link to ``aduan server``, authenticated by the session token it was given at sign-in."""

    def __init__(self, address: str, token: str, verify: bool | str = True) -> None:
        self.address = aduan_server_address(address)
        self.identity = self.address
        self.http = requests.Session()
        # Every request names this client's version: the server refuses one its admin no longer accepts (426).
        self.http.headers[CLIENT_HEADER] = __version__
        if token:
            self.http.headers["Authorization"] = f"Bearer {token}"
        self.http.verify = verify  # a path: the unit's CA certificate, installed by the admin
        self._waiting: requests.Session | None = None  # the long poll's own connection (``next_change``)

    def close(self) -> None:
        self.http.close()
        if self._waiting is not None:
            self._waiting.close()

    # -- requests ---------------------------------------------------------------------------------------

    def request(self, method: str, path: str, read_seconds: float, **kwargs: Any) -> requests.Response:
        try:
            response = self.http.request(method, self.address + path, timeout=(CONNECT_SECONDS, read_seconds), **kwargs)
        except requests.exceptions.SSLError as exc:
            raise Unreachable(f"the Aduan server's certificate was not accepted: {exc}") from None
        except requests.exceptions.RequestException as exc:
            raise Unreachable(f"cannot reach the Aduan server at {self.address}: {type(exc).__name__}") from None
        if response.status_code >= 400:
            error = error_of(response)
            response.close()
            raise error
        return response

    # -- Central ----------------------------------------------------------------------------------------

    def handshake(self) -> str:
        hello = self.request("GET", "/v1/hello", ANSWER_SECONDS).json()
        if hello.get("schema_revision") != migrate.HEAD_REVISION:
            raise SchemaMismatch(
                f"the Aduan server runs schema {hello.get('schema_revision')}, this client "
                f"{migrate.HEAD_REVISION}: update Aduan (or ask the admin to upgrade the server)"
            )
        return str(hello["login"])

    def push(self, op: Op) -> Outcome:
        from ..server.wire import OutcomeBody, operation_of  # pydantic: loaded only when a server is used

        body = operation_of(op).model_dump(mode="json")
        try:
            answer = self.request("POST", "/v1/ops", PUSH_SECONDS, json=body)
        except Rejected as refused:
            # Refused whole (not permitted, malformed, not found): it never will be applied. Recorded as
            # its outcome, so that the operations queued behind it go on; a session that ended, a server
            # out of reach or of another version raise instead, and the operation waits.
            return Outcome(op.op_id, OutcomeState.REJECTED, refused.code, refused.message)
        return OutcomeBody.model_validate(answer.json()).outcome()

    def command(self, cmd: Command[Any, T], request: Any) -> T:
        """Run one of the commands beside sync (``server/commands.py``) as the signed-in officer."""
        body, key = request.model_dump(mode="json"), {"Idempotency-Key": str(uuid4())}
        for attempt in range(1, COMMAND_ATTEMPTS + 1):
            try:
                answer = self.request("POST", cmd.path, COMMAND_SECONDS, json=body, headers=key)
                return cmd.decode(answer.json())
            except Unreachable as lost:
                if attempt == COMMAND_ATTEMPTS:
                    # The request may have reached the server: say so, rather than let it look undone.
                    raise Unreachable(f"{lost.message}; whether `{cmd.name}` was done is not known") from None
                time.sleep(0.5 * attempt)  # the same key: the server answers a retry of what it did from its ledger
        raise AssertionError("unreachable")

    @contextmanager
    def pull(
        self, since: str | None, scope: str | None, after: UUID | None = None, limit: int | None = None
    ) -> Iterator[HttpPull]:
        asked = (("since", since), ("scope", scope), ("after", after and str(after)), ("limit", limit))
        params = {key: value for key, value in asked if value is not None}
        response = self.request("GET", "/v1/changes", PULL_SECONDS, params=params, stream=True)
        try:
            yield HttpPull(self, response, since)
        finally:
            response.close()

    waits_for_changes = True

    def next_change(self, known: str | None, wait: float) -> str | None:
        """Wait (up to ``wait`` seconds, one long poll at most) until the server's newest change differs from
        ``known``; its value, or None while the server cannot read its database. Runs on its own HTTP
        session: a round of sync may run beside it on another thread."""
        if self._waiting is None:
            self._waiting = requests.Session()
            self._waiting.headers.update(self.http.headers)
            self._waiting.verify = self.http.verify
        wait = min(wait, LONG_POLL_SECONDS)
        params: dict[str, str | float] = {"wait": wait} | ({"known": known} if known is not None else {})
        try:
            response = self._waiting.get(
                self.address + "/v1/changes/next", params=params, timeout=(CONNECT_SECONDS, wait + ANSWER_SECONDS)
            )
        except requests.exceptions.RequestException as exc:
            raise Unreachable(f"cannot reach the Aduan server at {self.address}: {type(exc).__name__}") from None
        if response.status_code >= 400:
            raise error_of(response)
        latest = response.json().get("latest")
        return None if latest is None else str(latest)

    def blob(self, sha256: str) -> bytes | None:
        try:
            return self.request("GET", f"/v1/attachments/{sha256}", PULL_SECONDS).content
        except Rejected as exc:
            if exc.code == "not_found":
                return None
            raise


def sign_in(address: str, login: str, password: str, device: str, verify: bool | str = True) -> dict[str, Any]:
    """A new session on the server for this device: ``token``, ``expires_at``, ``login``, ``name``, ``role``.
    A wrong login or password is NotSignedIn; too many failures, Throttled."""
    anonymous = HttpCentral(address, "", verify)
    try:
        form = {"login": login, "password": password, "device": device}
        answer: dict[str, Any] = anonymous.request("POST", "/v1/sessions", SIGN_IN_SECONDS, json=form).json()
        return answer
    finally:
        anonymous.close()


def sign_out(central: HttpCentral) -> None:
    """End this device's session (one that ended already is left as it is)."""
    with suppress(NotSignedIn):
        central.request("DELETE", "/v1/sessions/current", SIGN_IN_SECONDS)


class HttpPull:
    def __init__(self, central: HttpCentral, response: requests.Response, since: str | None) -> None:
        self.central = central
        self.since = since
        self.lines = _lines(response)
        arrived_at = datetime.utcnow()  # naive UTC like the central store
        head = next(self.lines, None)
        if head is None or "pull" not in head:
            raise Unreachable("the pull was cut short before it began")
        pulled = head["pull"]
        self.cursor = str(pulled["cursor"])
        self.scope = str(pulled["scope"])
        self.initial = bool(pulled["initial"])
        # A server that does not page snapshots names no page: its snapshot is whole.
        self.after = _ticket_id(pulled.get("after"))
        self.next_after = _ticket_id(pulled.get("next_after"))
        self.officer_id = int(pulled["officer_id"])
        sent_at = datetime.fromisoformat(response.headers[SERVER_TIME])
        self.clock_offset = (sent_at - arrived_at).total_seconds()
        self._checksum: Checksum | None = None

    def sections(self) -> Iterator[Section]:
        for item in self.lines:
            if "end" in item:
                self._checksum = Checksum(int(item["end"]["tickets"]), int(item["end"]["versions"]))
                _read_to_the_end(self.lines)
                return
            yield decoded(item)
        raise Unreachable("the pull was cut short: nothing of it was kept")

    def catch_up(self, new_ticket_ids: Sequence[UUID]) -> Iterator[Section]:
        """Asked after the sections: the server reads them in a later snapshot, which is safe (rows newer
        than this pull's cursor are skipped here and come with the next pull)."""
        if self.since is None:
            return
        for start in range(0, len(new_ticket_ids), CATCH_UP_BATCH):
            body = {"since": self.since, "ticket_ids": [str(i) for i in new_ticket_ids[start : start + CATCH_UP_BATCH]]}
            response = self.central.request("POST", "/v1/changes/catch-up", PULL_SECONDS, json=body, stream=True)
            with response:
                lines = _lines(response)
                for item in lines:
                    if "end" in item:
                        _read_to_the_end(lines)
                        break
                    yield decoded(item)
                else:
                    raise Unreachable("the pull was cut short: nothing of it was kept")

    def checksum(self) -> Checksum:
        if self._checksum is None:
            raise Unreachable("the pull was cut short: nothing of it was kept")
        return self._checksum


def _read_to_the_end(lines: Iterator[dict[str, Any]]) -> None:
    """Read what follows the last line (the end of the chunked answer): only an answer read to its end gives
    its connection back for the next request; one closed early closes it, and the next round pays a new
    connection (and, over HTTPS, a new TLS handshake) on both sides."""
    for _ in lines:
        pass


def _ticket_id(value: Any) -> UUID | None:
    if value is None:
        return None
    try:
        return UUID(str(value))
    except ValueError:
        raise Unreachable("the server named a page of its snapshot with a malformed ticket id") from None


def _lines(response: requests.Response) -> Iterator[dict[str, Any]]:
    """The NDJSON lines of a streamed answer. Split here rather than by ``iter_lines``, which joins and
    splits the unfinished line again with every chunk: quadratic in a batch line of a megabyte."""
    pending = bytearray()
    try:
        for chunk in response.iter_content(chunk_size=256 * 1024):
            pending += chunk
            start = 0
            while (end := pending.find(b"\n", start)) >= 0:
                if end > start:
                    yield json.loads(pending[start:end])
                start = end + 1
            del pending[:start]
        if pending.strip():
            yield json.loads(pending)
    except (requests.exceptions.RequestException, ValueError) as exc:
        raise Unreachable(f"the pull was cut short: {type(exc).__name__}") from None


_Decoder = tuple[Any, tuple[Callable[[Any], Any] | None, ...]]  # a namedtuple class, its converters
_DECODERS: dict[tuple[str, tuple[str, ...]], _Decoder] = {}


def _convert(python_type: type) -> Callable[[Any], Any] | None:
    if python_type is UUID:
        return lambda value: None if value is None else UUID(value)
    if python_type is datetime:
        return lambda value: None if value is None else datetime.fromisoformat(value)
    return None


def decoded(item: dict[str, Any]) -> Section:
    """A batch of a section as the engine applies it: rows with named fields, each value of its column's
    type in the mirror (identifiers and times arrive as text)."""
    name, columns = str(item["s"]), tuple(item["c"])
    key = (name, columns)
    decoder = _DECODERS.get(key)
    if decoder is None:
        if name == REMOVED:
            converters: tuple[Callable[[Any], Any] | None, ...] = (_convert(UUID),)
        elif name in s.SECTIONS:
            table = s.SECTIONS[name]
            if not set(columns) <= set(table.c.keys()):
                raise Unreachable(f"the server sent columns of {name} this client does not know")
            converters = tuple(_convert(table.c[column].type.python_type) for column in columns)
        else:
            raise Unreachable(f"the server sent a section this client does not know: {name}")
        decoder = _DECODERS[key] = (namedtuple("Row", columns), converters)
    row_type: Any = decoder[0]
    converts = decoder[1]
    raw_rows = item["r"]
    if not raw_rows:
        return name, []
    # Column by column: one conversion pass per typed column instead of a generator per row.
    by_column = [
        values if convert is None else list(map(convert, values))
        for values, convert in zip(zip(*raw_rows, strict=True), converts, strict=True)
    ]
    return name, list(map(row_type._make, zip(*by_column, strict=True)))
