"""Assigning a report through ``aduan server`` as an attacker tries it: an officer assigns, a supervisor
assigns another unit's report, a report is assigned to someone outside its unit or deactivated. Each is
refused (by the one authorization function, or by the store behind it) and the ticket is left as it was."""

from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

import pytest
import requests
from sqlalchemy import select, update

from desktop.domain.errors import NotPermitted
from desktop.domain.operations import OpKind
from desktop.server.authz import Action, Principal, authorize
from desktop.store import claims
from desktop.store.identity import load_actor
from desktop.store.schema import officer, ticket
from tests.security.refusals import add_admin, refusal
from tests.server.conftest import World
from tests.server.live import call
from tests.store.helpers import new_ticket


def op(ticket_id: UUID, officer: str, **payload: Any) -> dict[str, Any]:
    """An assignment as a workstation pushes it (``POST /v1/ops``), with a fresh op id."""
    return {
        "kind": "assign",
        "op_id": str(uuid.uuid4()),
        "ticket_id": str(ticket_id),
        "payload": {"officer": officer, **payload},
        "token": None,
    }


def push(w: World, token: str, body: dict[str, Any]) -> requests.Response:
    return call(w.server, "POST", "/v1/ops", token, json=body)


def not_applied(response: requests.Response) -> bool:
    """Refused outright (403, 404), or answered with a rejected outcome."""
    status, code = refusal(response)
    if status in (403, 404):
        return code in ("not_permitted", "not_found")
    return status == 200 and response.json().get("state") == "rejected"


def ticket_state(w: World, ticket_id: UUID) -> tuple[Any, ...]:
    columns = (ticket.c.unit_id, ticket.c.status, ticket.c.claimed_by, ticket.c.claim_token, ticket.c.claim_expires_at)
    columns += (ticket.c.assigned_by, ticket.c.assigned_at, ticket.c.row_version, ticket.c.updated_at)
    return tuple(w.owner.read(lambda conn: conn.execute(select(*columns).where(ticket.c.id == ticket_id)).one()))


def test_only_supervisors_and_admins_may_push_an_assignment(world: World) -> None:
    ani, sari = (Principal(world.owner.read(load_actor, login), None, "vm") for login in ("ani", "sari"))
    with pytest.raises(NotPermitted, match="officer may not assign"):
        authorize(ani, Action.PUSH, OpKind.ASSIGN)
    authorize(sari, Action.PUSH, OpKind.ASSIGN)  # her units are the store's to check


def test_assignments_are_refused_outside_role_unit_and_membership(world: World) -> None:
    org = world.org
    humas = new_ticket(org.ani, "humas", "Lampu jalan mati")
    kanreg = new_ticket(org.rudi, "kanreg-1", "Pungutan liar di kelurahan")
    ani, sari = world.server.sign_in("ani"), world.server.sign_in("sari")
    watched = (humas.id, kanreg.id)
    before = {t: ticket_state(world, t) for t in watched}

    # An officer may not assign, not even to herself, and not in her own unit.
    for target, to in ((humas.id, "ani"), (humas.id, "budi"), (kanreg.id, "rudi")):
        answer = push(world, ani, op(target, to))
        assert answer.status_code == 200, answer.text
        assert (answer.json()["state"], answer.json()["code"]) == ("rejected", "not_permitted"), answer.text
    # A supervisor assigns only within her units and below: humas is not below kanreg.
    assert not_applied(push(world, sari, op(humas.id, "ani")))
    # The assignee must be an officer of the ticket's own unit (not of the unit above it), active, existing.
    for to in ("ani", "sari", "tidakada", "", "rudi' OR '1'='1"):
        assert not_applied(push(world, sari, op(kanreg.id, to))), to
    world.owner.admin(lambda conn: conn.execute(update(officer).where(officer.c.login == "rudi").values(active=False)))
    assert not_applied(push(world, sari, op(kanreg.id, "rudi")))
    # A payload beyond the wire schema is refused as malformed.
    assert push(world, sari, op(kanreg.id, "rudi", token=99)).status_code == 422
    assert {t: ticket_state(world, t) for t in watched} == before

    world.owner.admin(lambda conn: conn.execute(update(officer).where(officer.c.login == "rudi").values(active=True)))
    answer = push(world, sari, op(kanreg.id, "rudi"))
    assert answer.json()["state"] == "applied", answer.text
    assert org.rudi.view(claims.read_ticket, kanreg.id).claim.holder == "rudi"
    # An admin assigns in any unit, to an officer of the ticket's unit.
    add_admin(world)
    answer = push(world, world.server.sign_in("adi"), op(humas.id, "budi"))
    assert answer.json()["state"] == "applied", answer.text
    assert org.budi.view(claims.read_ticket, humas.id).claim.holder == "budi"
