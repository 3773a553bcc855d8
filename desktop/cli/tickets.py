"""``aduan ticket list|show|create|claim|renew|release|next|steal|assign|reply|note|status|set|transfer``.

Each command has one handler: it reaches the central side directly (the embedded default database, or the
owner's ``--db``) or offline-first through the local cache (``--cache``, ``--server``; see ``Cli.perform``),
and answers the same JSON keys both ways (``answers.Done``). ``ticket list`` gives the open tickets unless
``--status`` names another, both ways.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any
from uuid import UUID

from ..domain.bounds import LIST_LIMIT
from ..domain.errors import BadInput, Rejected, Unreachable
from ..domain.properties import property_change
from ..domain.status import Status
from ..domain.text import reveal_invisible
from ..domain.vocabulary import Channel, Kind, Priority
from ..store import assignment, claims, handling, tickets
from ..store.apply import assigned_result, ticket_result
from ..store.properties import set_properties
from ..store.work import Work
from .answers import APPLIED, Done, detail_json, iso, iso_text, ticket_json, ticket_line
from .bounds import whole_number
from .core import Cli, Commands, command, with_json, with_text, with_token

PICK_ATTEMPTS = 3  # ``ticket next`` through the server: tries with the same op id before it says so


def register(commands: Commands) -> Commands:
    """Add the ``ticket`` group; returns it for the commands of other groups on tickets."""
    ticket = commands.add_parser("ticket", help="tickets").add_subparsers(dest="action", required=True)
    listing = with_json(command(ticket, "list", ticket_list, "list tickets you may see"))
    listing.add_argument("--status", choices=[s.value for s in Status], help="only this status (default: open ones)")
    listing.add_argument("--unit")
    listing.add_argument("--mine", action="store_true", help="only tickets you hold")
    listing.add_argument(
        "--limit", type=whole_number(LIST_LIMIT), default=50, help=f"at most {LIST_LIMIT[1]:,} tickets (default 50)"
    )
    with_json(command(ticket, "show", ticket_show, "show a ticket with its thread")).add_argument("ticket")

    create = with_json(command(ticket, "create", ticket_create, "record a report (phone, walk-in, letter…)"))
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
        ("claim", ticket_claim, "claim a ticket"),
        ("renew", ticket_renew, "renew your claim"),
        ("release", ticket_release, "release your claim"),
    ):
        sub = with_json(command(ticket, name, handler, help_text))
        sub.add_argument("ticket", help="ticket id or tracking number")
        if name != "claim":
            with_token(sub)
    pick = with_json(command(ticket, "next", ticket_next, "claim the next ticket due in your units"))
    pick.add_argument("--op-id", type=UUID, help="through the server: ask again after an answer was lost")
    steal = with_json(command(ticket, "steal", ticket_steal, "take over a claim (supervisors)"))
    steal.add_argument("ticket")
    steal.add_argument("--reason", required=True)
    assign = with_json(command(ticket, "assign", ticket_assign, "assign to an officer of its unit (supervisors)"))
    assign.add_argument("ticket", help="ticket id or tracking number")
    # Not "officer": that is the global --officer, the one acting.
    assign.add_argument("assignee", metavar="OFFICER", help="login of the officer it lands claimed for")

    for name, handler, help_text in (
        ("reply", ticket_reply, "answer the citizen (queued for dispatch)"),
        ("note", ticket_note, "add an internal note (@login mentions)"),
    ):
        sub = with_json(command(ticket, name, handler, help_text))
        sub.add_argument("ticket")
        with_text(sub)
        with_token(sub)
    status = with_json(command(ticket, "status", ticket_status, "change the status"))
    status.add_argument("ticket")
    status.add_argument("status", choices=[s.value for s in Status])
    status.add_argument("--comment", help="why, in your words: shown in the history")
    with_token(status)
    props = with_json(command(ticket, "set", ticket_set, "change the priority, category or kind"))
    props.add_argument("ticket")
    props.add_argument("--priority", help="rendah, sedang, tinggi, darurat or 1-4")
    props.add_argument("--category", help='the category ("" removes it)')
    props.add_argument("--kind", choices=[k.value for k in Kind])
    with_token(props)
    transfer = with_json(command(ticket, "transfer", ticket_transfer, "transfer to another unit"))
    transfer.add_argument("ticket")
    transfer.add_argument("unit", help="code of the receiving unit")
    transfer.add_argument("--reason")
    with_token(transfer)
    return ticket


# -- reading ------------------------------------------------------------------------------------------------


def ticket_list(cli: Cli) -> None:
    a = cli.args
    status = Status(a.status) if a.status else None
    if cli.offline_first:
        from ..views import tickets as views

        with cli.filled_cache().read() as conn:
            found = views.list_tickets(conn, status, a.unit, a.mine, a.limit)
    else:
        actor = cli.store.actor()
        found = cli.store.read(tickets.list_tickets, actor, status, a.unit, a.mine, a.limit, open_only=status is None)
    cli.emit([ticket_json(t) for t in found], "\n".join(ticket_line(t) for t in found) or "no tickets")


def ticket_show(cli: Cli) -> None:
    queued: frozenset[UUID] = frozenset()
    if cli.offline_first:
        from ..cache.overlay import resolve
        from ..views import tickets as views

        with cli.filled_cache().read() as conn:
            cached = views.ticket_detail(conn, resolve(conn, cli.args.ticket))
        detail, queued = cached.detail, cached.queued
    else:
        detail = cli.store.view(tickets.ticket_detail, cli.ticket_id())
    lines = [ticket_line(detail.ticket)]
    mark = {True: " (queued)", False: ""}
    # Shown with its invisible characters marked (a bidi override reads as ⟦U+202E⟧); the JSON keeps the text
    # as stored, the evidence.
    lines += [
        f"  [{m.direction.value}] {iso(m.created_at)} {m.author or ''}{mark[m.id in queued]}: "
        f"{reveal_invisible(m.body_text)}"
        for m in detail.messages
    ]
    lines += [
        f"  [note] {iso(n.created_at)} {n.author}{mark[n.id in queued]}: {reveal_invisible(n.body)}"
        for n in detail.notes
    ]
    cli.emit(detail_json(detail, queued), "\n".join(lines))


# -- recording and claiming ------------------------------------------------------------------------------


def ticket_create(cli: Cli) -> None:
    a = cli.args
    new = tickets.NewTicket(
        unit=a.unit,
        kind=Kind(a.kind),
        channel=Channel(a.channel),
        subject=a.subject,
        body=cli.text(),
        priority=Priority.parse(a.priority),
        category=a.category,
        reporter_name=a.reporter,
        reporter_contact=a.contact,
        anonymous=a.anonymous,
        confidential=a.confidential,
    )
    cli.perform(
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
        lambda: Done.changed(cli.store.write(tickets.create_ticket, new)),
        lambda r: f"created {r['tracking_no']} ({r['ticket_id']})",
    )


def ticket_claim(cli: Cli) -> None:
    cli.perform(
        lambda desk: desk.claim(cli.args.ticket),
        lambda: Done.changed(cli.store.write(claims.claim, cli.ticket_id())),
        lambda r: f"claimed {r['tracking_no']} until {iso_text(r['expires_at'])} (token {r['token']})",
    )


def ticket_renew(cli: Cli) -> None:
    def renew() -> Done:
        ticket_id = cli.ticket_id()
        return Done.changed(cli.store.write(claims.renew, ticket_id, cli.token(ticket_id)))

    cli.perform(
        lambda desk: desk.renew(cli.args.ticket),
        renew,
        lambda r: f"renewed {r['tracking_no']} until {iso_text(r['expires_at'])}",
    )


def ticket_release(cli: Cli) -> None:
    def release() -> Done:
        ticket_id = cli.ticket_id()
        return Done.changed(cli.store.write(claims.release, ticket_id, cli.token(ticket_id)))

    cli.perform(lambda desk: desk.release(cli.args.ticket), release, lambda r: f"released {r['tracking_no']}")


def ticket_steal(cli: Cli) -> None:
    cli.perform(
        lambda desk: desk.steal(cli.args.ticket, cli.args.reason),
        lambda: Done.changed(cli.store.write(handling.take_over, cli.ticket_id(), cli.args.reason)),
        lambda r: f"took over {r['tracking_no']} until {iso_text(r['expires_at'])}",
    )


def ticket_assign(cli: Cli) -> None:
    def assign() -> Done:
        done = cli.store.write(assignment.assign, cli.ticket_id(), cli.args.assignee)
        return Done.directly(assigned_result(done), done.ticket)

    cli.perform(
        lambda desk: desk.assign(cli.args.ticket, cli.args.assignee),
        assign,
        lambda r: f"assigned {r['tracking_no']} to {r['holder']} until {iso_text(r['expires_at'])}",
    )


def ticket_next(cli: Cli) -> None:
    """The central side chooses, never the cache (it does not know what colleagues took meanwhile)."""
    if cli.args.server:
        done = _next_through_server(cli)
    else:
        if cli.args.op_id is not None:
            raise BadInput("--op-id asks the Aduan server again: use it with --server")
        done = Done.changed(cli.store.write(claims.pick_next))
        if cli.offline_first:
            cli.sync_engine().sync()
    data = done.json()
    if done.ticket is None:  # the sync did not get through: what the server answered is all there is
        cli.emit(data, f"claimed {data['tracking_no']} (token {data['token']}); sync to see it")
    else:
        cli.emit(data, f"claimed {ticket_line(done.ticket)} (token {data['token']})")


def _next_through_server(cli: Cli) -> Done:
    """Under an operation id: a command whose answer was lost asks again with the same id and gets the ticket
    it took, never a second one."""
    from uuid6 import uuid7

    from ..domain.operations import Op, OpKind

    op = Op(op_id=cli.args.op_id or uuid7(), kind=OpKind.PICK_NEXT, ticket_id=None)
    engine = cli.sync_engine()
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
    ticket_id = UUID(str(taken["ticket_id"]))
    return Done(APPLIED, ticket_id, taken, cli.cached_ticket(ticket_id), op.op_id)


# -- handling ------------------------------------------------------------------------------------------------


def ticket_reply(cli: Cli) -> None:
    body = cli.text()

    def reply() -> Done:
        ticket_id = cli.ticket_id()
        return cli.store.write(_replied, ticket_id, cli.token(ticket_id), body)

    cli.perform(
        lambda desk: desk.reply(cli.args.ticket, body),
        reply,
        lambda r: f"reply stored as {r['message_id']}; queued for dispatch",
    )


def _replied(work: Work, ticket_id: UUID, token: int, body: str) -> Done:
    message_id = handling.reply(work, ticket_id, token, body)
    ticket = claims.read_ticket(work, ticket_id)
    return Done.directly({**ticket_result(ticket), "message_id": str(message_id)}, ticket)


def ticket_note(cli: Cli) -> None:
    body = cli.text()

    def note() -> Done:
        ticket_id = cli.ticket_id()
        return cli.store.write(_noted, ticket_id, body, cli.holder_token(ticket_id))

    def says(r: dict[str, Any]) -> str:
        mentions = r.get("mentions")  # a note kept on a ticket whose claim was lost tells only its id
        return f"note added{' mentioning ' + ', '.join(mentions) if mentions else ''}"

    cli.perform(lambda desk: desk.note(cli.args.ticket, body), note, says)


def _noted(work: Work, ticket_id: UUID, body: str, token: int | None) -> Done:
    note = handling.add_note(work, ticket_id, body, token)
    ticket = claims.read_ticket(work, ticket_id)
    return Done.directly({"note_id": str(note.id), "mentions": list(note.mentions)}, ticket)


def ticket_status(cli: Cli) -> None:
    target, comment = Status(cli.args.status), cli.args.comment

    def change() -> Done:
        ticket_id = cli.ticket_id()
        token = cli.token(ticket_id)
        return Done.changed(cli.store.write(handling.change_status, ticket_id, token, target, comment))

    cli.perform(
        lambda desk: desk.status(cli.args.ticket, target, comment),
        change,
        lambda r: f"{r['tracking_no']} is now {r['status']}",
    )


def ticket_set(cli: Cli) -> None:
    a = cli.args
    change = property_change(a.priority, a.kind, a.category)  # checked before anything is queued or written

    def set_them() -> Done:
        ticket_id = cli.ticket_id()
        return Done.changed(cli.store.write(set_properties, ticket_id, cli.token(ticket_id), change))

    cli.perform(
        lambda desk: desk.set_properties(a.ticket, change.priority, change.kind, change.category),
        set_them,
        lambda r: f"{r['tracking_no']} changed",
    )


def ticket_transfer(cli: Cli) -> None:
    a = cli.args

    def transfer() -> Done:
        ticket_id = cli.ticket_id()
        return Done.changed(cli.store.write(handling.transfer, ticket_id, cli.token(ticket_id), a.unit, a.reason))

    cli.perform(
        lambda desk: desk.transfer(a.ticket, a.unit, a.reason),
        transfer,
        lambda r: f"{r['tracking_no']} transferred to {r['unit']}",
    )
