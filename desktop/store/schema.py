"""The central schema, one Table per concept of DESIGN.md's data model.

Conventions that hold on PostgreSQL, MariaDB and SQLite alike:
- times are naive UTC taken from the database server's clock (see ``clock.py``);
- ticket, message, note and reporter ids are UUIDv7, so clients can create them offline;
- every table a client mirrors has ``change_seq`` (see ``changes.py``) for the pull cursor.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.dialects import mysql

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# MariaDB's DATETIME drops fractions unless asked, and its TEXT stops at 64 KiB.
Timestamp = DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
LongText = Text().with_variant(mysql.MEDIUMTEXT(), "mysql", "mariadb")
Blob = LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")
Seq = BigInteger().with_variant(Integer(), "sqlite")  # SQLite autoincrements only INTEGER keys


def _change_seq() -> Column[int]:
    return Column("change_seq", BigInteger, nullable=False, server_default=text("0"), index=True)


unit = Table(
    "unit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("parent_id", Integer, ForeignKey("unit.id")),
    Column("lease_seconds", Integer, nullable=False, server_default=text("14400")),
    Column("created_at", Timestamp, nullable=False),
    # Retention (UU PDP, store/retention.py): days after a report closes when its reporter's identity is
    # anonymised, and when its attachments' content is purged. None: kept (the unit has set no limit).
    Column("identity_retention_days", Integer),
    Column("attachment_retention_days", Integer),
)

officer = Table(
    "officer",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("login", String(63), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("created_at", Timestamp, nullable=False),
    # The Argon2id hash (PHC string) of the officer's password for `aduan server` (store/accounts.py);
    # None: the officer cannot sign in to the server (yet).
    Column("password_hash", String(200)),
    Column("password_changed_at", Timestamp),
)

# A signed-in device of an officer (store/accounts.py). The bearer token is never stored, only its SHA-256
# (hex): a copy of this table signs no one in.
officer_session = Table(
    "officer_session",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("officer_id", Integer, ForeignKey("officer.id"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("device", String(200), nullable=False),
    Column("address", String(64)),
    Column("created_at", Timestamp, nullable=False),
    Column("last_seen_at", Timestamp, nullable=False),
    Column("expires_at", Timestamp, nullable=False),
    Column("revoked_at", Timestamp),
)

# Every sign-in attempt, known login or not: the throttle counts the recent failures per login and per
# address. Rows older than a day serve no throttle and may be pruned (accounts.prune_sign_in_attempts).
sign_in_attempt = Table(
    "sign_in_attempt",
    metadata,
    Column("id", Seq, primary_key=True, autoincrement=True),
    Column("login", String(63), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", Timestamp, nullable=False),
    Column("succeeded", Boolean, nullable=False),
    Index("ix_sign_in_attempt_login_at", "login", "at"),
    Index("ix_sign_in_attempt_address_at", "address", "at"),
)

membership = Table(
    "membership",
    metadata,
    Column("officer_id", Integer, ForeignKey("officer.id"), primary_key=True),
    Column("unit_id", Integer, ForeignKey("unit.id"), primary_key=True),
)

reporter = Table(
    "reporter",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(200)),
    Column("anonymous", Boolean, nullable=False, server_default=text("false")),
    Column("confidential", Boolean, nullable=False, server_default=text("false")),
    Column("created_at", Timestamp, nullable=False),
    # When the reporter's identity was anonymised (retention or a data-subject request): name and contacts
    # are gone; the tickets keep their numbers and history.
    Column("erased_at", Timestamp),
)

reporter_contact = Table(
    "reporter_contact",
    metadata,
    Column("id", Seq, primary_key=True, autoincrement=True),
    Column("reporter_id", Uuid, ForeignKey("reporter.id"), nullable=False, index=True),
    Column("channel", String(20), nullable=False),
    Column("address", String(320), nullable=False),
    # Not unique: a contact is matched only to reporters the recording officer's scope holds
    # (``tickets._store_reporter``), so another unit's reporter with the same address gets a reporter of its own.
    Index("ix_reporter_contact_channel_address", "channel", "address"),
)

ticket = Table(
    "ticket",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("tracking_no", String(32), nullable=False, unique=True),
    Column("kind", String(30), nullable=False),
    Column("category", String(100)),
    Column("priority", SmallInteger, nullable=False, server_default=text("2")),
    Column("status", String(30), nullable=False),
    Column("unit_id", Integer, ForeignKey("unit.id"), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("reporter_id", Uuid, ForeignKey("reporter.id")),
    Column("external_ref", String(100)),
    Column("first_response_due_at", Timestamp),
    Column("due_at", Timestamp),
    Column("master_id", Uuid, ForeignKey("ticket.id"), index=True),  # the ticket this one duplicates
    Column("claimed_by", Integer, ForeignKey("officer.id"), index=True),
    Column("claim_device", String(100)),
    Column("claim_token", BigInteger, nullable=False, server_default=text("0")),
    Column("claim_expires_at", Timestamp),
    Column("row_version", BigInteger, nullable=False, server_default=text("1")),
    _change_seq(),
    Column("created_by", Integer, ForeignKey("officer.id")),
    Column("created_at", Timestamp, nullable=False),
    Column("updated_at", Timestamp, nullable=False),
    Column("closed_at", Timestamp),
    Column("deleted_at", Timestamp),
    # The unit a transfer took it from: a pull tells that unit's officers it left their scope, and nobody
    # else learns that it changed (``feed.Feed.removed_tickets``).
    Column("left_unit_id", Integer, ForeignKey("unit.id")),
    # Who handed the current claim to its holder (a supervisor's assignment, ``store/assignment.py``) and when;
    # cleared when the holder acts on it or the claim ends, so the holder's desk says "assigned to you by …"
    # until then.
    Column("assigned_by", Integer, ForeignKey("officer.id")),
    Column("assigned_at", Timestamp),
    # "Pick next" and the inbox walk this index: open tickets of a unit by deadline.
    Index("ix_ticket_unit_id_status_due_at", "unit_id", "status", "due_at"),
    # A reporter's reports: the statistics' returning reporters, erasure.
    Index("ix_ticket_reporter_id", "reporter_id"),
    # The statistics' backlog: the open reports of a period.
    Index("ix_ticket_status_created_at", "status", "created_at"),
    # The count and checksum of an officer's scope after every pull (``feed.Feed.checksum``), read from this
    # index alone. row_version leads so that no lookup ever seeks by it: led by deleted_at, SQLite (no
    # statistics) would drive a pull's joins from "every live ticket" instead of the changed rows.
    Index("ix_ticket_row_version_deleted_at_unit_id_claimed_by", "row_version", "deleted_at", "unit_id", "claimed_by"),
)

message = Table(
    "message",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("ticket_id", Uuid, ForeignKey("ticket.id"), nullable=False),
    Column("direction", String(10), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("external_id", String(255)),
    Column("author_id", Integer, ForeignKey("officer.id")),
    Column("body_text", LongText, nullable=False),
    Column("body_html", LongText),
    Column("claim_token", BigInteger),
    _change_seq(),
    Column("created_at", Timestamp, nullable=False),
    # The channel account an inbound message came through: answers go out through the same one.
    Column("account_id", Integer, ForeignKey("channel_account.id")),
    # What became of an answer to the citizen (store/outbox.py), for officers to see: queued, sent,
    # failed, in_doubt, or recorded (a channel Aduan does not send through). None on citizens' messages.
    Column("delivery", String(20)),
    Index("ix_message_ticket_id_created_at", "ticket_id", "created_at"),
    # Intake is idempotent: the same outside message is stored once per channel.
    Index("uq_message_channel_external_id", "channel", "external_id", unique=True),
)

note = Table(
    "note",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("ticket_id", Uuid, ForeignKey("ticket.id"), nullable=False, index=True),
    Column("author_id", Integer, ForeignKey("officer.id"), nullable=False),
    Column("body", LongText, nullable=False),
    Column("added_offline", Boolean, nullable=False, server_default=text("false")),
    _change_seq(),
    Column("created_at", Timestamp, nullable=False),
)

blob = Table(
    "blob",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("content", Blob, nullable=False),
)

attachment = Table(
    "attachment",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("ticket_id", Uuid, ForeignKey("ticket.id"), nullable=False, index=True),
    Column("message_id", Uuid, ForeignKey("message.id")),
    Column("note_id", Uuid, ForeignKey("note.id")),
    Column("filename", String(255), nullable=False),
    Column("content_type", String(127), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("sha256", String(64), ForeignKey("blob.sha256"), nullable=False),
    Column("risky", Boolean, nullable=False, server_default=text("false")),
    _change_seq(),
    Column("created_at", Timestamp, nullable=False),
    # When retention or an erasure removed its content (the blob row goes once nothing refers to it).
    Column("purged_at", Timestamp),
)

discussion = Table(
    "discussion",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("unit_id", Integer, ForeignKey("unit.id"), nullable=False, index=True),
    Column("title", String(300), nullable=False),
    Column("ticket_id", Uuid, ForeignKey("ticket.id")),
    Column("created_by", Integer, ForeignKey("officer.id"), nullable=False),
    _change_seq(),
    Column("created_at", Timestamp, nullable=False),
)

discussion_post = Table(
    "discussion_post",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("discussion_id", Uuid, ForeignKey("discussion.id"), nullable=False, index=True),
    Column("author_id", Integer, ForeignKey("officer.id"), nullable=False),
    Column("body", LongText, nullable=False),
    _change_seq(),
    Column("created_at", Timestamp, nullable=False),
)

mention = Table(
    "mention",
    metadata,
    Column("id", Seq, primary_key=True, autoincrement=True),
    Column("officer_id", Integer, ForeignKey("officer.id"), nullable=False, index=True),
    Column("note_id", Uuid, ForeignKey("note.id")),
    Column("post_id", Uuid, ForeignKey("discussion_post.id")),
    Column("seen_at", Timestamp),
)

# A confidential report's content reaches only the handling unit's officers and those it was explicitly
# shared with (store/sharing.py); a share names one officer and who shared it.
ticket_share = Table(
    "ticket_share",
    metadata,
    Column("ticket_id", Uuid, ForeignKey("ticket.id"), primary_key=True),
    Column("officer_id", Integer, ForeignKey("officer.id"), primary_key=True, index=True),
    Column("shared_by", Integer, ForeignKey("officer.id")),
    Column("created_at", Timestamp, nullable=False),
)

event = Table(
    "event",
    metadata,
    Column("id", Seq, primary_key=True, autoincrement=True),
    Column("ticket_id", Uuid, ForeignKey("ticket.id"), index=True),
    Column("officer_id", Integer, ForeignKey("officer.id")),
    Column("action", String(40), nullable=False),
    Column("claim_token", BigInteger),
    Column("online", Boolean, nullable=False, server_default=text("true")),
    Column("device", String(100)),
    Column("detail", Text),
    _change_seq(),
    Column("created_at", Timestamp, nullable=False),
)

canned_response = Table(
    "canned_response",
    metadata,
    Column("id", Seq, primary_key=True, autoincrement=True),
    Column("key", String(100), nullable=False),
    Column("version", Integer, nullable=False),
    Column("unit_id", Integer, ForeignKey("unit.id")),
    Column("title", String(300), nullable=False),
    Column("body", LongText, nullable=False),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("created_by", Integer, ForeignKey("officer.id")),
    _change_seq(),
    Column("created_at", Timestamp, nullable=False),
    Index("uq_canned_response_key_version", "key", "version", unique=True),
)

calendar = Table(
    "calendar",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("unit.id"), unique=True),
    Column("timezone", String(40), nullable=False, server_default=text("'Asia/Jakarta'")),
    Column("work_start_minute", SmallInteger, nullable=False, server_default=text("480")),
    Column("work_end_minute", SmallInteger, nullable=False, server_default=text("960")),
    Column("weekend_days", String(20), nullable=False, server_default=text("'5,6'")),
    Column("national_holidays", Boolean, nullable=False, server_default=text("true")),
    _change_seq(),
)

calendar_day_off = Table(
    "calendar_day_off",
    metadata,
    Column("calendar_id", Integer, ForeignKey("calendar.id"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("name", String(200), nullable=False),
)

sla_policy = Table(
    "sla_policy",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("unit.id")),
    Column("kind", String(30)),
    Column("category", String(100)),
    Column("priority", SmallInteger),
    Column("verify_working_days", SmallInteger, nullable=False, server_default=text("3")),
    Column("follow_up_working_days", SmallInteger, nullable=False, server_default=text("5")),
    Column("reporter_wait_working_days", SmallInteger, nullable=False, server_default=text("10")),
    Column("resolution_days", SmallInteger, nullable=False, server_default=text("60")),
    Column("warn_percent", SmallInteger, nullable=False, server_default=text("75")),
    Column("restart_on_transfer", Boolean, nullable=False, server_default=text("false")),
    _change_seq(),
)

# The service-level clocks of a ticket (see domain/sla.py), kept as running totals so that a client can
# show each countdown offline from the row and its unit's calendar alone.
sla_clock = Table(
    "sla_clock",
    metadata,
    Column("ticket_id", Uuid, ForeignKey("ticket.id"), primary_key=True),
    Column("clock", String(20), primary_key=True),  # response, follow_up, reporter_wait, resolution
    Column("target_minutes", Integer, nullable=False),
    Column("used_minutes", Integer, nullable=False, server_default=text("0")),
    Column("running_since", Timestamp),  # None while paused or stopped
    Column("stopped_at", Timestamp),
    Column("due_at", Timestamp),  # when it breaches if it keeps running; None while paused or stopped
    Column("warn_percent", SmallInteger, nullable=False, server_default=text("75")),
    # Working minutes of the clock that passed while the work that stopped it waited offline.
    Column("offline_minutes", Integer, nullable=False, server_default=text("0")),
    Column("escalated_at", Timestamp),
    _change_seq(),
)

# Referral: another unit is asked for input without handing the ticket over; its answer becomes a note.
referral = Table(
    "referral",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("ticket_id", Uuid, ForeignKey("ticket.id"), nullable=False, index=True),
    Column("from_unit_id", Integer, ForeignKey("unit.id"), nullable=False),
    Column("to_unit_id", Integer, ForeignKey("unit.id"), nullable=False, index=True),
    Column("question", LongText, nullable=False),
    Column("asked_by", Integer, ForeignKey("officer.id"), nullable=False),
    Column("answer", LongText),
    Column("answered_by", Integer, ForeignKey("officer.id")),
    Column("answered_at", Timestamp),
    Column("note_id", Uuid, ForeignKey("note.id")),
    _change_seq(),
    Column("created_at", Timestamp, nullable=False),
)

channel_account = Table(
    "channel_account",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("unit.id"), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("config", Text, nullable=False, server_default=text("'{}'")),  # never secrets
    Column("secret_ref", String(200)),  # a keyring entry or environment variable on the worker
    Column("enabled", Boolean, nullable=False, server_default=text("true")),
    Column("last_poll_at", Timestamp),
    Column("last_error", Text),
    Column("cursor", String(200)),
)

outbound_message = Table(
    "outbound_message",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("ticket_id", Uuid, ForeignKey("ticket.id"), nullable=False, index=True),
    Column("message_id", Uuid, ForeignKey("message.id"), nullable=False, unique=True),
    Column("channel", String(20), nullable=False),
    Column("op_id", Uuid, nullable=False, unique=True),
    # queued → sending → sent; failed (refused for good) and in_doubt (a crash while sending, on a channel
    # where sending again could reach the citizen twice) wait for an admin. See channels/dispatch.py.
    Column("state", String(20), nullable=False, server_default=text("'queued'")),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("last_error", Text),
    Column("created_at", Timestamp, nullable=False),
    Column("sent_at", Timestamp),
    Column("account_id", Integer, ForeignKey("channel_account.id")),  # the account it is sent through
    # Not before this moment: the backoff after a failure, or the lease of the worker that is sending it.
    Column("not_before", Timestamp),
    Index("ix_outbound_message_state_created_at", "state", "created_at"),
)

# What arrived but could not be stored: kept whole, shown to admins in the Channels view, retried or
# dismissed by them. One row per account and outside message; a repeated failure counts attempts.
intake_error = Table(
    "intake_error",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("channel_account.id"), nullable=False),
    Column("external_id", String(255), nullable=False),
    Column("summary", String(300), nullable=False),  # sender and subject, for the admin's list
    Column("error", Text, nullable=False),
    Column("payload", Blob, nullable=False),  # the message as JSON (domain/inbound.py), to retry it
    Column("attempts", Integer, nullable=False, server_default=text("1")),
    Column("first_at", Timestamp, nullable=False),
    Column("last_at", Timestamp, nullable=False),
    Column("resolved_at", Timestamp),
    Column("resolution", String(20)),  # stored | dismissed
    Column("resolved_by", String(100)),
    Column("ticket_id", Uuid, ForeignKey("ticket.id")),  # where a retried message landed
    Index("uq_intake_error_account_id_external_id", "account_id", "external_id", unique=True),
)

# Comments under a Facebook Page's posts or an Instagram account's media (channels/meta/): kept as they
# arrive, made a ticket only when an officer chooses; personal_data flags a comment that shows a NIK, a phone
# number or an e-mail address, which is then answered only in private.
social_comment = Table(
    "social_comment",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("channel_account.id"), nullable=False),
    Column("external_id", String(255), nullable=False),  # the comment's id
    Column("post_id", String(255), nullable=False),  # the post's or media's id
    Column("author_id", String(255)),
    Column("author_name", String(200)),
    Column("body_text", Text, nullable=False),
    Column("personal_data", Boolean, nullable=False),
    Column("created_at", Timestamp, nullable=False),  # when it was written (received, when Meta gave no time)
    Column("received_at", Timestamp, nullable=False),
    Column("ticket_id", Uuid, ForeignKey("ticket.id")),  # once an officer made a ticket of it
    # The unit's public answer under it (domain/social.py ReplyState), sent by the worker at most once.
    Column("reply_text", Text),
    Column("reply_state", String(20)),
    Column("reply_by", Integer, ForeignKey("officer.id")),
    Column("reply_error", Text),
    Column("reply_external_id", String(255)),  # the reply's own comment id, once Meta took it
    Column("replied_at", Timestamp),  # when the officer wrote it; then when Meta took it
    Index("ix_social_comment_reply_state", "reply_state"),
    Index("uq_social_comment_account_id_external_id", "account_id", "external_id", unique=True),
    Index("ix_social_comment_account_id_ticket_id_created_at", "account_id", "ticket_id", "created_at"),
)

applied_op = Table(
    "applied_op",
    metadata,
    Column("op_id", Uuid, primary_key=True),
    Column("officer_id", Integer, ForeignKey("officer.id"), nullable=False),
    Column("outcome", String(30), nullable=False),
    Column("result", Text),
    Column("applied_at", Timestamp, nullable=False),
)

handover_item = Table(
    "handover_item",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("ticket_id", Uuid, ForeignKey("ticket.id"), nullable=False, index=True),
    Column("from_officer_id", Integer, ForeignKey("officer.id"), nullable=False),
    Column("to_officer_id", Integer, ForeignKey("officer.id")),
    Column("op_id", Uuid, nullable=False, unique=True),
    Column("kind", String(30), nullable=False),
    Column("payload", LongText, nullable=False),
    _change_seq(),
    Column("created_at", Timestamp, nullable=False),
    Column("resolved_at", Timestamp),
)

# Which client versions the server accepts (store/client_policy.py): one row for every unit (``scope`` 0,
# ``unit_id`` NULL) and at most one per unit (``scope`` = the unit's id), so that the primary key keeps the
# global row single (a NULL unit_id alone would not: NULLs are distinct in a unique index).
client_policy = Table(
    "client_policy",
    metadata,
    Column("scope", Integer, primary_key=True, autoincrement=False),
    Column("unit_id", Integer, ForeignKey("unit.id"), unique=True),
    Column("min_version", String(40), nullable=False),
    Column("installer", String(500), nullable=False),  # an https:// URL or a \\server\share path
    Column("note", String(500)),
    Column("updated_by", Integer, ForeignKey("officer.id")),  # None: the owner's own tools
    Column("updated_at", Timestamp, nullable=False),
    CheckConstraint("scope = coalesce(unit_id, 0)", name="scope_is_unit"),
)

# The statistics' daily roll-up (``reports/rollup.py``): reports received per local day of the agency's time
# zone, unit, channel, kind, category and priority, kept up to date from the tickets' change stamps. Derived
# data only the server reads: no change stamp, never mirrored by a client.
stats_day = Table(
    "stats_day",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("day", Date, nullable=False),
    Column("unit_id", Integer, ForeignKey("unit.id"), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("category", String(100), nullable=False),  # '' for none: NULLs are never equal in a unique key
    Column("priority", SmallInteger, nullable=False),
    Column("received", Integer, nullable=False),
    UniqueConstraint("day", "unit_id", "channel", "kind", "category", "priority"),
)
# The line of ``stats_day`` each ticket is counted on (``day_id`` NULL: not counted, a deleted ticket), so that a
# ticket that changes unit, category, kind or priority moves from its old line to its new one; and what its
# service levels need (``reports/figures.service_levels``): the officer it is counted for, and the verdict of its
# first-response and resolution clocks once they stopped ('met' or 'breached', with the working minutes used),
# 'open' while they run or wait (judged when asked), NULL for a clock that never ran.
stats_counted = Table(
    "stats_counted",
    metadata,
    Column("ticket_id", Uuid, ForeignKey("ticket.id"), primary_key=True),
    Column("day_id", Integer, ForeignKey("stats_day.id")),
    Column("handler_id", Integer, ForeignKey("officer.id")),
    Column("response", String(10)),
    Column("response_minutes", Integer),
    Column("resolution", String(10)),
    Column("resolution_minutes", Integer),
    # The service levels of a period read the tickets of its lines.
    Index("ix_stats_counted_day_id", "day_id"),
)
# One row: the time zone the roll-up's days are in ('' before its first build) and the change stamp it has
# counted through (the change counter's value; on PostgreSQL the oldest transaction then still running).
stats_rollup = Table(
    "stats_rollup",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("zone", String(64), nullable=False),
    Column("through", BigInteger),
)

# Named counters: "change" orders commits for the pull cursor (MariaDB, SQLite);
# "tracking:ADU-2026" numbers the year's tickets.
counter = Table(
    "counter",
    metadata,
    Column("name", String(60), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

# The public web form (``store/web_form.py``, ``server/web_form.py``): a report filed through it, the unit it was
# filed to (its hourly limit counts these) and the SHA-256 of its private status link's secret — the secret
# itself is only ever in the citizen's hands. Server data: never mirrored by a client.
web_report = Table(
    "web_report",
    metadata,
    Column("ticket_id", Uuid, ForeignKey("ticket.id"), primary_key=True),
    Column("unit_id", Integer, ForeignKey("unit.id"), nullable=False),
    Column("secret_sha256", String(64), nullable=False, unique=True),
    Column("created_at", Timestamp, nullable=False),
    Index("ix_web_report_unit_id_created_at", "unit_id", "created_at"),
)
# One row: the key the web form's tokens are signed with (HMAC-SHA256), made on first use, shared by every
# ``aduan server`` process on the database.
web_form_key = Table(
    "web_form_key",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("secret", String(64), nullable=False),
)
