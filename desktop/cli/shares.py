"""``aduan ticket share ID LOGIN``, ``ticket unshare ID LOGIN``, ``ticket shares ID``: who reads a confidential
report beside its handling unit (``store/sharing.py``).

They run the commands of ``server/commands.py``: through the Aduan server as the signed-in officer, or on the
database directly (the embedded default, the owner's ``--db``). A share reaches the officer's cache at their
next sync; a revoked one leaves it then.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..server import commands
from ..store.sharing import Share
from .answers import iso
from .core import Cli, Commands, command, with_json


def register(ticket: Commands) -> None:
    """Add the sharing commands to the ``ticket`` group."""
    for name, handler, help_text in (
        ("share", ticket_share, "let an officer outside the handling unit read a confidential report"),
        ("unshare", ticket_unshare, "end a share of a confidential report"),
    ):
        sub: argparse.ArgumentParser = with_json(command(ticket, name, handler, help_text))
        sub.add_argument("ticket", help="ticket id or tracking number")
        sub.add_argument("login", help="the officer's login")
    with_json(command(ticket, "shares", ticket_shares, "whom a report is shared with")).add_argument("ticket")


def share_json(share: Share) -> dict[str, Any]:
    return {
        "ticket_id": str(share.ticket_id),
        "tracking_no": share.tracking_no,
        "officer": share.officer,
        "officer_name": share.officer_name,
        "shared_by": share.shared_by,
        "created_at": iso(share.created_at),
    }


def ticket_share(cli: Cli) -> None:
    done = cli.call(commands.ticket_share, commands.TicketShare(ticket=cli.args.ticket, login=cli.args.login))
    cli.emit(share_json(done), f"{done.tracking_no} is shared with {done.officer} ({done.officer_name})")


def ticket_unshare(cli: Cli) -> None:
    done = cli.call(commands.ticket_unshare, commands.TicketShare(ticket=cli.args.ticket, login=cli.args.login))
    cli.emit(share_json(done), f"{done.tracking_no} is no longer shared with {done.officer}")


def ticket_shares(cli: Cli) -> None:
    found = cli.call(commands.ticket_shares, commands.TicketShares(ticket=cli.args.ticket))
    lines = [
        f"{s.officer:<20} {s.officer_name:<30} by {s.shared_by or 'the owner'} at {iso(s.created_at)}" for s in found
    ]
    cli.emit([share_json(s) for s in found], "\n".join(lines) or "shared with nobody")
