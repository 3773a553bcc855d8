"""The values a canned response is filled with for one ticket, computed the same way everywhere.

The central store renders the answers of a bulk answer with these, and the desk renders them again
offline to refuse a template that cannot be filled before anything is queued: both must agree word for
word, so the rules live here and nowhere else.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from .calendar import WIB

# How an answer addresses a reporter who is anonymous or gave no name: never their identity.
MASKED_REPORTER = "Pelapor"
# Deadlines are shown as Western Indonesian dates for now; units in WITA or WIT follow with their calendars.
DEADLINE_TIMEZONE = WIB
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def indonesian_date(day: date) -> str:
    """``5 Maret 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def local_deadline(due_at: datetime | None, timezone: str = DEADLINE_TIMEZONE) -> str | None:
    """A naive-UTC deadline as the local date a citizen reads, or None when the ticket has no deadline."""
    if due_at is None:
        return None
    return indonesian_date(due_at.replace(tzinfo=UTC).astimezone(ZoneInfo(timezone)).date())


def reporter_greeting(name: str | None, anonymous: bool) -> str:
    return MASKED_REPORTER if anonymous or not (name and name.strip()) else name.strip()


def ticket_values(
    reporter_name: str | None,
    anonymous: bool,
    tracking_no: str | None,
    unit_name: str | None,
    due_at: datetime | None,
    timezone: str = DEADLINE_TIMEZONE,
) -> dict[str, str | None]:
    """The variables of ``domain/canned.py`` for one ticket; a None value makes rendering refuse.
    ``timezone``: the unit's calendar's, so that the date is the one the unit's composer shows."""
    return {
        "nama_pelapor": reporter_greeting(reporter_name, anonymous),
        "nomor_tiket": tracking_no,
        "unit": unit_name,
        "tenggat": local_deadline(due_at, timezone),
    }
