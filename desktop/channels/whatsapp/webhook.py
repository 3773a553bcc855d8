"""What the WhatsApp webhook answers, without the HTTP around it (``aduan server`` serves it at
``/v1/webhooks/whatsapp/<account>``, ``desktop/server/webhooks.py``: the route reads the body within its
deadline and cap, and hands it here): Meta's verification handshake, and notifications checked against the
app secret's signature before anything is parsed, then delivered."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Callable

from desktop.domain.errors import BadInput, Unreachable
from desktop.domain.inbound import InboundMessage

from .mapping import MediaFetcher, parse_webhook_by_number

SIGNATURE_HEADER = "X-Hub-Signature-256"
MAX_WEBHOOK_BYTES = 4 * 1024 * 1024  # Meta's payloads are at most 3 MB

_log = logging.getLogger(__name__)


def signature_of(app_secret: str, body: bytes) -> str:
    """The ``X-Hub-Signature-256`` value Meta sends with ``body``."""
    return "sha256=" + hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify_signature(app_secret: str, body: bytes, header: str | None) -> bool:
    """Whether ``header`` is the app secret's HMAC-SHA256 of exactly these bytes (constant-time compare)."""
    if not app_secret or header is None:
        return False
    given = header.strip().encode("utf-8", "replace").lower()
    expected = signature_of(app_secret, body).encode("ascii")
    return hmac.compare_digest(given, expected)


def verification_answer(verify_token: str, mode: str, token: str, challenge: str) -> tuple[int, str]:
    """Meta's subscription check, for every Meta webhook (WhatsApp, Facebook, Instagram): the challenge back
    when the mode is ``subscribe`` and the token is the account's (constant-time compare), 403 otherwise."""
    token_matches = hmac.compare_digest(token.encode("utf-8", "replace"), verify_token.encode("utf-8"))
    if verify_token and mode == "subscribe" and token_matches and challenge:
        return 200, challenge
    return 403, "verification refused"


Deliver = Callable[[list[InboundMessage]], None]
DeliverByNumber = Callable[[dict[str, list[InboundMessage]]], None]


class WebhookEndpoint:
    """What the webhook answers, without the HTTP around it: Meta's verification handshake and notifications.

    ``deliver`` gets the messages of one notification and must have stored them when it returns.
    ``deliver_by_number`` instead gets them grouped by receiving ``phone_number_id`` (see
    ``parse_webhook_by_number``); give exactly one. Notifications without messages (statuses) are answered
    200 without a call. With ``media``, photos and documents are fetched before delivery; that delays the
    answer, and should Meta give up waiting it sends the notification again, which the store recognises.
    Calls may come from several threads at once: the store keeps one message per id whatever the order.
    """

    def __init__(
        self,
        app_secret: str,
        verify_token: str,
        deliver: Deliver | None = None,
        *,
        deliver_by_number: DeliverByNumber | None = None,
        media: MediaFetcher | None = None,
    ) -> None:
        if not app_secret:
            raise BadInput("the WhatsApp app secret is empty: notifications could not be checked")
        if not verify_token:
            raise BadInput("the webhook verify token is empty")
        if (deliver is None) == (deliver_by_number is None):
            raise BadInput("give the webhook exactly one of deliver and deliver_by_number")
        self._app_secret = app_secret
        self._verify_token = verify_token
        self._deliver = deliver
        self._deliver_by_number = deliver_by_number
        self._media = media

    def verification(self, mode: str, token: str, challenge: str) -> tuple[int, str]:
        """Meta's subscription check (``hub.mode``, ``hub.verify_token``, ``hub.challenge``): the challenge
        back when mode and token are right, 403 otherwise."""
        return verification_answer(self._verify_token, mode, token, challenge)

    def notification(self, body: bytes, signature: str | None) -> tuple[int, str]:
        """Check, read and deliver one POSTed notification; the HTTP status and a short text to answer."""
        if signature is None:
            return 401, f"missing {SIGNATURE_HEADER}"
        if not verify_signature(self._app_secret, body, signature):
            _log.warning("WhatsApp webhook: a notification with a wrong signature was refused")
            return 403, "signature does not match"
        try:
            payload = json.loads(body)
        except (ValueError, RecursionError):
            return 400, "the body is not JSON"
        try:
            grouped = parse_webhook_by_number(payload, self._media)
        except BadInput as exc:
            _log.warning("WhatsApp webhook: an unreadable notification was refused: %s", exc.message)
            return 400, exc.message
        except Unreachable as exc:
            _log.warning("WhatsApp webhook: media could not be fetched, Meta will re-deliver: %s", exc.message)
            return 503, "media could not be fetched now"
        if not any(grouped.values()):
            return 200, "EVENT_RECEIVED"
        try:
            if self._deliver_by_number is not None:
                self._deliver_by_number(grouped)
            elif self._deliver is not None:
                self._deliver([message for messages in grouped.values() for message in messages])
        except Exception:
            _log.exception("WhatsApp webhook: storing the messages failed; Meta will re-deliver them")
            return 500, "not stored; deliver again"
        return 200, "EVENT_RECEIVED"
