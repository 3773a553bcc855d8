"""SMS text rules, pure: the phone numbers citizens write from, and answers cut into numbered parts.

* **Numbers.** Indonesian numbers arrive as ``+62812…``, ``62812…`` or ``0812…`` (with spaces, dashes or
  dots); all are one reporter, kept as ``+62812…`` (E.164). Other country codes stay as written with ``+``;
  a short code (``1708``) stays as its digits.
* **Parts.** One SMS holds 160 GSM-7 characters or 70 UCS-2 ones (any character outside the GSM-7 set, an
  emoji or a curly quote, makes the whole text UCS-2). A longer text goes as parts of at most 153 / 67, each
  starting with its number ``(1/3) `` (counted within the part, as the phone shows it). GSM-7's extension
  characters (``{ } [ ] ~ \\ ^ | €``) take two places; an emoji takes two UCS-2 places and is never cut in
  half. Parts are cut at a line break or a space in their second half, else where the limit falls; the
  parts without their numbers give the text back, nothing dropped.
* **At most ``max_parts``.** A longer answer is refused (SmsTooLong, a BadInput naming how much to cut),
  never truncated: the officer shortens it.
"""

from __future__ import annotations

import re

from .errors import BadInput
from .text import split_at_breaks

DEFAULT_MAX_PARTS = 4
SINGLE_GSM, PART_GSM = 160, 153
SINGLE_UCS2, PART_UCS2 = 70, 67

_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENSION = frozenset("^{}\\[~]|€\f")
_SEPARATORS = re.compile(r"[\s().\-]")


class SmsTooLong(BadInput):
    """An answer that needs more SMS parts than the account sends; the fields say by how much (the window words
    it in the officer's language, ``ui/errors.py``)."""

    code = "sms_too_long"

    def __init__(self, parts: int, max_parts: int, over: int, per_part: int) -> None:
        super().__init__(
            f"the answer needs {parts} SMS parts and the account sends at most {max_parts} (max_parts): shorten it "
            f"by about {over} characters ({per_part} per part)",
            parts=str(parts),
            max_parts=str(max_parts),
            over=str(over),
            per_part=str(per_part),
        )


def is_gsm7(text: str) -> bool:
    """Whether every character of ``text`` is in the GSM-7 alphabet (basic or extension table)."""
    return all(char in _GSM_BASIC or char in _GSM_EXTENSION for char in text)


def _cost(char: str, gsm: bool) -> int:
    if gsm:
        return 2 if char in _GSM_EXTENSION else 1
    return 2 if ord(char) > 0xFFFF else 1


def length(text: str) -> int:
    """Places ``text`` takes: GSM-7 septets when it is all GSM-7, else UTF-16 code units."""
    gsm = is_gsm7(text)
    return sum(_cost(char, gsm) for char in text)


def split_sms(text: str, max_parts: int = DEFAULT_MAX_PARTS) -> list[str]:
    """``text`` as the SMS parts it is sent in: itself when it fits one SMS, else numbered ``(i/n) `` parts.

    SmsTooLong when it needs more than ``max_parts``; BadInput when it is blank.
    """
    if not text.strip():
        raise BadInput("an SMS needs some text")
    gsm = is_gsm7(text)
    if sum(_cost(char, gsm) for char in text) <= (SINGLE_GSM if gsm else SINGLE_UCS2):
        return [text]
    limit = PART_GSM if gsm else PART_UCS2
    total = 2
    while True:  # the prefix's width depends on how many parts there are: cut again until it holds
        bodies = _cut(text, limit - len(f"({total}/{total}) "), gsm)
        if len(str(len(bodies))) <= len(str(total)):
            break
        total = len(bodies)
    count = len(bodies)
    if count > max_parts:
        per_part = limit - len(f"({max_parts}/{max_parts}) ")
        over = sum(_cost(char, gsm) for char in text) - per_part * max_parts
        raise SmsTooLong(count, max_parts, max(over, 1), per_part)
    return [f"({index}/{count}) {body}" for index, body in enumerate(bodies, 1)]


def _cut(text: str, room: int, gsm: bool) -> list[str]:
    def fitting(rest: str) -> int:
        used = 0
        for index, char in enumerate(rest):
            used += _cost(char, gsm)
            if used > room:
                return index
        return len(rest)

    return split_at_breaks(text, fitting)


def normalise_phone(raw: str) -> str | None:
    """The reporter's number as stored: ``+62…`` for Indonesian numbers in any usual form, ``+<digits>`` for
    other international ones, a short code as its digits; None when it is no phone number."""
    cleaned = _SEPARATORS.sub("", raw.strip())
    international = cleaned.startswith("+")
    digits = cleaned.removeprefix("+")
    if not digits.isascii() or not digits.isdigit():
        return None
    if international:
        return f"+{digits}" if 6 <= len(digits) <= 15 else None
    if digits.startswith("62") and 10 <= len(digits) <= 15:
        return f"+{digits}"
    if digits.startswith("0") and 9 <= len(digits) <= 14:
        return f"+62{digits[1:]}"
    return digits if 3 <= len(digits) <= 8 else None


def national(number: str) -> str:
    """``+62812…`` as ``0812…`` (what some gateways expect); other numbers unchanged."""
    return "0" + number[3:] if number.startswith("+62") else number
