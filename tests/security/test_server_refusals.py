"""``aduan server`` as an attacker meets it: a real server process on each engine and requests an officer's
workstation would never send. Each is answered with its documented refusal (the HTTP status and the error
body's ``code``), and the database, read through the owner's store, shows that nothing happened."""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

import requests
from sqlalchemy import ColumnElement, Connection, Table, func, select, update

from desktop.domain.scans import check_scans
from desktop.domain.vocabulary import Channel
from desktop.store import accounts, claims, referrals, scans
from desktop.store.clock import server_now
from desktop.store.schema import (
    applied_op,
    discussion,
    event,
    handover_item,
    message,
    note,
    officer,
    officer_session,
    outbound_message,
    referral,
    sign_in_attempt,
    ticket,
)
from tests.security.refusals import refusal
from tests.server.conftest import World
from tests.server.live import PASSWORD, call
from tests.store.helpers import new_ticket, snapshot

# The server tests' world: the test organisation on a throwaway database of each engine, every officer
# with the server password PASSWORD, and a real `aduan server` process in front of it.

Json = dict[str, Any]
NEW_PASSWORD = "kata-sandi-baru-2"
PDF_HUMAS = b"%PDF-1.4\n% surat pelapor humas\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PDF_KANREG = b"%PDF-1.4\n% bukti pungli kanreg-1\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
MAX_BODY = 64 * 1024 * 1024


# -- requests -------------------------------------------------------------------------------------------


def op(kind: str, ticket_id: object = None, payload: Json | None = None, token: int | None = None, **more: Any) -> Json:
    """An operation as a workstation pushes it (``POST /v1/ops``), with a fresh op id."""
    return {
        "kind": kind,
        "op_id": str(uuid.uuid4()),
        "ticket_id": None if ticket_id is None else str(ticket_id),
        "payload": payload or {},
        "token": token,
        **more,
    }


def push(w: World, token: str, body: Any, **kwargs: Any) -> requests.Response:
    return call(w.server, "POST", "/v1/ops", token, json=body, **kwargs)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def not_applied(response: requests.Response) -> bool:
    """Refused outright (403, 404), or answered with a rejected outcome."""
    status, code = refusal(response)
    if status in (403, 404):
        return code in ("not_permitted", "not_found")
    return status == 200 and response.json().get("state") == "rejected"


def raw_get(w: World, path: str, token: str) -> tuple[int, bytes]:
    """A GET with the path exactly as written: no client library normalises ``..`` or percent escapes."""
    connection = http.client.HTTPConnection(urlsplit(w.server.url).netloc, timeout=30)
    try:
        connection.request("GET", path, headers=bearer(token))
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


def ndjson(response: requests.Response) -> list[Json]:
    return [json.loads(line) for line in response.text.splitlines() if line]


def sections(lines: list[Json]) -> dict[str, list[Json]]:
    """The rows of a pull by section, each row as {column: value}."""
    found: dict[str, list[Json]] = {}
    for line in lines:
        if "s" in line:
            found.setdefault(line["s"], []).extend(dict(zip(line["c"], row, strict=True)) for row in line["r"])
    return found


def ticket_ids_of(found: dict[str, list[Json]], skip: tuple[str, ...] = ()) -> set[str]:
    """Every ticket id a pull names: the tickets' own, their rows', and the removed ones."""
    ids: set[str] = set()
    for name, rows in found.items():
        if name in skip:
            continue
        for row in rows:
            if name == "ticket":
                ids.add(str(row["id"]))
            elif name == "removed":
                ids.update(str(value) for value in row.values())
            elif row.get("ticket_id") is not None:
                ids.add(str(row["ticket_id"]))
    return ids


# -- the database, through the owner's store --------------------------------------------------------------


def count(w: World, table: Table, *where: ColumnElement[bool]) -> int:
    query = select(func.count()).select_from(table).where(*where)
    return int(w.owner.read(lambda conn: conn.execute(query).scalar_one()))


def officer_id(w: World, login: str) -> int:
    return int(
        w.owner.read(lambda conn: conn.execute(select(officer.c.id).where(officer.c.login == login)).scalar_one())
    )


def ticket_state(w: World, ticket_id: UUID) -> tuple[Any, ...]:
    columns = (
        ticket.c.unit_id,
        ticket.c.status,
        ticket.c.claimed_by,
        ticket.c.claim_token,
        ticket.c.claim_device,
        ticket.c.claim_expires_at,
        ticket.c.row_version,
        ticket.c.updated_at,
    )
    return tuple(w.owner.read(lambda conn: conn.execute(select(*columns).where(ticket.c.id == ticket_id)).one()))


def expire_session(conn: Connection, token: str) -> None:
    conn.execute(
        update(officer_session)
        .where(officer_session.c.token_hash == accounts.hash_token(token))
        .values(expires_at=server_now(conn) - timedelta(minutes=1))
    )


# -- 1. sessions ------------------------------------------------------------------------------------------


def routes(ticket_id: UUID) -> list[tuple[str, str, Json | None]]:
    """Every route but health, readiness, sign-in and the webhooks (``test_only_the_known_routes_are_open``
    checks that list), each with a request that would do something if let in; the commands' routes are
    refused the same way in test_command_refusals.py."""
    return [
        ("DELETE", "/v1/sessions/current", None),
        ("POST", "/v1/password", {"current": PASSWORD, "new": "sandi-penyerang-99"}),
        ("GET", "/v1/hello", None),
        ("POST", "/v1/ops", op("claim", ticket_id)),
        ("POST", "/v1/ops", {"kind": "not-even-an-operation"}),  # nothing is told before the session is
        ("GET", "/v1/changes", None),
        ("POST", "/v1/changes/catch-up", {"since": "n:0", "ticket_ids": [str(ticket_id)]}),
        ("GET", f"/v1/attachments/{'0' * 64}", None),
    ]


def test_every_route_but_health_readiness_and_sign_in_wants_a_live_session(world: World) -> None:
    server = world.server
    humas = new_ticket(world.org.ani)
    live = server.sign_in("ani")
    signed_out = server.sign_in("ani", device="laptop-lama")
    assert call(server, "DELETE", "/v1/sessions/current", signed_out).status_code == 204
    expired = server.sign_in("rudi")
    world.owner.admin(expire_session, expired)
    disabled = server.sign_in("budi")
    world.owner.admin(accounts.set_active, "budi", False)
    before_reset = server.sign_in("sari")
    world.owner.admin(accounts.reset_password, "sari", NEW_PASSWORD)
    # The controls: a live session is let in, and health and readiness ask for none.
    assert call(server, "GET", "/v1/hello", live).status_code == 200
    assert call(server, "GET", "/v1/health").json() == {"status": "ok"}
    assert call(server, "GET", "/v1/ready").json() == {"status": "ready"}

    credentials = {
        "no Authorization header": {},
        "a garbage token": bearer("garbage"),
        "an empty bearer token": {"Authorization": "Bearer "},
        "a live token under another scheme": {"Authorization": f"Basic {live}"},
        "a live token without a scheme": {"Authorization": live},
        "the live token's hash, as the database keeps it": bearer(accounts.hash_token(live)),
        "SQL for a token": bearer("' OR '1'='1"),
        "an 8 kB token": bearer("A" * 8000),
        "a signed-out session": bearer(signed_out),
        "an expired session": bearer(expired),
        "a session of an officer the owner disabled": bearer(disabled),
        "a session from before an admin's password reset": bearer(before_reset),
    }
    before = snapshot(world.owner.engine)
    problems = []
    for label, headers in credentials.items():
        for method, path, body in routes(humas.id):
            answer = requests.request(method, server.url + path, headers=headers, json=body, timeout=30)
            if refusal(answer) != (401, "not_signed_in") or answer.headers.get("WWW-Authenticate") != "Bearer":
                problems.append(f"{label}: {method} {path} -> {answer.status_code} {answer.text[:200]}")
    assert not problems, "\n".join(problems)
    assert snapshot(world.owner.engine) == before, "a refused request changed the database"

    # The disabled officer's right password gets the answer a wrong one gets; enabled again, the old
    # session stays ended.
    wrong = requests.post(
        f"{server.url}/v1/sessions", json={"login": "ani", "password": "bukan-sandinya", "device": "x"}, timeout=30
    )
    for login, password in (("budi", PASSWORD), ("sari", PASSWORD)):  # disabled; the password before the reset
        answer = requests.post(
            f"{server.url}/v1/sessions", json={"login": login, "password": password, "device": "x"}, timeout=30
        )
        assert (answer.status_code, answer.json()) == (401, wrong.json()), login
    assert wrong.json() == {"code": "not_signed_in", "message": "wrong login or password"}
    world.owner.admin(accounts.set_active, "budi", True)
    assert refusal(call(server, "GET", "/v1/hello", disabled)) == (401, "not_signed_in")
    # The new password signs sari in; her session from before the reset stays refused.
    fresh = server.sign_in("sari", NEW_PASSWORD)
    assert call(server, "GET", "/v1/hello", fresh).json()["login"] == "sari"
    assert refusal(call(server, "GET", "/v1/hello", before_reset)) == (401, "not_signed_in")


def test_only_the_known_routes_are_open(tmp_path: Path) -> None:
    """Read the app's OpenAPI document: every route takes the session (the Authorization header of
    ``principal``) but health, readiness, sign-in, the client-version policy (asked before signing in) and the
    webhooks (which the channel's own signature authenticates, test_webhooks.py). A new route without a
    session fails here until it is listed, and so does a listed route that went away."""
    from desktop.server.app import create_app
    from desktop.store.service import Store

    store = Store(f"sqlite:///{tmp_path / 'routes.db'}")
    try:
        document = create_app(store).openapi()
    finally:
        store.dispose()
    takes_session: dict[tuple[str, str], bool] = {
        (method.upper(), path): any(
            parameter["in"] == "header" and parameter["name"].lower() == "authorization"
            for parameter in operation.get("parameters", [])
        )
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    }
    assert {route for route, session in takes_session.items() if not session} == {
        ("GET", "/v1/health"),
        ("GET", "/v1/ready"),
        ("POST", "/v1/sessions"),
        ("GET", "/v1/client-policy"),
        ("GET", "/v1/webhooks/whatsapp/{account}"),
        ("POST", "/v1/webhooks/whatsapp/{account}"),
        ("GET", "/v1/webhooks/facebook/{account}"),
        ("POST", "/v1/webhooks/facebook/{account}"),
        ("GET", "/v1/webhooks/instagram/{account}"),
        ("POST", "/v1/webhooks/instagram/{account}"),
        # An SMS gateway's forwarding: the account's shared secret instead (tests/channels/test_sms.py).
        ("GET", "/v1/webhooks/sms/{account}"),
        ("POST", "/v1/webhooks/sms/{account}"),
        # The public web form, for citizens: bounded and limited instead (test_web_form.py).
        ("GET", "/lapor"),
        ("POST", "/lapor"),
        ("GET", "/lapor/status/{secret}"),
    }
    listed = {(method, path) for method, path, _ in routes(uuid.uuid4())}
    assert {
        ("GET", "/v1/attachments/{sha256}") if "/attachments/" in path else (method, path) for method, path in listed
    } <= {route for route, session in takes_session.items() if session}, "routes() names real routes"


# -- 2. sign-in ---------------------------------------------------------------------------------------------


def test_sign_in_tells_nothing_and_throttles_guessing(world: World) -> None:
    url = f"{world.server.url}/v1/sessions"

    def attempt(login: str, password: str) -> requests.Response:
        return requests.post(url, json={"login": login, "password": password, "device": "PC-PENYERANG"}, timeout=30)

    # A wrong password and a login that does not exist get the same answer, word for word.
    wrong, unknown = attempt("ani", "tebakan-pertama"), attempt("mallory", "tebakan-pertama")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"code": "not_signed_in", "message": "wrong login or password"}
    assert wrong.headers.get("WWW-Authenticate") == unknown.headers.get("WWW-Authenticate") == "Bearer"
    assert (attempt("ani' OR '1'='1", PASSWORD).status_code, attempt("ani' --", PASSWORD).json()) == (401, wrong.json())
    # Malformed forms are refused before anything is checked or counted.
    forms: list[Json] = [
        {"login": "a" * 64, "password": PASSWORD, "device": "x"},
        {"login": "ani", "password": "p" * 1025, "device": "x"},
        {"login": "ani", "password": PASSWORD},
        {"login": "ani", "password": PASSWORD, "device": "x", "officer_id": 1},
        {"login": ["ani"], "password": PASSWORD, "device": "x"},
    ]
    for form in forms:
        assert refusal(requests.post(url, json=form, timeout=30)) == (422, "bad_input"), form

    # Five failures for one login: the right password is refused too, for a while, said so.
    for guess in range(4):
        assert attempt("ani", f"tebakan-{guess}").status_code == 401
    for spelling in ("ani", " ANI "):
        throttled = attempt(spelling, PASSWORD)
        assert refusal(throttled) == (429, "throttled"), throttled.text
        retry_after = int(throttled.headers["Retry-After"])
        assert 0 < retry_after <= 15 * 60
        assert throttled.json()["retry_after"] == retry_after
    assert count(world, officer_session) == 0

    # Twenty failures from one address, spread over logins none of which is throttled by itself: every
    # login from that address is refused, an untouched one with its right password too.
    address = sign_in_attempt.c.address == "127.0.0.1"
    failures = count(world, sign_in_attempt, address, ~sign_in_attempt.c.succeeded)
    logins = ["budi", "budi", "sari", "sari", "rudi", "rudi"] + [f"tamu-{n}" for n in range(20)]
    for login in logins[: 20 - failures]:
        assert attempt(login, "tebakan-lain").status_code == 401, login
    assert count(world, sign_in_attempt, address, ~sign_in_attempt.c.succeeded) == 20
    for login in ("budi", "rudi"):
        throttled = attempt(login, PASSWORD)
        assert refusal(throttled) == (429, "throttled"), (login, throttled.text)
        assert int(throttled.headers["Retry-After"]) > 0
    assert count(world, officer_session) == 0
    assert count(world, sign_in_attempt, sign_in_attempt.c.succeeded) == 0


# -- 3. op ids ----------------------------------------------------------------------------------------------


def test_an_op_id_is_its_officers_own(world: World) -> None:
    humas = new_ticket(world.org.ani)
    other = new_ticket(world.org.ani, subject="Sampah menumpuk")
    ani, budi = world.server.sign_in("ani"), world.server.sign_in("budi")
    secret = "Catatan Ani: pelapor adalah kerabat kepala dinas"
    noted = op("note", humas.id, {"text": secret})
    first = push(world, ani, noted)
    assert first.status_code == 200 and first.json()["state"] == "applied", first.text
    note_id = first.json()["result"]["note_id"]

    watched = (humas.id, other.id)
    before = (
        [ticket_state(world, t) for t in watched],
        count(world, note),
        count(world, event),
        count(world, applied_op),
        count(world, handover_item),
        count(world, message),
    )
    replays = [
        noted,  # byte for byte
        {**noted, "payload": {"text": "catatan budi"}},
        {**noted, "ticket_id": str(other.id)},
        op("claim", humas.id) | {"op_id": noted["op_id"]},
        op("reply", humas.id, {"text": "jawaban budi"}, token=1) | {"op_id": noted["op_id"]},
        op("create", None, {"unit": "humas", "kind": "pengaduan", "channel": "letter", "subject": "s", "body": "b"})
        | {"op_id": noted["op_id"]},
    ]
    for replay in replays:
        answer = push(world, budi, replay)
        assert refusal(answer) == (403, "not_permitted"), answer.text
        for told in (note_id, secret, "applied", "result"):
            assert told not in answer.text, (told, answer.text)
    after = (
        [ticket_state(world, t) for t in watched],
        count(world, note),
        count(world, event),
        count(world, applied_op),
        count(world, handover_item),
        count(world, message),
    )
    assert after == before
    ledger = world.owner.read(lambda conn: conn.execute(select(applied_op.c.officer_id)).scalars().all())
    assert ledger == [officer_id(world, "ani")]
    # Ani's own retry is answered from the ledger, as it was.
    assert push(world, ani, noted).json() == first.json()


# -- 4. roles, units and claims ---------------------------------------------------------------------------


def test_officers_write_only_within_their_role_units_and_claims(world: World) -> None:
    org = world.org
    humas = new_ticket(org.ani, "humas", "Lampu jalan mati")
    budi_token = org.budi.write(claims.claim, humas.id).claim.token
    kanreg = new_ticket(org.rudi, "kanreg-1", "Pungutan liar di kelurahan")
    rudi_token = org.rudi.write(claims.claim, kanreg.id).claim.token
    ani, sari = world.server.sign_in("ani"), world.server.sign_in("sari")
    watched = (humas.id, kanreg.id)
    before = {t: ticket_state(world, t) for t in watched}
    messages_before = count(world, message)
    kanreg_events = count(world, event, event.c.ticket_id == kanreg.id)

    # Only supervisors take a ticket over: an officer's steal is refused by the authorization function
    # before the store is asked, and recorded as the operation's outcome (so her outbox moves on).
    for target in watched:
        answer = push(world, ani, op("steal", target, {"reason": "biar saya saja"}))
        assert answer.status_code == 200, answer.text
        assert (answer.json()["state"], answer.json()["code"]) == ("rejected", "not_permitted"), answer.text
    # A supervisor takes over only within her units: humas is not below kanreg.
    assert not_applied(push(world, sari, op("steal", humas.id, {"reason": "ambil alih"})))

    # kanreg-1's ticket is outside humas: every write is refused, with its holder's token, a guessed one
    # or none at all. (Statuses are ones the ticket could move to, so that only the scope refuses them.)
    problems = []
    attempts = [
        op("claim", kanreg.id),
        op(
            "discuss",
            None,
            {
                "discussion_id": str(uuid.uuid4()),
                "post_id": str(uuid.uuid4()),
                "unit": "humas",
                "title": "Tiket kanreg",
                "body": "lihat",
                "ticket_id": str(kanreg.id),
            },
        ),
    ]
    # A ticket that exists nowhere is not found the same way: no answer tells it from one out of scope.
    attempts.append(op("reply", uuid.uuid4(), {"text": "Ada tiket ini?"}))
    for token in (rudi_token, rudi_token + 1, None):
        attempts += [
            op("renew", kanreg.id, token=token),
            op("release", kanreg.id, token=token),
            op("reply", kanreg.id, {"text": "Laporan Anda kami tutup."}, token=token),
            op("note", kanreg.id, {"text": "catatan penyusup"}, token=token),
            op("status", kanreg.id, {"status": "diverifikasi"}, token=token),
            op("transfer", kanreg.id, {"unit": "humas", "reason": "pindah ke kami"}, token=token),
            op("link", kanreg.id, {"master_id": str(humas.id)}, token=token),
            op("return_disposition", kanreg.id, {"reason": "bukan wewenang"}, token=token),
            op(
                "refer",
                kanreg.id,
                {"referral_id": str(uuid.uuid4()), "unit": "humas", "question": "isi laporannya?"},
                token=token,
            ),
        ]
    for body in attempts:
        answer = push(world, ani, body)
        if not not_applied(answer):
            problems.append(f"{body['kind']} token={body['token']}: {answer.status_code} {answer.text[:300]}")

    # Budi holds the humas ticket: ani's writes under his token, a guessed one or none are never hers.
    for token in (budi_token, budi_token + 1, 0, None):
        for body in (
            op("reply", humas.id, {"text": "Mohon maaf, laporan Anda ditolak."}, token=token),
            op("status", humas.id, {"status": "diverifikasi"}, token=token),
            op("transfer", humas.id, {"unit": "kanreg", "reason": "bukan kami"}, token=token),
            op("release", humas.id, token=token),
            op("renew", humas.id, token=token),
        ):
            answer = push(world, ani, body)
            if answer.status_code != 200 or answer.json()["state"] not in ("rejected", "handed_over"):
                problems.append(f"{body['kind']} on budi's, token={token}: {answer.status_code} {answer.text[:300]}")

    assert {t: ticket_state(world, t) for t in watched} == before, "a refused write changed a ticket"
    assert count(world, message) == messages_before
    assert count(world, outbound_message) == 0, "ani's reply was queued for the citizen"
    assert count(world, note, note.c.ticket_id == kanreg.id) == 0
    assert count(world, referral) == count(world, discussion) == 0
    if count(world, handover_item, handover_item.c.ticket_id == kanreg.id):
        problems.append("hand-over items were written on kanreg-1's ticket, which ani may not see")
    if count(world, event, event.c.ticket_id == kanreg.id) != kanreg_events:
        problems.append("ani's refused writes were audited on kanreg-1's ticket")
    # What ani's lost work left on budi's ticket is for budi, the holder, to take or leave.
    handed = world.owner.read(
        lambda conn: (
            conn.execute(select(handover_item.c.to_officer_id).where(handover_item.c.ticket_id == humas.id))
            .scalars()
            .all()
        )
    )
    assert set(handed) <= {officer_id(world, "budi")}
    assert not problems, "\n".join(problems)


# -- 5. pulls -----------------------------------------------------------------------------------------------


def forged_cursors(pg: bool) -> list[str]:
    other_engine = "n:1" if pg else "pg:1:2:"
    return [
        "pg:1:2:3;DROP TABLE ticket",
        "n:abc",
        "n:",
        "n:-1",
        "x" * 10_240,
        "n:" + "9" * 20,  # past any 64-bit stamp
        "n:1\n",
        "n:\u0661\u0662",  # digits, but not ASCII ones
        "pg:5:1:",  # xmax before xmin
        "pg:0:0:",
        "pg:4294967296:4294967297:",  # an id whose low 32 bits are 0: no valid transaction
        "pg:10:20:30",  # an in-progress id beyond xmax
        "pg:10:20:15,12",  # out of order
        "pg:1:2:3,,3",
        "pg:" + "9" * 20 + ":" + "9" * 20 + ":",
        other_engine,
    ]


def test_pulls_stay_within_the_officers_scope(world: World) -> None:
    org = world.org
    confidential = new_ticket(
        org.ani,
        "humas",
        "Dugaan suap kepala dinas",
        body="Saya melihat amplop diserahkan di ruang rapat lantai tiga.",
        reporter_name="Siti Pelapor Rahasia",
        reporter_contact="siti.rahasia@example.org",
        confidential=True,
    )
    # An anonymous report carries no name (the store refuses one); its contact is never sent either.
    anonymous = new_ticket(
        org.ani, "humas", "Pungli parkir", reporter_contact="anonim.pelapor@example.org", anonymous=True
    )
    plain = new_ticket(org.ani, "humas", "Trotoar rusak di Jalan Melati", reporter_name="Warga Biasa Humas")
    own = new_ticket(org.rudi, "kanreg-1", "Drainase tersumbat")
    # Humas asks kanreg-1 about two of its tickets: rudi sees the referrals, never the reporters' names.
    for asked in (confidential, anonymous):
        org.ani.write(referrals.refer, uuid.uuid4(), asked.id, "kanreg-1", "Mohon data pendukung")
    rudi = world.server.sign_in("rudi")
    humas_ids = {str(t.id) for t in (confidential, anonymous, plain)}

    pulled = call(world.server, "GET", "/v1/changes", rudi)
    assert pulled.status_code == 200, pulled.text
    lines = ndjson(pulled)
    assert "pull" in lines[0] and "end" in lines[-1]
    found = sections(lines)
    assert str(own.id) in {row["id"] for row in found["ticket"]}  # the control: rudi's own ticket comes
    assert not ticket_ids_of(found, skip=("referral",)) & humas_ids
    assert {row["ticket_id"] for row in found["referral"]} == {str(confidential.id), str(anonymous.id)}
    assert all(row["reporter_name"] is None for row in found["referral"])
    for secret in (
        "Siti Pelapor Rahasia",
        "siti.rahasia@example.org",
        "anonim.pelapor@example.org",
        "Dugaan suap kepala dinas",
        "amplop diserahkan",
        "Warga Biasa Humas",
        "Trotoar rusak",
        str(plain.id),
    ):
        assert secret not in pulled.text, secret

    # Catch-up reads only tickets rudi may see, whatever ids he names.
    cursor, scope = lines[0]["pull"]["cursor"], lines[0]["pull"]["scope"]
    caught = call(
        world.server, "POST", "/v1/changes/catch-up", rudi, json={"since": cursor, "ticket_ids": sorted(humas_ids)}
    )
    assert caught.status_code == 200 and ndjson(caught) == [{"end": {}}], caught.text
    control = call(
        world.server, "POST", "/v1/changes/catch-up", rudi, json={"since": cursor, "ticket_ids": [str(own.id)]}
    )
    assert {row["ticket_id"] for row in sections(ndjson(control))["message"]} == {str(own.id)}

    # A forged cursor is bad input on both routes, never a server error, and reads nothing.
    tickets_before = count(world, ticket)
    problems = []
    for since in forged_cursors(cursor.startswith("pg:")):
        for answer in (
            call(world.server, "GET", "/v1/changes", rudi, params={"since": since}),
            call(
                world.server, "POST", "/v1/changes/catch-up", rudi, json={"since": since, "ticket_ids": [str(own.id)]}
            ),
        ):
            status, code = refusal(answer)
            if status not in (400, 422) or code != "bad_input":
                problems.append(f"{answer.request.method} since={since[:40]!r}: {status} {answer.text[:120]!r}")
    assert call(world.server, "GET", "/v1/health").json() == {"status": "ok"}
    assert count(world, ticket) == tickets_before

    # A humas ticket changes: rudi's next pull still names no humas ticket it never saw.
    org.ani.write(claims.claim, plain.id)
    later = call(world.server, "GET", "/v1/changes", rudi, params={"since": cursor, "scope": scope})
    if later.status_code != 200:
        problems.append(f"the next pull failed: {later.status_code} {later.text[:200]}")
    elif str(plain.id) in later.text:
        problems.append(f"the next pull names humas ticket {plain.id}: {later.text[:2000]}")
    assert not problems, "\n".join(problems)


# -- 6. attachments -----------------------------------------------------------------------------------------


def test_attachments_are_served_only_on_tickets_the_officer_may_see(world: World) -> None:
    org = world.org
    rudi, ani = world.server.sign_in("rudi"), world.server.sign_in("ani")
    sha_kanreg = hashlib.sha256(PDF_KANREG).hexdigest()
    create = op(
        "create",
        uuid.uuid4(),
        {
            "unit": "kanreg-1",
            "kind": "pengaduan",
            "channel": "letter",
            "subject": "Bukti pungutan liar",
            "body": "Terlampir bukti.",
            "attachments": [
                {"filename": "bukti.pdf", "content": base64.b64encode(PDF_KANREG).decode(), "sha256": sha_kanreg}
            ],
        },
    )
    made = push(world, rudi, create)
    assert made.status_code == 200 and made.json()["state"] == "applied", made.text
    humas = new_ticket(org.ani, "humas", "Surat keberatan", channel=Channel.LETTER)
    org.ani.write(scans.attach_scans, humas.id, check_scans([("surat.pdf", PDF_HUMAS)]))
    sha_humas = hashlib.sha256(PDF_HUMAS).hexdigest()
    # The controls: each officer reads the scan on a ticket of their own unit.
    assert call(world.server, "GET", f"/v1/attachments/{sha_kanreg}", rudi).content == PDF_KANREG
    assert call(world.server, "GET", f"/v1/attachments/{sha_humas}", ani).content == PDF_HUMAS

    # Another unit's scan is not found, and not found the way a hash that exists nowhere is not.
    nowhere = call(world.server, "GET", f"/v1/attachments/{'0' * 64}", rudi)
    assert refusal(nowhere) == (404, "not_found")
    for token, sha in ((rudi, sha_humas), (ani, sha_kanreg)):
        answer = call(world.server, "GET", f"/v1/attachments/{sha}", token)
        assert (answer.status_code, answer.json()) == (404, nowhere.json())

    # Not on a ticket that was deleted either, though it was rudi's.
    world.owner.admin(
        lambda conn: conn.execute(
            update(ticket).where(ticket.c.id == UUID(create["ticket_id"])).values(deleted_at=server_now(conn))
        )
    )
    assert refusal(call(world.server, "GET", f"/v1/attachments/{sha_kanreg}", rudi)) == (404, "not_found")

    # Paths that are not a hash never reach a file or another scan.
    problems = []
    for path in (
        "/v1/attachments/..%2F..%2Fetc%2Fpasswd",
        "/v1/attachments/../../etc/passwd",
        "/v1/attachments/%2e%2e/%2e%2e/etc/passwd",
        "/v1/attachments/..%5C..%5Cetc%5Cpasswd",
        f"/v1/attachments/{sha_humas.upper()}",
        f"/v1/attachments/{sha_humas[:63]}",
        f"/v1/attachments/{sha_humas}0",
        f"/v1/attachments/{sha_humas}%00",
        f"/v1/attachments/{sha_humas}%0A",
        f"/v1/attachments/{sha_humas}%20",
        f"/v1/attachments/{'0' * 64}/../{sha_humas}",
        f"/v1/attachments/{sha_humas[:60]}%25",
        f"/v1/attachments/{'0' * 64}?sha256={sha_humas}",
    ):
        status, body = raw_get(world, path, rudi)
        try:
            code = json.loads(body).get("code")
        except ValueError:
            code = None
        if status not in (404, 422) or code not in ("not_found", "bad_input") or PDF_HUMAS in body or b"root:" in body:
            problems.append(f"{path}: {status} {body[:200]!r}")
    assert not problems, "\n".join(problems)


# -- 7. malformed and oversized requests -------------------------------------------------------------------


def too_much() -> Iterator[bytes]:
    """A body past the cap, streamed (chunked, no Content-Length) one MiB at a time."""
    chunk = b" " * (1024 * 1024)
    for _ in range(MAX_BODY // len(chunk) + 2):
        yield chunk


def test_malformed_and_oversized_requests_are_refused_and_the_server_carries_on(world: World) -> None:
    humas = new_ticket(world.org.ani)
    ani = world.server.sign_in("ani")
    reply = op("reply", humas.id, {"text": "Terima kasih"}, token=1)
    create = op(
        "create",
        uuid.uuid4(),
        {"unit": "humas", "kind": "pengaduan", "channel": "letter", "subject": "Banjir", "body": "Banjir lagi"},
    )
    json_headers = bearer(ani) | {"Content-Type": "application/json"}
    problems = []
    last = [snapshot(world.owner.engine)]

    def unchanged(what: str) -> None:
        now = snapshot(world.owner.engine)
        if now != last[0]:
            problems.append(f"{what}: the database changed")
            last[0] = now

    def expect(what: str, answer: requests.Response, status: int, code: str = "bad_input") -> None:
        if refusal(answer) != (status, code):
            problems.append(f"{what}: {answer.status_code} {answer.text[:200]}")
        unchanged(what)

    # A body declared larger than the cap: refused from the header, before any of it is read.
    connection = http.client.HTTPConnection(urlsplit(world.server.url).netloc, timeout=30)
    try:
        connection.putrequest("POST", "/v1/ops")
        for name, value in json_headers.items():
            connection.putheader(name, value)
        connection.putheader("Content-Length", str(MAX_BODY + 1))
        connection.endheaders()
        connection.send(b"{}")
        declared = connection.getresponse()
        content = declared.read()
        if declared.status != 413 or json.loads(content).get("code") != "bad_input":
            problems.append(f"declared 64 MiB + 1: {declared.status} {content[:200]!r}")
    finally:
        connection.close()
    unchanged("declared 64 MiB + 1")
    # A body that only turns out too large while it streams in.
    try:
        expect(
            "streamed past 64 MiB",
            requests.post(f"{world.server.url}/v1/ops", data=too_much(), headers=json_headers, timeout=60),
            413,
        )
    except requests.ConnectionError as exc:  # the server may close the connection as it refuses
        problems.append(f"streamed past 64 MiB: no answer ({exc})")

    url = f"{world.server.url}/v1/ops"
    for what, data in (
        ("not JSON", b"this is not json"),
        ("truncated JSON", json.dumps(reply).encode()[:-3]),
        ("JSON null", b"null"),
        ("a JSON list", b"[]"),
    ):
        expect(what, requests.post(url, data=data, headers=json_headers, timeout=30), 422)
    # Bodies the JSON parser itself chokes on: bad input all the same (400 or 422), never a crash.
    for what, data in (
        ("invalid UTF-8", b'{"kind": "\xff\xfe"}'),
        ("JSON nested 100,000 deep", b"[" * 100_000 + b"]" * 100_000),
    ):
        answer = requests.post(url, data=data, headers=json_headers, timeout=30)
        if answer.status_code not in (400, 422) or refusal(answer)[1] != "bad_input":
            problems.append(f"{what}: {answer.status_code} {answer.text[:200]}")
        unchanged(what)
    for what, body in (
        ("an unknown kind", {**reply, "kind": "drop_table"}),
        ("a kind in capitals", {**reply, "kind": "STEAL"}),
        ("a payload field the kind does not know", {**reply, "payload": {"text": "x", "to": "someone@evil"}}),
        ("the officer named in the envelope", {**reply, "officer": "budi"}),
        ("the device named in the envelope", {**reply, "device": "PC-BUDI"}),
        ("a negative token", {**reply, "token": -1}),
        ("a token past 64 bits", {**reply, "token": 2**64}),
        ("a token just past BIGINT", {**reply, "token": 2**63}),
        ("a fractional token", {**reply, "token": 1.5}),
        ("an op id that is no UUID", {**reply, "op_id": "1 OR 1=1"}),
        ("a ticket id that is no UUID", {**reply, "ticket_id": "../ticket"}),
        ("no op id", {key: value for key, value in reply.items() if key != "op_id"}),
        ("a 200 kB subject", {**create, "payload": {**create["payload"], "subject": "S" * 200_000}}),
        ("a 100,001-character reply", {**reply, "payload": {"text": "x" * 100_001}}),
        ("51 attachments", {**create, "payload": {**create["payload"], "attachments": [{}] * 51}}),
        ("a payload that is a list", {**reply, "payload": ["text", "x"]}),
    ):
        if body.get("op_id") in (reply["op_id"], create["op_id"]):
            body = {**body, "op_id": str(uuid.uuid4())}  # a fresh op each, lest the ledger answer
        expect(what, push(world, ani, body), 422)
    expect("a 10 kB cursor", call(world.server, "GET", "/v1/changes", ani, params={"since": "n:" + "1" * 10_240}), 400)
    # A URL this long may be refused by the HTTP layer before the route's own cap: either way, not served.
    long_scope = call(world.server, "GET", "/v1/changes", ani, params={"scope": "1" * 100_001})
    if long_scope.status_code not in (400, 414, 422, 431):
        problems.append(f"a 100,001-character scope: {long_scope.status_code} {long_scope.text[:200]}")
    unchanged("a 100,001-character scope")

    # An offline operation's moment that leaves the calendar once turned into UTC: refused as bad input.
    for made_at in ("0001-01-01T00:00:00+07:00", "9999-12-31T23:59:59-05:00"):
        noted = op("note", humas.id, {"text": "catatan luring"}, offline=True, made_at=made_at)
        expect(f"made_at {made_at}", push(world, ani, noted), 422)
    # An offline operation's moment, written with a time zone: taken or refused, never a crash.
    for made_at in ("2026-01-01T07:00:00+07:00", "2026-01-01T00:00:00Z"):
        noted = op("note", humas.id, {"text": "catatan luring"}, offline=True, made_at=made_at)
        answer = push(world, ani, noted)
        if answer.status_code not in (200, 422):
            problems.append(f"made_at {made_at}: {answer.status_code} {answer.text[:200]}")

    # The server answers on, and ani's next honest operation is applied.
    assert call(world.server, "GET", "/v1/health").json() == {"status": "ok"}
    assert push(world, ani, op("claim", humas.id)).json()["state"] == "applied"
    assert not problems, "\n".join(problems)


# -- 8. the audit log ----------------------------------------------------------------------------------------


def test_the_audit_log_names_the_signed_in_officer_and_device(world: World) -> None:
    ani = world.server.sign_in("ani", device="PC-HUMAS-03")
    budi = world.server.sign_in("budi", device="PC-HUMAS-07")
    ani_id, budi_id = officer_id(world, "ani"), officer_id(world, "budi")
    # Headers a proxy or a forger might add name no one.
    spoofed = {"X-Aduan-Officer": "budi", "X-Aduan-Device": "PC-BUDI", "X-Forwarded-For": "10.9.9.9", "From": "budi"}
    ticket_id = uuid.uuid4()
    create = op(
        "create",
        ticket_id,
        {"unit": "humas", "kind": "pengaduan", "channel": "letter", "subject": "Jembatan retak", "body": "Retak."},
    )
    for forged in ({**create, "officer": "budi"}, {**create, "payload": {**create["payload"], "created_by": budi_id}}):
        assert refusal(push(world, ani, forged, headers=spoofed)) == (422, "bad_input")
    ops = [create]
    made = push(world, ani, create, headers=spoofed)
    assert made.json()["state"] == "applied", made.text
    claimed = push(world, ani, op("claim", ticket_id), headers=spoofed)
    token = claimed.json()["result"]["token"]
    ops += [op("note", ticket_id, {"text": "dicek ke lapangan"}, token=token)]
    ops += [op("reply", ticket_id, {"text": "Laporan Anda kami terima."}, token=token)]
    for body in ops[1:]:
        assert push(world, ani, body, headers=spoofed).json()["state"] == "applied"
    # Budi's note on the same ticket is his, from his own device.
    assert push(world, budi, op("note", ticket_id, {"text": "saya bantu"})).json()["state"] == "applied"

    logged = world.owner.read(
        lambda conn: conn.execute(
            select(event.c.action, event.c.officer_id, event.c.device).where(event.c.ticket_id == ticket_id)
        ).all()
    )
    assert {"claim", "note", "reply"} <= {row.action for row in logged}
    for row in logged:
        assert (row.officer_id, row.device) in {(ani_id, "PC-HUMAS-03"), (budi_id, "PC-HUMAS-07")}, row
    assert [row.action for row in logged if row.officer_id == budi_id] == ["note"]
    state = world.owner.read(
        lambda conn: conn.execute(
            select(ticket.c.created_by, ticket.c.claimed_by, ticket.c.claim_device).where(ticket.c.id == ticket_id)
        ).one()
    )
    assert tuple(state) == (ani_id, ani_id, "PC-HUMAS-03")
    authors = world.owner.read(
        lambda conn: (
            conn.execute(
                select(message.c.author_id).where(message.c.ticket_id == ticket_id, message.c.direction == "outbound")
            )
            .scalars()
            .all()
        )
    )
    assert authors == [ani_id]
    ledger = world.owner.read(
        lambda conn: dict(conn.execute(select(applied_op.c.op_id, applied_op.c.officer_id)).all())
    )
    assert {ledger[UUID(body["op_id"])] for body in ops} == {ani_id}
