"""Raw RFC 5322 bytes → ``InboundMessage``: the e-mail connector's only translation step, no network, no SQL.

Citizens' mail arrives broken in every way (wrong charsets, 8-bit headers, cut MIME boundaries, forwarded
mails, giant attachments). The standard library parses the MIME structure; this module only decides what
the complaint unit keeps, and it prefers a message with ``problems`` (so an admin sees what was repaired or
dropped) to a refusal. Only bytes that are not an e-mail at all raise ``UnreadableMail`` (a ``BadInput``).

Decisions:
- ``sender_address`` is *how to answer*: a single valid Reply-To address wins over From, because web forms
  and gateways send as ``noreply@…`` with the citizen in Reply-To. The name is the one written beside the
  chosen address. Loop detection (mailer-daemon, postmaster) still looks at From.
- A mail without Message-ID gets ``sha256:<hex>`` of its bytes (line endings normalised), so the same
  mail fetched again is recognised as a re-delivery.
- Inline leaves that are neither the body nor its HTML alternative are kept as attachments (with a made-up
  name when they have none) and further inline plain-text parts are appended to the text: nothing is lost.
"""

from __future__ import annotations

import email.errors
import hashlib
import html
import mimetypes
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser

import nh3

from ..domain.attachments import is_risky
from ..domain.errors import BadInput
from ..domain.inbound import InboundAttachment, InboundMessage
from ..domain.vocabulary import Channel

MIB = 1024 * 1024
DEFAULT_MAX_ATTACHMENT_BYTES = 25 * MIB
DEFAULT_MAX_MESSAGE_BYTES = 50 * MIB
MAX_NESTING = 40
MAX_EXTERNAL_ID_CHARS = 255  # message.external_id column


# Headers of which a mail without any cannot be an e-mail.
_MAIL_HEADERS = frozenset(
    [
        "from",
        "to",
        "cc",
        "subject",
        "date",
        "message-id",
        "received",
        "return-path",
        "mime-version",
        "content-type",
        "sender",
        "reply-to",
        "in-reply-to",
        "references",
        "delivered-to",
    ]
)
_SINGLE_HEADERS = ("From", "Subject", "Date", "Message-ID", "Reply-To")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_MSG_ID = re.compile(r"<([^<>\s]+)>")
_LOOP_SENDERS = frozenset({"mailer-daemon", "postmaster"})
_BULK_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})
# Declared charsets that are in practice windows-1252 (the WHATWG encoding standard does the same).
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819"})


class UnreadableMail(BadInput):
    """The bytes are not an e-mail at all (no header a mail would have)."""

    code = "unreadable_mail"


def parse_email(
    raw: bytes,
    *,
    max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES,
    max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES,
) -> InboundMessage:
    """Read one e-mail. Oversized attachments are dropped and named in ``problems``, never stored."""
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise UnreadableMail(f"an e-mail is bytes, not {type(raw).__name__}")
    raw = bytes(raw)
    if not raw.strip():
        raise UnreadableMail("the e-mail is empty")
    try:
        parsed = BytesParser(policy=policy.default).parsebytes(raw)
    except RecursionError:
        raise UnreadableMail("the e-mail's MIME parts are nested too deeply to read") from None
    assert isinstance(parsed, EmailMessage)
    names = {name.lower() for name in parsed}
    if not names & _MAIL_HEADERS:
        raise UnreadableMail("not an e-mail: none of the headers an e-mail has (From, Date, Subject, …) was found")
    try:
        return _Reader(raw, parsed, max_attachment_bytes, max_message_bytes).message()
    except RecursionError:  # the stdlib walks parts recursively; the parser may have gone deeper than that
        raise UnreadableMail("the e-mail's MIME parts are nested too deeply to read") from None


class _Reader:
    def __init__(self, raw: bytes, msg: EmailMessage, max_attachment: int, max_total: int) -> None:
        self.raw = raw
        self.msg = msg
        self.max_attachment = max_attachment
        self.max_total = max_total
        self.problems: list[str] = []

    def note(self, problem: str) -> None:
        if problem not in self.problems:
            self.problems.append(problem)

    def message(self) -> InboundMessage:
        for name in _SINGLE_HEADERS:
            if len(self.raw_headers(name)) > 1:
                self.note(f"the mail has {name} more than once; the first one was used")
        sender_address, sender_name, from_address = self.sender()
        text, html_text, attachments = self.body()
        self.note_defects()
        return InboundMessage(
            channel=Channel.EMAIL,
            external_id=self.external_id(),
            sender_address=sender_address,
            sender_name=sender_name,
            subject=self.clean(self.header_text("Subject"), "the subject"),
            text=text,
            html=html_text,
            received_at=self.received_at(),
            references=self.references(),
            attachments=attachments,
            automatic=self.automatic(from_address),
            problems=tuple(self.problems),
        )

    # headers ------------------------------------------------------------------------------------------

    def raw_headers(self, name: str) -> list[str]:
        """The headers of this name as written, unfolded, 8-bit bytes decoded (utf-8, else windows-1252)."""
        values = []
        for key, value in self.msg.raw_items():
            if key.lower() != name.lower():
                continue
            text = value if isinstance(value, str) else str(value)
            if _SURROGATE.search(text):
                text, charset = _decode_guess(text.encode("ascii", "surrogateescape"))
                if charset != "utf-8":  # UTF-8 headers are allowed (RFC 6532); anything else is a guess
                    self.note(f"the {name} header has unencoded 8-bit bytes, read as {charset}")
            values.append(text.replace("\r", "").replace("\n", ""))
        return values

    def raw_header(self, name: str) -> str | None:
        values = self.raw_headers(name)
        return values[0] if values else None

    def clean(self, text: str, what: str) -> str:
        cleaned = _clean(text)
        if _CONTROL.search(text.replace("\r", "")) or _SURROGATE.search(text):
            self.note(f"control characters were removed from {what}")
        return cleaned

    def header_text(self, name: str) -> str:
        """An unstructured header decoded (RFC 2047); broken encodings become replacement characters."""
        value = self.raw_header(name)
        if value is None:
            return ""
        try:
            return str(policy.default.header_factory(name, value))
        except Exception:  # the stdlib header parser has failure modes of its own on hostile input
            self.note(f"the {name} header could not be decoded and is shown as written")
            return value

    def addresses(self, name: str) -> list[tuple[str, str]]:
        """(display name, address) pairs of an address header; unusable entries are skipped."""
        value = self.raw_header(name)
        if value is None:
            return []
        found: list[tuple[str, str]] = []
        try:
            header = policy.default.header_factory(name, value)
            for address in getattr(header, "addresses", ()):
                assert isinstance(address, Address)
                if address.username and address.domain:
                    found.append((_clean(address.display_name), _clean(address.addr_spec)))
        except Exception:
            found = [(_clean(n), _clean(a)) for n, a in getaddresses([value]) if "@" in a]
        if not found and value.strip():
            self.note(f"the {name} header holds no usable address: {_clean(value)[:200]!r}")
        return found

    def sender(self) -> tuple[str | None, str | None, str | None]:
        authors = self.addresses("From")
        reply_to = self.addresses("Reply-To")
        from_name, from_address = authors[0] if authors else ("", "")
        if len(reply_to) == 1:
            name, address = reply_to[0]
            if address.lower() == from_address.lower():
                name = name or from_name
        else:
            name, address = from_name, from_address
        if not address:
            self.note("the mail names no sender address to answer")
        return address or None, name or None, from_address or None

    def external_id(self) -> str:
        value = self.raw_header("Message-ID")
        found = _message_ids(value or "")
        if found and len(found[0]) <= MAX_EXTERNAL_ID_CHARS:
            return found[0]
        if found:
            self.note("the Message-ID is too long to keep; an id made from its hash is used")
            return "sha256:" + hashlib.sha256(found[0].encode("utf-8", "replace")).hexdigest()
        self.note("the mail has no usable Message-ID; an id made from its content is used")
        return "sha256:" + hashlib.sha256(self.raw.replace(b"\r\n", b"\n")).hexdigest()

    def references(self) -> tuple[str, ...]:
        ids: list[str] = []
        for name in ("In-Reply-To", "References"):
            for value in self.raw_headers(name):
                ids.extend(i for i in _message_ids(value) if len(i) <= MAX_EXTERNAL_ID_CHARS)
        return tuple(dict.fromkeys(ids))

    def received_at(self) -> datetime | None:
        value = self.raw_header("Date")
        if value is None or not value.strip():
            return None
        try:
            when = parsedate_to_datetime(value.strip())
            if when.tzinfo is not None:
                when = when.astimezone(UTC).replace(tzinfo=None)
            return when
        except (TypeError, ValueError, OverflowError, IndexError):
            self.note(f"the Date header cannot be read: {_clean(value)[:100]!r}")
            return None

    def automatic(self, from_address: str | None) -> bool:
        auto_submitted = (self.raw_header("Auto-Submitted") or "").strip().lower()
        if auto_submitted and not auto_submitted.startswith("no"):
            return True
        precedence = (self.raw_header("Precedence") or "").strip().lower()
        if precedence in _BULK_PRECEDENCE:
            return True
        if any(self.raw_header(h) is not None for h in ("List-Id", "List-Unsubscribe", "X-Autoreply", "X-Autorespond")):
            return True
        return_path = self.raw_header("Return-Path")
        if return_path is not None and return_path.strip() in ("<>", ""):
            return True
        if from_address and from_address.split("@", 1)[0].lower() in _LOOP_SENDERS:
            return True
        # Bounces (delivery-status) and read receipts (disposition-notification) are both reports.
        return self.msg.get_content_type() in ("multipart/report", "message/delivery-status")

    # body ---------------------------------------------------------------------------------------------

    def body(self) -> tuple[str, str | None, tuple[InboundAttachment, ...]]:
        plain = self.msg.get_body(preferencelist=("plain",))
        rich = self.msg.get_body(preferencelist=("html",))
        if plain is not None and plain.get_content_type() != "text/plain":
            plain = None
        if rich is not None and rich.get_content_type() != "text/html":
            rich = None
        texts: list[str] = []
        if plain is not None:
            texts.append(self.part_text(plain, "the text"))
        html_text = None if rich is None else self.part_text(rich, "the HTML text")
        attachments: list[InboundAttachment] = []
        total = 0
        for index, part in enumerate(self.leaves(), start=1):
            if part is plain or part is rich:
                continue
            if _is_inline_text(part, "text/plain") or part.get_content_maintype() == "multipart":
                # further plain parts (Apple Mail splits a body around pictures), or a multipart whose
                # boundary never appears: its content is text the sender wrote
                texts.append(self.part_text(part, "a further text part"))
                continue
            if _is_inline_text(part, "text/html") and rich is not None:
                continue  # another rendering of what the body already holds
            attachment = self.attachment(part, index)
            if attachment is None:
                continue
            if total + len(attachment.content) > self.max_total:
                self.note(
                    f"attachment {attachment.filename!r} ({_mib(len(attachment.content))}) was dropped: the "
                    f"message's attachments would exceed the {_mib(self.max_total)} limit"
                )
                continue
            total += len(attachment.content)
            attachments.append(attachment)
        text = "\n\n".join(t.strip("\n").rstrip() for t in texts if t.strip())
        if not text and html_text:
            text = _html_to_text(html_text)
        return text, html_text, tuple(attachments)

    def leaves(self) -> Iterator[Message]:
        """Every non-multipart part, depth first; a forwarded mail (message/rfc822) is one leaf."""
        pending: list[tuple[Message, int]] = [(self.msg, 0)]
        while pending:
            part, depth = pending.pop()
            if part.get_content_maintype() == "multipart" and part.is_multipart():
                if depth >= MAX_NESTING:
                    self.note(f"MIME parts nested deeper than {MAX_NESTING} levels were not read")
                    continue
                children = part.get_payload()
                assert isinstance(children, list)
                pending.extend((child, depth + 1) for child in reversed(children) if isinstance(child, Message))
            else:
                yield part

    def part_text(self, part: Message, what: str) -> str:
        return self.clean(self.decoded_text(part, what), what)

    def decoded_text(self, part: Message, what: str) -> str:
        data = _payload_bytes(part)
        charset = (part.get_content_charset() or "").strip().lower()
        if not charset:
            text, used = _decode_guess(data)
            if used != "utf-8" and not data.isascii():
                self.note(f"{what} names no charset and is not UTF-8; read as {used}")
            return text
        codec = "cp1252" if charset in _AS_CP1252 else charset
        try:
            return data.decode(codec)
        except LookupError:
            text, used = _decode_guess(data)
            self.note(f"{what} names the unknown charset {charset!r}; read as {used}")
            return text
        except UnicodeDecodeError:
            text, used = _decode_guess(data)
            self.note(f"{what} is not valid {charset}; read as {used}")
            return text

    def attachment(self, part: Message, index: int) -> InboundAttachment | None:
        content_type = part.get_content_type()
        if content_type == "message/rfc822" or isinstance(part.get_payload(), list):
            content = _forwarded_bytes(part)
        else:
            content = _payload_bytes(part)
        filename = self.filename(part, index, content_type)
        if len(content) > self.max_attachment:
            self.note(
                f"attachment {filename!r} ({_mib(len(content))}) was dropped: larger than the "
                f"{_mib(self.max_attachment)} limit"
            )
            return None
        risky = is_risky(filename, content_type, content)
        return InboundAttachment(filename=filename, content_type=content_type, content=content, risky=risky)

    def filename(self, part: Message, index: int, content_type: str) -> str:
        try:
            given = part.get_filename() or ""
        except Exception:
            given = ""
            self.note(f"the name of attachment {index} cannot be read")
        if not given and content_type == "message/rfc822":
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                try:
                    given = _clean(str(inner[0].get("Subject", "")))[:100] + ".eml"
                except Exception:
                    given = ""
            given = given if given.strip(". ") else "forwarded.eml"
        name = _clean(re.split(r"[/\\]", given)[-1]).strip()
        if not name.strip(". "):
            extension = ".eml" if content_type == "message/rfc822" else mimetypes.guess_extension(content_type)
            if not extension:
                extension = ".txt" if content_type.startswith(("text/", "message/")) else ".bin"
            name = f"lampiran-{index}{extension}"
        return name

    def note_defects(self) -> None:
        for part in self.msg.walk():
            for defect in getattr(part, "defects", []):
                if isinstance(defect, email.errors.MessageDefect):
                    self.note(f"MIME structure: {(defect.__doc__ or type(defect).__name__).strip()}")


def _message_ids(value: str) -> list[str]:
    """Message ids in angle brackets; a lone bare id (some mailers omit the brackets) is taken as is."""
    found = _MSG_ID.findall(value)
    if found:
        return [_clean(i) for i in found if _clean(i)]
    bare = value.strip()
    return [_clean(bare)] if bare and " " not in bare and "@" in bare else []


def _payload_bytes(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if isinstance(data, bytes):
        return data
    payload = part.get_payload()
    if isinstance(payload, str):
        return payload.encode("utf-8", "surrogateescape")
    return b""


def _forwarded_bytes(part: Message) -> bytes:
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if isinstance(inner, Message):
        for rendering in (policy.default.clone(max_line_length=0), policy.compat32):
            try:
                return inner.as_bytes(policy=rendering)
            except Exception:  # a hostile inner mail may not render under one policy; the other is tried
                continue
    return _payload_bytes(part)


def _decode_guess(data: bytes) -> tuple[str, str]:
    """Text of bytes with unknown charset: UTF-8 when it is (mostly) UTF-8, else windows-1252."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", "replace")
    if any(ord(c) > 0x7F and c != "\ufffd" for c in lenient):
        return lenient, "utf-8 with replacement characters"
    return data.decode("cp1252", "replace"), "windows-1252"


def _is_inline_text(part: Message, content_type: str) -> bool:
    if part.get_content_type() != content_type or part.get_content_disposition() == "attachment":
        return False
    try:
        return not part.get_filename()
    except Exception:
        return False


def _clean(text: str) -> str:
    """Text safe to store: line ends normalised, control characters and lone surrogates removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def _mib(size: int) -> str:
    return f"{size / MIB:.1f} MiB"


class _TextOfHtml(HTMLParser):
    """Visible text of HTML with paragraph breaks kept; script, style and head content dropped."""

    _BLOCKS = frozenset(
        [
            "p",
            "div",
            "br",
            "tr",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "pre",
            "table",
            "ul",
            "ol",
            "hr",
            "section",
            "article",
        ]
    )
    _HIDDEN = frozenset({"script", "style", "head", "title", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BLOCKS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BLOCKS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.chunks.append(re.sub(r"\s+", " ", data))  # in HTML a line break in text is a space


def _html_to_text(markup: str) -> str:
    try:
        reader = _TextOfHtml()
        reader.feed(markup)
        reader.close()
        text = "".join(reader.chunks)
    except Exception:  # HTMLParser is lenient, but hostile markup must never stop intake
        text = html.unescape(nh3.clean(markup, tags=set()))
    lines = (" ".join(line.split()) for line in text.replace("\xa0", " ").splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
