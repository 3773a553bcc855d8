"""The real desktop window in a child process, driven line by line over stdin/stdout.

The end-to-end tests start this as a separate process (its own Qt application, event loop, cache and
connection to the central database) and send it what an officer would do: open a ticket, sync, click
Claim. It answers each command with what the window shows, as one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

# qasync is imported before any desktop.ui module here, so bind it to PySide6 as desktop/ui/__init__.py does.
os.environ["QT_API"] = "pyside6"

import qasync
from sqlalchemy import select

from desktop.cache import schema as s
from desktop.security.credentials import MemoryCredentials, session_entry
from desktop.settings import Settings
from desktop.ui.app import Shell, open_shell, start_app
from desktop.ui.main_window import MainWindow


def say(data: dict[str, Any]) -> None:
    print(json.dumps(data, ensure_ascii=False), flush=True)


async def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        await asyncio.sleep(0.05)


def shown(window: MainWindow) -> dict[str, Any]:
    ticket = window.ticket
    return {
        "banner": ticket.banner.text(),
        "message": ticket.message.text() if ticket.message.isVisible() else "",
        "claim_enabled": ticket.claim_action.isEnabled(),
        "status_enabled": ticket.status_action.isEnabled(),
        "reply_allowed": ticket.composer.send_reply_action.isEnabled(),
        "attention": [window.attention.list.item(i).text() for i in range(window.attention.list.count())],
        "connection": window.status.connection.text(),
    }


def ticket_id(window: MainWindow, tracking_no: str) -> UUID:
    with window.session.cache.read() as conn:
        found = conn.execute(select(s.ticket.c.id).where(s.ticket.c.tracking_no == tracking_no)).scalar_one()
    return UUID(str(found))


async def one_sync_round(window: MainWindow) -> None:
    finished = asyncio.get_running_loop().create_future()
    window.sync.finished.connect(lambda outcome: finished.done() or finished.set_result(outcome))
    window.sync.run_round()
    await finished


async def drive(window: MainWindow, command: dict[str, Any]) -> dict[str, Any]:
    action = command["do"]
    if action == "open":
        wanted = ticket_id(window, command["tracking_no"])
        window.events.open_ticket.emit(str(wanted))
        await wait_until(lambda: window.ticket.ticket_id == wanted and bool(window.ticket.banner.text()))
    elif action == "sync":
        await one_sync_round(window)
    elif action == "claim":
        before = shown(window)
        window.ticket.claim_action.trigger()
        await wait_until(lambda: shown(window) != before)
    elif action == "wait":  # until the banner and the attention list say something
        await wait_until(
            lambda: (
                command.get("banner", "") in window.ticket.banner.text()
                and len(shown(window)["attention"]) >= command.get("attention", 0)
            )
        )
    else:
        raise ValueError(f"unknown command {action!r}")
    return shown(window)


async def main(url: str, officer: str, cache: str) -> int:
    credentials = MemoryCredentials()
    session = os.environ.get("ADUAN_PROBE_SESSION")  # an Aduan server's session, as the keyring keeps it
    if session:
        credentials.set(url, session_entry(officer), session)
    shell = await open_shell(Settings(), url, officer, Path(cache), credentials)
    if not isinstance(shell, Shell) or shell.window is None:
        say({"error": "the window did not open"})
        return 1
    window = shell.window
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str] = asyncio.Queue()

    def read_stdin() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(lines.put_nowait, line)
        loop.call_soon_threadsafe(lines.put_nowait, "")

    threading.Thread(target=read_stdin, daemon=True).start()
    await wait_until(lambda: window.inbox.model.rowCount() > 0)
    say({"ready": True, "rows": window.inbox.model.rowCount()})
    while line := await lines.get():
        command = json.loads(line)
        if command["do"] == "quit":
            break
        try:
            say(await drive(window, command))
        except Exception as exc:  # the test reads the failure instead of a hang
            say({"error": f"{type(exc).__name__}: {exc}"})
    window.close()
    shell.ops.shutdown()
    shell.close_sessions()
    return 0


if __name__ == "__main__":
    url, officer, cache = sys.argv[1:4]
    app = start_app(Settings())
    sys.exit(int(qasync.run(main(url, officer, cache))))
