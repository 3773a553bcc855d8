"""An initial sync killed with SIGKILL half-way goes on where it stopped instead of starting over.

A real client process (``paging_crasher.py``: ``crasher.py`` with the first snapshot in pages of ``PAGE``
tickets) pulls a demo organisation's tickets as its admin; the test watches the cache from outside and kills
the process once a random number of pages is stored, twice (the second time the process it kills is itself
going on with the snapshot, after a colleague worked meanwhile). After each kill the cache is whole: integrity,
the overlay agrees with the outbox, no cursor yet, and the first time, exactly the tickets up to the stored
page end with all their messages and notes, nothing of a page cut short. Then a sync in the test's own process
takes the rest: it goes on (``PullReport.resumed``), pulls fewer tickets than there are, and the mirror ends
equal to the central scope. The random seed is printed (``ADUAN_CRASH_SEED`` replays it).
"""

from __future__ import annotations

import random
from pathlib import Path

from desktop.cache.database import SNAPSHOT_AFTER
from desktop.cache.state import get_state
from desktop.store.service import Store
from tests.sync.crash_world import Crasher, colleague_works, fill_demo, seed, settle
from tests.sync.helpers import client, mirror_matches, mirror_view
from tests.sync.paged_pulls import check_progress, check_whole_pages, kill_when_stored

PAGING_CRASHER = Path(__file__).with_name("paging_crasher.py")
TICKETS = 2_000
PAGE = 200  # ten pages


def test_an_initial_sync_killed_half_way_goes_on_where_it_stopped(migrated_url: str, tmp_path: Path) -> None:
    rng = random.Random(seed())
    command = (str(PAGING_CRASHER), str(PAGE), "serve")
    run: Crasher | None = None
    spare: Crasher | None = Crasher(tmp_path, command)  # imports while the test fills the database
    admin: Store | None = None
    try:
        d = fill_demo(migrated_url, TICKETS)
        admin = Store(d.url, officer=d.admin)
        path = tmp_path / f"{d.admin}.cache.db"
        assert spare is not None
        run, spare = spare, Crasher(tmp_path, command)
        run.go(["pull", d.url, d.admin, str(path)])
        kill_when_stored(run, path, rng.randint(1, 3), rng, PAGE)
        first = check_whole_pages(path, admin, PAGE)

        colleague = Store(d.url, officer=d.colleague)
        colleague.write(colleague_works, d.unit, 0)  # new reports, notes, claims, answers
        colleague.dispose()

        assert spare is not None
        run, spare = spare, None
        run.go(["pull", d.url, d.admin, str(path)])
        kill_when_stored(run, path, rng.randint(1, 3), rng, PAGE)
        second = check_progress(path, first)

        c = client(d.url, d.admin, tmp_path)
        c.engine.snapshot_page = PAGE
        try:
            report = c.sync().pull
            total = len(mirror_view(c.cache)["ticket"])
            assert report.resumed and report.pages >= 1
            assert report.rows["ticket"] < total, f"pulled {report.rows['ticket']} of {total}: started over"
            settle(c)
            assert mirror_matches(c)
            with c.cache.read() as conn:
                assert get_state(conn, SNAPSHOT_AFTER) is None and get_state(conn, "cursor") is not None
        finally:
            c.close()
        print(f"kept {first} then {second} of {total} tickets; the last sync pulled {report.rows['ticket']}")
    finally:
        for left in (run, spare):
            if left is not None:
                left.kill()
        if admin is not None:
            admin.dispose()
