"""Full-text search over the cache: one FTS5 document per ticket (its subject and its messages' text).

One document per ticket lets a search page through the index in its own order, newest document first
(``ORDER BY rowid DESC`` on an FTS5 table is a walk of its doclists, no sort), and stop after a page of
tickets that pass the inbox's view and filters; with an index per table, every search had to collect all
its matches, map messages to tickets and sort them (100-600 ms on a million tickets).

- ``search_doc`` maps a document (``docid``, the FTS rowid) to its ticket by ticket id, never by the
  ticket table's rowid, and holds the indexed text (the FTS5 table is external-content over it, so the
  exact words indexed can be taken out again, or all at once with ``delete-all``);
- a ticket whose text changed gets a new document with a higher docid: "newest first" is the order in
  which tickets got their current text (within one pull, by their update time);
- triggers on ticket and message only note the ticket in ``search_pending``. FTS5 flushes its buffer at
  every statement and the engine writes a pull with one executemany (a statement per row), so indexing
  row by row made an initial sync four times slower. The pull's last write, its cursor, rebuilds the noted
  tickets' documents with a few statements (``catch_up``), in the same transaction: a crash leaves the
  index as right as the rows. Until then a changed ticket is found by its words of the last pull; a
  removed one is never shown (a search joins the ticket table).

Chat spellings: "otp tdk terkirim" must find what "otp tidak terkirim" finds, and the other way round. The
index keeps each word as written; a search asks for every spelling the duplicate finder's dictionary
(``domain.duplicates.SLANG``) knows of each word it types (``spellings``): "tdk" asks for "tdk", "tidak",
"gak", "ga", … and so does "tidak". Normalising the query alone keeps the two sides in step by
construction (one dictionary, read at query time), so a cache indexed by an earlier build needs no
rebuilding, and a later change to the dictionary applies at once. Queued tickets (not in the index yet)
are matched in Python with the same spellings (``matches``).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from ..domain.duplicates import SLANG
from ..domain.errors import BadInput

TOKENIZER = "unicode61 remove_diacritics 2"
MAX_SEARCH_CHARS = 200
MAX_SEARCH_WORDS = 12

INDEX = "ticket_search"  # FTS5, rowid = search_doc.docid
DOCS = "search_doc"
_RETIRED = ("ticket_text", "message_text")  # the per-table indexes of earlier builds

# What the unicode61 tokenizer keeps in a word: letters and digits (an underscore separates words).
_WORD = re.compile(r"[^\W_]+")

_NOTE = "INSERT OR IGNORE INTO search_pending VALUES ({ticket})"
_TRIGGERS = {
    "search_ticket_insert": f"AFTER INSERT ON ticket BEGIN {_NOTE.format(ticket='new.id')}; END",
    "search_ticket_update": "AFTER UPDATE OF subject ON ticket WHEN old.subject IS NOT new.subject "
    f"BEGIN {_NOTE.format(ticket='new.id')}; END",
    "search_ticket_delete": f"AFTER DELETE ON ticket BEGIN {_NOTE.format(ticket='old.id')}; END",
    # INSERT OR REPLACE of a message fires this (its implicit delete fires nothing): the ticket is rebuilt
    # from the messages it has then.
    "search_message_insert": f"AFTER INSERT ON message BEGIN {_NOTE.format(ticket='new.ticket_id')}; END",
    "search_message_update": "AFTER UPDATE OF body_text, ticket_id ON message BEGIN "
    f"{_NOTE.format(ticket='old.ticket_id')}; {_NOTE.format(ticket='new.ticket_id')}; END",
    "search_message_delete": f"AFTER DELETE ON message BEGIN {_NOTE.format(ticket='old.ticket_id')}; END",
}
_TABLES = [
    "CREATE TABLE IF NOT EXISTS search_pending (ticket_id CHAR(32) PRIMARY KEY) WITHOUT ROWID",
    f"CREATE TABLE IF NOT EXISTS {DOCS} (docid INTEGER PRIMARY KEY, ticket_id CHAR(32) NOT NULL UNIQUE, "
    "body TEXT NOT NULL)",
    # detail=none: the officer's words are each their own one-word phrase, so positions are never needed
    # (the index is a third of the size and quicker to write).
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX} USING fts5(body, content='{DOCS}', content_rowid='docid', "
    f"tokenize='{TOKENIZER}', detail=none)",
]
_PENDING = "SELECT ticket_id FROM search_pending"
# Every document is pending (a re-snapshot dropped the mirror): empty the index at once, not word by word.
_ALL_PENDING = f"NOT EXISTS (SELECT 1 FROM {DOCS} WHERE ticket_id NOT IN ({_PENDING}))"
_BODY = (
    "t.subject || ' ' || coalesce((SELECT group_concat(m.body_text, ' ') FROM message AS m "
    "WHERE m.ticket_id = t.id), '')"
)
CATCH_UP_SQL = (  # also run by bench/inbox.py after its bulk load
    f"INSERT INTO {INDEX}({INDEX}) SELECT 'delete-all' WHERE EXISTS ({_PENDING}) AND {_ALL_PENDING}",
    f"INSERT INTO {INDEX}({INDEX}, rowid, body) SELECT 'delete', docid, body FROM {DOCS} "
    f"WHERE ticket_id IN ({_PENDING}) AND NOT {_ALL_PENDING}",
    f"DELETE FROM {DOCS} WHERE ticket_id IN ({_PENDING})",
    # New docids in order of update, so that newest first means the latest changed. CROSS JOIN keeps the
    # pending tickets the outer loop: else SQLite walks a million tickets by update time to skip a sort,
    # probing the (mostly empty) pending table for each (0.8 s at every pull's end on a million tickets).
    f"INSERT INTO {DOCS}(ticket_id, body) SELECT t.id, {_BODY} FROM search_pending AS p "
    "CROSS JOIN ticket AS t ON t.id = p.ticket_id ORDER BY t.updated_at, t.id",
    f"INSERT INTO {INDEX}(rowid, body) SELECT d.docid, d.body FROM search_pending AS p "
    f"CROSS JOIN {DOCS} AS d ON d.ticket_id = p.ticket_id",
    "DELETE FROM search_pending",
)
# The pull writes its cursor last, in the same transaction as its rows: index them there, in bulk.
_CATCH_UP_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS search_catch_up AFTER INSERT ON sync_state WHEN new.key = 'cursor' "
    f"BEGIN {'; '.join(CATCH_UP_SQL)}; END"
)


def ensure(conn: Connection) -> None:
    """Create the index, its tables and triggers if this cache lacks them (filled from the rows already
    there, replacing an earlier build's per-table indexes), and index what is still pending."""
    present = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')").scalars())
    if INDEX not in present:
        _retire_earlier_indexes(conn, present)
        for statement in _TABLES:
            conn.exec_driver_sql(statement)
        conn.exec_driver_sql("INSERT OR IGNORE INTO search_pending SELECT id FROM ticket")
    for name, body in _TRIGGERS.items():
        conn.exec_driver_sql(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
    conn.exec_driver_sql(_CATCH_UP_TRIGGER)
    forget_deleted_words(conn, INDEX)
    catch_up(conn)


def forget_deleted_words(conn: Connection, index: str) -> None:
    """Have the FTS5 ``index`` take a replaced or deleted document's words out of its segments at once
    (``secure-delete``, SQLite 3.42+, SQLCipher's included) instead of keeping them there, marked deleted,
    until a merge: the words of a reporter's data erased or anonymised (``store/privacy.py``) must not stay
    readable in the cache file. An older SQLite has no such option and keeps them until a merge."""
    if conn.exec_driver_sql(f"SELECT 1 FROM {index}_config WHERE k = 'secure-delete'").first() is not None:
        return
    with contextlib.suppress(OperationalError):  # SQLite before 3.42
        conn.exec_driver_sql(f"INSERT INTO {index}({index}, rank) VALUES ('secure-delete', 1)")


def _retire_earlier_indexes(conn: Connection, present: set[str]) -> None:
    for name in present:
        if name.startswith(_RETIRED) and name not in _RETIRED:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS search_catch_up")
    for index in _RETIRED:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {index}")
    conn.exec_driver_sql("DROP TABLE IF EXISTS search_pending")  # keyed by (table, row) then


def catch_up(conn: Connection) -> None:
    """Index the tickets changed since the last pull ended (a pull does this itself)."""
    for statement in CATCH_UP_SQL:
        conn.exec_driver_sql(statement)


def search_words(text: str) -> list[str]:
    """The officer's search text as plain words; a hostile string is only more words."""
    if len(text) > MAX_SEARCH_CHARS:
        raise BadInput(f"a search is at most {MAX_SEARCH_CHARS} characters long")
    words = _WORD.findall(text)
    if text.strip() and not words:
        raise BadInput("a search needs at least one letter or digit")
    if len(words) > MAX_SEARCH_WORDS:
        raise BadInput(f"a search has at most {MAX_SEARCH_WORDS} words")
    return words


@dataclass(frozen=True, slots=True)
class Spellings:
    """What one typed word asks for: itself (as the start of a word), its standard spelling (likewise) and
    the other chat spellings of that standard (whole words: "ga" must not find "garam")."""

    typed: str
    starts: tuple[str, ...]  # the typed word, its standard spelling and the stretched letters undone
    whole: tuple[str, ...]  # the other spellings of the same word, as whole words
    phrases: tuple[tuple[str, ...], ...] = ()  # a slang word for several ("pju": lampu jalan): all of them


# Letters typed three times or more ("tolonggg") are one letter, as the duplicate finder reads them.
_STRETCHED = re.compile(r"([a-z])\1{2,}")


def _standard_spellings(slang: Mapping[str, str]) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """The dictionary as search uses it: a chat spelling's standard word, and each standard word's chat
    spellings. Entries whose standard is a number ("dua": 2) are left out: a search for "dua" must not find
    every "2024"; a standard of several words is kept one way only (see ``Spellings.phrases``)."""
    standard: dict[str, str] = {}
    variants: defaultdict[str, list[str]] = defaultdict(list)
    for chat, word in slang.items():
        if not word or chat == word or any(c.isdigit() for c in word):
            continue
        standard[chat] = word
        if " " not in word:
            variants[word].append(chat)
    return standard, {word: tuple(sorted(chats)) for word, chats in variants.items()}


_STANDARD, _VARIANTS = _standard_spellings(SLANG)


@lru_cache(maxsize=4096)
def spellings(word: str) -> Spellings:
    """Every spelling a typed search word asks for, by the duplicate finder's dictionary."""
    typed = folded(word)
    unstretched = _STRETCHED.sub(r"\1", typed)
    standard = _STANDARD.get(typed) or _STANDARD.get(unstretched) or unstretched
    starts = tuple(dict.fromkeys(w for w in (typed, unstretched, standard) if " " not in w))
    whole = tuple(w for w in _VARIANTS.get(standard, ()) if w not in starts)
    phrases = (tuple(standard.split()),) if " " in standard else ()
    return Spellings(typed, starts, whole, phrases)


def _quoted(word: str, prefix: bool) -> str:
    return f'"{word}"' + ("*" if prefix else "")


def _alternatives(word: str) -> str:
    found = spellings(word)
    terms = [_quoted(w, True) for w in found.starts] + [_quoted(w, False) for w in found.whole]
    terms += ["(" + " AND ".join(_quoted(w, True) for w in phrase) + ")" for phrase in found.phrases]
    return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"


def match_expression(words: list[str]) -> str:
    """An FTS5 query: every word must appear, each as the start of a word, in any of its chat spellings.
    Quoting each word leaves no operator (OR, NOT, NEAR, *, ^, column filters) in the officer's hands; the
    ANDs are spelt out (FTS5 joins a group in parentheses to its neighbours only with an explicit AND)."""
    return " AND ".join(_alternatives(word) for word in words)


def folded(text: str) -> str:
    """Lower case without diacritics, like the tokenizer: for text not in the index (tickets queued here)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matches(words: list[str], text: str) -> bool:
    """Whether ``text`` matches like the index would: every word, in one of its spellings, starts some word
    of the text (or is one, for the other chat spellings)."""
    own = _WORD.findall(folded(text))
    present = set(own)

    def found(word: str) -> bool:
        wanted = spellings(word)
        return (
            any(w.startswith(start) for w in own for start in wanted.starts)
            or any(whole in present for whole in wanted.whole)
            or any(all(any(w.startswith(part) for w in own) for part in phrase) for phrase in wanted.phrases)
        )

    return all(found(word) for word in words)
