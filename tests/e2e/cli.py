"""Run the real command line in a child process, as scripts and admins do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def run(
    url: str,
    *args: str,
    officer: str | None = None,
    stdin: bytes | None = None,
    prefix: tuple[str, ...] = (),
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADUAN_")}
    env["ADUAN_DB"] = url
    if officer:
        env["ADUAN_OFFICER"] = officer
    return subprocess.run(
        [*prefix, sys.executable, str(ROOT / "main.py"), *args],
        input=stdin.decode("utf-8", "surrogateescape") if stdin is not None else None,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
    )


def ok_json(url: str, *args: str, officer: str | None = None, prefix: tuple[str, ...] = ()) -> Any:
    done = run(url, *args, "--json", officer=officer, prefix=prefix)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
