"""The privacy commands (UU PDP) through a real ``aduan server``, as an attacker: a supervisor, a plain officer and
a deactivated admin ask to set a unit's retention, to apply it, to export and to erase a reporter's data; each is
refused and nothing changes (the reporter's rows, the retention periods, the audit log). An admin erasing a
reporter who does not exist is told "not found" without the address being repeated, and an over-long reason is
refused before anything is done."""

from __future__ import annotations

from typing import Any

import requests
from sqlalchemy import select

from desktop.domain.errors import BadInput, NotFound, NotPermitted, NotSignedIn
from desktop.server import commands
from desktop.store import accounts, retention
from desktop.store.schema import unit
from desktop.store.work import begin
from tests.security.refusals import add_admin, digest, refusal
from tests.server.conftest import World
from tests.server.live import call
from tests.store.privacy_helpers import BUDI, close, dump, found_in, spread_everywhere, write_in

# Requests that would each change something if they were let through: Budi's report is closed long ago in a
# unit whose periods have passed, so even the retention run has work to do.
REQUESTS: dict[str, dict[str, Any]] = {
    "unit retention": {"unit": "humas", "identity_days": 0, "attachment_days": 0},
    "privacy apply-retention": {},
    "privacy export": {"contact": f"email:{BUDI.email}", "attachments": True},
    "privacy erase": {"contact": f"email:{BUDI.email}", "reason": "Surat 12/PDP"},
}


def post(w: World, name: str, token: str | None, body: dict[str, Any]) -> requests.Response:
    return call(w.server, "POST", commands.COMMANDS[name].path, token, json=body)


def budi_past_retention(w: World) -> None:
    ticket_id = write_in(w.org, BUDI)
    spread_everywhere(w.org, BUDI, ticket_id)
    w.owner.admin(lambda conn: retention.set_unit_retention(begin(conn, None), "humas", 30, 30))
    close(w.owner, ticket_id, days_ago=40)


def periods(w: World) -> list[Any]:
    columns = (unit.c.code, unit.c.identity_retention_days, unit.c.attachment_retention_days)
    return w.owner.read(lambda conn: conn.execute(select(*columns).order_by(unit.c.code)).all())


def test_officers_supervisors_and_a_deactivated_admin_are_refused_and_nothing_changes(world: World) -> None:
    budi_past_retention(world)
    add_admin(world, "dedi")
    officer, supervisor, admin = (world.server.sign_in(login) for login in ("ani", "sari", "dedi"))
    world.owner.admin(accounts.set_active, "dedi", False)
    before, rows_before, periods_before = digest(world.owner.engine), dump(world.owner), periods(world)

    answers = {
        (who, name): post(world, name, token, body)
        for who, token in (("officer", officer), ("supervisor", supervisor), ("deactivated admin", admin))
        for name, body in REQUESTS.items()
    }

    refused = {key: refusal(answer) for key, answer in answers.items()}
    for (who, name), (status, code) in refused.items():
        if who == "deactivated admin":  # the session ended with the account, or the account is refused
            assert (status, code) in ((401, NotSignedIn.code), (403, NotPermitted.code)), name
        else:
            assert (status, code) == (403, NotPermitted.code), (who, name)
    for key, answer in answers.items():
        assert BUDI.name not in answer.text and BUDI.email not in answer.text, key
    assert digest(world.owner.engine) == before, "no row changed, no event was written"
    assert dump(world.owner) == rows_before
    assert found_in(dump(world.owner), BUDI) >= {"name", "email", "text", "content"}
    assert periods(world) == periods_before
    signed_in = requests.post(
        f"{world.server.url}/v1/sessions", json={"login": "dedi", "password": "x" * 12, "device": "d"}, timeout=30
    )
    assert signed_in.status_code in (401, 403), "a deactivated admin cannot sign in again"


def test_an_admin_is_told_not_found_without_the_address_and_an_over_long_reason_is_refused(world: World) -> None:
    budi_past_retention(world)
    add_admin(world)
    adi = world.server.sign_in("adi")
    before = digest(world.owner.engine)

    stranger = "warga.tak.dikenal.1987@contoh.id"
    for body in (
        {"contact": f"email:{stranger}", "reason": "Surat 12/PDP"},
        {"tracking_no": "ADU-1999-000777", "reason": "Surat 12/PDP"},
        {"reporter_id": "0190a0c0-0000-7000-8000-000000000001", "reason": "Surat 12/PDP"},
    ):
        answer = post(world, "privacy erase", adi, body)
        assert refusal(answer) == (404, NotFound.code), body
        assert stranger not in answer.text and "ADU-1999-000777" not in answer.text
    exported = post(world, "privacy export", adi, {"contact": f"email:{stranger}"})
    assert refusal(exported) == (404, NotFound.code) and stranger not in exported.text

    too_long = post(world, "privacy erase", adi, {"contact": f"email:{BUDI.email}", "reason": "x" * 501})
    assert refusal(too_long) == (422, BadInput.code) and "reason" in too_long.json()["message"]
    assert BUDI.email not in too_long.text
    assert digest(world.owner.engine) == before, "nothing was erased"
    # The same request with a reason of a sane length is done: the refusals above were the ones meant.
    assert post(world, "privacy erase", adi, {"contact": f"email:{BUDI.email}", "reason": "x" * 500}).status_code == 200
    assert found_in(dump(world.owner), BUDI) == set()
