"""Recurring and emerging topics: what the open and recent reports are about, and which topic rises this week.

A topic is a guess made from words, never a label someone gave. The reports looked at are those received
this week (Monday up to ``as_of``, in the figures' local zone) and in the ``BASELINE_WEEKS`` weeks before,
plus the reports still open that came earlier, within the same filter and scope as the other figures
(``figures.scope_for``, ``figures.conditions``).

How a topic is found, in three explainable steps:

- **words**: each report's subject and first inbound message are normalised as the duplicate finder does
  (``domain.duplicates``: slang and abbreviations expanded, function words and complaint boilerplate
  dropped, light stemming), numbers left out;
- **weights**: each word weighs its TF-IDF over the reports looked at (a word every report has weighs
  little, a word few have a lot); a report is the unit vector of its words;
- **grouping**: single pass, oldest report first (the way topic detection and tracking follows a news
  stream): a report joins the topic whose summed vector it is most like if the cosine reaches
  ``TOPIC_THRESHOLD``, otherwise it starts a topic of its own. The same reports in the same order always
  give the same topics. A topic shown has at least ``MIN_TOPIC_REPORTS`` reports.

A topic is named by up to ``NAME_TERMS`` of its words: those most of its reports share, weighted by how
rare they are elsewhere, shown as people most often wrote them (after slang expansion: "udh" reads
"sudah"). Privacy: a word names a topic only if at least ``MIN_NAMING_REPORTS`` different reports of the
topic that are not confidential contain it (a name, an address or a phone number written once never shows);
confidential reports are counted but their words never name a topic. Nothing here returns a ticket's id,
subject or text: a topic is its name and its counts.

Spike: a topic rises this week when it has at least ``SPIKE_MIN_REPORTS`` reports since Monday and at
least ``SPIKE_RATIO`` times its usual weekly count (the average of the ``BASELINE_WEEKS`` full weeks
before); a topic without any report in those weeks rises with ``SPIKE_MIN_REPORTS`` alone. This week is
counted as far as it has gone (on a Tuesday, two days against whole weeks), so the rule errs on the
quiet side early in the week.

Known limits: a bag of words, so "OTP terkirim" and "OTP tidak terkirim" look alike (negation is a
function word the normalisation drops); a topic can merge two complaints that share their rarest words,
or split one told in very different words. Open the reports to check.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import chain, filterfalse
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, ScalarSelect, or_, select

from ..domain import duplicates
from ..domain.errors import BadInput
from ..domain.status import CLOSED
from ..store.schema import message, reporter, ticket
from ..store.sla import read_rules
from .figures import Scope, conditions, zone_of

# A report joins a topic when the cosine of its word vector and the topic's reaches this. Chosen on the
# duplicates corpus (groups of two or more; tests/reports/test_topics.py prints the figures at this value):
# 0.25 merges more (purity 0.89, pair recall 0.96), 0.35 splits more (purity 0.96, pair recall 0.87); 0.30
# keeps purity above 0.9 and nine in ten pairs of the same complaint together. Topics are meant a little
# wider than duplicates (``duplicates.DUPLICATE_THRESHOLD``, on words and 3-grams, is 0.37).
TOPIC_THRESHOLD: Final = 0.30
MIN_TOPIC_REPORTS: Final = 3  # fewer is a coincidence or a duplicate, not a topic
MIN_NAMING_REPORTS: Final = 3  # privacy: a word names a topic only if this many non-confidential reports hold it
NAME_TERMS: Final = 4  # at most this many words in a topic's name
BASELINE_WEEKS: Final = 8  # the usual: the average week of the eight full weeks before this one
SPIKE_MIN_REPORTS: Final = 5  # a spike needs at least this many reports since Monday...
SPIKE_RATIO: Final = 3.0  # ... and at least this many times the usual week
MAX_TOPICS: Final = 50  # topics returned: the rising ones first, then the busiest this week


@dataclass(frozen=True, slots=True)
class TopicRow:
    terms: tuple[str, ...]  # the topic's name: up to NAME_TERMS words, most telling first; () if none qualifies
    reports: int  # all its reports looked at: these nine weeks, and older ones still open
    this_week: int  # received Monday..as_of
    usual: float  # reports per week, on average over the BASELINE_WEEKS weeks before this one
    ratio: float | None  # this_week / usual; None when the usual is 0 (a topic new this week)
    open_now: int  # its reports not finished nor archived, now
    spike: bool  # rising this week, by the rule above


@dataclass(frozen=True, slots=True)
class TopicFigures:
    week_start: date  # the Monday this week began, a local day
    as_of: date  # the local day the figures are as of
    baseline_weeks: int
    reports: int  # reports looked at, in a topic or not
    topics: int  # topics found (at least MIN_TOPIC_REPORTS reports), before the cut to MAX_TOPICS
    rows: list[TopicRow]


@dataclass(frozen=True, slots=True)
class Doc:
    """One report, as the grouping sees it: its normalised words as written (after slang expansion, before
    stemming), and whether its reporter asked for confidentiality."""

    words: tuple[str, ...]
    confidential: bool = False

    def stems(self) -> list[str]:
        return list(map(duplicates.light_stem, self.words))


def doc(subject: str, body: str, confidential: bool = False) -> Doc:
    """A report's words: ``duplicates.normalise`` without its stemmer (applied later, word by word: the
    same words, and the surface form of each kept for the names), numbers left out."""
    surface = duplicates.normalise(f"{subject}\n{body}", stemmer=duplicates.keep)
    return Doc(tuple(filterfalse(str.isdigit, surface)), confidential)


# -- grouping ---------------------------------------------------------------------------------------------


def idf_weights(stemmed: Sequence[list[str]]) -> dict[str, float]:
    """Each word's inverse document frequency over the reports (``duplicates.idf``)."""
    frequency: Counter[str] = Counter()
    for words in stemmed:
        frequency.update(dict.fromkeys(words).keys())  # each word once per report (keys: not a mapping of counts)
    return {word: duplicates.idf(n, len(stemmed)) for word, n in frequency.items()}


def unit_vector(words: list[str], weights: dict[str, float]) -> dict[str, float]:
    """TF-IDF (``1 + ln tf`` times the IDF), scaled to length 1."""
    raw = {w: weights[w] if n == 1 else weights[w] * (1.0 + math.log(n)) for w, n in Counter(words).items()}
    norm = math.sqrt(math.fsum(v * v for v in raw.values()))
    return {w: v / norm for w, v in raw.items()} if norm else {}


def group(
    stemmed: Sequence[list[str]], weights: dict[str, float], threshold: float = TOPIC_THRESHOLD
) -> list[list[int]]:
    """The reports (stemmed words, oldest first) in groups of their indices: each joins the group whose sum
    of vectors it is most like, if the cosine reaches ``threshold`` (ties: the older group), else starts a
    group. Only words a report has can add to a cosine, so an index from word to groups finds the candidates."""
    squares: list[float] = []  # each group's summed vector's squared length...
    lengths: list[float] = []  # ... and its length (0 for none), computed once per change, not per candidate
    members: list[list[int]] = []
    # word: the groups whose sum has it, with its value in that sum (the sums kept by word, not by group, so
    # that a report's dot products are one lookup per word)
    holding: dict[str, dict[int, float]] = {}
    for index, words in enumerate(stemmed):
        vec = unit_vector(words, weights)
        dots: dict[int, float] = {}
        for word, value in vec.items():
            held = holding.get(word)
            if held is not None:
                for g, total in held.items():
                    dots[g] = dots.get(g, 0.0) + value * total
        best, score = -1, 0.0
        for g, dot in dots.items():
            length = lengths[g]
            cosine = dot / length if length > 0 else 0.0
            if cosine > score or (cosine == score and 0 <= g < best):
                best, score = g, cosine
        if best < 0 or score < threshold:
            best = len(squares)
            squares.append(0.0)
            lengths.append(0.0)
            members.append([])
        square = squares[best]
        for word, value in vec.items():
            held = holding.get(word)
            if held is None:
                held = holding[word] = {}
            old = held.get(best, 0.0)
            held[best] = old + value
            square += (old + value) ** 2 - old * old
        squares[best] = square
        lengths[best] = math.sqrt(square) if square > 0 else 0.0
        members[best].append(index)
    return members


def name(
    docs: Sequence[Doc], stemmed: Sequence[list[str]], weights: dict[str, float], members: list[int]
) -> tuple[str, ...]:
    """Up to NAME_TERMS words of the topic held by at least MIN_NAMING_REPORTS of its non-confidential
    reports, the most shared and rarest elsewhere first (reports holding it x IDF; then the most repeated),
    each as most of those
    reports wrote it (or its stem, when no one spelling reaches MIN_NAMING_REPORTS reports)."""
    shown = [i for i in members if not docs[i].confidential]
    occurrences = Counter(chain.from_iterable(stemmed[i] for i in shown))
    holders = Counter(chain.from_iterable(set(stemmed[i]) for i in shown))  # the reports holding each stem
    # (stem, spelling): the reports writing the stem so
    spelt = Counter(chain.from_iterable(set(zip(stemmed[i], docs[i].words, strict=True)) for i in shown))
    allowed = [stem for stem, n in holders.items() if n >= MIN_NAMING_REPORTS]
    allowed.sort(key=lambda stem: (-holders[stem] * weights.get(stem, 0.0), -occurrences[stem], stem))
    chosen = allowed[:NAME_TERMS]
    spellings: dict[str, list[tuple[str, int]]] = {stem: [] for stem in chosen}
    for (stem, word), n in spelt.items():
        if stem in spellings:
            spellings[stem].append((word, n))
    terms = []
    for stem in chosen:
        spelling, n = min(spellings[stem], key=lambda item: (-item[1], item[0]))
        terms.append(spelling if n >= MIN_NAMING_REPORTS else stem)
    return tuple(terms)


@dataclass(frozen=True, slots=True)
class Topic:
    terms: tuple[str, ...]
    members: list[int]  # indices into the reports given


def find_topics(docs: Sequence[Doc], threshold: float = TOPIC_THRESHOLD) -> list[Topic]:
    """The topics of ``docs`` (oldest first): groups of at least MIN_TOPIC_REPORTS, each named."""
    stemmed = [d.stems() for d in docs]
    weights = idf_weights(stemmed)
    return [
        Topic(name(docs, stemmed, weights, members), members)
        for members in group(stemmed, weights, threshold)
        if len(members) >= MIN_TOPIC_REPORTS
    ]


# -- the spike rule ---------------------------------------------------------------------------------------


def usual_week(before: int) -> float:
    """The usual reports per week: those of the BASELINE_WEEKS weeks before this one, averaged."""
    return before / BASELINE_WEEKS


def is_spike(this_week: int, usual: float) -> bool:
    """At least SPIKE_MIN_REPORTS since Monday and at least SPIKE_RATIO times the usual week (any count of
    SPIKE_MIN_REPORTS or more rises over a usual of 0)."""
    return this_week >= SPIKE_MIN_REPORTS and this_week >= SPIKE_RATIO * usual


def ratio(this_week: int, usual: float) -> float | None:
    return round(this_week / usual, 2) if usual > 0 else None


# -- the figure -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Report:
    day: date  # local day of receipt
    open: bool


def _utc(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def _first_inbound_body() -> ScalarSelect[str]:
    """A ticket's first inbound message (by time, then id), asked in the same query as the ticket: one index
    lookup each, instead of a second round of queries keyed by ticket ids converted to and from UUIDs."""
    return (
        select(message.c.body_text)
        .where(message.c.ticket_id == ticket.c.id, message.c.direction == "inbound")
        .order_by(message.c.created_at, message.c.id)
        .limit(1)
        .scalar_subquery()
    )


def topics(conn: Connection, scope: Scope, as_of: datetime) -> TopicFigures:
    """The topics of the reports in ``scope`` received this week and the BASELINE_WEEKS before it (up to
    ``as_of``, naive UTC), and of older ones still open; their counts and the spike rule (module doc)."""
    if scope.filter.since is not None or scope.filter.until is not None:
        raise BadInput(
            f"topics look at this week and the {BASELINE_WEEKS} weeks before it, up to --as-of: "
            "they take no first or last day of receipt"
        )
    cal = zone_of(read_rules(conn), scope, conn)
    today = as_of.replace(tzinfo=UTC).astimezone(cal.zone).date()
    monday = today - timedelta(days=today.weekday())
    first = monday - timedelta(weeks=BASELINE_WEEKS)
    confidential = reporter.c.confidential.is_(True)
    query = (
        select(
            ticket.c.subject,
            _first_inbound_body().label("body"),
            ticket.c.status,
            ticket.c.created_at,
            confidential.label("secret"),
        )
        .select_from(ticket.outerjoin(reporter, reporter.c.id == ticket.c.reporter_id))
        .where(
            *conditions(scope, cal.zone),
            ticket.c.created_at <= as_of,
            or_(ticket.c.created_at >= _utc(first, cal.zone), ticket.c.status.not_in(sorted(s.value for s in CLOSED))),
        )
        .order_by(ticket.c.created_at, ticket.c.id)
    )
    closed = {s.value for s in CLOSED}
    found: list[_Report] = []
    docs: list[Doc] = []
    for row in conn.execute(query):
        found.append(_Report(row.created_at.replace(tzinfo=UTC).astimezone(cal.zone).date(), row.status not in closed))
        docs.append(doc(row.subject or "", row.body or "", bool(row.secret)))
    rows = []
    for topic in find_topics(docs):
        days = [found[i].day for i in topic.members]
        this_week = sum(1 for day in days if day >= monday)
        usual = usual_week(sum(1 for day in days if first <= day < monday))
        rows.append(
            TopicRow(
                terms=topic.terms,
                reports=len(topic.members),
                this_week=this_week,
                usual=round(usual, 2),
                ratio=ratio(this_week, usual),
                open_now=sum(1 for i in topic.members if found[i].open),
                spike=is_spike(this_week, usual),
            )
        )
    rows.sort(key=lambda r: (not r.spike, -r.this_week, -r.reports, r.terms))
    return TopicFigures(monday, today, BASELINE_WEEKS, len(found), len(rows), rows[:MAX_TOPICS])
