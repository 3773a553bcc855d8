"""`aduan privacy export` and `aduan privacy erase` as a real process on the owner's SQLite database (``--db``): the
zip's content (the data and the attachment's bytes, nothing of another reporter), the JSON answers, and the exit
codes of what is refused (a zip without --attachments, an over-long reason, a reporter who does not exist)."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.store.schema import ticket
from tests.conftest import _database, _migrated
from tests.e2e.cli import run
from tests.store.helpers import Org, build_org, snapshot
from tests.store.privacy_helpers import BUDI, SITI, dump, found_in, spread_everywhere, write_in

# The environment names a database that does not exist: only ``--db`` leads to the real one.
NOWHERE = "sqlite:////nonexistent-aduan-folder/central.db"
ERASE_KEYS = {
    "reporter_id",
    "tickets",
    "messages",
    "attachments",
    "contacts",
    "quotes",
    "intake_errors",
    "answers_stopped",
    "comments",
    "already_erased",
}


@pytest.fixture
def org(tmp_path: Path) -> Iterator[Org]:
    for url in _database("sqlite", tmp_path):
        built = build_org(_migrated(url))
        yield built
        built.close()


def aduan(org: Org, *args: str) -> tuple[int, str, str]:
    done = run(NOWHERE, "--db", org.url, *args)
    return done.returncode, done.stdout, done.stderr


def test_an_export_with_attachments_is_a_zip_of_the_data_and_the_files(org: Org, tmp_path: Path) -> None:
    budi = write_in(org, BUDI)
    spread_everywhere(org, BUDI, budi)
    write_in(org, SITI)
    out = tmp_path / "budi.zip"

    code, stdout, stderr = aduan(
        org, "privacy", "export", "--contact", f"email:{BUDI.email}", "--out", str(out), "--attachments", "--json"
    )

    assert code == 0, stderr
    answer = json.loads(stdout)
    assert set(answer) == {"out", "reporter_id", "tickets", "files"}
    assert (answer["out"], answer["tickets"], answer["files"]) == (str(out), 1, 1)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        data = json.loads(archive.read("data.json"))
        item = data["tickets"][0]["attachments"][0]
        assert sorted(names) == sorted(["data.json", item["file"]])
        assert archive.read(item["file"]) == BUDI.content
    assert item["file"].startswith("attachments/") and item["file"].endswith(".jpg")
    assert BUDI.filename not in item["file"], "a file is named by the attachment's id, never the citizen's name"
    assert item["filename"] == BUDI.filename and "content_base64" not in item
    assert data["reporter"]["id"] == answer["reporter_id"] and data["reporter"]["name"] == BUDI.name
    text = json.dumps(data, ensure_ascii=False)
    assert BUDI.text in text and BUDI.subject in text
    assert found_in(text, SITI) == set(), "nothing of another reporter"

    plain = tmp_path / "budi.json"
    code, stdout, _ = aduan(org, "privacy", "export", "--contact", f"email:{BUDI.email}", "--out", str(plain), "--json")
    assert code == 0 and json.loads(stdout)["files"] == 0
    assert json.loads(plain.read_text("utf-8"))["reporter"]["name"] == BUDI.name

    wrong = tmp_path / "budi-wrong.json"
    code, _, stderr = aduan(
        org, "privacy", "export", "--contact", f"email:{BUDI.email}", "--out", str(wrong), "--attachments"
    )
    assert code == 2 and "--attachments" in stderr and not wrong.exists()


def test_an_erasure_answers_in_json_and_what_is_refused_has_its_exit_code(org: Org) -> None:
    budi = write_in(org, BUDI)
    spread_everywhere(org, BUDI, budi)
    write_in(org, SITI)
    tracking = org.admin.read(lambda c: c.execute(select(ticket.c.tracking_no).where(ticket.c.id == budi)).scalar())
    before = snapshot(org.admin.engine)

    code, stdout, stderr = aduan(org, "privacy", "erase", "--contact", f"email:{BUDI.email}", "--reason", "x" * 501)
    assert code == 2 and "reason" in stderr and BUDI.email not in stderr
    stranger = "warga.tak.dikenal.1987@contoh.id"
    code, stdout, stderr = aduan(org, "privacy", "erase", "--contact", f"email:{stranger}", "--reason", "12/PDP")
    assert code == 5 and stranger not in stderr + stdout
    code, _, stderr = aduan(org, "privacy", "erase", "--ticket", "ADU-1999-000777", "--reason", "12/PDP")
    assert code == 5 and "ADU-1999-000777" not in stderr
    assert snapshot(org.admin.engine) == before, "nothing was erased by a refused request"

    code, stdout, stderr = aduan(
        org, "privacy", "erase", "--contact", f"email:{BUDI.email.upper()}", "--reason", "Surat 12/PDP", "--json"
    )
    assert code == 0, stderr
    done = json.loads(stdout)
    assert set(done) == ERASE_KEYS
    assert done["tickets"] == [tracking] and done["already_erased"] is False
    counts = ("messages", "attachments", "contacts", "intake_errors", "answers_stopped")
    assert tuple(done[k] for k in counts) == (1, 1, 1, 1, 1)
    assert found_in(dump(org.admin), BUDI) == set()
    assert found_in(dump(org.admin), SITI) >= {"name", "email", "text"}

    # The contact is gone with the rest; the ticket's number stays and reaches the erased reporter.
    code, _, stderr = aduan(org, "privacy", "erase", "--contact", f"email:{BUDI.email}", "--reason", "lagi")
    assert code == 5 and BUDI.email not in stderr
    code, stdout, _ = aduan(org, "privacy", "erase", "--ticket", tracking, "--reason", "lagi", "--json")
    again = json.loads(stdout)
    assert code == 0 and again["already_erased"] is True and again["messages"] == again["attachments"] == 0


def test_unit_list_shows_the_retention_periods_beside_the_keys_it_had(org: Org) -> None:
    code, _, stderr = aduan(org, "unit", "retention", "humas", "--identity-days", "30", "--attachment-days", "keep")
    assert code == 0, stderr
    code, stdout, stderr = aduan(org, "unit", "list", "--json")
    assert code == 0, stderr
    units = {u["code"]: u for u in json.loads(stdout)}
    assert set(units["humas"]) == {
        "code",
        "name",
        "parent_id",
        "lease_seconds",
        "identity_retention_days",
        "attachment_retention_days",
    }
    assert (units["humas"]["identity_retention_days"], units["humas"]["attachment_retention_days"]) == (30, None)
    assert (units["kanreg"]["identity_retention_days"], units["kanreg"]["attachment_retention_days"]) == (None, None)
