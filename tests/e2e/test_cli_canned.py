"""`aduan canned …` as a real process on SQLite, PostgreSQL and MariaDB: stable JSON keys, versions,
retiring and restoring, and the documented exit codes for what is refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.domain.vocabulary import Role
from desktop.store.service import Store
from tests.e2e.cli import ok_json, run
from tests.store.helpers import add_officer_without_login, snapshot

CANNED_KEYS = {"key", "version", "unit", "title", "text", "active", "author", "created_at"}


@pytest.fixture
def org_url(migrated_url: str) -> Iterator[str]:
    """humas, and kanreg with its sub-unit kanreg-1 (made through the CLI); ani, an officer of humas, and
    sari, the supervisor of kanreg (rows only: no server logins are involved)."""
    for args in (
        ("unit", "add", "humas", "--name", "Biro Humas"),
        ("unit", "add", "kanreg", "--name", "Kantor Regional"),
        ("unit", "add", "kanreg-1", "--name", "Kantor Regional I", "--parent", "kanreg"),
    ):
        assert run(migrated_url, *args).returncode == 0
    store = Store(migrated_url)
    store.admin(add_officer_without_login, "ani", "Ani", ["humas"], Role.OFFICER)
    store.admin(add_officer_without_login, "sari", "Sari", ["kanreg"], Role.SUPERVISOR)
    store.dispose()
    yield migrated_url


def test_templates_are_added_edited_retired_and_restored_with_stable_keys(org_url: str) -> None:
    # The installation owner (no officer named) manages global templates, as an admin.
    assert ok_json(org_url, "canned", "add", "salam", "--title", "Salam", "--text", "Yth. {nama_pelapor},") == {
        "key": "salam",
        "version": 1,
    }
    added = run(
        org_url,
        "canned",
        "add",
        "jadwal",
        "--title",
        "Jadwal layanan",
        "--unit",
        "kanreg-1",
        "--text-file",
        "-",
        officer="sari",
        stdin=b"Yth. {nama_pelapor},\nkantor buka Senin-Jumat.\n",
    )
    assert added.returncode == 0 and added.stdout.strip() == "canned response jadwal added (version 1)"
    edited = ok_json(org_url, "canned", "edit", "jadwal", "--text", "Kantor buka Senin-Kamis.", officer="sari")
    assert edited == {"key": "jadwal", "version": 2}

    listed = ok_json(org_url, "canned", "list", officer="sari")
    assert all(set(t) == CANNED_KEYS for t in listed)
    assert [(t["key"], t["version"], t["unit"], t["title"], t["active"]) for t in listed] == [
        ("salam", 1, None, "Salam", True),
        ("jadwal", 2, "kanreg-1", "Jadwal layanan", True),
    ]
    shown = ok_json(org_url, "canned", "show", "jadwal", officer="sari")
    assert (shown["key"], shown["unit"], shown["active"], shown["version"]) == ("jadwal", "kanreg-1", True, 2)
    assert [(v["version"], v["author"], v["text"]) for v in shown["versions"]] == [
        (1, "sari", "Yth. {nama_pelapor},\nkantor buka Senin-Jumat."),
        (2, "sari", "Kantor buka Senin-Kamis."),
    ]

    retired = ok_json(org_url, "canned", "retire", "jadwal", officer="sari")
    assert set(retired) == CANNED_KEYS and (retired["version"], retired["active"]) == (2, False)
    assert [t["key"] for t in ok_json(org_url, "canned", "list", officer="sari")] == ["salam"]
    every = ok_json(org_url, "canned", "list", "--all", officer="sari")
    assert [(t["key"], t["active"]) for t in every] == [("salam", True), ("jadwal", False)]
    text = run(org_url, "canned", "list", "--all", officer="sari")
    assert text.returncode == 0 and "retired" in text.stdout.splitlines()[1]
    assert ok_json(org_url, "canned", "restore", "jadwal", officer="sari")["active"] is True
    assert ok_json(org_url, "canned", "list", officer="ani") == [
        t for t in ok_json(org_url, "canned", "list", officer="sari") if t["key"] == "salam"
    ]  # ani sees global templates and humas's, not kanreg-1's


REFUSALS = [
    # (officer, arguments, exit code, words the message must contain)
    ("ani", ["add", "punyaku", "--title", "Milikku", "--text", "Teks.", "--unit", "humas"], 5, "only supervisors"),
    ("ani", ["retire", "salam"], 5, "only supervisors"),
    ("sari", ["add", "umum", "--title", "Umum", "--text", "Teks."], 5, "only admins"),
    ("sari", ["edit", "salam", "--text", "Diubah."], 5, "only admins"),
    ("sari", ["add", "humas-2", "--title", "Info", "--text", "Teks.", "--unit", "humas"], 5, "'humas'"),
    ("sari", ["edit", "tidak-ada", "--text", "Teks."], 5, "no canned response 'tidak-ada'"),
    ("sari", ["show", "tidak-ada"], 5, "no canned response 'tidak-ada'"),
    ("sari", ["add", "baru", "--title", "Baru", "--text", "Pada {tanggal}.", "--unit", "kanreg"], 2, "{tanggal}"),
    (None, ["add", "salam", "--title", "Salam", "--text", "Lagi."], 2, "exists already"),
    (None, ["add", "Bukan Kunci", "--title", "Judul", "--text", "Teks."], 2, "invalid canned response key"),
    (None, ["edit", "salam", "--text", "Yth. {nama_pelapor},"], 2, "nothing to save"),
    (None, ["add", "tanpa-teks", "--title", "Judul"], 2, "--text"),
    (None, ["add", "x", "--title", "Judul", "--text", "Teks.", "--unit", "tidak-ada"], 5, "no unit with code"),
    # Refused by the request's own checks before it is sent (or run): a clear error, not an unexpected one.
    (None, ["add", "panjang", "--title", "J" * 600, "--text", "Teks."], 2, "title: String should have at most 300"),
]


def test_what_is_refused_exits_with_its_code_and_changes_nothing(org_url: str) -> None:
    assert run(org_url, "canned", "add", "salam", "--title", "Salam", "--text", "Yth. {nama_pelapor},").returncode == 0
    store = Store(org_url)
    before = snapshot(store.engine)
    outcomes = []
    for officer, args, _code, _words in REFUSALS:
        done = run(org_url, "canned", *args, officer=officer)
        outcomes.append((officer, args[0], done.returncode, done.stderr))
    assert [(o, a, c) for o, a, c, _ in outcomes] == [(o, args[0], code) for o, args, code, _ in REFUSALS]
    for (_o, _a, _c, stderr), (*_rest, words) in zip(outcomes, REFUSALS, strict=True):
        assert words in stderr
    assert snapshot(store.engine) == before
    store.dispose()


def test_an_unreachable_database_exits_4() -> None:
    done = run("postgresql://nobody@127.0.0.1:9/aduan", "canned", "list", "--json", officer="sari")
    assert done.returncode == 4 and "cannot reach" in done.stderr
    assert done.stdout == ""  # nothing printed as if it were a result
