"""The command line for channels: ``channel add|list`` (admins) and ``worker [--once]``."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .domain.vocabulary import Channel

if TYPE_CHECKING:
    from .cli import Cli

Handler = Callable[["Cli"], None]


def add_commands(
    commands: Any,
    command: Callable[[Any, str, Handler, str], argparse.ArgumentParser],
    with_json: Callable[[argparse.ArgumentParser], argparse.ArgumentParser],
) -> None:
    channels = commands.add_parser("channel", help="channel accounts").add_subparsers(dest="action", required=True)
    add = with_json(command(channels, "add", channel_add, "add a channel account (admins)"))
    add.add_argument("channel", choices=[Channel.EMAIL.value, Channel.TELEGRAM.value])
    add.add_argument("name")
    add.add_argument("--unit", required=True, help="code of the unit the account feeds")
    add.add_argument("--config", default="{}", help='settings as JSON, e.g. {"host": "imap.example.go.id"}')
    add.add_argument("--secret-ref", help="where the worker finds the secret: env:NAME or keyring:SERVICE/USER")
    with_json(command(channels, "list", channel_list, "every account with its health"))
    worker = with_json(command(commands, "worker", run_worker, "poll every channel account into tickets"))
    worker.add_argument("--once", action="store_true", help="one round, then exit")
    worker.add_argument("--interval", type=float, default=30.0, help="seconds between rounds (default 30)")


def channel_add(cli: Cli) -> None:
    from .channels.accounts import add_account

    a = cli.args
    account_id = cli.store.admin(add_account, Channel(a.channel), a.name, a.unit, a.config, a.secret_ref)
    cli.emit({"id": account_id}, f"channel account {account_id} ({a.channel}, {a.name}) added to {a.unit}")


def channel_list(cli: Cli) -> None:
    from .channels.accounts import account_health, health_json

    found = cli.store.read(account_health)
    lines = [
        f"{h.id:>3} {h.channel.value:<9} {h.unit:<12} {h.name:<30} "
        f"{'off' if not h.enabled else (h.last_error or 'ok')} (backlog {h.backlog})"
        for h in found
    ]
    cli.emit([health_json(h) for h in found], "\n".join(lines) or "no channel accounts")


def run_worker(cli: Cli) -> None:
    from .channels.sources import make_source
    from .channels.worker import run_round

    while True:
        report = run_round(cli.store, make_source)
        data = {"received": report.received, "duplicates": report.duplicates, "errors": report.errors}
        lines = [f"{name}: {n} new" for name, n in report.received.items()]
        lines += [f"{name}: {error}" for name, error in report.errors.items()]
        cli.emit(data, "\n".join(lines) or "no enabled channel accounts")
        if cli.args.once:
            return
        time.sleep(max(cli.args.interval, 1.0))
