"""The WhatsApp Cloud API: text replies sent, media fetched, and the Graph API's errors as domain errors
(the mapping is in the package's docstring)."""

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

from ..http import DEFAULT_RETRY_AFTER, HttpClient, MaybeSent, json_or_none, retry_after_seconds
from ..telegram import split_text
from .mapping import JsonObject, MediaRef, clean, describe_media, text_of

MAX_TEXT_CHARS = 4096  # the Cloud API's limit for a text message body
DEFAULT_MAX_MEDIA_BYTES = 25 * 1024 * 1024  # the same limit as an e-mail attachment
# How long to wait when Meta names no time: the pair rate is about one message per 6 s to a recipient,
# throughput and app limits clear within a minute, a spam restriction holds for hours.
RATE_LIMIT_SECONDS = {4: 60, 80007: 60, 130429: 5, 131056: 6, 131048: 3600}
_TOKEN_CODES = frozenset({0, 190})
_PERMISSION_CODES = frozenset({3, 10, 131005, *range(200, 300)})
_ACCOUNT_CODES = frozenset({368, 130497, 131031, 131037, 131042, 131045, 131064})
_TRANSIENT_CODES = frozenset({1, 2, 131000, 131016, 131057, 133004})
_BAD_REQUEST_CODES = frozenset({100, 131008, 131009, 131021, 131051, 135000})
_WINDOW_CODE = 131047
_UNDELIVERABLE_CODE = 131026
_API_VERSION = re.compile(r"v\d+\.\d+")
_GRAPH_ID = re.compile(r"[A-Za-z0-9_\-]+")


class ReplyWindowClosed(NotPermitted):
    """More than 24 hours since the citizen last wrote: WhatsApp takes only template messages now."""

    code = "reply_window_closed"  # its own text in the officer's window: answer through another channel


class WhatsAppCloud:
    """One business phone number: ``send`` text to a citizen, ``download_media`` what they sent."""

    def __init__(
        self,
        access_token: str,
        phone_number_id: str,
        base_url: str = "https://graph.facebook.com",
        api_version: str = "v21.0",
        session: requests.Session | None = None,
        timeout: float = 15.0,
        max_media_bytes: int = DEFAULT_MAX_MEDIA_BYTES,
    ) -> None:
        if not access_token or not access_token.strip():
            raise BadInput("the WhatsApp access token is empty")
        if not _GRAPH_ID.fullmatch(phone_number_id or ""):
            raise BadInput(f"{phone_number_id!r} is not a WhatsApp phone number id (the digits Meta shows for it)")
        if not _API_VERSION.fullmatch(api_version):
            raise BadInput(f"{api_version!r} is not a Graph API version such as v21.0")
        self._token = access_token
        self._phone_number_id = phone_number_id
        self._base_url = base_url.rstrip("/")
        self._api = f"{self._base_url}/{api_version}"
        self._http = HttpClient("WhatsApp", [access_token], session, timeout)
        self._max_media_bytes = max_media_bytes

    def send(self, to: str, text: str, reply_to: str | None = None) -> str:
        """Send ``text`` to the citizen's number; the wamid of the (first) message sent."""
        return self.send_parts(to, text, reply_to)[0]

    def send_parts(self, to: str, text: str, reply_to: str | None = None) -> tuple[str, ...]:
        """Send ``text`` as as many messages as the 4096-character limit needs, in order; their wamids.

        Only the first part quotes ``reply_to``.
        """
        recipient = (to or "").strip()
        if not recipient:
            raise BadInput("a WhatsApp message needs the citizen's number")
        if not text.strip():
            raise BadInput("a WhatsApp message needs some text")
        sent: list[str] = []
        for index, part in enumerate(split_text(text, MAX_TEXT_CHARS)):
            request: dict[str, Any] = {
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": recipient,
                "type": "text",
                "text": {"body": part, "preview_url": False},
            }
            if reply_to and index == 0:
                request["context"] = {"message_id": reply_to}
            sent.append(self._send_one(request))
        return tuple(sent)

    def phone_number(self) -> tuple[str, str]:
        """The business number's display form and verified name (``GET /{phone-number-id}``): proves the
        token and the id, and sends nothing."""
        what = "the business phone number"
        response = self._request("GET", f"{self._api}/{self._phone_number_id}", what=what)
        info = self._answer(response, what)
        number = text_of(info.get("display_phone_number"))
        if not number:
            raise Unreachable("WhatsApp answered about the business phone number without its display_phone_number")
        return number, text_of(info.get("verified_name"))

    def download_media(self, media: MediaRef) -> InboundAttachment:
        """The media object as an attachment: its URL from ``GET /{media-id}``, then the content.

        NotFound when WhatsApp no longer has it, BadInput when it is larger than the limit.
        """
        what = describe_media(media)
        if not _GRAPH_ID.fullmatch(media.media_id):
            raise BadInput(f"the {what} has no usable media id")
        response = self._request("GET", f"{self._api}/{media.media_id}", what=f"the {what}'s address")
        if not 200 <= response.status_code < 300:
            raise self._error_of(response, f"the {what}'s address", missing=_MEDIA_GONE)
        info = self._answer(response, f"the {what}'s address")
        url, size = info.get("url"), info.get("file_size")
        if isinstance(size, int) and size > self._max_media_bytes:
            raise BadInput(f"the {what} is {_mib(size)}, larger than the {_mib(self._max_media_bytes)} limit")
        if not isinstance(url, str) or not url:
            raise Unreachable(f"WhatsApp gave no download address for the {what}")
        if not self._may_carry_token(url):
            raise BadInput(f"WhatsApp gave a download address for the {what} that is not HTTPS: not fetched")
        response = self._request("GET", url, what=f"the {what}", stream=True)
        with response:
            if response.status_code != 200:
                raise self._download_error(response.status_code, what)
            content = bytearray()
            try:
                for chunk in response.iter_content(64 * 1024):
                    content.extend(chunk)
                    if len(content) > self._max_media_bytes:
                        raise BadInput(f"the {what} is larger than the {_mib(self._max_media_bytes)} limit")
            except requests.RequestException as exc:
                raise Unreachable(f"the download of the {what} broke off: {self._http.redact(exc)}") from None
        mime = text_of(info.get("mime_type")) or media.mime_type or "application/octet-stream"
        filename = _filename(media, mime)
        return InboundAttachment(
            filename=filename, content_type=mime[:127], content=bytes(content), risky=is_risky(filename, mime, content)
        )

    def _send_one(self, request: Mapping[str, Any]) -> str:
        url = f"{self._api}/{self._phone_number_id}/messages"
        response = self._request("POST", url, what="the message", json_body=request, sending=True)
        if 200 <= response.status_code < 300:
            try:
                body = response.json()
            except ValueError:
                body = None
            messages = body.get("messages") if isinstance(body, Mapping) else None
            first = messages[0] if isinstance(messages, list) and messages else None
            wamid = first.get("id") if isinstance(first, Mapping) else None
            if isinstance(wamid, str) and wamid:
                return wamid
            raise MaybeSent(
                f"WhatsApp answered HTTP {response.status_code} without the message id: the message may have "
                "been sent; check the chat before sending it again"
            )
        raise self._error_of(response, "the message")

    def _request(
        self,
        method: str,
        url: str,
        what: str,
        json_body: Mapping[str, Any] | None = None,
        sending: bool = False,
        stream: bool = False,
    ) -> requests.Response:
        headers = {"Authorization": f"Bearer {self._token}"}
        return self._http.request(
            method, url, what=what, json=json_body, headers=headers, stream=stream, sending=sending
        )

    def _answer(self, response: requests.Response, what: str) -> JsonObject:
        if not 200 <= response.status_code < 300:
            raise self._error_of(response, what)
        body = json_or_none(response)
        if not isinstance(body, Mapping):
            raise Unreachable(f"WhatsApp answered about {what} with HTTP {response.status_code} and no API response")
        return body

    def _error_of(self, response: requests.Response, what: str, missing: str | None = None) -> AduanError:
        retry_after = response.headers.get("Retry-After")
        body = json_or_none(response)
        if missing is None:
            return graph_error(response.status_code, body, retry_after, what, redact=self._http.redact)
        return graph_error(response.status_code, body, retry_after, what, redact=self._http.redact, missing=missing)

    def _download_error(self, status: int, what: str) -> AduanError:
        if status == 404:
            return NotFound(f"the download of the {what} failed: {_MEDIA_GONE}")
        if status in (401, 403):
            return NotPermitted(f"WhatsApp refused the download of the {what} (HTTP {status})")
        return Unreachable(f"WhatsApp answered the download of the {what} with HTTP {status}")

    def _may_carry_token(self, url: str) -> bool:
        """The token goes only over HTTPS, or back to the API's own origin (a test or a local proxy)."""
        target, base = urlsplit(url), urlsplit(self._base_url)
        return target.scheme == "https" or (target.scheme, target.netloc) == (base.scheme, base.netloc)


def graph_error(
    status: int,
    body: object,
    retry_after: str | None = None,
    what: str = "the request",
    redact: Callable[[str], str] = str,
    missing: str = "check the phone number id of the account",
) -> AduanError:
    """The domain error for a Graph API error answer (``{"error": {"message", "type", "code", …}}``).

    ``missing`` is the advice when the object asked about does not exist (code 33, or 100 with subcode 33).
    """
    error = body.get("error") if isinstance(body, Mapping) else None
    if not isinstance(error, Mapping):
        if status == 429:
            seconds = _wait(retry_after, DEFAULT_RETRY_AFTER)
            return RateLimited(seconds, f"WhatsApp rate limit (HTTP 429) for {what}: retry after {seconds} s")
        if status == 401:
            return NotPermitted(f"WhatsApp refused the access token (HTTP 401) for {what}: {_TOKEN_ADVICE}")
        if 400 <= status < 500:  # the Graph API refuses a request as a whole: no code names a narrower cause
            return BadInput(f"WhatsApp refused {what} with HTTP {status} and no API error")
        return Unreachable(f"WhatsApp answered {what} with HTTP {status} and no API response")
    raw_code = error.get("code")
    code = raw_code if isinstance(raw_code, int) and not isinstance(raw_code, bool) else _int_or_none(raw_code)
    data = error.get("error_data")
    details = text_of(data.get("details")) if isinstance(data, Mapping) else ""
    said = text_of(error.get("message")) or f"HTTP {status}"
    trace = text_of(error.get("fbtrace_id"))
    reference = f" [code {code}" + (f", fbtrace_id {trace}" if trace else "") + "]"
    text = redact(f"WhatsApp refused {what}: {said}" + (f" — {details}" if details else "") + reference)
    if code in RATE_LIMIT_SECONDS or status == 429:
        seconds = _wait(retry_after, RATE_LIMIT_SECONDS.get(code or 0, DEFAULT_RETRY_AFTER))
        return RateLimited(seconds, f"{text}; retry after {seconds} s")
    if code == _WINDOW_CODE:
        return ReplyWindowClosed(
            f"{text}. WhatsApp allows free-form replies only within 24 hours of the citizen's last message: "
            "answer through another channel (phone, e-mail, letter) or with an approved WhatsApp template"
        )
    if code in _TOKEN_CODES or (status == 401 and code not in _PERMISSION_CODES):
        return NotPermitted(f"{text}; {_TOKEN_ADVICE}")
    if code in _PERMISSION_CODES:
        return NotPermitted(f"{text}; the app lacks the whatsapp_business_messaging permission for this number")
    if code in _ACCOUNT_CODES:
        return NotPermitted(f"{text}; the WhatsApp Business account cannot send: see WhatsApp Manager")
    if code == 130403:
        return NotPermitted(f"{text}; the business has blocked this WhatsApp user: unblock them to answer")
    if code == 131030:
        return NotPermitted(f"{text}; a test number can only message the recipients added in the App Dashboard")
    if code == _UNDELIVERABLE_CODE:
        return NotFound(
            f"{text}; the citizen's number cannot receive WhatsApp messages (not on WhatsApp, terms not "
            "accepted or an old app): answer through another channel"
        )
    if code == 33 or (code == 100 and error.get("error_subcode") == 33):
        return NotFound(f"{text}; {missing}")
    if code in _TRANSIENT_CODES or status >= 500:
        return Unreachable(text)
    if code in _BAD_REQUEST_CODES or 400 <= status < 500:
        return BadInput(text)
    return Unreachable(text)


_TOKEN_ADVICE = "the access token expired or was revoked: create a new system-user token and update the account"
_MEDIA_GONE = "WhatsApp no longer has it (media is kept for a limited time) or never had it"


def _int_or_none(value: object) -> int | None:
    try:
        return int(value) if isinstance(value, str | int) and not isinstance(value, bool) else None
    except ValueError:
        return None


def _wait(retry_after: str | None, default: int) -> int:
    """Seconds to wait: the Retry-After header's, when it names a time to come."""
    return retry_after_seconds(retry_after, default) or default


def _filename(media: MediaRef, mime: str) -> str:
    given = re.split(r"[/\\]", media.filename or "")[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", clean(given)).strip()
    if name.strip(". "):
        return name[-255:] if len(name) > 255 else name
    extension = mimetypes.guess_extension(mime.split(";")[0].strip()) or ".bin"
    return f"whatsapp-{media.kind}-{media.media_id}"[: 255 - len(extension)] + extension


def _mib(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"
