"""``aduan ticket link|unlink|merge|answer-all|not-ours|refer`` and ``referral list|answer``: duplicates and
work across units.

Like the other ticket commands, each reaches the central database directly or works offline-first through
the cache (``Cli.perform``), with the same JSON keys both ways: the result the central store records for
the operation (with the ticket's keys for the commands that change a ticket).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from uuid6 import uuid7

from ..domain.errors import BadInput
from ..store import disposition, linking, referrals
from ..store.apply import bulk_answer_result, linked_result, referral_result
from .answers import Done, iso
from .core import Cli, Commands, command, with_json, with_text, with_token


def register(commands: Commands, ticket: Commands) -> None:
    """Add the subcommands to the ``ticket`` group and a new ``referral`` group."""
    for name, handler, help_text in (
        ("link", ticket_link, "mark a ticket you hold as a duplicate of a master ticket"),
        ("merge", ticket_merge, "link a ticket you hold to a master ticket and archive it"),
    ):
        sub = with_json(command(ticket, name, handler, help_text))
        sub.add_argument("ticket", help="the duplicate: ticket id or tracking number")
        sub.add_argument("master", help="the master ticket (its master, when it is a duplicate itself)")
        with_token(sub)
    unlink = with_json(command(ticket, "unlink", ticket_unlink, "a ticket you hold is no duplicate after all"))
    unlink.add_argument("ticket")
    with_token(unlink)
    answer_all = with_json(
        command(ticket, "answer-all", ticket_answer_all, "answer a master and its duplicates, each citizen by name")
    )
    answer_all.add_argument("master", help="the master ticket, which you hold")
    answer_all.add_argument("--canned", required=True, metavar="KEY", help="the canned response to answer with")
    with_token(answer_all)
    not_ours = with_json(
        command(ticket, "not-ours", ticket_not_ours, "bukan wewenang: send it back to the unit that disposes of it")
    )
    not_ours.add_argument("ticket")
    not_ours.add_argument("--reason", required=True)
    with_token(not_ours)
    refer = with_json(command(ticket, "refer", ticket_refer, "ask another unit for input; the ticket stays"))
    refer.add_argument("ticket")
    refer.add_argument("unit", help="code of the unit asked")
    refer.add_argument("--question", required=True)
    with_token(refer)  # only renews: anyone who may see the ticket may ask

    group = commands.add_parser("referral", help="questions between units").add_subparsers(dest="action", required=True)
    listing = with_json(command(group, "list", referral_list, "referrals on your tickets and to your units"))
    listing.add_argument("--open", action="store_true", help="only those not answered yet")
    answer = with_json(command(group, "answer", referral_answer, "answer a referral to your unit"))
    answer.add_argument("referral", help="the referral id")
    with_text(answer)


# -- duplicates -------------------------------------------------------------------------------------------


def _linked(done: linking.Linked) -> Done:
    return Done.directly(linked_result(done), done.ticket)


def ticket_link(cli: Cli) -> None:
    def link() -> Done:
        ticket_id = cli.ticket_id()
        return _linked(cli.store.write(linking.link, ticket_id, cli.token(ticket_id), cli.ticket_id(cli.args.master)))

    cli.perform(
        lambda desk: desk.link(cli.args.ticket, cli.args.master),
        link,
        lambda r: f"{r['tracking_no']} is a duplicate of {r['master_tracking_no']}",
    )


def ticket_merge(cli: Cli) -> None:
    def merge() -> Done:
        ticket_id = cli.ticket_id()
        return _linked(cli.store.write(linking.merge, ticket_id, cli.token(ticket_id), cli.ticket_id(cli.args.master)))

    cli.perform(
        lambda desk: desk.merge(cli.args.ticket, cli.args.master),
        merge,
        lambda r: f"{r['tracking_no']} merged into {r['master_tracking_no']} and archived",
    )


def ticket_unlink(cli: Cli) -> None:
    def unlink() -> Done:
        ticket_id = cli.ticket_id()
        return _linked(cli.store.write(linking.unlink, ticket_id, cli.token(ticket_id)))

    cli.perform(
        lambda desk: desk.unlink(cli.args.ticket), unlink, lambda r: f"{r['tracking_no']} is no longer a duplicate"
    )


def ticket_answer_all(cli: Cli) -> None:
    def answer_all() -> Done:
        master_id = cli.ticket_id(cli.args.master)
        answered = cli.store.write(linking.bulk_answer, master_id, cli.token(master_id), cli.args.canned, None, uuid7())
        return Done.directly(bulk_answer_result(answered), answered.master)

    def says(r: dict[str, Any]) -> str:
        text = f"answered {len(r['replies'])} citizen(s) with {r['canned_key']} version {r['canned_version']}: "
        text += ", ".join(reply["tracking_no"] for reply in r["replies"])
        if r["handed_over"]:
            held = ", ".join(f"{h['tracking_no']} ({h['holder']})" for h in r["handed_over"])
            text += f"; handed over to their holders: {held}"
        if r["skipped"]:
            text += f"; {len(r['skipped'])} duplicate(s) in units you may not see were left out"
        return text

    cli.perform(lambda desk: desk.bulk_answer(cli.args.master, cli.args.canned), answer_all, says)


# -- across units -----------------------------------------------------------------------------------------


def ticket_not_ours(cli: Cli) -> None:
    def send_back() -> Done:
        ticket_id = cli.ticket_id()
        return Done.changed(
            cli.store.write(disposition.return_for_disposition, ticket_id, cli.token(ticket_id), cli.args.reason)
        )

    cli.perform(
        lambda desk: desk.return_for_disposition(cli.args.ticket, cli.args.reason),
        send_back,
        lambda r: f"{r['tracking_no']} sent back to {r['unit']} as not this unit's authority (bukan wewenang)",
    )


def ticket_refer(cli: Cli) -> None:
    def refer() -> Done:
        ticket_id = cli.ticket_id()
        token = cli.holder_token(ticket_id)
        made = cli.store.write(referrals.refer, uuid7(), ticket_id, cli.args.unit, cli.args.question, token)
        return Done.directly(referral_result(made))

    cli.perform(
        lambda desk: desk.refer(cli.args.ticket, cli.args.unit, cli.args.question),
        refer,
        lambda r: f"referral {r['referral_id']} asks {r['to_unit']} about {r['tracking_no']}",
        answers_ticket=False,
    )


def referral_list(cli: Cli) -> None:
    if cli.offline_first:
        from ..views.referrals import ReferralState, list_referrals

        with cli.filled_cache().read() as conn:
            cached = list_referrals(conn)
        rows = [
            _referral_json(r, state=r.state.value, may_answer=r.may_answer, sees_ticket=r.sees_ticket)
            for r in cached
            if not cli.args.open or r.state is not ReferralState.ANSWERED
        ]
    else:
        actor = cli.store.actor()
        found = cli.store.view(referrals.list_referrals, unanswered_only=cli.args.open)
        rows = [
            _referral_json(
                r,
                state="answered" if r.answered_at else "open",
                may_answer=r.answered_at is None and actor.may_see(r.to_unit_id),
                sees_ticket=actor.may_see(r.ticket_unit_id),
            )
            for r in found
        ]
    cli.emit(rows, "\n".join(_line(r) for r in rows) or "no referrals")


def referral_answer(cli: Cli) -> None:
    try:
        referral_id = UUID(cli.args.referral.strip())
    except ValueError:
        raise BadInput(f"{cli.args.referral!r} is not a referral id (see `aduan referral list`)") from None
    text = cli.text()

    cli.perform(
        lambda desk: desk.answer_referral(referral_id, text),
        lambda: Done.directly(referral_result(cli.store.write(referrals.answer_referral, referral_id, text))),
        lambda r: f"answered the referral on {r['tracking_no']}; the answer is a note on the ticket",
        answers_ticket=False,
    )


def _referral_json(r: Any, state: str, may_answer: bool, sees_ticket: bool) -> dict[str, Any]:
    """The stable keys of a referral in ``referral list --json`` (a central or a cached one)."""
    return referral_result(r) | {
        "answered_at": iso(r.answered_at),
        "created_at": iso(r.created_at),
        "state": state,
        "may_answer": may_answer,
        "sees_ticket": sees_ticket,
    }


def _line(r: dict[str, Any]) -> str:
    question = " ".join(str(r["question"]).split())
    if len(question) > 60:
        question = question[:59] + "…"
    answered = f" — answered by {r['answered_by']}" if r["answered_by"] else ""
    return (
        f"{r['referral_id']}  {r['state']:<13} {r['tracking_no'] or '(queued)'}  {r['from_unit']} -> {r['to_unit']}"
        f"  asked by {r['asked_by']}: {question}{answered}"
    )
