"""The command line contract: output keys, exit codes, and bad input that changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from desktop.domain.entities import Ticket
from desktop.store import claims
from desktop.store.schema import unit
from desktop.store.service import Store
from tests.e2e.cli import ROOT, ok_json, run
from tests.e2e.small_org import create, small_org
from tests.store.helpers import new_ticket, snapshot

TICKET_KEYS = {"id", "tracking_no", "status", "unit", "holder", "claim_expires_at", "due_at", "claim_token"}


@pytest.fixture
def org_url(migrated_url: str) -> Iterator[str]:
    small_org(migrated_url)
    yield migrated_url


def claimed_in_process(url: str) -> Ticket:
    """Set-up without a child process: a ticket held by ani."""
    store = Store(url, officer="ani")
    made = new_ticket(store)
    held = store.write(claims.claim, made.id)
    store.dispose()
    return held


def test_json_output_has_the_documented_keys(org_url: str) -> None:
    made = create(org_url)
    assert set(made) >= TICKET_KEYS
    listed = ok_json(org_url, "ticket", "list", officer="ani")
    assert [t["tracking_no"] for t in listed] == [made["tracking_no"]]
    shown = ok_json(org_url, "ticket", "show", str(made["tracking_no"]), officer="ani")
    assert shown["id"] == made["id"] and shown["messages"][0]["direction"] == "inbound"
    officers = ok_json(org_url, "officer", "list")
    assert {o["login"] for o in officers} == {"ani", "budi", "sari"}


def test_claim_conflict_names_the_holder_and_exits_3(org_url: str) -> None:
    made = create(org_url)
    claimed = ok_json(org_url, "ticket", "claim", str(made["id"]), officer="ani")
    assert claimed["holder"] == "ani" and claimed["claim_expires_at"]
    refused = run(org_url, "ticket", "claim", str(made["id"]), officer="budi")
    assert refused.returncode == 3
    assert "ani" in refused.stderr and str(claimed["claim_expires_at"])[:16].replace("T", " ") in refused.stderr
    mine = ok_json(org_url, "ticket", "list", "--mine", officer="ani")
    assert [t["id"] for t in mine] == [made["id"]]


def test_work_through_a_ticket(org_url: str) -> None:
    made = create(org_url)
    ref = str(made["tracking_no"])
    ok_json(org_url, "ticket", "next", officer="ani")
    assert run(org_url, "ticket", "reply", ref, "--text", "Sedang kami cek.", officer="ani").returncode == 0
    assert run(org_url, "ticket", "note", ref, "--text", "@budi tolong bantu", officer="ani").returncode == 0
    events = ok_json(org_url, "ticket", "show", ref, officer="ani")["events"]
    assert [e["claim_token"] for e in events if e["action"] == "note"] == [1], "the holder's note renews the claim"
    assert run(org_url, "ticket", "note", ref, "--text", "Saya bantu cek", officer="budi").returncode == 0
    assert run(org_url, "ticket", "status", ref, "diverifikasi", officer="ani").returncode == 0
    moved = ok_json(org_url, "ticket", "transfer", ref, "kanreg-1", "--reason", "wilayah", officer="ani")
    assert moved["unit"] == "kanreg-1" and moved["holder"] is None


def test_lost_claim_exits_3_and_changes_nothing(org_url: str) -> None:
    made = claimed_in_process(org_url)
    ok_json(org_url, "ticket", "steal", str(made.id), "--reason", "Ani cuti", officer="sari")
    store = Store(org_url)
    before = snapshot(store.engine)
    done = run(
        org_url, "ticket", "status", str(made.id), "diverifikasi", "--token", str(made.claim.token), officer="ani"
    )
    assert done.returncode == 3 and "no longer valid" in done.stderr
    assert snapshot(store.engine) == before
    store.dispose()


BAD_INPUT = [
    # (description, args after "ticket", expected exit code, expected words in the message)
    ("unknown ticket id", ["show", "01234567-89ab-7def-8123-456789abcdef"], 5, "no ticket"),
    ("unknown tracking number", ["claim", "ADU-1999-000001"], 5, "no ticket"),
    ("not an id at all", ["claim", "'; DROP TABLE ticket; --"], 5, "no ticket"),
    ("forbidden transition", ["status", "{ref}", "selesai"], 2, "can go to"),
    ("status not in the list", ["status", "{ref}", "tutup"], 2, "invalid choice"),
    ("empty reply", ["reply", "{ref}", "--text", ""], 2, "empty"),
    ("10 MB reply", ["reply", "{ref}", "--text-file", "{big}"], 2, "limit"),
    ("invalid UTF-8", ["reply", "{ref}", "--text-file", "{latin1}"], 2, "not valid UTF-8"),
    ("missing file", ["reply", "{ref}", "--text-file", "{missing}"], 2, "cannot read"),
    ("non-supervisor steal", ["steal", "{ref}", "--reason", "saya mau"], 5, "supervisors"),
    ("steal without reason", ["steal", "{ref}"], 2, "--reason"),
    ("unknown unit", ["transfer", "{ref}", "tidak-ada"], 5, "no unit"),
    (
        "bad priority",
        ["create", "--unit", "humas", "--subject", "x", "--text", "y", "--priority", "urgent"],
        2,
        "unknown priority",
    ),
    ("bad limit", ["list", "--limit", "0"], 2, "--limit"),
]


@pytest.mark.parametrize(("what", "args", "code", "words"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_gets_a_clear_message_and_changes_nothing(
    org_url: str, tmp_path: Path, what: str, args: list[str], code: int, words: str
) -> None:
    made = claimed_in_process(org_url)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 10_000_000)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Laporan dari Bapak Andr\u00e9".encode("latin-1"))
    values = {"ref": made.tracking_no, "big": str(big), "latin1": str(latin1), "missing": str(tmp_path / "nope.txt")}
    store = Store(org_url)
    before = snapshot(store.engine)
    done = run(org_url, "ticket", *[a.format(**values) for a in args], officer="ani")
    assert done.returncode == code, f"{what}: {done.stderr}"
    assert words in done.stderr, f"{what}: {done.stderr}"
    assert "Traceback" not in done.stderr
    assert snapshot(store.engine) == before, f"{what} changed the database"
    store.dispose()


def test_sql_metacharacters_round_trip(org_url: str) -> None:
    hostile = "x'); DROP TABLE ticket; -- \" ` \\ %_ $$ ☃"
    made = create(org_url, subject=hostile)
    assert run(org_url, "ticket", "claim", str(made["id"]), officer="ani").returncode == 0
    assert run(org_url, "ticket", "reply", str(made["id"]), "--text", hostile, officer="ani").returncode == 0
    shown = ok_json(org_url, "ticket", "show", str(made["id"]), officer="ani")
    assert shown["subject"] == hostile and shown["messages"][-1]["text"] == hostile


def test_unreachable_database_exits_4(tmp_path: Path) -> None:
    done = run("postgresql://nobody@127.0.0.1:9/aduan", "ticket", "list", officer="ani")
    assert done.returncode == 4 and "cannot reach" in done.stderr


def test_missing_officer_is_bad_usage(org_url: str) -> None:
    done = run(org_url, "ticket", "list")
    assert done.returncode == 2 and "--officer" in done.stderr


def test_lease_length_is_a_unit_setting(org_url: str) -> None:
    store = Store(org_url)
    with store.engine.begin() as conn:
        conn.execute(update(unit).where(unit.c.code == "humas").values(lease_seconds=600))
    store.dispose()
    made = claimed_in_process(org_url)
    claimed = ok_json(org_url, "ticket", "claim", str(made.id), officer="ani")
    lease = datetime.fromisoformat(str(claimed["claim_expires_at"])[:-1]) - datetime.fromisoformat(
        str(claimed["updated_at"])[:-1]
    )
    assert 590 <= lease.total_seconds() <= 610


def test_demo_fills_a_new_database_once(db_url: str) -> None:
    counts = ok_json(db_url, "demo", "--tickets", "60", "--seed", "5")
    assert counts["tickets"] == 60 and counts["messages"] >= 60 and counts["units"] >= 17
    store = Store(db_url)
    before = snapshot(store.engine)
    again = run(db_url, "demo", "--tickets", "10")
    assert again.returncode == 2 and "already holds" in again.stderr
    assert snapshot(store.engine) == before
    store.dispose()


def test_a_refused_login_is_not_permitted_not_unreachable(server_url: str) -> None:
    """A database URL whose login the database refuses (officers have none; a mistyped owner's login): the
    server answered, so it is "not permitted" (5), not "unreachable" (4)."""
    from sqlalchemy.engine import make_url

    stranger = make_url(server_url).set(username="no_such_login", password="salah").render_as_string(False)
    done = run(stranger, "ticket", "list", officer="ani")
    assert done.returncode == 5, done.stderr
    assert "refused" in done.stderr


def test_embedded_default_is_created_and_migrated_on_first_use(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADUAN_")}
    env["XDG_DATA_HOME"] = str(tmp_path)  # platformdirs' user data folder on Linux
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "unit", "list", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    assert (tmp_path / "Aduan" / "aduan.db").is_file()
