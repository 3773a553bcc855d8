"""How large a value one statement may carry to the central database.

MariaDB drops the connection on a statement larger than ``max_allowed_packet`` (16 MiB by default), which
looks like a network failure: whatever carried the value (a queued report, a fetched mail) would be tried
again for ever and hold up everything behind it. Callers check first and refuse or set aside what cannot
fit, saying what the admin can change. PostgreSQL and SQLite take far larger values: no limit applies.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

# What PyMySQL escapes with a backslash when it sends bytes in a statement: each such byte takes two.
_ESCAPED = (b"\x00", b"\n", b"\r", b"\\", b"'", b'"', b"\x1a")
_STATEMENT_OVERHEAD = 64 * 1024  # the INSERT's own text and the other columns, generously


def statement_limit(conn: Connection) -> int | None:
    """The largest statement the server takes, in bytes; None where there is no practical limit."""
    if conn.dialect.name not in ("mariadb", "mysql"):
        return None
    return int(conn.execute(text("SELECT @@max_allowed_packet")).scalar_one())


def statement_size(content: bytes) -> int:
    """What a statement carrying ``content`` weighs on the wire."""
    return len(content) + sum(content.count(byte) for byte in _ESCAPED) + _STATEMENT_OVERHEAD
