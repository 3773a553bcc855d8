"""The routes of ``aduan server``. Each is thin: authenticate, the one authorization function, a store
call, encode. No business rule lives here; the store decides, as the authenticated officer.

Errors leave as ``ErrorBody`` (``code`` is the domain error's stable code) with an HTTP status a proxy or a
monitor understands; anything unexpected is logged here and answered with "unexpected", never with its
details.
"""

# No "from __future__ import annotations": FastAPI reads the route signatures, and Signed is local.

import asyncio
import logging
import re
import traceback
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from .. import __version__
from ..domain.errors import (
    AduanError,
    BadInput,
    ClientOutdated,
    Conflict,
    NotFound,
    NotPermitted,
    NotSignedIn,
    SchemaMismatch,
    Throttled,
    Unreachable,
)
from ..store import accounts, migrate
from ..store.apply import apply_op, command_result, record_command_result, record_refusal
from ..store.clock import server_now
from ..store.feed import blob_content
from ..store.identity import load_actor
from ..store.service import Store, without_values
from . import client_versions, commands, wire
from .authz import Action, Principal, authorize
from .limits import BodyLimit
from .logs import AccessLog
from .notify import ChangeWatcher
from .pulls import Spooled, spool_catch_up, spool_pull
from .ready import ReadinessCheck
from .web_form import web_form_router
from .webhooks import webhook_router

log = logging.getLogger("aduan.server")

MAX_BODY_BYTES = 64 * 1024 * 1024
DEFAULT_WAIT_SECONDS = 25.0  # a long poll answers before proxies' usual 30-60 s idle timeouts
MAX_WAIT_SECONDS = 55.0  # a report with its scans; everything else is far smaller
NDJSON = "application/x-ndjson"
SERVER_TIME = "X-Aduan-Server-Time"
# Pull cursors as ``store/feed.py`` hands them out: ``n:H`` (MariaDB, SQLite), ``pg:XMIN:XMAX:XIP,…@SYSTEM.OID``
# (PostgreSQL; without ``@…`` from earlier versions). Stamps fit a BIGINT.
N_CURSOR = re.compile(r"n:([0-9]{1,19})")
PG_CURSOR = re.compile(r"pg:([0-9]{1,19}):([0-9]{1,19}):((?:[0-9]{1,19},)*[0-9]{1,19})?(?:@[0-9]{1,20}\.[0-9]{1,10})?")
MAX_STAMP = 2**63 - 1
SHA256 = r"^[0-9a-f]{64}$"

_STATUS: list[tuple[type[AduanError], int]] = [
    (NotSignedIn, 401),
    (Throttled, 429),
    (NotPermitted, 403),
    (NotFound, 404),
    (ClientOutdated, 426),  # Upgrade Required: before SchemaMismatch, which it is a kind of
    (SchemaMismatch, 409),
    (Conflict, 409),
    (BadInput, 400),
    (Unreachable, 503),
]


def status_of(exc: AduanError) -> int:
    return next((status for kind, status in _STATUS if isinstance(exc, kind)), 500)


def well_formed_cursor(cursor: str, postgresql: bool) -> bool:
    """Whether ``cursor`` is one this engine could have handed out. A forged one must not reach a query:
    another engine's cursor, a stamp past BIGINT or a snapshot PostgreSQL will not parse fail there (500)."""
    if not postgresql:
        match = N_CURSOR.fullmatch(cursor)
        return match is not None and int(match[1]) <= MAX_STAMP
    match = PG_CURSOR.fullmatch(cursor)
    if match is None:
        return False
    xmin, xmax = int(match[1]), int(match[2])
    running = [int(value) for value in match[3].split(",")] if match[3] else []
    # What pg_snapshot's parser accepts: valid ids (never 0 in their low 32 bits), xmin <= xmax, and the
    # transactions in progress in ascending order within [xmin, xmax).
    return (
        0 < xmin <= xmax <= MAX_STAMP
        and xmin % 2**32 != 0
        and xmax % 2**32 != 0
        and all(xmin <= value < xmax for value in running)
        and running == sorted(running)
    )


def error_response(exc: AduanError) -> JSONResponse:
    retry_after = getattr(exc, "retry_after", None)
    body = wire.ErrorBody(code=exc.code, message=exc.message, retry_after=retry_after, fields=exc.fields or None)
    if isinstance(exc, ClientOutdated):
        body = body.model_copy(update=client_versions.outdated_fields(exc))
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    if isinstance(exc, NotSignedIn):
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status_of(exc), headers=headers)


def create_app(store: Store) -> FastAPI:
    """The server over ``store``: the one process with the database's credentials (beside the worker and
    the owner's tools)."""
    watcher = ChangeWatcher(store)
    readiness = ReadinessCheck(store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        watcher.start(asyncio.get_running_loop())
        try:
            yield
        finally:
            watcher.stop()

    app = FastAPI(title="Aduan server", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan)
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    # Pulls are NDJSON of repetitive text: compressed about fivefold for the units on slow links. Attachments
    # (scans, photos) are compressed already and pass as they are.
    app.add_middleware(
        GZipMiddleware,
        minimum_size=1024,
        compresslevel=5,
        exclude_content_types=("application/octet-stream", "image/*", "application/pdf"),
    )
    app.add_middleware(AccessLog)  # outermost: every answer is logged, the refusals of the others too

    @app.exception_handler(AduanError)
    async def _refused(_request: Request, exc: AduanError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _malformed(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()))
        response = error_response(BadInput(f"malformed request: {where}: {first.get('msg', 'invalid')}"))
        response.status_code = 422
        return response

    @app.exception_handler(StarletteHTTPException)
    async def _framework_refused(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        """The framework's own refusals (no such route, a body that cannot be parsed or is too large) in
        the same body as the others, so that a client reads them as refusals, not as a broken network."""
        code = NotFound.code if exc.status_code == 404 else BadInput.code
        body = wire.ErrorBody(code=code, message=str(exc.detail))
        return JSONResponse(body.model_dump(exclude_none=True), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, DBAPIError):  # its message quotes the values: the frames and the statement only
            frames = "".join(traceback.format_tb(exc.__traceback__))
            log.error("unexpected database error: %s\n%s", without_values(exc), frames)
        else:
            log.exception("unexpected error", exc_info=exc)
        return error_response(AduanError("unexpected error on the server; the administrator can see the log"))

    def principal(
        request: Request,
        authorization: Annotated[str | None, Header()] = None,
        x_aduan_client: Annotated[str | None, Header(max_length=100)] = None,
    ) -> Principal:
        """The officer behind the request's session token; every route but sign-in, health and readiness
        needs one. The login goes to the access log (an officer's, never a citizen's)."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotSignedIn("sign in first: this request carries no session")

        def who(conn: Connection) -> Principal:
            session = accounts.check_session(conn, token.strip())
            actor = load_actor(conn, session.login)
            # A client older than the officer's units accept is refused here, on every authenticated route.
            client_versions.check_client(conn, actor, x_aduan_client)
            return Principal(actor, session.session_id, session.device)

        found: Principal = store.admin(who)
        request.state.officer = found.actor.login
        return found

    Signed = Annotated[Principal, Depends(principal)]

    def acting(who: Principal) -> Store:
        return store.acting(who.actor, who.device)

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        """For load balancers: the process answers (the database is not asked)."""
        return {"status": "ok"}

    @app.get("/v1/ready", responses={503: {"description": "not ready, with the reason"}})
    async def ready() -> JSONResponse:
        """For load balancers and monitors: 200 when the database answers with the schema this server runs,
        503 with the reason otherwise. One query with a short deadline; no session needed."""
        found = await readiness.check()
        body = {"status": "ready"} if found.ready else {"status": "not_ready", "reason": found.reason}
        return JSONResponse(body, status_code=200 if found.ready else 503, headers={"Cache-Control": "no-store"})

    @app.post("/v1/sessions", response_model=wire.SignedIn)
    def sign_in(
        request: Request,
        form: wire.SignIn,
        x_aduan_client: Annotated[str | None, Header(max_length=100)] = None,
    ) -> wire.SignedIn:
        address = request.client.host if request.client else "unknown"
        # The attempt is recorded (and committed) whatever its outcome: throttling counts it.
        issued = store.admin(accounts.attempt_sign_in, form.login, form.password, form.device, address)
        if not isinstance(issued, accounts.IssuedSession):
            raise issued
        actor = store.admin(load_actor, issued.login)
        try:
            # Asked after the password (a refusal before it would tell which logins exist): the session just
            # issued ends again, and the officer is told where the new version is.
            store.admin(client_versions.check_client, actor, x_aduan_client)
        except ClientOutdated:
            store.admin(accounts.sign_out, issued.token)
            raise
        who = actor.officer
        return wire.SignedIn(
            token=issued.token, expires_at=issued.expires_at, login=who.login, name=who.name, role=who.role.value
        )

    @app.delete("/v1/sessions/current", status_code=204)
    def sign_out(who: Signed, authorization: Annotated[str, Header()]) -> Response:
        authorize(who, Action.SIGN_OUT)
        store.admin(accounts.sign_out, authorization.partition(" ")[2].strip())
        return Response(status_code=204)

    @app.post("/v1/password", status_code=204)
    def change_password(request: Request, who: Signed, change: wire.PasswordChange) -> Response:
        authorize(who, Action.CHANGE_PASSWORD)
        address = request.client.host if request.client else "unknown"
        # A wrong current password is recorded (and committed) like a failed sign-in: throttling counts it.
        done = store.admin(
            accounts.attempt_password_change, who.actor.id, change.current, change.new, who.session_id, None, address
        )
        if isinstance(done, AduanError):
            raise done
        return Response(status_code=204)

    @app.get("/v1/hello", response_model=wire.Hello)
    def hello(who: Signed) -> wire.Hello:
        authorize(who, Action.HELLO)
        store.read(migrate.check_schema)
        now = store.read(server_now)
        return wire.Hello(
            api=wire.API_VERSION, schema_revision=migrate.HEAD_REVISION, login=who.actor.login, server_time=now
        )

    @app.post("/v1/ops", response_model=wire.OutcomeBody)
    def push(who: Signed, operation: wire.Operation) -> wire.OutcomeBody:
        op = wire.op_of(operation)
        try:
            authorize(who, Action.PUSH, op.kind)
        except NotPermitted as refused:
            # A well-formed operation this officer may not make: refused, and recorded as its outcome like
            # the store's own refusals, so the client's outbox moves on and a retry is answered the same.
            return wire.OutcomeBody.of(acting(who).write(record_refusal, op, refused))
        outcome = acting(who).write(apply_op, op)
        watcher.poke()  # other officers' clients learn of it now, not at the watcher's next tick
        return wire.OutcomeBody.of(outcome)

    def stream(spooled: Spooled) -> StreamingResponse:
        headers = {SERVER_TIME: spooled.server_time().isoformat(), "Cache-Control": "no-store"}
        return StreamingResponse(spooled.chunks(), media_type=NDJSON, headers=headers)

    postgresql = store.engine.dialect.name == "postgresql"

    def checked_cursor(cursor: str | None) -> str | None:
        if cursor is not None and not well_formed_cursor(cursor, postgresql):
            raise BadInput("malformed cursor: sync again from a snapshot")
        return cursor

    @app.get("/v1/changes", response_class=StreamingResponse)
    def pull(
        who: Signed,
        since: Annotated[str | None, Query(max_length=200_100)] = None,
        scope: Annotated[str | None, Query(max_length=100_000)] = None,
        after: Annotated[str | None, Query(pattern=r"^[0-9a-fA-F]{8}(-?[0-9a-fA-F]{4}){3}-?[0-9a-fA-F]{12}$")] = None,
        limit: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
    ) -> StreamingResponse:
        """What changed since ``since``; or a snapshot, in pages of ``limit`` tickets (at most the server's
        page size) after the ticket id ``after`` when the client asks for pages (``store/feed.py``)."""
        authorize(who, Action.PULL)
        return stream(spool_pull(store, who.actor, checked_cursor(since), scope, after, limit))

    @app.post("/v1/changes/catch-up", response_class=StreamingResponse)
    def catch_up(who: Signed, request: wire.CatchUp) -> StreamingResponse:
        authorize(who, Action.PULL)
        since = checked_cursor(request.since)
        assert since is not None
        return stream(spool_catch_up(store, who.actor, since, request.ticket_ids))

    @app.get("/v1/changes/next", response_model=wire.NextChange)
    async def next_change(
        who: Signed,
        known: Annotated[str | None, Query(max_length=40)] = None,
        wait: Annotated[float, Query(ge=0, le=MAX_WAIT_SECONDS)] = DEFAULT_WAIT_SECONDS,
    ) -> wire.NextChange:
        """A long poll: answers once the database's newest change differs from ``known`` (at once if it
        does), or after ``wait`` seconds. The client then pulls; waiting costs no thread."""
        authorize(who, Action.PULL)
        return wire.NextChange(latest=await watcher.wait(known, wait))

    @app.get("/v1/attachments/{sha256}")
    def attachment(who: Signed, sha256: Annotated[str, Path(pattern=SHA256)]) -> Response:
        authorize(who, Action.READ_ATTACHMENT)
        content = acting(who).view(lambda work: blob_content(work.conn, who.actor, sha256))
        if content is None:
            raise NotFound("no such attachment on a ticket you may see")
        return Response(content, media_type="application/octet-stream", headers={"Cache-Control": "no-store"})

    def command_route(cmd: commands.Command[Any, Any]) -> Callable[..., JSONResponse]:
        def run(who: Signed, request: Any, idempotency_key: Annotated[UUID | None, Header()] = None) -> JSONResponse:
            authorize(who, cmd.action)
            key = idempotency_key if cmd.ledger else None
            answer = None if key is None else store.read(command_result, key, who.actor)
            if answer is None:
                answer = cmd.encode(cmd.run(acting(who), who.actor, request))
                if key is not None:
                    # Recorded after the command committed: a crash of this process in between leaves a retry
                    # to run it again, which the commands kept in the ledger tell apart (a key that exists).
                    store.admin(record_command_result, key, who.actor, answer)
                watcher.poke()  # a command may have changed tickets (an import, a retried message)
            return JSONResponse(answer, headers={"Cache-Control": "no-store"})

        run.__annotations__["request"] = cmd.request  # FastAPI validates the body against the command's struct
        return run

    for cmd in commands.COMMANDS.values():
        app.add_api_route(cmd.path, command_route(cmd), methods=["POST"], name=cmd.name, response_class=JSONResponse)

    app.include_router(webhook_router(store))
    app.include_router(web_form_router(store))  # the public complaint form, /lapor
    app.include_router(client_versions.client_policy_router(store))
    return app
