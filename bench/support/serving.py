"""A real ``aduan server`` process for the benchmarks, and what the kernel says about it.

The server is started the way the server tests start it (``tests/server/live.py``: ``python -m desktop.cli
--db URL server --listen 127.0.0.1:PORT``, on a free port), so the benchmarks measure the same process an
admin runs. Its CPU time and peak RSS are read from ``/proc/<pid>/stat`` and ``/proc/<pid>/status``
(Linux); elsewhere they are reported as unknown.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop.store import accounts
from desktop.store.service import Store
from tests.server.live import PASSWORD, LiveServer, running_server

__all__ = ["PASSWORD", "LiveServer", "ProcessStats", "give_password", "process_stats", "serving"]

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class ProcessStats:
    """A process's CPU seconds (user + system) and resident set sizes, at one moment."""

    cpu_seconds: float | None
    rss_mib: float | None
    peak_rss_mib: float | None  # VmHWM: the high-water mark since the process started

    def cpu_since(self, before: ProcessStats) -> float | None:
        if self.cpu_seconds is None or before.cpu_seconds is None:
            return None
        return self.cpu_seconds - before.cpu_seconds


def process_stats(pid: int) -> ProcessStats:
    """From /proc: utime + stime (fields 14 and 15 of stat, after the command name) and VmRSS / VmHWM."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2 :].split()  # the command name may hold spaces
        cpu = (int(fields[11]) + int(fields[12])) / _TICKS
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
    except (OSError, ValueError, IndexError):
        return ProcessStats(None, None, None)
    kib = {line.split(":")[0]: int(line.split()[1]) for line in status if line.startswith(("VmRSS", "VmHWM"))}
    rss, peak = kib.get("VmRSS"), kib.get("VmHWM")
    return ProcessStats(cpu, rss / 1024 if rss else None, peak / 1024 if peak else None)


def give_password(url: str, *logins: str) -> None:
    """A server password for each officer: ``reset_password`` through the owner's connection, as an admin
    does it. Argon2 costs about 0.1 s a hash, so a fleet copies the first officer's hash instead."""
    store = Store(url)
    try:
        for login in logins:
            store.admin(accounts.reset_password, login, PASSWORD)
    finally:
        store.dispose()


@contextmanager
def serving(url: str, folder: Path) -> Iterator[LiveServer]:
    """An ``aduan server`` on ``url`` until the block ends; its log goes to ``folder``."""
    with running_server(url, folder) as server:
        yield server
