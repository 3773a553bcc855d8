"""The encrypted local cache: a stolen file reveals nothing, a plain cache is encrypted in place without losing
its queued work (even when the process dies mid-way), a cache whose key is gone is set aside and never
deleted, the files are readable by their user alone, and a unit policy that requires encryption is kept."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.cache.database import Cache, ReadAbandoned, side_file
from desktop.cache.protection import CacheInUse, encryption_for, file_kind, open_cache
from desktop.domain.cache_notice import CacheNoticeKind, UnreadableBecause
from desktop.domain.errors import BadInput
from desktop.security.cache_keys import ENTRY_SERVICE, CacheKeys, CacheKeyUnavailable
from desktop.security.credentials import KeyringUnavailable, MemoryCredentials
from desktop.settings import Settings
from tests.sync.cache_secrets import SECRETS, every_row, fill_with_secrets, queued, readable_secrets

ROOT = Path(__file__).resolve().parents[2]
WHEN = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)  # names a cache set aside


class NoKeyring(MemoryCredentials):
    """A computer whose keyring refuses (no backend, a locked one)."""

    def get(self, server: str, login: str) -> str | None:
        raise KeyringUnavailable("the system keyring could not read the secret: no backend")

    def set(self, server: str, login: str, password: str) -> None:
        raise KeyringUnavailable("the system keyring could not store the secret: no backend")


def keys() -> CacheKeys:
    return CacheKeys(MemoryCredentials())


def stored(cache_keys: CacheKeys) -> dict[tuple[str, str], str]:
    credentials = cache_keys.credentials
    assert isinstance(credentials, MemoryCredentials)
    return credentials.stored


def plain_cache_with_work(path: Path) -> dict[str, list[tuple[object, ...]]]:
    cache = Cache(path)
    try:
        fill_with_secrets(cache)
        assert queued(cache) == 2
        return every_row(cache)
    finally:
        cache.dispose()


def test_a_stolen_encrypted_cache_reveals_nothing_and_the_same_check_finds_everything_in_a_plain_one(
    tmp_path: Path,
) -> None:
    plain = Cache(tmp_path / "plain.db")
    fill_with_secrets(plain)
    assert readable_secrets(plain.path, side_file(plain.path, "-wal")) == set(SECRETS)  # the check can fail
    plain.dispose()

    cache = open_cache(tmp_path / "enc.db", keys(), "auto")
    assert cache.encrypted and cache.notices == []
    fill_with_secrets(cache)
    wal = side_file(cache.path, "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the work is in the -wal too, while the cache is open
    assert readable_secrets(cache.path, wal, side_file(cache.path, "-queued")) == set()
    cache.dispose()
    assert readable_secrets(cache.path) == set()

    thief = sqlite3.connect(cache.path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        thief.execute("SELECT name FROM sqlite_master").fetchall()
    thief.close()


def test_a_plain_cache_with_queued_work_becomes_an_encrypted_one_with_the_same_rows(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    before = plain_cache_with_work(path)
    cache_keys = keys()
    cache = open_cache(path, cache_keys, "auto")
    try:
        assert cache.encrypted and file_kind(path) == "encrypted" and cache.notices == []
        assert every_row(cache) == before
        assert queued(cache) == 2
        with cache.read() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2  # FULL
    finally:
        cache.dispose()
    assert list(stored(cache_keys)) == [(ENTRY_SERVICE, path.read_bytes()[:16].hex())]  # one entry, by its salt
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.db", "cache.db-queued"]

    moved = tmp_path / "moved" / "elsewhere.db"  # a cache moved by its user still finds its key
    moved.parent.mkdir()
    path.rename(moved)
    again = open_cache(moved, cache_keys, "auto")
    assert again.encrypted and again.notices == [] and every_row(again) == before
    again.dispose()


CRASHER = """
import os, sys
from pathlib import Path
from desktop.cache import protection
from desktop.security.cache_keys import CacheKeys
from desktop.security.credentials import MemoryCredentials

path, point = Path(sys.argv[1]), sys.argv[2]
real_replace = os.replace

def dying_replace(src, dst):
    if point == "after":
        real_replace(src, dst)
    os._exit(9)  # the process dies here, as with kill -9: nothing is cleaned up

protection.os.replace = dying_replace
key = CacheKeys(MemoryCredentials()).new()
print(key, flush=True)
protection.encrypt_in_place(path, key)
"""


@pytest.mark.parametrize("point", ["before", "after"])
def test_a_process_killed_while_it_encrypts_leaves_the_plain_cache_or_the_encrypted_one(
    tmp_path: Path, point: str
) -> None:
    path = tmp_path / "cache.db"
    before = plain_cache_with_work(path)
    died = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CRASHER), str(path), point],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert died.returncode == 9, died.stderr
    key = died.stdout.strip()
    leftovers = [p.name for p in tmp_path.iterdir() if ".encrypting-" in p.name]
    if point == "before":
        assert file_kind(path) == "plain" and len(leftovers) == 1  # the finished copy never took its place
        cache_keys = keys()
        cache = open_cache(path, cache_keys, "auto")  # encrypted now, the copy of the dead process removed
        assert cache.encrypted
    else:
        assert file_kind(path) == "encrypted" and leftovers == []
        cache_keys = keys()
        stored(cache_keys)[(ENTRY_SERVICE, key[64:])] = key[:64]  # the key the dead process kept
        cache = open_cache(path, cache_keys, "auto")
    try:
        assert cache.notices == [] and every_row(cache) == before
    finally:
        cache.dispose()
    assert [p.name for p in tmp_path.iterdir() if ".encrypting-" in p.name] == []


def test_a_cache_whose_key_is_gone_is_set_aside_untouched_and_a_new_one_works(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    cache_keys = keys()
    cache = open_cache(path, cache_keys, "auto")
    fill_with_secrets(cache)
    cache.dispose()
    kept = {suffix: side_file(path, suffix).read_bytes() for suffix in ("", "-queued")}
    stored(cache_keys).clear()  # the keyring entry was removed

    fresh = open_cache(path, cache_keys, "auto", now=WHEN)
    try:
        aside = side_file(path, ".unreadable-20260304T050607Z")
        assert {suffix: side_file(aside, suffix).read_bytes() for suffix in kept} == kept  # byte for byte
        [told] = fresh.notices
        assert (told.kind, told.because, told.queued, told.kept_as) == (
            CacheNoticeKind.SET_ASIDE,
            UnreadableBecause.KEY_MISSING,
            2,
            str(aside),
        )
        notice = str(told)
        assert "2 queued operation(s)" in notice and str(aside) in notice
        assert "not in this user's keyring" in notice
        assert not any(secret in notice for secret in SECRETS)
        assert fresh.encrypted and queued(fresh) == 0
        fill_with_secrets(fresh)  # the new cache works
        assert queued(fresh) == 2
    finally:
        fresh.dispose()

    other_account = keys()  # a copy taken to another account: that keyring has another key under the salt
    stored(other_account)[(ENTRY_SERVICE, path.read_bytes()[:16].hex())] = "ab" * 32
    again = open_cache(path, other_account, "auto", now=WHEN)
    again.dispose()
    assert "does not open it" in str(again.notices[0])
    assert side_file(path, ".unreadable-20260304T050607Z.1").exists() and aside.exists()


def test_a_keyring_that_cannot_be_read_leaves_an_encrypted_cache_untouched(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    open_cache(path, keys(), "auto").dispose()
    before = path.read_bytes()
    with pytest.raises(CacheKeyUnavailable, match="left untouched"):
        open_cache(path, CacheKeys(NoKeyring()), "auto")
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["cache.db", "cache.db-queued"]


def windows_access(path: Path) -> list[tuple[str, str]]:
    """The access entries of ``path`` as ``icacls`` lists them: (account, rights), e.g. ("PC\\ani", "(I)(F)")."""
    listing = subprocess.run(["icacls", str(path)], capture_output=True, text=True, check=True).stdout
    lines = listing.split("\n\n", 1)[0].splitlines()
    entries = [lines[0][len(str(path)) :].strip(), *(line.strip() for line in lines[1:])]
    return [(account, rights) for account, _, rights in (entry.rpartition(":") for entry in entries if entry)]


def test_cache_folder_and_files_are_readable_by_their_user_alone(tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "cache.db"
    cache = open_cache(path, keys(), "auto")
    fill_with_secrets(cache)
    if sys.platform == "win32":  # the Windows workflow: icacls gave the folder and the files to the user alone
        user = os.environ["USERNAME"].lower()
        for target in (path.parent, path, side_file(path, "-queued"), side_file(path, "-wal")):
            entries = windows_access(target)
            assert entries and all(account.lower().rsplit("\\", 1)[-1] == user for account, _ in entries), entries
            if target != side_file(path, "-wal"):  # SQLite creates the -wal: it inherits the folder's one entry
                assert all("(I)" not in rights for _, rights in entries), entries
        cache.dispose()
        return
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for suffix in ("", "-wal", "-shm", "-queued"):
        assert stat.S_IMODE(side_file(path, suffix).stat().st_mode) == 0o600, suffix
    cache.dispose()

    old = tmp_path / "old.db"  # a cache from an earlier version, readable by everyone
    plain = Cache(old)
    with plain.write() as conn:
        conn.exec_driver_sql("CREATE TABLE keep_wal (x)")
    for suffix in ("", "-wal", "-shm"):
        side_file(old, suffix).chmod(0o644)
    reopened = Cache(old)
    for suffix in ("", "-wal", "-shm"):
        assert stat.S_IMODE(side_file(old, suffix).stat().st_mode) == 0o600, suffix
    reopened.dispose()
    plain.dispose()


def test_a_policy_that_requires_encryption_is_refused_where_no_key_can_be_kept(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    with pytest.raises(BadInput, match="policy requires an encrypted local cache.*nothing was written"):
        open_cache(path, CacheKeys(NoKeyring()), "required")
    assert not path.exists()

    old = tmp_path / "old.db"
    before = plain_cache_with_work(old)
    data = old.read_bytes()
    with pytest.raises(BadInput, match="policy requires"):
        open_cache(old, CacheKeys(NoKeyring()), "required")
    assert old.read_bytes() == data and file_kind(old) == "plain"

    auto = open_cache(old, CacheKeys(NoKeyring()), "auto")  # without the policy: plain, and said so
    try:
        assert not auto.encrypted and "is not encrypted" in str(auto.notices[0])
        assert every_row(auto) == before
    finally:
        auto.dispose()


HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("SELECT count(*) FROM outbox").fetchall()
print("open", flush=True)
sys.stdin.readline()
"""


def test_a_plain_cache_another_process_has_open_is_not_encrypted_under_it(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    before = plain_cache_with_work(path)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(HOLDER), str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"open"
        cache_keys = keys()
        with pytest.raises(CacheInUse, match="another Aduan process has it open"):
            open_cache(path, cache_keys, "required")
        cache = open_cache(path, cache_keys, "auto")
        try:
            assert not cache.encrypted and "stays unencrypted for now" in str(cache.notices[0])
            assert every_row(cache) == before
        finally:
            cache.dispose()
        assert stored(cache_keys) == {}  # the keys of the encryptions that did not happen are forgotten
    finally:
        holder.communicate(b"\n", timeout=30)
    assert [p.name for p in tmp_path.iterdir() if ".encrypting-" in p.name] == []


def test_an_interruptible_read_is_given_up_on_an_encrypted_cache_too(tmp_path: Path) -> None:
    cache = open_cache(tmp_path / "cache.db", keys(), "auto")
    fill_with_secrets(cache)
    wanted = iter([True, True, False])  # wanted before it starts and at the first check, then no longer
    try:
        with pytest.raises(ReadAbandoned), cache.read_interruptible(lambda: next(wanted, False)) as conn:
            conn.exec_driver_sql(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
            ).scalar_one()
    finally:
        cache.dispose()


def test_the_unit_policy_can_require_encryption_and_the_officer_cannot_weaken_it(tmp_path: Path) -> None:
    policy = tmp_path / "unit-policy.json"
    policy.write_text(json.dumps({"cache_encryption": "required"}))
    settings = Settings(policy, tmp_path / "settings.json")
    assert settings.get("cache_encryption") == "required" and settings.locked("cache_encryption")
    with pytest.raises(BadInput, match="set by your unit's policy"):
        settings.set("cache_encryption", "auto")
    assert encryption_for(settings.get("cache_encryption"), through_server=False) == "required"

    open_default = Settings(tmp_path / "none.json", tmp_path / "settings.json")
    assert open_default.get("cache_encryption") == "auto"
    assert encryption_for("auto", through_server=True) == "auto"
    assert encryption_for("auto", through_server=False) == "plain"

    policy.write_text(json.dumps({"cache_encryption": "off"}))
    with pytest.raises(BadInput, match="cache_encryption"):
        Settings(policy, tmp_path / "settings.json")


def test_the_command_line_refuses_to_write_a_plain_cache_when_the_unit_policy_requires_encryption(
    tmp_path: Path,
) -> None:
    policy = tmp_path / "unit-policy.json"
    policy.write_text(json.dumps({"cache_encryption": "required"}))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADUAN_")}
    env |= {
        "ADUAN_POLICY": str(policy),
        "ADUAN_CONFIG_DIR": str(tmp_path / "config"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # a computer without a keyring
        "PYTHONPATH": str(ROOT),
    }
    database = f"sqlite:///{tmp_path / 'aduan.db'}"

    def aduan(*args: str) -> subprocess.CompletedProcess[str]:
        main = [sys.executable, str(ROOT / "main.py"), "--db", database, *args]
        return subprocess.run(main, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)

    assert aduan("db", "upgrade").returncode == 0
    refused = aduan("--cache", str(tmp_path / "cache.db"), "ticket", "list", "--json")
    assert refused.returncode == 2, refused.stderr
    assert "policy requires an encrypted local cache" in refused.stderr and "nothing was written" in refused.stderr
    assert not (tmp_path / "cache.db").exists()
