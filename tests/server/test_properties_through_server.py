"""Changing a ticket's properties through a real ``aduan server``, as the officers who may not: a colleague
of the same unit who does not hold the ticket (even with the holder's token), an officer of another unit, and a
forged payload. Each is refused and nothing changes; the holder's change is applied as the holder."""

from __future__ import annotations

from sqlalchemy import select
from uuid6 import uuid7

from desktop.domain.errors import LostClaim, NotFound
from desktop.domain.operations import Op, OpKind, OutcomeState
from desktop.store import claims
from desktop.store.schema import event, ticket
from tests.server.conftest import World
from tests.server.live import call
from tests.store.helpers import new_ticket


def test_only_the_holder_changes_properties_through_the_server(world: World) -> None:
    made = new_ticket(world.org.ani)
    token = world.org.ani.write(claims.claim, made.id).claim.token

    def priority() -> int:
        query = select(ticket.c.priority).where(ticket.c.id == made.id)
        return int(world.owner.read(lambda conn: conn.execute(query).scalar_one()))

    def push(login: str, payload: dict[str, object]) -> tuple[OutcomeState, str | None]:
        outcome = world.server.central(login).push(Op(uuid7(), OpKind.SET_PROPERTIES, made.id, payload, token=token))
        return outcome.state, outcome.code

    assert push("budi", {"priority": 4}) == (OutcomeState.REJECTED, LostClaim.code)  # same unit, not the holder
    assert push("rudi", {"priority": 4}) == (OutcomeState.REJECTED, NotFound.code)  # another unit's officer
    session = world.server.sign_in("ani")
    for forged in ({"priority": 9}, {"priority": 1, "owner": "rudi"}, {"category": "x" * 10_000}):
        body = {"kind": "set_properties", "op_id": str(uuid7()), "ticket_id": str(made.id), "token": token}
        answer = call(world.server, "POST", "/v1/ops", session, json=body | {"payload": forged})
        assert answer.status_code == 422, forged  # malformed: refused whole, before the store
    assert priority() == 2
    actions = world.owner.read(
        lambda conn: conn.execute(select(event.c.action).where(event.c.ticket_id == made.id)).scalars().all()
    )
    assert "set_priority" not in actions
    assert push("ani", {"priority": 4}) == (OutcomeState.APPLIED, None)
    assert priority() == 4


def test_a_status_comment_over_the_line_limit_is_refused_by_the_wire(world: World) -> None:
    made = new_ticket(world.org.ani)
    session = world.server.sign_in("ani")
    body = {
        "kind": "status",
        "op_id": str(uuid7()),
        "ticket_id": str(made.id),
        "token": 0,
        "payload": {"status": "diverifikasi", "comment": "x" * 501},
    }
    answer = call(world.server, "POST", "/v1/ops", session, json=body)
    assert answer.status_code == 422
