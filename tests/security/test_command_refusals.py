"""The commands beside sync (``desktop/server/commands.py``) through a real ``aduan server``, as an attacker
and as the officers they are for: every command refuses a request without a session; every command kept
for supervisors or admins refuses an officer (and an admin's commands a supervisor) with ``not_permitted``
and changes nothing; a supervisor reaches their own units only; and what the admin does through the server
is done as the admin, never as the OS user of some workstation."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest
from sqlalchemy import select

from desktop.domain.errors import BadInput, NotPermitted, NotSignedIn, Rejected
from desktop.domain.vocabulary import Channel
from desktop.server import commands
from desktop.server.authz import Action
from desktop.store.schema import channel_account, ticket
from tests.security.refusals import add_admin, digest, refusal
from tests.server.conftest import World
from tests.server.live import call
from tests.store.helpers import new_ticket

LAPOR_CSV = "ID Laporan;Judul;Isi Laporan\n1916449;Lampu jalan mati;Lampu di Jl. Merdeka mati seminggu.\n"
LAPOR_BASE64 = base64.b64encode(LAPOR_CSV.encode()).decode()
# A well-formed request for every command: a refusal must come from authorization, not from validation.
SAMPLES: dict[str, dict[str, Any]] = {
    "unit add": {"code": "palsu", "name": "Unit palsu"},
    "unit list": {},
    "unit set": {"code": "kanreg", "parent": "humas", "lease_seconds": 60},
    "officer add": {"login": "penyusup", "name": "Penyusup", "units": ["humas"], "role": "admin"},
    "officer set": {"login": "ani", "role": "admin", "units": ["humas", "kanreg"]},  # promoting oneself
    "officer list": {},
    "officer reset-password": {"login": "budi", "password": "sandi-baru-budi-77"},
    "officer disable": {"login": "budi"},
    "officer enable": {"login": "budi"},
    "sla sweep": {},
    "sla policy set": {"unit": "humas", "resolution": 1},
    "sla policy list": {},
    "sla policy remove": {"id": 1},
    "sla calendar set": {"unit": "humas", "hours": "00:00-01:00"},
    "sla day-off": {"day": "2027-01-04", "name": "Libur palsu", "unit": "humas"},
    "canned list": {},
    "canned show": {"key": "salam"},
    "canned scope": {},
    "canned add": {"key": "palsu", "title": "Palsu", "text": "Transfer ke rekening ini.", "unit": "humas"},
    "canned edit": {"key": "salam", "text": "Transfer ke rekening ini."},
    "canned retire": {"key": "salam"},
    "canned restore": {"key": "salam"},
    "channel add": {"channel": "telegram", "name": "Bot palsu", "unit": "humas"},
    "channel list": {},
    "channel overview": {"as_of": "2025-06-10T05:00:00"},
    "channel disable": {"account_id": 1},
    "channel enable": {"account_id": 1},
    "channel test": {"account_id": 1},
    "channel errors": {},
    "channel retry": {"error_id": 1},
    "channel dismiss": {"error_id": 1},
    "dispatch list": {},
    "dispatch resend": {"outbound_id": str(uuid.uuid4())},
    "dispatch confirm": {"outbound_id": str(uuid.uuid4())},
    "comment list": {},
    "comment ticket": {"comment_id": 1},
    "comment reply": {"comment_id": 1, "text": "Silakan transfer ke rekening ini.", "despite_personal_data": True},
    "comment settle": {"comment_id": 1, "posted": True},
    "lapor import": {
        "unit": "humas",
        "filename": "lapor.csv",
        "content": base64.b64encode(LAPOR_CSV.encode()).decode(),
    },
    "lapor export": {"unit": "humas"},
    "unit retention": {"unit": "humas", "identity_days": 0, "attachment_days": 0},
    "unit retention show": {},
    "privacy apply-retention": {},
    "privacy export": {"contact": "email:warga@contoh.id", "attachments": True},
    "privacy erase": {"contact": "email:warga@contoh.id", "reason": "iseng"},
    "ticket history": {"ticket": "ADU-2026-000001"},
    "audit search": {"action": "status"},
    "ticket share": {"ticket": "ADU-2026-000001", "login": "ani"},
    "ticket unshare": {"ticket": "ADU-2026-000001", "login": "ani"},
    "ticket shares": {"ticket": "ADU-2026-000001"},
    "client-policy set": {"min_version": "99.0", "installer": "https://palsu.example.com/aduan.exe"},
    "client-policy clear": {"unit": "humas"},
    "client-policy show": {},
    "stats volumes": {"units": ["humas"], "by": "month", "split": "channel"},
    "stats backlog": {"units": ["humas"]},
    "stats service": {"units": ["humas"]},
    "stats flows": {"units": ["humas"], "since": "2026-03-01"},
    "stats reopen": {"units": ["humas"]},
    "stats returning": {"units": ["humas"], "channel": "email"},
    "stats heatmap": {"units": ["humas"], "until": "2026-03-31"},
    "stats topics": {"units": ["humas"], "as_of": "2026-03-04"},
    "stats recap": {"units": ["humas"], "month": "2026-03"},
}
# Sharing: every officer may ask; the store answers per ticket (tests/security/test_confidential_reports.py).
OFFICERS_MAY = {
    Action.READ_UNITS,
    Action.READ_RULES,
    Action.READ_CANNED,
    Action.READ_HISTORY,
    Action.SHARE_TICKET,
    Action.READ_SHARES,
    Action.READ_CLIENT_POLICY,  # the officer's own: which version their units accept
    Action.READ_STATS,  # their own figures (reports/figures.py scope_for; tested below)
}
SUPERVISORS_MAY = OFFICERS_MAY | {
    Action.READ_OFFICERS,
    Action.MANAGE_RULES,
    Action.MANAGE_CANNED,
    Action.WATCH_CHANNELS,
    Action.EXPORT_LAPOR,
    Action.SEARCH_AUDIT,
    Action.HANDLE_COMMENTS,  # their units' accounts (tests/channels/test_facebook.py)
}


def post(w: World, name: str, token: str | None, body: dict[str, Any] | None = None) -> tuple[int, str | None]:
    return refusal(
        call(w.server, "POST", commands.COMMANDS[name].path, token, json=SAMPLES[name] if body is None else body)
    )


def test_every_command_has_a_refusal_sample() -> None:
    assert set(SAMPLES) == set(commands.COMMANDS)


def test_no_command_answers_without_a_session(world: World) -> None:
    before = digest(world.owner.engine)
    answers = {name: post(world, name, None) for name in commands.COMMANDS}
    forged = {name: post(world, name, "forged-token") for name in ("officer add", "unit list")}
    assert answers == {name: (401, NotSignedIn.code) for name in commands.COMMANDS}
    assert forged == {name: (401, NotSignedIn.code) for name in forged}
    assert digest(world.owner.engine) == before


def test_officers_and_supervisors_are_refused_what_is_not_theirs_and_nothing_changes(world: World) -> None:
    officer, supervisor = world.server.sign_in("ani"), world.server.sign_in("sari")
    before = digest(world.owner.engine)
    everything = commands.COMMANDS.items()
    by_officer = {name: post(world, name, officer) for name, c in everything if c.action not in OFFICERS_MAY}
    by_supervisor = {name: post(world, name, supervisor) for name, c in everything if c.action not in SUPERVISORS_MAY}
    assert by_officer == {name: (403, NotPermitted.code) for name in by_officer}
    assert by_supervisor == {name: (403, NotPermitted.code) for name in by_supervisor}
    assert {"officer add", "channel add", "lapor import", "dispatch resend"} <= set(by_supervisor)
    assert digest(world.owner.engine) == before
    # What every officer may read answers them.
    assert post(world, "unit list", officer)[0] == 200 and post(world, "canned list", officer)[0] == 200


def test_a_supervisor_reaches_their_own_units_only(world: World) -> None:
    owner = world.owner
    for name, unit_code in (("Bot Humas", "humas"), ("Bot Kanreg", "kanreg-1")):
        secret = "env:ADUAN_SECRET_" + name.upper().replace(" ", "_")
        request = commands.ChannelAdd(channel=Channel.TELEGRAM, name=name, unit=unit_code, secret_ref=secret)
        commands.run_direct(commands.channel_add, owner, None, request)
    sari = world.server.central("sari")
    try:
        before = digest(owner.engine)
        for name, request in (
            (commands.sla_policy_set, commands.PolicySet(unit="humas", resolution=1)),
            (commands.sla_day_off, commands.DayOff.model_validate(SAMPLES["sla day-off"])),
            (commands.canned_add, commands.CannedAdd.model_validate(SAMPLES["canned add"])),
            (commands.lapor_export, commands.LaporExport(unit="humas")),
        ):
            with pytest.raises(Rejected) as refused:
                sari.command(name, request)
            assert refused.value.code == NotPermitted.code, name
        assert digest(owner.engine) == before

        assert {o.login for o in sari.command(commands.officer_list, commands.Nothing())} == {"sari", "rudi"}
        assert [a.name for a in sari.command(commands.channel_list, commands.Nothing())] == ["Bot Kanreg"]
        overview = sari.command(commands.channel_overview, commands.OverviewQuery())
        assert [a.health.name for a in overview.accounts] == ["Bot Kanreg"]  # not humas's bot, not even counted
        policy = sari.command(commands.sla_policy_set, commands.PolicySet(unit="kanreg-1", resolution=30))
        assert [p["id"] for p in sari.command(commands.sla_policy_list, commands.Nothing())] == [policy]
        version = sari.command(
            commands.canned_add,
            commands.CannedAdd(key="salam-kanreg", title="Salam", text="Yth. pelapor,", unit="kanreg"),
        )
        shown = sari.command(commands.canned_show, commands.CannedKey(key="salam-kanreg"))
        assert version == 1 and [t.author for t in shown] == ["sari"]  # the signed-in officer, never the OS user
    finally:
        sari.close()


def test_an_admin_manages_through_the_server_and_what_is_wrong_is_refused(world: World) -> None:
    add_admin(world)
    adi = world.server.central("adi")
    budi = world.server.sign_in("budi")
    try:
        added = adi.command(commands.officer_add, commands.OfficerAdd(login="dewi", name="Dewi", units=["humas"]))
        assert added.officer.login == "dewi" and added.password is not None
        world.server.sign_in("dewi", added.password)  # the generated password is the server password

        state = adi.command(commands.officer_disable, commands.OfficerLogin(login="budi"))
        assert not state.officer.active and state.sessions_ended == 1
        assert post(world, "unit list", budi) == (401, NotSignedIn.code)  # the session ended with it
        with pytest.raises(Rejected) as itself:
            adi.command(commands.officer_disable, commands.OfficerLogin(login="adi"))
        assert itself.value.code == BadInput.code

        # A secret reference that names another variable than the account's own slot (the worker would send
        # the database password to whoever the account points at) is refused, and no account is added.
        with pytest.raises(Rejected) as stolen:
            adi.command(
                commands.channel_add,
                commands.ChannelAdd(channel=Channel.TELEGRAM, name="Bot", unit="humas", secret_ref="env:ADUAN_DB"),
            )
        assert stolen.value.code == BadInput.code
        assert world.owner.read(lambda conn: conn.execute(select(channel_account.c.id)).all()) == []

        imported = adi.command(commands.lapor_import, commands.LaporImport.model_validate(SAMPLES["lapor import"]))
        assert [r.lapor_id for r in imported.report.created] == ["1916449"]
        subjects = world.owner.read(lambda conn: conn.execute(select(ticket.c.subject)).scalars().all())
        assert "Lampu jalan mati" in subjects
        garbage = commands.LaporImport(unit="humas", filename="lapor.csv", content="%%% bukan base64 %%%")
        with pytest.raises(Rejected) as unreadable:
            adi.command(commands.lapor_import, garbage)
        assert unreadable.value.code == BadInput.code
    finally:
        adi.close()


def test_statistics_are_refused_beyond_the_askers_scope_and_narrowed_within_it(world: World) -> None:
    """A supervisor asking for another unit's figures is refused (not quietly given an empty table); asking
    for everything gives their units and sub-units only; an officer gets only the reports they handled."""
    org = world.org
    for store, unit_code, subject in ((org.budi, "humas", "Jalan rusak"), (org.budi, "humas", "Lampu mati")):
        new_ticket(store, unit_code, subject)
    new_ticket(org.rudi, "kanreg-1", "Air keruh")
    new_ticket(world.org.ani, "humas", "Sampah menumpuk")  # ani handled this one (she recorded it)
    sari, ani = world.server.central("sari"), world.server.central("ani")
    try:
        figures: tuple[commands.Command[Any, Any], ...] = (commands.stats_volumes, commands.stats_backlog)
        figures += (commands.stats_service, commands.stats_flows, commands.stats_reopen)
        figures += (commands.stats_returning, commands.stats_heatmap)
        for name in figures:
            for central, unit_code in ((sari, "humas"), (ani, "kanreg-1")):
                with pytest.raises(Rejected) as refused:
                    central.command(name, commands.StatsQuery(units=[unit_code]))
                assert refused.value.code == NotPermitted.code, (name.name, unit_code)
        seen = sari.command(commands.stats_volumes, commands.StatsQuery(split="unit"))
        assert {(row.key, row.count) for row in seen} == {("kanreg-1", 1)}
        backlog = sari.command(commands.stats_backlog, commands.StatsQuery(units=["kanreg"]))
        assert sum(row.count for row in backlog) == 1
        service = sari.command(commands.stats_service, commands.StatsQuery())
        assert [(row.unit, row.officer, row.received) for row in service] == [("kanreg-1", None, 1)]
        with pytest.raises(Rejected) as recap_refused:  # the monthly recap: the same scope, through the server
            sari.command(commands.stats_recap, commands.RecapQuery(units=["humas"], month="2026-03"))
        assert recap_refused.value.code == NotPermitted.code
        recap = sari.command(commands.stats_recap, commands.RecapQuery(units=["kanreg"], month="2026-03"))
        assert recap.units == ("kanreg",) and {s.unit for s in recap.service} <= {"kanreg", "kanreg-1"}
        heat = sari.command(commands.stats_heatmap, commands.StatsQuery())  # rows rebuilt from the server's JSON
        assert [(row.channel, row.count) for row in heat] == [("email", 1)]
        own = ani.command(commands.stats_volumes, commands.StatsQuery(split="unit"))
        assert [(row.key, row.count) for row in own] == [("humas", 1)]  # not budi's two
    finally:
        sari.close()
        ani.close()
