"""``unit set`` and ``officer set`` through a real ``aduan server``, as the people who would misuse them: an officer
promoting herself, a supervisor widening her reach, an admin demoting himself or looping the unit tree. Each is
refused and changes nothing; what an admin may change is done as the admin, and the claims the change puts out
of reach end."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from desktop.domain.errors import BadInput, NotPermitted, Rejected
from desktop.domain.vocabulary import Role
from desktop.server import commands
from desktop.store import claims
from desktop.store.directory import list_officers, list_units
from desktop.store.schema import event, ticket
from tests.security.refusals import add_admin, digest
from tests.server.conftest import World
from tests.server.live import call
from tests.store.helpers import new_ticket


def post(w: World, name: str, token: str, body: dict[str, Any]) -> tuple[int, str | None, dict[str, str]]:
    answer = call(w.server, "POST", commands.COMMANDS[name].path, token, json=body)
    data = answer.json()
    return answer.status_code, data.get("code"), data.get("fields") or {}


def test_officers_and_supervisors_cannot_change_units_or_officers_themselves_included(world: World) -> None:
    ani, sari = world.server.sign_in("ani"), world.server.sign_in("sari")
    before = digest(world.owner.engine)
    attempts = [
        (ani, "officer set", {"login": "ani", "role": "admin"}),
        (ani, "officer set", {"login": "ani", "units": ["humas", "kanreg", "kanreg-1"]}),
        (ani, "officer set", {"login": "budi", "name": "Budi (keluar)", "units": ["kanreg"]}),
        (sari, "officer set", {"login": "sari", "role": "admin"}),
        (sari, "officer set", {"login": "sari", "units": ["kanreg", "humas"]}),  # humas is not below her unit
        (sari, "officer set", {"login": "rudi", "role": "supervisor"}),  # an officer of her own units
        (sari, "unit set", {"code": "humas", "parent": "kanreg"}),  # pulling humas under her unit
        (sari, "unit set", {"code": "kanreg-1", "lease_seconds": 604800}),
        (ani, "unit set", {"code": "humas", "name": "Biro Ani"}),
    ]
    answers = [post(world, name, token, body)[:2] for token, name, body in attempts]
    assert answers == [(403, NotPermitted.code)] * len(attempts)
    assert digest(world.owner.engine) == before


def test_an_admin_changes_the_organisation_and_what_would_break_it_is_refused(world: World) -> None:
    add_admin(world)
    adi = world.server.sign_in("adi")
    made = new_ticket(world.org.ani)
    world.org.ani.write(claims.claim, made.id)
    before = digest(world.owner.engine)
    # (command, body, status, code, fields the refusal carries); 422: the request itself is malformed.
    refusals = [
        ("officer set", {"login": "adi", "role": "supervisor"}, 400, "bad_input", {"reason": "own_role"}),
        ("unit set", {"code": "kanreg", "parent": "kanreg-1"}, 400, "bad_input", {"reason": "cycle"}),
        ("unit set", {"code": "kanreg", "parent": "kanreg"}, 400, "bad_input", {"reason": "cycle"}),
        ("unit set", {"code": "kanreg", "parent": "humas", "top": True}, 400, "bad_input", {}),
        ("unit set", {"code": "humas", "name": " "}, 400, "bad_input", {"field": "unit name", "reason": "empty"}),
        ("unit set", {"code": "humas", "lease_seconds": 59}, 422, "bad_input", {}),
        ("unit set", {"code": "humas", "name": "x" * 201}, 422, "bad_input", {}),
        ("officer set", {"login": "ani", "name": "x" * 201}, 422, "bad_input", {}),
        ("unit set", {"code": "tidak-ada", "name": "Unit"}, 404, "not_found", {}),
        ("unit set", {"code": "humas"}, 400, "bad_input", {}),
        ("officer set", {"login": "ani", "units": []}, 422, "bad_input", {}),
        ("officer set", {"login": "ani", "units": ["tidak-ada"]}, 404, "not_found", {}),
        ("officer set", {"login": "ani", "role": "raja"}, 422, "bad_input", {}),
        ("officer set", {"login": "ani", "name": "Ani", "extra": "field"}, 422, "bad_input", {}),
        ("officer set", {"login": "ani", "name": "  "}, 400, "bad_input", {"field": "officer name", "reason": "empty"}),
        ("officer set", {"login": "ani"}, 400, "bad_input", {}),
    ]
    for name, body, status, code, fields in refusals:
        answered, got, said = post(world, name, adi, body)
        assert (answered, got) == (status, code), (name, body, said)
        assert fields.items() <= said.items(), (name, body, said)
    assert digest(world.owner.engine) == before

    # Done as the admin, never as the server's own login: ani leaves humas, and her claim there ends.
    central = world.server.central("adi")
    try:
        changed = central.command(commands.officer_set, commands.OfficerSet(login="ani", units=["kanreg"]))
        assert changed.officer.unit_codes == ("kanreg",) and changed.claims_ended == (made.tracking_no,)
        moved = central.command(commands.unit_set, commands.UnitSet(code="kanreg-1", top=True, lease_seconds=3600))
        assert moved.unit.parent_id is None and moved.unit.lease_seconds == 3600 and moved.claims_ended == ()
        with pytest.raises(Rejected) as itself:
            central.command(commands.officer_set, commands.OfficerSet(login="adi", role=Role.OFFICER))
        assert itself.value.code == BadInput.code
        central.command(commands.officer_set, commands.OfficerSet(login="adi", name="Adi N."))  # his name he may
    finally:
        central.close()
    with world.owner.engine.connect() as conn:
        assert conn.execute(select(ticket.c.claimed_by).where(ticket.c.id == made.id)).scalar() is None
        actors = conn.execute(
            select(event.c.action, event.c.officer_id).where(
                event.c.action.in_(["officer_changed", "unit_changed", "holder_left"])
            )
        ).all()
    adi_id = next(o.id for o in world.owner.admin(list_officers) if o.login == "adi")
    assert sorted(a for a, _ in actors) == ["holder_left", "officer_changed", "officer_changed", "unit_changed"]
    assert {who for _, who in actors} == {adi_id}
    assert next(u for u in world.owner.admin(list_units) if u.code == "kanreg-1").parent_id is None
