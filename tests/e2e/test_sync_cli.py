"""`aduan sync` and the offline-first ticket commands (`--cache`), as real child processes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.store import schema as central
from desktop.store.service import Store
from tests.e2e.cli import ok_json, run
from tests.store.helpers import build_org, new_ticket
from tests.sync.proxy import Proxy, through


@pytest.fixture
def org_url(migrated_url: str) -> Iterator[str]:
    build_org(migrated_url).close()
    yield migrated_url


def cached(url: str, cache: Path, *args: str, officer: str = "ani") -> object:
    return ok_json(url, "--cache", str(cache), *args, officer=officer)


def test_offline_first_commands_apply_at_once_when_online(org_url: str, tmp_path: Path) -> None:
    store = Store(org_url, officer="ani")
    t = new_ticket(store)
    cache = tmp_path / "ani.cache"
    claimed = cached(org_url, cache, "ticket", "claim", t.tracking_no)  # the empty cache syncs first
    assert (claimed["state"], claimed["holder"], claimed["token"]) == ("applied", "ani", 1)  # type: ignore[index]
    replied = cached(org_url, cache, "ticket", "reply", t.tracking_no, "--text", "Sedang kami proses.")
    assert replied["state"] == "applied" and replied["message_id"]  # type: ignore[index]
    shown = cached(org_url, cache, "ticket", "show", t.tracking_no)
    assert [(m["direction"], m["queued"]) for m in shown["messages"]] == [("inbound", False), ("outbound", False)]  # type: ignore[index]
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(central.outbound_message)).scalar_one() == 1
    store.dispose()


def test_a_refusal_through_the_cache_has_the_same_exit_code_as_online(org_url: str, tmp_path: Path) -> None:
    t = new_ticket(Store(org_url, officer="ani"))
    cache = tmp_path / "budi.cache"
    assert run(org_url, "ticket", "claim", t.tracking_no, officer="ani").returncode == 0
    done = run(org_url, "--cache", str(cache), "ticket", "claim", t.tracking_no, officer="budi")
    assert done.returncode == 3, done.stderr  # the cache knew ani holds it
    assert "held by ani" in done.stderr
    done = run(org_url, "--cache", str(cache), "ticket", "status", t.tracking_no, "diverifikasi", officer="budi")
    assert done.returncode == 3 and "do not hold" in done.stderr  # refused locally, nothing queued
    done = run(org_url, "--cache", str(cache), "ticket", "status", t.tracking_no, "selesai", officer="budi")
    assert done.returncode == 2 and "it can go to" in done.stderr
    listed = ok_json(org_url, "--cache", str(cache), "outbox", officer="budi")
    assert listed == []


def test_offline_commands_are_queued_and_sent_by_sync(org_url: str, tmp_path: Path) -> None:
    t = new_ticket(Store(org_url, officer="ani"))
    cache = tmp_path.parent / f"{tmp_path.name}-ani.cache"
    with Link(org_url) as link:
        url = link.url
        cached(url, cache, "ticket", "claim", t.tracking_no)
        link.down()
        queued = cached(url, cache, "ticket", "reply", t.tracking_no, "--text", "Dijawab tanpa jaringan.")
        assert queued["state"] == "queued"  # type: ignore[index]
        noted = run(
            url, "--cache", str(cache), "ticket", "note", t.tracking_no, "--text", "catatan luring", officer="ani"
        )
        assert (noted.returncode, noted.stdout.startswith("queued")) == (0, True), noted.stderr
        shown = cached(url, cache, "ticket", "show", t.tracking_no)
        assert [m["queued"] for m in shown["messages"]] == [False, True]  # type: ignore[index]
        assert [n["queued"] for n in shown["notes"]] == [True]  # type: ignore[index]
        pending = cached(url, cache, "outbox")
        assert [op["kind"] for op in pending] == ["reply", "note"]  # type: ignore[union-attr]
        offline_sync = run(url, "--cache", str(cache), "sync", officer="ani")
        assert offline_sync.returncode == 4 and "cannot reach" in offline_sync.stderr
        link.up()
        synced = cached(url, cache, "sync")
    assert synced["pushed"] == {"applied": 2, "rejected": 0, "handed_over": 0} and synced["pending"] == 0  # type: ignore[index]
    with Store(org_url).engine.connect() as conn:
        added_offline = conn.execute(select(central.note.c.added_offline)).scalars().all()
        outbound = conn.execute(select(func.count()).select_from(central.outbound_message)).scalar_one()
    assert (list(map(bool, added_offline)), outbound) == ([True], 1)


class Link:
    """The way to the central database, which the test takes down and brings up. SQLite: the central
    file's folder moves away (SQLite cannot open it); PostgreSQL and MariaDB: a TCP proxy refuses."""

    def __init__(self, url: str) -> None:
        self.proxy = None if url.startswith("sqlite") else Proxy.to(url)
        self.url = url if self.proxy is None else through(url, self.proxy)
        self.folder = Path(url.removeprefix("sqlite:///")).parent
        self.away = self.folder.with_name(self.folder.name + "-away")

    def down(self) -> None:
        if self.proxy is None:
            self.folder.rename(self.away)
        else:
            self.proxy.refuse()
            self.proxy.cut()

    def up(self) -> None:
        if self.proxy is None:
            self.away.rename(self.folder)
        else:
            self.proxy.accept()

    def __enter__(self) -> Link:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.proxy is None:
            if self.away.exists():
                self.up()
        else:
            self.proxy.close()


def test_sync_watch_rounds_report_each_round(org_url: str, tmp_path: Path) -> None:
    store = Store(org_url, officer="ani")
    new_ticket(store)
    done = run(
        org_url,
        "--cache",
        str(tmp_path / "w.cache"),
        "sync",
        "--watch",
        "--rounds",
        "2",
        "--interval",
        "0.1",
        "--json",
        officer="ani",
    )
    assert done.returncode == 0, done.stderr
    rounds = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["snapshot"] for r in rounds] == [True, False]
    assert rounds[0]["pulled"] == {"ticket": 1, "message": 1, "sla_clock": 2} and rounds[1]["pulled"] == {}
    store.dispose()


def test_a_cache_refuses_another_central_database_or_officer(org_url: str, tmp_path: Path) -> None:
    cache = tmp_path / "ani.cache"
    cached(org_url, cache, "sync")
    other = run(org_url, "--cache", str(cache), "sync", officer="budi")
    assert other.returncode == 2 and "officer 'ani'" in other.stderr
    elsewhere = run("sqlite:///" + str(tmp_path / "other.db"), "--cache", str(cache), "ticket", "list", officer="ani")
    assert elsewhere.returncode == 2 and "is the cache of central" in elsewhere.stderr
