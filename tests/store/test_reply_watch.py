"""The watcher that gives every PostgreSQL round trip a deadline (``store/deadline.py``) ends when nothing is
in flight: one thread per engine for the life of the process added up to hundreds in a test worker, whose
wake-ups starved it (the suite ran at half speed), and would in a long-running server that opens engines."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import text

from desktop.store import engine as engines
from tests.conftest import missing
from tests.databases import ServerMissing, throwaway_database

WATCHER = "aduan-reply-deadline"


def watchers() -> int:
    return sum(1 for thread in threading.enumerate() if thread.name == WATCHER and thread.is_alive())


def test_the_watcher_ends_when_no_round_trip_is_in_flight_and_comes_back_for_the_next(tmp_path: Path) -> None:
    try:
        with throwaway_database("postgresql", tmp_path) as url:
            engine = engines.create(url)
            try:
                with engine.connect() as conn:
                    assert conn.execute(text("SELECT 1")).scalar_one() == 1
                    assert watchers() >= 1  # armed by the round trip (and COMMIT/ROLLBACK)
                deadline = time.monotonic() + 5
                while watchers() and time.monotonic() < deadline:
                    time.sleep(0.1)
                assert watchers() == 0, "the watcher outlived the work it watched"
                with engine.connect() as conn:  # the next round trip is watched again
                    conn.execute(text("SELECT pg_sleep(0.2)"))
                    assert watchers() >= 1
            finally:
                engine.dispose()
    except ServerMissing as exc:
        missing(str(exc))
