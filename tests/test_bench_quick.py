"""The benchmarks' smoke runs: every phase and check of ``bench/sync.py`` and ``bench/fleet.py`` on tiny data
(``--quick``), on SQLite, each with a real ``aduan server`` process. Only that they run to the end is
asserted: their figures are for people to read, never for a test to judge."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def quick(script: str) -> str:
    done = subprocess.run(
        [sys.executable, f"bench/{script}", "--quick", "--engines", "sqlite"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Traceback" not in output and "failed:" not in output, output
    return output


@pytest.mark.timeout(300)
def test_the_sync_benchmark_runs_every_phase_directly_and_through_the_server() -> None:
    output = quick("sync.py")
    assert output.count("through aduan server at http://127.0.0.1:") == 2  # the large and the small database
    assert "raw copy (baseline) 3" in output and "server: cpu" in output
    assert "differs" not in output  # the caches filled both ways are the baseline's rows, byte for byte
    assert "through the server: initial sync" in output


@pytest.mark.timeout(300)
def test_the_fleet_benchmark_runs_every_phase() -> None:
    output = quick("fleet.py")
    for phase in ("1. initial sync of 8 officers", "2. quiet idle rounds", "3. idle fleet", "4. working fleet"):
        assert phase in output, output
    assert "5. idle round vs tickets in scope" in output and "largest / smallest scope" in output
    assert "claim (push) p50" in output and "peak RSS (VmHWM)" in output
