"""Facebook Page and Instagram professional account through Meta's Graph API: direct messages in by webhook
and out by the Send API, comments under the account's posts kept for an officer to make a ticket of.

The shapes follow Meta's documentation: Messenger Platform webhooks (``object: "page"``, ``entry[].messaging[]``
with ``sender.id``, ``recipient.id``, ``timestamp`` in ms, ``message.mid``, ``text``, ``attachments[]{type,
payload.url}``, ``is_echo`` for the Page's own messages), Page ``feed`` webhooks (``entry[].changes[]``, value
``item: "comment"``, ``verb: "add"``, ``comment_id``, ``post_id``, ``from{id,name}``, ``message``,
``created_time``), Instagram messaging webhooks (``object: "instagram"``, the same ``messaging[]`` events) and
Instagram ``comments`` webhooks (value ``id``, ``text``, ``from{id,username}``, ``media{id}``); the Send API
(``POST /{page-id|ig-user-id}/messages`` with ``recipient{id}`` — or ``recipient{comment_id}`` for a private
reply — ``messaging_type: "RESPONSE"`` and ``message{text}``, answered ``{recipient_id, message_id}``) and the
Graph error object.

Why it looks the way it does:

* **The same webhook rules as WhatsApp** (``whatsapp/__init__.py``): the ``X-Hub-Signature-256`` HMAC of the
  raw body is checked before anything is parsed (unsigned 401, wrongly signed 403), the ``hub.challenge``
  handshake is WhatsApp's own function, and the answer is 200 only once everything is stored. The store
  keeps one message per (channel, external id) — the message's ``mid`` — so a re-delivery is a no-op.
* **Conversations thread by sender**: references ``("fb:<psid>",)`` / ``("ig:<igsid>",)`` and, when the
  citizen replied to a message, its mid; the reporter's address is the page- or Instagram-scoped id.
* **Attachments** (image, video, audio, file) are fetched from ``payload.url`` with WhatsApp's size limit,
  **without the access token**: those addresses are Meta's CDN and need none, so the token never travels
  anywhere but the Graph API. An attachment that is gone or too large is named by a placeholder and listed in
  ``problems``; one that cannot be fetched now fails the notification so that Meta sends it again.
* **Answers**: a text longer than the platform's limit (Messenger 2000 characters, Instagram 1000 bytes of
  UTF-8) goes as several messages in order. Free answers are allowed only within 24 hours of the citizen's
  last message (code 10, subcode 2018278; Instagram 2534022): ``MessagingWindowClosed`` tells the officer to
  answer through another channel. No idempotency key: a send that may have been accepted is ``MaybeSent``.
* **Comments are public.** They are not made tickets by themselves — an officer chooses — and a comment that
  shows personal data (a NIK, a phone number, an e-mail address: ``domain/personal_data.py``) is flagged.
  The answer to a ticket made from a comment goes as a **private reply** to it (one per comment, within 7
  days; refused afterwards as ``MessagingWindowClosed``), never as a public comment. A public reply under a
  comment is a separate thing an officer asks for (``public_replies.py``: Facebook ``POST /{comment-id}/comments``,
  Instagram ``POST /{comment-id}/replies``, answered ``{id}``), posted at most once.

Error mapping (Graph ``error.code``/``error_subcode`` first, HTTP status second): 4, 17, 32, 613 and HTTP 429
→ RateLimited (an Unreachable) with ``retry_after`` from Retry-After or a per-code default; 10 with subcode
2018278, 2534022 or 2018108 → MessagingWindowClosed; 102, 190 and HTTP 401 → NotPermitted (token); 3, 10,
200-299 → NotPermitted (permission); 551 and 100 with subcode 2018001/2534014 → NotFound (the person cannot be
reached); 100 with subcode 33 → NotFound (no such account id); 1, 2 and 5xx → Unreachable; 100 and other 4xx
→ BadInput.
"""

from __future__ import annotations

from desktop.store.social_comments import COMMENT_PREFIX

from .client import (
    INSTAGRAM_MAX_BYTES,
    MESSENGER_MAX_CHARS,
    RATE_LIMIT_SECONDS,
    MessagingWindowClosed,
    MetaGraph,
    graph_error,
)
from .dispatch import MetaSender, comment_external_id
from .mapping import AttachmentFetcher, AttachmentRef, Notification, Platform, parse_notification
from .webhook import MetaWebhookEndpoint

__all__ = [
    "COMMENT_PREFIX",
    "INSTAGRAM_MAX_BYTES",
    "MESSENGER_MAX_CHARS",
    "RATE_LIMIT_SECONDS",
    "AttachmentFetcher",
    "AttachmentRef",
    "MessagingWindowClosed",
    "MetaGraph",
    "MetaSender",
    "MetaWebhookEndpoint",
    "Notification",
    "Platform",
    "comment_external_id",
    "graph_error",
    "parse_notification",
]
