"""Whether a text written in public carries a citizen's personal data (UU PDP): a 16-digit NIK, an Indonesian
phone number (08…, +62…, 62…) or an e-mail address. A comment under a Page's post that does is flagged, so that
an officer answers it only in private."""

from __future__ import annotations

import re
from enum import StrEnum


class PersonalData(StrEnum):
    NIK = "nik"
    PHONE = "phone"
    EMAIL = "email"


# A NIK is 16 digits, often written in groups (3201 0123 4567 0001); no digit may run on either side.
_NIK = re.compile(r"(?<![\d])(?:\d[ .\-]?){15}\d(?![\d])")
# 08…, 62 8… or +62 8… with 8 to 12 more digits, separators allowed between groups.
_PHONE = re.compile(r"(?<![\d+])(?:\+62|62|0)[ .\-]?8(?:[ .\-]?\d){7,11}(?![\d])")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


def personal_data_in(text: str) -> frozenset[PersonalData]:
    """The kinds of personal data ``text`` shows (empty when none)."""
    found: set[PersonalData] = set()
    if _EMAIL.search(text):
        found.add(PersonalData.EMAIL)
    for match in _NIK.finditer(text):
        if len(re.sub(r"\D", "", match.group())) == 16:
            found.add(PersonalData.NIK)
            break
    without_nik = _NIK.sub(" ", text)
    if _PHONE.search(without_nik):
        found.add(PersonalData.PHONE)
    return frozenset(found)


def has_personal_data(text: str) -> bool:
    return bool(personal_data_in(text))


def personal_data_shown(text: str) -> frozenset[str]:
    """The phone numbers (as national digits, 08…) and e-mail addresses (lower-cased) ``text`` shows: so that a
    public answer can be checked for repeating what the citizen wrote."""
    without_nik = _NIK.sub(" ", text)
    phones = {
        "0" + re.sub(r"\D", "", m.group()).removeprefix("0").removeprefix("62") for m in _PHONE.finditer(without_nik)
    }
    return frozenset(phones | {m.group().lower() for m in _EMAIL.finditer(text)})


def public_reply_problem(reply: str, comment: str) -> str | None:
    """Why ``reply`` must not be posted in public under ``comment``: it shows a NIK, or repeats the commenter's
    phone number or e-mail address. The unit's own contact details are fine."""
    if PersonalData.NIK in personal_data_in(reply):
        return "it shows a NIK"
    repeated = personal_data_shown(reply) & personal_data_shown(comment)
    if repeated:
        return "it repeats the phone number or e-mail address the citizen wrote"
    return None
