"""`ticket link|unlink|merge|answer-all|not-ours|refer` and `referral list|answer`, as real child processes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from desktop.domain.entities import Ticket
from desktop.store import claims, handling
from desktop.store.canned import add_canned_response
from desktop.store.schema import ticket
from desktop.store.service import Store
from tests.e2e.cli import ok_json, run
from tests.e2e.link import Link
from tests.store.canned_helpers import as_owner
from tests.store.helpers import build_org, new_ticket

LINKED_KEYS = {"ticket_id", "tracking_no", "status", "unit", "holder", "token", "master_id", "master_tracking_no"}
REFERRAL_KEYS = {
    "referral_id",
    "ticket_id",
    "tracking_no",
    "subject",
    "first_message",
    "reporter_name",
    "from_unit",
    "to_unit",
    "question",
    "asked_by",
    "answer",
    "answered_by",
    "answered_at",
    "note_id",
    "created_at",
    "state",
    "may_answer",
    "sees_ticket",
}


@pytest.fixture
def org_url(migrated_url: str) -> Iterator[str]:
    build_org(migrated_url).close()
    yield migrated_url


def held(url: str, login: str = "ani", unit: str = "humas", **kwargs: Any) -> Ticket:
    """Set-up without a child process: a new ticket its officer holds."""
    store = Store(url, officer=login)
    made = store.write(claims.claim, new_ticket(store, unit=unit, **kwargs).id)
    store.dispose()
    return made


def test_link_merge_and_unlink_online(org_url: str) -> None:
    master, dup, other = held(org_url), held(org_url), held(org_url)
    linked = ok_json(org_url, "ticket", "link", dup.tracking_no, master.tracking_no, officer="ani")
    assert set(linked) >= LINKED_KEYS and linked["master_id"] == str(master.id)
    undone = ok_json(org_url, "ticket", "unlink", dup.tracking_no, officer="ani")
    assert undone["master_id"] is None and undone["previous_master_id"] == str(master.id)
    merged = ok_json(org_url, "ticket", "merge", other.tracking_no, master.tracking_no, officer="ani")
    assert (merged["status"], merged["holder"], merged["master_tracking_no"]) == (
        "diarsipkan",
        None,
        master.tracking_no,
    )
    shown = ok_json(org_url, "ticket", "show", other.tracking_no, officer="ani")
    assert shown["master_id"] == str(master.id) and shown["events"][-1]["action"] == "merged"


def test_refusals_have_the_documented_exit_codes(org_url: str) -> None:
    master, dup = held(org_url), held(org_url)
    itself = run(org_url, "ticket", "link", dup.tracking_no, dup.tracking_no, officer="ani")
    assert itself.returncode == 2 and "itself" in itself.stderr
    not_held = run(org_url, "ticket", "link", dup.tracking_no, master.tracking_no, officer="budi")
    assert not_held.returncode == 3 and "held by ani" in not_held.stderr
    nowhere = run(org_url, "ticket", "not-ours", dup.tracking_no, "--reason", "bukan kami", officer="ani")
    assert nowhere.returncode == 2 and "nowhere to go back to" in nowhere.stderr
    unknown = run(org_url, "ticket", "link", dup.tracking_no, "ADU-1999-000001", officer="ani")
    assert unknown.returncode == 5


def test_answer_all_answers_each_citizen_by_name(org_url: str) -> None:
    owner = Store(org_url)
    as_owner(owner, add_canned_response, "jembatan", "Jembatan", "Yth. {nama_pelapor}, laporan {nomor_tiket}.")
    master = held(org_url, reporter_name="Siti Aminah")
    dup = held(org_url, reporter_name="Bambang Irawan")
    assert run(org_url, "ticket", "link", dup.tracking_no, master.tracking_no, officer="ani").returncode == 0
    answered = ok_json(org_url, "ticket", "answer-all", master.tracking_no, "--canned", "jembatan", officer="ani")
    assert [r["tracking_no"] for r in answered["replies"]] == [master.tracking_no, dup.tracking_no]
    assert (answered["canned_version"], answered["handed_over"]) == (1, [])
    texts = [
        ok_json(org_url, "ticket", "show", t.tracking_no, officer="ani")["messages"][-1]["text"] for t in (master, dup)
    ]
    assert texts == [
        f"Yth. Siti Aminah, laporan {master.tracking_no}.",
        f"Yth. Bambang Irawan, laporan {dup.tracking_no}.",
    ]
    with owner.engine.connect() as conn, conn.execution_options(write=True).begin():
        conn.execute(update(ticket).where(ticket.c.id == dup.id).values(due_at=None))
    as_owner(owner, add_canned_response, "tenggat", "Tenggat", "Selesai paling lambat {tenggat}.")
    refused = run(org_url, "ticket", "answer-all", master.tracking_no, "--canned", "tenggat", officer="ani")
    assert refused.returncode == 2 and dup.tracking_no in refused.stderr and "{tenggat}" in refused.stderr
    owner.dispose()


def test_not_ours_online_goes_back_to_the_sender(org_url: str) -> None:
    t = held(org_url)
    store = Store(org_url, officer="ani")
    store.write(handling.transfer, t.id, t.claim.token, "kanreg-1")
    store.dispose()
    assert run(org_url, "ticket", "claim", t.tracking_no, officer="rudi").returncode == 0
    back = ok_json(org_url, "ticket", "not-ours", t.tracking_no, "--reason", "wilayah lain", officer="rudi")
    assert (back["status"], back["unit"], back["holder"]) == ("bukan_wewenang", "humas", None)


def test_refer_list_and_answer_online(org_url: str) -> None:
    t = held(org_url, subject="Jembatan putus", body="Jembatan gantung putus sejak kemarin.")
    asked = ok_json(org_url, "ticket", "refer", t.tracking_no, "kanreg-1", "--question", "Aset siapa?", officer="ani")
    listed = ok_json(org_url, "referral", "list", officer="rudi")
    assert [r["referral_id"] for r in listed] == [asked["referral_id"]] and set(listed[0]) >= REFERRAL_KEYS
    assert (listed[0]["first_message"], listed[0]["may_answer"], listed[0]["sees_ticket"]) == (
        "Jembatan gantung putus sejak kemarin.",
        True,
        False,
    )
    outsider = run(org_url, "referral", "answer", asked["referral_id"], "--text", "Dari humas.", officer="budi")
    assert outsider.returncode == 5 and "kanreg-1" in outsider.stderr
    answered = ok_json(org_url, "referral", "answer", asked["referral_id"], "--text", "Aset provinsi.", officer="rudi")
    assert answered["answered_by"] == "rudi" and answered["note_id"]
    twice = run(org_url, "referral", "answer", asked["referral_id"], "--text", "Lagi.", officer="sari")
    assert twice.returncode == 3 and "already answered by rudi" in twice.stderr
    assert ok_json(org_url, "referral", "list", "--open", officer="rudi") == []
    notes = ok_json(org_url, "ticket", "show", t.tracking_no, officer="ani")["notes"]
    assert notes[-1]["mentions"] == ["ani"] and notes[-1]["text"].endswith("Aset provinsi.")
    bad = run(org_url, "referral", "answer", "bukan-id", "--text", "x", officer="rudi")
    assert bad.returncode == 2 and "not a referral id" in bad.stderr


def test_through_the_cache_queued_while_offline_then_sent(org_url: str, tmp_path: Path) -> None:
    master, dup = held(org_url), held(org_url)
    ani_cache = tmp_path.parent / f"{tmp_path.name}-ani.cache"
    rudi_cache = tmp_path.parent / f"{tmp_path.name}-rudi.cache"
    with Link(org_url) as link:
        url = link.url

        def cached(cache: Path, *args: str, officer: str) -> Any:
            done = run(url, "--cache", str(cache), *args, "--json", officer=officer)
            assert done.returncode == 0, done.stderr
            return json.loads(done.stdout)

        assert (
            cached(ani_cache, "ticket", "link", dup.tracking_no, master.tracking_no, officer="ani")["state"]
            == "applied"
        )
        link.down()
        queued = cached(ani_cache, "ticket", "refer", master.tracking_no, "kanreg-1", "--question", "Q?", officer="ani")
        assert queued["state"] == "queued"
        mine = cached(ani_cache, "referral", "list", officer="ani")
        assert [(r["state"], r["to_unit"]) for r in mine] == [("queued", "kanreg-1")]
        link.up()
        for cache, login in ((ani_cache, "ani"), (rudi_cache, "rudi")):
            assert run(url, "--cache", str(cache), "sync", officer=login).returncode == 0
        [open_referral] = cached(rudi_cache, "referral", "list", "--open", officer="rudi")
        assert (open_referral["state"], open_referral["tracking_no"]) == ("open", master.tracking_no)
        answer = cached(rudi_cache, "referral", "answer", open_referral["referral_id"], "--text", "A.", officer="rudi")
        assert (answer["state"], answer["ticket_id"], answer["answered_by"]) == ("applied", str(master.id), "rudi")
        merged = cached(ani_cache, "ticket", "merge", dup.tracking_no, master.tracking_no, officer="ani")
        assert (merged["state"], merged["status"]) == ("applied", "diarsipkan")
