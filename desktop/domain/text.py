"""Validation of text that officers and citizens write: clear errors instead of silent damage."""

from __future__ import annotations

import re

from .errors import BadInput

MAX_BODY_CHARS = 100_000
MAX_SUBJECT_CHARS = 300
MENTION = re.compile(r"(?<![\w.])@([a-z][a-z0-9._-]{1,62})")
# Control characters other than tab, newline and carriage return never belong in a message.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_body(text: str, what: str = "text") -> str:
    stripped = text.strip()
    if not stripped:
        raise BadInput(f"{what} is empty")
    if len(stripped) > MAX_BODY_CHARS:
        raise BadInput(f"{what} is {len(stripped):,} characters long; the limit is {MAX_BODY_CHARS:,}")
    bad = _CONTROL.search(stripped)
    if bad:
        raise BadInput(f"{what} contains control character {bad.group()!r} at position {bad.start()}")
    return stripped


def clean_subject(text: str) -> str:
    subject = " ".join(text.split())
    if not subject:
        raise BadInput("subject is empty")
    if len(subject) > MAX_SUBJECT_CHARS:
        raise BadInput(f"subject is {len(subject)} characters long; the limit is {MAX_SUBJECT_CHARS}")
    return clean_body(subject, "subject")


def mentioned_logins(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.rstrip(".") for m in MENTION.findall(text)))


def decode_utf8(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{source} is not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}") from None
