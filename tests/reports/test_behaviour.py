"""The behaviour figures (desktop/reports/behaviour.py) on hand-made cases whose answers are counted by hand:
flows between units (transfers, returns as not this unit's authority, referrals), the reopen rate, returning
reporters, and the weekday × hour heat map (the one figure whose SQL differs per engine, so on all three).

No figure here depends on today: reports are received at fixed moments (``Work.prime``) and every figure is
asked for a fixed period."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

import pytest
from sqlalchemy import Connection
from uuid6 import uuid7

from desktop.domain.entities import Ticket
from desktop.domain.errors import NotPermitted
from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Kind
from desktop.reports import behaviour
from desktop.reports.behaviour import FlowRow, HeatRow, ReopenRow, ReturningRow
from desktop.reports.figures import StatsFilter, scope_for
from desktop.server import commands
from desktop.store import claims, disposition, handling, referrals, sla, tickets
from desktop.store.identity import load_actor
from desktop.store.service import Store
from desktop.store.work import Work, begin
from tests.reports.helpers import received_at, walk
from tests.store.helpers import Org, build_org

MARCH = StatsFilter(since=date(2025, 3, 1), until=date(2025, 3, 31))
T = TypeVar("T")
SQLITE = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def report(store: Store, at: datetime, unit_code: str = "humas", channel: Channel = Channel.EMAIL) -> UUID:
    return received_at(store, at, unit_code, channel=channel, anonymous=False, confidential=False).id


def token_of(store: Store, ticket_id: UUID) -> int:
    return int(store.write(claims.claim, ticket_id).claim.token)


def everything(org: Org, figure: object, wanted: StatsFilter = MARCH, login: str | None = None) -> list[object]:
    def read(conn: Connection) -> list[object]:
        actor = None if login is None else load_actor(conn, login)
        return figure(conn, scope_for(conn, actor, wanted))  # type: ignore[operator, no-any-return]

    return org.admin.read(read)


# -- flows -----------------------------------------------------------------------------------------------


@SQLITE
def test_flows_count_transfers_returns_and_referrals_by_sending_and_receiving_unit(org: Org) -> None:
    """A (humas, March): transferred to kanreg-1, which returns it as not its authority (back to humas, the
    sender), then transferred to kanreg; B (humas, March): referred to kanreg and to kanreg-1, transferred to
    kanreg-1; C (humas, February): transferred to kanreg, outside the period."""
    a = report(org.ani, datetime(2025, 3, 3, 2, 0))
    b = report(org.ani, datetime(2025, 3, 4, 2, 0))
    c = report(org.ani, datetime(2025, 2, 20, 2, 0))
    org.ani.write(handling.transfer, a, token_of(org.ani, a), "kanreg-1")
    org.rudi.write(disposition.return_for_disposition, a, token_of(org.rudi, a), "bukan urusan kami")
    org.ani.write(handling.transfer, a, token_of(org.ani, a), "kanreg")
    for unit_code in ("kanreg", "kanreg-1"):
        org.ani.write(referrals.refer, uuid7(), b, unit_code, "Mohon masukan")
    org.ani.write(handling.transfer, b, token_of(org.ani, b), "kanreg-1")
    org.ani.write(handling.transfer, c, token_of(org.ani, c), "kanreg")

    assert everything(org, behaviour.flows) == [
        FlowRow("transfer", "humas", "kanreg", 1),
        FlowRow("transfer", "humas", "kanreg-1", 2),
        FlowRow("not_ours", "kanreg-1", "humas", 1),
        FlowRow("referral", "humas", "kanreg", 1),
        FlowRow("referral", "humas", "kanreg-1", 1),
    ]
    every_time = everything(org, behaviour.flows, StatsFilter())
    assert FlowRow("transfer", "humas", "kanreg", 2) in every_time  # C counts without a period
    # The flows in or out of a unit: kanreg-1's, though A left it (a unit filter takes the flow's ends).
    assert everything(org, behaviour.flows, StatsFilter(MARCH.since, MARCH.until, ("kanreg-1",))) == [
        FlowRow("transfer", "humas", "kanreg-1", 2),
        FlowRow("not_ours", "kanreg-1", "humas", 1),
        FlowRow("referral", "humas", "kanreg-1", 1),
    ]
    # Sari (supervisor of kanreg and kanreg-1) gets the flows that touch her units: every one here does.
    assert everything(org, behaviour.flows, login="sari") == everything(org, behaviour.flows)
    # Rudi handled A only (he returned it): its flows, and only those touching kanreg-1.
    assert everything(org, behaviour.flows, login="rudi") == [
        FlowRow("transfer", "humas", "kanreg-1", 1),
        FlowRow("not_ours", "kanreg-1", "humas", 1),
    ]


# -- reopen rate -----------------------------------------------------------------------------------------


@SQLITE
def test_reopen_rate_counts_the_finished_reports_reopened_afterwards(org: Org) -> None:
    done = (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI)
    finished_once = report(org.ani, datetime(2025, 3, 3, 2, 0))
    walk(org.ani, finished_once, *done)
    reopened = report(org.ani, datetime(2025, 3, 4, 2, 0))
    walk(org.ani, reopened, *done, Status.DITINDAKLANJUTI, Status.SELESAI)  # reopened, finished again
    archived_after = report(org.ani, datetime(2025, 3, 5, 2, 0))
    walk(org.ani, archived_after, *done, Status.DIARSIPKAN, Status.DITERIMA)  # reopened from the archive
    never_finished = report(org.ani, datetime(2025, 3, 6, 2, 0))
    walk(org.ani, never_finished, Status.DIARSIPKAN, Status.DITERIMA)  # archived and back: never finished
    open_one = report(org.ani, datetime(2025, 3, 7, 2, 0))
    walk(org.ani, open_one, Status.DIVERIFIKASI)
    elsewhere = report(org.rudi, datetime(2025, 3, 8, 2, 0), "kanreg-1")
    walk(org.rudi, elsewhere, *done, Status.DITINDAKLANJUTI)
    before = report(org.ani, datetime(2025, 2, 8, 2, 0))  # outside the period
    walk(org.ani, before, *done, Status.DITINDAKLANJUTI)

    assert everything(org, behaviour.reopen_rate) == [
        ReopenRow("humas", 3, 2, 0.6667),
        ReopenRow("kanreg-1", 1, 1, 1.0),
        ReopenRow(None, 4, 3, 0.75),
    ]
    assert everything(org, behaviour.reopen_rate, StatsFilter(MARCH.since, MARCH.until, ("kanreg",))) == [
        ReopenRow("kanreg-1", 1, 1, 1.0),
        ReopenRow(None, 1, 1, 1.0),
    ]
    assert everything(org, behaviour.reopen_rate, StatsFilter(until=date(2025, 2, 28))) == [
        ReopenRow("humas", 1, 1, 1.0),
        ReopenRow(None, 1, 1, 1.0),
    ]
    assert everything(org, behaviour.reopen_rate, StatsFilter(since=date(2025, 4, 1))) == []


@SQLITE
def test_a_report_closed_by_the_sweep_is_finished(org: Org) -> None:
    """The reporter stayed silent: the sweep finishes it (``auto_close``); a status change reopens it."""
    silent = report(org.ani, datetime(2025, 3, 3, 2, 0))
    walk(org.ani, silent, Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.MENUNGGU_PELAPOR)

    def sweep_later(work: Work) -> list[str]:
        work.prime(datetime(2040, 1, 1), None)  # long past the waiting deadline, whenever the walk ran
        return sla.sweep(work).closed

    assert as_owner(org, sweep_later) == [tracking_no(org, silent)]
    assert everything(org, behaviour.reopen_rate) == [ReopenRow("humas", 1, 0, 0.0), ReopenRow(None, 1, 0, 0.0)]
    walk(org.ani, silent, Status.DITINDAKLANJUTI)
    assert everything(org, behaviour.reopen_rate)[-1] == ReopenRow(None, 1, 1, 1.0)


# -- returning reporters ---------------------------------------------------------------------------------


def as_owner(org: Org, task: Callable[[Work], T]) -> T:
    """``task`` as the owner's tools run it: no officer, every reporter in reach."""
    return org.admin.admin(lambda conn: task(begin(conn, None)))


def tracking_no(org: Org, ticket_id: UUID) -> str:
    return as_owner(org, lambda work: claims.read_ticket(work, ticket_id, visible_only=False).tracking_no)


def filed(
    org: Org, at: datetime, channel: Channel, contact: str | None = None, anonymous: bool = False, unit: str = "humas"
) -> Ticket:
    """A report by the reporter with ``contact`` on ``channel`` (the same contact: the same reporter)."""
    spec = tickets.NewTicket(
        unit=unit,
        kind=Kind.PENGADUAN,
        channel=channel,
        subject="Laporan warga",
        body="Mohon ditindaklanjuti.",
        reporter_name=None if contact is None or anonymous else f"Warga {contact}",
        reporter_contact=None if anonymous else contact,
        anonymous=anonymous,
    )

    def create(work: Work) -> Ticket:
        work.prime(at, None)
        return tickets.create_ticket(work, spec)

    return as_owner(org, create)


@SQLITE
def test_returning_reporters_filed_before_the_period_or_more_than_once_in_it(org: Org) -> None:
    """X e-mailed in February and in March (returning, filed before); Y e-mailed twice in March (returning);
    Z used the web form and V WhatsApp once each; one anonymous web report and one e-mail without any
    reporter are one-off reporters each; W wrote only in April."""
    march = datetime(2025, 3, 5, 3, 0)
    x = filed(org, datetime(2025, 2, 10, 3, 0), Channel.EMAIL, "x@warga.id").id
    assert filed(org, march, Channel.EMAIL, "x@warga.id").id != x
    filed(org, march.replace(day=6), Channel.EMAIL, "y@warga.id")
    filed(org, march.replace(day=20), Channel.EMAIL, "y@warga.id")
    filed(org, march.replace(day=7), Channel.WEB, "z@warga.id")
    filed(org, march.replace(day=8), Channel.WHATSAPP, "+6281200000001")
    filed(org, march.replace(day=9), Channel.WEB, anonymous=True)
    filed(org, march.replace(day=10), Channel.EMAIL)
    filed(org, datetime(2025, 4, 2, 3, 0), Channel.EMAIL, "w@warga.id")

    rows = everything(org, behaviour.returning_reporters)
    assert rows == [
        ReturningRow("email", 3, 2, 1, 1, 0.6667),
        ReturningRow("web", 2, 0, 0, 1, 0.0),
        ReturningRow("whatsapp", 1, 0, 0, 0, 0.0),
        ReturningRow(None, 6, 2, 1, 2, 0.3333),
    ]
    assert not any("warga" in str(v) or "Warga" in str(v) for r in rows for v in asdict(r).values())  # type: ignore[call-overload]
    # Without a beginning there is no "before": X's two reports make him returning, Y's too; W is one-off.
    whole = everything(org, behaviour.returning_reporters, StatsFilter())
    assert whole[-1] == ReturningRow(None, 7, 2, 0, 2, round(2 / 7, 4))
    # An e-mail filter: the reports of that channel only.
    emails = StatsFilter(MARCH.since, MARCH.until, channel=Channel.EMAIL.value)
    assert everything(org, behaviour.returning_reporters, emails) == [
        ReturningRow("email", 3, 2, 1, 1, 0.6667),
        ReturningRow(None, 3, 2, 1, 1, 0.6667),
    ]
    # Nobody filed: one line of zeros.
    assert everything(org, behaviour.returning_reporters, StatsFilter(since=date(2026, 1, 1))) == [
        ReturningRow(None, 0, 0, 0, 0, None)
    ]


@SQLITE
def test_an_earlier_report_counts_only_in_the_askers_units(org: Org) -> None:
    """A reporter wrote to kanreg-1 in February and to humas in March: for the agency she came back; for
    humas, which never heard from her before, she is new."""
    first = filed(org, datetime(2025, 2, 10, 3, 0), Channel.EMAIL, "r@warga.id", unit="kanreg-1")
    again = filed(org, datetime(2025, 3, 10, 3, 0), Channel.EMAIL, "r@warga.id", unit="humas")
    assert first.id != again.id
    assert everything(org, behaviour.returning_reporters)[-1] == ReturningRow(None, 1, 1, 1, 0, 1.0)
    humas = StatsFilter(MARCH.since, MARCH.until, ("humas",))
    assert everything(org, behaviour.returning_reporters, humas) == [
        ReturningRow("email", 1, 0, 0, 0, 0.0),
        ReturningRow(None, 1, 0, 0, 0, 0.0),
    ]
    # Ani (officer of humas) asks for her own figures: she did not handle the March report.
    assert everything(org, behaviour.returning_reporters, MARCH, login="ani") == [ReturningRow(None, 0, 0, 0, 0, None)]


# -- heat map (SQL per engine) ---------------------------------------------------------------------------


def test_heatmap_counts_by_local_weekday_and_hour_on_every_engine(org: Org) -> None:
    """WIB (UTC+7) for the agency: Sunday 17.10 UTC is Monday 00.10; Saturday 16.59 UTC is Saturday 23.59
    and 17.00 is Sunday 00.00. A unit on Amsterdam time (summer +2, winter +1) is counted in Python."""
    for at, channel in (
        (datetime(2025, 3, 2, 17, 10), Channel.EMAIL),
        (datetime(2025, 3, 3, 1, 30), Channel.EMAIL),
        (datetime(2025, 3, 10, 1, 45), Channel.EMAIL),
        (datetime(2025, 3, 8, 16, 59), Channel.WEB),
        (datetime(2025, 3, 8, 17, 0), Channel.WEB),
        (datetime(2025, 4, 8, 17, 0), Channel.WEB),  # April: outside the period
    ):
        report(org.ani, at, "humas", channel)
    assert everything(org, behaviour.heatmap) == [
        HeatRow("email", 0, 0, 1),
        HeatRow("email", 0, 8, 2),
        HeatRow("web", 5, 23, 1),
        HeatRow("web", 6, 0, 1),
    ]
    as_owner(org, lambda work: sla.set_calendar(work, "kanreg", "Europe/Amsterdam", 540, 1020, frozenset({5, 6})))
    report(org.sari, datetime(2025, 7, 1, 22, 30), "kanreg", Channel.LAPOR)  # Wednesday 00.30 CEST
    report(org.rudi, datetime(2025, 1, 6, 23, 30), "kanreg-1", Channel.LAPOR)  # Tuesday 00.30 CET
    assert everything(org, behaviour.heatmap, StatsFilter(units=("kanreg",))) == [
        HeatRow("lapor", 1, 0, 1),
        HeatRow("lapor", 2, 0, 1),
    ]
    # The same two on the agency's WIB: Wednesday 05.30 and Tuesday 06.30.
    assert everything(org, behaviour.heatmap, StatsFilter(channel=Channel.LAPOR.value)) == [
        HeatRow("lapor", 1, 6, 1),
        HeatRow("lapor", 2, 5, 1),
    ]


# -- the commands: scope and refusals --------------------------------------------------------------------

BEHAVIOUR_COMMANDS: tuple[commands.Command[Any, Any], ...] = (
    commands.stats_flows,
    commands.stats_reopen,
    commands.stats_returning,
    commands.stats_heatmap,
)


@SQLITE
def test_the_commands_refuse_another_units_figures_and_narrow_to_the_askers_own(org: Org) -> None:
    report(org.ani, datetime(2025, 3, 3, 2, 0), "humas", Channel.EMAIL)
    report(org.budi, datetime(2025, 3, 3, 3, 0), "humas", Channel.EMAIL)
    report(org.rudi, datetime(2025, 3, 4, 2, 0), "kanreg-1", Channel.WEB)
    for cmd in BEHAVIOUR_COMMANDS:
        for store, unit_code in ((org.sari, "humas"), (org.ani, "kanreg-1"), (org.rudi, "kanreg")):
            with pytest.raises(NotPermitted):
                commands.run_direct(cmd, store, store.actor(), commands.StatsQuery(units=[unit_code]))
    heat = commands.run_direct(commands.stats_heatmap, org.sari, org.sari.actor(), commands.StatsQuery())
    assert heat == [HeatRow("web", 1, 9, 1)]  # kanreg-1's only
    own = commands.run_direct(commands.stats_returning, org.ani, org.ani.actor(), commands.StatsQuery())
    assert own == [ReturningRow("email", 1, 0, 0, 1, 0.0), ReturningRow(None, 1, 0, 0, 1, 0.0)]  # no reporter
    assert commands.run_direct(commands.stats_heatmap, org.ani, org.ani.actor(), commands.StatsQuery()) == [
        HeatRow("email", 0, 9, 1)  # hers, not budi's
    ]
    by_owner = commands.run_direct(commands.stats_heatmap, org.admin, None, commands.StatsQuery(units=["humas"]))
    assert sum(r.count for r in by_owner) == 2
