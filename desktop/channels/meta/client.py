"""Meta's Send API for a Facebook Page or an Instagram professional account: text answers (in parts when
long), private replies to comments, attachments fetched, and the Graph API's errors as domain errors (the
mapping is in the package's docstring)."""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import requests

from desktop.domain.attachments import is_risky
from desktop.domain.errors import AduanError, BadInput, NotFound, NotPermitted, RateLimited, Unreachable
from desktop.domain.inbound import InboundAttachment
from desktop.domain.text import split_at_breaks

from ..http import DEFAULT_RETRY_AFTER, HttpClient, MaybeSent, json_or_none, retry_after_seconds
from ..whatsapp.client import DEFAULT_MAX_MEDIA_BYTES
from ..whatsapp.mapping import text_of
from .mapping import AttachmentRef, Platform

MESSENGER_MAX_CHARS = 2000  # Messenger: a text message is at most 2000 characters
INSTAGRAM_MAX_BYTES = 1000  # Instagram: a text message is at most 1000 bytes of UTF-8
DEFAULT_BASE_URLS = {Platform.FACEBOOK: "https://graph.facebook.com", Platform.INSTAGRAM: "https://graph.instagram.com"}
# How long to wait when Meta names no time: app and Page limits are counted over an hour, Messenger's send
# limit (613) clears within a minute.
RATE_LIMIT_SECONDS = {4: 300, 17: 300, 32: 300, 613: 60}
_TOKEN_CODES = frozenset({102, 190})
_PERMISSION_CODES = frozenset({3, 10, *range(200, 300)})
_TRANSIENT_CODES = frozenset({1, 2})
# Code 10 with these subcodes: outside the 24-hour standard messaging window (Messenger 2018278, Instagram
# 2534022), or a comment already answered privately or older than 7 days (2018108).
_WINDOW_SUBCODES = frozenset({2018278, 2534022, 2018108})
_NO_SUCH_USER_SUBCODES = frozenset({2018001, 2534014})
_UNAVAILABLE_CODE = 551  # "This person isn't available right now"
_API_VERSION = re.compile(r"v\d+\.\d+")
_GRAPH_ID = re.compile(r"[0-9]{1,40}")
# A Page comment's id is "<post>_<comment>"; nothing else may reach the URL path.
_GRAPH_COMMENT_ID = re.compile(r"[0-9]{1,40}(?:_[0-9]{1,40})?")


class MessagingWindowClosed(AduanError):
    """Facebook or Instagram takes no free answer now: the citizen last wrote more than 24 hours ago, or the
    comment was already answered privately (one private reply per comment, within 7 days). Not a
    NotPermitted: the dispatcher fails the answer visibly instead of postponing it, as nothing on Aduan's side
    would make Meta take it later."""

    code = "messaging_window_closed"  # its own text in the officer's window: answer through another channel


class MetaGraph:
    """One Facebook Page or Instagram professional account: ``send_parts`` to a citizen who wrote to it,
    ``private_reply`` to a comment, ``download`` what a citizen sent."""

    def __init__(
        self,
        access_token: str,
        account_id: str,
        platform: Platform,
        base_url: str | None = None,
        api_version: str = "v21.0",
        session: requests.Session | None = None,
        timeout: float = 15.0,
        max_media_bytes: int = DEFAULT_MAX_MEDIA_BYTES,
        page_id: str | None = None,
    ) -> None:
        """``page_id``: an Instagram account reached through Facebook Login (a Page access token) sends through its
        connected Page (``POST graph.facebook.com/{page-id}/messages``) instead of through itself."""
        if not access_token or not access_token.strip():
            raise BadInput(f"the {platform.label} access token is empty")
        if not _GRAPH_ID.fullmatch(account_id or ""):
            raise BadInput(f"{account_id!r} is not a {platform.label} account id (the digits Meta shows for it)")
        if page_id is not None and not _GRAPH_ID.fullmatch(page_id):
            raise BadInput(f"{page_id!r} is not a Facebook Page id (the digits Meta shows for it)")
        if not _API_VERSION.fullmatch(api_version):
            raise BadInput(f"{api_version!r} is not a Graph API version such as v21.0")
        self.platform = platform
        self._token = access_token
        self._account_id = account_id
        self._sender_id = page_id or account_id
        default_url = DEFAULT_BASE_URLS[Platform.FACEBOOK if page_id else platform]
        self._base_url = (base_url or default_url).rstrip("/")
        self._api = f"{self._base_url}/{api_version}"
        self._http = HttpClient(platform.label, [access_token], session, timeout)
        self._max_media_bytes = max_media_bytes

    def parts(self, text: str) -> list[str]:
        """``text`` cut as the platform's limit needs: Messenger counts characters, Instagram UTF-8 bytes."""
        if self.platform is Platform.FACEBOOK:
            return split_at_breaks(text, lambda rest: min(len(rest), MESSENGER_MAX_CHARS))
        return split_at_breaks(text, _utf8_prefix)

    def send_parts(self, recipient_id: str, text: str) -> tuple[str, ...]:
        """Send ``text`` to the citizen (their page- or Instagram-scoped id) as as many messages as the
        limit needs, in order; their message ids."""
        recipient = (recipient_id or "").strip()
        if not recipient:
            raise BadInput(f"a {self.platform.label} message needs the citizen's id")
        if not text.strip():
            raise BadInput(f"a {self.platform.label} message needs some text")
        return tuple(self._send({"id": recipient}, part) for part in self.parts(text))

    def private_reply(self, comment_id: str, text: str) -> str:
        """Answer the author of a comment in private (``recipient.comment_id``): one message, once per comment,
        within 7 days of it; its message id."""
        if not comment_id.strip():
            raise BadInput(f"a {self.platform.label} private reply needs the comment's id")
        if not text.strip():
            raise BadInput(f"a {self.platform.label} message needs some text")
        parts = self.parts(text)
        if len(parts) > 1:
            limit = f"{MESSENGER_MAX_CHARS} characters" if self.platform is Platform.FACEBOOK else "1000 bytes"
            raise BadInput(
                f"a private reply on {self.platform.label} is a single message of at most {limit}: shorten the answer"
            )
        return self._send({"comment_id": comment_id.strip()}, parts[0])

    def public_reply(self, comment_id: str, text: str) -> str:
        """Post ``text`` in public under the comment, as the Page or account (Facebook ``POST /{comment-id}/comments``,
        Instagram ``POST /{ig-comment-id}/replies``); the reply's own comment id. ``message`` goes in the query
        string, as both references document it (Instagram's edge takes it nowhere else)."""
        comment = comment_id.strip()
        if not _GRAPH_COMMENT_ID.fullmatch(comment):
            raise BadInput(f"{comment_id!r} is not a {self.platform.label} comment id")
        if not text.strip():
            raise BadInput(f"a {self.platform.label} reply needs some text")
        edge = "comments" if self.platform is Platform.FACEBOOK else "replies"
        headers = {"Authorization": f"Bearer {self._token}"}
        url = f"{self._api}/{comment}/{edge}"
        what = "the public reply"
        response = self._http.request("POST", url, what=what, params={"message": text}, headers=headers, sending=True)
        body = json_or_none(response)
        if 200 <= response.status_code < 300:
            reply_id = body.get("id") if isinstance(body, Mapping) else None
            if isinstance(reply_id, str) and reply_id:
                return reply_id
            raise MaybeSent(
                f"{self.platform.label} answered HTTP {response.status_code} without the reply's id: it may have "
                "been posted; look under the comment before writing it again"
            )
        raise graph_error(
            response.status_code, body, response.headers.get("Retry-After"), what, self.platform, self._http.redact
        )

    def account_name(self) -> str:
        """The Page's name or the Instagram account's username (``GET /{id}?fields=…``): proves the token and
        the id, and sends nothing."""
        field = "name" if self.platform is Platform.FACEBOOK else "username"
        headers = {"Authorization": f"Bearer {self._token}"}
        what = f"the {self.platform.label} account"
        url = f"{self._api}/{self._account_id}"
        response = self._http.request("GET", url, what=what, params={"fields": field}, headers=headers)
        body = json_or_none(response)
        if not 200 <= response.status_code < 300:
            raise graph_error(
                response.status_code, body, response.headers.get("Retry-After"), what, self.platform, self._http.redact
            )
        name = text_of(body.get(field)) if isinstance(body, Mapping) else ""
        if not name:
            raise Unreachable(f"{self.platform.label} answered about {what} without its {field}")
        return name

    def download(self, ref: AttachmentRef) -> InboundAttachment:
        """The attachment's content from its ``payload.url``, without the access token (Meta's attachment
        addresses need none): NotFound when it is gone, BadInput when over the size limit or not HTTPS."""
        what = f"{self.platform.label} {ref.kind}"
        target, base = urlsplit(ref.url), urlsplit(self._base_url)
        if target.scheme != "https" and (target.scheme, target.netloc) != (base.scheme, base.netloc):
            raise BadInput(f"the {what} has an address that is not HTTPS: not fetched")
        response = self._http.request("GET", ref.url, what=f"the {what}", stream=True)
        with response:
            if response.status_code in (403, 404, 410):
                raise NotFound(f"the {what} is no longer available (HTTP {response.status_code})")
            if response.status_code != 200:
                raise Unreachable(
                    f"{self.platform.label} answered the download of the {what} with HTTP {response.status_code}"
                )
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self._max_media_bytes:
                raise BadInput(f"the {what} is larger than the {self._max_media_bytes // (1024 * 1024)} MiB limit")
            content = bytearray()
            try:
                for chunk in response.iter_content(64 * 1024):
                    content.extend(chunk)
                    if len(content) > self._max_media_bytes:
                        raise BadInput(
                            f"the {what} is larger than the {self._max_media_bytes // (1024 * 1024)} MiB limit"
                        )
            except requests.RequestException as exc:
                raise Unreachable(f"the download of the {what} broke off: {self._http.redact(exc)}") from None
            mime = (response.headers.get("Content-Type") or "application/octet-stream").split(";")[0].strip()
        extension = mimetypes.guess_extension(mime) or ".bin"
        name = re.sub(r"[^\w.\-]", "_", urlsplit(ref.url).path.rsplit("/", 1)[-1])[-100:]
        filename = name if "." in name.strip(".") else f"{self.platform.value}-{ref.kind}{extension}"
        return InboundAttachment(
            filename=filename,
            content_type=mime[:127],
            content=bytes(content),
            risky=is_risky(filename, mime, bytes(content)),
        )

    def _send(self, recipient: Mapping[str, str], text: str) -> str:
        url = f"{self._api}/{self._sender_id}/messages"
        request: dict[str, Any] = {
            "recipient": dict(recipient),
            "messaging_type": "RESPONSE",
            "message": {"text": text},
        }
        headers = {"Authorization": f"Bearer {self._token}"}
        response = self._http.request("POST", url, what="the message", json=request, headers=headers, sending=True)
        if 200 <= response.status_code < 300:
            body = json_or_none(response)
            message_id = body.get("message_id") if isinstance(body, Mapping) else None
            if isinstance(message_id, str) and message_id:
                return message_id
            raise MaybeSent(
                f"{self.platform.label} answered HTTP {response.status_code} without the message id: the message "
                "may have been sent; check the conversation before sending it again"
            )
        raise graph_error(
            response.status_code,
            json_or_none(response),
            response.headers.get("Retry-After"),
            "the message",
            self.platform,
            redact=self._http.redact,
        )


def graph_error(
    status: int,
    body: object,
    retry_after: str | None = None,
    what: str = "the request",
    platform: Platform = Platform.FACEBOOK,
    redact: Callable[[str], str] = str,
) -> AduanError:
    """The domain error for a Graph API error answer (``{"error": {"message", "type", "code",
    "error_subcode", "fbtrace_id"}}``) of the Send API."""
    name = platform.label
    error = body.get("error") if isinstance(body, Mapping) else None
    if not isinstance(error, Mapping):
        if status == 429:
            seconds = retry_after_seconds(retry_after, DEFAULT_RETRY_AFTER) or DEFAULT_RETRY_AFTER
            return RateLimited(seconds, f"{name} rate limit (HTTP 429) for {what}: retry after {seconds} s")
        if status == 401:
            return NotPermitted(f"{name} refused the access token (HTTP 401) for {what}: {_TOKEN_ADVICE}")
        if 400 <= status < 500:
            return BadInput(f"{name} refused {what} with HTTP {status} and no API error")
        return Unreachable(f"{name} answered {what} with HTTP {status} and no API response")
    code, subcode = _int_or_none(error.get("code")), _int_or_none(error.get("error_subcode"))
    said = text_of(error.get("message")) or f"HTTP {status}"
    trace = text_of(error.get("fbtrace_id"))
    reference = f" [code {code}" + (f"/{subcode}" if subcode else "") + (f", fbtrace_id {trace}" if trace else "") + "]"
    text = redact(f"{name} refused {what}: {said}{reference}")
    if code in RATE_LIMIT_SECONDS or status == 429:
        default = RATE_LIMIT_SECONDS.get(code or 0, DEFAULT_RETRY_AFTER)
        seconds = retry_after_seconds(retry_after, default) or default
        return RateLimited(seconds, f"{text}; retry after {seconds} s")
    if code == 10 and subcode in _WINDOW_SUBCODES:
        return MessagingWindowClosed(
            f"{text}. {name} allows a free answer only within 24 hours of the citizen's last message, and one "
            "private reply per comment within 7 days: answer through another channel (phone, e-mail, letter)"
        )
    if code in _TOKEN_CODES or (status == 401 and code not in _PERMISSION_CODES):
        return NotPermitted(f"{text}; {_TOKEN_ADVICE}")
    if code in _PERMISSION_CODES:
        return NotPermitted(
            f"{text}; the app lacks the messaging permission for this account "
            "(pages_messaging, instagram_manage_messages)"
        )
    if code == _UNAVAILABLE_CODE or (code == 100 and subcode in _NO_SUCH_USER_SUBCODES):
        return NotFound(f"{text}; the citizen cannot be reached on {name} now: answer through another channel")
    if code == 100 and subcode == 33:
        return NotFound(f"{text}; check the account id of the channel account")
    if code in _TRANSIENT_CODES or status >= 500:
        return Unreachable(text)
    if code == 100 or 400 <= status < 500:
        return BadInput(text)
    return Unreachable(text)


_TOKEN_ADVICE = "the access token expired or was revoked: create a new Page access token and update the account"


def _utf8_prefix(rest: str) -> int:
    """How many leading characters of ``rest`` fit in Instagram's 1000 bytes."""
    size = 0
    for index, char in enumerate(rest):
        size += len(char.encode("utf-8", "surrogatepass"))
        if size > INSTAGRAM_MAX_BYTES:
            return max(index, 1)
    return len(rest)


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return int(value) if isinstance(value, str) and value.isdigit() else None
