"""A real client process syncing through ``aduan server``, for ``test_crash_through_server.py``: the test kills
it with SIGKILL.

Run as ``python crasher.py`` with the repository on ``PYTHONPATH``; once its imports are done it reads
``["MODE", ADDRESS, TOKEN, CACHE]`` as one JSON line from stdin (the session token never shows on a command
line):

- ``pull``: one ``SyncEngine.sync()`` (handshake, push, pull, heartbeat) through the server at ADDRESS;
- ``push``: one ``SyncEngine.push()`` of whatever the outbox holds.

Everything that may be slow (imports, opening the cache, the first connection to the server) happens before
``started`` is printed, so that the test's clock starts at the work itself. Each line is flushed at once.
"""

from __future__ import annotations

import json
import sys
import time

from desktop.cache.database import Cache
from desktop.server import wire  # noqa: F401 - imported by the first push otherwise: not inside the timed work
from desktop.sync.engine import SyncEngine
from desktop.sync.http_central import HttpCentral


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def engine(address: str, token: str, cache_path: str) -> SyncEngine:
    central = HttpCentral(address, token)
    central.handshake()  # a pooled connection to the server, and the session checked, before "started"
    return SyncEngine(Cache(cache_path), central)


def main() -> None:
    mode, address, token, cache_path = json.loads(sys.stdin.readline() or '["none", "", "", ""]')
    if mode not in ("pull", "push"):
        raise SystemExit(f"unknown mode {mode!r}: pull or push")
    sync = engine(address, token, cache_path)
    say("started")
    began = time.monotonic()
    if mode == "pull":
        report = sync.sync()
        say(f"synced {time.monotonic() - began:.4f} {sum(report.pull.rows.values())}")
    else:
        pushed = sync.push()
        say(f"pushed {pushed.applied} {pushed.rejected} {pushed.handed_over}")


if __name__ == "__main__":
    main()
