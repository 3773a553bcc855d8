"""An initial sync through ``aduan server`` killed with SIGKILL half-way goes on where it stopped.

The direct test (tests/sync/test_resume_crash.py; the checks both use are in paged_pulls.py) with a real server
process in front of the demo organisation and the TCP proxy between the client and the server: the client process
(``paging_crasher.py`` here: ``HttpCentral``, pages of ``PAGE`` tickets) is killed twice once a random number
of pages is stored; after each kill the cache is whole and holds whole pages only; a sync in the test's own
process then goes on with the snapshot, pulls fewer tickets than there are, and the mirror ends equal to what
the officer may see centrally. Also: the route refuses a malformed page start and page size.
"""

from __future__ import annotations

import random
from pathlib import Path

from desktop.store.service import Store
from tests.server.conftest import World
from tests.server.live import call
from tests.server.served_demo import close, demo_behind_server
from tests.sync.crash_world import Crasher, colleague_works, seed, settle
from tests.sync.helpers import mirror_matches, mirror_view
from tests.sync.paged_pulls import check_progress, check_whole_pages, kill_when_stored

PAGING_CRASHER = Path(__file__).with_name("paging_crasher.py")
TICKETS = 1_600
PAGE = 160  # ten pages


def test_an_initial_sync_through_the_server_killed_half_way_goes_on_where_it_stopped(
    migrated_url: str, tmp_path: Path
) -> None:
    rng = random.Random(seed())
    command = (str(PAGING_CRASHER), str(PAGE))
    run: Crasher | None = None
    spare: Crasher | None = Crasher(tmp_path, command)  # imports while the test fills the database
    try:
        with demo_behind_server(migrated_url, tmp_path, TICKETS) as served:
            d = served.demo
            admin = Store(d.url, officer=d.admin)
            token = served.sign_in(d.admin, f"{d.admin}-crasher")
            path = tmp_path / f"{d.admin}.cache.db"
            try:
                assert spare is not None
                run, spare = spare, Crasher(tmp_path, command)
                run.go(["pull", served.address, token, str(path)])
                kill_when_stored(run, path, rng.randint(1, 3), rng, PAGE)
                first = check_whole_pages(path, admin, PAGE)

                colleague = Store(d.url, officer=d.colleague)
                colleague.write(colleague_works, d.unit, 0)
                colleague.dispose()

                assert spare is not None
                run, spare = spare, None
                run.go(["pull", served.address, token, str(path)])
                kill_when_stored(run, path, rng.randint(1, 3), rng, PAGE)
                second = check_progress(path, first)

                c = served.client(d.admin, path, token)
                c.engine.snapshot_page = PAGE
                try:
                    report = c.sync().pull
                    total = len(mirror_view(c.cache)["ticket"])
                    assert report.resumed and report.pages >= 1
                    assert report.rows["ticket"] < total, f"pulled {report.rows['ticket']} of {total}: started over"
                    settle(c)
                    assert mirror_matches(c)
                finally:
                    close(c)
                print(f"kept {first} then {second} of {total} tickets; the last sync pulled {report.rows['ticket']}")
            finally:
                admin.dispose()
    finally:
        for left in (run, spare):
            if left is not None:
                left.kill()


def test_the_pull_route_refuses_a_malformed_page(world: World) -> None:
    token = world.server.sign_in("ani")
    for params in ({"after": "not-a-ticket-id"}, {"after": "1' OR '1'='1"}, {"limit": "0"}, {"limit": "-5"}):
        answer = call(world.server, "GET", "/v1/changes", token, params=params)
        assert answer.status_code == 422, (params, answer.text)
        assert answer.json()["code"] == "bad_input"
    # A well-formed page start of a ticket that does not exist is only a place in the order of ids.
    after = {"after": "00000000-0000-7000-8000-000000000000", "limit": "1"}
    assert call(world.server, "GET", "/v1/changes", token, params=after).status_code == 200
