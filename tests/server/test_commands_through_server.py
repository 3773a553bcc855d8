"""The commands beside sync through a real ``aduan server`` with a TCP proxy between: a command whose answer
is lost is retried with the same idempotency key and done once; another officer cannot replay that key."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from desktop.domain.errors import NotPermitted
from desktop.server import commands
from desktop.store.schema import canned_response
from tests.security.refusals import add_admin, refusal
from tests.server.conftest import World
from tests.server.live import call
from tests.sync.proxy import Proxy


def versions(w: World, key: str) -> int:
    query = select(func.count()).select_from(canned_response).where(canned_response.c.key == key)
    return int(w.owner.read(lambda conn: conn.execute(query).scalar_one()))


def test_a_command_whose_answer_was_lost_is_done_once(world: World) -> None:
    proxy = Proxy("127.0.0.1", int(world.server.url.rsplit(":", 1)[1]))
    sari = world.server.central("sari", f"http://127.0.0.1:{proxy.port}")
    try:
        greeting = commands.CannedAdd(key="salam", title="Salam", text="Yth. pelapor,", unit="kanreg")
        assert sari.command(commands.canned_add, greeting) == 1
        proxy.lose_ack_after(b"POST /v1/commands/canned/edit")
        edited = sari.command(commands.canned_edit, commands.CannedEdit(key="salam", text="Yth. Bapak/Ibu pelapor,"))
        assert proxy.fired == ["lose_ack"]  # the first answer never arrived: the client asked again
        assert edited == 2 and versions(world, "salam") == 2  # one new version, not two
    finally:
        sari.close()
        proxy.close()


def test_another_officer_cannot_replay_a_commands_key(world: World) -> None:
    key = str(uuid.uuid4())
    add_admin(world)
    sari, adi = world.server.sign_in("sari"), world.server.sign_in("adi")
    path = commands.canned_add.path
    body = {"key": "salam", "title": "Salam", "text": "Yth. pelapor,", "unit": "kanreg"}
    first = call(world.server, "POST", path, sari, json=body, headers={"Idempotency-Key": key})
    again = call(world.server, "POST", path, sari, json=body, headers={"Idempotency-Key": key})
    assert first.status_code == again.status_code == 200 and first.json() == again.json() == 1
    # An admin, who may add canned responses, replaying sari's key learns nothing of her answer and changes nothing.
    stolen = call(world.server, "POST", path, adi, json=body | {"key": "lain"}, headers={"Idempotency-Key": key})
    assert refusal(stolen) == (403, NotPermitted.code)
    assert versions(world, "salam") == 1 and versions(world, "lain") == 0
