"""``aduan`` (``python main.py``): the window without a command, the command line with one.

The command line is a stable contract that scripts and checks depend on (README "Command line"); each group of
commands registers itself from its own module.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy.exc import StatementError

from .. import __version__
from ..domain.errors import AduanError, BadInput
from ..server.commands import refused_field
from . import (
    across_units,
    audit,
    canned,
    channels,
    client_policy,
    comments,
    db,
    diagnose,
    lapor,
    people,
    privacy,
    server,
    shares,
    sla,
    stats,
    sync,
    tickets,
)
from .core import EXIT_UNEXPECTED, Cli


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="aduan", description="Aduan: complaint handling for public-complaint units.")
    top.add_argument("--version", action="version", version=f"aduan {__version__}")
    top.add_argument(
        "--db",
        default=os.environ.get("ADUAN_DB"),
        help="central database URL (env ADUAN_DB; default: the embedded SQLite database)",
    )
    top.add_argument(
        "--server",
        default=os.environ.get("ADUAN_SERVER"),
        metavar="URL",
        help="the Aduan server officers work through (env ADUAN_SERVER), e.g. https://aduan.example.go.id:8443",
    )
    top.add_argument("--officer", default=os.environ.get("ADUAN_OFFICER"), help="acting officer's login")
    top.add_argument(
        "--cache",
        default=os.environ.get("ADUAN_CACHE"),
        metavar="PATH",
        help="local cache file (env ADUAN_CACHE): ticket commands work offline-first through it",
    )
    commands = top.add_subparsers(dest="area", metavar="COMMAND")
    db.register(commands)
    people.register(commands)
    sync.register(commands)
    sla.register(commands)
    stats.register(commands)
    ticket = tickets.register(commands)
    across_units.register(commands, ticket)
    audit.register(commands, ticket)
    shares.register(ticket)
    channels.register(commands)
    comments.register(commands)
    lapor.register(commands)
    server.register(commands)
    canned.register(commands)
    privacy.register(commands)
    client_policy.register(commands)
    diagnose.register(commands, _window_check)
    return top


def _window_check(url: str, officer: str, cache: Path) -> str:
    """`aduan diagnose --window`: the window opened and closed (Qt is imported here, as for the window)."""
    from ..ui.app import show_and_close

    return show_and_close(url, officer, cache)


def main(argv: Sequence[str] | None = None) -> int:
    command_line = parser()
    args = command_line.parse_args(argv)
    if getattr(args, "handler", None) is None:
        if args.area is None:
            from ..ui.app import run  # the window; imported here so the CLI never loads Qt

            return run(args.server or args.db, args.officer, args.cache)
        command_line.print_help()
        return 2
    cli: Cli | None = None
    try:
        if args.server and args.needs_database:
            words = (args.area, getattr(args, "group", None), getattr(args, "action", None))
            name = " ".join(str(word) for word in words if word)
            raise BadInput(f"`aduan {name}` does not work through the Aduan server yet: the owner runs it with --db")
        cli = Cli(args)
        args.handler(cli)
        return 0
    except (AduanError, ValidationError) as exc:
        refusal = refused_field(exc) if isinstance(exc, ValidationError) else exc
        print(f"aduan: {refusal.message}", file=sys.stderr)
        return refusal.exit_code
    except KeyboardInterrupt:
        return 130
    except StatementError as exc:  # its text holds the SQL statement and its parameters: personal data
        print(f"aduan: unexpected error: the database refused the command ({type(exc).__name__})", file=sys.stderr)
        return EXIT_UNEXPECTED
    except Exception as exc:  # the last line of defence prints, never hides
        print(f"aduan: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_UNEXPECTED
    finally:
        if cli is not None:
            cli.close()
