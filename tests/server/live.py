"""A real ``aduan server`` process for the tests, on a free port of 127.0.0.1, and officers signed in to it."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from desktop.store import accounts
from desktop.store.service import Store
from desktop.sync.http_central import HttpCentral

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "kata-sandi-uji-1"  # every test officer's server password


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def sign_in(self, login: str, password: str = PASSWORD, device: str | None = None) -> str:
        """A session token for ``login`` (raises for a refusal: these tests sign in to work, not to test it)."""
        answer = requests.post(
            f"{self.url}/v1/sessions",
            json={"login": login, "password": password, "device": device or f"{login}-pc"},
            timeout=30,
        )
        answer.raise_for_status()
        return str(answer.json()["token"])

    def central(self, login: str, address: str | None = None) -> HttpCentral:
        """``login``'s signed-in link, to this server or to ``address`` (a proxy in front of it)."""
        return HttpCentral(address or self.url, self.sign_in(login))


@contextlib.contextmanager
def running_server(db_url: str, folder: Path, **env: str) -> Iterator[LiveServer]:
    port = free_port()
    log = folder / f"server-{port}.log"
    command = [sys.executable, "-m", "desktop.cli", "--db", db_url, "server", "--listen", f"127.0.0.1:{port}"]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, env={**os.environ, **env})
    server = LiveServer(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"aduan server exited with {process.returncode}:\n{server.output()}")
            try:
                if requests.get(f"{server.url}/v1/health", timeout=1).ok:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"aduan server did not start:\n{server.output()}")
            time.sleep(0.1)
        yield server
    finally:
        server.stop()


def give_passwords(store: Store, *logins: str) -> None:
    for login in logins:
        store.admin(accounts.reset_password, login, PASSWORD)


def call(server: LiveServer, method: str, path: str, token: str | None = None, **kwargs: Any) -> requests.Response:
    headers = kwargs.pop("headers", {}) | ({"Authorization": f"Bearer {token}"} if token else {})
    return requests.request(method, server.url + path, headers=headers, timeout=30, **kwargs)


def aduan(server: str, folder: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The command line of ani (this tree's version) through ``server``, with her cache and a keyring in a file
    in ``folder``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADUAN_")}
    env |= {
        "ADUAN_SERVER": server,
        "ADUAN_OFFICER": "ani",
        "ADUAN_CACHE": str(folder / "ani.cache.db"),
        # A keyring in a file, for this test only: the product uses the operating system's keyring.
        "PYTHON_KEYRING_BACKEND": "tests.file_keyring.FileKeyring",
        "ADUAN_TEST_KEYRING": str(folder / "keyring.json"),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
