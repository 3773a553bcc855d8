"""Run one SQL script under PostgreSQL's own load generator, ``pgbench``: what a statement costs the database
with a client that costs almost nothing (C, prepared statements), on the same machine as the Python clients.

pgbench ships with the PostgreSQL server packages (Debian: in ``postgresql-15``, outside PATH).
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

# pgbench reads ``:name`` anywhere in a script as a variable, inside string literals too; ``::`` is a cast.
_VARIABLE = re.compile(r"(?<!:):(?!:)([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class Run:
    transactions: int
    per_second: float


def find() -> str | None:
    """The pgbench of the newest PostgreSQL installed, or None."""
    on_path = shutil.which("pgbench")
    if on_path:
        return on_path
    installed = sorted(glob.glob("/usr/lib/postgresql/*/bin/pgbench"), key=_major_version)
    return installed[-1] if installed else None


def _major_version(path: str) -> int:
    return int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0


def variables_in(script: str) -> set[str]:
    return set(_VARIABLE.findall(script))


def run(program: str, url: str, script: str, clients: int, seconds: int) -> Run:
    """``clients`` connections (prepared statements, 2 threads) running ``script`` for ``seconds``."""
    target = make_url(url)
    with tempfile.TemporaryDirectory(prefix="aduan-pgbench-") as folder:
        path = Path(folder) / "script.sql"
        path.write_text(script, encoding="utf-8")
        done = subprocess.run(
            [
                program,
                "--no-vacuum",
                "--protocol=prepared",
                f"--client={clients}",
                f"--jobs={min(clients, 2)}",
                f"--time={seconds}",
                f"--file={path}",
                f"--host={target.host or '127.0.0.1'}",
                f"--port={target.port or 5432}",
                f"--username={target.username or 'postgres'}",
                target.database or "postgres",
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 120,
            env=dict(os.environ, PGPASSWORD=target.password or ""),
        )
    report = done.stdout + done.stderr
    processed = re.search(r"number of transactions actually processed: (\d+)", report)
    rate = re.search(r"tps = ([\d.]+) \(without initial connection time\)", report)
    if done.returncode != 0 or processed is None or rate is None or "error" in report.lower():
        raise RuntimeError(f"pgbench failed (exit {done.returncode}):\n{report}")
    return Run(int(processed.group(1)), float(rate.group(1)))
