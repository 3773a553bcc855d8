"""``aduan stats volumes|backlog|service``: the figures of reports/figures.py, as a table or as JSON."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date
from typing import Any

from ..domain.errors import BadInput
from ..domain.vocabulary import Channel, Kind
from ..reports.figures import AGE_BANDS, PERIODS, SPLITS, BacklogRow, ClockFigures, ServiceRow, VolumeRow
from ..server import commands
from .core import Cli, Commands, command, with_json


def register(top: Commands) -> None:
    stats = top.add_parser("stats", help="figures: volumes received, backlog, service levels")
    figures = stats.add_subparsers(dest="figure", required=True)
    volumes = _with_filter(command(figures, "volumes", stats_volumes, "reports received per day, week or month"))
    volumes.add_argument("--by", choices=PERIODS, default="day", help="count per day, week (from Monday) or month")
    volumes.add_argument("--split", choices=SPLITS, help="one line per channel, kind, category, unit or priority")
    backlog = _with_filter(command(figures, "backlog", stats_backlog, "open reports by status and age"))
    backlog.add_argument("--as-of", metavar="D", help="age as at the end of this day (default: now)")
    service = _with_filter(
        command(figures, "service", stats_service, "first-response and resolution deadlines met, per unit and officer")
    )
    service.add_argument("--as-of", metavar="D", help="judge running deadlines at the end of this day (default: now)")


def _with_filter(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
    sub.add_argument("--from", dest="since", metavar="D", help="first day of receipt, YYYY-MM-DD (included)")
    sub.add_argument("--to", dest="until", metavar="D", help="last day of receipt, YYYY-MM-DD (included)")
    sub.add_argument("--unit", action="append", default=[], help="unit code, with its sub-units (repeatable)")
    sub.add_argument("--channel", choices=[c.value for c in Channel])
    sub.add_argument("--kind", choices=[k.value for k in Kind])
    sub.add_argument("--category")
    return with_json(sub)


def _day(text: str | None, flag: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"{flag} {text!r} is not a date: write it as YYYY-MM-DD") from None


def _query(cli: Cli) -> commands.StatsQuery:
    a = cli.args
    return commands.StatsQuery(
        since=_day(a.since, "--from"),
        until=_day(a.until, "--to"),
        units=list(a.unit),
        channel=Channel(a.channel) if a.channel else None,
        kind=Kind(a.kind) if a.kind else None,
        category=a.category,
        by=getattr(a, "by", "day"),
        split=getattr(a, "split", None),
        as_of=_day(getattr(a, "as_of", None), "--as-of"),
    )


def table(header: list[str], rows: list[list[Any]]) -> str:
    """Columns padded to their widest cell; numbers to the right."""
    cells = [header] + [["-" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    numeric = [all(isinstance(row[i], int | float) or row[i] is None for row in rows) for i in range(len(header))]
    lines = []
    for row in cells:
        lines.append(
            "  ".join(
                c.rjust(w) if numeric[i] else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def stats_volumes(cli: Cli) -> None:
    rows: list[VolumeRow] = cli.call(commands.stats_volumes, _query(cli))
    data = [{"period": r.period.isoformat(), "key": r.key, "count": r.count} for r in rows]
    split = cli.args.split
    if not rows:
        text = "no reports received in this period"
    elif split is None:
        text = table([cli.args.by, "received"], [[r.period.isoformat(), r.count] for r in rows])
    else:
        text = table([cli.args.by, split, "received"], [[r.period.isoformat(), r.key or "-", r.count] for r in rows])
        text += f"\ntotal {sum(r.count for r in rows)}"
    cli.emit(data, text)


def stats_backlog(cli: Cli) -> None:
    rows: list[BacklogRow] = cli.call(commands.stats_backlog, _query(cli))
    bands = [label for label, _, _ in AGE_BANDS]
    by_status: dict[str, dict[str, int]] = {}
    for r in rows:
        by_status.setdefault(r.status, dict.fromkeys(bands, 0))[r.band] = r.count
    body = [[status, *counts.values(), sum(counts.values())] for status, counts in sorted(by_status.items())]
    if body:
        totals = [sum(counts[band] for counts in by_status.values()) for band in bands]
        body.append(["total", *totals, sum(totals)])
    text = table(["status \\ days open", *bands, "total"], body) if body else "no open reports"
    cli.emit([asdict(r) for r in rows], text)


def _clock(figures: ClockFigures) -> list[Any]:
    judged = figures.met + figures.breached
    share = f"{100 * figures.met / judged:.0f}%" if judged else "-"
    return [figures.met, figures.breached, figures.running, share, figures.median, figures.p90]


def stats_service(cli: Cli) -> None:
    rows: list[ServiceRow] = cli.call(commands.stats_service, _query(cli))
    header = ["unit", "officer", "received"]
    header += ["resp met", "breached", "running", "met %", "median h", "p90 h"]
    header += ["resol met", "breached", "running", "met %", "median d", "p90 d"]
    body = [[r.unit, r.officer or "(unit)", r.received, *_clock(r.first_response), *_clock(r.resolution)] for r in rows]
    text = table(header, body) if body else "no reports received in this period"
    if body:
        text += (
            "\nfirst response: working hours of the unit's calendar; resolution: calendar days, "
            "without the time waiting for the reporter"
        )
    cli.emit([asdict(r) for r in rows], text)
