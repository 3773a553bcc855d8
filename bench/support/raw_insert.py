"""The baseline of the intake's import and burst phases: the messages' fields sent by one raw INSERT
(``executemany``, one transaction) into a table of their own on the same database — what writing them costs with
nothing decided (no thread, reporter, number or clock)."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text

from desktop.domain.inbound import InboundMessage
from desktop.store.service import Store


def raw_insert_seconds(store: Store, messages: list[InboundMessage]) -> float:
    """The table is created before and dropped after the timed INSERT."""
    rows = [_raw_row(inbound) for inbound in messages]
    table = Table(
        "bench_raw_messages",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("external_id", String(255), nullable=False, unique=True),
        Column("subject", String(300)),
        Column("body", Text),
        Column("category", String(100)),
        Column("reporter_name", String(200)),
        Column("contact", String(200)),
        Column("sent_at", DateTime),
    )
    table.create(store.engine)
    try:
        started = time.perf_counter()
        with store.engine.begin() as conn:
            conn.execute(table.insert(), rows)
        return time.perf_counter() - started
    finally:
        table.drop(store.engine)


def _raw_row(inbound: InboundMessage) -> dict[str, Any]:
    return {
        "external_id": inbound.external_id,
        "subject": inbound.subject,
        "body": inbound.text,
        "category": inbound.category,
        "reporter_name": inbound.sender_name,
        "contact": inbound.sender_address,
        "sent_at": inbound.received_at,
    }
