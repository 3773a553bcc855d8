"""The sync engine through a real ``aduan server`` process: the same guarantees as the direct path, with a
TCP proxy between the officer's client and the server for the faults of a real link."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.cache import schema as s
from desktop.cache.database import Cache
from desktop.cache.state import get_state
from desktop.desk.operations import Desk
from desktop.domain.errors import Unreachable
from desktop.store import claims, handling
from desktop.store.schema import event, message, note, officer, outbound_message, ticket
from desktop.sync.engine import SyncEngine
from tests.server.conftest import World
from tests.store.helpers import new_ticket
from tests.sync.helpers import Client, mirror_matches
from tests.sync.proxy import Proxy


def through_server(world: World, login: str, folder: Path, address: str | None = None) -> Client:
    cache = Cache(folder / f"{login}-via-server.cache.db")
    central = world.server.central(login, address)
    store = getattr(world.org, login)
    return Client(login, store, cache, Desk(cache), SyncEngine(cache, central))


def mirrored(client: Client) -> list[tuple[object, ...]]:
    with client.cache.read() as conn:
        return [tuple(row) for row in conn.execute(select(s.ticket).order_by(s.ticket.c.id))]


def holder_of(world: World, ticket_id: object) -> object:
    return world.owner.read(lambda c: c.execute(select(ticket.c.claimed_by).where(ticket.c.id == ticket_id)).scalar())


def count(world: World, table: object, *where: object) -> int:
    query = select(func.count()).select_from(table).where(*where)  # type: ignore[arg-type]
    return int(world.owner.read(lambda conn: conn.execute(query).scalar_one()))


def test_the_mirror_through_the_server_is_the_mirror_of_the_direct_path(world: World, tmp_path: Path) -> None:
    for subject in ("Jalan berlubang", "Lampu jalan mati", "Sampah menumpuk"):
        new_ticket(world.org.ani, subject=subject)
    new_ticket(world.org.rudi, unit="kanreg-1", subject="Bukan untuk humas")
    via_server = through_server(world, "ani", tmp_path)
    report = via_server.sync()
    assert report.pull.initial and report.pull.rows["ticket"] == 3
    from tests.sync.helpers import client

    direct = client(world.db_url, "ani", tmp_path, name="ani-direct")
    direct.sync()
    assert mirrored(via_server) == mirrored(direct)
    assert mirror_matches(via_server)
    with via_server.cache.read() as conn:
        assert get_state(conn, "officer") == "ani" and get_state(conn, "central") == world.server.url
        assert get_state(conn, "officer_id") is not None
    direct.close()
    via_server.close()


def test_work_through_the_server_is_applied_as_the_signed_in_officer_on_their_device(
    world: World, tmp_path: Path
) -> None:
    t = new_ticket(world.org.ani)
    ani = through_server(world, "ani", tmp_path)
    ani.sync()
    ani.desk.claim(str(t.id))
    ani.desk.reply(str(t.id), "Terima kasih, laporan sedang kami tindak lanjuti.")
    ani.desk.note(str(t.id), "sudah dicek @budi")
    report = ani.sync()
    assert report.push.applied == 3 and report.pending == 0
    ani_id = world.owner.read(lambda c: c.execute(select(officer.c.id).where(officer.c.login == "ani")).scalar_one())
    rows = world.owner.read(
        lambda c: c.execute(select(event.c.officer_id, event.c.device).where(event.c.ticket_id == t.id)).all()
    )
    # The ticket was made through the owner's direct store (this machine's name); the rest through the server.
    through = [row for row in rows if row.device == "ani-pc"]
    assert len(through) >= 3 and all(row.officer_id == ani_id for row in through)
    assert count(world, outbound_message, outbound_message.c.ticket_id == t.id) == 1
    assert count(world, note, note.c.ticket_id == t.id) == 1
    ani.close()


def test_a_ticket_transferred_in_arrives_with_its_old_thread_through_the_catch_up(world: World, tmp_path: Path) -> None:
    t = new_ticket(world.org.ani)
    token = world.org.ani.write(claims.claim, t.id).claim.token
    world.org.ani.write(handling.add_note, t.id, "catatan humas")
    rudi = through_server(world, "rudi", tmp_path)
    rudi.sync()
    assert rudi.mirror_count(s.ticket) == 0
    world.org.ani.write(handling.transfer, t.id, token, "kanreg-1", "wilayah kanreg I")
    report = rudi.sync()
    assert not report.pull.initial
    assert (rudi.mirror_count(s.ticket), rudi.mirror_count(s.message), rudi.mirror_count(s.note)) == (1, 1, 1)
    assert mirror_matches(rudi)
    rudi.close()


@pytest.fixture
def proxied(world: World, tmp_path: Path) -> tuple[World, Proxy, Client]:
    port = int(world.server.url.rsplit(":", 1)[1])
    proxy = Proxy("127.0.0.1", port)
    client = through_server(world, "ani", tmp_path, f"http://127.0.0.1:{proxy.port}")
    yield world, proxy, client  # type: ignore[misc]
    client.close()
    proxy.close()


def test_a_lost_answer_to_a_push_is_answered_from_the_ledger_and_nothing_is_sent_twice(
    proxied: tuple[World, Proxy, Client],
) -> None:
    world, proxy, ani = proxied
    t = new_ticket(world.org.ani)
    ani.sync()
    ani.desk.claim(str(t.id))
    ani.sync()
    op = ani.desk.reply(str(t.id), "Mohon maaf atas keterlambatan.")
    proxy.lose_ack_after(b"POST /v1/ops")
    with pytest.raises(Unreachable):
        ani.sync()
    assert proxy.fired == ["lose_ack"]
    assert ani.outcome(op.op_id)[0] == "pending"  # the client cannot know: it asks again with the same id
    assert count(world, outbound_message, outbound_message.c.ticket_id == t.id) == 1  # the server did it
    report = ani.sync()
    assert ani.outcome(op.op_id)[0] == "applied" and report.pending == 0
    assert count(world, outbound_message, outbound_message.c.ticket_id == t.id) == 1
    assert count(world, message, message.c.ticket_id == t.id, message.c.direction == "outbound") == 1


def test_a_link_cut_before_the_push_arrives_applies_nothing_until_the_retry(
    proxied: tuple[World, Proxy, Client],
) -> None:
    world, proxy, ani = proxied
    t = new_ticket(world.org.ani)
    ani.sync()
    op = ani.desk.claim(str(t.id))
    proxy.cut_before(b"POST /v1/ops")
    with pytest.raises(Unreachable):
        ani.sync()
    assert proxy.fired == ["cut_before"]
    assert holder_of(world, t.id) is None
    ani.sync()
    assert ani.outcome(op.op_id)[0] == "applied" and holder_of(world, t.id) is not None


def test_a_stalled_or_refused_server_is_noticed_and_the_work_waits_in_the_outbox(
    proxied: tuple[World, Proxy, Client],
) -> None:
    world, proxy, ani = proxied
    t = new_ticket(world.org.ani)
    ani.sync()
    op = ani.desk.claim(str(t.id))
    proxy.stall()
    started = time.monotonic()
    with pytest.raises(Unreachable):
        ani.sync()
    print(f"a stalled server was given up after {time.monotonic() - started:.1f} s")
    proxy.resume()
    proxy.cut()
    proxy.refuse()
    with pytest.raises(Unreachable):
        ani.sync()
    assert ani.outcome(op.op_id)[0] == "pending"
    with ani.cache.read() as conn:
        assert get_state(conn, "online") == "0"
    proxy.accept()
    ani.sync()
    assert ani.outcome(op.op_id)[0] == "applied"
