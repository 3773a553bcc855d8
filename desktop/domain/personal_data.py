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
