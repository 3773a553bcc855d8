"""``aduan stats …``: the figures of ``desktop/reports/`` (volumes, backlog, service levels, the behaviour figures,
topics, the monthly recap), as a table or as JSON."""

from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.errors import BadInput
from ..domain.vocabulary import Channel, Kind
from ..reports.behaviour import FlowRow, HeatRow, ReopenRow, ReturningRow
from ..reports.figures import AGE_BANDS, PERIODS, SPLITS, BacklogRow, ClockFigures, ServiceRow, VolumeRow
from ..reports.recap import MonthlyRecap, parse_month, summary_rows
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
    recap = with_json(command(figures, "recap", stats_recap, "the monthly recap of a unit, as PDF and/or XLSX"))
    recap.add_argument("--unit", action="append", default=[], help="unit code, with its sub-units (repeatable)")
    recap.add_argument("--month", required=True, metavar="YYYY-MM", help="the month, e.g. 2026-03")
    recap.add_argument("--pdf", metavar="FILE", help="write the recap as an A4 PDF, in Indonesian")
    recap.add_argument("--xlsx", metavar="FILE", help="write the recap as an Excel workbook, a sheet per table")
    _register_behaviour(figures)
    topics = command(figures, "topics", stats_topics, "recurring topics, and those rising this week")
    _with_topic_filter(topics)


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


def _with_topic_filter(sub: argparse.ArgumentParser) -> None:
    """The figures' filter without a period: topics look at the week of --as-of and the weeks before it."""
    sub.add_argument("--as-of", metavar="D", help="this week is the one of this day, up to its end (default: now)")
    sub.add_argument("--unit", action="append", default=[], help="unit code, with its sub-units (repeatable)")
    sub.add_argument("--channel", choices=[c.value for c in Channel])
    sub.add_argument("--kind", choices=[k.value for k in Kind])
    sub.add_argument("--category")
    with_json(sub)


def stats_topics(cli: Cli) -> None:
    from ..reports.topics import SPIKE_MIN_REPORTS, SPIKE_RATIO, TopicFigures

    a = cli.args
    query = commands.StatsQuery(
        units=list(a.unit),
        channel=Channel(a.channel) if a.channel else None,
        kind=Kind(a.kind) if a.kind else None,
        category=a.category,
        as_of=_day(a.as_of, "--as-of"),
    )
    found: TopicFigures = cli.call(commands.stats_topics, query)
    data = asdict(found)
    data["week_start"], data["as_of"] = found.week_start.isoformat(), found.as_of.isoformat()
    lines = []
    for r in found.rows:
        if r.spike:
            usual = f"{r.ratio:g}x the usual" if r.ratio is not None else "none in the weeks before"
            lines.append(f"! {r.this_week} reports about {_topic_name(r.terms)} since Monday, {usual}")
    body = [
        [_topic_name(r.terms), r.this_week, r.usual, r.ratio, r.open_now, r.reports, "yes" if r.spike else ""]
        for r in found.rows
    ]
    header = ["topic", "this week", "usual/week", "ratio", "open now", "reports", "rising"]
    text = "\n".join(lines + ([""] if lines else []))
    text += table(header, body) if body else "no topic: too few reports share their words"
    text += (
        f"\nthis week: {found.week_start.isoformat()} to {found.as_of.isoformat()}; usual: the average of the "
        f"{found.baseline_weeks} weeks before; rising: at least {SPIKE_MIN_REPORTS} reports and "
        f"{SPIKE_RATIO:g}x the usual; {found.topics} topics in {found.reports} reports (a topic is a guess from "
        "shared words)"
    )
    cli.emit(data, text)


def _topic_name(terms: tuple[str, ...]) -> str:
    return ", ".join(terms) if terms else "(words withheld)"


def _writable(text: str | None, flag: str) -> Path | None:
    """Checked before anything is counted: a folder that does not exist is refused, not found out later."""
    if text is None:
        return None
    path = Path(text)
    if path.is_dir() or not (path.parent if str(path.parent) else Path(".")).is_dir():
        raise BadInput(f"{flag} {text!r}: cannot write a file there (no such folder, or it is a folder)")
    return path


def stats_recap(cli: Cli) -> None:
    a = cli.args
    parse_month(a.month)  # a month that is no month is bad usage before anything is asked
    pdf, xlsx = _writable(a.pdf, "--pdf"), _writable(a.xlsx, "--xlsx")
    recap: MonthlyRecap = cli.call(commands.stats_recap, commands.RecapQuery(units=list(a.unit), month=a.month))
    written = []
    if xlsx is not None:
        from ..reports.recap_xlsx import write_recap_xlsx

        write_recap_xlsx(recap, xlsx)
        written.append(f"XLSX written to {xlsx}")
    if pdf is not None:
        from ..ui.stats.recap_pdf import write_recap_pdf

        write_recap_pdf(recap, pdf)
        written.append(f"PDF written to {pdf}")
    text = table(["monthly recap", ""], [[label, value] for label, value in summary_rows(recap)])
    cli.emit(commands.stats_recap.encode(recap), "\n".join([text, *written]))


# -- behaviour: flows, reopen, returning, heatmap (reports/behaviour.py) -------------------------------------

FLOW_NAMES = {"transfer": "transfer", "not_ours": "not ours (bukan wewenang)", "referral": "referral"}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _register_behaviour(figures: Commands) -> None:
    _with_filter(command(figures, "flows", stats_flows, "transfers, not-ours returns and referrals between units"))
    _with_filter(command(figures, "reopen", stats_reopen, "finished reports that were reopened, per unit"))
    _with_filter(command(figures, "returning", stats_returning, "reporters who came back, per channel"))
    _with_filter(command(figures, "heatmap", stats_heatmap, "reports received by weekday and hour, per channel"))


def _percent(share: float | None) -> str | None:
    return None if share is None else f"{100 * share:.0f}%"


def stats_flows(cli: Cli) -> None:
    rows: list[FlowRow] = cli.call(commands.stats_flows, _query(cli))
    body = [[FLOW_NAMES.get(r.kind, r.kind), r.from_unit, r.to_unit, r.count] for r in rows]
    text = table(["flow", "from unit", "to unit", "reports"], body) if body else "no flows between units"
    cli.emit([asdict(r) for r in rows], text)


def stats_reopen(cli: Cli) -> None:
    rows: list[ReopenRow] = cli.call(commands.stats_reopen, _query(cli))
    body = [[r.unit or "total", r.finished, r.reopened, _percent(r.share)] for r in rows]
    text = table(["unit", "finished", "reopened", "reopened %"], body) if body else "no finished reports"
    cli.emit([asdict(r) for r in rows], text)


def stats_returning(cli: Cli) -> None:
    rows: list[ReturningRow] = cli.call(commands.stats_returning, _query(cli))
    header = ["channel", "reporters", "returning", "filed before", "anonymous", "returning %"]
    body = [
        [r.channel or "all", r.reporters, r.returning, r.earlier, r.anonymous, _percent(r.share)]
        for r in rows
        if r.reporters or r.channel is None
    ]
    text = table(header, body)
    text += "\nanonymous reports count as one-off reporters; filed before: a report received before the period"
    cli.emit([asdict(r) for r in rows], text)


def stats_heatmap(cli: Cli) -> None:
    rows: list[HeatRow] = cli.call(commands.stats_heatmap, _query(cli))
    grids: dict[str, list[list[int]]] = defaultdict(lambda: [[0] * 24 for _ in WEEKDAYS])
    several = len({r.channel for r in rows}) > 1
    for r in rows:
        grids[r.channel][r.weekday][r.hour] += r.count
        if several:
            grids["all channels"][r.weekday][r.hour] += r.count
    blocks = []
    for name in sorted(grids, key=lambda n: (n != "all channels", n)):
        body = [[WEEKDAYS[day], *grids[name][day], sum(grids[name][day])] for day in range(len(WEEKDAYS))]
        blocks.append(f"{name}\n" + table(["day \\ hour", *(f"{h:02d}" for h in range(24)), "total"], body))
    text = "\n\n".join(blocks) if blocks else "no reports received in this period"
    cli.emit([asdict(r) for r in rows], text)
