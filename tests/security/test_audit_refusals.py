"""The audit log through a real ``aduan server``, as an attacker: another unit's ticket, a made-up id, a
hostile reference, a deactivated officer, an officer searching, a forged session — each refused with the
same answer whether the ticket exists or not; and what an officer may read answers them."""

from __future__ import annotations

import uuid

from desktop.domain.errors import NotFound, NotPermitted, NotSignedIn
from desktop.server import commands
from desktop.store import accounts
from tests.security.refusals import refusal
from tests.server.conftest import World
from tests.server.live import call
from tests.store.helpers import new_ticket


def history(w: World, token: str | None, ticket: str) -> tuple[int, str | None]:
    return refusal(call(w.server, "POST", commands.ticket_history.path, token, json={"ticket": ticket}))


def search(w: World, token: str | None, **filters: object) -> tuple[int, str | None]:
    return refusal(call(w.server, "POST", commands.audit_search.path, token, json=filters))


def test_a_tickets_history_is_refused_outside_its_readers(world: World) -> None:
    humas = new_ticket(world.org.ani)
    ani, rudi = world.server.sign_in("ani"), world.server.sign_in("rudi")
    answer = call(world.server, "POST", commands.ticket_history.path, ani, json={"ticket": humas.tracking_no})
    assert answer.status_code == 200 and [e["action"] for e in answer.json()] == ["create"]
    for attempt in (humas.tracking_no, str(humas.id), "ADU-2020-999999", str(uuid.uuid4()), "' OR '1'='1"):
        assert history(world, rudi, attempt) == (404, NotFound.code), attempt
    assert history(world, None, humas.tracking_no) == (401, NotSignedIn.code)
    assert history(world, "forged-token", humas.tracking_no) == (401, NotSignedIn.code)
    assert history(world, ani, "x" * 65)[0] in (400, 422), "an over-long reference is refused before any SQL"


def test_a_deactivated_officer_and_an_officer_searching_are_refused(world: World) -> None:
    t = new_ticket(world.org.budi)
    budi, ani, sari = (world.server.sign_in(login) for login in ("budi", "ani", "sari"))
    assert search(world, ani) == (403, NotPermitted.code)
    assert search(world, ani, ticket=t.tracking_no) == (403, NotPermitted.code)
    assert search(world, sari, ticket=t.tracking_no) == (404, NotFound.code), "not one of her units' tickets"
    answer = call(world.server, "POST", commands.audit_search.path, sari, json={})
    assert answer.status_code == 200 and answer.json()["entries"] == []
    world.owner.admin(accounts.set_active, "budi", False)
    assert history(world, budi, t.tracking_no)[0] in (401, 403)
