"""``aduan channel add|list|overview|disable|enable|test|errors|retry|dismiss`` and
``aduan dispatch list|resend|confirm`` (admins), and ``aduan worker [--once]``."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from ..domain.entities import AccountHealth
from ..domain.errors import AduanError, BadInput, NotFound, NotPermitted, Unreachable
from ..domain.probe import Problem
from ..domain.vocabulary import Channel
from ..server import commands
from ..server.commands import Command
from .core import Cli, Commands, command, with_json

if TYPE_CHECKING:
    from sqlalchemy import Connection

log = logging.getLogger("aduan.worker")
# A failed connection test exits as the error behind it does (DESIGN's command line contract); another refusal 1.
TEST_FAILURES: dict[Problem, type[AduanError]] = {
    Problem.SETTINGS: BadInput,
    Problem.SECRET: BadInput,
    Problem.AUTH: NotPermitted,
    Problem.NOT_FOUND: NotFound,
    Problem.TLS: Unreachable,
    Problem.TIMEOUT: Unreachable,
    Problem.UNREACHABLE: Unreachable,
}
PRUNE_SECONDS = 3600.0  # range deletes beside the server's inserts: once an hour, not every round
# Channels the worker connects to (phone, walk-in and letters are taken in the app), and the web form: its
# account opens the unit's form on aduan server (/lapor).
POLLED_OR_PUSHED = (
    Channel.EMAIL,
    Channel.TELEGRAM,
    Channel.WHATSAPP,
    Channel.FACEBOOK,
    Channel.INSTAGRAM,
    Channel.X,
    Channel.LAPOR,
    Channel.SMS,
    Channel.WEB,
)


def register(top: Commands) -> None:
    channels = top.add_parser("channel", help="channel accounts").add_subparsers(dest="action", required=True)
    add = with_json(command(channels, "add", channel_add, "add a channel account (admins)"))
    add.add_argument("channel", choices=[c.value for c in POLLED_OR_PUSHED])
    add.add_argument("name")
    add.add_argument("--unit", required=True, help="code of the unit the account feeds")
    add.add_argument("--config", default="{}", help='settings as JSON, e.g. {"host": "imap.example.go.id"}')
    add.add_argument(
        "--secret-ref",
        help="the account's own slot on the worker: env (ADUAN_SECRET_<NAME>) or keyring (aduan-channel/<name>)",
    )
    with_json(command(channels, "list", channel_list, "every account with its health"))
    overview = with_json(
        command(
            channels,
            "overview",
            channel_overview,
            "every account's traffic today, citizens awaiting an answer and response times over 7 days",
        )
    )
    overview.add_argument(
        "--as-of", type=moment, help="the figures at this moment, UTC (2026-12-04T09:30); default: now"
    )
    for name, run, what in (
        ("disable", channel_disable, "stop polling an account and sending through it (admins; answers wait)"),
        ("enable", channel_enable, "poll an account and send through it again (admins)"),
    ):
        switched = with_json(command(channels, name, run, what))
        switched.add_argument("account_id", type=int, help="the account's number (aduan channel list)")
    tested = with_json(
        command(
            channels,
            "test",
            channel_test,
            "connect to the account's channel with its settings and secret, taking nothing in (admins; run it "
            "where the worker runs, with its environment)",
        )
    )
    tested.add_argument("account_id", type=int, help="the account's number (aduan channel list)")
    errors = with_json(command(channels, "errors", channel_errors, "messages that arrived but could not be stored"))
    errors.add_argument("--all", action="store_true", help="resolved ones too")
    retry = with_json(command(channels, "retry", channel_retry, "store a kept message again (after fixing the cause)"))
    retry.add_argument("error_id", type=int)
    dismiss = with_json(command(channels, "dismiss", channel_dismiss, "close a kept message without a ticket"))
    dismiss.add_argument("error_id", type=int)

    dispatch = top.add_parser("dispatch", help="answers the worker sends to citizens").add_subparsers(
        dest="action", required=True
    )
    listing = with_json(command(dispatch, "list", dispatch_list, "answers queued, being sent, failed or in doubt"))
    listing.add_argument("--state", choices=["queued", "sending", "failed", "in_doubt"], action="append")
    for name, handler, text in (
        ("resend", dispatch_resend, "send a failed or doubtful answer again"),
        ("confirm", dispatch_confirm, "confirm that a doubtful answer did reach the citizen"),
    ):
        with_json(command(dispatch, name, handler, text)).add_argument("outbound_id", type=UUID)

    worker = with_json(
        command(
            top,
            "worker",
            run_worker,
            "receive every channel account into tickets and send the answers",
            needs_database=True,
        )
    )
    worker.add_argument("--once", action="store_true", help="one round, then exit")
    worker.add_argument(
        "--config", metavar="FILE", help="the service's configuration file (TOML), shared with aduan server"
    )
    # Defaults of None: an option given beside --config is refused (server.service_config).
    worker.add_argument("--interval", type=float, help="seconds between rounds (default 30)")
    worker.add_argument(
        "--send-lease",
        type=float,
        help="seconds after which an answer a stopped worker was sending is recovered (default 300)",
    )


def channel_add(cli: Cli) -> None:
    a = cli.args
    request = commands.ChannelAdd(
        channel=Channel(a.channel), name=a.name, unit=a.unit, config=a.config, secret_ref=a.secret_ref
    )
    account_id = cli.call(commands.channel_add, request)
    cli.emit({"id": account_id}, f"channel account {account_id} ({a.channel}, {a.name}) added to {a.unit}")


def channel_list(cli: Cli) -> None:
    from ..channels.accounts import health_json

    found = cli.call(commands.channel_list, commands.Nothing())
    lines = [
        f"{h.id:>3} {h.channel.value:<9} {h.unit:<12} {h.name:<30} "
        f"{'off' if not h.enabled else (h.last_error or 'ok')} (backlog {h.backlog})"
        for h in found
    ]
    cli.emit([health_json(h) for h in found], "\n".join(lines) or "no channel accounts")


def moment(text: str) -> datetime:
    """A date and time: UTC without an offset; the command's request checks its range and turns it into UTC."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date and time: {text!r} (e.g. 2026-12-04T09:30)") from None


def channel_overview(cli: Cli) -> None:
    """One line per account; --json: the figures with stable keys (minutes for the response times)."""
    from ..channels.accounts import health_json

    found = cli.call(commands.channel_overview, commands.OverviewQuery(as_of=cli.args.as_of))
    rows = [
        {
            **health_json(f.health),
            "received_today": f.received_today,
            "sent_today": f.sent_today,
            "awaiting_answer": f.waiting,
            "answered_7_days": f.answered,
            "response_median_minutes": f.median_minutes,
            "response_p90_minutes": f.p90_minutes,
        }
        for f in found.accounts
    ]

    def minutes(value: float | None) -> str:
        return "-" if value is None else f"{value:g}"

    lines = [
        f"{f.health.id:>3} {f.health.channel.value:<9} {f.health.unit:<12} {f.health.name:<30} "
        f"in {f.received_today} out {f.sent_today} awaiting {f.waiting} "
        f"response {minutes(f.median_minutes)}/{minutes(f.p90_minutes)} min, failed {f.health.held}"
        for f in found.accounts
    ]
    head = f"today {found.day.isoformat()} ({found.timezone}), as of {found.as_of.isoformat(timespec='minutes')} UTC"
    data = {
        "as_of": found.as_of.isoformat() + "Z",
        "day": found.day.isoformat(),
        "timezone": found.timezone,
        "accounts": rows,
    }
    cli.emit(data, "\n".join([head, *lines]) if lines else "no channel accounts")


def _switch(cli: Cli, cmd: Command[commands.AccountId, AccountHealth]) -> None:
    from ..channels.accounts import health_json

    h = cli.call(cmd, commands.AccountId(account_id=cli.args.account_id))
    cli.emit(health_json(h), f"channel account {h.id} ({h.channel.value}, {h.name}) {'on' if h.enabled else 'off'}")


def channel_disable(cli: Cli) -> None:
    _switch(cli, commands.channel_disable)


def channel_enable(cli: Cli) -> None:
    _switch(cli, commands.channel_enable)


def channel_test(cli: Cli) -> None:
    """Exit 0 when the connection works; otherwise the exit code of what failed, as every command's: 2 the
    account's settings or its secret (not readable here), 5 a login or token refused or a mailbox or number
    that does not exist, 4 the channel's server unreachable (also TLS and timeouts), 1 another refusal."""
    result = cli.call(commands.channel_test, commands.AccountId(account_id=cli.args.account_id))
    data = {
        "id": result.account_id,
        "name": result.account,
        "channel": result.channel.value,
        "ok": result.ok,
        "problem": None if result.problem is None else result.problem.value,
        "message": result.message,
        "facts": dict(result.facts),
        "host": result.host,
        "run_instead": result.run_instead,
        "recorded": result.recorded,
        "seconds": round(result.seconds, 2),
    }
    said = f"channel account {result.account_id} ({result.channel.value}, {result.account}): "
    cli.emit(data, said + (f"ok: {result.message}" if result.ok else f"FAILED ({result.problem}): {result.message}"))
    if not result.ok:
        failure = TEST_FAILURES.get(result.problem, AduanError) if result.problem is not None else AduanError
        raise failure(f"the connection test of channel account {result.account_id} failed")


def channel_errors(cli: Cli) -> None:
    found = cli.call(commands.channel_errors, commands.ErrorList(all=cli.args.all))
    data = [
        {
            "id": e.id,
            "account": e.account_name,
            "channel": e.channel.value,
            "external_id": e.external_id,
            "summary": e.summary,
            "error": e.error,
            "attempts": e.attempts,
            "first_at": e.first_at.isoformat() + "Z",
            "last_at": e.last_at.isoformat() + "Z",
            "resolution": e.resolution,
        }
        for e in found
    ]
    lines = [f"{e.id:>4} {e.account_name:<24} {e.summary[:50]:<50} {e.resolution or e.error}" for e in found]
    cli.emit(data, "\n".join(lines) or "no intake errors")


def channel_retry(cli: Cli) -> None:
    received = cli.call(commands.channel_retry, commands.ErrorId(error_id=cli.args.error_id))
    what = "started" if received.new_ticket else "joined"
    cli.emit(
        {"ticket_id": str(received.ticket_id), "tracking_no": received.tracking_no, "new_ticket": received.new_ticket},
        f"intake error {cli.args.error_id} stored: {what} {received.tracking_no}",
    )


def channel_dismiss(cli: Cli) -> None:
    cli.call(commands.channel_dismiss, commands.ErrorId(error_id=cli.args.error_id))
    cli.emit({"id": cli.args.error_id, "resolution": "dismissed"}, f"intake error {cli.args.error_id} dismissed")


def dispatch_list(cli: Cli) -> None:
    found = cli.call(commands.dispatch_list, commands.DispatchList(states=cli.args.state))
    data = [
        {
            "id": str(r.id),
            "tracking_no": r.tracking_no,
            "channel": r.channel.value,
            "state": r.state,
            "attempts": r.attempts,
            "last_error": r.last_error,
            "created_at": r.created_at.isoformat() + "Z",
        }
        for r in found
    ]
    lines = [f"{r.id} {r.tracking_no} {r.channel.value:<9} {r.state:<9} {r.last_error or ''}" for r in found]
    cli.emit(data, "\n".join(lines) or "nothing waiting")


def dispatch_resend(cli: Cli) -> None:
    cli.call(commands.dispatch_resend, commands.OutboundId(outbound_id=cli.args.outbound_id))
    cli.emit({"id": str(cli.args.outbound_id), "state": "queued"}, f"{cli.args.outbound_id} queued to be sent again")


def dispatch_confirm(cli: Cli) -> None:
    cli.call(commands.dispatch_confirm, commands.OutboundId(outbound_id=cli.args.outbound_id))
    cli.emit({"id": str(cli.args.outbound_id), "state": "sent"}, f"{cli.args.outbound_id} confirmed as sent")


def run_worker(cli: Cli) -> None:
    """Rounds of polling, dispatch and the deadline sweep. Channels that push (WhatsApp) are not received
    here: their webhooks are routes of ``aduan server`` (``/v1/webhooks/whatsapp/<account>``)."""
    from ..server.config import DEFAULT_INTERVAL_SECONDS, DEFAULT_SEND_LEASE_SECONDS
    from ..server.logs import configure_logging
    from ..store.tls import require_tls_when_remote
    from .service import service_config

    args = cli.args
    config = service_config(cli, ("--interval", "--send-lease"))
    if config is not None:
        args.interval, args.send_lease = config.interval_seconds, config.send_lease_seconds
        configure_logging(config.log_format, config.log_level)
    else:
        args.interval = DEFAULT_INTERVAL_SECONDS if args.interval is None else args.interval
        args.send_lease = DEFAULT_SEND_LEASE_SECONDS if args.send_lease is None else args.send_lease
    require_tls_when_remote(cli.store.url, "aduan worker")  # before anything connects to the database
    _rounds(cli, timedelta(seconds=max(args.send_lease, 1.0)), logged=config is not None)


def prune_sign_in_records(conn: Connection) -> int:
    """Sessions that ended and sign-in attempts no throttle counts any more: kept a day, then deleted."""
    from ..store import accounts

    return accounts.prune_sessions(conn) + accounts.prune_sign_in_attempts(conn)


def _rounds(cli: Cli, lease: timedelta, logged: bool = False) -> None:
    """``logged`` (a service with --config): each round is a line of the service's log (stderr, text or
    JSON) instead of a report on stdout; ``--json`` still prints the report."""
    from ..channels.dispatch import dispatch_round
    from ..channels.meta.public_replies import post_public_replies
    from ..channels.sources import make_meta_graph, make_sender, make_source
    from ..channels.worker import run_round
    from ..store import self_service, sla
    from ..store.retention import apply_retention
    from ..store.work import begin

    next_pruning = time.monotonic()
    while True:
        try:
            intake = run_round(cli.store, make_source)
            sent = dispatch_round(cli.store, make_sender, lease)
            replies = post_public_replies(cli.store, make_meta_graph)
            swept = cli.store.admin(lambda conn: sla.sweep(begin(conn, None)))
            pruned, anonymised, purged = 0, 0, 0
            if time.monotonic() >= next_pruning:
                pruned = cli.store.admin(prune_sign_in_records)
                # Status self-service's counters of hours gone by and of requests no re-delivery can bring back.
                pruned += cli.store.admin(lambda conn: self_service.purge_counters(begin(conn, None)))
                # The units' retention periods (UU PDP) count in days: hourly is on time, and audited.
                retained = cli.store.admin(lambda conn: apply_retention(begin(conn, None)))
                anonymised, purged = retained.identities, retained.attachments
                next_pruning = time.monotonic() + PRUNE_SECONDS
        except Unreachable as exc:
            if cli.args.once:
                raise
            # The central database is away: nothing was lost (cursors and the outbox are saved as they go).
            if logged:
                log.warning("%s (retrying)", exc.message)
            else:
                print(f"aduan: {exc.message} (retrying)", file=sys.stderr, flush=True)
            time.sleep(max(cli.args.interval, 1.0))
            continue
        data = {
            "received": intake.received,
            "duplicates": intake.duplicates,
            "refused": intake.refused,
            "errors": intake.errors,
            "sent": sent.sent,
            "postponed": sent.postponed,
            "failed": sent.failed,
            "in_doubt": sent.in_doubt,
            "recovered": sent.recovered,
            "public_replies": replies.posted,
            "public_replies_failed": replies.failed,
            "public_replies_in_doubt": replies.in_doubt,
            "send_errors": sent.errors,
            "escalated": len(swept.escalated),
            "closed": len(swept.closed),
            "pruned": pruned,
            "identities_anonymised": anonymised,
            "attachments_purged": purged,
        }
        lines = [f"{name}: {n} new" for name, n in intake.received.items()]
        lines += [f"{name}: {n} kept as intake errors" for name, n in intake.refused.items() if n]
        lines += [f"{name}: {error}" for name, error in intake.errors.items()]
        lines.append(f"sent {sent.sent}, postponed {sent.postponed}, failed {sent.failed}, in doubt {sent.in_doubt}")
        lines += [f"{name}: {error}" for name, error in sent.errors.items()]
        if replies.posted or replies.failed or replies.in_doubt or replies.waiting:
            lines.append(
                f"public replies: posted {replies.posted}, failed {replies.failed}, waiting {replies.waiting}, "
                f"perhaps posted {replies.in_doubt}"
            )
        lines += [f"{name}: {error}" for name, error in replies.errors.items() if name not in sent.errors]
        if logged and not cli.args.json:
            # The report the worker prints without --config, as one log line with the counts as fields.
            log.info("round: %s", "; ".join(lines), extra={"round": data})
        else:
            cli.emit(data, "\n".join(lines))
        if cli.args.once:
            return
        time.sleep(max(cli.args.interval, 1.0))
