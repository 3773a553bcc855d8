"""``aduan stats flows|reopen|returning|heatmap``: the behaviour figures of reports/behaviour.py, with the
same filter flags as the other ``stats`` figures, as a table or as JSON."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict

from ..reports.behaviour import FlowRow, HeatRow, ReopenRow, ReturningRow
from ..server import commands
from .core import Cli, Commands, command
from .stats import _query, _with_filter, table

FLOW_NAMES = {"transfer": "transfer", "not_ours": "not ours (bukan wewenang)", "referral": "referral"}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def register_behaviour(figures: Commands) -> None:
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
