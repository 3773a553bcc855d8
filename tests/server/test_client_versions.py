"""Old clients against a real ``aduan server`` process, on each engine: a version below the policy of the
officer's units is refused (HTTP 426 naming the version, the installer and the note) at sign-in and on every
authenticated route, a newer one is let in; the work an old client queued stays in its outbox, untouched,
and is applied exactly once after the update."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from desktop import __version__
from desktop.cache import schema as s
from desktop.cache.database import Cache
from desktop.desk.operations import Desk
from desktop.domain.client_release import CLIENT_HEADER
from desktop.domain.errors import ClientOutdated
from desktop.domain.vocabulary import Direction
from desktop.server import commands
from desktop.server.commands import run_direct
from desktop.store.schema import applied_op, message, note, officer_session, ticket
from desktop.sync.engine import SyncEngine
from tests.security.refusals import add_admin, refusal
from tests.server.conftest import World
from tests.server.live import PASSWORD, aduan, call
from tests.store.helpers import new_ticket

SHARE = r"\\fileserver\aduan\aduan-0.2.0.exe"
WEB = "https://unduh.kanreg.example.go.id/aduan-0.3.0.exe"


def set_policy(w: World, unit: str | None, version: str, installer: str = SHARE, note: str | None = None) -> None:
    request = commands.ClientPolicySet(unit=unit, min_version=version, installer=installer, note=note)
    run_direct(commands.client_policy_set, w.owner, None, request)


def as_version(version: str | None) -> dict[str, str]:
    return {} if version is None else {CLIENT_HEADER: version}


def sign_in(w: World, login: str, version: str | None) -> requests.Response:
    form = {"login": login, "password": PASSWORD, "device": f"{login}-pc"}
    return requests.post(f"{w.server.url}/v1/sessions", json=form, headers=as_version(version), timeout=30)


def live_sessions(w: World) -> int:
    query = select(func.count()).select_from(officer_session).where(officer_session.c.revoked_at.is_(None))
    return int(w.owner.read(lambda conn: conn.execute(query).scalar_one()))


def test_an_old_client_is_refused_with_the_link_and_a_new_one_let_in(world: World) -> None:
    w = world
    token = w.server.sign_in("ani")  # before any policy: every version (and none) is accepted
    assert call(w.server, "GET", "/v1/hello", token).status_code == 200
    assert call(w.server, "GET", "/v1/client-policy").json() == {"min_version": None, "installer": None, "note": None}

    set_policy(w, None, "0.2.0", note="Hubungi TI di ext. 123")
    set_policy(w, "kanreg", "0.3.0", WEB)

    # Every authenticated route refuses an old client, and one without the header (a client from before it).
    for version in ("0.1.0", "0.2.0rc1", None, "bukan-versi"):
        for method, path in (("GET", "/v1/hello"), ("GET", "/v1/changes"), ("POST", "/v1/commands/unit/list")):
            answer = call(
                w.server, method, path, token, headers=as_version(version), json={} if method == "POST" else None
            )
            assert refusal(answer) == (426, "client_outdated"), (version, path, answer.text)
            body = answer.json()
            assert body["min_version"] == "0.2.0" and body["installer"] == SHARE
            assert body["note"] == "Hubungi TI di ext. 123"
            assert body["client_version"] == (version if version in ("0.1.0", "0.2.0rc1") else "0")
    # A new client is let in; 0.10 is newer than 0.2 (versions, not strings).
    for version in ("0.2.0", "0.10.0"):
        assert call(w.server, "GET", "/v1/hello", token, headers=as_version(version)).status_code == 200
    # A session check comes first: without a session the answer is still "sign in".
    assert refusal(call(w.server, "GET", "/v1/hello", headers=as_version("0.1.0"))) == (401, "not_signed_in")
    # Health and readiness are no officer's: never refused.
    assert call(w.server, "GET", "/v1/health").status_code == 200
    assert call(w.server, "GET", "/v1/ready").status_code == 200
    assert "no X-Aduan-Client header" in w.server.output() and "treated as version 0" in w.server.output()

    # rudi (kanreg-1, under kanreg) follows kanreg's stricter policy: at sign-in, after his password, and the
    # session just issued is ended again.
    before = live_sessions(w)
    refused = sign_in(w, "rudi", "0.2.0")
    assert refusal(refused) == (426, "client_outdated") and refused.json()["installer"] == WEB
    assert live_sessions(w) == before
    wrong = requests.post(
        f"{w.server.url}/v1/sessions",
        json={"login": "rudi", "password": "bukan-sandinya", "device": "x"},
        headers=as_version("0.1.0"),
        timeout=30,
    )
    assert refusal(wrong) == (401, "not_signed_in")  # an old client learns nothing before the password
    assert sign_in(w, "rudi", "0.3.0").status_code == 200

    # Before signing in, a workstation may ask its unit's policy: only the version, the link and the note.
    public = call(w.server, "GET", "/v1/client-policy", params={"unit": "kanreg-1"})
    assert public.json() == {"min_version": "0.3.0", "installer": WEB, "note": None}
    unknown = call(w.server, "GET", "/v1/client-policy", params={"unit": "tidak-ada"})
    assert unknown.json() == call(w.server, "GET", "/v1/client-policy").json()  # tells no unit exists or not
    assert refusal(call(w.server, "GET", "/v1/client-policy", params={"unit": "x" * 41}))[0] == 422


def test_only_admins_set_the_policy_through_the_server(world: World) -> None:
    w = world
    add_admin(w)
    new = as_version("9.9.9")
    body = {"min_version": "0.2.0", "installer": SHARE}
    for login in ("ani", "sari"):  # an officer, a supervisor
        answer = call(
            w.server, "POST", "/v1/commands/client-policy/set", w.server.sign_in(login), json=body, headers=new
        )
        assert refusal(answer) == (403, "not_permitted")
    assert call(w.server, "GET", "/v1/client-policy").json()["min_version"] is None
    admin, ani = w.server.sign_in("adi"), w.server.sign_in("ani")  # before a policy: this helper sends no version
    bad = call(w.server, "POST", "/v1/commands/client-policy/set", admin, json=body | {"installer": "http://x/a.exe"})
    assert refusal(bad) == (400, "bad_input") and "https://" in bad.json()["message"]
    done = call(w.server, "POST", "/v1/commands/client-policy/set", admin, json=body, headers=new)
    assert done.status_code == 200 and done.json()["min_version"] == "0.2.0"
    # Every officer reads the policy that applies to them (with a client new enough to be let in).
    shown = call(w.server, "POST", "/v1/commands/client-policy/show", ani, json={}, headers=new)
    assert shown.json() == {
        "applies": {"unit": None, "min_version": "0.2.0", "installer": SHARE, "note": None},
        "policies": [],
    }


def outbox_rows(cache: Cache) -> list[Any]:
    """Every outbox row whole (state, attempts, outcome…): equal before and after a refused round."""
    with cache.read() as conn:
        return list(conn.execute(select(s.outbox).order_by(s.outbox.c.seq)))


def test_an_old_clients_queued_work_waits_and_is_applied_once_after_the_update(world: World, tmp_path: Path) -> None:
    w = world
    t = new_ticket(w.org.ani)
    central = w.server.central("ani")
    central.http.headers[CLIENT_HEADER] = "0.1.0"
    cache = Cache(tmp_path / "ani.cache.db")
    engine = SyncEngine(cache, central)
    engine.sync()  # the mirror filled while every version was accepted
    desk = Desk(cache)
    desk.claim(str(t.id))
    desk.reply(str(t.id), "Terima kasih, laporan Anda sedang kami tindak lanjuti.")
    desk.note(str(t.id), "dicek ke lapangan besok")
    set_policy(w, "humas", "0.2.0", WEB, "Pembaruan wajib sejak 1 Juli")
    queued = outbox_rows(cache)
    assert len(queued) == 3

    for _ in range(2):  # again and again: refused each time, nothing dropped, nothing marked rejected
        with pytest.raises(ClientOutdated) as refused:
            engine.sync()
        assert refused.value.min_version == "0.2.0" and refused.value.installer == WEB and refused.value.queued == 3
        assert "3 operation(s) waiting in the outbox are kept" in refused.value.message
        assert outbox_rows(cache) == queued
    assert w.owner.read(lambda c: c.execute(select(ticket.c.claimed_by).where(ticket.c.id == t.id)).scalar()) is None

    central.http.headers[CLIENT_HEADER] = "0.2.0"  # the officer installed the new version
    report = engine.sync()
    assert report.push.applied == 3 and report.push.rejected == 0 and report.pending == 0
    assert engine.sync().push.applied == 0  # nothing twice
    replies = (
        select(func.count())
        .select_from(message)
        .where(message.c.ticket_id == t.id, message.c.direction == Direction.OUTBOUND.value)
    )
    notes = select(func.count()).select_from(note).where(note.c.ticket_id == t.id)
    ops = select(func.count()).select_from(applied_op).where(applied_op.c.op_id.in_([row.op_id for row in queued]))
    assert [w.owner.read(lambda c, q=q: c.execute(q).scalar_one()) for q in (replies, notes, ops)] == [1, 1, 3]
    central.close()
    cache.dispose()


def test_the_command_line_says_queued_and_why_and_sync_fails_until_the_update(world: World, tmp_path: Path) -> None:
    w = world
    t = new_ticket(w.org.ani)
    url = w.server.url
    assert aduan(url, tmp_path, "signin", "--password-stdin", stdin=PASSWORD + "\n").returncode == 0
    assert aduan(url, tmp_path, "sync").returncode == 0
    set_policy(w, None, "999.0", note="Hubungi TI di ext. 123")  # newer than this tree's command line

    claimed = aduan(url, tmp_path, "ticket", "claim", t.tracking_no)
    assert claimed.returncode == 0, claimed.stderr
    assert claimed.stdout.startswith(f"queued: claim (this version of Aduan ({__version__}) is no longer accepted")
    assert SHARE in claimed.stdout and "Hubungi TI" in claimed.stdout
    noted = aduan(url, tmp_path, "ticket", "note", t.tracking_no, "--text", "cek lokasi", "--json")
    assert noted.returncode == 0 and json.loads(noted.stdout)["state"] == "queued"
    assert "no longer accepted" in noted.stderr and "2 operation(s) waiting in the outbox are kept" in noted.stderr
    synced = aduan(url, tmp_path, "sync")
    assert synced.returncode == 1 and "install 999.0 or newer from" in synced.stderr
    shown = aduan(url, tmp_path, "outbox", "--json")
    assert [row["kind"] for row in json.loads(shown.stdout) if row["state"] == "pending"] == ["claim", "note"]
    # signin itself is refused with the same words (the password was right; no session is left behind)
    again = aduan(url, tmp_path, "signin", "--password-stdin", stdin=PASSWORD + "\n")
    assert again.returncode == 1 and "no longer accepted" in again.stderr

    set_policy(w, None, __version__)  # the admin accepts this version again (as after an update)
    synced = aduan(url, tmp_path, "sync", "--json")
    assert synced.returncode == 0, synced.stderr
    assert json.loads(synced.stdout)["pushed"]["applied"] == 2
    assert (
        w.owner.read(
            lambda c: c.execute(select(func.count()).select_from(note).where(note.c.ticket_id == t.id)).scalar_one()
        )
        == 1
    )
