"""A workspace's local cache, encrypted: how it is opened, encrypted in place, or set aside.

``open_cache`` is what a session and the command line call. With ``encryption``:
- ``"auto"`` (the default for work through the Aduan server): a new cache is encrypted, a plain one from an
  earlier version is encrypted in place; when the keyring cannot keep a key the cache stays plain, and a
  notice says so (never silently);
- ``"required"`` (the unit policy): as "auto", but a cache that cannot be encrypted is refused;
- ``"plain"`` (the embedded workspace and the owner's direct work, unless the policy requires it): a plain
  cache stays plain.
An encrypted cache is opened with its key in any mode. One whose key is gone (the keyring entry removed, a
copy from another account) is never deleted: it is set aside under a new name with its side files, the
officer is told how many queued operations it held, and a new cache is started (the next sync fills it).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from ..domain.cache_notice import CacheNotice, CacheNoticeKind, UnreadableBecause
from ..domain.errors import BadInput
from ..security.cache_keys import CacheKeys, CacheKeyUnavailable
from ..security.private_files import create_private_file, private_folder
from .database import QUEUED_NOTE, SIDE_FILES, Cache, CacheUnreadable, default_cache_folder, side_file

Encryption = Literal["plain", "auto", "required"]
SQLITE_HEADER = b"SQLite format 3\x00"
ENCRYPTING = ".encrypting-"  # NAME.db.encrypting-<random>: an encrypted copy being written
UNREADABLE = ".unreadable-"  # NAME.db.unreadable-<UTC time>: a cache set aside, with its side files


class CacheInUse(BadInput):
    """Another process has the plain cache open: it cannot be encrypted now."""

    code = "cache_in_use"


def open_cache(path: Path, keys: CacheKeys, encryption: Encryption, now: datetime | None = None) -> Cache:
    """The cache at ``path``, encrypted as ``encryption`` asks; what the officer should know is in its
    ``notices``. ``now`` names a cache set aside (default: the current time)."""
    if path.parent == default_cache_folder():
        private_folder(path.parent)  # a folder from an earlier version was readable by everyone
    for _attempt in range(3):
        try:
            return _open(path, keys, encryption, now or datetime.now(UTC))
        except _Raced:
            continue  # another process encrypted it meanwhile: open what is there now
    raise CacheInUse(f"the local cache {path} is being changed by another Aduan process: close it and try again")


class _Raced(Exception):
    pass


def encryption_for(setting: object, through_server: bool) -> Encryption:
    """The encryption of a workspace's cache: the ``cache_encryption`` setting ("auto" or "required", which a
    unit policy may lock) and whether the work goes through the Aduan server. "auto" leaves the cache of the
    embedded workspace and of the owner's direct work plain: their database is on this computer or theirs."""
    if setting == "required":
        return "required"
    return "auto" if through_server else "plain"


def _open(path: Path, keys: CacheKeys, encryption: Encryption, now: datetime) -> Cache:
    notices: list[CacheNotice] = []
    kind = file_kind(path)
    if kind == "encrypted":
        key = keys.get(_salt(path))
        if key is not None:
            try:
                return Cache(path, key)
            except CacheUnreadable:
                because = UnreadableBecause.KEY_WRONG
        else:
            because = UnreadableBecause.KEY_MISSING
        notices.append(set_aside(path, because, now))
        kind = "missing"
    if encryption == "plain":
        return _with(Cache(path), notices)
    try:
        key = keys.new()
    except CacheKeyUnavailable as exc:
        if encryption == "required":
            raise CacheKeyUnavailable(
                f"your unit's policy requires an encrypted local cache, and {exc.message}; nothing was written"
            ) from None
        notices.append(CacheNotice(CacheNoticeKind.NOT_ENCRYPTED, str(path), detail=exc.message))
        return _with(Cache(path), notices)
    if kind == "plain":
        try:
            encrypt_in_place(path, key)
        except (CacheInUse, _Raced) as exc:
            keys.forget(key)
            if isinstance(exc, _Raced):
                raise
            if encryption == "required":
                raise CacheInUse(
                    f"your unit's policy requires an encrypted local cache, and {exc.message}: close the other "
                    "Aduan window or command and try again"
                ) from None
            notices.append(CacheNotice(CacheNoticeKind.STILL_PLAIN, str(path), detail=exc.message))
            return _with(Cache(path), notices)
    return _with(Cache(path, key), notices)


def _with(cache: Cache, notices: list[CacheNotice]) -> Cache:
    cache.notices.extend(notices)
    return cache


def file_kind(path: Path) -> Literal["missing", "plain", "encrypted"]:
    """What the file at ``path`` is, from its first bytes: SQLite's header, or SQLCipher's random salt."""
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return "missing"
    if not head:
        wal = side_file(path, "-wal")
        return "encrypted" if wal.exists() and wal.stat().st_size else "missing"
    return "plain" if head == SQLITE_HEADER else "encrypted"


def _salt(path: Path) -> str:
    with path.open("rb") as file:
        return file.read(len(SQLITE_HEADER)).hex()


# -- encrypting a plain cache in place -----------------------------------------------------------------------


def encrypt_in_place(path: Path, key: str) -> None:
    """Replace the plain cache at ``path`` by an encrypted copy with the same rows (the outbox, the overlay,
    drafts: everything). The copy is written beside it and then renamed over it in one step, so a crash at
    any moment leaves the plain file or the encrypted one; a copy left unfinished is removed next time.

    The plain file is switched out of WAL first: that folds its -wal into it (no -wal of the plain file may
    stay beside the encrypted one) and is refused while another process has it open (CacheInUse). Then it
    stays locked until the copy has replaced it, so nothing is written to it that the copy would lack."""
    import sqlcipher3

    before = path.stat()
    copy = side_file(path, ENCRYPTING + secrets.token_hex(4))
    create_private_file(copy)
    conn = sqlcipher3.connect(str(path), isolation_level=None, timeout=30)
    replaced = False
    try:
        try:
            conn.execute("PRAGMA journal_mode=DELETE").fetchall()
        except sqlcipher3.OperationalError as exc:
            raise CacheInUse(f"another Aduan process has it open ({exc})") from None
        conn.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(copy), f"x'{key}'"))
        conn.execute("BEGIN EXCLUSIVE")
        after = path.stat()
        if (after.st_ino, after.st_dev) != (before.st_ino, before.st_dev) or file_kind(path) != "plain":
            raise _Raced()
        _remove_unfinished_copies(path, keep=copy)
        version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
        conn.execute("SELECT sqlcipher_export('encrypted')").fetchall()
        conn.execute(f"PRAGMA encrypted.user_version = {version}")
        exported = conn.execute("PRAGMA main.data_version").fetchone()[0]
        conn.execute("COMMIT")  # the copy is complete and synced (synchronous=FULL on a rollback journal)
        conn.execute("DETACH DATABASE encrypted")
        _fsync(copy)
        if sys.platform == "win32":
            conn.close()  # Windows renames no file that is open; the moment between is as short as it can be
        else:
            conn.execute("BEGIN EXCLUSIVE")  # held while the copy takes the file's place
            after = path.stat()
            written_since = conn.execute("PRAGMA main.data_version").fetchone()[0] != exported
            if (after.st_ino, after.st_dev) != (before.st_ino, before.st_dev) or written_since:
                raise _Raced()  # another process wrote between the copy and now: copy again
        os.replace(copy, path)
        replaced = True
        _fsync_folder(path.parent)
    finally:
        conn.close()
        if not replaced:
            _remove(copy)


def _remove_unfinished_copies(path: Path, keep: Path) -> None:
    """Copies of an encryption that stopped midway (the plain file is intact: the rename is the last step).
    Called while holding the plain file's lock, so no other process is writing one."""
    for unfinished in path.parent.glob(path.name + ENCRYPTING + "*"):
        if unfinished != keep and not unfinished.name.endswith(SIDE_FILES):
            _remove(unfinished)


def _remove(copy: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(OSError):  # still open elsewhere (Windows): removed the next time
            side_file(copy, suffix).unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no handle on a folder to sync)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- a cache that cannot be read ---------------------------------------------------------------------------


def set_aside(path: Path, because: UnreadableBecause, now: datetime) -> CacheNotice:
    """Rename an unreadable cache and its side files under one new name (nothing is deleted); the notice
    for the officer names the file and the operations it held that were never sent."""
    queued = _queued_when_last_used(path)
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = side_file(path, UNREADABLE + stamp)
    n = 1
    while any(side_file(target, suffix).exists() for suffix in ("", *SIDE_FILES, QUEUED_NOTE)):
        target = side_file(path, f"{UNREADABLE}{stamp}.{n}")
        n += 1
    # The side files first: a -wal left beside a new cache of the same name would be read as its own.
    for suffix in (*SIDE_FILES, QUEUED_NOTE, ""):
        if side_file(path, suffix).exists():
            side_file(path, suffix).replace(side_file(target, suffix))
    _fsync_folder(path.parent)
    return CacheNotice(CacheNoticeKind.SET_ASIDE, str(path), kept_as=str(target), because=because, queued=queued)


def _queued_when_last_used(path: Path) -> int | None:
    try:
        return int(side_file(path, QUEUED_NOTE).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None
