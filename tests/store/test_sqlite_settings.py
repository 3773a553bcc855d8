"""Every SQLite connection the app opens (the embedded central database and each workstation cache) gets the
settings its correctness rests on, plain or encrypted: WAL so that readers never block the writer, FULL
synchronous commits (a cache holds the officer's queued work), foreign keys, and a wait for the write lock
instead of an immediate "database is locked"."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.store import engine as engines

RAW_KEY = "ab" * 48


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "sqlcipher"])
def test_each_connection_has_wal_full_sync_foreign_keys_and_a_busy_timeout(tmp_path: Path, encrypted: bool) -> None:
    engine = engines.create(f"sqlite:///{tmp_path / 'settings.db'}", cipher_key=RAW_KEY if encrypted else None)
    try:
        # Two connections at once: the settings are made on every connection, not once per engine.
        with engine.connect() as first, engine.connect() as second:
            for conn in (first, second):
                read = {name: conn.execute(text(f"PRAGMA {name}")).scalar_one() for name in SETTINGS}
                assert read == SETTINGS
    finally:
        engine.dispose()


SETTINGS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "foreign_keys": 1,
    "busy_timeout": 30000,
}
