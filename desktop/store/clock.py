"""The database server's clock. Lease decisions never read the client's clock."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from .schema import Timestamp


class ServerNow(FunctionElement[datetime]):
    """The server's current time as naive UTC, the form every timestamp column holds."""

    type = Timestamp
    inherit_cache = True


@compiles(ServerNow, "postgresql")
def _now_postgresql(_element: ServerNow, _compiler: Any, **_kw: Any) -> str:
    # clock_timestamp(), not now(): now() is frozen at the start of the transaction.
    return "timezone('UTC', clock_timestamp())"


@compiles(ServerNow, "mariadb")
@compiles(ServerNow, "mysql")
def _now_mariadb(_element: ServerNow, _compiler: Any, **_kw: Any) -> str:
    return "UTC_TIMESTAMP(6)"


@compiles(ServerNow, "sqlite")
def _now_sqlite(_element: ServerNow, _compiler: Any, **_kw: Any) -> str:
    return "strftime('%Y-%m-%d %H:%M:%f', 'now')"


_SELECT_NOW = select(ServerNow())


def server_now(conn: Connection) -> datetime:
    return conn.execute(_SELECT_NOW).scalar_one()
