"""Full-text search over the cache: ticket subjects and message bodies, in SQLite FTS5 indexes.

The indexes are external-content FTS5 tables over the mirror's own rows (keyed by their rowid), so the
text is not stored twice. Triggers keep them right however the sync engine writes:
- tickets are upserted (``INSERT … ON CONFLICT DO UPDATE``): a new row fires AFTER INSERT, an existing
  one AFTER UPDATE (never AFTER INSERT), an older version nothing at all;
- messages are written with ``INSERT OR REPLACE``, whose implicit delete fires no trigger (recursive
  triggers are off), so a BEFORE INSERT trigger takes the replaced row's words out first;
- removed tickets and ``drop_mirror`` delete rows: AFTER DELETE.

New words are not indexed row by row: FTS5 flushes its buffer at every statement, and the engine writes a
pull with one executemany (a statement per row), which made an initial sync four times slower. A trigger
only notes the row in ``search_pending``; the pull's last write, its cursor, indexes them all with one
statement each, in the same transaction (``catch_up``). Words leave the index at once (the old text is
only there in the trigger), except for rows still pending, which were never indexed.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import Connection

from ..domain.errors import BadInput

TOKENIZER = "unicode61 remove_diacritics 2"
MAX_SEARCH_CHARS = 200
MAX_SEARCH_WORDS = 12

TICKET_INDEX = "ticket_text"
MESSAGE_INDEX = "message_text"
_SOURCES = {TICKET_INDEX: ("ticket", "subject"), MESSAGE_INDEX: ("message", "body_text")}

# What the unicode61 tokenizer keeps in a word: letters and digits (an underscore separates words).
_WORD = re.compile(r"[^\W_]+")


def _pending(source: str, rowid: str) -> str:
    return f"SELECT 1 FROM search_pending WHERE source = '{source}' AND row = {rowid}"


def _index_ddl(index: str, source: str, column: str) -> list[str]:
    def remove(rowid: str, value: str) -> str:
        """Take a row's words out unless it is still pending (then they were never put in)."""
        return (
            f"INSERT INTO {index}({index}, rowid, {column}) SELECT 'delete', {rowid}, {value} "
            f"WHERE NOT EXISTS ({_pending(source, rowid)}); "
            f"DELETE FROM search_pending WHERE source = '{source}' AND row = {rowid}"
        )

    note = f"INSERT OR IGNORE INTO search_pending VALUES ('{source}', new.rowid)"
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5({column}, content='{source}', tokenize='{TOKENIZER}')",
        f"CREATE TRIGGER {index}_insert AFTER INSERT ON {source} BEGIN {note}; END",
        f"CREATE TRIGGER {index}_delete AFTER DELETE ON {source} BEGIN {remove('old.rowid', f'old.{column}')}; END",
        f"CREATE TRIGGER {index}_update AFTER UPDATE OF {column} ON {source} "
        f"WHEN old.{column} IS NOT new.{column} BEGIN {remove('old.rowid', f'old.{column}')}; {note}; END",
    ]


def _catch_up_sql() -> list[str]:
    return [
        *(
            f"INSERT INTO {index}(rowid, {column}) SELECT s.rowid, s.{column} FROM search_pending AS p "
            f"JOIN {source} AS s ON s.rowid = p.row WHERE p.source = '{source}'"
            for index, (source, column) in _SOURCES.items()
        ),
        "DELETE FROM search_pending",
    ]


_DDL = {
    TICKET_INDEX: _index_ddl(TICKET_INDEX, "ticket", "subject"),
    MESSAGE_INDEX: [
        *_index_ddl(MESSAGE_INDEX, "message", "body_text"),
        # Only for INSERT OR REPLACE tables: on an upsert the old row stays and AFTER UPDATE handles it.
        f"CREATE TRIGGER {MESSAGE_INDEX}_replace BEFORE INSERT ON message BEGIN "
        f"INSERT INTO {MESSAGE_INDEX}({MESSAGE_INDEX}, rowid, body_text) "
        f"SELECT 'delete', rowid, body_text FROM message WHERE id = new.id AND NOT EXISTS "
        f"({_pending('message', 'message.rowid')}); "
        "DELETE FROM search_pending WHERE source = 'message' AND row IN (SELECT rowid FROM message WHERE id = new.id);"
        " END",
    ],
}
_PENDING_TABLE = (
    "CREATE TABLE IF NOT EXISTS search_pending (source TEXT NOT NULL, row INTEGER NOT NULL, "
    "PRIMARY KEY (source, row)) WITHOUT ROWID"
)
# The pull writes its cursor last, in the same transaction as its rows: index them there, in bulk.
_CATCH_UP_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS search_catch_up AFTER INSERT ON sync_state WHEN new.key = 'cursor' "
    f"BEGIN {'; '.join(_catch_up_sql())}; END"
)


def ensure(conn: Connection) -> None:
    """Create the indexes and their triggers if this cache lacks them, filled from the rows already there,
    and index what is still pending (rows written outside a pull)."""
    conn.exec_driver_sql(_PENDING_TABLE)
    present = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").scalars())
    for index, statements in _DDL.items():
        if index in present:
            continue
        source, _column = _SOURCES[index]
        for statement in statements:
            conn.exec_driver_sql(statement)
        conn.exec_driver_sql(f"INSERT INTO {index}({index}) VALUES ('rebuild')")
        conn.exec_driver_sql(f"DELETE FROM search_pending WHERE source = '{source}'")
    conn.exec_driver_sql(_CATCH_UP_TRIGGER)
    catch_up(conn)


def catch_up(conn: Connection) -> None:
    """Index the rows written since the last pull ended (a pull does this itself)."""
    for statement in _catch_up_sql():
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


def match_expression(words: list[str]) -> str:
    """An FTS5 query: every word must appear, each as the start of a word. Quoting each word leaves no
    operator (OR, NOT, NEAR, *, ^, column filters) in the officer's hands."""
    return " ".join(f'"{word}"*' for word in words)


def folded(text: str) -> str:
    """Lower case without diacritics, like the tokenizer: for text not in the index (tickets queued here)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matches(words: list[str], text: str) -> bool:
    """Whether ``text`` matches like the index would: every word starts some word of the text."""
    own = _WORD.findall(folded(text))
    return all(any(w.startswith(folded(word)) for w in own) for word in words)
