"""`aduan sync` and the offline-first ticket commands (`--cache`), as real child processes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.domain.status import Status
from desktop.store import claims, handling
from desktop.store import schema as central
from desktop.store.service import Store
from tests.e2e.cli import ok_json, run
from tests.e2e.link import Link
from tests.store.helpers import build_org, new_ticket


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
    for where in ((), ("--cache", str(cache))):  # an unknown unit, in the list's filter
        done = run(org_url, *where, "ticket", "list", "--unit", "nosuch", officer="budi")
        assert done.returncode == 5 and "no unit with code 'nosuch'" in done.stderr, (where, done.stderr)


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


def test_ticket_commands_answer_the_same_directly_and_through_the_cache(org_url: str, tmp_path: Path) -> None:
    """One implementation per command: on the central database directly or through the local cache, `ticket
    list` finds the same tickets (the open ones unless --status says), and list, show, claim and create
    answer the same keys; through the cache the operation has an id."""
    ani = Store(org_url, officer="ani")
    first, second = new_ticket(ani, subject="Jalan berlubang"), new_ticket(ani, subject="Lampu jalan mati")
    archived = new_ticket(ani, subject="Sudah selesai")
    ani.write(handling.change_status, archived.id, ani.write(claims.claim, archived.id).claim.token, Status.DIARSIPKAN)
    new_ticket(Store(org_url, officer="rudi"), unit="kanreg-1")  # not ani's to see
    cache = tmp_path / "ani.cache"

    found = {}
    for listing in (("--limit", "100"), ("--status", "diarsipkan"), ("--mine",)):
        directly = ok_json(org_url, "ticket", "list", *listing, officer="ani")
        through_cache = cached(org_url, cache, "ticket", "list", *listing)
        assert directly == through_cache, listing
        found[listing[0]] = [t["id"] for t in directly]
    assert found == {"--limit": [str(first.id), str(second.id)], "--status": [str(archived.id)], "--mine": []}

    claimed_directly = ok_json(org_url, "ticket", "claim", first.tracking_no, officer="ani")
    claimed_through_cache = cached(org_url, cache, "ticket", "claim", second.tracking_no)
    assert set(claimed_directly) == set(claimed_through_cache) >= {"id", "claim_token", "token", "state", "op_id"}
    assert (claimed_directly["op_id"], claimed_directly["state"]) == (None, "applied")
    assert claimed_through_cache["op_id"] and claimed_through_cache["state"] == "applied"  # type: ignore[index]

    shown_directly = ok_json(org_url, "ticket", "show", first.tracking_no, officer="ani")
    shown_through_cache = cached(org_url, cache, "ticket", "show", second.tracking_no)
    assert set(shown_directly) == set(shown_through_cache)  # type: ignore[arg-type]
    assert set(shown_directly["messages"][0]) == set(shown_through_cache["messages"][0])  # type: ignore[index]

    report = ("ticket", "create", "--unit", "humas", "--subject", "Sampah menumpuk", "--text", "Di pasar.")
    created_directly = ok_json(org_url, *report, officer="ani")
    created_through_cache = cached(org_url, cache, *report)
    assert set(created_directly) == set(created_through_cache)  # type: ignore[arg-type]
    ani.dispose()
