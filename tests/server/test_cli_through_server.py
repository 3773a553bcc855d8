"""The command line of an officer who works through ``aduan server``: sign in once (the session token goes to
the keyring, never to a file of ours), then the ticket commands go through the cache and the server."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from desktop.store.schema import officer, ticket
from tests.server.conftest import World
from tests.server.live import PASSWORD, aduan
from tests.store.helpers import new_ticket
from tests.sync.proxy import Proxy


def test_an_officer_signs_in_works_and_signs_out_through_the_server(world: World, tmp_path: Path) -> None:
    t = new_ticket(world.org.ani)
    url = world.server.url
    wrong = aduan(url, tmp_path, "signin", "--password-stdin", stdin="salah-sekali-123\n")
    assert wrong.returncode == 5 and "wrong login or password" in wrong.stderr
    signed = aduan(url, tmp_path, "signin", "--password-stdin", "--json", stdin=PASSWORD + "\n")
    assert signed.returncode == 0, signed.stderr
    assert json.loads(signed.stdout)["login"] == "ani"
    kept = (tmp_path / "keyring.json").read_text()
    assert PASSWORD not in kept and len(json.loads(kept)) == 1  # the session token only
    cache = tmp_path / "ani.cache.db"

    claimed = aduan(url, tmp_path, "ticket", "claim", t.tracking_no, "--json")
    assert claimed.returncode == 0, claimed.stderr
    assert json.loads(claimed.stdout)["state"] == "applied"
    replied = aduan(url, tmp_path, "ticket", "reply", t.tracking_no, "--text", "Sedang kami proses.", "--json")
    assert replied.returncode == 0 and json.loads(replied.stdout)["state"] == "applied", replied.stderr
    shown = aduan(url, tmp_path, "ticket", "show", t.tracking_no, "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["holder"] == "ani", shown.stderr

    owner_only = aduan(url, tmp_path, "demo", "--tickets", "1")
    assert owner_only.returncode == 2 and "does not work through the Aduan server" in owner_only.stderr

    # The cache is encrypted, its key the one other entry of the keyring (named by the file's salt).
    assert cache.read_bytes()[:16] != b"SQLite format 3\x00"
    assert set(json.loads((tmp_path / "keyring.json").read_text())) == {
        f"Aduan {url}\nani session",
        f"Aduan local cache\n{cache.read_bytes()[:16].hex()}",
    }

    out = aduan(url, tmp_path, "signout")
    assert out.returncode == 0, out.stderr
    # Signing out ends the session; the cache's key stays, or queued work would become unreadable.
    assert list(json.loads((tmp_path / "keyring.json").read_text())) == [
        f"Aduan local cache\n{cache.read_bytes()[:16].hex()}"
    ]
    refused = aduan(url, tmp_path, "ticket", "note", t.tracking_no, "--text", "masih bisa?")
    assert refused.returncode == 5 and "not signed in" in refused.stderr


def test_with_the_server_out_of_reach_a_command_answers_queued_and_sync_sends_it_later(
    world: World, tmp_path: Path
) -> None:
    t = new_ticket(world.org.ani)
    proxy = Proxy("127.0.0.1", int(world.server.url.rsplit(":", 1)[1]))
    via = f"http://127.0.0.1:{proxy.port}"
    try:
        assert aduan(via, tmp_path, "signin", "--password-stdin", stdin=PASSWORD + "\n").returncode == 0
        assert aduan(via, tmp_path, "sync").returncode == 0
        for fault in (proxy.refuse, proxy.stall):
            proxy.cut()
            fault()
            note = ("ticket", "note", t.tracking_no, "--text", "dicatat di luar jaringan", "--json")
            queued = aduan(via, tmp_path, *note)
            assert queued.returncode == 0, queued.stderr
            assert json.loads(queued.stdout)["state"] == "queued"
            proxy.resume()
            proxy.accept()
        synced = aduan(via, tmp_path, "sync", "--json")
        assert synced.returncode == 0, synced.stderr
        assert json.loads(synced.stdout)["pushed"]["applied"] == 2
    finally:
        proxy.close()


def test_ticket_next_whose_answer_is_lost_is_asked_again_and_claims_one_ticket(world: World, tmp_path: Path) -> None:
    first = new_ticket(world.org.ani, subject="Jalan berlubang")
    new_ticket(world.org.ani, subject="Lampu jalan mati")
    proxy = Proxy("127.0.0.1", int(world.server.url.rsplit(":", 1)[1]))
    via = f"http://127.0.0.1:{proxy.port}"
    try:
        assert aduan(via, tmp_path, "signin", "--password-stdin", stdin=PASSWORD + "\n").returncode == 0
        proxy.lose_ack_after(b"POST /v1/ops")
        picked = aduan(via, tmp_path, "ticket", "next", "--json")
        assert picked.returncode == 0, picked.stderr
        assert proxy.fired == ["lose_ack"]  # the server claimed, the answer never came: asked again, same id
        assert json.loads(picked.stdout)["tracking_no"] == first.tracking_no
        held = world.owner.read(
            lambda conn: conn.execute(
                select(func.count())
                .select_from(ticket)
                .join(officer, officer.c.id == ticket.c.claimed_by)
                .where(officer.c.login == "ani")
            ).scalar_one()
        )
        assert held == 1
    finally:
        proxy.close()
