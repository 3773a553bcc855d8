"""What a Facebook Page's or Instagram account's webhook answers, without the HTTP around it (``aduan server``
serves them at ``/v1/webhooks/facebook/<account>`` and ``/v1/webhooks/instagram/<account>``): the same
signature check and verification handshake as WhatsApp's (``whatsapp/webhook.py``), then the notification read
and delivered."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from desktop.domain.errors import BadInput, Unreachable

from ..whatsapp.webhook import SIGNATURE_HEADER, verification_answer, verify_signature
from .mapping import AttachmentFetcher, Notification, Platform, parse_notification

DeliverNotification = Callable[[Notification], None]

_log = logging.getLogger(__name__)


class MetaWebhookEndpoint:
    """``deliver`` gets what one notification brings (messages and comments, by receiving account id) and must
    have stored it when it returns: the answer is 200 only then, so that Meta repeats what was not stored."""

    def __init__(
        self,
        platform: Platform,
        app_secret: str,
        verify_token: str,
        deliver: DeliverNotification,
        attachments: AttachmentFetcher | None = None,
    ) -> None:
        if not app_secret:
            raise BadInput(f"the {platform.label} app secret is empty: notifications could not be checked")
        if not verify_token:
            raise BadInput("the webhook verify token is empty")
        self.platform = platform
        self._app_secret = app_secret
        self._verify_token = verify_token
        self._deliver = deliver
        self._attachments = attachments

    def verification(self, mode: str, token: str, challenge: str) -> tuple[int, str]:
        return verification_answer(self._verify_token, mode, token, challenge)

    def notification(self, body: bytes, signature: str | None) -> tuple[int, str]:
        """Check, read and deliver one POSTed notification; the HTTP status and a short text to answer."""
        name = self.platform.label
        if signature is None:
            return 401, f"missing {SIGNATURE_HEADER}"
        if not verify_signature(self._app_secret, body, signature):
            _log.warning("%s webhook: a notification with a wrong signature was refused", name)
            return 403, "signature does not match"
        try:
            payload = json.loads(body)
        except (ValueError, RecursionError):
            return 400, "the body is not JSON"
        try:
            found = parse_notification(payload, self.platform, self._attachments)
        except BadInput as exc:
            _log.warning("%s webhook: an unreadable notification was refused: %s", name, exc.message)
            return 400, exc.message
        except Unreachable as exc:
            _log.warning("%s webhook: an attachment could not be fetched, Meta will re-deliver: %s", name, exc.message)
            return 503, "attachments could not be fetched now"
        if not found:
            return 200, "EVENT_RECEIVED"
        try:
            self._deliver(found)
        except Exception:
            _log.exception("%s webhook: storing the notification failed; Meta will re-deliver it", name)
            return 500, "not stored; deliver again"
        return 200, "EVENT_RECEIVED"
