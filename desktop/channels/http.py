"""HTTP for the connectors (Telegram, WhatsApp, X, LAPOR!), in one place.

* **Timeouts on every request**: to connect and to read (a long poll reads for longer).
* **One backoff policy** (``Backoff``: doubling from a first wait up to a cap; what the channel asked for
  — Retry-After — when it did). A request that never reached the server (refused, unresolvable) is tried
  again at once, ``RECONNECT_ATTEMPTS`` times on the ``RECONNECT`` scale. Nothing else is repeated here: a
  request that may have reached the server could have been acted on, and most channels have no idempotency
  key. Intake repeats a failed poll at the next round (the cursor did not move); dispatch postpones an
  answer on the ``POSTPONE`` scale (``dispatch.py``).
* **Errors are domain errors.** Transport failures are Unreachable (``MaybeSent`` when a send may have
  reached the server); an error status maps as ``status_error`` says unless the API's own error codes say
  more (each connector's mapping, documented in its module): 401/403 → NotPermitted, 404 → NotFound,
  409 → Conflict, 429 → RateLimited (an Unreachable) after ``retry_after_seconds``, other 4xx → BadInput,
  5xx → Unreachable.
* **Secrets never leave in a message.** A client knows its service's secrets (a token in the URL as
  Telegram's ``/bot<token>/``, in a query parameter or an Authorization header): every error text it makes
  is redacted (``<token>``, also where the URL encoded it), requests' own exceptions (whose text holds the
  URL) are not chained, and urllib3's log lines (which name the URL) are redacted too.
"""

from __future__ import annotations

import logging
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote

import requests
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from ..domain.errors import AduanError, BadInput, Conflict, NotFound, NotPermitted, RateLimited, Unreachable

REDACTED = "<token>"
DEFAULT_RETRY_AFTER = 60  # seconds, when a channel limits the rate without saying for how long


@dataclass(frozen=True, slots=True)
class Backoff:
    first: float  # seconds after the first failure
    cap: float  # never longer than this

    def delay(self, failures: int, retry_after: float | None = None) -> float:
        """Seconds to wait after ``failures`` failures in a row: ``retry_after`` when the channel named it."""
        if retry_after is not None:
            return float(retry_after)
        return min(self.first * 2.0 ** max(failures - 1, 0), self.cap)


POSTPONE = Backoff(30.0, 3600.0)  # an answer the channel could not take now, tried again by a later round
RECONNECT = Backoff(0.25, 1.0)  # a connection that was not established, tried again within the request
RECONNECT_ATTEMPTS = 3


class MaybeSent(Unreachable):
    """The API may have accepted the message although no answer said so: sending again may duplicate it."""


def status_error(status: int, message: str, retry_after: int = DEFAULT_RETRY_AFTER) -> AduanError:
    """The domain error of an HTTP error status, where the API's own error codes say no more."""
    if status == 429:
        return RateLimited(retry_after, message)
    if status in (401, 403):
        return NotPermitted(message)
    if status == 404:
        return NotFound(message)
    if status == 409:
        return Conflict(message)
    if 400 <= status < 500:
        return BadInput(message)
    return Unreachable(message)


def retry_after_seconds(header: str | None, default: int = DEFAULT_RETRY_AFTER, now: datetime | None = None) -> int:
    """Retry-After in whole seconds (a number of seconds or an HTTP date, counted from ``now``); ``default``
    when absent or unreadable."""
    if not header:
        return default
    header = header.strip()
    if header.isdigit():
        return int(header)
    try:
        when = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return default
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0, int((when - (now or datetime.now(UTC))).total_seconds() + 0.999))


def json_or_none(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and what it came from: its cause and context (kept by ``raise … from None`` too), and the
    reasons and arguments that requests and urllib3 wrap their causes in."""
    seen: set[int] = set()
    pending: list[object] = [exc]
    while pending:
        current = pending.pop()
        # ``reason`` is an exception on urllib3's errors but text on ssl.SSLError ("WRONG_VERSION_NUMBER").
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend([getattr(current, "reason", None), current.__cause__, current.__context__, *current.args])


def never_connected(exc: requests.RequestException) -> bool:
    """Whether the request certainly did not reach the server (refused, unresolvable, connect timeout)."""
    return any(isinstance(c, NewConnectionError | ConnectTimeoutError | ConnectionRefusedError) for c in causes(exc))


class Redactor:
    """Replaces the given secrets in a text, as written and as a URL encodes them."""

    def __init__(self, secrets: Iterable[str]) -> None:
        forms = {form for secret in secrets if secret for form in (secret, quote(secret, safe=""), quote(secret))}
        self._forms = sorted(forms, key=len, reverse=True)  # a longer form first: no half-replaced secret

    def __call__(self, what: object) -> str:
        text = str(what)
        for form in self._forms:
            text = text.replace(form, REDACTED)
        return text


class HttpClient:
    """Requests to one service (``service`` names it in messages) with the secrets it must never show."""

    def __init__(
        self,
        service: str,
        secrets: Iterable[str],
        session: requests.Session | None = None,
        timeout: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.service = service
        self.redact = Redactor(secrets)
        self.timeout = timeout
        self._session = session or requests.Session()
        self._sleep = sleep
        _live_clients.add(self)

    def request(
        self,
        method: str,
        url: str,
        *,
        what: str,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        read_timeout: float | None = None,
        stream: bool = False,
        sending: bool = False,
    ) -> requests.Response:
        """The response, whatever its status; Unreachable when there is none. With ``sending``, a failure
        after the request may have reached the server is MaybeSent."""
        timeout = (self.timeout, self.timeout if read_timeout is None else read_timeout)
        failures = 0
        while True:
            try:
                return self._session.request(
                    method, url, params=params, json=json, data=data, headers=headers, timeout=timeout, stream=stream
                )
            except requests.RequestException as exc:
                failures += 1
                if failures < RECONNECT_ATTEMPTS and not isinstance(exc, requests.Timeout) and never_connected(exc):
                    self._sleep(RECONNECT.delay(failures))
                    continue
                raise self._transport_error(exc, what, sending) from None

    def _transport_error(self, exc: requests.RequestException, what: str, sending: bool) -> Unreachable:
        detail = self.redact(exc)
        if isinstance(exc, requests.ConnectTimeout) or (not sending and not isinstance(exc, requests.Timeout)):
            return Unreachable(f"cannot reach {self.service} for {what}: {detail}")
        if isinstance(exc, requests.Timeout):
            if sending:
                return MaybeSent(
                    f"{self.service} did not answer in time about {what}: it may have been sent; check the chat "
                    f"before sending it again ({detail})"
                )
            return Unreachable(f"{self.service} did not answer {what} in time: {detail}")
        if never_connected(exc):
            return Unreachable(f"cannot reach {self.service} for {what}: {detail}")
        return MaybeSent(
            f"the connection to {self.service} broke while sending {what}: it may have been sent; check the "
            f"chat before sending it again ({detail})"
        )


_live_clients: weakref.WeakSet[HttpClient] = weakref.WeakSet()


class _RedactingFilter(logging.Filter):
    """urllib3 logs each request's URL (at DEBUG): with the secrets of the clients alive, redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        for client in list(_live_clients):
            text = client.redact(text)
        record.msg, record.args = text, None
        return True


for _name in ("urllib3.connectionpool", "urllib3.util.retry"):
    logging.getLogger(_name).addFilter(_RedactingFilter())
