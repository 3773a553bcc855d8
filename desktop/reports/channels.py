"""One screen for every channel account: each account's health beside what went through it today, the citizens
waiting for an answer on it, and how fast they were answered this week.

Counts and durations only, as every figure of ``reports/``: no ticket, reporter or text leaves this module, so
anonymous and confidential reports are counted and never shown.

- *Today* is the local day of the agency's calendar (``sla calendar set`` without ``--unit``; WIB by default)
  that holds ``now``, up to ``now``.
- *In*: the citizens' messages that came through the account. *Out*: the answers queued through it (an
  officer's or an acknowledgement), sent or not yet; an answer on a channel nobody sends through (phone,
  letter) has no account and counts nowhere.
- *Waiting*: open reports whose latest message from the citizen came through the account, with no officer's
  answer after it — on whichever account that answer went out.
- *Response time*: for each turn of a conversation answered in the seven days up to ``now``, the minutes from
  the citizen's first message of that turn (the first one after the previous officer's answer: the citizen
  has waited since then) to the officer's answer, counted for the account that message came through.
  Acknowledgements are no answer. The median, and the 90th percentile by nearest rank (``figures.percentile``).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, and_, exists, func, select

from ..domain.entities import AccountHealth
from ..domain.status import CLOSED
from ..domain.vocabulary import Direction
from ..store.channel_accounts import account_health
from ..store.schema import channel_account, message, outbound_message, ticket
from ..store.sla import read_rules
from .figures import percentile

RESPONSE_WINDOW = timedelta(days=7)
INBOUND, OUTBOUND = Direction.INBOUND.value, Direction.OUTBOUND.value


@dataclass(frozen=True, slots=True)
class AccountFigures:
    health: AccountHealth  # as ``channel list`` says it
    received_today: int
    sent_today: int
    waiting: int  # open reports whose citizen waits for an answer on this account
    answered: int  # turns answered in the response window: what the median and p90 are over
    median_minutes: float | None  # None: nothing answered in the window
    p90_minutes: float | None


@dataclass(frozen=True, slots=True)
class ChannelOverview:
    as_of: datetime  # naive UTC: the moment the figures are read at
    day: date  # "today": the local day of ``as_of`` in ``timezone``
    timezone: str
    accounts: list[AccountFigures]


def channel_overview(conn: Connection, now: datetime, unit_ids: frozenset[int] | None) -> ChannelOverview:
    """The overview as of ``now`` (naive UTC) of the accounts of ``unit_ids`` (None: every account)."""
    calendar = read_rules(conn).agency_calendar
    day = calendar.local_day(now)
    day_start = datetime.combine(day, time(), tzinfo=calendar.zone).astimezone(UTC).replace(tzinfo=None)
    units_of = {
        int(r.id): int(r.unit_id) for r in conn.execute(select(channel_account.c.id, channel_account.c.unit_id))
    }
    healths = [h for h in account_health(conn) if unit_ids is None or units_of.get(h.id) in unit_ids]
    received = _received(conn, day_start, now)
    sent = _sent(conn, day_start, now)
    waiting = _waiting(conn, now)
    times = _response_minutes(conn, now)
    rows = []
    for h in healths:
        minutes = times.get(h.id, [])
        rows.append(
            AccountFigures(
                h,
                received.get(h.id, 0),
                sent.get(h.id, 0),
                waiting.get(h.id, 0),
                len(minutes),
                round(statistics.median(minutes), 1) if minutes else None,
                _rounded(percentile(minutes, 0.9)),
            )
        )
    return ChannelOverview(now, day, calendar.timezone, rows)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _received(conn: Connection, since: datetime, until: datetime) -> dict[int, int]:
    rows = conn.execute(
        select(message.c.account_id, func.count().label("n"))
        .where(
            message.c.direction == INBOUND,
            message.c.account_id.is_not(None),
            message.c.created_at >= since,
            message.c.created_at <= until,
        )
        .group_by(message.c.account_id)
    )
    return {int(r.account_id): int(r.n) for r in rows}


def _sent(conn: Connection, since: datetime, until: datetime) -> dict[int, int]:
    # The outbox row knows the account an answer goes through (the message row of an answer has none).
    rows = conn.execute(
        select(outbound_message.c.account_id, func.count().label("n"))
        .where(
            outbound_message.c.account_id.is_not(None),
            outbound_message.c.created_at >= since,
            outbound_message.c.created_at <= until,
        )
        .group_by(outbound_message.c.account_id)
    )
    return {int(r.account_id): int(r.n) for r in rows}


def _waiting(conn: Connection, now: datetime) -> dict[int, int]:
    # Open reports only, before their latest message is looked for: closed ones are most of a database.
    latest = (
        select(message.c.ticket_id, func.max(message.c.created_at).label("at"))
        .join(ticket, ticket.c.id == message.c.ticket_id)
        .where(
            message.c.direction == INBOUND,
            message.c.created_at <= now,
            ticket.c.deleted_at.is_(None),
            ticket.c.status.not_in(sorted(s.value for s in CLOSED)),
        )
        .group_by(message.c.ticket_id)
        .subquery("latest")
    )
    answer = message.alias("answer")
    answered = exists().where(
        answer.c.ticket_id == latest.c.ticket_id,
        answer.c.direction == OUTBOUND,
        answer.c.author_id.is_not(None),
        answer.c.created_at > latest.c.at,
        answer.c.created_at <= now,
    )
    rows = conn.execute(
        select(message.c.account_id, func.count(func.distinct(message.c.ticket_id)).label("n"))
        .join(latest, and_(latest.c.ticket_id == message.c.ticket_id, latest.c.at == message.c.created_at))
        .where(message.c.direction == INBOUND, message.c.account_id.is_not(None), ~answered)
        .group_by(message.c.account_id)
    )
    return {int(r.account_id): int(r.n) for r in rows}


def _response_minutes(conn: Connection, now: datetime) -> dict[int, list[float]]:
    """Per account, the minutes each turn answered in the window waited (see the module's docstring)."""
    since = now - RESPONSE_WINDOW
    answered_tickets = (
        select(message.c.ticket_id)
        .where(
            message.c.direction == OUTBOUND,
            message.c.author_id.is_not(None),
            message.c.created_at > since,
            message.c.created_at <= now,
        )
        .distinct()
    )
    rows = conn.execute(
        select(
            message.c.ticket_id, message.c.direction, message.c.author_id, message.c.account_id, message.c.created_at
        )
        .where(message.c.ticket_id.in_(answered_tickets), message.c.created_at <= now)
        .order_by(message.c.ticket_id, message.c.created_at, message.c.id)
    )
    minutes: dict[int, list[float]] = defaultdict(list)
    current = None
    waiting_since: datetime | None = None
    account: int | None = None
    for r in rows:
        if r.ticket_id != current:
            current, waiting_since, account = r.ticket_id, None, None
        if r.direction == INBOUND:
            if waiting_since is None:
                waiting_since, account = r.created_at, r.account_id
        elif r.author_id is not None and waiting_since is not None:
            if r.created_at > since and account is not None:
                minutes[int(account)].append((r.created_at - waiting_since).total_seconds() / 60)
            waiting_since, account = None, None
    return minutes
