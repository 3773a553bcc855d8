"""WhatsApp Business Cloud API connector: webhook notifications into InboundMessages, text replies out.

Meta pushes what citizens write to a webhook; nothing is polled. The shapes and codes here follow Meta's
documentation (developers.facebook.com/documentation/business-messaging/whatsapp/…): ``webhooks/overview``
(3 MB payloads, retries), ``webhooks/reference/messages`` and its per-type pages (text, image, document,
location, contacts, interactive, button, reaction, system, unsupported), Graph API webhooks "getting
started" (the ``hub.*`` verification request and the ``X-Hub-Signature-256`` header), ``messages/send-
messages`` (the send request and its ``messages[0].id`` answer), ``business-phone-numbers/media`` (a media
id → ``GET /{media-id}`` → a URL fetched with the same token) and ``support/error-codes`` (the Graph error
object and every code mapped below).

Why it looks the way it does:

* **Intake is exactly-once by answering 200 only after the messages are stored.** Meta retries a webhook
  that did not get HTTP 200 "with decreasing frequency until the request succeeds, for up to 7 days",
  and says retries can duplicate. ``WebhookEndpoint`` answers 200 only after ``deliver`` returned; if it
  raises, the answer is 500 and Meta delivers again. The store keeps one message per (channel,
  external_id) and the external id is the WhatsApp message id (``wamid``), so a re-delivery — or a retry
  of a batch of which part was stored — is a no-op: at-least-once delivery plus idempotent storage.
  A notification that is signed but cannot be read gets 400, so Meta keeps it for retries rather than
  it being acknowledged and lost. Status updates and other webhook fields produce nothing.
* **The signature is checked before anything is parsed**: ``X-Hub-Signature-256`` is "sha256=" and the
  hex HMAC-SHA256 of the raw body keyed with the app secret, compared in constant time. Unsigned: 401,
  wrongly signed: 403; nothing is delivered. Bodies over ``MAX_WEBHOOK_BYTES`` get 413 unread.
* **The webhook is a route of ``aduan server``**, ``/v1/webhooks/whatsapp/<account>``
  (``desktop/server/webhooks.py``), under the server's HTTPS, a deadline for the body, a cap on its size
  and a limit on webhook requests at once; this package holds only what the answers are
  (``webhook.py``), ``channels/webhooks.py`` which account and store they go to.

The parts: ``mapping.py`` (notifications → InboundMessages), ``webhook.py`` (the signature, the
verification handshake and the answers), ``client.py`` (the Cloud API: sending, media, its errors) and
``dispatch.py`` (the dispatcher's sender).

* **Nothing a citizen sends is dropped.** Text is the text. Media (photo, video, audio, voice, document,
  sticker) is downloaded when a fetcher is given (``WhatsAppCloud.download_media``) and becomes an
  attachment; otherwise — or when it is gone, too large, or refused — the text names what was sent, its
  caption or file name and its media id, and ``problems`` says it was not fetched. A failure that may
  pass (the Graph API unreachable) fails the whole notification instead, so Meta re-delivers it later.
  Locations, contact cards, button and list choices, reactions and orders are written out as text;
  a type this module does not know, or one WhatsApp itself calls ``unsupported``, becomes a message with
  a placeholder saying so, never an error. Only ``request_welcome`` (a chat opened, nothing written) is
  skipped.
* **Chats thread by sender**: references are ``("wa:<sender>",)`` plus, when the citizen quoted a
  message, that message's wamid — the store then joins the ticket that message belongs to.
* **Dispatch is not exactly-once.** The Cloud API has no idempotency key: if the worker crashes, or the
  answer is lost, after the API accepted a message but before the worker recorded it, sending again
  reaches the citizen twice. ``send`` raises ``MaybeSent`` (an Unreachable) where the request may have
  been accepted — no answer in time, the connection dropped after sending, or a 2xx without the message
  id — so the dispatcher can hold such an "in doubt" message for an admin instead of retrying blindly;
  everything else that fails was certainly not sent. A text longer than WhatsApp's 4096 characters goes
  out as several messages in order; a failure part-way leaves the earlier parts sent.
* **Free-form replies are allowed only within 24 hours of the citizen's last message** (error 131047):
  ``ReplyWindowClosed`` tells the officer to answer through another channel or an approved template.
* **The access token is a secret**: it travels only in the Authorization header (never in a URL), is
  sent for media downloads only to HTTPS or to the API's own origin, and is removed from every error text
  and log line (``http.py``).

Error mapping (Graph ``error.code`` first, HTTP status second): 0, 190 and HTTP 401 → NotPermitted
(token); 3, 10, 200-299, 131005 → NotPermitted (permission); 368, 130497, 131031, 131037, 131042, 131045,
131064, 130403, 131030 → NotPermitted (account, billing, policy or test-number set-up); 131047 →
ReplyWindowClosed; 4, 80007, 130429, 131048, 131056 and HTTP 429 → RateLimited (an Unreachable) with
``retry_after`` from Retry-After or a per-code default; 131026 → NotFound (the number cannot receive
WhatsApp); 33 and 100 with subcode 33 → NotFound (the business number or media id does not exist);
131021 and other 4xx → BadInput (the Graph API names a refusal by its code: a 4xx without a known one is a
refusal of the request); 1, 2, 131000, 131016, 131057, 133004, 5xx, timeouts, refused connections and
answers that are not the API's JSON → Unreachable.
"""

from __future__ import annotations

from desktop.domain.errors import RateLimited

from ..http import MaybeSent
from .client import (
    DEFAULT_MAX_MEDIA_BYTES,
    MAX_TEXT_CHARS,
    RATE_LIMIT_SECONDS,
    ReplyWindowClosed,
    WhatsAppCloud,
    graph_error,
)
from .mapping import (
    MAX_EXTERNAL_ID_CHARS,
    MEDIA_KINDS,
    WEBHOOK_OBJECT,
    MediaFetcher,
    MediaRef,
    describe_media,
    inbound_from_message,
    parse_webhook,
    parse_webhook_by_number,
)
from .webhook import (
    MAX_WEBHOOK_BYTES,
    SIGNATURE_HEADER,
    Deliver,
    DeliverByNumber,
    WebhookEndpoint,
    signature_of,
    verify_signature,
)

__all__ = [
    "DEFAULT_MAX_MEDIA_BYTES",
    "MAX_EXTERNAL_ID_CHARS",
    "MAX_TEXT_CHARS",
    "MAX_WEBHOOK_BYTES",
    "MEDIA_KINDS",
    "RATE_LIMIT_SECONDS",
    "SIGNATURE_HEADER",
    "WEBHOOK_OBJECT",
    "Deliver",
    "DeliverByNumber",
    "MaybeSent",
    "MediaFetcher",
    "MediaRef",
    "RateLimited",
    "ReplyWindowClosed",
    "WebhookEndpoint",
    "WhatsAppCloud",
    "describe_media",
    "graph_error",
    "inbound_from_message",
    "parse_webhook",
    "parse_webhook_by_number",
    "signature_of",
    "verify_signature",
]
