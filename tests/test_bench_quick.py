"""The benchmarks' smoke runs: every ``bench/*.py`` runs in its ``--quick`` mode (tiny data, every phase and
check of the full run), each in its own process, so a benchmark that no longer runs against today's schema
and code fails here rather than on the day someone wants its figures. Only that each ran to the end and
printed every phase is asserted: their figures are for people to read, never for a test to judge.

SQLite everywhere; PostgreSQL too where a phase or an aim is about it (the claim aim, the intake's stand-in
for autovacuum). A missing server or Dovecot skips locally and fails in CI, as in the other tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import missing

ROOT = Path(__file__).resolve().parents[1]
# Each benchmark's test below, by script: a new bench/*.py without a smoke run fails the first test.
SMOKED = {"claims.py", "duplicates.py", "failover.py", "fleet.py", "inbox.py", "intake.py", "stats.py", "sync.py"}


def quick(script: str, *options: str) -> str:
    done = subprocess.run(
        [sys.executable, f"bench/{script}", "--quick", *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Traceback" not in output and "failed:" not in output and "FAILED" not in output, output
    skipped = [line for line in output.splitlines() if "skipped:" in line]
    if skipped:
        missing("; ".join(skipped))
    return output


def assert_phases(output: str, *phases: str) -> None:
    for phase in phases:
        assert phase in output, f"{phase!r} not printed:\n{output}"


def test_every_benchmark_has_a_smoke_run() -> None:
    scripts = {path.name for path in (ROOT / "bench").glob("*.py") if path.name != "__init__.py"}
    assert scripts == SMOKED, "each bench/*.py is a benchmark with a --quick test here (helpers: bench/support/)"


@pytest.mark.timeout(300)
def test_the_sync_benchmark_runs_every_phase_directly_and_through_the_server() -> None:
    output = quick("sync.py", "--engines", "sqlite")
    assert output.count("through aduan server at http://127.0.0.1:") == 2  # the large and the small database
    assert "raw copy (baseline) 3" in output and "server: cpu" in output
    assert "differs" not in output  # the caches filled both ways are the baseline's rows, byte for byte
    assert_phases(output, "raw copy (baseline) 1", "initial sync", "idle sync (no changes)", "incremental, 100 changes")
    assert_phases(output, "Aims on SQLite: initial sync", "through the server: initial sync")
    assert_phases(output, "initial sync, encrypted", "encrypted cache: initial sync")


@pytest.mark.timeout(300)
def test_the_fleet_benchmark_runs_every_phase() -> None:
    output = quick("fleet.py", "--engines", "sqlite")
    for phase in ("1. initial sync of 8 officers", "2. quiet idle rounds", "3. idle fleet", "4. working fleet"):
        assert phase in output, output
    assert "5. idle round vs tickets in scope" in output and "largest / smallest scope" in output
    assert "claim (push) p50" in output and "peak RSS (VmHWM)" in output


@pytest.mark.timeout(300)
def test_the_claims_benchmark_runs_every_client_count_and_checks_its_aim() -> None:
    output = quick("claims.py", "--engines", "sqlite,postgresql")
    assert_phases(output, "SQLite — SQLite", "PostgreSQL — PostgreSQL", "SQL per claim via SQLAlchemy")
    assert output.count("\n      1  ") == 2 and output.count("\n      8  ") == 2, output  # one row per client count
    assert "Aim: claim path >= 50% of raw UPDATE throughput at 8 clients on PostgreSQL: ratio" in output
    assert "ratio at 8 clients" in output and "its statement alone on the bare driver" in output, output
    assert "from PostgreSQL's C client (pgbench, prepared), 8 clients: raw UPDATE" in output, output
    assert "from a C client (pgbench)" in output, output


@pytest.mark.timeout(300)
def test_the_duplicates_benchmark_runs_every_part_on_both_backgrounds() -> None:
    output = quick("duplicates.py")
    assert_phases(output, "(a) corpus: 312 texts", "chosen: slang + light stem + 3-grams, idf", "limit: a corpus text")
    assert output.count("(b) a cache of 1,000 tickets") == 2, output  # the collage and the demo background
    assert output.count("similar_to over 20 open tickets") == 2, output
    assert output.count("baseline, comparing with every eligible ticket in Python") == 2, output
    assert output.count("(c) at scale, similar_to for the 312 corpus tickets") == 2, output


@pytest.mark.timeout(300)
def test_the_inbox_benchmark_runs_every_phase() -> None:
    output = quick("inbox.py")
    assert_phases(
        output,
        "cache: filled 2,000 tickets",
        "process start → first painted rows",
        "scroll to end (2,000 rows)",
        "view tab counts (6 views, cap 999)",  # the tabs' counts, read after every sync
    )
    for action in ("view Unclaimed", "view Mine", "view My unit", "filter status", "filter channel", "filter unit"):
        assert action in output, output
    assert output.count("search '") == 10, output  # four words and a tracking number, plain and encrypted
    assert_phases(output, "an encrypted copy made in place", "encrypted: first painted rows", "encrypted: view Mine")
    referrals = next(line for line in output.splitlines() if line.startswith("Referrals tab: to the officer's units"))
    assert referrals.endswith(" met") and "NOT met" not in referrals, output  # the tab shows every one of them
    assert_phases(
        output,
        "peak memory (window process)",
        "largest GUI stall, 300-ticket sync",
        "while the window opened",
        "filter applied mid-sync",
    )


@pytest.mark.timeout(300)
def test_the_intake_benchmark_runs_every_phase_and_check() -> None:
    output = quick("intake.py", "--engines", "sqlite,postgresql", "--acknowledgements")
    assert_phases(output, "INBOX filled", "raw IMAP fetch (baseline) 1", "raw IMAP fetch (baseline) 2", "Summary")
    assert_phases(output, "fetch and parse, nothing stored 1", "fetch and parse, nothing stored 2", "vs fetch+parse")
    for engine in ("SQLite", "PostgreSQL"):
        for acknowledgements in ("off", "on"):
            assert f"intake ({engine}, acknowledgements {acknowledgements})" in output, output
    # every check, on each engine with and without acknowledgements; then the mixed run's and the LAPOR! import's
    # on each engine, and the webhook burst's on each engine, grouped and a transaction a call
    assert output.count("  ok      ") == 4 * 8 + 2 * 4 + 2 * 3 + 2 * 2 * 3, output
    assert output.count("re-read, all duplicates") == 4 and "SQL per new ticket" in output
    assert_phases(output, "Mixed channels: 5 × 20 messages", "every source read, nothing stored (baseline)")
    assert_phases(output, "mixed intake (SQLite)", "mixed intake (PostgreSQL)", "Mixed summary")
    assert "read: e-mail 20, Telegram 20, SMS 20, WhatsApp 20, web form 20" in output, output
    assert_phases(output, "LAPOR! import: an export of 150 reports", "raw INSERT rows/s")
    assert "\nSQLite           150 " in output and "\nPostgreSQL       150 " in output, output
    assert_phases(output, "Webhook burst: 40 WhatsApp notifications", "baseline msgs/s")
    for engine in ("SQLite", "PostgreSQL"):
        for way in ("grouped", "a transaction a call"):
            assert f"\n{engine:<12} {way:<21} " in output, output


@pytest.mark.timeout(300)
def test_the_failover_benchmark_prints_the_baseline_and_the_recovery_times() -> None:
    output = quick("failover.py")
    assert_phases(output, "baseline: one op round trip", "kill → first op", "every client synced")


@pytest.mark.timeout(300)
def test_the_statistics_benchmark_times_the_first_paint_and_every_filter_beside_raw_sql() -> None:
    output = quick("stats.py")
    assert_phases(output, "database: filled 2,000 demo tickets over 3 years", "4,000 clocks", "baseline: SELECT date(")
    for line in ("first paint: this month", "filter: unit kanreg-3", "filter: channel whatsapp", "filter: month "):
        assert line in output, output
    assert_phases(output, "filter: split by category", "whole span", "load average at end")
    assert "roll-up refresh after 1,000 new" in output or "TODO: roll-up refresh" in output, output
