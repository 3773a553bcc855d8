"""The webhook routes of ``aduan server``: channels that push call these (WhatsApp, Facebook, Instagram, SMS
gateways), not officers.

No officer session: the caller proves itself by the channel's own means (Meta signs the body with the app
secret, ``channels/whatsapp/webhook.py``). Anyone can reach these routes, so every request is bounded here:

* **a cap on the body** per channel: a declared Content-Length over it is answered 413 before anything is
  read, and the bytes are counted while they stream in as well; no Content-Length (chunked): 411.
* **a deadline for the body** (``ADUAN_WEBHOOK_DEADLINE`` seconds, default 20): a client that trickles its
  body — a byte now and then, a slow loris — is answered 408 and cut off once it has passed, whatever its
  pace. Meta sends a notification in one go.
* **a limit on webhook requests at once** (``ADUAN_WEBHOOK_CONCURRENCY``, default 16): one more is answered
  503 with Retry-After at once instead of waiting in a queue; Meta retries. It stays below the thread pool
  (40 threads), so that webhook traffic cannot starve the officers' requests.
* **the work runs in the thread pool**: finding the account, reading its secrets, fetching media and
  storing the messages never block the event loop.
* **a burst is stored in groups**: the calls let in at once that arrive while a group is being stored go
  together in the next transaction (``channels/pushed.py``), and an account's endpoint — its settings and
  secrets, read from the database and the keyring — is kept for ``ADUAN_WEBHOOK_ENDPOINT_SECONDS`` (default 5;
  0: found again for every call) after it was found (``RecentEndpoints``): a change to an account (disabled, a
  new secret, another number of its app) reaches its webhook within that time.

An unknown, disabled or unusable account gets the same 404. Refusals carry the server's error body
(``wire.ErrorBody``); what Meta expects on success — the challenge, ``EVENT_RECEIVED`` — is plain text.
"""

# No "from __future__ import annotations": FastAPI reads the route signatures.

import asyncio
import json
import logging
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Annotated, Any, Protocol, TypeVar
from urllib.parse import parse_qsl

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from ..channels import sms, webhooks
from ..channels.meta import Platform
from ..channels.pushed import PushedIntake
from ..channels.whatsapp import MAX_WEBHOOK_BYTES, SIGNATURE_HEADER
from ..domain.errors import AduanError, BadInput, NotFound, NotPermitted, Unreachable
from ..store.service import Store
from . import wire

log = logging.getLogger("aduan.server.webhooks")
T = TypeVar("T")


class SignedEndpoint(Protocol):
    """What Meta's routes ask of an account's endpoint (``whatsapp.WebhookEndpoint``, ``meta.MetaWebhookEndpoint``)."""

    def verification(self, mode: str, token: str, challenge: str) -> tuple[int, str]: ...

    def notification(self, body: bytes, signature: str | None) -> tuple[int, str]: ...


CONCURRENCY_ENV = "ADUAN_WEBHOOK_CONCURRENCY"
DEADLINE_ENV = "ADUAN_WEBHOOK_DEADLINE"
DEFAULT_CONCURRENCY = 16
DEFAULT_DEADLINE_SECONDS = 20.0
ENDPOINT_ENV = "ADUAN_WEBHOOK_ENDPOINT_SECONDS"
DEFAULT_ENDPOINT_SECONDS = 5.0
RETRY_AFTER_SECONDS = 5
# Meta documents webhook payloads of up to 3 MB; a smaller cap would refuse real notifications for good.
WHATSAPP_MAX_BYTES = MAX_WEBHOOK_BYTES
_CODES = {400: BadInput.code, 401: NotPermitted.code, 403: NotPermitted.code, 503: Unreachable.code}


@dataclass(frozen=True, slots=True)
class WebhookLimits:
    concurrency: int = DEFAULT_CONCURRENCY
    deadline_seconds: float = DEFAULT_DEADLINE_SECONDS
    endpoint_seconds: float = DEFAULT_ENDPOINT_SECONDS

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ) -> "WebhookLimits":
        """The limits ``aduan server`` was started with; BadInput names a variable that is not a number."""
        concurrency, deadline, endpoint = (environ.get(name) for name in (CONCURRENCY_ENV, DEADLINE_ENV, ENDPOINT_ENV))
        limits = cls()
        try:
            if concurrency is not None:
                limits = replace(limits, concurrency=int(concurrency))
            if deadline is not None:
                limits = replace(limits, deadline_seconds=float(deadline))
            if endpoint is not None:
                limits = replace(limits, endpoint_seconds=float(endpoint))
        except ValueError:
            raise BadInput(
                f"{CONCURRENCY_ENV} is a whole number, {DEADLINE_ENV} and {ENDPOINT_ENV} numbers of seconds"
            ) from None
        if limits.concurrency < 1 or not 0 < limits.deadline_seconds < 3600 or not 0 <= limits.endpoint_seconds < 3600:
            raise BadInput(
                f"{CONCURRENCY_ENV} must be at least 1, {DEADLINE_ENV} between 0 and 3600 seconds and {ENDPOINT_ENV} "
                "from 0 to 3600"
            )
        return limits


class _Refused(Exception):
    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


def refusal(status: int, code: str, message: str, retry_after: int | None = None, close: bool = False) -> JSONResponse:
    """The server's error body. ``close`` ends the connection: a body left unread would otherwise be drained
    at the client's pace, outside the deadline and the limit."""
    body = wire.ErrorBody(code=code, message=message, retry_after=retry_after)
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    if close:
        headers["Connection"] = "close"
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


class Gate:
    """At most ``limit`` requests inside at once; the next one is turned away, not queued."""

    def __init__(self, limit: int) -> None:
        self._free = asyncio.Semaphore(limit)

    @asynccontextmanager
    async def entered(self) -> AsyncIterator[bool]:
        if self._free.locked():
            yield False
            return
        await self._free.acquire()  # a slot is free and nothing ran since the check: this does not wait
        try:
            yield True
        finally:
            self._free.release()


class RecentEndpoints:
    """Endpoints found in the last ``seconds``: finding one reads every enabled account of its channel and its
    secrets, which in a burst cost more than storing the call's message in its group. Only endpoints found are
    kept, so the entries are bounded by the accounts there are; an unknown name is looked up every time. Used on
    the event loop only."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._seconds = seconds
        self._clock = clock
        self._found: dict[tuple[Any, ...], tuple[float, Any]] = {}

    def get(self, key: tuple[Any, ...]) -> Any | None:
        kept = self._found.get(key)
        if kept is None or self._clock() - kept[0] >= self._seconds:
            return None
        return kept[1]

    def keep(self, key: tuple[Any, ...], endpoint: Any) -> None:
        self._found[key] = (self._clock(), endpoint)


def check_declared_length(request: Request, max_bytes: int) -> None:
    """_Refused (411, 413) unless the request declares a body within the cap: checked before any work."""
    declared = request.headers.get("content-length")
    if declared is None:
        raise _Refused(refusal(411, BadInput.code, "Content-Length required", close=True))
    if not (declared.isascii() and declared.isdigit()) or int(declared) > max_bytes:
        too_large = f"the notification is larger than the webhook accepts ({max_bytes:,} bytes)"
        raise _Refused(refusal(413, BadInput.code, too_large, close=True))


async def read_body(request: Request, max_bytes: int, deadline_seconds: float) -> bytes:
    """The whole body within the deadline and the cap; _Refused otherwise (408, 413, a client gone)."""

    async def everything() -> bytes:
        received = bytearray()
        async for chunk in request.stream():
            received += chunk
            if len(received) > max_bytes:
                raise _Refused(refusal(413, BadInput.code, "the notification is larger than declared", close=True))
        return bytes(received)

    try:
        return await asyncio.wait_for(everything(), deadline_seconds)
    except TimeoutError:
        late = f"the body did not arrive within {deadline_seconds:g} seconds"
        raise _Refused(refusal(408, BadInput.code, late, close=True)) from None
    except ClientDisconnect:
        gone = "the client went away before the body arrived"
        raise _Refused(refusal(400, BadInput.code, gone, close=True)) from None


def webhook_router(store: Store, limits: WebhookLimits | None = None) -> APIRouter:
    """The webhook routes over ``store``; ``limits`` default to the environment's (``WebhookLimits``)."""
    bounds = limits or WebhookLimits.from_environ()
    gate = Gate(bounds.concurrency)
    # The calls let in at once are stored together (``channels/pushed.py``): a burst costs a transaction a group.
    pushed = PushedIntake(store)
    recent = RecentEndpoints(bounds.endpoint_seconds)
    router = APIRouter(prefix="/v1/webhooks")
    Account = Annotated[str, Path(min_length=1, max_length=200)]

    def busy() -> JSONResponse:
        message = "too many webhook requests at once; try again shortly"
        return refusal(503, Unreachable.code, message, retry_after=RETRY_AFTER_SECONDS, close=True)

    async def found(find: Callable[..., T], *args: Any) -> T:
        """The account's endpoint, found on the thread pool (or kept from a call of the last seconds): 404 for an
        unknown, disabled or unusable account, 503 when its secrets cannot be read now."""
        kept: T | None = recent.get((find, *args))
        if kept is not None:
            return kept
        try:
            endpoint = await run_in_threadpool(find, store, *args, pushed)
            recent.keep((find, *args), endpoint)
            return endpoint
        except NotFound as exc:
            raise _Refused(refusal(404, NotFound.code, exc.message, close=True)) from None
        except Unreachable as exc:
            down = refusal(503, Unreachable.code, exc.message, retry_after=RETRY_AFTER_SECONDS, close=True)
            raise _Refused(down) from None

    def signed_routes(name: str, find: Callable[[str], Awaitable[SignedEndpoint]]) -> None:
        """``/<name>/<account>``: Meta's subscription check and its signed notifications (WhatsApp, and the
        Facebook Page and Instagram account of ``channels/meta``)."""

        @router.get(f"/{name}/{{account}}", response_model=None, name=f"{name}_verification")
        async def verification(request: Request, account: Account) -> Response:
            """Meta's subscription check: ``hub.challenge`` back when ``hub.verify_token`` is the account's."""
            async with gate.entered() as inside:
                if not inside:
                    return busy()
                try:
                    endpoint = await find(account)
                except _Refused as refused:
                    return refused.response
                query = request.query_params
                status, text = endpoint.verification(
                    query.get("hub.mode", ""), query.get("hub.verify_token", ""), query.get("hub.challenge", "")
                )
                if status == 200:
                    return PlainTextResponse(text)
                return refusal(status, _CODES.get(status, AduanError.code), text)

        @router.post(f"/{name}/{{account}}", response_model=None, name=f"{name}_notification")
        async def notification(request: Request, account: Account) -> Response:
            """One notification: checked against the account's app secret, stored, then answered 200."""
            async with gate.entered() as inside:
                if not inside:
                    return busy()
                try:
                    check_declared_length(request, WHATSAPP_MAX_BYTES)
                    endpoint = await find(account)
                    body = await read_body(request, WHATSAPP_MAX_BYTES, bounds.deadline_seconds)
                except _Refused as refused:
                    return refused.response
                signature = request.headers.get(SIGNATURE_HEADER)
                status, text = await run_in_threadpool(endpoint.notification, body, signature)
                if status == 200:
                    return PlainTextResponse(text)
                return refusal(status, _CODES.get(status, AduanError.code), text)

    async def whatsapp(account: str) -> SignedEndpoint:
        return await found(webhooks.whatsapp_endpoint, account)

    def meta(platform: Platform) -> Callable[[str], Awaitable[SignedEndpoint]]:
        async def find(account: str) -> SignedEndpoint:
            return await found(webhooks.meta_endpoint, platform, account)

        return find

    signed_routes("whatsapp", whatsapp)
    for platform in Platform:
        signed_routes(platform.value, meta(platform))

    async def sms_call(request: Request, account: str, with_body: bool) -> Response:
        """One SMS an SMS gateway forwards: its fields from the query and (POST) the form or JSON body; the
        shared secret as the account's ``secret_param`` or the ``X-Aduan-Secret`` header (``channels/sms.py``)."""
        async with gate.entered() as inside:
            if not inside:
                return busy()
            try:
                if with_body:
                    check_declared_length(request, sms.MAX_WEBHOOK_BYTES)
                endpoint = await found(sms.sms_webhook, account)
                body = await read_body(request, sms.MAX_WEBHOOK_BYTES, bounds.deadline_seconds) if with_body else b""
            except _Refused as refused:
                return refused.response
            secret_param = endpoint.settings.secret_param
            given = request.headers.get(sms.SECRET_HEADER) or request.query_params.get(secret_param)
            fields: dict[str, Any] = {k: v for k, v in request.query_params.items() if k != secret_param}
            try:
                fields.update(_sms_fields(body, request.headers.get("content-type", "")))
            except ValueError:
                if not endpoint.authentic(given):  # a stranger learns nothing about the body's rules
                    return refusal(403, NotPermitted.code, "the webhook's secret is missing or wrong")
                return refusal(400, BadInput.code, "the body is neither a form nor a JSON object")
            try:
                status, text = await run_in_threadpool(endpoint.receive, fields, given)
            except Unreachable as exc:
                return refusal(503, Unreachable.code, exc.message, retry_after=RETRY_AFTER_SECONDS)
            if status == 200:
                return PlainTextResponse(text)
            return refusal(status, _CODES.get(status, AduanError.code), text)

    @router.post("/sms/{account}", response_model=None)
    async def sms_inbound(request: Request, account: Account) -> Response:
        return await sms_call(request, account, with_body=True)

    @router.get("/sms/{account}", response_model=None)
    async def sms_inbound_by_get(request: Request, account: Account) -> Response:
        """Gateways that forward an SMS as a GET with its fields in the query."""
        return await sms_call(request, account, with_body=False)

    return router


def _sms_fields(body: bytes, content_type: str) -> dict[str, Any]:
    """The fields of an SMS webhook body: a JSON object or a form; ValueError for anything else."""
    if not body.strip():
        return {}
    text = body.decode("utf-8")  # a UnicodeDecodeError is a ValueError
    if "json" in content_type.lower() or text.lstrip().startswith("{"):
        found = json.loads(text)
        if not isinstance(found, dict):
            raise ValueError("not a JSON object")
        return found
    return dict(parse_qsl(text, keep_blank_values=True, strict_parsing=True))
