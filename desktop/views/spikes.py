"""Rising topics a supervisor is told about: each once per week, while the desktop runs.

The statistics find topics and the spike rule (``reports/topics.py``: at least 5 reports since Monday and at
least 3× the usual week); the desktop of a supervisor or admin asks for them now and then (``ui/spike_watch.py``)
and tells, through the tray, the rising topics it has not told yet this week. A topic is known by its week and
its name; one whose words are withheld (too few reports that are not confidential hold them) has no name to
tell and is left to the Topics tab.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..domain.vocabulary import Role

if TYPE_CHECKING:  # the statistics' modules load with the first answer, not at start-up
    from ..reports.topics import TopicFigures, TopicRow

CHECK_EVERY = timedelta(hours=1)  # the topics of a large agency take seconds to find: not every sync round
FIRST_CHECK_AFTER = timedelta(minutes=2)  # after signing in: the inbox first
WATCHING = frozenset({Role.SUPERVISOR, Role.ADMIN})


def spike_key(week_start: date, row: TopicRow) -> str:
    return f"{week_start.isoformat()} {' '.join(row.terms)}"


def new_spikes(found: TopicFigures, told: Iterable[str]) -> list[TopicRow]:
    """The rising, named topics of ``found`` whose key is not in ``told``."""
    known = set(told)
    return [r for r in found.rows if r.spike and r.terms and spike_key(found.week_start, r) not in known]
