"""The command line: a stable contract that scripts and checks depend on (see README "Command line").

Exit codes: 0 done; 2 bad usage or input; 3 conflict (held by another officer, or the claim was lost);
4 central database unreachable; 5 not found or not permitted; 1 anything unexpected.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from pydantic import ValidationError

from . import __version__
from .cli_across_units import add_commands as add_across_units_commands
from .cli_channels import add_commands as add_channel_commands
from .cli_lapor import add_commands as add_lapor_commands
from .cli_server import THROUGH_SERVER
from .cli_server import add_commands as add_server_commands
from .domain.canned import CannedTemplate
from .domain.entities import Officer, Ticket, TicketDetail, Unit
from .domain.errors import AduanError, BadInput, Conflict, NotFound, Rejected, SchemaMismatch, Unreachable
from .domain.operations import Op
from .domain.status import Status
from .domain.text import decode_utf8
from .domain.vocabulary import Channel, Kind, Priority, Role
from .server import commands
from .server.commands import Command, run_direct
from .store import claims, handling, tickets
from .store.identity import Actor
from .store.service import Store

if TYPE_CHECKING:
    from .cache.database import Cache
    from .desk.operations import Desk
    from .sync.engine import SyncEngine, SyncReport

EXIT_UNEXPECTED = 1
PICK_ATTEMPTS = 3  # ``ticket next`` through the server: tries with the same op id before it says so


T = TypeVar("T")


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds") + "Z"


def ticket_json(t: Ticket) -> dict[str, Any]:
    """The stable keys of a ticket in ``--json`` output."""
    return {
        "id": str(t.id),
        "tracking_no": t.tracking_no,
        "status": t.status.value,
        "kind": t.kind.value,
        "channel": t.channel.value,
        "priority": int(t.priority),
        "category": t.category,
        "unit": t.unit,
        "subject": t.subject,
        "reporter": None
        if t.reporter is None
        else {"name": t.reporter.name, "anonymous": t.reporter.anonymous, "confidential": t.reporter.confidential},
        "holder": t.claim.holder,
        "claim_token": t.claim.token,
        "claim_expires_at": iso(t.claim.expires_at),
        "first_response_due_at": iso(t.first_response_due_at),
        "due_at": iso(t.due_at),
        "master_id": str(t.master_id) if t.master_id else None,
        "row_version": t.row_version,
        "created_at": iso(t.created_at),
        "updated_at": iso(t.updated_at),
    }


def detail_json(d: TicketDetail) -> dict[str, Any]:
    return {
        **ticket_json(d.ticket),
        "messages": [
            {
                "id": str(m.id),
                "direction": m.direction.value,
                "channel": m.channel.value,
                "author": m.author,
                "text": m.body_text,
                "created_at": iso(m.created_at),
            }
            for m in d.messages
        ],
        "notes": [
            {
                "id": str(n.id),
                "author": n.author,
                "text": n.body,
                "mentions": list(n.mentions),
                "added_offline": n.added_offline,
                "created_at": iso(n.created_at),
            }
            for n in d.notes
        ],
        "events": [
            {
                "action": e.action,
                "officer": e.officer,
                "claim_token": e.claim_token,
                "detail": e.detail,
                "created_at": iso(e.created_at),
            }
            for e in d.events
        ],
    }


def officer_json(o: Officer) -> dict[str, Any]:
    return {"login": o.login, "name": o.name, "role": o.role.value, "units": list(o.unit_codes), "active": o.active}


def unit_json(u: Unit) -> dict[str, Any]:
    return {"code": u.code, "name": u.name, "parent_id": u.parent_id, "lease_seconds": u.lease_seconds}


def canned_json(t: CannedTemplate) -> dict[str, Any]:
    """The stable keys of one version of a canned response in ``--json`` output."""
    return {
        "key": t.key,
        "version": t.version,
        "unit": t.unit_code,  # None: global
        "title": t.title,
        "text": t.body,
        "active": t.active,
        "author": t.author,
        "created_at": iso(t.created_at),
    }


def canned_line(t: CannedTemplate) -> str:
    state = "active" if t.active else "retired"
    return f"{t.key:<28} v{t.version:<4} {t.unit_code or 'global':<12} {state:<8} {t.title}"


def ticket_line(t: Ticket) -> str:
    holder = f"held by {t.claim.holder} until {iso(t.claim.expires_at)}" if t.claim.holder else "unclaimed"
    return f"{t.tracking_no}  {t.status.value:<17} {t.unit:<12} {holder:<48} {t.subject}"


class Cli:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        if args.server and args.db:
            raise BadInput("give --server (an officer through the Aduan server) or --db (the owner), not both")
        self._store: Store | None = None
        self._cache: Cache | None = None

    @property
    def store(self) -> Store:
        """The central database, for the embedded default and the owner (``--db``)."""
        if self.args.server:
            raise BadInput("this command needs the database itself (--db): through the server it is not available")
        if self._store is None:
            self._store = Store(self.args.db, officer=self.args.officer)
        return self._store

    def server_address(self) -> str:
        if not self.args.server:
            raise BadInput("name the Aduan server: --server URL or ADUAN_SERVER")
        return str(self.args.server)

    def close(self) -> None:
        if self._store is not None:
            self._store.dispose()
        if self._cache is not None:
            self._cache.dispose()

    # -- the local cache (offline-first with --cache or --server, and `aduan sync`) --------------------------

    @property
    def offline_first(self) -> bool:
        """Through the server every ticket command goes through the cache: queued, then pushed."""
        return self.args.cache is not None or bool(self.args.server)

    def cache(self) -> Cache:
        if self._cache is None:
            from .cache.database import Cache, default_cache_path
            from .sync.central import central_identity

            if self.args.server:
                from .settings import aduan_server_address

                identity = aduan_server_address(self.server_address())
                officer = self.args.officer or ""
                if not officer:
                    raise BadInput("name the officer: --officer LOGIN or ADUAN_OFFICER")
            else:
                identity = central_identity(self.store.url)
                officer = self.args.officer or self.store.engine.url.username or "embedded"
            self._cache = Cache(self.args.cache or default_cache_path(identity, officer))
            self._cache.bind(identity)
        return self._cache

    def sync_engine(self) -> SyncEngine:
        from .cli_server import signed_in_central
        from .sync.engine import SyncEngine

        if self.args.server:
            return SyncEngine(self.cache(), signed_in_central(self.server_address(), self.args.officer or ""))
        return SyncEngine(self.cache(), self.store)

    def queue(self, act: Callable[[Desk], Op], done: Callable[[dict[str, Any]], str]) -> None:
        """Queue an operation in the cache, then try to push it: "queued" (exit 0) when the central
        database cannot be reached, its outcome when it can."""
        from .cache.state import get_state
        from .desk.operations import Desk
        from .sync.engine import outcome_of

        if getattr(self.args, "token", None) is not None:
            raise BadInput("--token is not used with --cache: the cache knows your claims")
        engine = self.sync_engine()
        with self.cache().read() as conn:
            empty = get_state(conn, "cursor") is None
        if empty:  # nothing to work on yet: fetch the officer's tickets first
            try:
                engine.sync()
            except Unreachable as exc:
                raise Unreachable(f"{exc.message}; the local cache is still empty: sync once while online") from None
        op = act(Desk(self.cache()))
        try:
            engine.sync()
        except SchemaMismatch as exc:
            raise SchemaMismatch(f"{exc.message}; the {op.kind.value} stays queued in the outbox") from None
        except Unreachable:
            pass
        outcome = outcome_of(self.cache(), op.op_id)
        ticket_ref = None if op.ticket_id is None else str(op.ticket_id)  # None: a referral's answer
        if outcome is None:
            self.emit(
                {"op_id": str(op.op_id), "ticket_id": ticket_ref, "state": "queued"},
                f"queued: {op.kind.value} (the central database is unreachable; `aduan sync` sends it)",
            )
            return
        if not outcome.accepted:
            verb = "handed over to the current holder" if outcome.state.value == "handed_over" else "rejected"
            raise Rejected(outcome.code, f"{op.kind.value} {verb}: {outcome.message}")
        result = {"op_id": str(op.op_id), "ticket_id": ticket_ref, "state": "applied"}
        result.update(outcome.result)
        self.emit(result, done(result))

    # -- synchronisation --------------------------------------------------------------------------------

    def sync(self) -> None:
        engine = self.sync_engine()
        if not self.args.watch:
            self.emit_sync(engine.sync())
            return
        engine.watch(interval=self.args.interval, rounds=self.args.rounds, report=self.emit_round)

    def emit_round(self, result: SyncReport | AduanError) -> None:
        if isinstance(result, AduanError):
            print(f"aduan: {result.message} (retrying)", file=sys.stderr, flush=True)
        else:
            self.emit_sync(result)
        sys.stdout.flush()

    def emit_sync(self, report: SyncReport) -> None:
        pushed, pulled = report.push, report.pull
        data = {
            "pushed": {"applied": pushed.applied, "rejected": pushed.rejected, "handed_over": pushed.handed_over},
            "pulled": pulled.rows,
            "removed": pulled.removed,
            "snapshot": pulled.initial or pulled.resnapshot,
            "renewed": report.renewed,
            "pending": report.pending,
        }
        rows = ", ".join(f"{name} {n:,}" for name, n in sorted(pulled.rows.items())) or "nothing new"
        text = (
            f"pushed: {pushed.applied} applied, {pushed.rejected} rejected, {pushed.handed_over} handed over; "
            f"pulled: {rows}; removed {pulled.removed}; pending {report.pending}"
        )
        if self.args.json and self.args.watch:
            print(json.dumps(data, ensure_ascii=False))
        else:
            self.emit(data, text)

    def outbox(self) -> None:
        from .cache.outbox import ops_needing_attention, pending_ops
        from .views.attention import handed_to_me

        with self.cache().read() as conn:
            rows = [("pending", row) for row in pending_ops(conn)] + [
                ("attention", row) for row in ops_needing_attention(conn)
            ]
            handed = handed_to_me(conn)
        data = [
            {
                "op_id": str(row.op_id),
                "kind": row.kind,
                "ticket_id": None if row.ticket_id is None else str(row.ticket_id),
                "state": row.state,
                "offline": bool(row.offline),
                "attempts": row.attempts,
                "outcome": json.loads(row.outcome) if row.outcome else None,
                "created_at": iso(row.created_at),
            }
            for _, row in rows
        ]
        lines = [
            f"{row.state:<12} {row.kind:<17} {row.ticket_id or '-'}  "
            + (json.loads(row.outcome).get("message") or "" if row.outcome else f"attempts {row.attempts}")
            for _, row in rows
        ]
        # Work colleagues could not do on tickets I hold (or, held by nobody, in my units): mine to take over.
        data += [
            {
                "handover_id": str(item.ref),
                "kind": item.op_kind.value if item.op_kind else None,
                "ticket_id": str(item.ticket_id),
                "state": "handed_to_you",
                "from": item.other_officer,
                "payload": item.payload,
                "created_at": iso(item.created_at),
            }
            for item in handed
        ]
        lines += [
            f"{'for you':<12} {item.op_kind.value if item.op_kind else '-':<17} {item.tracking_no or item.ticket_id}  "
            f"from {item.other_officer}"
            for item in handed
        ]
        self.emit(data, "\n".join(lines) or "the outbox is empty")

    def emit(self, data: Any, text: str) -> None:
        print(json.dumps(data, ensure_ascii=False, indent=2) if self.args.json else text)

    def ticket_id(self) -> UUID:
        return self.store.read(tickets.resolve_ticket_id, self.args.ticket)

    def token(self, ticket_id: UUID) -> int:
        """The claim token to fence with: the one given, or that of the officer's current claim."""
        given: int | None = self.args.token
        return given if given is not None else self.store.view(claims.held_token, ticket_id)

    def holder_token(self, ticket_id: UUID) -> int | None:
        """For work anyone may do (notes): the token if the officer holds the claim, so it renews."""
        try:
            return self.token(ticket_id)
        except Conflict:
            return None

    def text(self) -> str:
        if self.args.text_file is not None:
            path = self.args.text_file
            try:
                data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
            except OSError as exc:
                raise BadInput(f"cannot read {path}: {exc.strerror}") from None
            return decode_utf8(data, "stdin" if path == "-" else path)
        assert self.args.text is not None
        return str(self.args.text)

    # -- database and organisation -------------------------------------------------------------------

    def db_upgrade(self) -> None:
        done = self.store.upgrade_and_report()
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
        self.emit(data, "\n".join(lines))

    def db_server_login(self) -> None:
        """The owner creates (or refreshes) the least-privilege login `aduan server` and `aduan worker` use."""
        from .store import db_users

        made = self.store.admin(db_users.create_server_login, self.args.login, self.password_from_stdin())
        data: dict[str, Any] = {"login": made.login, "role": made.role, "database": made.database}
        data |= {"created": made.created} | ({"password": made.password} if made.password else {})
        text = (
            f"server login {made.login} {'created' if made.created else 'refreshed'} for database {made.database} "
            f"(role {made.role}: read and write the tables, append to the audit log, no DDL)"
        )
        if made.password:
            text += f"\npassword for {made.login}, shown once: {made.password}"
        self.emit(data, text)

    def demo(self) -> None:
        from .demo import generator as demo

        self.store.upgrade()  # demo fills a new database: create the schema if it is not there yet
        counts = asdict(self.store.admin(demo.fill, self.args.tickets, self.args.seed))
        self.emit(counts, ", ".join(f"{name}: {value:,}" for name, value in counts.items()))

    def call(self, cmd: Command[Any, T], request: Any) -> T:
        """Run a command: through the server as the signed-in officer, or on the database directly as the
        officer named (authorized the same way) or, with none, as the installation's owner."""
        if self.args.server:
            from .cli_server import signed_in_central

            central = signed_in_central(self.server_address(), self.args.officer or "")
            try:
                return central.command(cmd, request)
            finally:
                central.close()
        return run_direct(cmd, self.store, self.direct_actor(), request)

    def direct_actor(self) -> Actor | None:
        """The officer named; None for the installation owner (no officer named, and the connection's login
        is no officer's)."""
        if self.args.officer is None:
            try:
                return self.store.actor()
            except BadInput:
                return None
        return self.store.actor()

    def unit_add(self) -> None:
        lease = None if self.args.lease_hours is None else int(self.args.lease_hours * 3600)
        a = self.args
        request = commands.UnitAdd(code=a.code, name=a.name, parent=a.parent, lease_seconds=lease)
        added = self.call(commands.unit_add, request)
        self.emit(unit_json(added), f"unit {added.code} added")

    def unit_list(self) -> None:
        units = self.call(commands.unit_list, commands.Nothing())
        self.emit([unit_json(u) for u in units], "\n".join(f"{u.code:<14} {u.name}" for u in units))

    def password_from_stdin(self) -> str | None:
        password = sys.stdin.readline().rstrip("\n") if self.args.password_stdin else None
        if self.args.password_stdin and not password:
            raise BadInput("--password-stdin given but no password on standard input")
        return password

    def officer_add(self) -> None:
        a = self.args
        request = commands.OfficerAdd(
            login=a.login, name=a.name, units=a.unit, role=Role(a.role), password=self.password_from_stdin()
        )
        added = self.call(commands.officer_add, request)
        officer, generated = added.officer, added.password
        data = officer_json(officer) | ({"password": generated} if generated else {})
        text = f"officer {officer.login} added ({officer.role.value}; units {', '.join(officer.unit_codes)})"
        if generated:
            text += f"\npassword for the Aduan server for {officer.login}, shown once: {generated}"
        self.emit(data, text)

    def officer_reset_password(self) -> None:
        """An admin sets an officer's password for `aduan server` (generated unless read from stdin); every
        session of the officer ends."""
        login = self.args.login
        request = commands.OfficerPassword(login=login, password=self.password_from_stdin())
        generated = self.call(commands.officer_reset_password, request)
        data: dict[str, Any] = {"login": login} | ({"password": generated} if generated else {})
        text = f"server password of {login} reset; their sessions ended"
        if generated:
            text += f"\npassword for {login}, shown once: {generated}"
        self.emit(data, text)

    def officer_set_active(self, cmd: Command[commands.OfficerLogin, commands.OfficerState]) -> None:
        changed = self.call(cmd, commands.OfficerLogin(login=self.args.login))
        officer, ended = changed.officer, changed.sessions_ended
        text = f"officer {officer.login} {'enabled' if officer.active else 'disabled'}"
        if not officer.active:
            text += f" ({ended} session{'' if ended == 1 else 's'} ended)"
        self.emit(officer_json(officer) | {"sessions_ended": ended}, text)

    def officer_disable(self) -> None:
        self.officer_set_active(commands.officer_disable)

    def officer_enable(self) -> None:
        self.officer_set_active(commands.officer_enable)

    def officer_list(self) -> None:
        officers = self.call(commands.officer_list, commands.Nothing())
        self.emit(
            [officer_json(o) for o in officers],
            "\n".join(f"{o.login:<24} {o.role.value:<11} {','.join(o.unit_codes):<20} {o.name}" for o in officers),
        )

    # -- service levels -------------------------------------------------------------------------------

    def sla_sweep(self) -> None:
        done = self.call(commands.sla_sweep, commands.Nothing())
        lines = [f"escalated {no} ({clock})" for no, clock in done.escalated]
        lines += [f"closed {no}: the reporter did not answer in time" for no in done.closed]
        self.emit(
            {"escalated": [{"tracking_no": n, "clock": c} for n, c in done.escalated], "closed": done.closed},
            "\n".join(lines) or "nothing due",
        )

    def sla_policy_set(self) -> None:
        a = self.args
        request = commands.PolicySet(
            unit=a.unit,
            kind=Kind(a.kind) if a.kind else None,
            category=a.category,
            priority=a.priority,
            verify=a.verify,
            follow_up=a.follow_up,
            reporter_wait=a.reporter_wait,
            resolution=a.resolution,
            warn_percent=a.warn_percent,
            restart_on_transfer=a.restart_on_transfer,
        )
        policy_id = self.call(commands.sla_policy_set, request)
        self.emit({"id": policy_id}, f"service-level policy {policy_id} saved")

    def sla_policy_list(self) -> None:
        from .store import sla

        rows = self.call(commands.sla_policy_list, commands.Nothing())
        self.emit(rows, "\n".join(sla.policy_line(r) for r in rows) or "no policies: SP4N-LAPOR! defaults apply")

    def sla_policy_remove(self) -> None:
        self.call(commands.sla_policy_remove, commands.PolicyId(id=self.args.id))
        self.emit({"id": self.args.id}, f"service-level policy {self.args.id} removed")

    def sla_calendar_set(self) -> None:
        a = self.args
        request = commands.CalendarSet(
            unit=a.unit,
            timezone=a.timezone,
            hours=a.hours,
            weekend=a.weekend,
            national_holidays=not a.no_national_holidays,
        )
        calendar_id = self.call(commands.sla_calendar_set, request)
        self.emit({"id": calendar_id}, f"working calendar of {a.unit or 'every unit'} saved")

    def sla_day_off(self) -> None:
        a = self.args
        try:
            day = date.fromisoformat(a.day)
        except ValueError:
            raise BadInput(f"{a.day!r} is not a date: write it as YYYY-MM-DD") from None
        name = a.name if a.action == "add" else None
        self.call(commands.sla_day_off, commands.DayOff(day=day, name=name, unit=a.unit))
        said = "is a day off" if name else "is worked"
        self.emit({"day": day.isoformat(), "name": name}, f"{day.isoformat()} {said}")

    # -- canned responses ---------------------------------------------------------------------------

    def canned_list(self) -> None:
        found = self.call(commands.canned_list, commands.CannedList(all=self.args.all))
        self.emit([canned_json(t) for t in found], "\n".join(canned_line(t) for t in found) or "no canned responses")

    def canned_show(self) -> None:
        versions = self.call(commands.canned_show, commands.CannedKey(key=self.args.key))
        newest = versions[-1]
        lines = [canned_line(newest)]
        for v in reversed(versions):
            lines.append(f"  v{v.version} {iso(v.created_at)} {v.author or 'admin'}: {v.title}")
            lines += [f"    {line}" for line in v.body.splitlines()]
        data = {
            "key": newest.key,
            "unit": newest.unit_code,
            "active": newest.active,
            "version": newest.version,
            "versions": [canned_json(v) for v in versions],
        }
        self.emit(data, "\n".join(lines))

    def canned_add(self) -> None:
        key = self.args.key
        request = commands.CannedAdd(key=key, title=self.args.title, text=self.text(), unit=self.args.unit)
        version = self.call(commands.canned_add, request)
        self.emit({"key": key, "version": version}, f"canned response {key} added (version {version})")

    def canned_edit(self) -> None:
        key = self.args.key
        version = self.call(commands.canned_edit, commands.CannedEdit(key=key, title=self.args.title, text=self.text()))
        self.emit({"key": key, "version": version}, f"canned response {key} is now version {version}")

    def canned_retire(self) -> None:
        self.canned_set_active(commands.canned_retire)

    def canned_restore(self) -> None:
        self.canned_set_active(commands.canned_restore)

    def canned_set_active(self, cmd: Command[commands.CannedKey, CannedTemplate]) -> None:
        newest = self.call(cmd, commands.CannedKey(key=self.args.key))
        state = "restored: offered again" if newest.active else "retired: no longer offered"
        self.emit(canned_json(newest), f"canned response {newest.key} (version {newest.version}) {state}")

    # -- tickets --------------------------------------------------------------------------------------

    def ticket_list(self) -> None:
        status = Status(self.args.status) if self.args.status else None
        if self.offline_first:
            from .views import tickets as views

            with self.cache().read() as conn:
                found = views.list_tickets(conn, status, self.args.unit, self.args.mine, self.args.limit)
            self.emit([ticket_json(t) for t in found], "\n".join(ticket_line(t) for t in found) or "no tickets")
            return
        found = self.store.read(
            tickets.list_tickets, self.store.actor(), status, self.args.unit, self.args.mine, self.args.limit
        )
        self.emit([ticket_json(t) for t in found], "\n".join(ticket_line(t) for t in found) or "no tickets")

    def ticket_show(self) -> None:
        queued: frozenset[UUID] = frozenset()
        if self.offline_first:
            from .desk import operations as desk
            from .views import tickets as views

            with self.cache().read() as conn:
                cached = views.ticket_detail(conn, desk.resolve(conn, self.args.ticket))
            detail, queued = cached.detail, cached.queued
        else:
            detail = self.store.view(tickets.ticket_detail, self.ticket_id())
        lines = [ticket_line(detail.ticket)]
        mark = {True: " (queued)", False: ""}
        lines += [
            f"  [{m.direction.value}] {iso(m.created_at)} {m.author or ''}{mark[m.id in queued]}: {m.body_text}"
            for m in detail.messages
        ]
        lines += [f"  [note] {iso(n.created_at)} {n.author}{mark[n.id in queued]}: {n.body}" for n in detail.notes]
        data = detail_json(detail)
        for entry in (*data["messages"], *data["notes"]):
            entry["queued"] = UUID(entry["id"]) in queued
        self.emit(data, "\n".join(lines))

    def ticket_create(self) -> None:
        new = tickets.NewTicket(
            unit=self.args.unit,
            kind=Kind(self.args.kind),
            channel=Channel(self.args.channel),
            subject=self.args.subject,
            body=self.text(),
            priority=Priority.parse(self.args.priority),
            category=self.args.category,
            reporter_name=self.args.reporter,
            reporter_contact=self.args.contact,
            anonymous=self.args.anonymous,
            confidential=self.args.confidential,
        )
        if self.offline_first:
            self.queue(
                lambda desk: desk.create(
                    new.unit,
                    new.kind,
                    new.channel,
                    new.subject,
                    new.body,
                    new.priority,
                    new.category,
                    new.reporter_name,
                    new.reporter_contact,
                    new.anonymous,
                    new.confidential,
                ),
                lambda r: f"created {r['tracking_no']} ({r['ticket_id']})",
            )
            return
        created = self.store.write(tickets.create_ticket, new)
        self.emit(ticket_json(created), f"created {created.tracking_no} ({created.id})")

    def ticket_claim(self) -> None:
        if self.offline_first:
            self.queue(
                lambda desk: desk.claim(self.args.ticket),
                lambda r: f"claimed {r['tracking_no']} until {r['expires_at']} (token {r['token']})",
            )
            return
        claimed = self.store.write(claims.claim, self.ticket_id())
        self.emit(
            ticket_json(claimed),
            f"claimed {claimed.tracking_no} until {iso(claimed.claim.expires_at)} (token {claimed.claim.token})",
        )

    def ticket_next(self) -> None:
        if self.args.server:
            self.ticket_next_through_server()
            return
        if self.args.op_id is not None:
            raise BadInput("--op-id asks the Aduan server again: use it with --server")
        claimed = self.store.write(claims.pick_next)  # the central database chooses: never offline
        if self.offline_first:
            self.sync_engine().sync()
        self.emit(ticket_json(claimed), f"claimed {ticket_line(claimed)} (token {claimed.claim.token})")

    def ticket_next_through_server(self) -> None:
        """The server chooses, under an operation id: a command whose answer was lost asks again with the same
        id and gets the ticket it took, never a second one."""
        from uuid6 import uuid7

        from .desk import operations as desk
        from .domain.operations import OpKind
        from .views import tickets as views

        op = Op(op_id=self.args.op_id or uuid7(), kind=OpKind.PICK_NEXT, ticket_id=None)
        engine = self.sync_engine()
        for attempt in range(1, PICK_ATTEMPTS + 1):
            try:
                outcome = engine.central.push(op)
                break
            except Unreachable as exc:
                if attempt == PICK_ATTEMPTS:
                    raise Unreachable(
                        f"{exc.message}; whether a ticket was claimed is not known: "
                        f"`aduan ticket next --op-id {op.op_id}` asks again and claims nothing twice"
                    ) from None
                time.sleep(attempt)
        if not outcome.accepted:
            raise Rejected(outcome.code, f"next: {outcome.message}")
        taken = outcome.result
        with contextlib.suppress(Unreachable):  # the claimed ticket into the cache, to show it whole
            engine.sync()
        with self.cache().read() as conn:
            try:
                claimed = views.ticket_detail(conn, desk.resolve(conn, taken["ticket_id"])).detail.ticket
            except NotFound:  # the sync did not get through: what the server answered is all there is
                self.emit(taken, f"claimed {taken['tracking_no']} (token {taken['token']}); sync to see it")
                return
        self.emit(ticket_json(claimed), f"claimed {ticket_line(claimed)} (token {taken['token']})")

    def ticket_renew(self) -> None:
        if self.offline_first:
            self.queue(
                lambda desk: desk.renew(self.args.ticket),
                lambda r: f"renewed {r['tracking_no']} until {r['expires_at']}",
            )
            return
        ticket_id = self.ticket_id()
        renewed = self.store.write(claims.renew, ticket_id, self.token(ticket_id))
        self.emit(ticket_json(renewed), f"renewed {renewed.tracking_no} until {iso(renewed.claim.expires_at)}")

    def ticket_release(self) -> None:
        if self.offline_first:
            self.queue(lambda desk: desk.release(self.args.ticket), lambda r: f"released {r['tracking_no']}")
            return
        ticket_id = self.ticket_id()
        released = self.store.write(claims.release, ticket_id, self.token(ticket_id))
        self.emit(ticket_json(released), f"released {released.tracking_no}")

    def ticket_steal(self) -> None:
        if self.offline_first:
            self.queue(
                lambda desk: desk.steal(self.args.ticket, self.args.reason),
                lambda r: f"took over {r['tracking_no']} until {r['expires_at']}",
            )
            return
        taken = self.store.write(handling.take_over, self.ticket_id(), self.args.reason)
        self.emit(ticket_json(taken), f"took over {taken.tracking_no} until {iso(taken.claim.expires_at)}")

    def ticket_reply(self) -> None:
        body = self.text()
        if self.offline_first:
            self.queue(
                lambda desk: desk.reply(self.args.ticket, body),
                lambda r: f"reply stored as {r['message_id']}; queued for dispatch",
            )
            return
        ticket_id = self.ticket_id()
        message_id = self.store.write(handling.reply, ticket_id, self.token(ticket_id), body)
        self.emit(
            {"id": str(ticket_id), "message_id": str(message_id), "state": "queued"},
            f"reply stored as {message_id}; queued for dispatch",
        )

    def ticket_note(self) -> None:
        body = self.text()
        if self.offline_first:
            self.queue(lambda desk: desk.note(self.args.ticket, body), lambda r: "note added")
            return
        ticket_id = self.ticket_id()
        note = self.store.write(handling.add_note, ticket_id, body, self.holder_token(ticket_id))
        self.emit(
            {"id": str(note.ticket_id), "note_id": str(note.id), "mentions": list(note.mentions)},
            f"note added{' mentioning ' + ', '.join(note.mentions) if note.mentions else ''}",
        )

    def ticket_status(self) -> None:
        if self.offline_first:
            target = Status(self.args.status)
            self.queue(
                lambda desk: desk.status(self.args.ticket, target), lambda r: f"{r['tracking_no']} is now {r['status']}"
            )
            return
        ticket_id = self.ticket_id()
        changed = self.store.write(handling.change_status, ticket_id, self.token(ticket_id), Status(self.args.status))
        self.emit(ticket_json(changed), f"{changed.tracking_no} is now {changed.status.value}")

    def ticket_transfer(self) -> None:
        if self.offline_first:
            self.queue(
                lambda desk: desk.transfer(self.args.ticket, self.args.unit, self.args.reason),
                lambda r: f"{r['tracking_no']} transferred to {r['unit']}",
            )
            return
        ticket_id = self.ticket_id()
        moved = self.store.write(handling.transfer, ticket_id, self.token(ticket_id), self.args.unit, self.args.reason)
        self.emit(ticket_json(moved), f"{moved.tracking_no} transferred to {moved.unit}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aduan", description="Aduan: complaint handling for public-complaint units.")
    parser.add_argument("--version", action="version", version=f"aduan {__version__}")
    parser.add_argument(
        "--db",
        default=os.environ.get("ADUAN_DB"),
        help="central database URL (env ADUAN_DB; default: the embedded SQLite database)",
    )
    parser.add_argument(
        "--server",
        default=os.environ.get("ADUAN_SERVER"),
        metavar="URL",
        help="the Aduan server officers work through (env ADUAN_SERVER), e.g. https://aduan.example.go.id:8443",
    )
    parser.add_argument("--officer", default=os.environ.get("ADUAN_OFFICER"), help="acting officer's login")
    parser.add_argument(
        "--cache",
        default=os.environ.get("ADUAN_CACHE"),
        metavar="PATH",
        help="local cache file (env ADUAN_CACHE): ticket commands work offline-first through it",
    )
    commands = parser.add_subparsers(dest="area", metavar="COMMAND")

    def command(group: Any, name: str, handler: Callable[[Cli], None], help_text: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = group.add_parser(name, help=help_text)
        sub.set_defaults(handler=handler, json=False)
        return sub

    def with_json(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument("--json", action="store_true", help="print JSON with stable keys")
        return sub

    def with_text(sub: argparse.ArgumentParser) -> None:
        source = sub.add_mutually_exclusive_group(required=True)
        source.add_argument("--text", help="the text")
        source.add_argument("--text-file", metavar="PATH", help="read the text (UTF-8) from a file, - for stdin")

    def with_token(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--token", type=int, help="claim token to fence with (default: your current claim's)")

    db = commands.add_parser("db", help="central schema").add_subparsers(dest="action", required=True)
    with_json(command(db, "upgrade", Cli.db_upgrade, "create or migrate the central schema"))
    server_login = with_json(
        command(db, "server-login", Cli.db_server_login, "create or refresh the Aduan server's own database login")
    )
    server_login.add_argument("login", help="the login's name (one per database)")
    server_login.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin (default: generate)"
    )

    demo_cmd = with_json(command(commands, "demo", Cli.demo, "fill an empty database with realistic demo data"))
    demo_cmd.add_argument("--tickets", type=int, required=True)
    demo_cmd.add_argument("--seed", type=int, default=1)

    units = commands.add_parser("unit", help="units").add_subparsers(dest="action", required=True)
    add = with_json(command(units, "add", Cli.unit_add, "add a unit"))
    add.add_argument("code")
    add.add_argument("--name", required=True)
    add.add_argument("--parent", help="code of the parent unit")
    add.add_argument("--lease-hours", type=float, help="claim lease length (default 4)")
    with_json(command(units, "list", Cli.unit_list, "list units"))

    officers = commands.add_parser("officer", help="officers").add_subparsers(dest="action", required=True)
    add = with_json(
        command(officers, "add", Cli.officer_add, "add an officer (and their password for the Aduan server)")
    )
    add.add_argument("login")
    add.add_argument("--name", required=True)
    add.add_argument("--unit", action="append", required=True, help="unit code; repeat for several units")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.OFFICER.value)
    add.add_argument("--password-stdin", action="store_true", help="read the password for the Aduan server from stdin")
    with_json(command(officers, "list", Cli.officer_list, "list officers"))
    reset = with_json(
        command(officers, "reset-password", Cli.officer_reset_password, "set an officer's server password")
    )
    reset.add_argument("login")
    reset.add_argument("--password-stdin", action="store_true", help="read the password from stdin (default: generate)")
    for name, handler, help_text in (
        ("disable", Cli.officer_disable, "deactivate an officer and end their sessions"),
        ("enable", Cli.officer_enable, "activate an officer again"),
    ):
        with_json(command(officers, name, handler, help_text)).add_argument("login")

    sync = with_json(
        command(commands, "sync", Cli.sync, "pull and push between the local cache and the central database")
    )
    sync.add_argument("--watch", action="store_true", help="keep syncing; back off while the server is unreachable")
    sync.add_argument("--interval", type=float, default=5.0, help="seconds between rounds with --watch (default 5)")
    sync.add_argument("--rounds", type=int, help="with --watch: stop after this many rounds")
    with_json(command(commands, "outbox", Cli.outbox, "pending operations and those needing your attention"))

    service = commands.add_parser("sla", help="working calendars, service levels, escalation")
    service_commands = service.add_subparsers(dest="group", required=True)
    with_json(command(service_commands, "sweep", Cli.sla_sweep, "escalate breaches; close silent reporters' reports"))
    policy = service_commands.add_parser("policy", help="service-level policies").add_subparsers(
        dest="action", required=True
    )
    setting = with_json(command(policy, "set", Cli.sla_policy_set, "create or replace the policy for a scope"))
    setting.add_argument("--unit", help="unit code (default: every unit)")
    setting.add_argument("--kind", choices=[k.value for k in Kind])
    setting.add_argument("--category")
    setting.add_argument("--priority", help="rendah, sedang, tinggi, darurat or 1-4")
    for flag, default in (("--verify", 3), ("--follow-up", 5), ("--reporter-wait", 10)):
        setting.add_argument(flag, type=int, default=default, metavar="WORKING_DAYS")
    setting.add_argument("--resolution", type=int, default=60, metavar="DAYS")
    setting.add_argument("--warn-percent", type=int, default=75)
    setting.add_argument("--restart-on-transfer", action="store_true")
    with_json(command(policy, "list", Cli.sla_policy_list, "list the policies"))
    command(policy, "remove", Cli.sla_policy_remove, "remove a policy").add_argument("id", type=int)
    calendar_cmd = service_commands.add_parser("calendar", help="working calendars").add_subparsers(
        dest="action", required=True
    )
    cal = with_json(command(calendar_cmd, "set", Cli.sla_calendar_set, "set a unit's working hours and weekend"))
    cal.add_argument("--unit", help="unit code (default: every unit without its own)")
    cal.add_argument("--timezone", default="Asia/Jakarta", help="Asia/Jakarta (WIB), Asia/Makassar, Asia/Jayapura")
    cal.add_argument("--hours", default="08:00-16:00")
    cal.add_argument("--weekend", default="5,6", help="days off each week, 0 = Monday … 6 = Sunday")
    cal.add_argument("--no-national-holidays", action="store_true")
    day_off = service_commands.add_parser("day-off", help="a unit's own days off").add_subparsers(
        dest="action", required=True
    )
    for name, help_text in (("add", "add a day off"), ("remove", "work on a day again")):
        sub = with_json(command(day_off, name, Cli.sla_day_off, help_text))
        sub.add_argument("day", help="YYYY-MM-DD")
        if name == "add":
            sub.add_argument("name", help="e.g. 'HUT Kabupaten'")
        sub.add_argument("--unit", help="unit code (default: every unit)")

    ticket = commands.add_parser("ticket", help="tickets").add_subparsers(dest="action", required=True)
    listing = with_json(command(ticket, "list", Cli.ticket_list, "list tickets you may see"))
    listing.add_argument("--status", choices=[s.value for s in Status])
    listing.add_argument("--unit")
    listing.add_argument("--mine", action="store_true", help="only tickets you hold")
    listing.add_argument("--limit", type=int, default=50)
    with_json(command(ticket, "show", Cli.ticket_show, "show a ticket with its thread")).add_argument("ticket")

    create = with_json(command(ticket, "create", Cli.ticket_create, "record a report (phone, walk-in, letter…)"))
    create.add_argument("--unit", required=True)
    create.add_argument("--kind", choices=[k.value for k in Kind], default=Kind.PENGADUAN.value)
    create.add_argument("--channel", choices=[c.value for c in Channel], default=Channel.PHONE.value)
    create.add_argument("--subject", required=True)
    create.add_argument("--priority", default="sedang", help="rendah, sedang, tinggi, darurat or 1-4")
    create.add_argument("--category")
    create.add_argument("--reporter", help="reporter's name")
    create.add_argument("--contact", help="reporter's address on the channel")
    create.add_argument("--anonymous", action="store_true")
    create.add_argument("--confidential", action="store_true")
    with_text(create)

    for name, handler, help_text in (
        ("claim", Cli.ticket_claim, "claim a ticket"),
        ("renew", Cli.ticket_renew, "renew your claim"),
        ("release", Cli.ticket_release, "release your claim"),
    ):
        sub = with_json(command(ticket, name, handler, help_text))
        sub.add_argument("ticket", help="ticket id or tracking number")
        if name != "claim":
            with_token(sub)
    pick = with_json(command(ticket, "next", Cli.ticket_next, "claim the next ticket due in your units"))
    pick.add_argument("--op-id", type=UUID, help="through the server: ask again after an answer was lost")
    steal = with_json(command(ticket, "steal", Cli.ticket_steal, "take over a claim (supervisors)"))
    steal.add_argument("ticket")
    steal.add_argument("--reason", required=True)

    for name, handler, help_text in (
        ("reply", Cli.ticket_reply, "answer the citizen (queued for dispatch)"),
        ("note", Cli.ticket_note, "add an internal note (@login mentions)"),
    ):
        sub = with_json(command(ticket, name, handler, help_text))
        sub.add_argument("ticket")
        with_text(sub)
        with_token(sub)
    status = with_json(command(ticket, "status", Cli.ticket_status, "change the status"))
    status.add_argument("ticket")
    status.add_argument("status", choices=[s.value for s in Status])
    with_token(status)
    transfer = with_json(command(ticket, "transfer", Cli.ticket_transfer, "transfer to another unit"))
    transfer.add_argument("ticket")
    transfer.add_argument("unit", help="code of the receiving unit")
    transfer.add_argument("--reason")
    with_token(transfer)
    add_across_units_commands(commands, ticket, command, with_json, with_text, with_token)
    add_channel_commands(commands, command, with_json)
    add_lapor_commands(commands, command, with_json)
    add_server_commands(commands, command, with_json)

    templates = commands.add_parser("canned", help="canned responses (supervisors and admins manage them)")
    template = templates.add_subparsers(dest="action", required=True)
    listing = with_json(command(template, "list", Cli.canned_list, "the newest version of each canned response"))
    listing.add_argument("--all", action="store_true", help="retired ones too")
    with_json(command(template, "show", Cli.canned_show, "every version of a canned response")).add_argument("key")
    add = with_json(command(template, "add", Cli.canned_add, "add a canned response"))
    add.add_argument("key", help="lower-case letters, digits, '_', '.', '-'")
    add.add_argument("--title", required=True)
    add.add_argument("--unit", help="code of the unit it belongs to (default: global, admins only)")
    with_text(add)
    change = with_json(command(template, "edit", Cli.canned_edit, "a new wording (a new version)"))
    change.add_argument("key")
    change.add_argument("--title", help="a new title (default: keep it)")
    with_text(change)
    for name, handler, help_text in (
        ("retire", Cli.canned_retire, "stop offering a canned response"),
        ("restore", Cli.canned_restore, "offer a retired canned response again"),
    ):
        with_json(command(template, name, handler, help_text)).add_argument("key")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "handler", None) is None:
        if args.area is None:
            from .ui.app import run  # the window; imported here so the CLI never loads Qt

            return run(args.server or args.db, args.officer, args.cache)
        parser.print_help()
        return 2
    cli: Cli | None = None
    try:
        words = (args.area, getattr(args, "group", None), getattr(args, "action", None))
        name = " ".join(str(word) for word in words if word)
        if args.server and name not in THROUGH_SERVER and args.area != "server":
            raise BadInput(f"`aduan {name}` does not work through the Aduan server yet: the owner runs it with --db")
        cli = Cli(args)
        args.handler(cli)
        return 0
    except (AduanError, ValidationError) as exc:
        refusal = commands.refused_field(exc) if isinstance(exc, ValidationError) else exc
        print(f"aduan: {refusal.message}", file=sys.stderr)
        return refusal.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence prints, never hides
        print(f"aduan: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_UNEXPECTED
    finally:
        if cli is not None:
            cli.close()


if __name__ == "__main__":
    sys.exit(main())
