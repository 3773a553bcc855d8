"""What the statistics window asks of the server's ``stats`` commands (``server/commands.py``), on the network
pool: the figures of ``reports/figures.py``, narrowed by the server to what the signed-in officer may see (the
embedded database runs the same commands after the same authorization). The window computes no figure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ...sync.session import Session
from ..command_requests import request

if TYPE_CHECKING:
    from ...reports.figures import BacklogRow, ServiceRow, VolumeRow
    from ...reports.topics import TopicFigures
    from ...server.commands import StatsQuery


@dataclass(frozen=True, slots=True)
class Wanted:
    """The window's filter, as the ``stats`` commands take it (``StatsQuery``)."""

    since: date | None = None
    until: date | None = None
    units: tuple[str, ...] = ()  # () every unit the officer may see
    channel: str | None = None
    kind: str | None = None
    category: str | None = None
    by: str = "day"
    split: str | None = None


@dataclass(frozen=True, slots=True)
class Figures:
    """One answer of the three commands for the same filter."""

    volumes: list[VolumeRow]
    backlog: list[BacklogRow]
    service: list[ServiceRow]
    bands: list[str] = field(default_factory=list)  # the backlog's age bands, youngest first


def stats_query(wanted: Wanted, **more: Any) -> StatsQuery:
    """The request of every ``stats`` command for the window's filter; ``more``: a command's own fields."""
    from ...server import commands

    return request(
        commands.StatsQuery,
        since=wanted.since,
        until=wanted.until,
        units=list(wanted.units),
        channel=wanted.channel,
        kind=wanted.kind,
        category=wanted.category,
        **more,
    )


def ask_counts(session: Session, wanted: Wanted) -> tuple[list[VolumeRow], list[BacklogRow]]:
    """The volumes and the backlog: the quick half of ``Figures``."""
    from ...server import commands

    query = stats_query(wanted, by=wanted.by, split=wanted.split)
    return session.command(commands.stats_volumes, query), session.command(commands.stats_backlog, query)


def ask_service(session: Session, wanted: Wanted) -> list[ServiceRow]:
    """The service levels: the slow half of ``Figures`` (every report's clocks are judged), asked beside the
    other half on the second network thread."""
    from ...server import commands

    result: list[ServiceRow] = session.command(commands.stats_service, stats_query(wanted))
    return result


def figures_of(counts: tuple[list[VolumeRow], list[BacklogRow]], service: list[ServiceRow]) -> Figures:
    from ...reports.figures import AGE_BANDS

    return Figures(*counts, service, [label for label, _first, _last in AGE_BANDS])


def ask_topics(session: Session, wanted: Wanted, as_of: date | None) -> TopicFigures:
    """The topics (``stats topics``) for the filter's units, channel and kind, of the week of ``as_of`` (None:
    now) and the weeks before it: the topics take no period."""
    from ...server import commands

    query = request(
        commands.StatsQuery,
        units=list(wanted.units),
        channel=wanted.channel,
        kind=wanted.kind,
        category=wanted.category,
        as_of=as_of,
    )
    result: TopicFigures = session.command(commands.stats_topics, query)
    return result
