"""Time to recover from losing a server process and the PostgreSQL primary (tests/deploy/ha_world.py's set-up).

A primary with a synchronous streaming replica made on this computer, two ``aduan server`` processes on the
multi-host URL behind a round-robin balancer, three officers claiming, replying and noting through it. One server
is killed (SIGKILL), then the primary is stopped hard and the replica promoted. Printed: the normal round trip of
one operation (the baseline, measured in the same run before the faults), and for each officer the time from
the kill and from the promotion to its first operation through, and to every client synced. Nothing is asserted.

    .venv/bin/python bench/failover.py [--quick]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.deploy.ha_world import ha_world, median_ms
from tests.deploy.pgcluster import ClusterMissing


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--quick", action="store_true", help="shorter phases (the smoke run)")
    args = options.parse_args()
    before, between, after = (2.0, 2.0, 3.0) if args.quick else (5.0, 5.0, 8.0)
    try:
        with tempfile.TemporaryDirectory() as folder, ha_world(Path(folder)) as world:
            marks = world.failover(before, between, after)
            settled = world.settle()
            baseline = world.baseline(marks.server_killed)
            print(f"baseline: one op round trip (sync pushing one op), median {median_ms(baseline)}")
            print(f"primary stopped → replica promoted: {marks.promoted - marks.primary_stopped:.2f} s")
            print(f"{'officer':8} {'kill → first op':>16} {'promotion → first op':>21}")
            for o in world.officers:
                kill = o.first_ok_after(marks.server_killed, applying=True)
                promo = o.first_ok_after(marks.promoted, applying=True)
                print(f"{o.login:8} {_s(kill):>16} {_s(promo):>21}")
            print(f"every client synced: {settled - marks.load_stopped:.2f} s after the load stopped")
            print(f"ops queued: {sum(len(o.queued) for o in world.officers)}")
    except ClusterMissing as exc:
        print(f"skipped: {exc}")
    return 0


def _s(value: float | None) -> str:
    return "never" if value is None else f"{value:.2f} s"


if __name__ == "__main__":
    sys.exit(main())
