"""Statistics on a large central database: the dashboard's first paint and each filter change, vs raw SQL.

    python bench/stats.py [--tickets 1000000] [--years 3] [--reuse PATH] [--repeat 3] [--quick]

1. A central SQLite database is filled by the demo generator (``demo.fill``, seed 1) with ``--tickets``
   reports spread over ``--years`` years with the seasons of a complaint desk, each with its response and
   resolution clocks (``desktop/demo/timeline.py``, ``desktop/demo/clocks.py``). ``--reuse PATH`` keeps the
   database at PATH and uses it again when it is there.
2. What the statistics window asks (``desktop/ui/stats/window.reload``): ``stats volumes`` and ``stats backlog``
   on one thread and ``stats service`` on another, as the window's two network threads do, for the same
   filter, each through ``desktop.server.commands`` (``run_direct``, authorized as the demo's first admin, who
   sees every unit) on a ``Store``, as the embedded database and the server run them. Timed until both halves
   are in, best / median of ``--repeat``:
   (a) the first paint: the window's opening filter (this month up to the last day of the demo, every unit,
       per day, split by channel);
   (b) each filter change from it: one unit (kanreg-3, with its sub-units), one channel (WhatsApp), one
       past month (a year before), split by category; and once, the whole span per month (the largest ask).
   Each line shows the three commands' share of the time.
3. The baseline, in the same run on the same file: ``SELECT date(created_at), channel, count(*) FROM ticket
   GROUP BY 1,2`` through ``sqlite3`` — every ticket grouped once by day and channel, no filter, no scope.
4. The two tabs the window asks for only when they are shown: Behaviour (``stats heatmap``, ``flows``,
   ``reopen``, ``returning`` for the opening filter) and Topics (``stats topics`` as of now).
5. The daily roll-up (``desktop/reports/rollup.py``): 1,000 new tickets are inserted and one refresh after them
   is timed beside the inserting.
Figures are printed, never judged: this is a benchmark, not a test. ``--quick`` is the smoke run the test
suite makes (2,000 tickets, each ask once), its figures meaningless.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    # Run as a script, Python puts bench/ on the path, not the repository root holding desktop/ and tests/.
    sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy import Connection, func, insert, select, update  # noqa: E402

from desktop.demo import generator as demo  # noqa: E402
from desktop.domain.clocks import DEFAULT_CALENDAR  # noqa: E402
from desktop.server import commands  # noqa: E402
from desktop.store.identity import Actor, load_actor  # noqa: E402
from desktop.store.schema import officer, sla_clock, ticket  # noqa: E402
from desktop.store.service import Store  # noqa: E402
from desktop.store.sla import read_rules  # noqa: E402

SEED = 1
BASELINE_SQL = "SELECT date(created_at), channel, count(*) FROM ticket GROUP BY 1,2"
UNIT = "kanreg-3"
CHANNEL = "whatsapp"
NEW_TICKETS = 1000
COPY_PREFIX = "BENCH"  # tracking numbers of the tickets the roll-up phase adds


@dataclass(frozen=True)
class Ask:
    """One filter of the window, as ``requests.Wanted`` holds it."""

    since: date | None
    until: date | None
    units: tuple[str, ...] = ()
    channel: str | None = None
    by: str = "day"
    split: str | None = "channel"

    def query(self) -> commands.StatsQuery:
        return commands.StatsQuery.model_validate(
            {
                "since": self.since,
                "until": self.until,
                "units": list(self.units),
                "channel": self.channel,
                "by": self.by,
                "split": self.split,
            }
        )


@dataclass
class Timed:
    total: list[float]  # seconds, one per repeat
    parts: dict[str, list[float]]
    rows: int  # volume rows of the last answer


def build(path: Path, tickets: int, years: float) -> float:
    """The demo on a new SQLite database at ``path``; returns the seconds the fill took."""
    store = Store(f"sqlite:///{path}")
    try:
        store.upgrade()
        started = time.perf_counter()
        store.admin(lambda conn: demo.fill(conn, tickets, SEED, years=years))
        return time.perf_counter() - started
    finally:
        store.dispose()


def upgrade(path: Path) -> None:
    store = Store(f"sqlite:///{path}")
    try:
        store.upgrade()
    finally:
        store.dispose()


def describe(store: Store) -> dict[str, Any]:
    def read(conn: Connection) -> dict[str, Any]:
        first, last, count = conn.execute(
            select(func.min(ticket.c.created_at), func.max(ticket.c.created_at), func.count()).where(
                ticket.c.deleted_at.is_(None)
            )
        ).one()
        clocks = conn.execute(select(func.count()).select_from(sla_clock)).scalar_one()
        # The window's "today" and its period are local days, in the agency's zone (WIB by default).
        agency = read_rules(conn).calendars.get(None) or DEFAULT_CALENDAR
        admin = conn.execute(
            select(officer.c.login).where(officer.c.role == "admin").order_by(officer.c.id).limit(1)
        ).scalar_one()
        return {
            "first": agency.local_day(first),
            "last": agency.local_day(last),
            "tickets": count,
            "clocks": clocks,
            "admin": admin,
        }

    return store.read(read)


def ask(store: Store, actor: Actor, wanted: Ask) -> tuple[float, dict[str, float], int]:
    """The window's three commands for one filter as the window sends them (``StatsWindow.reload``): volumes
    then backlog on one network thread, service levels beside them on the other. The seconds until both
    halves are in, and each command's own."""
    query = wanted.query()
    parts: dict[str, float] = {}

    def run(name: str) -> Any:
        started = time.perf_counter()
        answer = commands.run_direct(getattr(commands, f"stats_{name}"), store, actor, query)
        parts[name] = time.perf_counter() - started
        return answer

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        service = pool.submit(run, "service")
        volumes = run("volumes")
        run("backlog")
        service.result()
    return time.perf_counter() - started, parts, len(volumes)


def timed(store: Store, actor: Actor, wanted: Ask, repeat: int) -> Timed:
    result = Timed([], {"volumes": [], "backlog": [], "service": []}, 0)
    for _ in range(repeat):
        wall, parts, result.rows = ask(store, actor, wanted)
        result.total.append(wall)
        for name, seconds in parts.items():
            result.parts[name].append(seconds)
    return result


def raw_baseline(path: Path, repeat: int) -> tuple[list[float], int]:
    conn = sqlite3.connect(path)
    try:
        times = []
        rows = 0
        for _ in range(repeat):
            started = time.perf_counter()
            rows = len(conn.execute(BASELINE_SQL).fetchall())
            times.append(time.perf_counter() - started)
        return times, rows
    finally:
        conn.close()


def ms(values: list[float]) -> str:
    return f"{min(values) * 1000:.0f} / {statistics.median(values) * 1000:.0f} ms"


def parts_text(result: Timed) -> str:
    return " + ".join(f"{name[0]} {min(times) * 1000:.0f}" for name, times in result.parts.items())


def print_table(lines: list[tuple[str, str, str, str]]) -> None:
    print(f"\n{'measure':<56} {'Aduan (best / median)':>24} {'raw SQL baseline':>22}  volumes + backlog + service")
    for measure, aduan, baseline, parts in lines:
        print(f"{measure:<56} {aduan:>24} {baseline:>22}  {parts}")


def filters(today: date, first: date) -> list[tuple[str, Ask]]:
    """The window's opening filter, then each change from it, and the whole span per month."""
    opening = Ask(today.replace(day=1), today)
    year_before = (today.replace(day=1) - timedelta(days=365)).replace(day=1)
    month_end = (year_before + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return [
        ("first paint: this month, per day, by channel", opening),
        (f"filter: unit {UNIT}", replace(opening, units=(UNIT,))),
        (f"filter: channel {CHANNEL}", replace(opening, channel=CHANNEL)),
        (f"filter: month {year_before:%b %Y}", replace(opening, since=year_before, until=month_end)),
        ("filter: split by category", replace(opening, split="category")),
        (f"whole span {first:%b %Y}-{today:%b %Y}, per month", replace(opening, since=first, by="month")),
    ]


def measure(path: Path, repeat: int) -> list[tuple[str, str, str, str]]:
    store = Store(f"sqlite:///{path}")
    try:
        facts = describe(store)
        actor = store.read(load_actor, facts["admin"])
        today, first = facts["last"], facts["first"]
        print(
            f"database: {facts['tickets']:,} tickets from {first} to {today}, {facts['clocks']:,} clocks, "
            f"{path.stat().st_size / 2**20:,.0f} MiB; asking as {facts['admin']} (admin: every unit)"
        )
        ask(store, actor, Ask(today.replace(day=1), today))  # untimed: imports, the first connection, caches
        base, base_rows = raw_baseline(path, repeat)
        baseline = f"{ms(base)}"
        lines = []
        for name, wanted in filters(today, first):
            result = timed(store, actor, wanted, 1 if name.startswith("whole span") else repeat)
            label = f"{name} ({result.rows:,} rows)"
            lines.append((label[:56], ms(result.total), baseline, parts_text(result)))
        lines.extend(measure_tabs(store, actor, Ask(today.replace(day=1), today), min(repeat, 2), baseline))
        print(f"baseline: {BASELINE_SQL} -> {base_rows:,} rows, raw sqlite3 on the same file")
        lines.extend(measure_rollup(store))
        return lines
    finally:
        store.dispose()


def measure_rollup(store: Store) -> list[tuple[str, str, str, str]]:
    from desktop.reports.rollup import refresh

    store.admin(refresh)  # untimed: brings the roll-ups up to date with the demo
    started = time.perf_counter()
    store.admin(_copy_tickets, NEW_TICKETS)
    inserted = time.perf_counter() - started
    started = time.perf_counter()
    counted = store.admin(refresh)
    refreshed = time.perf_counter() - started
    store.admin(_withdraw_copies)  # untimed: a reused database keeps its tickets (the copies deleted)
    store.admin(refresh)
    return [
        (
            f"roll-up refresh after {NEW_TICKETS:,} new ({counted:,} re-counted)"[:56],
            f"{refreshed * 1000:.0f} ms",
            f"{inserted * 1000:.0f} ms (insert)",
            "",
        )
    ]


TABS = {
    "tab Behaviour: heat map, flows, reopen, returning": (
        "stats_heatmap",
        "stats_flows",
        "stats_reopen",
        "stats_returning",
    ),
    "tab Topics: this week and the 8 before, open ones": ("stats_topics",),
}


def measure_tabs(
    store: Store, actor: Actor, opening: Ask, repeat: int, baseline: str
) -> list[tuple[str, str, str, str]]:
    """The two tabs the window asks for only when they are shown (``StatsWindow._ask_shown_tab``)."""
    lines = []
    for name, names in TABS.items():
        totals: list[float] = []
        parts: dict[str, list[float]] = {command: [] for command in names}
        for _ in range(repeat):
            for command in names:
                query = commands.StatsQuery() if command == "stats_topics" else opening.query()
                started = time.perf_counter()
                commands.run_direct(getattr(commands, command), store, actor, query)
                parts[command].append(time.perf_counter() - started)
            totals.append(sum(times[-1] for times in parts.values()))
        shown = " + ".join(f"{command[6:]} {min(times) * 1000:.0f}" for command, times in parts.items())
        lines.append((name[:56], ms(totals), baseline, shown))
    return lines


def _withdraw_copies(conn: Connection) -> None:
    """The copies deleted as the app deletes a ticket (``deleted_at``), so that the figures of the next run
    on a reused database count the demo's tickets again (the raw baseline still sees the rows)."""
    from desktop.store.changes import stamp
    from desktop.store.clock import server_now

    now, change_seq = server_now(conn), stamp(conn)
    copies = ticket.c.tracking_no.like(f"{COPY_PREFIX}-%") & ticket.c.deleted_at.is_(None)
    conn.execute(update(ticket).where(copies).values(deleted_at=now, change_seq=change_seq))


def _copy_tickets(conn: Connection, count: int) -> None:
    """``count`` new tickets received now: copies of the newest ones with new ids and tracking numbers."""
    import uuid

    from desktop.store.changes import stamp
    from desktop.store.clock import server_now

    now = server_now(conn)
    change_seq = stamp(conn)  # what a refresh follows, as for any change
    newest = select(ticket).where(ticket.c.deleted_at.is_(None)).order_by(ticket.c.created_at.desc()).limit(count)
    rows = [dict(r._mapping) for r in conn.execute(newest)]
    for n, row in enumerate(rows):
        row.update(
            id=uuid.uuid4(),
            tracking_no=f"{COPY_PREFIX}-{now:%Y%m%d%H%M%S}-{n:06d}",
            created_at=now,
            updated_at=now,
            closed_at=None,
            status="diterima",
            claimed_by=None,
            claim_device=None,
            claim_expires_at=None,
            claim_token=0,
            change_seq=change_seq,
        )
    conn.execute(insert(ticket), rows)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--tickets", default=1_000_000, type=int, help="demo tickets (default 1000000)")
    parser.add_argument("--years", default=3.0, type=float, help="the span they arrive over (default 3)")
    parser.add_argument("--reuse", type=Path, help="keep the database at this path and reuse it when it is there")
    parser.add_argument("--repeat", default=3, type=int, help="times each filter is asked (default 3)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 2000 tickets, each filter once")
    args = parser.parse_args(argv)
    if args.quick:
        args.tickets, args.repeat = 2000, 1
    if args.tickets < 1 or args.repeat < 1 or not 0 < args.years <= demo.MAX_YEARS:
        parser.error(f"--tickets and --repeat must be positive, --years more than 0 and at most {demo.MAX_YEARS}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print("Statistics: the dashboard's first paint and filter changes through the server commands vs raw SQL")
    print(
        f"machine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}; load average at start: {load}"
    )
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="aduan-bench-stats-") as tmp:
        path = args.reuse or Path(tmp) / "stats.db"
        if args.reuse is not None and path.exists():
            print(f"database: reusing {path}")
            upgrade(path)  # untimed: a database kept from an older schema, as after an upgrade
        else:
            seconds = build(path, args.tickets, args.years)
            print(f"database: filled {args.tickets:,} demo tickets over {args.years:g} years in {seconds:.0f} s")
        print_table(measure(path, args.repeat))
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"\nload average at end: {load}; total time {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
