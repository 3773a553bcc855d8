"""``channel overview`` through a real ``aduan server``, sent what an attacker would: a moment outside the
calendar's arithmetic (year 1 with an offset, year 9999), no moment at all, a field it does not have. Each is
refused as bad input naming the field, never a server error."""

from __future__ import annotations

from typing import Any

from desktop.server import commands
from tests.security.refusals import add_admin, refusal
from tests.server.conftest import World
from tests.server.live import call

PATH = commands.COMMANDS["channel overview"].path


def test_hostile_moments_are_refused_by_name(world: World) -> None:
    add_admin(world)
    adi = world.server.sign_in("adi")
    bodies: list[dict[str, Any]] = [
        {"as_of": "0001-01-01T00:00:00+07:00"},  # turned into UTC it would fall before the calendar's start
        {"as_of": "9999-12-31T23:59:59-05:00"},
        {"as_of": "1999-12-31T23:59:59"},
        {"as_of": "kemarin"},
        {"as_of": 10**20},
        {"as_of": None, "units": ["humas"]},  # no such field: the request is strict
    ]
    answers = [call(world.server, "POST", PATH, adi, json=body) for body in bodies]
    assert [refusal(a) for a in answers] == [(422, "bad_input")] * len(bodies), [a.text[:200] for a in answers]
    assert all("as_of" in a.json()["message"] for a in answers[:5])
    fine = call(world.server, "POST", PATH, adi, json={"as_of": "2025-06-10T12:00:00+07:00"})
    assert fine.status_code == 200 and fine.json()["as_of"] == "2025-06-10T05:00:00", fine.text[:300]
