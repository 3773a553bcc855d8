"""``aduan lapor import FILE`` (admins) and ``aduan lapor export``: SP4N-LAPOR!.

``lapor import`` reads a LAPOR! export (CSV or XLSX) into tickets of a unit: each report once, however often
the file is imported; a row that cannot be read is listed with its number and reason and the others are
imported. It fails (exit 2) only when the file itself cannot be read as an export. ``lapor export`` writes
the unit's answers and status changes on LAPOR! tickets, with their LAPOR! IDs, for entering into LAPOR!.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from ..domain.errors import BadInput
from ..server import commands
from .core import Cli, Commands, command, with_json


def register(top: Commands) -> None:
    from ..channels.lapor import DEFAULT_EXPORT_MAPPING, DEFAULT_TIMEZONE, FIELDS

    lapor = top.add_parser("lapor", help="SP4N-LAPOR! reports: import them, export their follow-ups")
    actions = lapor.add_subparsers(dest="action", required=True)
    columns = ", ".join(f"{field}={DEFAULT_EXPORT_MAPPING.get(field, '-')}" for field in FIELDS)
    read = with_json(
        command(actions, "import", lapor_import, "import a LAPOR! export (CSV or XLSX) as tickets (admins)")
    )
    read.add_argument("file", help="the export: .csv (UTF-8 or Windows-1252, ',' or ';') or .xlsx")
    read.add_argument("--unit", required=True, help="code of the unit the reports go to")
    read.add_argument(
        "--mapping",
        help=f'JSON: Aduan field → column, overriding the defaults ({columns}); e.g. {{"id": "No. Tracking"}}',
    )
    read.add_argument("--timezone", default=DEFAULT_TIMEZONE, help=f"of the file's times (default {DEFAULT_TIMEZONE})")
    write = with_json(command(actions, "export", lapor_export, "write follow-ups of LAPOR! tickets for LAPOR!"))
    write.add_argument("--unit", required=True, help="code of the unit whose LAPOR! tickets are exported")
    write.add_argument("--since", help="only what happened at or after this time (ISO 8601; UTC unless it says)")
    write.add_argument("--format", dest="file_format", choices=["csv", "xlsx"], required=True)
    write.add_argument("--output", required=True, metavar="PATH", help="the file to write (replaced if it exists)")


def lapor_import(cli: Cli) -> None:
    from ..channels.lapor import DEFAULT_EXPORT_MAPPING, parse_mapping

    a = cli.args
    parse_mapping(a.mapping, DEFAULT_EXPORT_MAPPING)  # a bad --mapping is refused before the file is sent
    mapping = None if a.mapping is None else json.loads(a.mapping)
    imported = cli.call(commands.lapor_import, commands.LaporImport.of_file(a.unit, a.file, mapping, a.timezone))
    done, missing_columns = imported.report, imported.missing_columns
    data = {
        "unit": a.unit,
        "created": [{"row": r.row, "lapor_id": r.lapor_id, "tracking_no": r.tracking_no} for r in done.created],
        "present": [{"row": r.row, "lapor_id": r.lapor_id, "tracking_no": r.tracking_no} for r in done.present],
        "rejected": [{"row": r.row, "lapor_id": r.lapor_id, "reason": r.reason} for r in done.rejected],
        "missing_columns": list(missing_columns),
    }
    lines = [f"row {r.row}: LAPOR! {r.lapor_id} → {r.tracking_no}" for r in done.created]
    lines += [f"row {r.row}: LAPOR! {r.lapor_id} already present as {r.tracking_no}" for r in done.present]
    lines += [f"row {r.row}: rejected: {r.reason}" for r in done.rejected]
    if missing_columns:
        lines.append(f"note: the file has no column {', '.join(missing_columns)}; those fields stay empty")
    lines.append(f"{len(done.created)} created, {len(done.present)} already present, {len(done.rejected)} rejected")
    cli.emit(data, "\n".join(lines))


def lapor_export(cli: Cli) -> None:
    from ..channels.lapor_followups import write_followups

    a = cli.args
    since = parse_since(a.since) if a.since else None
    rows = cli.call(commands.lapor_export, commands.LaporExport(unit=a.unit, since=since))
    write_followups(rows, a.output, a.file_format)
    answers = sum(1 for r in rows if r.kind == "tindak_lanjut")
    data = {"unit": a.unit, "output": a.output, "format": a.file_format, "rows": len(rows), "answers": answers}
    cli.emit(
        data, f"{len(rows)} follow-ups ({answers} answers, {len(rows) - answers} status changes) written to {a.output}"
    )


def parse_since(text: str) -> datetime:
    """Naive UTC from ISO 8601: a date, or a date and time (naive means UTC; an offset or Z is honoured)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise BadInput(f"--since {text!r} is not a time: write it as 2026-01-31 or 2026-01-31T08:00:00+07:00") from None
    return moment if moment.tzinfo is None else moment.astimezone(UTC).replace(tzinfo=None)
