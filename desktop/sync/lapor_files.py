"""SP4N-LAPOR! follow-ups written to a file on this computer, for the window: the rows come from where the
data is (the Aduan server, or the embedded database), the file is written here — what ``aduan lapor export``
does on the command line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .session import Session


@dataclass(frozen=True, slots=True)
class FollowUpsWritten:
    rows: int
    answers: int  # the rest are status changes
    path: str


def file_format_of(path: str) -> str:
    """The format the file's name asks for: XLSX for ``.xlsx``, else CSV."""
    return "xlsx" if Path(path).suffix.lower() == ".xlsx" else "csv"


def write_lapor_followups(session: Session, unit: str, since: datetime | None, path: str) -> FollowUpsWritten:
    from ..channels.lapor_followups import ANSWER, write_followups
    from ..server import commands

    rows = session.command(commands.lapor_export, commands.LaporExport(unit=unit, since=since))
    write_followups(rows, path, file_format_of(path))
    return FollowUpsWritten(len(rows), sum(1 for row in rows if row.kind == ANSWER), path)
