"""``aduan comment list|ticket``: comments under the units' Facebook Page posts and Instagram media, and a ticket
made of one (supervisors of the account's unit, and admins)."""

from __future__ import annotations

from ..domain.social import SocialComment
from ..server import commands
from .core import Cli, Commands, command, with_json


def register(top: Commands) -> None:
    comments = top.add_parser("comment", help="comments on the units' social media posts").add_subparsers(
        dest="action", required=True
    )
    listing = with_json(command(comments, "list", comment_list, "comments not yet tickets, newest first"))
    listing.add_argument("--limit", type=int, default=100, help="at most this many (1-500, default 100)")
    made = with_json(command(comments, "ticket", comment_ticket, "make a ticket of a comment (once)"))
    made.add_argument("comment_id", type=int, help="the comment's number (aduan comment list)")
    reply = with_json(command(comments, "reply", comment_reply, "answer a comment in public, under it (once)"))
    reply.add_argument("comment_id", type=int, help="the comment's number (aduan comment list)")
    reply.add_argument("text", help="the answer, as it will be posted publicly")
    settle = with_json(
        command(comments, "settle", comment_settle, "say whether a public reply left 'perhaps posted' is there")
    )
    settle.add_argument("comment_id", type=int, help="the comment's number (aduan comment list)")
    posted = settle.add_mutually_exclusive_group(required=True)
    posted.add_argument("--posted", dest="posted", action="store_true", help="the reply is under the comment")
    posted.add_argument("--not-posted", dest="posted", action="store_false", help="it is not: it may be written again")
    reply.add_argument(
        "--despite-personal-data",
        action="store_true",
        help="answer in public a comment flagged for personal data (you saw the flag; usually make a report instead)",
    )


def comment_list(cli: Cli) -> None:
    found = cli.call(commands.comment_list, commands.CommentList(limit=cli.args.limit))
    data = [
        {
            "id": c.id,
            "account": c.account,
            "unit": c.unit,
            "channel": c.channel.value,
            "comment_id": c.comment_id,
            "post_id": c.post_id,
            "author": c.author_name,
            "text": c.text,
            "personal_data": c.personal_data,
            "created_at": c.created_at.isoformat() + "Z",
            "reply": None
            if c.reply is None
            else {"text": c.reply.text, "state": c.reply.state.value, "by": c.reply.by, "error": c.reply.error},
        }
        for c in found
    ]
    lines = [
        f"{c.id:>5} {c.channel.value:<9} {c.account[:20]:<20} {'PERSONAL DATA ' if c.personal_data else ''}"
        f"{(c.author_name or '?')[:20]}: {c.text[:60]}{_reply_state(c)}"
        for c in found
    ]
    cli.emit(data, "\n".join(lines) or "no comments waiting")


def comment_ticket(cli: Cli) -> None:
    received = cli.call(commands.comment_ticket, commands.CommentId(comment_id=cli.args.comment_id))
    what = "made" if received.new_ticket else "already made"
    cli.emit(
        {"ticket_id": str(received.ticket_id), "tracking_no": received.tracking_no, "new_ticket": received.new_ticket},
        f"comment {cli.args.comment_id}: ticket {received.tracking_no} {what}",
    )


def _reply_state(comment: SocialComment) -> str:
    if comment.reply is None:
        return ""
    shown = {"sending": "perhaps posted"}.get(comment.reply.state.value, comment.reply.state.value)
    return f"  [public reply: {shown}]"


def comment_reply(cli: Cli) -> None:
    request = commands.CommentReply(
        comment_id=cli.args.comment_id, text=cli.args.text, despite_personal_data=cli.args.despite_personal_data
    )
    replied = cli.call(commands.comment_reply, request)
    cli.emit(
        {"comment_id": replied.id, "state": replied.reply.state.value if replied.reply else None},
        f"comment {replied.id}: public reply queued; the worker posts it under the comment",
    )


def comment_settle(cli: Cli) -> None:
    settled = cli.call(
        commands.comment_settle, commands.ReplySettled(comment_id=cli.args.comment_id, posted=cli.args.posted)
    )
    state = settled.reply.state.value if settled.reply else None
    said = "posted" if cli.args.posted else "not posted: it may be written again"
    cli.emit({"comment_id": settled.id, "state": state}, f"comment {settled.id}: public reply {said}")
