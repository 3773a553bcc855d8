"""``aduan ticket history ID`` and ``aduan audit search``: the audit log read in words.

Both run the commands of ``server/commands.py``: through the Aduan server as the signed-in officer, or on
the database directly (the embedded default, the owner's ``--db``). Times are printed in UTC; the days of
``--since``/``--until`` are calendar days in ``--timezone`` (default Asia/Jakarta, WIB), both included.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from ..domain.audit import (
    AUDIT_ACTIONS,
    DEFAULT_TIMEZONE,
    MAX_PAGE,
    SENTENCES,
    SUFFIXES,
    UNKNOWN,
    AuditEntry,
    describe,
    entry_json,
    write_csv,
)
from ..domain.errors import BadInput
from ..server import commands
from .answers import iso
from .core import Cli, Commands, command, with_json


def register(top: Commands, ticket: Commands) -> None:
    """``ticket history`` in the ``ticket`` group; the ``audit`` group."""
    history = with_json(command(ticket, "history", ticket_history, "who did what to a ticket, and when"))
    history.add_argument("ticket", help="ticket id or tracking number")

    audit = top.add_parser("audit", help="the audit log").add_subparsers(dest="action", required=True)
    search = command(audit, "search", audit_search, "search the audit log (supervisors: their units; admins: all)")
    search.add_argument("--officer", metavar="LOGIN", help="events by this officer")
    search.add_argument("--ticket", metavar="T", help="events of this ticket (tracking number or id)")
    search.add_argument("--action", metavar="A", choices=AUDIT_ACTIONS, help="this kind of event")
    search.add_argument("--since", metavar="YYYY-MM-DD", type=_day, help="from this day, included")
    search.add_argument("--until", metavar="YYYY-MM-DD", type=_day, help="up to this day, included")
    search.add_argument("--timezone", default=DEFAULT_TIMEZONE, help="the days' time zone (default %(default)s)")
    search.add_argument("--limit", type=int, default=50, help="at most this many events, newest first")
    search.add_argument("--before", type=int, metavar="ID", help="only events older than this id (the next page)")
    out = search.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON with stable keys")
    out.add_argument("--csv", metavar="FILE", help="write the events to a CSV file (- for standard output)")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"not a day: {text!r} (write it as YYYY-MM-DD)") from None


def in_words(entry: AuditEntry) -> str:
    return describe(entry, SENTENCES, SUFFIXES, UNKNOWN)


def line(entry: AuditEntry) -> str:
    """One entry on one line: when, which ticket, who, what, under which claim, from where."""
    who = entry.officer or "(channel)"
    where = "online" if entry.online else f"offline on {entry.device or 'an unknown device'}"
    claim = f" [claim {entry.claim_token}]" if entry.claim_token is not None else ""
    ticket = f" {entry.tracking_no}" if entry.tracking_no else ""
    return f"{iso(entry.created_at)}{ticket} {who}: {in_words(entry)}{claim} ({where})"


def ticket_history(cli: Cli) -> None:
    entries = cli.call(commands.ticket_history, commands.TicketHistory(ticket=cli.args.ticket))
    cli.emit([entry_json(e, in_words(e)) for e in entries], "\n".join(line(e) for e in entries) or "no events")


def audit_search(cli: Cli) -> None:
    a = cli.args
    if a.limit < 1:
        raise BadInput("--limit must be at least 1")
    entries, more = _collect(cli, a.limit)
    if a.csv is not None:
        _export(entries, a.csv)
        return
    text = "\n".join(line(e) for e in entries) or "no events"
    if more is not None:
        text += f"\nmore: --before {more}"
    cli.emit([entry_json(e, in_words(e)) for e in entries], text)


def _collect(cli: Cli, limit: int) -> tuple[list[AuditEntry], int | None]:
    """Up to ``limit`` entries, a page at a time; and the id to continue before, if there are more."""
    a = cli.args
    entries: list[AuditEntry] = []
    before = a.before
    while True:
        request = commands.AuditSearch(
            officer=a.officer,
            ticket=a.ticket,
            action=a.action,
            since=a.since,
            until=a.until,
            timezone=a.timezone,
            before_id=before,
            limit=min(MAX_PAGE, limit - len(entries)),
        )
        page = cli.call(commands.audit_search, request)
        entries.extend(page.entries)
        before = page.next_before
        if before is None or len(entries) >= limit:
            return entries, before


def _export(entries: list[AuditEntry], target: str) -> None:
    if target == "-":
        write_csv(entries, in_words, sys.stdout)
        return
    try:
        # With the byte-order mark: Excel on Windows then reads the file as UTF-8.
        with Path(target).open("w", encoding="utf-8-sig", newline="") as out:
            count = write_csv(entries, in_words, out)
    except OSError as exc:
        raise BadInput(f"cannot write {target}: {exc.strerror}") from None
    print(f"{count} event{'' if count == 1 else 's'} written to {target}")
