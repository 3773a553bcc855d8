"""SMS through an HTTP SMS gateway: answers sent in numbered parts, citizens' messages taken in from the
gateway's webhook (a route of ``aduan server``) or by polling its inbox.

**The provider's shape is configuration** (``settings.SmsSettings``): base URL, paths, the form fields of a
sending, the fields of its answer, how the secret travels (a form field, or a header), the inbox's fields.
The defaults are Zenziva's *reguler* HTTP API (https://www.zenziva.id/dokumentasi/ — reached here through the
public client libraries that follow it, https://github.com/mul14/zenziva.php and
https://packagist.org/packages/nasution/zenziva): ``POST https://console.zenziva.net/reguler/api/sendsms/``
with the form fields ``userkey``, ``passkey``, ``to`` (``0812…``) and ``message``, answered
``{"messageId": "…", "to": "…", "status": "1", "text": "Success"}`` — ``status`` ``"0"`` and the reason in
``text`` when it was not sent. ``provider: custom`` names every path and field itself.

Why it looks the way it does:

* **Inbound exactly once.** The gateway's message id is the external id (``<account slot>:<id>``: two
  gateways may number alike), so a webhook call the gateway repeats, or an inbox page read again, is
  recognised by the store. A message without an id gets ``sha256:`` of its number, time and text.
* **The webhook has no signature** (SMS gateways rarely sign): it carries a shared secret, the account's
  ``webhook_secret_ref``, as a query parameter (``?secret=…``, the only thing most gateways let one put in a
  forwarding address) or the ``X-Aduan-Secret`` header, compared in constant time. Anything else is 403.
* **The sender's number is the reporter's contact**, ``+62…`` whatever form the gateway wrote it in
  (``domain/sms.py``), so that an answer and the citizen's next SMS find the same reporter.
* **Answers in parts** of 153 GSM-7 / 67 UCS-2 characters numbered ``(1/3)``, at most ``max_parts``: a
  longer answer is refused when the officer sends it (``store/handling.py``), nothing is cut off. The gateway
  has no idempotency key: a connection that broke while sending, or a failure after the first part went,
  leaves the answer in doubt for an admin (sending again could reach the citizen twice).

Error mapping: the answer's ``status`` other than ``ok_value`` with HTTP 200 → BadInput, or NotPermitted when
the reason speaks of the keys (``userkey``/``passkey``/``auth``/``key``), RateLimited when it speaks of a limit;
HTTP 401/403 → NotPermitted; 429 → RateLimited after Retry-After; others as ``http.status_error`` (5xx →
Unreachable); an answer that is not JSON → Unreachable.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import requests

from ..domain.errors import AduanError, BadInput, NotFound, NotPermitted, RateLimited, Unreachable
from ..domain.inbound import InboundMessage
from ..domain.sms import national, normalise_phone, split_sms
from ..domain.vocabulary import Channel
from ..store.channel_accounts import record_delivery
from ..store.outbox import Outgoing
from ..store.service import Store
from .accounts import Account, account_secret, check_account, enabled_accounts
from .dispatch import SentInDoubt
from .http import HttpClient, MaybeSent, json_or_none, retry_after_seconds, status_error
from .pushed import Pushed, PushedIntake
from .settings import SmsSettings, slot_id

SECRET_HEADER = "X-Aduan-Secret"
MAX_WEBHOOK_BYTES = 64 * 1024  # one SMS and its fields: a few hundred bytes
SUBJECT_LENGTH = 80
NO_SUCH_WEBHOOK = "no such webhook"
_KEY_WORDS = ("userkey", "passkey", "api key", "apikey", "auth", "token", "key")
_LIMIT_WORDS = ("limit", "too many", "terlalu banyak")

_log = logging.getLogger(__name__)


class SmsGateway:
    """One gateway account: ``send`` a text (in parts), ``inbox`` pages when it has one."""

    def __init__(
        self, settings: SmsSettings, secret: str, account_name: str, session: requests.Session | None = None
    ) -> None:
        if not secret:
            raise BadInput(f"the SMS account {account_name!r} needs its gateway key as its secret")
        self.settings = settings
        self.account_name = account_name
        self._secret = secret
        self._base = settings.base_url.rstrip("/")
        self._http = HttpClient("the SMS gateway", [secret], session, settings.timeout)

    def send(self, number: str, text: str) -> tuple[str, ...]:
        """Send ``text`` to ``number`` in as many numbered parts as it needs (at most ``max_parts``); the
        gateway's ids of the parts in order. SentInDoubt when a part may have gone and the rest did not."""
        parts = split_sms(text, self.settings.max_parts)
        sent: list[str] = []
        for part in parts:
            try:
                sent.append(self._send_one(number, part))
            except MaybeSent as exc:
                raise SentInDoubt(exc.message) from None
            except AduanError as exc:
                if not sent:
                    raise
                raise SentInDoubt(
                    f"{len(sent)} of {len(parts)} SMS parts went out, then the gateway refused the next: "
                    f"{exc.message}; sending again would repeat the first parts"
                ) from None
        return tuple(sent)

    def _send_one(self, number: str, text: str) -> str:
        s = self.settings
        fields = {s.to_field: _formatted(number, s.number_format), s.text_field: text}
        response = self._http.request(
            "POST",
            self._base + s.send_path,
            what="sendsms",
            data=self._auth_fields(fields),
            headers=self._auth_headers(),
            sending=True,
        )
        body = self._body(response, "sendsms")
        message_id = body.get(s.id_field)
        if not isinstance(message_id, str | int) or isinstance(message_id, bool) or str(message_id) == "":
            raise MaybeSent("the SMS gateway accepted a message but did not say its id: it may have been sent")
        return str(message_id)

    def check(self) -> str | None:
        """Read ``check_path`` (Zenziva: the balance) with the account's keys, sending nothing: what its
        ``balance`` field says, if anything; None when the account has no such path."""
        s = self.settings
        if not s.check_path:
            return None
        response = self._http.request(
            "GET", self._base + s.check_path, what="check", params=self._auth_fields({}), headers=self._auth_headers()
        )
        balance = self._body(response, "check").get("balance")
        return "" if balance is None else self._http.redact(str(balance))

    def inbox(self, page: int) -> list[Mapping[str, Any]]:
        """One page of the gateway's inbox (``inbox_path``)."""
        s = self.settings
        if not s.inbox_path:
            return []
        params = self._auth_fields({s.page_param: str(page)})
        response = self._http.request(
            "GET", self._base + s.inbox_path, what="inbox", params=params, headers=self._auth_headers()
        )
        body = self._body(response, "inbox")
        items = body.get(s.items_field)
        if not isinstance(items, list) or not all(isinstance(item, Mapping) for item in items):
            raise Unreachable(f"the SMS gateway's inbox answer has no list {s.items_field!r}")
        return items

    def _auth_fields(self, fields: dict[str, str]) -> dict[str, str]:
        s = self.settings
        extra = {s.user_field: s.user} if s.user else {}
        if s.key_field:
            extra[s.key_field] = self._secret
        return {**extra, **fields}

    def _auth_headers(self) -> dict[str, str]:
        s = self.settings
        if not s.auth_header:
            return {}
        return {s.auth_header: f"{s.auth_scheme} {self._secret}".strip()}

    def _body(self, response: requests.Response, what: str) -> Mapping[str, Any]:
        s = self.settings
        body = json_or_none(response)
        said = f"the SMS gateway refused {what}"
        if response.status_code >= 400:
            reason = self._http.redact(body.get(s.error_field, "") if isinstance(body, Mapping) else "")
            message = f"{said}: HTTP {response.status_code}" + (f" ({reason})" if reason else "")
            if response.status_code == 429:
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                return _raise(RateLimited(wait, f"{message}; retry after {wait} s"))
            if response.status_code == 404:
                return _raise(Unreachable(f"{message}; is the account's base_url and {what} path the gateway's?"))
            return _raise(status_error(response.status_code, message))
        if not isinstance(body, Mapping):
            raise Unreachable(f"the SMS gateway answered {what} with HTTP {response.status_code} and no JSON")
        status = body.get(s.status_field)
        if status is not None and str(status) != s.ok_value:
            raise _refusal(said, self._http.redact(str(body.get(s.error_field) or f"status {status}")))
        return body


def _raise(error: AduanError) -> Mapping[str, Any]:
    raise error


def _refusal(said: str, reason: str) -> AduanError:
    lowered = reason.lower()
    message = f"{said}: {reason}"
    if any(word in lowered for word in _LIMIT_WORDS):
        return RateLimited(60, message)
    if any(word in lowered for word in _KEY_WORDS):
        return NotPermitted(f"{message}; check the account's user and its secret (the gateway's key)")
    return BadInput(message)


def _formatted(number: str, number_format: str) -> str:
    if number_format == "national":
        return national(number)
    if number_format == "international":
        return number.removeprefix("+")
    return number


def inbound_from_fields(fields: Mapping[str, Any], settings: SmsSettings, account_name: str) -> InboundMessage:
    """The InboundMessage of one SMS as the gateway describes it (a webhook call's fields, an inbox item);
    BadInput when it has no sender's number or no text."""
    raw_from = fields.get(settings.in_from_field)
    number = normalise_phone(str(raw_from)) if isinstance(raw_from, str | int) else None
    if number is None:
        raise BadInput(f"the SMS has no sender's number in {settings.in_from_field!r} ({raw_from!r})")
    text = fields.get(settings.in_text_field)
    if not isinstance(text, str) or not text.strip():
        raise BadInput(f"the SMS from {number} has no text in {settings.in_text_field!r}")
    raw_time = fields.get(settings.in_time_field)
    gateway_id = fields.get(settings.in_id_field)
    if isinstance(gateway_id, str | int) and not isinstance(gateway_id, bool) and str(gateway_id).strip():
        external_id = f"{slot_id(account_name)}:{str(gateway_id).strip()}"
    else:
        digest = hashlib.sha256(f"{number}\n{raw_time}\n{text}".encode()).hexdigest()
        external_id = f"{slot_id(account_name)}:sha256:{digest}"
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return InboundMessage(
        channel=Channel.SMS,
        external_id=external_id,
        sender_address=number,
        sender_name=None,
        subject=first_line[:SUBJECT_LENGTH],
        text=text,
        received_at=_time(raw_time),
    )


def _time(value: Any) -> datetime | None:
    """A gateway's time (``2026-03-02 08:15:00``, ISO 8601 or a Unix time) as naive UTC; Jakarta time when
    written without a zone (WIB, UTC+7: the gateways here write local time)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC).replace(tzinfo=None)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return datetime.fromtimestamp(int(text), UTC).replace(tzinfo=None)
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        from zoneinfo import ZoneInfo

        when = when.replace(tzinfo=ZoneInfo("Asia/Jakarta"))
    return when.astimezone(UTC).replace(tzinfo=None)


class SmsSource:
    """Polls the inbox when the account has one (``inbox_path``, read oldest first: page 1 holds the oldest
    messages); otherwise the webhook brings everything and a round takes nothing. The cursor is
    ``<highest numeric id seen>:<its page>``: a round starts at that page and reads on until a page is empty,
    at most ``max_pages``; what it reads again (the rest of that page) is skipped by id, and the store would
    recognise it anyway."""

    def __init__(self, gateway: SmsGateway) -> None:
        self.gateway = gateway

    def poll(self, cursor: str | None) -> tuple[list[InboundMessage], str | None]:
        s = self.gateway.settings
        if not s.inbox_path:
            return [], cursor
        seen_text, _, page_text = (cursor or "").partition(":")
        seen = int(seen_text) if seen_text.isdigit() else None
        first = int(page_text) if page_text.isdigit() and int(page_text) > 0 else 1
        highest, highest_page = seen, first
        messages: list[InboundMessage] = []
        last = first + s.max_pages
        page = first
        while page < last:
            items = self.gateway.inbox(page)
            if not items:
                break
            new = [item for item in items if not _at_or_below(item.get(s.in_id_field), seen)]
            if page == first and not new:
                # The page the cursor rests on, read again only to find where to go on: it takes no page of the
                # round, or with ``max_pages`` 1 a full page would be read again and again and the next never.
                last += 1
            for item in new:
                messages.append(inbound_from_fields(item, s, self.gateway.account_name))
                item_id = str(item.get(s.in_id_field, ""))
                if item_id.isdigit() and int(item_id) > (highest or 0):
                    highest, highest_page = int(item_id), page
            page += 1
        return messages, None if highest is None else f"{highest}:{highest_page}"


def _at_or_below(item_id: Any, seen: int | None) -> bool:
    return seen is not None and str(item_id).isdigit() and int(str(item_id)) <= seen


class SmsSender:
    """Answers go to the reporter's number, in numbered parts; the id is the first part's."""

    def __init__(self, gateway: SmsGateway) -> None:
        self.gateway = gateway

    def planned_id(self, outgoing: Outgoing) -> str | None:
        return None

    def send(self, outgoing: Outgoing) -> str:
        if not outgoing.to:
            raise BadInput(f"ticket {outgoing.tracking_no} has no phone number to answer by SMS")
        ids = self.gateway.send(outgoing.to, outgoing.text)
        return f"{slot_id(self.gateway.account_name)}:out:{ids[0]}"


def sms_gateway(account: Account, settings: SmsSettings, secret: str | None) -> SmsGateway:
    if not secret:
        raise BadInput(f"the SMS account {account.name!r} needs its gateway key as its secret")
    return SmsGateway(settings, secret, account.name)


# -- the webhook ------------------------------------------------------------------------------------------

Deliver = Callable[[InboundMessage], None]


class SmsWebhook:
    """What the SMS webhook answers, without the HTTP around it (``desktop/server/webhooks.py``)."""

    def __init__(self, secret: str, settings: SmsSettings, account_name: str, deliver: Deliver) -> None:
        if not secret:
            raise BadInput("the SMS webhook's shared secret is empty: calls could not be checked")
        self._secret = secret.encode("utf-8")
        self.settings = settings
        self._account_name = account_name
        self._deliver = deliver

    def authentic(self, given: str | None) -> bool:
        """Whether ``given`` is the shared secret (constant-time compare)."""
        return given is not None and hmac.compare_digest(given.encode("utf-8", "replace"), self._secret)

    def receive(self, fields: Mapping[str, Any], given_secret: str | None) -> tuple[int, str]:
        """403 unless the secret is right; 400 for a call that is no SMS; 200 once the SMS is stored (or
        kept as an intake error)."""
        if not self.authentic(given_secret):
            return 403, "the webhook's secret is missing or wrong"
        try:
            inbound = inbound_from_fields(fields, self.settings, self._account_name)
        except BadInput as exc:
            return 400, exc.message
        self._deliver(inbound)
        return 200, "OK"


def sms_webhook(store: Store, account_name: str, pushed: PushedIntake | None = None) -> SmsWebhook:
    """The webhook of the enabled SMS account named ``account_name`` (its name or its slot); NotFound
    (always ``NO_SUCH_WEBHOOK``) when there is none or it cannot be used — the reason then goes on the
    account's health and in the log."""
    accounts = [a for a in store.read(enabled_accounts) if a.channel is Channel.SMS]
    matching = [a for a in accounts if account_name in (a.name, slot_id(a.name))]
    if len(matching) != 1:
        raise NotFound(NO_SUCH_WEBHOOK)
    [account] = matching
    try:
        settings = check_account(account)
        assert isinstance(settings, SmsSettings)  # an SMS account was chosen
        if not settings.webhook_secret_ref:
            raise BadInput(f"the SMS account {account.name!r} needs webhook_secret_ref to take webhook calls")
        secret = account_secret(account, "webhook_secret_ref") or ""

        storing = pushed or PushedIntake(store)

        def deliver(inbound: InboundMessage) -> None:
            # Raises only when the central database is unreachable: answered 503, the gateway calls again.
            storing.take_in(account, [Pushed(inbound, account)])

        return SmsWebhook(secret, settings, account.name, deliver)
    except (AduanError, OSError) as exc:
        reason = exc.message if isinstance(exc, AduanError) else str(exc)
        _log.warning("SMS webhook of %r cannot be used: %s", account.name, reason)
        store.admin(record_delivery, account.id, reason)
        raise NotFound(NO_SUCH_WEBHOOK) from None
