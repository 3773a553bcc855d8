"""What a cache keeps across versions and fresh snapshots: queued work, drafts and read marks."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert, select

from desktop.cache import schema as s
from desktop.cache.database import Cache, drop_mirror
from desktop.desk.drafts import load_draft, save_draft

VERSION_1_OUTBOX = """
CREATE TABLE outbox (
    seq INTEGER NOT NULL, op_id CHAR(32) NOT NULL, kind VARCHAR(20) NOT NULL, ticket_id CHAR(32) NOT NULL,
    payload TEXT NOT NULL, token BIGINT, token_from CHAR(32), offline BOOLEAN NOT NULL,
    created_at DATETIME NOT NULL, state VARCHAR(20) NOT NULL, attempts INTEGER NOT NULL, last_error TEXT,
    outcome TEXT, finished_at DATETIME, dismissed_at DATETIME, PRIMARY KEY (seq), UNIQUE (op_id)
)
"""


def test_version_1_outbox_is_kept_and_accepts_operations_without_a_ticket(tmp_path: Path) -> None:
    path = tmp_path / "old.cache.db"
    op_id, ticket_id = uuid.uuid4(), uuid.uuid4()
    with sqlite3.connect(path) as raw:
        raw.execute(VERSION_1_OUTBOX)
        raw.execute("CREATE INDEX ix_outbox_state_seq ON outbox (state, seq)")
        raw.execute(
            "INSERT INTO outbox (seq, op_id, kind, ticket_id, payload, offline, created_at, state, attempts)"
            " VALUES (7, ?, 'reply', ?, '{\"text\": \"Terima kasih\"}', 1, '2026-11-28 09:00:00', 'pending', 0)",
            (op_id.hex, ticket_id.hex),
        )
        raw.execute("PRAGMA user_version=1")
    cache = Cache(path)
    with cache.write() as conn:
        kept = conn.execute(select(s.outbox)).one()
        assert (kept.seq, kept.op_id, kept.ticket_id, kept.state) == (7, op_id, ticket_id, "pending")
        conn.execute(
            insert(s.outbox).values(
                op_id=uuid.uuid4(),
                kind="post",
                ticket_id=None,
                payload="{}",
                offline=True,
                created_at=kept.created_at,
                state="pending",
                attempts=0,
            )
        )
        assert [row.seq for row in conn.execute(select(s.outbox.c.seq).order_by(s.outbox.c.seq))] == [7, 8]
        assert conn.exec_driver_sql("PRAGMA user_version").scalar_one() == s.CACHE_VERSION
    cache.dispose()


def test_a_fresh_snapshot_keeps_what_only_this_workstation_knows(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.db")
    ticket_id, thread_id = uuid.uuid4(), uuid.uuid4()
    save_draft(cache, ticket_id, "reply", "Yth. Bapak/Ibu, laporan sedang kami periksa.")
    with cache.write() as conn:
        conn.execute(insert(s.discussion_read).values(discussion_id=thread_id, read_at=datetime(2026, 11, 28, 9)))
        drop_mirror(conn)
    assert load_draft(cache, ticket_id, "reply") == "Yth. Bapak/Ibu, laporan sedang kami periksa."
    with cache.read() as conn:
        assert conn.execute(select(s.discussion_read.c.discussion_id)).scalar_one() == thread_id
    cache.dispose()


def test_a_version_3_cache_gains_the_answers_delivery_and_takes_a_fresh_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "v3.cache.db"
    Cache(path).dispose()
    with sqlite3.connect(path) as raw:  # the message mirror as version 3 had it, with a row and a cursor
        raw.execute("ALTER TABLE message DROP COLUMN delivery")
        raw.execute(
            "INSERT INTO message (id, ticket_id, direction, channel, body_text, change_seq, created_at)"
            " VALUES (?, ?, 'outbound', 'email', 'Terima kasih', 5, '2026-11-28 09:00:00')",
            (uuid.uuid4().hex, uuid.uuid4().hex),
        )
        raw.execute("INSERT INTO sync_state (key, value) VALUES ('cursor', '5')")
        raw.execute("PRAGMA user_version=3")
    cache = Cache(path)
    with cache.read() as conn:
        columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(message)")}
        assert "delivery" in columns
        assert conn.execute(select(s.message)).all() == []  # pulled again, with what became of each answer
        assert conn.execute(select(s.sync_state).where(s.sync_state.c.key == "cursor")).first() is None
        assert conn.exec_driver_sql("PRAGMA user_version").scalar_one() == s.CACHE_VERSION
    cache.dispose()
