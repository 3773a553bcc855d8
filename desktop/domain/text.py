"""Validation of text that officers and citizens write: clear errors instead of silent damage."""

from __future__ import annotations

import re
from collections.abc import Callable

from .errors import BadInput

MAX_BODY_CHARS = 100_000
MENTION = re.compile(r"(?<![\w.])@([a-z][a-z0-9._-]{1,62})")
# Control characters other than tab, newline and carriage return never belong in a message.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# The lengths of the central schema's text columns that officers and citizens fill in (store/schema.py):
# checked here, before any SQL, so that an over-long value is refused by name and never reaches the database
# (PostgreSQL and MariaDB would fail the statement with the value in the error; SQLite would store it). The
# domain cannot import the schema; tests/unit/test_input_limits.py holds each limit equal to its column.
FIELD_LIMITS: dict[str, int] = {
    "subject": 300,  # ticket.subject
    "category": 100,  # ticket.category, sla_policy.category
    "external reference": 100,  # ticket.external_ref
    "external id": 255,  # message.external_id
    "reporter name": 200,  # reporter.name
    "contact": 320,  # reporter_contact.address
    "unit code": 40,  # unit.code
    "unit name": 200,  # unit.name
    "login": 63,  # officer.login
    "officer name": 200,  # officer.name
    "canned key": 100,  # canned_response.key
    "canned title": 300,  # canned_response.title
    "discussion title": 300,  # discussion.title
    "attachment filename": 255,  # attachment.filename
    "content type": 127,  # attachment.content_type
    "account name": 200,  # channel_account.name
    "day-off name": 200,  # calendar_day_off.name
}
MAX_SUBJECT_CHARS = FIELD_LIMITS["subject"]

# Directional formatting (embeddings, overrides, isolates, marks) and zero-width characters: invisible, they
# make a text read otherwise than it is ("\u202egpj.exe" shows as "exe.jpg") or two names look the same.
# Stripped from one-line fields (subjects, names, titles, file names); kept in bodies, where an officer is
# shown where they are (``reveal_invisible``) and the stored original stays as evidence.
INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def check_length(field: str, value: str, limit: int | None = None) -> str:
    """``value`` unchanged, or BadInput naming the field and the limit (never the value: it may be personal
    data). ``limit``: the field's column length by default."""
    most = FIELD_LIMITS[field] if limit is None else limit
    if len(value) > most:
        raise BadInput(f"{field} is {len(value):,} characters long; the limit is {most:,}", **_too_long(field, most))
    return value


def _too_long(field: str, limit: int) -> dict[str, str]:
    """The fields of a too-long refusal, which the window words in its language (``ui/errors.py``)."""
    return {"field": field, "reason": "too_long", "limit": str(limit)}


def strip_invisible(text: str) -> str:
    return INVISIBLE.sub("", text)


def reveal_invisible(text: str) -> str:
    """For showing a body: each invisible character as a visible mark such as ``⟦U+202E⟧``, so that an officer
    sees that the text contains one and where (the text reads as it was written, not as it was disguised)."""
    return INVISIBLE.sub(lambda found: f"\u27e6U+{ord(found.group()):04X}\u27e7", text)


def one_line(text: str) -> str:
    """Control characters as spaces, invisible ones gone, whitespace collapsed: a name or subject that cannot
    disguise itself."""
    return " ".join(strip_invisible(_CONTROL.sub(" ", text)).split())


def clean_name(field: str, value: str | None, limit: int | None = None) -> str | None:
    """A one-line field (a name, a category, a contact, a title) as ``one_line`` makes it; blank as None, too
    long refused naming the field."""
    line = one_line(value or "")
    return check_length(field, line, limit) if line else None


def clean_body(text: str, what: str = "text") -> str:
    stripped = text.strip()
    if not stripped:
        raise BadInput(f"{what} is empty", field=what, reason="empty")
    if len(stripped) > MAX_BODY_CHARS:
        message = f"{what} is {len(stripped):,} characters long; the limit is {MAX_BODY_CHARS:,}"
        raise BadInput(message, **_too_long(what, MAX_BODY_CHARS))
    bad = _CONTROL.search(stripped)
    if bad:
        message = f"{what} contains control character {bad.group()!r} at position {bad.start()}"
        raise BadInput(message, field=what, reason="control_character")
    return stripped


def clean_subject(text: str, field: str = "subject") -> str:
    """A subject or title: one line, invisible characters stripped, not empty, within its column."""
    subject = " ".join(strip_invisible(text).split())
    if not subject:
        raise BadInput(f"{field} is empty", field=field, reason="empty")
    return clean_body(check_length(field, subject), field)


def mentioned_logins(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.rstrip(".") for m in MENTION.findall(text)))


def decode_utf8(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{source} is not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}") from None


def split_at_breaks(text: str, fitting: Callable[[str], int]) -> list[str]:
    """``text`` cut into parts, each the most of what is left that ``fitting`` says fits (how many leading
    characters; all of them when the rest fits), moved back to a line break or space in its second half where
    there is one. Nothing is dropped: the parts joined give ``text`` back. Telegram's long answers (UTF-16
    code units) and SMS parts (GSM-7 or UCS-2) are cut by the same rule."""
    parts: list[str] = []
    rest = text
    while (cut := fitting(rest)) < len(rest):
        for separator in ("\n", " "):
            at = rest.rfind(separator, 0, cut)
            if at > cut // 2:  # a break in the second half; otherwise a hard cut wastes less
                cut = at + 1
                break
        parts.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        parts.append(rest)
    return parts
