"""The public web form of ``aduan server``: ``GET /lapor`` (the form), ``POST /lapor`` (a report through the
normal intake) and ``GET /lapor/status/<secret>`` (the private status link).

A unit takes reports here once an admin adds a ``web`` channel account for it (``aduan channel add web NAME
--unit CODE [--config '{"hourly_limit": 30}']``). Anyone can reach these routes, so, as for the webhooks
(``webhooks.py``, whose body reading and concurrency gate are reused):

* **the body** is capped (the scans' limits plus room for the fields: a declared Content-Length over it is
  413 before anything is read) and must arrive within ``ADUAN_WEBFORM_DEADLINE`` seconds (default 300: a
  phone on a slow link uploading a scan);
* **at most ``ADUAN_WEBFORM_CONCURRENCY``** submissions at once (default 8); one more is 503;
* **a signed form token**: every form carries a submission id and its status secret, signed with the
  database's form key (HMAC-SHA256); a form sent less than 3 seconds or more than a day after it was made is
  refused (shown again), and so is one whose hidden honeypot field was filled in;
* **sliding windows per client address** (``ADUAN_WEBFORM_ATTEMPTS`` POSTs per 10 minutes, default 30;
  ``ADUAN_WEBFORM_PER_ADDRESS`` reports per hour, default 5) and **per contact** (``ADUAN_WEBFORM_PER_CONTACT``
  reports per hour, default 3), in this process's memory;
* **the unit's hourly limit** (its web account's ``hourly_limit``, default 30), held in the database across
  every server process (``store/web_form.py``).

Beyond a limit the citizen is told to try again later (429) and nothing is stored. The client's address is
the one uvicorn gives: behind a reverse proxy (``--behind-proxy``), from X-Forwarded-For of the trusted
proxies only, as every route sees it.
"""

# No "from __future__ import annotations": FastAPI reads the route signatures.

import base64
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import AsyncGenerator, Callable, Mapping
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, Headers, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from ..channels.accounts import enabled_accounts
from ..channels.settings import WEB_HOURLY_LIMIT
from ..domain.errors import BadInput
from ..domain.inbound import InboundAttachment, InboundMessage
from ..domain.scans import MAX_REPORT_SCAN_BYTES, MAX_SCANS, Problem, Scan, ScanRefused, check_report_limits, mib
from ..domain.scans import check_scan as checked_scan
from ..domain.text import FIELD_LIMITS, MAX_BODY_CHARS, one_line
from ..domain.vocabulary import Channel, Kind
from ..store.identity import unit_id_by_code
from ..store.schema import unit
from ..store.service import Store
from ..store.web_form import Filed, file_report, filed_before, form_key, public_status
from . import web_form_page as pages
from .webhooks import Gate, _Refused, read_body

log = logging.getLogger("aduan.server.web_form")

DEFAULT_HOURLY_LIMIT = WEB_HOURLY_LIMIT
MIN_FILL_SECONDS = 3
MAX_FORM_AGE_SECONDS = 24 * 3600
BODY_ROOM = 1024 * 1024  # the fields and the multipart framing beside the attachments
MAX_BODY_BYTES = MAX_REPORT_SCAN_BYTES + BODY_ROOM
MAX_FIELD_BYTES = 4 * MAX_BODY_CHARS + 1024  # the report's text, UTF-8
SECRET = re.compile(r"[A-Za-z0-9_-]{43}")
EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}")
PHONE = re.compile(r"\+?[0-9][0-9 .()-]{6,22}")
RETRY_AFTER_SECONDS = 600
FIELDS = ("unit", "kind", "subject", "text", "name", "contact", "anonymous", "confidential", "website")


@dataclass(frozen=True, slots=True)
class WebFormLimits:
    concurrency: int = 8
    deadline_seconds: float = 300.0
    attempts: int = 30  # POSTs per address per 10 minutes
    per_address: int = 5  # reports per address per hour
    per_contact: int = 3  # reports per contact per hour

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ) -> "WebFormLimits":
        names = {
            "concurrency": "ADUAN_WEBFORM_CONCURRENCY",
            "deadline_seconds": "ADUAN_WEBFORM_DEADLINE",
            "attempts": "ADUAN_WEBFORM_ATTEMPTS",
            "per_address": "ADUAN_WEBFORM_PER_ADDRESS",
            "per_contact": "ADUAN_WEBFORM_PER_CONTACT",
        }
        values: dict[str, float] = {}
        for attribute, variable in names.items():
            raw = environ.get(variable)
            if raw is None:
                continue
            try:
                number = float(raw) if attribute == "deadline_seconds" else int(raw)
            except ValueError:
                raise BadInput(f"{variable} must be a number, not {raw!r}") from None
            if number <= 0:
                raise BadInput(f"{variable} must be above 0")
            values[attribute] = number
        return cls(**values)  # type: ignore[arg-type]


class SlidingWindow:
    """At most ``limit`` events per key within the last ``seconds``; thread-safe, in this process's memory.
    At most ``max_keys`` keys are tracked: past that (a flood from very many addresses) new keys are refused
    until old ones expire, rather than memory growing without bound."""

    def __init__(
        self, limit: int, seconds: float, clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000
    ) -> None:
        self.limit, self.seconds, self.clock, self.max_keys = limit, seconds, clock, max_keys
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> bool:
        """Count one event for ``key``; False (not counted) when the key is at its limit."""
        now = self.clock()
        with self._lock:
            events = self._events.get(key)
            if events is None:
                if len(self._events) >= self.max_keys:
                    self._forget_expired(now)
                    if len(self._events) >= self.max_keys:
                        return False
                events = self._events[key] = deque()
            while events and events[0] <= now - self.seconds:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True

    def _forget_expired(self, now: float) -> None:
        for key in [k for k, e in self._events.items() if not e or e[-1] <= now - self.seconds]:
            del self._events[key]


# -- the form token ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FormToken:
    issued: int  # seconds since the epoch
    submission: str  # the message's external id: the same form sent again is stored once
    secret: str  # the status link's secret, 32 random bytes (urlsafe base64)


def issue_token(key: str, issued: int, submission: str | None = None, secret: str | None = None) -> str:
    payload = {
        "i": issued,
        "s": submission or "web-" + secrets.token_urlsafe(18),
        "k": secret or secrets.token_urlsafe(32),
    }
    body = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")
    return f"{body}.{_sign(key, body)}"


def read_token(key: str, token: str) -> FormToken | None:
    """The token's content when the server signed it; None for anything else."""
    body, _, signature = token.partition(".")
    if not body or len(token) > 1000 or not hmac.compare_digest(signature, _sign(key, body)):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        found = FormToken(int(data["i"]), str(data["s"]), str(data["k"]))
    except (ValueError, KeyError, TypeError):
        return None
    return found if SECRET.fullmatch(found.secret) else None


def _sign(key: str, body: str) -> str:
    return hmac.new(key.encode(), body.encode(), hashlib.sha256).hexdigest()


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


# -- reading a submission -----------------------------------------------------------------------------------


@dataclass
class Submission:
    values: pages.FormValues
    token: str
    honeypot: str
    files: list[tuple[str, bytes]] = field(default_factory=list)


def normal_contact(contact: str) -> str:
    """The contact as the per-contact window counts it: an e-mail lower-cased, a phone number's digits."""
    if "@" in contact:
        return contact.strip().lower()
    digits = re.sub(r"\D", "", contact)
    return "62" + digits[1:] if digits.startswith("0") else digits


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


async def read_submission(form: FormData) -> Submission:
    values = pages.FormValues(
        unit=_text(form, "unit"),
        kind=_text(form, "kind"),
        subject=_text(form, "subject"),
        text=_text(form, "text").replace("\r\n", "\n"),
        name=_text(form, "name"),
        contact=_text(form, "contact"),
        anonymous=bool(_text(form, "anonymous")),
        confidential=bool(_text(form, "confidential")),
    )
    files = []
    for item in form.getlist("files"):
        if isinstance(item, UploadFile) and item.filename:
            files.append((item.filename, await item.read()))
    return Submission(values, _text(form, "token"), _text(form, "website"), files)


def field_errors(lang: str, values: pages.FormValues, units: Mapping[str, object]) -> dict[str, str]:
    t = pages.TEXTS[lang]
    errors: dict[str, str] = {}

    def required(name: str, value: str, limit: int) -> None:
        if not value.strip():
            errors[name] = t["required"]
        elif len(value) > limit:
            errors[name] = t["too_long"].format(limit=limit)

    if values.unit not in units:
        errors["unit"] = t["bad_unit"]
    if values.kind not in {k.value for k in Kind}:
        errors["kind"] = t["bad_kind"]
    required("subject", values.subject, FIELD_LIMITS["subject"])
    required("text", values.text, MAX_BODY_CHARS)
    if not values.anonymous:
        required("name", values.name, FIELD_LIMITS["reporter name"])
        required("contact", values.contact, FIELD_LIMITS["contact"])
        contact = values.contact.strip()
        if "contact" not in errors and not (EMAIL.fullmatch(contact) or PHONE.fullmatch(contact)):
            errors["contact"] = t["bad_contact"]
    return errors


def checked_files(lang: str, files: list[tuple[str, bytes]]) -> tuple[tuple[Scan, ...], str | None]:
    """The attachments checked as scans are (type by content, sizes per file and per report)."""
    t = pages.TEXTS[lang]
    try:
        scans = tuple(checked_scan(name, content) for name, content in files)
        check_report_limits(scans)
    except ScanRefused as refused:
        words = {
            Problem.TYPE: "file_type",
            Problem.CONTENT: "file_content",
            Problem.EMPTY: "file_empty",
            Problem.TOO_LARGE: "file_large",
            Problem.TOO_MANY: "file_many",
            Problem.TOO_MUCH: "file_much",
        }
        text = t[words[refused.problem]].format(name=refused.filename, size=mib(refused.size), limit=mib(refused.limit))
        if refused.problem is Problem.TOO_MANY:
            text = t["file_many"].format(limit=refused.limit)
        return (), text
    return scans, None


# -- the routes --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WebUnit:
    code: str
    name: str
    account_id: int
    hourly_limit: int


def web_form_router(
    store: Store, limits: WebFormLimits | None = None, clock: Callable[[], float] = time.time
) -> APIRouter:
    bounds = limits or WebFormLimits.from_environ()
    gate = Gate(bounds.concurrency)
    attempts = SlidingWindow(bounds.attempts, 600)
    per_address = SlidingWindow(bounds.per_address, 3600)
    per_contact = SlidingWindow(bounds.per_contact, 3600)
    router = APIRouter()
    keys: list[str] = []

    def key() -> str:
        if not keys:
            try:
                keys.append(store.admin(form_key))
            except IntegrityError:  # another server made it at the same moment
                keys.append(store.admin(form_key))
        return keys[0]

    def web_units() -> dict[str, WebUnit]:
        def read(conn: object) -> dict[str, WebUnit]:
            from sqlalchemy import Connection, select

            assert isinstance(conn, Connection)
            found: dict[str, WebUnit] = {}
            for account in enabled_accounts(conn):
                if account.channel is not Channel.WEB or account.unit_code in found:
                    continue
                limit = account.config.get("hourly_limit", DEFAULT_HOURLY_LIMIT)
                if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
                    limit = DEFAULT_HOURLY_LIMIT
                name = conn.execute(
                    select(unit.c.name).where(unit.c.id == unit_id_by_code(conn, account.unit_code))
                ).scalar_one()
                found[account.unit_code] = WebUnit(account.unit_code, str(name), account.id, limit)
            return found

        return store.read(read)

    def html(content: str, status: int = 200, headers: Mapping[str, str] | None = None) -> HTMLResponse:
        security = {
            "Cache-Control": "no-store",
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        }
        return HTMLResponse(content, status_code=status, headers={**security, **(headers or {})})

    def client(request: Request) -> str:
        return request.client.host if request.client else "unknown"

    def show_form(
        lang: str,
        units: Mapping[str, WebUnit],
        values: pages.FormValues,
        token: str | None = None,
        errors: Mapping[str, str] | None = None,
        banner: str | None = None,
        status: int = 200,
    ) -> HTMLResponse:
        choices = [(u.code, u.name) for u in units.values()]
        fresh = token or issue_token(key(), int(clock()))
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 429 else None
        return html(pages.form_page(lang, choices, values, fresh, errors, banner), status, headers)

    @router.get("/lapor", response_class=HTMLResponse)
    def form(
        request: Request,
        lang: Annotated[str | None, Query(max_length=5)] = None,
        unit_code: Annotated[str | None, Query(alias="unit", max_length=40)] = None,
    ) -> HTMLResponse:
        chosen = pages.language(lang, request.headers.get("accept-language"))
        units = web_units()
        if not units:
            return html(pages.message_page(chosen, "closed", back=False), 404)
        return show_form(chosen, units, pages.FormValues(unit=unit_code or next(iter(units))))

    @router.post("/lapor", response_class=HTMLResponse)
    async def submit(request: Request) -> Response:
        lang = pages.language(request.query_params.get("lang"), request.headers.get("accept-language"))
        async with gate.entered() as inside:
            if not inside:
                return html(pages.message_page(lang, "busy"), 503, {"Retry-After": "5", "Connection": "close"})
            if not attempts.take(client(request)):
                return html(pages.message_page(lang, "busy"), 429, {"Retry-After": str(RETRY_AFTER_SECONDS)})
            declared = request.headers.get("content-length")
            if declared is None or not (declared.isascii() and declared.isdigit()):
                return html(pages.message_page(lang, "slow"), 411, {"Connection": "close"})
            if int(declared) > MAX_BODY_BYTES:
                return html(pages.message_page(lang, "large"), 413, {"Connection": "close"})
            try:
                body = await read_body(request, MAX_BODY_BYTES, bounds.deadline_seconds)
            except _Refused as refused:
                what = {413: "large", 408: "slow"}.get(refused.response.status_code, "slow")
                return html(pages.message_page(lang, what), refused.response.status_code, {"Connection": "close"})
            form = await parse_form(request.headers, body)
            if form is None:
                return html(pages.message_page(lang, "slow"), 400)
            try:
                sent = await read_submission(form)
            finally:
                await form.close()
            lang = pages.language(_text(form, "lang"), None)
            return await run_in_threadpool(handle, request, lang, sent)

    def handle(request: Request, lang: str, sent: Submission) -> HTMLResponse:
        t = pages.TEXTS[lang]
        units = web_units()
        values = sent.values
        if not units:
            return html(pages.message_page(lang, "closed", back=False), 404)
        token = read_token(key(), sent.token)
        now = int(clock())
        if token is None or sent.honeypot:
            return show_form(lang, units, values, banner=t["refused"], status=400)
        if now - token.issued < MIN_FILL_SECONDS:
            return show_form(lang, units, values, banner=t["token_fast"], status=400)
        if now - token.issued > MAX_FORM_AGE_SECONDS:
            return show_form(lang, units, values, banner=t["token_old"], status=400)
        link = str(request.base_url).rstrip("/") + f"/lapor/status/{token.secret}"
        before = store.read(filed_before, token.submission)
        if before is not None:  # the same form again: the same answer, nothing stored
            return html(pages.done_page(lang, before, link, new=False))
        errors = field_errors(lang, values, units)
        scans, refused = checked_files(lang, sent.files)
        if refused:
            errors["files"] = refused
        if errors:
            if sent.files:
                errors.setdefault("files", t["files_again"])
            return show_form(lang, units, values, sent.token, errors, status=400)
        if values.anonymous:
            values = pages.FormValues(
                values.unit, values.kind, values.subject, values.text, "", "", True, values.confidential
            )
        later = t["later"]
        if not per_address.take(client(request)):
            return show_form(lang, units, values, sent.token, banner=later, status=429)
        if not values.anonymous and not per_contact.take(normal_contact(values.contact)):
            return show_form(lang, units, values, sent.token, banner=later, status=429)
        chosen = units[values.unit]
        inbound = InboundMessage(
            channel=Channel.WEB,
            external_id=token.submission,
            sender_address=None if values.anonymous else one_line(values.contact),
            sender_name=None if values.anonymous else one_line(values.name),
            subject=values.subject,
            text=values.text,
            attachments=tuple(InboundAttachment(s.filename, s.content_type, s.content) for s in scans),
            kind=Kind(values.kind),
            anonymous=values.anonymous,
            confidential=values.confidential,
        )
        filed: Filed | None = store.admin(
            file_report,
            inbound,
            chosen.code,
            Kind(values.kind),
            chosen.account_id,
            chosen.hourly_limit,
            secret_hash(token.secret),
        )
        if filed is None:
            return show_form(lang, units, values, sent.token, banner=later, status=429)
        return html(pages.done_page(lang, filed.tracking_no, link, filed.new))

    @router.get("/lapor/status/{secret}", response_class=HTMLResponse)
    def status(
        request: Request,
        secret: Annotated[str, Path(max_length=200)],
        lang: Annotated[str | None, Query(max_length=5)] = None,
    ) -> HTMLResponse:
        chosen = pages.language(lang, request.headers.get("accept-language"))
        found = store.read(public_status, secret_hash(secret)) if SECRET.fullmatch(secret) else None
        if found is None:
            return html(pages.message_page(chosen, "not_found"), 404)
        return html(pages.status_page(chosen, found))

    return router


async def parse_form(headers: Headers, body: bytes) -> FormData | None:
    """The multipart body as form data; None when it is not one (or has more parts than a form could)."""
    if not headers.get("content-type", "").startswith("multipart/form-data"):
        return None

    async def chunks() -> AsyncGenerator[bytes, None]:
        yield body

    parser = MultiPartParser(
        headers, chunks(), max_files=MAX_SCANS + 1, max_fields=len(FIELDS) + 4, max_part_size=MAX_FIELD_BYTES
    )
    try:
        return await parser.parse()
    except MultiPartException:
        return None
