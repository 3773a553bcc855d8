"""The inbox on a large cache: start-up to first paint, filters, search, scrolling, GUI stalls, memory.

    python bench/inbox.py [--tickets 1000000] [--reuse PATH] [--sync-tickets 100000] [--repeat 5] [--quick]

1. A cache with ``--tickets`` tickets (one inbound message each with Indonesian complaint text from the
   demo generator's topics, and a reply on most closed ones; one ticket in a thousand referred to another
   unit, half of them to the officer's) is written by raw ``sqlite3`` executemany into the cache's own
   schema, naming the columns of ``desktop/cache/schema.py``'s tables (indexes dropped during the load and
   created again after, full-text indexes rebuilt at the end: the same tables, indexes, triggers and index
   contents a sync leaves). It is bound to a small central SQLite database (schema, directory, the officer)
   so that the app opens it like any other cache. ``--reuse PATH`` keeps the cache (and its central,
   PATH.central.db) for the next run.
2. In a child process (``QT_QPA_PLATFORM=offscreen``), the real start path: ``start_app``, ``open_shell``
   (session, main window, shown). Its sync loop is stopped at once: that central does not hold the
   million tickets, and a sync would re-snapshot the cache. The child measures:
   (a) first paint: from the parent's timestamp taken just before it launched the child (so Python's own
       start-up is included) to the end of the inbox table's first paint that shows rows;
   (b) a filter: from choosing it in the combo box / view tab to the model's first page being in
       (``InboxModel.started``); (c) a search: from Enter in the search box (the 250 ms typing debounce
       is not counted) to the same. Before each action the previous one's count has finished, so the cache
       thread is idle; each is repeated ``--repeat`` times, best and median printed;
   (d) scrolling to the end: scrollToBottom until the model cannot fetch more, and the last rows shown;
   (f) the window process's peak RSS (``getrusage`` maxrss).
3. (e) In another child, a fresh cache and a central filled by ``bench/sync.py``'s filler (the demo
   generator, ``--sync-tickets`` tickets, about 3.5 messages each): the window opens on it as the demo
   admin and its own sync loop runs the initial sync; a 10 ms QTimer heartbeat records the longest gap
   between beats from the window being shown until the sync and the reloads it causes are done. Mid-sync,
   a filter is applied and the time to its first page recorded (can the inbox read while the sync writes?).
4. The window of 2. again on an encrypted copy of the same cache (SQLCipher, encrypted in place as a workspace's
   cache is, its key in a keyring file, the unit policy requiring encryption): first paint and each filter and
   search, beside the plain cache's figures of the same run.
Baselines, in the same run on the same files: a bare ``python`` process that runs the Everything view's
first page (same SQL shape: first 200 rows by deadline with the unit and holder joins) through
``sqlite3`` — its process start to rows, and that query on a warm connection; the same raw query for each
filter and search; every key in deadline order for scrolling; the heartbeat in an idle window for stalls.
Aims (from the issue) are printed as met or NOT met, never asserted: this is a benchmark, not a test.
``--quick`` is the smoke run the test suite makes: every phase and check on tiny data (2,000 tickets, a sync of
300, each action once), its figures meaningless.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Table

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    # Run as a script, Python puts bench/ on the path, not the repository root holding desktop/ and tests/.
    sys.path.insert(0, str(REPO_ROOT))

AIM_FIRST_PAINT_S = 1.5
AIM_FILTER_MS = 100.0
AIM_STALL_MS = 100.0
AIM_PEAK_MIB = 300.0
HEARTBEAT_MS = 10
BATCH = 50_000
OFFICER = "bench.officer"  # the cache's owner: an officer of two units
MY_UNITS = ("humas", "kanreg-3")
OFFICERS = 300
REFERRAL_EVERY = 1000  # one ticket in a thousand was asked about across units (the Referrals tab)
SEARCHES = ("pungutan", "kursi roda", "antrean loket", "zzzz")  # and a tracking number from the cache

FIRST_PAGE_SQL = (
    "SELECT t.rowid, t.id, t.tracking_no, t.subject, t.reporter_name, t.reporter_anonymous, t.channel, t.kind, "
    "t.status, t.unit_id, u.code, t.claimed_by, h.login, h.name, t.claim_expires_at, t.due_at, t.updated_at "
    "FROM ticket t LEFT JOIN unit u ON u.id = t.unit_id LEFT JOIN officer h ON h.id = t.claimed_by "
    "WHERE t.due_at IS NOT NULL AND t.status NOT IN ('selesai', 'diarsipkan') {where} ORDER BY t.due_at, t.rowid "
    "LIMIT 200"
)  # the inbox's default order, most urgent first, starts with the open tickets by deadline
_OPEN = "t.status NOT IN ('selesai', 'diarsipkan')"
# A search's first page in the search index's order (newest document first), like the inbox reads it.
SEARCH_PAGE_SQL = (
    "SELECT t.rowid, t.id, t.tracking_no, t.subject, t.reporter_name, t.reporter_anonymous, t.channel, t.kind, "
    "t.status, t.unit_id, u.code, t.claimed_by, h.login, h.name, t.claim_expires_at, t.due_at, t.updated_at "
    "FROM ticket_search f JOIN search_doc d ON d.docid = f.rowid JOIN ticket t ON t.id = d.ticket_id "
    "LEFT JOIN unit u ON u.id = t.unit_id LEFT JOIN officer h ON h.id = t.claimed_by "
    "WHERE ticket_search MATCH :q ORDER BY f.rowid DESC LIMIT 200"
)


# --- the cache: filled by raw SQL -------------------------------------------------------------------------


def _units() -> list[tuple[str, str]]:
    from desktop.demo import generator as demo

    return [(code, name) for code, name, _parent, _cities in demo._UNITS]


def build_cache(path: Path, tickets: int, seed: int = 1) -> float:
    """Write the cache and its central; returns the seconds it took."""
    from desktop.cache.database import Cache
    from desktop.cache.state import set_state
    from desktop.domain.vocabulary import Role
    from desktop.store import directory
    from desktop.store.service import Store
    from tests.store.helpers import add_officer_without_login

    started = time.perf_counter()
    central = central_of(path)
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), central):
        file.unlink(missing_ok=True)
    store = Store(f"sqlite:///{central}")
    try:
        store.upgrade()
        for code, name in _units():
            store.admin(directory.add_unit, code, name)
        store.admin(add_officer_without_login, OFFICER, "Bench Officer", list(MY_UNITS), Role.OFFICER)
        central_url = store.url
    finally:
        store.dispose()
    cache = Cache(path)
    cache.bind(_identity(central_url), OFFICER)
    with cache.write() as local:  # signed in as the officer (id 1 below), synced once, offline
        for key, value in (("officer_id", 1), ("cursor", "bench"), ("online", 0)):
            set_state(local, key, value)
    cache.dispose()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=OFF")  # a load, not the app's own writes; checked and synced after
        _fill(conn, tickets, random.Random(seed))
    finally:
        conn.close()
    return time.perf_counter() - started


def central_of(path: Path) -> Path:
    return Path(f"{path}.central.db")


def _identity(url: str) -> str:
    from desktop.sync.central import central_identity

    return central_identity(url)


def insert_sql(table: Table, columns: str) -> str:
    """An INSERT of the named (space-separated) columns of one of the cache's own tables: a column the schema
    no longer has fails here by its name, one it gained since takes its default (a fill by position broke
    silently on the next column added to the mirror)."""
    names = [table.c[name].name for name in columns.split()]
    return f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"


def _fill(conn: sqlite3.Connection, tickets: int, rng: random.Random) -> None:
    from desktop.cache import schema as cache_schema
    from desktop.demo import generator as demo
    from desktop.domain.status import Status
    from desktop.domain.vocabulary import Channel

    units = _units()
    unit_ids = {code: number for number, (code, _name) in enumerate(units, start=1)}
    conn.execute("BEGIN")
    # Indexes and the row triggers of the full-text index come back after the load (a sorted build is
    # several times faster than keeping 14 indexes up to date row by row); the text is indexed by a rebuild.
    saved = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('ticket', 'message') "
        "AND type IN ('index', 'trigger') AND sql IS NOT NULL"
    ).fetchall()
    for kind, name, _sql in saved:
        conn.execute(f"DROP {kind.upper()} {name}")
    names = dict(units)
    conn.executemany(
        insert_sql(cache_schema.unit, "id code name lease_seconds"),
        [(i, c, names[c], 14400) for c, i in unit_ids.items()],
    )
    first = ("Ani", "Budi", "Sari", "Rudi", "Dewi", "Agus", "Rina", "Joko", "Wati", "Hadi", "Lina", "Eko")
    last = ("Wijaya", "Santoso", "Lestari", "Hidayat", "Saputra", "Kusuma", "Pratama", "Nugroho", "Siregar")
    officers = [(1, OFFICER, "Bench Officer", "officer", 1)]
    officers += [
        (i, f"petugas{i:03d}", f"{rng.choice(first)} {rng.choice(last)} {i}", "officer", 1)
        for i in range(2, OFFICERS + 1)
    ]
    conn.executemany(insert_sql(cache_schema.officer, "id login name role active"), officers)
    members = [(1, unit_ids[code]) for code in MY_UNITS] + [(i, 1 + i % len(units)) for i in range(2, OFFICERS + 1)]
    conn.executemany(insert_sql(cache_schema.membership, "officer_id unit_id"), members)

    now = datetime.utcnow()  # naive UTC like the cache
    fmt = "%Y-%m-%d %H:%M:%S.%f"
    topics = demo._weighted([(t, t.weight) for t in demo._TOPICS])
    open_statuses = [s.value for s in Status if s not in (Status.SELESAI, Status.DIARSIPKAN)]
    channels = [c.value for c in Channel]
    ticket_sql = insert_sql(
        cache_schema.ticket,
        "id tracking_no kind category priority status unit_id channel subject due_at claimed_by claim_token "
        "claim_expires_at row_version change_seq created_at updated_at closed_at reporter_name reporter_anonymous "
        "reporter_confidential",
    )
    message_sql = insert_sql(
        cache_schema.message, "id ticket_id direction channel author_id body_text change_seq created_at delivery"
    )
    rows: list[tuple[Any, ...]] = []
    messages: list[tuple[Any, ...]] = []
    referrals: list[tuple[Any, ...]] = []
    asking = random.Random(rng.random())  # the referrals draw from their own generator: the tickets do not
    # depend on how many there are
    span = 3 * 365 * 24 * 3600  # tickets of the last three years, oldest first
    for n in range(tickets):
        topic = rng.choice(topics)
        code = rng.choice(topic.units)
        unit_id = unit_ids.get(code, 1)
        created = now - timedelta(seconds=span * (1 - n / tickets) + rng.random() * 3600)
        closed = rng.random() < 0.7 and created < now - timedelta(days=2)
        status = rng.choice(["selesai", "selesai", "diarsipkan"]) if closed else rng.choice(open_statuses)
        claimed = None if closed or rng.random() < 0.6 else (1 if rng.random() < 0.01 else rng.randrange(2, 301))
        lease = now + timedelta(minutes=rng.randrange(-30, 240)) if claimed else None
        due = created + timedelta(days=rng.choice((2, 5, 10, 14))) if rng.random() > 0.05 else None
        anonymous = rng.random() < 0.1
        fills = {
            "kantor": names[code],
            "kota": "Bandung",
            "lokasi": f"{rng.choice(demo._STREETS)}, Bandung",
            "layanan": rng.choice(demo._SERVICES),
            "jumlah": rng.choice(demo._AMOUNTS),
            "waktu": rng.choice(demo._WHEN),
            "paket": rng.choice(demo._PROCUREMENTS),
            "nomor": "",
            "unit": code,
            "petugas": "",
            "sapaan": "Pelapor",
        }
        report = int(rng.random() * len(topic.subjects))
        subject = topic.subjects[report].format_map(fills)
        body = topic.bodies[report].format_map(fills)
        ticket_id = uuid.UUID(int=rng.getrandbits(128)).hex
        channel = rng.choice(channels)
        updated = created + timedelta(hours=rng.randrange(1, 200))
        rows.append(
            (
                ticket_id,
                f"ADU-{created.year}-{n:07d}",
                topic.kind.value,
                topic.category,
                2,
                status,
                unit_id,
                channel,
                subject,
                due.strftime(fmt) if due else None,
                claimed,
                1,
                lease.strftime(fmt) if lease else None,
                1,
                n + 1,
                created.strftime(fmt),
                updated.strftime(fmt),
                updated.strftime(fmt) if closed else None,
                None if anonymous else f"{rng.choice(first)} {rng.choice(last)}",
                anonymous,
                False,
            )
        )
        messages.append(
            (
                uuid.UUID(int=rng.getrandbits(128)).hex,
                ticket_id,
                "inbound",
                channel,
                None,
                body,
                n + 1,
                created.strftime(fmt),
                None,
            )
        )
        if closed and rng.random() < 0.8:
            answer = rng.choice(demo._PROGRESS).format_map({**fills, "isi": "Laporan Anda telah kami tindak lanjuti."})
            messages.append(
                (
                    uuid.UUID(int=rng.getrandbits(128)).hex,
                    ticket_id,
                    "outbound",
                    channel,
                    rng.randrange(2, 301),
                    answer,
                    n + 1,
                    updated.strftime(fmt),
                    "sent",
                )
            )
        if n % REFERRAL_EVERY == REFERRAL_EVERY // 2:
            to_me = len(referrals) % 2 == 0
            referrals.append(_referral(asking, rows[-1], body, n + 1, [unit_ids[c] for c in MY_UNITS], to_me, fmt))
        if len(rows) >= BATCH:
            conn.executemany(ticket_sql, rows)
            conn.executemany(message_sql, messages)
            rows, messages = [], []
    conn.executemany(ticket_sql, rows)
    conn.executemany(message_sql, messages)
    conn.executemany(
        insert_sql(
            cache_schema.referral,
            "id ticket_id from_unit_id to_unit_id question asked_by answer answered_by answered_at change_seq "
            "created_at ticket_tracking_no ticket_subject first_message reporter_name reporter_anonymous "
            "reporter_confidential",
        ),
        referrals,
    )
    for _kind, _name, sql in saved:
        conn.execute(sql)
    from desktop.cache import search_index

    conn.execute("INSERT OR IGNORE INTO search_pending SELECT id FROM ticket")
    for statement in search_index.CATCH_UP_SQL:
        conn.execute(statement)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _referral(
    rng: random.Random, ticket: tuple[Any, ...], body: str, seq: int, my_units: list[int], to_me: bool, fmt: str
) -> tuple[Any, ...]:
    """A question about ``ticket`` (a row in ``_fill``'s column order) from its unit to another one (one of
    ``my_units`` when ``to_me``), with the ticket's summary a sync mirrors; half of them answered a day later."""
    ticket_id, tracking_no, subject, unit_id, created = ticket[0], ticket[1], ticket[8], ticket[6], ticket[15]
    reporter_name, anonymous = ticket[18], ticket[19]
    others = [number for number in range(1, len(_units()) + 1) if number != unit_id]
    to_unit = rng.choice([number for number in others if number in my_units] if to_me else others)
    asked = datetime.strptime(created, fmt) + timedelta(hours=rng.randrange(1, 72))
    answered = asked + timedelta(days=1) if rng.random() < 0.5 else None
    return (
        uuid.UUID(int=rng.getrandbits(128)).hex,
        ticket_id,
        unit_id,
        to_unit,
        "Mohon informasi apakah laporan ini pernah ditangani unit Anda sebelumnya?",
        rng.randrange(2, OFFICERS + 1),
        "Sudah, pada bulan lalu; berkasnya kami kirimkan." if answered else None,
        rng.randrange(2, OFFICERS + 1) if answered else None,
        answered.strftime(fmt) if answered else None,
        seq,
        asked.strftime(fmt),
        tracking_no,
        subject,
        body,
        reporter_name,
        anonymous,
        False,
    )


def tracking_number(path: Path) -> str:
    """A tracking number from the middle of the cache, as an officer would paste it."""
    conn = sqlite3.connect(path)
    try:
        return str(
            conn.execute("SELECT tracking_no FROM ticket WHERE rowid = (SELECT max(rowid) / 2 FROM ticket)").fetchone()[
                0
            ]
        )
    finally:
        conn.close()


def describe_cache(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        found = {
            "tickets": conn.execute("SELECT count(*) FROM ticket").fetchone()[0],
            "messages": conn.execute("SELECT count(*) FROM message").fetchone()[0],
            "open": conn.execute(f"SELECT count(*) FROM ticket t WHERE {_OPEN}").fetchone()[0],
            "referrals": conn.execute("SELECT count(*) FROM referral").fetchone()[0],
            "referrals_to_me": conn.execute(
                "SELECT count(*) FROM referral WHERE to_unit_id IN "
                "(SELECT unit_id FROM membership WHERE officer_id = 1)"
            ).fetchone()[0],
            "my_units": conn.execute(
                f"SELECT count(*) FROM ticket t WHERE {_OPEN} AND unit_id IN "
                "(SELECT unit_id FROM membership WHERE officer_id = 1)"
            ).fetchone()[0],
        }
    finally:
        conn.close()
    found["mib"] = path.stat().st_size // 2**20
    return found


# --- baselines: raw sqlite3 --------------------------------------------------------------------------------


RAW_CHILD = """
import sqlite3, sys, time, resource
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(sys.argv[2]).fetchall()
done = time.time()
print(repr((done, len(rows), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))
"""


def raw_start(path: Path) -> tuple[float, float]:
    """A bare Python process that reads the first page: (seconds from launch to rows, peak RSS MiB)."""
    launched = time.time()
    out = subprocess.run(
        [sys.executable, "-c", RAW_CHILD, str(path), FIRST_PAGE_SQL.format(where="")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    done, _rows, rss = eval(out)  # our own child's repr of a tuple of numbers
    return done - launched, rss


def raw_query_ms(path: Path, sql: str, params: dict[str, Any] | None = None, repeat: int = 5) -> list[float]:
    conn = sqlite3.connect(path)
    try:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            conn.execute(sql, params or {}).fetchall()
            times.append((time.perf_counter() - started) * 1000)
        return times
    finally:
        conn.close()


def raw_all_keys_s(path: Path) -> float:
    conn = sqlite3.connect(path)
    try:
        started = time.perf_counter()
        # Most urgent first: the open tickets by deadline, then the open ones without one, then the finished.
        is_open = "status NOT IN ('diarsipkan', 'selesai')"
        by_deadline = f"SELECT rowid, due_at FROM ticket WHERE {is_open} AND due_at IS NOT NULL ORDER BY due_at, rowid"
        conn.execute(by_deadline).fetchall()
        conn.execute(f"SELECT rowid FROM ticket WHERE {is_open} AND due_at IS NULL ORDER BY rowid").fetchall()
        conn.execute(f"SELECT rowid FROM ticket WHERE NOT ({is_open}) ORDER BY rowid").fetchall()
        return time.perf_counter() - started
    finally:
        conn.close()


# The tabs' counts' baseline: the same number of capped counts (one per view) of the cheapest shape.
RAW_COUNTS_SQL = " UNION ALL ".join(["SELECT count(*) FROM (SELECT 1 FROM ticket LIMIT :cap)"] * 6)


def view_counts_ms(path: Path, repeat: int) -> tuple[list[float], int]:
    """The six tabs' counts as the inbox reads them after every sync (``inbox.load_view_counts``)."""
    from desktop.cache.database import Cache
    from desktop.views import inbox

    cache = Cache(path)
    try:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            inbox.load_view_counts(cache)
            times.append((time.perf_counter() - started) * 1000)
        return times, inbox.VIEW_COUNT_CAP
    finally:
        cache.dispose()


def baseline_sql(action: str) -> tuple[str, dict[str, Any]]:
    """The raw query of an action's first page."""
    mine = "t.unit_id IN (SELECT unit_id FROM membership WHERE officer_id = 1)"
    if action.startswith("search "):
        from desktop.cache import search_index

        typed = action.removeprefix("search ").strip("'")
        expression = search_index.match_expression(search_index.search_words(typed))
        return SEARCH_PAGE_SQL, {"q": expression}
    where = {
        "view Unclaimed": f"AND {mine} AND {_OPEN} AND (t.claimed_by IS NULL OR t.claim_expires_at < :now)",
        "view My unit": f"AND {mine} AND {_OPEN}",
        "view Mine": "AND t.claimed_by = 1",
        "filter status diterima": "AND t.status = 'diterima'",
        "filter channel surat": "AND t.channel = 'letter'",
        "filter unit kanreg-5": "AND t.unit_id = (SELECT id FROM unit WHERE code = 'kanreg-5')",
    }[action]
    return FIRST_PAGE_SQL.format(where=where), {"now": datetime.utcnow().isoformat(" ")}


# --- children: the real window ----------------------------------------------------------------------------


def launch_window(
    mode: str,
    cache: Path,
    central_url: str,
    login: str,
    repeat: int,
    searches: list[str] | None = None,
    extra_env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Run the window in a fresh process; its figures come back as one JSON line."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(extra_env or {}))
    spec = json.dumps(
        {"mode": mode, "cache": str(cache), "url": central_url, "login": login, "repeat": repeat, "searches": searches}
    )
    launched = time.time()
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", spec, "--launched", repr(launched)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return dict(json.loads(line.removeprefix("RESULT ")))
    raise RuntimeError(f"the window child failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr[-4000:]}")


def child_main(spec_json: str, launched: float) -> int:
    """In the child: the app's real start path, then the measurements of ``mode``."""
    spec = json.loads(spec_json)
    import qasync

    from desktop.settings import Settings
    from desktop.ui.app import start_app

    work = Path(tempfile.mkdtemp(prefix="aduan-bench-inbox-settings-"))
    settings = Settings(policy_path=work / "no-policy.json", user_path=work / "settings.json")
    app = start_app(settings)
    measure = {"inbox": _window_inbox, "sync": _window_sync, "idle": _window_idle}[spec["mode"]]
    result = qasync.run(_in_window(app, settings, spec, launched, measure))
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(result), flush=True)
    os._exit(0)  # the figures are out; skip tearing down a window with a million-row model


async def _in_window(
    app: Any, settings: Any, spec: dict[str, Any], launched: float, measure: Callable[..., Any]
) -> dict[str, Any]:
    from desktop.security.credentials import MemoryCredentials
    from desktop.ui.app import open_shell

    painted: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    heart = Heartbeat()
    if spec["mode"] == "sync":
        heart.start()
    shell = await open_shell(settings, spec["url"], spec["login"], Path(spec["cache"]), MemoryCredentials())
    assert not isinstance(shell, int), f"the window did not open (exit code {shell})"
    window = shell.window
    assert window is not None
    shown = time.time()
    heart.shown()
    if spec["mode"] == "inbox":
        window.sync.stop()  # see the module's docstring: this central does not hold the cache's tickets
    table = window.inbox.table
    model = window.inbox.model
    original = table.paintEvent

    def paint(event: Any) -> None:
        original(event)
        if not painted.done() and model.rowCount() and model.ticket_id(0) is not None:
            painted.set_result(time.time())

    table.paintEvent = paint  # type: ignore[method-assign] - an instance override PySide6 dispatches to
    table.viewport().update()
    result = {"shown_s": shown - launched}
    if spec["mode"] == "inbox":  # the other windows open on an empty cache, or on a view the admin has empty
        result["first_paint_s"] = await painted - launched
    result.update(await measure(window, spec, heart))
    return result


class Heartbeat:
    """A 10 ms QTimer on the GUI thread: the longest gap between beats is the longest stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self.beat)
        self.last = 0.0
        self.gaps: list[float] = []
        self.shown_at = 0  # the beats before it, and the one after it, span the window's opening

    def start(self) -> None:
        self.last = time.perf_counter()
        self.gaps = []
        self.timer.start()

    def shown(self) -> None:
        self.shown_at = len(self.gaps)

    def opening_and_after(self) -> tuple[float, float]:
        """The longest gap in ms while the window was opened (built and shown on this thread), and after."""
        cut = self.shown_at + 1
        return max(self.gaps[:cut], default=0.0) * 1000, max(self.gaps[cut:], default=0.0) * 1000

    def beat(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self.last)
        self.last = now

    def stop(self) -> float:
        """The longest gap in ms, beyond the interval itself."""
        self.timer.stop()
        return (max(self.gaps, default=0.0)) * 1000


async def _signal(signal: Any, timeout: float = 120.0) -> None:
    future: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def fire(*_args: Any) -> None:
        if not future.done():
            future.set_result(None)

    signal.connect(fire)
    try:
        await asyncio.wait_for(future, timeout)
    finally:
        signal.disconnect(fire)


def _one_then_other(first: Any, then: Any) -> tuple[asyncio.Future[None], asyncio.Future[None]]:
    """Futures done at ``first``'s next emission, and at ``then``'s first emission after that one."""
    loop = asyncio.get_running_loop()
    first_done: asyncio.Future[None] = loop.create_future()
    then_done: asyncio.Future[None] = loop.create_future()

    def on_first(*_args: Any) -> None:
        if not first_done.done():
            first_done.set_result(None)

    def on_then(*_args: Any) -> None:
        if first_done.done() and not then_done.done():
            then_done.set_result(None)

    first.connect(on_first)
    then.connect(on_then)
    return first_done, then_done


async def _settled(view: Any, timeout: float = 120.0) -> None:
    """Until the count of the last query has been read: the cache thread is idle again."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        label = view.count_label.text()
        if ": " in label and "counting" not in label.lower():  # "Reports: 1,234" (the words may change)
            await asyncio.sleep(0.05)
            return
        await asyncio.sleep(0.01)
    raise TimeoutError("the inbox count did not finish")


async def _timed_action(view: Any, act: Callable[[], None]) -> float:
    """ms from the action to the model's first page of the new query."""
    started_signal = view.model.started
    waiter = asyncio.ensure_future(_signal(started_signal))
    await asyncio.sleep(0)
    started = time.perf_counter()
    act()
    await waiter
    return (time.perf_counter() - started) * 1000


def _actions(view: Any, spec: dict[str, Any]) -> list[tuple[str, Callable[[], None], Callable[[], None]]]:
    """(name, apply, undo): each a control the officer touches; views are the tabs (0 = Unclaimed)."""

    def combo(widget: Any, data: str) -> tuple[Callable[[], None], Callable[[], None]]:
        return (lambda: widget.setCurrentIndex(widget.findData(data))), (lambda: widget.setCurrentIndex(0))

    def tab(index: int) -> tuple[Callable[[], None], Callable[[], None]]:
        return (lambda: view.views.setCurrentIndex(index)), (lambda: view.views.setCurrentIndex(4))

    def search(words: str) -> tuple[Callable[[], None], Callable[[], None]]:
        def apply() -> None:
            view.search.setText(words)
            view.search.returnPressed.emit()  # Enter: no debounce

        def undo() -> None:
            view.search.setText("")
            view.search.returnPressed.emit()

        return apply, undo

    found: list[tuple[str, Callable[[], None], Callable[[], None]]] = [
        ("view Unclaimed", *tab(0)),
        ("view Mine", *tab(1)),
        ("view My unit", *tab(2)),
        ("filter status diterima", *combo(view.status, "diterima")),
        ("filter channel surat", *combo(view.channel, "letter")),
        ("filter unit kanreg-5", *combo(view.unit, "kanreg-5")),
    ]
    found += [(f"search '{words}'", *search(words)) for words in spec["searches"]]
    return found


async def _window_inbox(window: Any, spec: dict[str, Any], _heart: Heartbeat) -> dict[str, Any]:
    view = window.inbox
    if view.views.currentIndex() != 4:
        await _timed_action(view, lambda: view.views.setCurrentIndex(4))  # Everything: the baseline's view
    await _settled(view)
    timings: dict[str, list[float]] = {}
    rows: dict[str, int] = {}
    for _round in range(spec["repeat"]):
        for name, apply, undo in _actions(view, spec):
            timings.setdefault(name, []).append(await _timed_action(view, apply))
            await _settled(view)
            label = view.count_label.text()
            rows[name] = int("".join(c for c in label if c.isdigit()) or 0) * (-1 if "more than" in label else 1)
            await _timed_action(view, undo)
            await _settled(view)
    scroll = await _scroll_to_end(view)
    # Read at start-up on the cache's one thread, queued before any action: long shown by now.
    referrals = len(window.referrals.items)
    encrypted = window.session.cache.encrypted
    return {"actions": timings, "action_rows": rows, "referrals_shown": referrals, "encrypted": encrypted, **scroll}


async def _scroll_to_end(view: Any) -> dict[str, Any]:
    """scrollToBottom until every row is known, then until the last row's page is shown."""
    model, table = view.model, view.table
    started = time.perf_counter()
    fetches = 0
    while model.canFetchMore():
        before = model.rowCount()
        table.scrollToBottom()  # the view asks fetchMore at the end of its scroll range
        model.fetchMore()  # in case it did not (a no-op while a fetch is running)
        while model.rowCount() == before and model.canFetchMore():
            await asyncio.sleep(0.001)
        fetches += 1
    table.scrollToBottom()
    last = model.rowCount() - 1
    while model.ticket_id(last) is None:
        await asyncio.sleep(0.001)
    return {"scroll_s": time.perf_counter() - started, "scroll_rows": model.rowCount(), "scroll_fetches": fetches}


async def _window_sync(window: Any, spec: dict[str, Any], heart: Heartbeat) -> dict[str, Any]:
    """The heartbeat runs from before the window opened; the initial sync started as it was shown."""
    view = window.inbox
    # The inbox is read again when the window starts, and after the sync's cache_changed: the reload that
    # counts is the first one after the sync's round finished (a small sync is done before the filter below).
    sync_done, reloaded = _one_then_other(window.sync.finished, view.model.reloaded)
    await asyncio.sleep(3)  # well into the initial sync
    mid_sync = await _timed_action(view, lambda: view.status.setCurrentIndex(view.status.findData("diterima")))
    mid_rows = view.model.rowCount()
    await asyncio.wait_for(sync_done, 1800)
    outcome_at = time.perf_counter()
    await asyncio.wait_for(reloaded, 600)
    await _settled(view)
    await asyncio.sleep(1.0)
    stall_ms = heart.stop()
    opening_ms, after_shown_ms = heart.opening_and_after()
    slow = sorted(heart.gaps, reverse=True)[:5]
    after = await _timed_action(view, lambda: view.status.setCurrentIndex(0))
    return {
        "stall_ms": stall_ms,
        "opening_stall_ms": opening_ms,
        "after_shown_stall_ms": after_shown_ms,
        "top_gaps_ms": [g * 1000 for g in slow],
        "beats": len(heart.gaps),
        "mid_sync_filter_ms": mid_sync,
        "mid_sync_rows": mid_rows,
        "after_sync_filter_ms": after,
        "after_sync_rows": view.model.rowCount(),
        "reload_s": time.perf_counter() - outcome_at,
    }


async def _window_idle(window: Any, spec: dict[str, Any], heart: Heartbeat) -> dict[str, Any]:
    heart.start()
    await asyncio.sleep(3)
    return {"idle_stall_ms": heart.stop()}


# --- the parent ---------------------------------------------------------------------------------------------


@dataclass
class Line:
    measure: str
    aduan: str
    baseline: str
    aim: str = ""
    met: str = ""
    extra: list[str] = field(default_factory=list)


def ms(values: list[float]) -> str:
    return f"{min(values):.0f} / {statistics.median(values):.0f} ms"


def verdict(value: float, aim: float) -> str:
    return "met" if value <= aim else "NOT met"


def print_table(lines: list[Line]) -> None:
    print(f"\n{'measure':<38} {'Aduan':>22} {'baseline':>22}  {'aim':<10} met?")
    for line in lines:
        print(f"{line.measure:<38} {line.aduan:>22} {line.baseline:>22}  {line.aim:<10} {line.met}")


def build_sync_central(workdir: Path, tickets: int) -> tuple[str, str, int]:
    from bench.sync import build_central

    url = f"sqlite:///{workdir / 'sync-central.db'}"
    central = build_central(url, tickets)
    return url, central.admin, central.tickets


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child is not None:
        return child_main(args.child, args.launched)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print("Inbox: first paint, filters, search, scrolling, GUI stalls and memory vs raw sqlite3 on the same files")
    print(
        f"machine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}; load average at start: {load}"
    )
    if sys.dont_write_bytecode:
        # Measured here: 1.37 s to first rows with the bytecode cache, 1.91 s without it, on the same cache.
        print("NOTE: PYTHONDONTWRITEBYTECODE is set: each window compiles the app's modules as it starts (about 0.5 s)")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="aduan-bench-inbox-") as tmp:
        workdir = Path(tmp)
        path = args.reuse or workdir / "inbox.cache.db"
        if args.reuse is not None and path.exists() and central_of(path).exists():
            print(f"cache: reusing {path}")
        else:
            seconds = build_cache(path, args.tickets)
            print(f"cache: filled {args.tickets:,} tickets by raw SQL in {seconds:.0f} s")
        # Opening it once brings an older cache's indexes up to date (untimed, as after an upgrade).
        from desktop.cache.database import Cache

        Cache(path).dispose()
        facts = describe_cache(path)
        print(
            f"cache: {facts['tickets']:,} tickets ({facts['open']:,} open, {facts['my_units']:,} open in the "
            f"officer's 2 units), {facts['messages']:,} messages, {facts['referrals']:,} referrals "
            f"({facts['referrals_to_me']:,} to the officer's units), {facts['mib']:,} MiB"
        )
        lines, plain_window = measure_inbox(path, args, facts["referrals_to_me"])
        print_table(lines)
        print_table(measure_encrypted(path, workdir, args, plain_window))
        if args.sync_tickets:
            print_table(measure_stall(workdir, args))
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"\nload average at end: {load}; total time {time.monotonic() - started:.0f} s")
    return 0


def encrypted_copy(path: Path, workdir: Path) -> tuple[Path, dict[str, str]]:
    """An encrypted copy of the cache, and the environment a window needs to open it as a workspace does: the
    key in a keyring (a file, ``tests/file_keyring.py``), a unit policy that requires encryption."""
    import secrets
    import shutil

    from desktop.cache.protection import encrypt_in_place
    from desktop.security.cache_keys import ENTRY_SERVICE, KEY_BYTES, SALT_BYTES
    from desktop.security.credentials import service_name

    target = workdir / "inbox.encrypted.cache.db"
    shutil.copyfile(path, target)  # opened and closed just before: no -wal beside it
    key, salt = secrets.token_hex(KEY_BYTES), secrets.token_hex(SALT_BYTES)
    started = time.perf_counter()
    encrypt_in_place(target, key + salt)
    print(f"cache: an encrypted copy made in place in {time.perf_counter() - started:.1f} s")
    keyring = workdir / "keyring.json"
    keyring.write_text(json.dumps({f"{service_name(ENTRY_SERVICE)}\n{salt}": key}))
    policy = workdir / "unit-policy.json"
    policy.write_text(json.dumps({"cache_encryption": "required"}))
    return target, {
        "PYTHON_KEYRING_BACKEND": "tests.file_keyring.FileKeyring",
        "ADUAN_TEST_KEYRING": str(keyring),
        "ADUAN_POLICY": str(policy),
        "PYTHONPATH": str(REPO_ROOT),
    }


def measure_encrypted(path: Path, workdir: Path, args: argparse.Namespace, plain: dict[str, Any]) -> list[Line]:
    """First paint, filters and searches on the encrypted copy, beside the plain cache's (the baseline column)."""
    target, env = encrypted_copy(path, workdir)
    url = f"sqlite:///{central_of(path)}"
    window = launch_window("inbox", target, url, OFFICER, args.repeat, [*SEARCHES, tracking_number(path)], env)
    assert window["encrypted"], "the window opened the encrypted copy as a plain cache"
    lines = [
        Line(
            "encrypted: first painted rows",
            f"{window['first_paint_s']:.2f} s",
            f"{plain['first_paint_s']:.2f} s (plain cache)",
            f"≤ {AIM_FIRST_PAINT_S} s",
            verdict(window["first_paint_s"], AIM_FIRST_PAINT_S),
        )
    ]
    for name, times in window["actions"].items():
        lines.append(
            Line(
                f"encrypted: {name}"[:38],
                ms(times),
                ms(plain["actions"][name]) + " (plain)",
                f"≤ {AIM_FILTER_MS:.0f} ms",
                verdict(min(times), AIM_FILTER_MS),
            )
        )
    lines.append(
        Line(
            "encrypted: peak memory (window)",
            f"{window['peak_rss_mib']:.0f} MiB",
            f"{plain['peak_rss_mib']:.0f} MiB (plain)",
            f"≤ {AIM_PEAK_MIB:.0f} MB",
            verdict(window["peak_rss_mib"] * 2**20 / 1e6, AIM_PEAK_MIB),
        )
    )
    return lines


def measure_inbox(path: Path, args: argparse.Namespace, referrals_to_me: int) -> tuple[list[Line], dict[str, Any]]:
    """The lines of the table, and the window's figures (the encrypted copy's are shown beside them)."""
    url = f"sqlite:///{central_of(path)}"
    raw = [raw_start(path) for _ in range(3)]
    window = launch_window("inbox", path, url, OFFICER, args.repeat, [*SEARCHES, tracking_number(path)])
    print(
        f"window: shown {window['shown_s']:.2f} s after launch; actions repeated {args.repeat} times "
        "(figures best / median)"
    )
    first_page = raw_query_ms(path, FIRST_PAGE_SQL.format(where=""))
    raw_start_s = min(r[0] for r in raw)
    lines = [
        Line(
            "process start → first painted rows",
            f"{window['first_paint_s']:.2f} s",
            f"{raw_start_s:.2f} s (python+sqlite3)",
            f"≤ {AIM_FIRST_PAINT_S} s",
            verdict(window["first_paint_s"], AIM_FIRST_PAINT_S),
        ),
        Line("  first page query, warm (raw only)", "", ms(first_page)),
    ]
    for name, times in window["actions"].items():
        sql, params = baseline_sql(name)
        base = raw_query_ms(path, sql, params, repeat=min(args.repeat, 3))
        rows = window["action_rows"][name]
        lines.append(
            Line(
                (f"{name} ({rows:,} rows)" if rows >= 0 else f"{name} (>{-rows:,} rows)")[:38],
                ms(times),
                ms(base),
                f"≤ {AIM_FILTER_MS:.0f} ms",
                verdict(min(times), AIM_FILTER_MS),
            )
        )
    lines.append(
        Line(
            f"scroll to end ({window['scroll_rows']:,} rows)",
            f"{window['scroll_s']:.2f} s ({window['scroll_fetches']} fetches)",
            f"{raw_all_keys_s(path):.2f} s (all keys)",
        )
    )
    counts, counted = view_counts_ms(path, args.repeat)
    lines.append(
        Line(
            f"view tab counts (6 views, cap {counted:,})",
            ms(counts),
            ms(raw_query_ms(path, RAW_COUNTS_SQL, {"cap": counted + 1}, repeat=min(args.repeat, 3))),
            f"≤ {AIM_FILTER_MS:.0f} ms",
            verdict(min(counts), AIM_FILTER_MS),
        )
    )
    shown = window["referrals_shown"]
    lines.append(
        Line(
            "Referrals tab: to the officer's units",
            f"{shown:,} shown",
            f"{referrals_to_me:,} in the cache",
            "all",
            "met" if shown == referrals_to_me else "NOT met",
        )
    )
    lines.append(
        Line(
            "peak memory (window process)",
            f"{window['peak_rss_mib']:.0f} MiB",
            f"{min(r[1] for r in raw):.0f} MiB (python+sqlite3)",
            f"≤ {AIM_PEAK_MIB:.0f} MB",
            verdict(window["peak_rss_mib"] * 2**20 / 1e6, AIM_PEAK_MIB),
        )
    )
    return lines, window


def measure_stall(workdir: Path, args: argparse.Namespace) -> list[Line]:
    url, admin, tickets = build_sync_central(workdir, args.sync_tickets)
    idle_cache = workdir / "idle.cache.db"
    fresh = workdir / "fresh.cache.db"
    # The baseline: the same heartbeat in a window with nothing to sync (a cache already synced).
    _sync_once(url, admin, idle_cache)
    idle = launch_window("idle", idle_cache, url, admin, 1)
    synced = launch_window("sync", fresh, url, admin, 1)
    print(
        f"stall: initial sync of {tickets:,} tickets as {admin}; the five longest gaps "
        f"{', '.join(f'{g:.0f}' for g in synced['top_gaps_ms'])} ms over {synced['beats']:,} beats; "
        f"a filter mid-sync {synced['mid_sync_filter_ms']:.0f} ms ({synced['mid_sync_rows']} rows: the sync "
        f"had not committed), after it {synced['after_sync_filter_ms']:.0f} ms ({synced['after_sync_rows']:,} rows)"
    )
    return [
        Line(
            f"largest GUI stall, {tickets:,}-ticket sync",
            f"{synced['stall_ms']:.0f} ms",
            f"{idle['idle_stall_ms']:.0f} ms (idle window)",
            f"≤ {AIM_STALL_MS:.0f} ms",
            verdict(synced["stall_ms"], AIM_STALL_MS),
        ),
        # Where it was: the window being built and shown on the GUI thread (the sync starts as it is shown),
        # or the sync and the reloads it causes afterwards.
        Line("  of it: while the window opened", f"{synced['opening_stall_ms']:.0f} ms", ""),
        Line("  of it: after the window was shown", f"{synced['after_shown_stall_ms']:.0f} ms", ""),
        Line("  filter applied mid-sync", f"{synced['mid_sync_filter_ms']:.0f} ms", ""),
        Line(
            "  peak memory, syncing window",
            f"{synced['peak_rss_mib']:.0f} MiB",
            "",
            f"≤ {AIM_PEAK_MIB:.0f} MB",
            verdict(synced["peak_rss_mib"] * 2**20 / 1e6, AIM_PEAK_MIB),
        ),
    ]


def _sync_once(url: str, admin: str, cache: Path) -> None:
    from desktop.sync.session import open_session

    session = open_session(url, admin, cache_path=cache)
    try:
        session.engine.sync()
    finally:
        session.close()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", default=1_000_000, type=int, help="tickets in the cache (default 1000000)")
    parser.add_argument("--reuse", type=Path, help="keep the cache at this path and reuse it when it is there")
    parser.add_argument(
        "--sync-tickets",
        default=100_000,
        type=int,
        help="tickets of the initial sync the stall is measured during (default 100000; 0 skips)",
    )
    parser.add_argument("--repeat", default=5, type=int, help="times each filter and search is applied (default 5)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 2000 tickets, a sync of 300, once each")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--launched", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.tickets, args.sync_tickets, args.repeat = 2000, 300, 1
    if args.child is None and (args.tickets < 1 or args.repeat < 1 or args.sync_tickets < 0):
        parser.error("--tickets and --repeat must be positive, --sync-tickets at least 0")
    return args


if __name__ == "__main__":
    sys.exit(main())
