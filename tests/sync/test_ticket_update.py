"""A pulled change of a mirrored ticket writes only the columns that changed: SQLite rewrites the entry of every
index whose column an UPDATE sets, to the same value or not, so setting every column made an incremental sync's
COMMIT grow with the cache (bench/sync.py). The mirror still ends equal to the central database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from desktop.domain.status import Status
from desktop.store import claims, handling
from tests.store.helpers import Org, build_org, new_ticket
from tests.sync.helpers import client, mirror_matches


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def ticket_writes(engine: Any) -> list[str]:
    """The statements that write the cache's ticket table, as they are sent from now on."""
    sent: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _sent(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if re.match(r"\s*(UPDATE ticket |INSERT (OR \w+ )?INTO ticket )", statement):
            sent.append(statement)

    return sent


def set_columns(update: str) -> set[str]:
    assignments = update.split(" SET ", 1)[1].split(" WHERE ", 1)[0]
    return {part.split("=")[0].strip() for part in assignments.split(",")}


def test_a_claim_and_a_status_change_pulled_write_only_what_changed(org: Org, tmp_path: Path) -> None:
    first, second = new_ticket(org.ani), new_ticket(org.ani, subject="Lampu jalan mati")
    budi = client(org.url, "budi", tmp_path)
    budi.sync()
    token = org.ani.write(claims.claim, first.id).claim.token
    org.ani.write(handling.change_status, first.id, token, Status.DIVERIFIKASI)
    third = new_ticket(org.ani, subject="Sampah menumpuk")
    writes = ticket_writes(budi.cache.engine)

    budi.sync()

    [changed] = [sql for sql in writes if sql.startswith("UPDATE ticket ")]
    columns = set_columns(changed)
    assert {"claimed_by", "claim_token", "status", "row_version"} <= columns
    assert not columns & {"subject", "tracking_no", "reporter_id", "created_at", "channel", "kind"}
    [inserted] = [sql for sql in writes if sql.startswith("INSERT")]  # the new ticket only
    assert "ON CONFLICT" in inserted
    assert mirror_matches(budi)
    with budi.cache.read() as conn:
        held = {row.tracking_no for row in conn.exec_driver_sql("SELECT tracking_no FROM ticket")}
    assert held == {first.tracking_no, second.tracking_no, third.tracking_no}
    budi.close()
