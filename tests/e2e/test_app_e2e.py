"""The desktop app as a real child process on PostgreSQL, while a second client claims the same ticket."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import select

from desktop.domain.operations import Op, OpKind
from desktop.store import accounts
from desktop.store import schema as central
from desktop.store.service import Store
from tests.conftest import missing
from tests.databases import ServerMissing, throwaway_database
from tests.e2e.cli import ROOT
from tests.e2e.cli import run as run_cli
from tests.server.live import PASSWORD, running_server
from tests.store.helpers import build_org, new_ticket


@pytest.fixture
def pg_url(tmp_path: Path) -> Iterator[str]:
    try:
        with throwaway_database("postgresql", tmp_path) as url:
            owner = Store(url)
            owner.upgrade()
            owner.dispose()
            build_org(url).close()
            yield url
    except ServerMissing as exc:
        missing(str(exc))


class App:
    """The app's window in its own process, answering one JSON line per command."""

    def __init__(self, url: str, officer: str, folder: Path, session: str | None = None) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ADUAN_")}
        env.update(QT_QPA_PLATFORM="offscreen", ADUAN_LANG="en", ADUAN_CONFIG_DIR=str(folder / "config"))
        if session is not None:  # signed in to an Aduan server before: the keyring holds this session
            env["ADUAN_PROBE_SESSION"] = session
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.app_probe", url, officer, str(folder / f"{officer}.cache.db")],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.ready = self._answer()
        assert self.ready.get("ready"), self.ready

    def _answer(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            _, errors = self.process.communicate(timeout=30)
            raise AssertionError(f"the app exited: {errors}")
        answer: dict[str, Any] = json.loads(line)
        assert "error" not in answer, answer
        return answer

    def do(self, **command: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return self._answer()

    def quit(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.write(json.dumps({"do": "quit"}) + "\n")
            self.process.stdin.flush()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def claim_op(ticket_id: UUID) -> Op:
    return Op(op_id=uuid4(), kind=OpKind.CLAIM, ticket_id=ticket_id)


def central_claim(url: str, ticket_id: object) -> tuple[str | None, int]:
    store = Store(url)
    with store.engine.connect() as conn:
        row = conn.execute(
            select(central.officer.c.login, central.ticket.c.claim_token)
            .select_from(central.ticket)
            .outerjoin(central.officer, central.officer.c.id == central.ticket.c.claimed_by)
            .where(central.ticket.c.id == ticket_id)
        ).one()
    store.dispose()
    return row.login, int(row.claim_token)


def test_the_app_shows_who_holds_a_ticket_and_does_not_let_its_officer_act_as_holder(
    pg_url: str, tmp_path: Path
) -> None:
    ani = Store(pg_url, officer="ani")
    ticket = new_ticket(ani, subject="Jalan berlubang di depan pasar")
    ani.dispose()
    app = App(pg_url, "ani", tmp_path)
    try:
        opened = app.do(do="open", tracking_no=ticket.tracking_no)
        assert opened["banner"] == "Free — claim it" and opened["claim_enabled"]
        assert not opened["reply_allowed"] and not opened["status_enabled"]

        # A second client, as a real process: budi claims the ticket the app still shows as free.
        claimed = run_cli(pg_url, "ticket", "claim", ticket.tracking_no, officer="budi")
        assert claimed.returncode == 0, claimed.stderr
        assert central_claim(pg_url, ticket.id) == ("budi", 1)

        # Ani clicks Claim on what her cache shows as free: queued, pushed at once, refused by the server.
        app.do(do="claim")
        refused = app.do(do="wait", banner="Held by Budi Santoso", attention=1)
        assert "Your claim on " + ticket.tracking_no + " was refused" in refused["attention"][0]
        assert not refused["reply_allowed"] and not refused["status_enabled"]
        assert central_claim(pg_url, ticket.id) == ("budi", 1)  # nothing changed on the server

        # Clicking Claim again is refused on the spot, in words naming the holder.
        again = app.do(do="claim")
        assert "budi holds this report until" in again["message"]
        assert not again["reply_allowed"] and not again["status_enabled"]
        app.do(do="sync")
        assert central_claim(pg_url, ticket.id) == ("budi", 1)
    finally:
        app.quit()


def test_the_app_works_through_a_real_aduan_server_and_sees_a_claim_made_elsewhere(pg_url: str, tmp_path: Path) -> None:
    """The window signed in to ``aduan server`` (no database login): it opens on the session kept at sign-in,
    syncs through the server, learns of a claim made by another officer within seconds (the server tells
    it; no round is asked for), and refuses its own claim in words naming the holder."""
    owner = Store(pg_url)
    for login in ("ani", "budi"):
        owner.admin(accounts.reset_password, login, PASSWORD)
    owner.dispose()
    ani = Store(pg_url, officer="ani")
    ticket = new_ticket(ani, subject="Sampah menumpuk di pasar")
    ani.dispose()
    with running_server(pg_url, tmp_path) as server:
        app = App(server.url, "ani", tmp_path, session=server.sign_in("ani"))
        try:
            opened = app.do(do="open", tracking_no=ticket.tracking_no)
            assert opened["banner"] == "Free — claim it" and opened["claim_enabled"]
            budi = server.central("budi")
            taken = budi.push(claim_op(ticket.id))
            budi.close()
            assert taken.accepted and central_claim(pg_url, ticket.id) == ("budi", 1)
            told = app.do(do="wait", banner="Held by Budi Santoso")
            assert not told["reply_allowed"] and not told["status_enabled"]
            refused = app.do(do="claim")
            assert "budi holds this report until" in refused["message"]
            assert central_claim(pg_url, ticket.id) == ("budi", 1)
        finally:
            app.quit()
