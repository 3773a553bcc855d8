"""Telegram Bot API connector: long-poll ``getUpdates`` into InboundMessages and ``sendMessage`` replies.

Why it looks the way it does:

* **Intake is at-least-once.** ``poll(offset)`` returns the messages and the next offset; Telegram forgets
  updates only when ``getUpdates`` is called again with a higher offset. The worker stores the messages and
  the offset together and only then polls with the new offset, so a crash re-delivers the same updates,
  whose ``external_id`` (``"<chat id>:<message id>"``) is stable: the store's per-channel uniqueness turns
  the re-delivery into a no-op. Updates that are not messages (callback queries, member changes…) produce
  nothing, but the returned offset still moves past them.
* **Edited messages are kept, not dropped**: an edit arrives as its own InboundMessage with the external id
  ``"<chat id>:<message id>:edited:<edit_date>"`` in the same thread, so the officer sees what the citizen
  changed and the original is never overwritten. Each edit has its own id; re-delivery of one is a no-op.
* **Dispatch is at-most-once per call, not exactly-once.** ``sendMessage`` has no idempotency key: if the
  worker crashes (or the link drops after Telegram accepted the request but before the answer arrived)
  between sending and recording the sent id, a retry sends the reply twice. The dispatch queue keeps that
  window small (record right after ``send`` returns); it cannot close it. A text over Telegram's limit is
  sent as several messages in order; a failure part-way leaves the earlier parts sent, and a retry resends
  them too.
* **The token is a secret**: it is part of every URL, so it is one of the secrets ``http.py`` redacts from
  every error message and log line.

Error mapping (the API's ``error_code``, else the HTTP status): 401/403 → NotPermitted; 429 → RateLimited
(an Unreachable, so callers that back off on network trouble back off here too, for at least
``retry_after`` seconds); 409 (a webhook is set, or another poller runs) → Conflict; 400 "chat not found"
or a group that moved → NotFound; other codes as ``http.status_error`` (other 4xx → BadInput); 404 (no
such method: the address is not the Bot API), 5xx, timeouts, refused connections and answers that are not
the API's JSON → Unreachable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import requests

from desktop.domain.errors import AduanError, BadInput, Conflict, NotFound, NotPermitted, RateLimited, Unreachable
from desktop.domain.inbound import InboundMessage
from desktop.domain.text import split_at_breaks
from desktop.domain.vocabulary import Channel

from .http import HttpClient, status_error

MAX_TEXT_UNITS = 4096  # Telegram's limit for one message's text, counted here in UTF-16 code units
SUBJECT_LENGTH = 80
# Only these update types carry what citizens write; the rest would be fetched only to be skipped.
WANTED_UPDATES = ("message", "edited_message")
_MEDIA_KINDS = ("photo", "document", "video", "audio", "voice", "video_note", "sticker", "animation")
_OTHER_KINDS = ("location", "contact", "venue", "poll", "dice")

JsonObject = Mapping[str, Any]


class TelegramBot:
    """One bot account: ``poll`` for citizens' messages, ``send`` replies to a chat."""

    def __init__(
        self,
        token: str,
        base_url: str = "https://api.telegram.org",
        session: requests.Session | None = None,
        timeout: float = 10.0,
    ) -> None:
        if not token:
            raise BadInput("the Telegram bot token is empty")
        self._token = token
        self._base_url = base_url.rstrip("/")
        # The timeout is beyond the long-poll wait: connecting, and the answer of a short call.
        self._http = HttpClient("Telegram", [token], session, timeout)

    def poll(
        self, offset: int | None = None, limit: int = 100, long_poll_seconds: int = 25
    ) -> tuple[list[InboundMessage], int | None]:
        """Messages after ``offset`` and the offset to pass next time (unchanged when nothing came).

        Calling with the returned offset confirms everything returned before: Telegram then forgets it.
        """
        params: dict[str, Any] = {
            "limit": max(1, min(limit, 100)),
            "timeout": max(0, long_poll_seconds),
            "allowed_updates": list(WANTED_UPDATES),
        }
        if offset is not None:
            params["offset"] = offset
        updates = self._call("getUpdates", params, read_timeout=max(0, long_poll_seconds) + self._http.timeout)
        if not isinstance(updates, list):
            raise Unreachable("Telegram answered getUpdates with something that is not a list")
        messages: list[InboundMessage] = []
        next_offset = offset
        for update in updates:
            update_id = update.get("update_id") if isinstance(update, Mapping) else None
            if not isinstance(update_id, int):
                raise Unreachable("Telegram sent an update without an update_id")
            next_offset = max(next_offset or 0, update_id + 1)
            message = inbound_from_update(update)
            if message is not None:
                messages.append(message)
        return messages, next_offset

    def send(self, chat_id: str | int, text: str, reply_to: int | None = None) -> str:
        """Send ``text`` to the chat; the id of the (first) message sent."""
        return self.send_parts(chat_id, text, reply_to)[0]

    def send_parts(self, chat_id: str | int, text: str, reply_to: int | None = None) -> tuple[str, ...]:
        """Send ``text`` as as many messages as the length limit needs, in order; their ids in order.

        Only the first part is a reply to ``reply_to``; the rest follow it in the chat.
        """
        if not text.strip():
            raise BadInput("a Telegram message needs some text")
        sent: list[str] = []
        for index, part in enumerate(split_text(text)):
            params: dict[str, Any] = {"chat_id": chat_id, "text": part}
            if reply_to is not None and index == 0:
                # The message may have been deleted meanwhile; the reply still goes out, just unquoted.
                params["reply_parameters"] = {"message_id": reply_to, "allow_sending_without_reply": True}
            result = self._call("sendMessage", params, read_timeout=self._http.timeout)
            message_id = result.get("message_id") if isinstance(result, Mapping) else None
            if not isinstance(message_id, int):
                raise Unreachable("Telegram accepted a message but did not say its id")
            sent.append(str(message_id))
        return tuple(sent)

    def me(self) -> str:
        """The bot's username (``getMe``): proves the token and the address, and leaves the queue of updates
        as it is (only ``getUpdates`` with an offset confirms any)."""
        result = self._call("getMe", {}, read_timeout=self._http.timeout)
        username = result.get("username") if isinstance(result, Mapping) else None
        if not isinstance(username, str) or not username:
            raise Unreachable("Telegram answered getMe without the bot's username")
        return username

    def _call(self, method: str, params: Mapping[str, Any], read_timeout: float) -> Any:
        url = f"{self._base_url}/bot{self._token}/{method}"
        response = self._http.request("POST", url, what=method, json=params, read_timeout=read_timeout)
        try:
            body = response.json()
        except ValueError:
            raise Unreachable(
                f"Telegram answered {method} with HTTP {response.status_code} and no API response"
            ) from None
        if not isinstance(body, Mapping):
            raise Unreachable(f"Telegram answered {method} with HTTP {response.status_code} and no API response")
        if body.get("ok") is True:
            return body.get("result")
        raise self._error_of(method, response.status_code, body)

    def _error_of(self, method: str, status: int, body: JsonObject) -> AduanError:
        error_code = body.get("error_code")
        code = error_code if isinstance(error_code, int) else status
        description = self._http.redact(str(body.get("description") or f"HTTP {status}"))
        parameters = body.get("parameters")
        parameters = parameters if isinstance(parameters, Mapping) else {}
        said = f"Telegram refused {method}: {description}"
        if code == 429:
            retry_after = parameters.get("retry_after")
            if not isinstance(retry_after, int):
                found = re.search(r"retry after (\d+)", description)
                retry_after = int(found.group(1)) if found else 1
            return RateLimited(retry_after, f"{said} (retry after {retry_after} s)")
        if code == 401:
            return NotPermitted(f"{said}; the bot token is wrong or was revoked: get a new one from @BotFather")
        if code == 403:
            return NotPermitted(f"{said}; the user blocked the bot or the bot is not in that chat")
        if code == 409:
            return Conflict(
                f"{said}; another program is using this bot: delete its webhook (deleteWebhook) "
                "or stop the other poller"
            )
        if code == 400 and "not found" in description.lower() and "chat" in description.lower():
            return NotFound(f"{said}; the citizen's chat no longer exists or never wrote to this bot")
        if code == 400 and isinstance(parameters.get("migrate_to_chat_id"), int):
            return NotFound(f"{said}; the group moved to chat {parameters['migrate_to_chat_id']}")
        if code == 404:  # Telegram's answer to a path that is no Bot API method: the address is not the API
            return Unreachable(f"{said}; is the account's base_url the Bot API's?")
        return status_error(code, said)


def inbound_from_update(update: JsonObject) -> InboundMessage | None:
    """The InboundMessage of a ``message`` or ``edited_message`` update; None for every other update."""
    message = update.get("message")
    edited = False
    if not isinstance(message, Mapping):
        message = update.get("edited_message")
        edited = True
    if not isinstance(message, Mapping):
        return None
    chat = message.get("chat")
    message_id = message.get("message_id")
    if not isinstance(chat, Mapping) or not isinstance(chat.get("id"), int) or not isinstance(message_id, int):
        return None
    chat_id = str(chat["id"])
    external_id = f"{chat_id}:{message_id}"
    problems: list[str] = []
    if edited:
        external_id += f":edited:{message.get('edit_date', 0)}"
        problems.append(f"edited version of Telegram message {message_id}")
    text = message.get("text")
    if not isinstance(text, str):
        caption = message.get("caption")
        text = caption if isinstance(caption, str) else ""
    for kind in _MEDIA_KINDS:
        if kind in message:
            problems.append(f"{_describe_media(kind, message[kind])} not fetched from Telegram")
    for kind in _OTHER_KINDS:
        if kind in message:
            problems.append(f"a {kind.replace('_', ' ')} was sent and not read")
    sender = message.get("from")
    sender = sender if isinstance(sender, Mapping) else {}
    date = message.get("date")
    return InboundMessage(
        channel=Channel.TELEGRAM,
        external_id=external_id,
        sender_address=chat_id,
        sender_name=_name_of(sender) or _name_of(chat),
        subject=subject_of(text) or _placeholder_subject(message),
        text=text,
        received_at=datetime.fromtimestamp(date, UTC).replace(tzinfo=None) if isinstance(date, int) else None,
        references=(f"chat:{chat_id}",),
        automatic=sender.get("is_bot") is True,
        problems=tuple(problems),
    )


def subject_of(text: str) -> str:
    """The first non-blank line, cut to SUBJECT_LENGTH characters."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:SUBJECT_LENGTH]
    return ""


def split_text(text: str, limit: int = MAX_TEXT_UNITS) -> list[str]:
    """``text`` cut into parts of at most ``limit`` UTF-16 code units, preferably at a line break or space.

    Telegram measures text in UTF-16 code units; counting them (an emoji is two) keeps every part within
    the limit whichever way it is counted. Nothing is dropped: the parts joined give ``text`` back.
    """
    return split_at_breaks(text, lambda rest: _longest_prefix(rest, limit))


def _longest_prefix(text: str, units: int) -> int:
    """How many characters of ``text`` fit in ``units`` UTF-16 code units (never half a character)."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > units:
            return index
    return len(text)


def _name_of(who: Mapping[str, Any]) -> str | None:
    names = [who.get("first_name"), who.get("last_name")]
    full = " ".join(name.strip() for name in names if isinstance(name, str) and name.strip())
    if full:
        return full
    for key in ("username", "title"):
        value = who.get(key)
        if isinstance(value, str) and value.strip():
            return f"@{value.strip()}" if key == "username" else value.strip()
    return None


def _describe_media(kind: str, media: Any) -> str:
    if kind == "document" and isinstance(media, Mapping):
        name = media.get("file_name")
        return f"attached document {name!r}" if isinstance(name, str) else "attached document"
    return f"attached {kind.replace('_', ' ')}"


def _placeholder_subject(message: Mapping[str, Any]) -> str:
    kinds: Sequence[str] = [kind for kind in (*_MEDIA_KINDS, *_OTHER_KINDS) if kind in message]
    return f"({kinds[0].replace('_', ' ')} via Telegram)" if kinds else "(no text)"
