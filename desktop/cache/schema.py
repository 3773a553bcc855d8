"""The local cache's tables: a mirror of the central rows an officer may see, the outbox, and the overlay.

Mirror tables copy the columns the feed sends (``store/feed.py``), so a pulled row is stored as it comes.
The overlay holds what pending operations change, so that the officer sees their work at once; every
overlay row names the outbox operation it belongs to and goes away with it.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    text,
)

from ..store import feed

CACHE_VERSION = 6  # 2: discussion overlay, drafts, read marks, canned responses; outbox ops without a ticket
# 3: service-level clocks, calendars and policies (a fresh snapshot fills them)
# 4: what became of each answer to a citizen (message.delivery)
# 5: ticket.content_withheld, a confidential report the officer reads the summary of (a fresh snapshot)
# 6: ticket.assigned_by/assigned_at (who handed the claim to its holder), local_ticket.assigned_to
metadata = MetaData()


def _mirror(name: str, columns: list[Column[object]], *extra: Column[object]) -> Table:
    copied = [Column(c.name, c.type, primary_key=c.primary_key) for c in columns]
    return Table(name, metadata, *copied, *extra)


ticket = _mirror(
    "ticket",
    feed.TICKET_COLUMNS,
    Column("reporter_name", String(200)),
    Column("reporter_anonymous", Boolean),
    Column("reporter_confidential", Boolean),
    # Set by the server for a confidential report the officer may not read (``store/confidentiality.py``): the
    # row is its summary (subject empty, no reporter's name) and the mirror holds none of its thread.
    Column("content_withheld", Boolean),
)
Index("ix_ticket_unit_status_due", ticket.c.unit_id, ticket.c.status, ticket.c.due_at)
Index("ix_ticket_claimed_by", ticket.c.claimed_by)
Index("ix_ticket_tracking_no", ticket.c.tracking_no)
Index("ix_ticket_row_version", ticket.c.row_version)  # the checksum after every pull reads only this index
# The inbox's sorts walk these (desktop/views/inbox.py); SQLite ends every entry with the rowid, the
# inbox's tie-break, so one column each is enough. Status, unit and holder sorts walk ix_ticket_status,
# ix_ticket_unit and ix_ticket_claimed_by one value at a time.
Index("ix_ticket_subject", ticket.c.subject.collate("NOCASE"))
Index("ix_ticket_reporter_name", ticket.c.reporter_name.collate("NOCASE"))
Index("ix_ticket_channel", ticket.c.channel)
Index("ix_ticket_kind", ticket.c.kind)
Index("ix_ticket_status", ticket.c.status)
Index("ix_ticket_unit", ticket.c.unit_id)
Index("ix_ticket_due", ticket.c.due_at)
Index("ix_ticket_updated", ticket.c.updated_at)
# The open tickets by deadline: the default sort of the views that show open tickets only (Unclaimed, My
# unit, Due) and of an open status. Closed tickets are most of a cache and hold the earliest deadlines, so
# a walk of ix_ticket_due skipped hundreds of thousands of them before the first open one. The inbox
# repeats this WHERE word for word (inbox.OPEN_SQL): SQLite uses a partial index only for a query that
# contains its condition.
OPEN_CONDITION = "status NOT IN ('diarsipkan', 'selesai')"
Index("ix_ticket_open_due", ticket.c.due_at, sqlite_where=text(OPEN_CONDITION))

message = _mirror("message", feed.MESSAGE_COLUMNS)
Index("ix_message_ticket", message.c.ticket_id, message.c.created_at)
note = _mirror("note", feed.NOTE_COLUMNS)
Index("ix_note_ticket", note.c.ticket_id)
attachment = _mirror("attachment", feed.ATTACHMENT_COLUMNS)
Index("ix_attachment_ticket", attachment.c.ticket_id)
handover_item = _mirror("handover_item", feed.HANDOVER_COLUMNS)
Index("ix_handover_ticket", handover_item.c.ticket_id)
discussion = _mirror("discussion", feed.DISCUSSION_COLUMNS)
discussion_post = _mirror("discussion_post", feed.POST_COLUMNS)
Index("ix_post_discussion", discussion_post.c.discussion_id)
canned_response = _mirror("canned_response", feed.CANNED_COLUMNS)
sla_clock = _mirror("sla_clock", feed.SLA_CLOCK_COLUMNS)
calendar = _mirror("calendar", feed.CALENDAR_COLUMNS)
calendar_day_off = _mirror("calendar_day_off", feed.DAY_OFF_COLUMNS)
sla_policy = _mirror("sla_policy", feed.POLICY_COLUMNS)
# Referrals on my tickets and to my units, with the ticket's summary (``feed.referral_summary``): the
# referred unit answers from these alone. New in version 3 without a bump: there was nothing to mirror.
referral = _mirror(
    "referral",
    feed.REFERRAL_COLUMNS,
    Column("ticket_tracking_no", String(32)),
    Column("ticket_subject", String(300)),  # None for a confidential reporter
    Column("first_message", Text),  # the citizen's first message; None for a confidential reporter
    Column("reporter_name", String(200)),  # never an anonymous or confidential reporter's
    Column("reporter_anonymous", Boolean),
    Column("reporter_confidential", Boolean),
)
Index("ix_referral_ticket", referral.c.ticket_id)
Index("ix_referral_to_unit", referral.c.to_unit_id)

mention = Table(
    "mention",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("officer_id", Integer, nullable=False),
    Column("note_id", Uuid),
    Column("post_id", Uuid),
)
unit = Table(
    "unit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(40), nullable=False),
    Column("name", String(200), nullable=False),
    Column("parent_id", Integer),
    Column("lease_seconds", Integer, nullable=False),
)
officer = Table(
    "officer",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("login", String(63), nullable=False),
    Column("name", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("active", Boolean, nullable=False),
)
membership = Table(
    "membership",
    metadata,
    Column("officer_id", Integer, primary_key=True),
    Column("unit_id", Integer, primary_key=True),
)

# Tables whose rows belong to a ticket: removed with it when it leaves the officer's scope.
TICKET_CHILDREN = {
    "message": message,
    "note": note,
    "attachment": attachment,
    "handover_item": handover_item,
    "sla_clock": sla_clock,
}
DIRECTORY = {
    "calendar": calendar,
    "calendar_day_off": calendar_day_off,
    "sla_policy": sla_policy,
    "unit": unit,
    "officer": officer,
    "membership": membership,
}
# The mirror table of each section of a pull that is upserted as it comes (tickets and the directory aside).
PULLED = {
    **TICKET_CHILDREN,
    "referral": referral,  # upserted; see Feed.referrals on rows that leave the scope
    "discussion": discussion,
    "discussion_post": discussion_post,
    "mention": mention,
    "canned_response": canned_response,
}
# Every section of a pull, by name, with the table its rows go to.
SECTIONS = {**DIRECTORY, "ticket": ticket, **PULLED}

sync_state = Table(
    "sync_state",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text),
)

outbox = Table(
    "outbox",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # push order
    Column("op_id", Uuid, nullable=False, unique=True),
    Column("kind", String(20), nullable=False),
    Column("ticket_id", Uuid),  # None for operations on team discussions
    Column("payload", Text, nullable=False),
    Column("token", BigInteger),
    # Made after a claim that is itself still queued: the token comes from that claim's outcome.
    Column("token_from", Uuid),
    Column("offline", Boolean, nullable=False),
    Column("created_at", DateTime, nullable=False),  # the workstation's clock: for display only
    Column("state", String(20), nullable=False, default="pending"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("outcome", Text),
    Column("finished_at", DateTime),
    Column("dismissed_at", DateTime),  # the officer has seen a rejection or hand-over
)
Index("ix_outbox_state_seq", outbox.c.state, outbox.c.seq)

# The overlay: pending changes shown over the mirror.
local_ticket = Table(
    "local_ticket",
    metadata,
    Column("ticket_id", Uuid, primary_key=True),
    Column("op_id", Uuid, nullable=False),  # the newest pending op that shaped this row
    Column("status", String(30)),
    Column("unit_code", String(40)),
    Column("claimed", Boolean),  # True: a claim is queued; False: a release or transfer is queued
    Column("assigned_to", Integer),  # an assignment is queued: the officer it lands claimed for
    Column("new_ticket", Text),  # a ticket created here: its fields, as JSON, until the server numbers it
)
local_message = Table(
    "local_message",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("op_id", Uuid, nullable=False, index=True),
    Column("ticket_id", Uuid, nullable=False, index=True),
    Column("body_text", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
local_note = Table(
    "local_note",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("op_id", Uuid, nullable=False, index=True),
    Column("ticket_id", Uuid, nullable=False, index=True),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
local_discussion = Table(
    "local_discussion",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("op_id", Uuid, nullable=False, index=True),
    Column("unit_id", Integer, nullable=False),
    Column("title", String(300), nullable=False),
    Column("ticket_id", Uuid),
    Column("created_at", DateTime, nullable=False),
)
local_post = Table(
    "local_post",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("op_id", Uuid, nullable=False, index=True),
    Column("discussion_id", Uuid, nullable=False, index=True),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
# A referral asked here (ticket, unit and question) or answered here (answer), until its op is done.
local_referral = Table(
    "local_referral",
    metadata,
    Column("op_id", Uuid, primary_key=True),
    Column("referral_id", Uuid, nullable=False, index=True),
    Column("ticket_id", Uuid),
    Column("to_unit_id", Integer),
    Column("question", Text),
    Column("answer", Text),
    Column("created_at", DateTime, nullable=False),
)
OVERLAY = (local_ticket, local_message, local_note, local_discussion, local_post, local_referral)

# Only on this workstation, never synced.
draft = Table(
    "draft",
    metadata,
    Column("ticket_id", Uuid, primary_key=True),
    Column("kind", String(10), primary_key=True),  # "reply" or "note"
    Column("body", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
discussion_read = Table(
    "discussion_read",
    metadata,
    Column("discussion_id", Uuid, primary_key=True),
    Column("read_at", DateTime, nullable=False),  # posts created after it are unread
)

blob_cache = Table(
    "blob_cache",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("content", LargeBinary, nullable=False),
)
