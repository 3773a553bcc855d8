"""The worker's round against the fake Telegram Bot API, on every engine: messages become tickets once,
a chat continues its ticket, and one broken account is recorded without stopping the others."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import func, insert, select

from desktop.channels.sources import make_source
from desktop.channels.worker import run_round
from desktop.store import directory
from desktop.store.schema import channel_account, message, ticket, unit
from desktop.store.service import Store
from tests.channels.fake_telegram import FakeTelegram

CITIZEN = 5001


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    server.add_chat(CITIZEN, "Siti", "Rahayu")
    yield server
    server.stop()


@pytest.fixture
def store(migrated_url: str) -> Iterator[Store]:
    admin = Store(migrated_url)
    admin.admin(directory.add_unit, "humas", "Biro Humas")
    yield admin
    admin.dispose()


def add_account(store: Store, name: str, secret_ref: str, base_url: str) -> None:
    def add(conn: object) -> None:
        unit_id = conn.execute(select(unit.c.id).where(unit.c.code == "humas")).scalar_one()  # type: ignore[attr-defined]
        conn.execute(  # type: ignore[attr-defined]
            insert(channel_account).values(
                unit_id=unit_id,
                channel="telegram",
                name=name,
                config=json.dumps({"base_url": base_url}),
                secret_ref=secret_ref,
            )
        )

    store.admin(add)


def count(store: Store, table: object) -> int:
    return int(store.read(lambda conn: conn.execute(select(func.count()).select_from(table)).scalar_one()))  # type: ignore[arg-type]


def inbound(store: Store) -> int:
    """Messages from citizens (the acknowledgements sent back are outbound)."""
    query = select(func.count()).select_from(message).where(message.c.direction == "inbound")
    return int(store.read(lambda conn: conn.execute(query).scalar_one()))


def test_messages_become_tickets_once_and_a_chat_continues_its_ticket(
    store: Store, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADUAN_SECRET_BOT_HUMAS", fake.token)
    add_account(store, "Bot Humas", "env:ADUAN_SECRET_BOT_HUMAS", fake.base_url)
    fake.push_message(CITIZEN, text="Lampu PJU di Jl. Melati mati sejak Senin")
    first = run_round(store, make_source)
    assert (first.received, first.errors) == ({"Bot Humas": 1}, {})
    assert run_round(store, make_source).received == {"Bot Humas": 0}  # the offset was kept
    fake.push_message(CITIZEN, text="Tambahan: ada tiga lampu yang mati")
    last = max(fake.pending_update_ids())
    run_round(store, make_source)
    assert count(store, ticket) == 1 and inbound(store) == 2
    cursor = store.read(lambda conn: conn.execute(select(channel_account.c.cursor)).scalar_one())
    assert cursor == str(last + 1)
    # Confirmed to Telegram by the round's next poll (the one that found nothing more), after it was stored.
    assert fake.pending_update_ids() == []


def test_a_lost_cursor_refetches_without_duplicates(
    store: Store, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADUAN_SECRET_BOT_HUMAS", fake.token)
    add_account(store, "Bot Humas", "env:ADUAN_SECRET_BOT_HUMAS", fake.base_url)
    fake.push_message(CITIZEN, text="Sampah menumpuk di pasar")
    report = run_round(store, make_source)
    assert report.received == {"Bot Humas": 1}
    # A crash after storing but before the cursor was saved: the next round reads the same update again.
    store.admin(lambda conn: conn.execute(channel_account.update().values(cursor=None)))
    fake.push_message(CITIZEN, text="Masih menumpuk")
    again = run_round(store, make_source)
    assert inbound(store) == 2 and count(store, ticket) == 1
    assert again.received == {"Bot Humas": 1}


def test_a_broken_account_is_recorded_and_the_others_still_run(
    store: Store, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADUAN_SECRET_BOT_HUMAS", fake.token)
    monkeypatch.delenv("ADUAN_SECRET_BOT_TANPA_TOKEN", raising=False)
    add_account(store, "Bot tanpa token", "env:ADUAN_SECRET_BOT_TANPA_TOKEN", fake.base_url)
    add_account(store, "Bot Humas", "env:ADUAN_SECRET_BOT_HUMAS", fake.base_url)
    fake.push_message(CITIZEN, text="Jalan berlubang")
    report = run_round(store, make_source)
    assert report.received == {"Bot Humas": 1}
    assert "ADUAN_SECRET_BOT_TANPA_TOKEN" in report.errors["Bot tanpa token"]
    errors = store.read(
        lambda conn: dict(conn.execute(select(channel_account.c.name, channel_account.c.last_error)).all())
    )
    assert errors["Bot Humas"] is None and "ADUAN_SECRET_BOT_TANPA_TOKEN" in errors["Bot tanpa token"]
    fake.rate_limit(retry_after=30)
    limited = run_round(store, make_source)
    assert "Too Many Requests" in limited.errors["Bot Humas"] or "retry" in limited.errors["Bot Humas"].lower()
