"""Tickets like this one, found in the officer's cache: the same reporter, or the same complaint in other words.

An officer opening a report (or typing one taken by phone) should see at once whether the unit already has
it. Comparing it with every ticket in a cache of a hundred thousand would take seconds, so the cache keeps
an index of its own, next to the full-text one (``search_index``), built from the normalised words of
``domain.duplicates`` (slang expanded, stop words dropped, lightly stemmed):

- ``similar_doc`` holds each indexed ticket's words (its subject and first inbound message, normalised);
  ``similar_words`` is an FTS5 table over them (external content, ``detail=none``: only which documents
  hold a word, which is all a lookup needs), and ``similar_df`` counts the documents per word (the row for
  the empty word counts them all), for the inverse document frequencies that weigh the comparison;
- only tickets a lookup may return are indexed: open ones, and those closed in the last ``RECENT_DAYS``
  days (most of a cache is old closed tickets). A catch-up at most once a day takes out the ones that
  aged out since; until then a lookup skips them by the ticket row, which decides in any case;
- triggers on ticket and message only note the ticket in ``similar_pending``; the pull's end indexes the
  noted tickets (``catch_up``, called by the engine in the pull's own transaction, as the full-text index
  is), because normalising is Python's work, not SQL's. A ticket changed between pulls (an outcome written
  through) is compared by its words of the last pull; the ticket it is compared *from* is always read fresh.

A lookup never scans the tickets: the index hands over the documents holding the text's rarest words
(those sharing the most weight of them first), at most ``CANDIDATES`` of them, and only those are compared
word by word (``duplicates.cosine`` with the cache's document frequencies as weights). Tickets of the same
reporter come from an index on the ticket table's reporter. Anonymous reporters are never linked by
identity: "the same anonymous person also wrote this" would take away what anonymity promises, so for them
only the text counts.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any
from uuid import UUID

from sqlalchemy import Connection

from ..domain import duplicates
from ..domain.duplicates import Reason, SimilarTicket
from ..domain.errors import NotFound
from ..domain.status import CLOSED, Status
from . import search_index
from .state import get_state, server_time, set_state

RECENT_DAYS = 90
CANDIDATES = 200  # documents compared word by word per lookup
SAME_REPORTER_LIMIT = 50  # a reporter's most recent tickets considered
PROBE_WORDS = 24  # the rarest words of a text that fetch candidates (12 missed 8 of 470 corpus pairs)
PROBE_POSTINGS = 20_000  # ... while the documents they are in add up to at most this
MIN_PROBE_WORDS = 3  # ... but at least this many words, however common
PRUNE_EVERY = timedelta(days=1)

INDEX = "similar_words"  # FTS5, rowid = similar_doc.docid
DOCS = "similar_doc"
FREQUENCIES = "similar_df"
PENDING = "similar_pending"
_ALL = ""  # the similar_df row that counts the documents
_CHUNK = 500
_STAMP = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime in SQLite: comparable as text
_CLOSED_SQL = ", ".join(f"'{status.value}'" for status in sorted(CLOSED))
# The lookup's rule, on the ticket row (alias t): open, or closed no longer ago than the cut-off.
_ELIGIBLE = f"(t.status NOT IN ({_CLOSED_SQL}) OR coalesce(t.closed_at, t.updated_at) >= :cutoff)"
_FIRST_INBOUND = (
    "(SELECT m.body_text FROM message AS m WHERE m.ticket_id = t.id AND m.direction = 'inbound' "
    "ORDER BY m.created_at, m.rowid LIMIT 1)"
)

# Not INSERT OR IGNORE: a trigger's statement takes the conflict handling of the statement that fired it,
# and the pull's upsert of tickets (INSERT ... ON CONFLICT DO UPDATE) made a ticket noted twice an error.
_NOTE = (
    f"INSERT INTO {PENDING} SELECT {{ticket}} WHERE NOT EXISTS (SELECT 1 FROM {PENDING} WHERE ticket_id = {{ticket}})"
)
_TRIGGERS = {
    "similar_ticket_insert": f"AFTER INSERT ON ticket BEGIN {_NOTE.format(ticket='new.id')}; END",
    "similar_ticket_update": "AFTER UPDATE OF subject, status, closed_at ON ticket WHEN old.subject IS NOT "
    "new.subject OR old.status IS NOT new.status OR old.closed_at IS NOT new.closed_at "
    f"BEGIN {_NOTE.format(ticket='new.id')}; END",
    "similar_ticket_delete": f"AFTER DELETE ON ticket BEGIN {_NOTE.format(ticket='old.id')}; END",
    "similar_message_insert": "AFTER INSERT ON message WHEN new.direction = 'inbound' "
    f"BEGIN {_NOTE.format(ticket='new.ticket_id')}; END",
    "similar_message_update": "AFTER UPDATE OF body_text, ticket_id, direction, created_at ON message BEGIN "
    f"{_NOTE.format(ticket='old.ticket_id')}; {_NOTE.format(ticket='new.ticket_id')}; END",
    "similar_message_delete": "AFTER DELETE ON message WHEN old.direction = 'inbound' "
    f"BEGIN {_NOTE.format(ticket='old.ticket_id')}; END",
}
_TABLES = (
    f"CREATE TABLE IF NOT EXISTS {PENDING} (ticket_id CHAR(32) PRIMARY KEY) WITHOUT ROWID",
    f"CREATE TABLE IF NOT EXISTS {DOCS} (docid INTEGER PRIMARY KEY, ticket_id CHAR(32) NOT NULL UNIQUE, "
    "words TEXT NOT NULL)",
    f"CREATE TABLE IF NOT EXISTS {FREQUENCIES} (word TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID",
    # The words are normalised already: lower-case ASCII letters and digits, one space between them.
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX} USING fts5(words, content='{DOCS}', content_rowid='docid', "
    "tokenize='ascii', detail=none)",
    # A reporter's other tickets, without a walk of the ticket table.
    "CREATE INDEX IF NOT EXISTS ix_similar_ticket_reporter ON ticket (reporter_id)",
)


# -- the index ----------------------------------------------------------------------------------------------


def ensure(conn: Connection) -> None:
    """Create the index, its tables and triggers if this cache lacks them (filled from the tickets already
    there), and index what is still pending."""
    present = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").scalars())
    for statement in _TABLES:
        conn.exec_driver_sql(statement)
    if INDEX not in present:
        conn.exec_driver_sql(f"INSERT OR IGNORE INTO {PENDING} SELECT id FROM ticket")
    for name, body in _TRIGGERS.items():
        conn.exec_driver_sql(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
    search_index.forget_deleted_words(conn, INDEX)
    catch_up(conn)


def catch_up(conn: Connection) -> None:
    """Index the tickets noted since the last catch-up (the engine calls this at the end of every pull),
    and once a day take out the tickets that were closed too long ago to be shown."""
    now = server_time(conn)
    pending = list(conn.exec_driver_sql(f"SELECT ticket_id FROM {PENDING}").scalars())
    if pending:
        if _everything_pending(conn):
            _forget_all(conn)
        refresh(conn, pending, now)
        conn.exec_driver_sql(f"DELETE FROM {PENDING}")
    _prune(conn, now)


def refresh(conn: Connection, ticket_ids: Iterable[UUID | str], now: datetime | None = None) -> None:
    """Index these tickets anew from their rows: each loses its old document and gets one from its current
    subject and first inbound message, if a lookup may show it; a ticket no longer in the cache only loses
    its document."""
    ids = list(dict.fromkeys(_hex(ticket_id) for ticket_id in ticket_ids))
    cutoff = _stamp((now or server_time(conn)) - timedelta(days=RECENT_DAYS))
    delta: Counter[str] = Counter()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        old = conn.exec_driver_sql(f"SELECT docid, words FROM {DOCS} WHERE ticket_id IN ({marks})", tuple(chunk)).all()
        if old:
            conn.exec_driver_sql(
                f"INSERT INTO {INDEX}({INDEX}, rowid, words) VALUES ('delete', ?, ?)",
                [(docid, words) for docid, words in old],
            )
            conn.exec_driver_sql(f"DELETE FROM {DOCS} WHERE ticket_id IN ({marks})", tuple(chunk))
            for _docid, words in old:
                delta.subtract(set(words.split()))
            delta[_ALL] -= len(old)
        rows = conn.exec_driver_sql(
            f"SELECT t.id, t.subject, {_FIRST_INBOUND} FROM ticket AS t WHERE t.id IN ({marks}) "
            f"AND {_ELIGIBLE.replace(':cutoff', '?')}",
            (*chunk, cutoff),
        ).all()
        documents = [(ticket_id, " ".join(_words(subject, body))) for ticket_id, subject, body in rows]
        if documents:
            conn.exec_driver_sql(f"INSERT INTO {DOCS}(ticket_id, words) VALUES (?, ?)", documents)
            conn.exec_driver_sql(
                f"INSERT INTO {INDEX}(rowid, words) SELECT docid, words FROM {DOCS} WHERE ticket_id IN ({marks})",
                tuple(chunk),
            )
            for _ticket_id, words in documents:
                delta.update(set(words.split()))
            delta[_ALL] += len(documents)
    _count(conn, delta)


def _words(subject: str | None, body: str | None) -> list[str]:
    return duplicates.normalise(f"{subject or ''}\n{body or ''}")


def _count(conn: Connection, delta: Counter[str]) -> None:
    changed = [(word, n) for word, n in delta.items() if n]
    if not changed:
        return
    conn.exec_driver_sql(
        f"INSERT INTO {FREQUENCIES}(word, n) VALUES (?, ?) ON CONFLICT(word) DO UPDATE SET n = n + excluded.n",
        changed,
    )
    conn.exec_driver_sql(f"DELETE FROM {FREQUENCIES} WHERE n <= 0 AND word != ''")


def _everything_pending(conn: Connection) -> bool:
    """A re-snapshot noted every ticket: emptying the index at once beats taking documents out one by one."""
    return bool(
        conn.exec_driver_sql(
            f"SELECT NOT EXISTS (SELECT 1 FROM {DOCS} WHERE ticket_id NOT IN (SELECT ticket_id FROM {PENDING}))"
        ).scalar_one()
    )


def _forget_all(conn: Connection) -> None:
    conn.exec_driver_sql(f"INSERT INTO {INDEX}({INDEX}) VALUES ('delete-all')")
    conn.exec_driver_sql(f"DELETE FROM {DOCS}")
    conn.exec_driver_sql(f"DELETE FROM {FREQUENCIES}")


def _prune(conn: Connection, now: datetime) -> None:
    last = get_state(conn, "similar_pruned_at")
    if last is not None and now - datetime.fromisoformat(last) < PRUNE_EVERY:
        return
    aged = conn.exec_driver_sql(
        f"SELECT d.ticket_id FROM {DOCS} AS d JOIN ticket AS t ON t.id = d.ticket_id "
        f"WHERE NOT {_ELIGIBLE.replace(':cutoff', '?')}",
        (_stamp(now - timedelta(days=RECENT_DAYS)),),
    ).scalars()
    refresh(conn, list(aged), now)
    set_state(conn, "similar_pruned_at", now.isoformat())


# -- lookups ------------------------------------------------------------------------------------------------


def similar_to(conn: Connection, ticket_id: UUID | str, limit: int = 10) -> list[SimilarTicket]:
    """Tickets that may be the same report as this one, best first: open ones and those closed in the last
    ``RECENT_DAYS`` days; the same (not anonymous) reporter's, and those whose text scores at least
    ``duplicates.DUPLICATE_THRESHOLD``. The ticket itself is never among them."""
    me = _hex(ticket_id)
    row = conn.exec_driver_sql(
        f"SELECT t.subject, {_FIRST_INBOUND}, t.reporter_id, coalesce(t.reporter_anonymous, 0) "
        "FROM ticket AS t WHERE t.id = ?",
        (me,),
    ).one_or_none()
    if row is None:
        raise NotFound(f"ticket {ticket_id} is not in this cache")
    subject, body, reporter, anonymous = row
    cutoff = _stamp(server_time(conn) - timedelta(days=RECENT_DAYS))
    same_reporter: list[str] = []
    if reporter is not None and not anonymous:
        same_reporter = list(
            conn.exec_driver_sql(
                f"SELECT t.id FROM ticket AS t WHERE t.reporter_id = ? AND t.id != ? "
                f"AND NOT coalesce(t.reporter_anonymous, 0) AND {_ELIGIBLE.replace(':cutoff', '?')} "
                "ORDER BY t.created_at DESC LIMIT ?",
                (reporter, me, cutoff, SAME_REPORTER_LIMIT),
            ).scalars()
        )
    return _lookup(conn, _words(subject, body), cutoff, limit, exclude=me, same_reporter=same_reporter)


def similar_to_text(conn: Connection, subject: str, body: str, limit: int = 10) -> list[SimilarTicket]:
    """Tickets whose text is like a report being typed (no reporter yet: the text alone counts)."""
    cutoff = _stamp(server_time(conn) - timedelta(days=RECENT_DAYS))
    return _lookup(conn, _words(subject, body), cutoff, limit, exclude=None, same_reporter=[])


def _lookup(
    conn: Connection, words: list[str], cutoff: str, limit: int, exclude: str | None, same_reporter: Sequence[str]
) -> list[SimilarTicket]:
    if limit <= 0:
        return []
    frequencies = _frequencies(conn, set(words))
    documents = frequencies.get(_ALL, 0)
    weights: dict[str, float] = {}

    def weight(word: str) -> float:  # each word's weight worked out once per lookup
        value = weights.get(word)
        if value is None:
            value = weights[word] = duplicates.idf(frequencies.get(word, 0), documents)
        return value

    candidates = [c for c in _candidates(conn, words, frequencies, weight) if c[0] != exclude]
    own_words = {ticket_id: found.split() for ticket_id, found in candidates}
    missing = [ticket_id for ticket_id in same_reporter if ticket_id not in own_words]
    own_words.update(_current_words(conn, missing))
    frequencies.update(_frequencies(conn, {w for found in own_words.values() for w in found} - frequencies.keys()))
    mine = duplicates.vector(duplicates.from_words(words), weight)
    reporter = set(same_reporter)
    scored: list[tuple[float, str, Reason]] = []
    for ticket_id, found in own_words.items():
        score = duplicates.cosine(mine, duplicates.vector(duplicates.from_words(found), weight))
        if ticket_id in reporter:
            scored.append((score, ticket_id, Reason.SAME_REPORTER))
        elif duplicates.is_duplicate(score):
            scored.append((score, ticket_id, Reason.SIMILAR_TEXT))
    scored.sort(key=lambda s: (-s[0], s[2] is not Reason.SAME_REPORTER, s[1]))
    return _shown(conn, scored, cutoff, limit)


def _candidates(
    conn: Connection, words: list[str], frequencies: dict[str, int], weight: Callable[[str], float]
) -> list[tuple[str, str]]:
    """(ticket id, indexed words) of the documents that share the most weight of the text's rarest words.

    Each rare word's document list is read from the index (ids only: ``detail=none`` keeps nothing else)
    and every document tallies the weights of the words it holds; the best ``CANDIDATES`` are compared in
    full. Reading the lists costs what they hold, which ``PROBE_POSTINGS`` bounds; a bm25 ranking of an OR
    of the words cost several times more on a cache whose texts share many words."""
    known = sorted((frequencies[w], w) for w in set(words) if frequencies.get(w, 0) > 0 and w != _ALL)
    raw = conn.connection.dbapi_connection  # thousands of ids: sqlite3's own cursor, not a Row each
    assert raw is not None
    tally: dict[int, float] = {}
    postings = 0
    for probed, (frequency, word) in enumerate(known):
        if probed >= PROBE_WORDS or (probed >= MIN_PROBE_WORDS and postings + frequency > PROBE_POSTINGS):
            break
        postings += frequency
        value = weight(word)
        # Quoted: normalised words are letters and digits only, and no FTS5 keyword survives quoting.
        for (docid,) in raw.execute(f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH ?", (f'"{word}"',)):
            tally[docid] = tally.get(docid, 0.0) + value
    best = heapq.nlargest(CANDIDATES, tally.items(), key=itemgetter(1))
    found: list[tuple[str, str]] = []
    for start in range(0, len(best), _CHUNK):
        chunk = tuple(docid for docid, _value in best[start : start + _CHUNK])
        marks = ", ".join("?" * len(chunk))
        found.extend(
            (str(ticket_id), str(indexed))
            for ticket_id, indexed in conn.exec_driver_sql(
                f"SELECT ticket_id, words FROM {DOCS} WHERE docid IN ({marks})", chunk
            )
        )
    return found


def _frequencies(conn: Connection, words: set[str]) -> dict[str, int]:
    wanted = sorted(words | {_ALL})
    found: dict[str, int] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for word, n in conn.exec_driver_sql(f"SELECT word, n FROM {FREQUENCIES} WHERE word IN ({marks})", tuple(chunk)):
            found[str(word)] = int(n)
    return found


def _current_words(conn: Connection, ticket_ids: Sequence[str]) -> dict[str, list[str]]:
    """Words of tickets that have no document (not indexed yet), from their rows."""
    words: dict[str, list[str]] = {}
    for start in range(0, len(ticket_ids), _CHUNK):
        chunk = tuple(ticket_ids[start : start + _CHUNK])
        marks = ", ".join("?" * len(chunk))
        for ticket_id, subject, body in conn.exec_driver_sql(
            f"SELECT t.id, t.subject, {_FIRST_INBOUND} FROM ticket AS t WHERE t.id IN ({marks})", chunk
        ):
            words[str(ticket_id)] = _words(subject, body)
    return words


def _shown(conn: Connection, scored: list[tuple[float, str, Reason]], cutoff: str, limit: int) -> list[SimilarTicket]:
    """The best ``limit`` of the scored tickets that a lookup may still show, by their rows."""
    shown: list[SimilarTicket] = []
    for start in range(0, len(scored), _CHUNK):
        chunk = scored[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        rows: dict[str, Any] = {
            str(row[0]): row
            for row in conn.exec_driver_sql(
                f"SELECT t.id, t.tracking_no, t.subject, t.status, t.master_id FROM ticket AS t "
                f"WHERE t.id IN ({marks}) AND {_ELIGIBLE.replace(':cutoff', '?')}",
                (*(ticket_id for _s, ticket_id, _r in chunk), cutoff),
            )
        }
        for score, ticket_id, reason in chunk:
            row = rows.get(ticket_id)
            if row is None:
                continue  # closed too long ago since it was indexed, or gone
            shown.append(
                SimilarTicket(
                    ticket_id=UUID(ticket_id),
                    tracking_no=row[1],
                    subject=row[2],
                    status=Status(row[3]),
                    score=round(score, 4),
                    reason=reason,
                    master_id=None if row[4] is None else UUID(str(row[4])),
                )
            )
            if len(shown) == limit:
                return shown
    return shown


def _hex(ticket_id: UUID | str) -> str:
    """A ticket id as the cache stores it (SQLAlchemy's Uuid on SQLite: 32 hex digits)."""
    try:
        return (ticket_id if isinstance(ticket_id, UUID) else UUID(str(ticket_id))).hex
    except ValueError:
        raise NotFound(f"{ticket_id!r} is not a ticket id") from None


def _stamp(moment: datetime) -> str:
    return moment.strftime(_STAMP)
