"""A reporter's personal data (UU PDP): found by a contact, an id or a ticket; exported whole; erased on request;
and the identity taken out once the retention period passed (``retention.py`` calls ``anonymise_identity``).

What is personal here, and where it is:
- the reporter row (name) and its contacts (channel and address), the external ids of the messages (a chat id,
  an e-mail Message-ID naming the sender's domain), the intake errors that kept the citizen's raw message,
  the dispatch queue's errors (a refusal names the address), the public comments they wrote under the agency's
  Facebook and Instagram posts (``social_comments.py``: author and text; found by the reports made of them and
  by the reporter's Facebook or Instagram id);
- what the citizen wrote: the messages' text and HTML, the subject (written from the citizen's words), the
  attachments (content and name: ``KTP_Budi_Santoso.jpg``); a referral's summary is read from those;
- where an officer quoted any of it: answers, internal notes, referral questions and answers, team posts on
  the ticket, hand-over items, and the audit details (a reason typed by an officer, the names of attached
  scans, a channel's error). Those are kept (they are the agency's record of its work) with every known
  value of the reporter replaced by ``REDACTED``.

The tickets keep their numbers, statuses, dates and history (the events; their details scrubbed as above). Each
erasure is audited as ``reporter_erased`` on each ticket with the officer, the reason (scrubbed too) and counts,
never the values. Every changed row gets this transaction's change stamp, so officers' caches overwrite their
copies on the next pull, and their search indexes follow (their triggers fire on the upserts).

No duplicate or similarity data is held centrally: officers' caches compute it from the mirrored rows.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, and_, case, delete, false, func, insert, or_, select, update

from ..domain.errors import BadInput, NotFound
from ..domain.vocabulary import Channel, Direction
from .schema import (
    attachment,
    blob,
    channel_account,
    discussion,
    discussion_post,
    event,
    handover_item,
    intake_error,
    message,
    note,
    outbound_message,
    referral,
    reporter,
    reporter_contact,
    social_comment,
    ticket,
    unit,
)
from .work import Work

ERASED_TEXT = "[dihapus atas permintaan pelapor]"  # what replaces the citizen's own words
REDACTED = "[dihapus]"  # what replaces a value of the reporter quoted elsewhere
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()  # a purged attachment's content: nothing
SOCIAL_CHANNELS = (Channel.FACEBOOK.value, Channel.INSTAGRAM.value)  # where comments come from
MIN_SCRUBBED_CHARS = 3  # shorter values (an initial) would blank out ordinary words
MIN_QUOTED_LINE_CHARS = 16  # a line of the citizen's message long enough to be recognised when quoted
_NEUTRAL_NAME = "lampiran-dihapus"
_SAFE_EXTENSION = re.compile(r"^\.[A-Za-z0-9]{1,8}$")


# -- which reporter ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReporterRef:
    """One of: a contact ``CHANNEL:ADDRESS``, a reporter id, a ticket's tracking number."""

    contact: str | None = None
    reporter_id: UUID | None = None
    tracking_no: str | None = None


def find_reporter(conn: Connection, ref: ReporterRef) -> UUID:
    """The reporter named; NotFound that never repeats the address or number asked about."""
    given = [v for v in (ref.contact, ref.reporter_id, ref.tracking_no) if v is not None]
    if len(given) != 1:
        raise BadInput("name the reporter one way: --contact CHANNEL:ADDRESS, --reporter ID or --ticket TRACKING_NO")
    found: Any
    if ref.contact is not None:
        channel, sep, address = ref.contact.partition(":")
        if not sep or not channel.strip() or not address.strip():
            raise BadInput("a contact is CHANNEL:ADDRESS, e.g. email:warga@example.com or telegram:12345")
        holders = conn.execute(
            select(reporter_contact.c.reporter_id)
            .where(
                reporter_contact.c.channel == channel.strip().lower(),
                func.lower(reporter_contact.c.address) == address.strip().lower(),
            )
            .distinct()
        ).all()
        # Units match a contact only to their own reporters (store/tickets.py), so one person may be several
        # reporters: the admin answers the request for each, named by id (ids are no personal data).
        if len(holders) > 1:
            ids = ", ".join(sorted(str(h[0]) for h in holders))
            raise BadInput(f"{len(holders)} reporters have that contact ({ids}): name each with --reporter ID")
        found = holders[0] if holders else None
        what = "no reporter has that contact"
    elif ref.reporter_id is not None:
        found = conn.execute(select(reporter.c.id).where(reporter.c.id == ref.reporter_id)).first()
        what = "no reporter has that id"
    else:
        found = conn.execute(select(ticket.c.reporter_id).where(ticket.c.tracking_no == ref.tracking_no)).first()
        what = "no ticket has that tracking number" if found is None else "that ticket has no reporter"
        if found is not None and found[0] is None:
            found = None
    if found is None:
        raise NotFound(what)
    return UUID(str(found[0]))


def reporter_ticket_ids(conn: Connection, reporter_id: UUID) -> list[UUID]:
    rows = conn.execute(select(ticket.c.id).where(ticket.c.reporter_id == reporter_id).order_by(ticket.c.id))
    return [UUID(str(i)) for i in rows.scalars()]


# -- scrubbing quoted values ------------------------------------------------------------------------------


@dataclass
class Scrubber:
    """Replaces every known value of one reporter, wherever it is quoted, by ``REDACTED``."""

    values: set[str] = field(default_factory=set)
    _pattern: re.Pattern[str] | None = None

    def add(self, *values: str | None) -> None:
        for value in values:
            if value is not None and len(value.strip()) >= MIN_SCRUBBED_CHARS:
                self.values.add(value.strip())
                self._pattern = None

    def add_text(self, text: str | None) -> None:
        """A text the citizen wrote: whole, and each line long enough to be recognised when quoted."""
        if text is None:
            return
        self.add(text)
        self.add(
            *(line.strip(" >\t") for line in text.splitlines() if len(line.strip(" >\t")) >= MIN_QUOTED_LINE_CHARS)
        )

    def text(self, value: str | None) -> str | None:
        if value is None or not self.values:
            return value
        if self._pattern is None:
            longest_first = sorted(self.values, key=len, reverse=True)
            self._pattern = re.compile("|".join(re.escape(v) for v in longest_first), re.IGNORECASE)
        return self._pattern.sub(REDACTED, value)

    def json_text(self, value: str | None) -> str | None:
        """JSON (an audit detail, a hand-over payload): every string in it scrubbed, the structure kept."""
        if value is None:
            return None
        try:
            data = json.loads(value)
        except ValueError:
            return self.text(value)
        return json.dumps(self._walk(data), ensure_ascii=False)

    def _walk(self, data: Any) -> Any:
        if isinstance(data, str):
            return self.text(data)
        if isinstance(data, list):
            return [self._walk(item) for item in data]
        if isinstance(data, dict):
            return {key: self._walk(item) for key, item in data.items()}
        return data


def _rewrite(work: Work, table: Any, key: Any, column: Any, where: Any, rewrite: Any, stamp: bool) -> int:
    """Rewrite one text column of the rows ``where`` selects; returns how many changed."""
    changed = 0
    for row_key, value in work.conn.execute(select(key, column).where(where)).all():
        new = rewrite(value)
        if new != value:
            values: dict[str, Any] = {column.name: new}
            if stamp:
                values["change_seq"] = work.seq
            work.conn.execute(update(table).where(key == row_key).values(**values))
            changed += 1
    return changed


# -- the identity ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IdentityCounts:
    contacts: int = 0
    external_ids: int = 0
    quotes: int = 0  # rows where a value of the reporter was quoted and replaced
    intake_errors: int = 0
    comments: int = 0  # public comments whose author was taken out


def _their_comments(conn: Connection, ticket_ids: list[UUID], addresses: set[tuple[str, str]]) -> Any:
    """The public comments the reporter wrote: made their reports, or written under one of their ids."""
    by_author = [
        and_(channel_account.c.channel == channel, func.lower(social_comment.c.author_id) == address)
        for channel, address in sorted(addresses)
        if channel in SOCIAL_CHANNELS
    ]
    made = [social_comment.c.ticket_id.in_(ticket_ids)] if ticket_ids else []
    return (
        select(social_comment.c.id)
        .join(channel_account, channel_account.c.id == social_comment.c.account_id)
        .where(or_(false(), *made, *by_author))
    )


def _comments_erased(work: Work, found: Any, **values: Any) -> int:
    # The ids read first: MariaDB updates no table that its own WHERE reads.
    ids = list(work.conn.execute(found).scalars())
    if not ids:
        return 0
    return work.conn.execute(update(social_comment).where(social_comment.c.id.in_(ids)).values(**values)).rowcount


def identity_scrubber(conn: Connection, reporter_id: UUID, ticket_ids: list[UUID]) -> Scrubber:
    """The reporter's name, addresses and the external ids of their tickets' messages."""
    scrub = Scrubber()
    scrub.add(conn.execute(select(reporter.c.name).where(reporter.c.id == reporter_id)).scalar())
    scrub.add(
        *conn.execute(select(reporter_contact.c.address).where(reporter_contact.c.reporter_id == reporter_id)).scalars()
    )
    if ticket_ids:
        scrub.add(
            *conn.execute(
                select(message.c.external_id).where(
                    message.c.ticket_id.in_(ticket_ids), message.c.external_id.is_not(None)
                )
            ).scalars()
        )
    return scrub


def _addresses(conn: Connection, reporter_id: UUID) -> set[tuple[str, str]]:
    """The reporter's contacts as (channel, address lower-cased)."""
    contacts = select(reporter_contact.c.channel, reporter_contact.c.address).where(
        reporter_contact.c.reporter_id == reporter_id
    )
    return {(str(c), str(a).lower()) for c, a in conn.execute(contacts)}


def anonymise_identity(work: Work, reporter_id: UUID, scrub: Scrubber | None = None) -> IdentityCounts:
    """Take out who the reporter is: name, contacts, the messages' external ids, the intake errors they sent,
    and every quote of those values (``scrub_quotes``). The reporter row stays, marked ``erased_at``."""
    conn = work.conn
    ticket_ids = reporter_ticket_ids(conn, reporter_id)
    scrub = scrub or identity_scrubber(conn, reporter_id, ticket_ids)
    addresses = _addresses(conn, reporter_id)
    errors = _erase_intake_errors(work, ticket_ids, addresses)
    comments = _comments_erased(work, _their_comments(conn, ticket_ids, addresses), author_id=None, author_name=None)
    contacts = conn.execute(delete(reporter_contact).where(reporter_contact.c.reporter_id == reporter_id)).rowcount
    external_ids = 0
    if ticket_ids:
        # Intake stays idempotent by (channel, external id) for messages still to come; these are gone.
        external_ids = conn.execute(
            update(message)
            .where(message.c.ticket_id.in_(ticket_ids), message.c.external_id.is_not(None))
            .values(external_id=None, change_seq=work.seq)
        ).rowcount
    quotes = scrub_quotes(work, ticket_ids, scrub)
    conn.execute(update(reporter).where(reporter.c.id == reporter_id).values(name=None, erased_at=work.now))
    _restamp_tickets(work, ticket_ids)
    return IdentityCounts(contacts, external_ids, quotes, errors, comments)


def scrub_quotes(work: Work, ticket_ids: list[UUID], scrub: Scrubber) -> int:
    """Every text of the tickets where the agency may have quoted the reporter: answers, notes, referrals,
    team posts on the ticket, hand-over items, the dispatch queue's errors, the audit details."""
    if not ticket_ids or not scrub.values:
        return 0
    in_tickets = message.c.ticket_id.in_(ticket_ids)
    changed = 0
    for table, column, where, stamp in (
        (ticket, ticket.c.subject, ticket.c.id.in_(ticket_ids), True),
        (attachment, attachment.c.filename, attachment.c.ticket_id.in_(ticket_ids), True),
        (message, message.c.body_text, in_tickets, True),
        (message, message.c.body_html, in_tickets, True),
        (note, note.c.body, note.c.ticket_id.in_(ticket_ids), True),
        (referral, referral.c.question, referral.c.ticket_id.in_(ticket_ids), True),
        (referral, referral.c.answer, referral.c.ticket_id.in_(ticket_ids), True),
        (discussion, discussion.c.title, discussion.c.ticket_id.in_(ticket_ids), True),
        (outbound_message, outbound_message.c.last_error, outbound_message.c.ticket_id.in_(ticket_ids), False),
    ):
        changed += _rewrite(work, table, table.c.id, column, where, scrub.text, stamp)
    posts = select(discussion.c.id).where(discussion.c.ticket_id.in_(ticket_ids))
    changed += _rewrite(
        work,
        discussion_post,
        discussion_post.c.id,
        discussion_post.c.body,
        discussion_post.c.discussion_id.in_(posts),
        scrub.text,
        True,
    )
    changed += _rewrite(
        work,
        handover_item,
        handover_item.c.id,
        handover_item.c.payload,
        handover_item.c.ticket_id.in_(ticket_ids),
        scrub.json_text,
        True,
    )
    # The audit log is append-only but for ``detail`` (db_users.py): what happened stays, a quoted value goes.
    changed += _rewrite(
        work, event, event.c.id, event.c.detail, event.c.ticket_id.in_(ticket_ids), scrub.json_text, False
    )
    return changed


def _erase_intake_errors(work: Work, ticket_ids: list[UUID], addresses: set[tuple[str, str]]) -> int:
    """Intake errors keep the citizen's raw message: those that landed in the reporter's tickets or came from
    one of their addresses are emptied and closed (they cannot be retried any more)."""
    erased = 0
    for row in work.conn.execute(select(intake_error.c.id, intake_error.c.ticket_id, intake_error.c.payload)).all():
        mine = row.ticket_id is not None and UUID(str(row.ticket_id)) in ticket_ids
        if not mine:
            try:
                data = json.loads(bytes(row.payload))
                mine = (str(data.get("channel")), str(data.get("sender_address") or "").lower()) in addresses
            except (ValueError, AttributeError):
                mine = False
        if mine:
            work.conn.execute(
                update(intake_error)
                .where(intake_error.c.id == row.id)
                .values(
                    external_id=f"erased-{row.id}",
                    summary=REDACTED,
                    error="the reporter's data was erased",
                    payload=b"{}",
                    resolved_at=func.coalesce(intake_error.c.resolved_at, work.now),
                    resolution=func.coalesce(intake_error.c.resolution, "dismissed"),
                    resolved_by=func.coalesce(
                        intake_error.c.resolved_by, work.actor.login if work.actor else "erasure"
                    ),
                )
            )
            erased += 1
    return erased


def _restamp_tickets(work: Work, ticket_ids: list[UUID], **values: Any) -> None:
    """A new version of the tickets (the reporter's name rides on the ticket row a client mirrors) and of
    their referrals (which carry the ticket's summary to other units)."""
    if not ticket_ids:
        return
    work.conn.execute(
        update(ticket)
        .where(ticket.c.id.in_(ticket_ids))
        .values(row_version=ticket.c.row_version + 1, change_seq=work.seq, **values)
    )
    work.conn.execute(update(referral).where(referral.c.ticket_id.in_(ticket_ids)).values(change_seq=work.seq))


# -- attachments -------------------------------------------------------------------------------------------


def neutral_filename(filename: str) -> str:
    """A name that says what kind of file it was and nothing of whom: ``lampiran-dihapus.jpg``."""
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix
    return _NEUTRAL_NAME + (suffix.lower() if _SAFE_EXTENSION.match(suffix) else "")


def purge_attachments(work: Work, where: Any) -> dict[UUID, int]:
    """Purge the content of the attachments ``where`` selects (not purged yet): the row stays with a neutral
    name, no size and the empty content; a blob no attachment refers to any more is deleted. Returns the
    number purged per ticket."""
    conn = work.conn
    rows = conn.execute(
        select(attachment.c.id, attachment.c.ticket_id, attachment.c.filename, attachment.c.sha256).where(
            where, attachment.c.purged_at.is_(None)
        )
    ).all()
    if not rows:
        return {}
    if conn.execute(select(blob.c.sha256).where(blob.c.sha256 == EMPTY_SHA256)).first() is None:
        conn.execute(insert(blob).values(sha256=EMPTY_SHA256, size=0, content=b""))
    per_ticket: dict[UUID, int] = {}
    for row in rows:
        conn.execute(
            update(attachment)
            .where(attachment.c.id == row.id)
            .values(
                filename=neutral_filename(row.filename),
                sha256=EMPTY_SHA256,
                size=0,
                risky=False,
                purged_at=work.now,
                change_seq=work.seq,
            )
        )
        ticket_id = UUID(str(row.ticket_id))
        per_ticket[ticket_id] = per_ticket.get(ticket_id, 0) + 1
    old = sorted({str(r.sha256) for r in rows} - {EMPTY_SHA256})
    still_used = select(attachment.c.sha256).where(attachment.c.sha256.in_(old))
    conn.execute(delete(blob).where(blob.c.sha256.in_(old), blob.c.sha256.not_in(still_used)))
    return per_ticket


# -- erasure on request ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ErasureReport:
    reporter_id: UUID
    tickets: tuple[str, ...]  # tracking numbers: they stay
    messages: int  # the citizen's messages emptied
    attachments: int
    contacts: int
    quotes: int
    intake_errors: int
    answers_stopped: int  # answers waiting in the dispatch queue that will not be sent
    comments: int  # public comments on Facebook or Instagram whose author and text were erased
    already_erased: bool  # erased before: this did what was left (nothing, or what arrived since)


def erase_reporter(work: Work, ref: ReporterRef, reason: str) -> ErasureReport:
    """Erase what is held about one reporter on their request (UU PDP): see the module's docstring."""
    reason = reason.strip()
    if not reason:
        raise BadInput("give the reason for the erasure (--reason), e.g. the request's letter number")
    conn = work.conn
    reporter_id = find_reporter(conn, ref)
    already = conn.execute(select(reporter.c.erased_at).where(reporter.c.id == reporter_id)).scalar() is not None
    ticket_ids = reporter_ticket_ids(conn, reporter_id)
    scrub = identity_scrubber(conn, reporter_id, ticket_ids)
    inbound = message.c.direction == Direction.INBOUND.value
    if ticket_ids:
        scrub.add(*conn.execute(select(ticket.c.subject).where(ticket.c.id.in_(ticket_ids))).scalars())
        for text in conn.execute(
            select(message.c.body_text).where(message.c.ticket_id.in_(ticket_ids), inbound)
        ).scalars():
            scrub.add_text(text)
        scrub.add(*conn.execute(select(attachment.c.filename).where(attachment.c.ticket_id.in_(ticket_ids))).scalars())
    scrub.values.discard(ERASED_TEXT)
    messages = 0
    if ticket_ids:
        messages = conn.execute(
            update(message)
            .where(
                message.c.ticket_id.in_(ticket_ids),
                inbound,
                or_(message.c.body_text != ERASED_TEXT, message.c.body_html.is_not(None)),
            )
            .values(body_text=ERASED_TEXT, body_html=None, change_seq=work.seq)
        ).rowcount
    stopped = _stop_answers(work, ticket_ids)
    purged = purge_attachments(work, attachment.c.ticket_id.in_(ticket_ids)) if ticket_ids else {}
    # What they wrote in public goes with what they wrote to the agency; the author goes with the identity.
    # The unit's public reply under such a comment may name them: it goes too (its state stays, so nothing is sent).
    replied_text = case((social_comment.c.reply_text.is_(None), None), else_=ERASED_TEXT)
    found = _their_comments(conn, ticket_ids, _addresses(conn, reporter_id))
    _comments_erased(work, found, body_text=ERASED_TEXT, reply_text=replied_text)
    identity = anonymise_identity(work, reporter_id, scrub)
    _restamp_tickets(work, ticket_ids, subject=ERASED_TEXT)
    counts = {
        "messages": messages,
        "attachments": sum(purged.values()),
        "contacts": identity.contacts,
        "quotes": identity.quotes,
        "intake_errors": identity.intake_errors,
        "answers_stopped": stopped,
        "comments": identity.comments,
    }
    numbers = dict(conn.execute(select(ticket.c.id, ticket.c.tracking_no).where(ticket.c.id.in_(ticket_ids))).all())
    audited: list[UUID | None] = [*ticket_ids] or [None]  # a reporter without reports: one event on none
    for ticket_id in audited:
        work.audit("reporter_erased", ticket_id, reason=scrub.text(reason), **counts)
    return ErasureReport(
        reporter_id=reporter_id,
        tickets=tuple(sorted(str(numbers[t]) for t in ticket_ids)),
        already_erased=already,
        **counts,
    )


def _stop_answers(work: Work, ticket_ids: list[UUID]) -> int:
    """Answers not sent yet go nowhere now: there is no address to send them to."""
    if not ticket_ids:
        return 0
    return work.conn.execute(
        update(outbound_message)
        .where(
            outbound_message.c.ticket_id.in_(ticket_ids), outbound_message.c.state.in_(["queued", "failed", "in_doubt"])
        )
        .values(state="failed", last_error="not sent: the reporter's data was erased on their request", not_before=None)
    ).rowcount


# -- export (the right of access) -----------------------------------------------------------------------------

# What an export holds, and why not more: the data subject's own data (UU PDP art. 7: access to and a copy of
# their personal data) — who they are, how to reach them, what they wrote and sent, what the agency answered
# them, and what became of each report (status, dates, the kinds of step taken). Internal notes, referral
# questions and answers between units and team posts are the agency's working papers (intra-agency memoranda,
# exempt from disclosure under UU KIP art. 17 letter j) and are not included; the history lists each step's
# kind and time, not its detail (officers' reasons, other people's names).


def export_reporter(conn: Connection, ref: ReporterRef, with_content: bool = False) -> dict[str, Any]:
    """Everything held about one reporter, as JSON-ready data; ``with_content``: the attachments' bytes in
    base64 under ``content_base64`` (for a zip), else their metadata only."""
    reporter_id = find_reporter(conn, ref)
    who = conn.execute(select(reporter).where(reporter.c.id == reporter_id)).one()
    contacts = conn.execute(
        select(reporter_contact.c.channel, reporter_contact.c.address)
        .where(reporter_contact.c.reporter_id == reporter_id)
        .order_by(reporter_contact.c.channel, reporter_contact.c.address)
    ).all()
    ticket_ids = reporter_ticket_ids(conn, reporter_id)
    return {
        "reporter": {
            "id": str(reporter_id),
            "name": who.name,
            "anonymous": bool(who.anonymous),
            "confidential": bool(who.confidential),
            "created_at": _time(who.created_at),
            "erased_at": _time(who.erased_at),
        },
        "contacts": [{"channel": c.channel, "address": c.address} for c in contacts],
        "tickets": [_ticket_export(conn, t, with_content) for t in ticket_ids],
        "comments": [
            {
                "channel": c.channel,
                "comment_id": c.external_id,
                "post_id": c.post_id,
                "author": c.author_name,
                "text": c.body_text,
                "written_at": _time(c.created_at),
                "report": c.tracking_no,  # the report made of it, if any
                "public_reply": c.reply_text if c.reply_state == "sent" else None,  # the unit's answer under it
            }
            for c in conn.execute(
                select(social_comment, channel_account.c.channel, ticket.c.tracking_no)
                .join(channel_account, channel_account.c.id == social_comment.c.account_id)
                .outerjoin(ticket, ticket.c.id == social_comment.c.ticket_id)
                .where(social_comment.c.id.in_(_their_comments(conn, ticket_ids, _addresses(conn, reporter_id))))
                .order_by(social_comment.c.created_at, social_comment.c.id)
            )
        ],
        "not_included": "internal notes, referrals between units and team discussions (the agency's working papers)",
    }


def _ticket_export(conn: Connection, ticket_id: UUID, with_content: bool) -> dict[str, Any]:
    row = conn.execute(
        select(ticket, unit.c.code.label("unit_code"))
        .join(unit, unit.c.id == ticket.c.unit_id)
        .where(ticket.c.id == ticket_id)
    ).one()
    messages = conn.execute(
        select(
            message.c.id,
            message.c.direction,
            message.c.channel,
            message.c.body_text,
            message.c.body_html,
            message.c.created_at,
        )
        .where(message.c.ticket_id == ticket_id)
        .order_by(message.c.created_at, message.c.id)
    ).all()
    files = conn.execute(
        select(attachment).where(attachment.c.ticket_id == ticket_id).order_by(attachment.c.created_at, attachment.c.id)
    ).all()
    history = conn.execute(
        select(event.c.action, event.c.created_at).where(event.c.ticket_id == ticket_id).order_by(event.c.id)
    ).all()
    return {
        "tracking_no": row.tracking_no,
        "kind": row.kind,
        "category": row.category,
        "status": row.status,
        "unit": row.unit_code,
        "channel": row.channel,
        "subject": row.subject,
        "created_at": _time(row.created_at),
        "closed_at": _time(row.closed_at),
        "messages": [
            {
                "id": str(m.id),
                "direction": m.direction,
                "channel": m.channel,
                "text": m.body_text,
                "html": m.body_html,
                "created_at": _time(m.created_at),
            }
            for m in messages
        ],
        "attachments": [_attachment_export(conn, a, with_content) for a in files],
        "history": [{"action": h.action, "at": _time(h.created_at)} for h in history],
    }


def _attachment_export(conn: Connection, row: Any, with_content: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(row.id),
        "message_id": None if row.message_id is None else str(row.message_id),
        "filename": row.filename,
        "content_type": row.content_type,
        "size": row.size,
        "sha256": row.sha256,
        "created_at": _time(row.created_at),
        "purged_at": _time(row.purged_at),
    }
    if with_content and row.purged_at is None:
        content = conn.execute(select(blob.c.content).where(blob.c.sha256 == row.sha256)).scalar()
        if content is not None:
            data["content_base64"] = base64.b64encode(bytes(content)).decode("ascii")
    return data


def _time(value: Any) -> str | None:
    return None if value is None else value.isoformat() + "Z"
