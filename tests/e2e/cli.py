"""Run the real command line in a child process, as scripts and admins do.

Each command is a process of its own, forked from a warm one that has imported the command line already
(``zygote.py``), so that a test pays for what the command does rather than for Python's start. A command with a
``prefix`` (libfaketime, ``timeout``…), or run while another is still running, starts ``main.py`` anew instead.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MAIN = str(ROOT / "main.py")


class _Zygote:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.zygote"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            text=True,
            env={k: v for k, v in os.environ.items() if not k.startswith("ADUAN_")},
        )
        self.busy = threading.Lock()
        atexit.register(self.close)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def answer(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the zygote of the command line ended")
        found: dict[str, Any] = json.loads(line)
        return found

    def run(
        self, args: tuple[str, ...], env: dict[str, str], stdin: str | None, timeout: float
    ) -> subprocess.CompletedProcess[str]:
        with tempfile.TemporaryDirectory(prefix="aduan-cli-") as folder:
            streams = {name: Path(folder, name) for name in ("stdin", "stdout", "stderr")}
            streams["stdin"].write_text(stdin or "", encoding="utf-8", errors="surrogateescape")
            streams["stdout"].touch()
            streams["stderr"].touch()
            request = {
                "argv": list(args),
                "env": env,
                "cwd": str(ROOT),
                "main": MAIN,
                **{k: str(v) for k, v in streams.items()},
            }
            assert self.process.stdin is not None
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            pid = int(self.answer()["pid"])
            killed = threading.Event()
            timer = threading.Timer(timeout, _kill, (pid, killed))
            timer.start()
            try:
                returncode = int(self.answer()["returncode"])
            finally:
                timer.cancel()
            out = streams["stdout"].read_text(encoding="utf-8", errors="surrogateescape")
            err = streams["stderr"].read_text(encoding="utf-8", errors="surrogateescape")
        if killed.is_set():
            raise subprocess.TimeoutExpired([MAIN, *args], timeout, out, err)
        return subprocess.CompletedProcess([sys.executable, MAIN, *args], returncode, out, err)


def _kill(pid: int, killed: threading.Event) -> None:
    killed.set()
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


_zygote: _Zygote | None = None


def _warm() -> _Zygote | None:
    global _zygote
    if not hasattr(os, "fork"):
        return None
    if _zygote is None or _zygote.process.poll() is not None:
        _zygote = _Zygote()
    return _zygote


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
    text_in = stdin.decode("utf-8", "surrogateescape") if stdin is not None else None
    warm = None if prefix else _warm()
    if warm is not None and warm.busy.acquire(blocking=False):
        try:
            return warm.run(args, env, text_in, timeout)
        finally:
            warm.busy.release()
    return subprocess.run(
        [*prefix, sys.executable, MAIN, *args],
        input=text_in,
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
