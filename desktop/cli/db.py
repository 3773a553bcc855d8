"""``aduan db upgrade|server-login`` and ``aduan demo``: the owner's work on the central database itself."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .core import Cli, Commands, command, with_json


def register(top: Commands) -> None:
    db = top.add_parser("db", help="central schema").add_subparsers(dest="action", required=True)
    with_json(command(db, "upgrade", db_upgrade, "create or migrate the central schema", needs_database=True))
    server_login = with_json(
        command(
            db,
            "server-login",
            db_server_login,
            "create or refresh the Aduan server's own database login",
            needs_database=True,
        )
    )
    server_login.add_argument("login", help="the login's name (one per database)")
    server_login.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin (default: generate)"
    )

    filling = with_json(
        command(top, "demo", demo, "fill an empty database with realistic demo data", needs_database=True)
    )
    filling.add_argument("--tickets", type=int, required=True)
    filling.add_argument("--seed", type=int, default=1)
    filling.add_argument(
        "--years",
        type=float,
        help="spread the reports over this many years, with the seasons of a complaint desk (weekdays, office "
        "hours, holidays, Lebaran); default: the last 120 days",
    )


def db_upgrade(cli: Cli) -> None:
    done = cli.store.upgrade_and_report()
    before, after, logins = done.before, done.after, done.logins
    lines = [f"schema at {after}" if before == after else f"schema upgraded from {before or 'empty'} to {after}"]
    data: dict[str, Any] = {"before": before, "after": after}
    if logins is not None:  # PostgreSQL and MariaDB
        data |= {
            "removed_officer_logins": len(logins.removed),
            "removed": list(logins.removed),
            "kept_officer_logins": list(logins.kept),
            "officer_role_dropped": logins.role_dropped,
            "server_role_refreshed": logins.server_role_refreshed,
        }
        count = len(logins.removed)
        lines.append(f"removed {count} officer database login{'' if count == 1 else 's'}")
        if logins.kept:
            lines.append(
                "kept (they hold privileges Aduan never gave; revoke the role aduan_officer or drop them "
                f"yourself): {', '.join(logins.kept)}"
            )
        if logins.role_dropped:
            lines.append("dropped the role aduan_officer (it holds grants on no database any more)")
        if logins.unchecked:
            data["unchecked"] = logins.unchecked
            lines.append(logins.unchecked)
    cli.emit(data, "\n".join(lines))


def db_server_login(cli: Cli) -> None:
    """The owner creates (or refreshes) the least-privilege login `aduan server` and `aduan worker` use."""
    from ..store import db_users

    made = cli.store.admin(db_users.create_server_login, cli.args.login, cli.password_from_stdin())
    data: dict[str, Any] = {"login": made.login, "role": made.role, "database": made.database}
    data |= {"created": made.created} | ({"password": made.password} if made.password else {})
    text = (
        f"server login {made.login} {'created' if made.created else 'refreshed'} for database {made.database} "
        f"(role {made.role}: read and write the tables, append to the audit log, no DDL)"
    )
    if made.password:
        text += f"\npassword for {made.login}, shown once: {made.password}"
    cli.emit(data, text)


def demo(cli: Cli) -> None:
    from ..demo import generator

    cli.store.upgrade()  # demo fills a new database: create the schema if it is not there yet
    counts = asdict(cli.store.admin(generator.fill, cli.args.tickets, cli.args.seed, years=cli.args.years))
    cli.emit(counts, ", ".join(f"{name}: {value:,}" for name, value in counts.items()))
