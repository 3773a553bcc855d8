"""Throwaway databases on the three engines, for tests and benchmarks.

``ADUAN_TEST_PG`` and ``ADUAN_TEST_MARIADB`` name an administrative connection (defaults: the local
servers). Each call creates a database with a unique name and drops it afterwards. Where a server is
missing the caller skips, except in CI (``CI`` set), where a missing server is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ENGINES = ("sqlite", "postgresql", "mariadb")
SERVER_ENGINES = ("postgresql", "mariadb")
PG_ADMIN = os.environ.get("ADUAN_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
MARIADB_ADMIN = os.environ.get("ADUAN_TEST_MARIADB", "mariadb+pymysql://root@127.0.0.1:3306/")


class ServerMissing(Exception):
    pass


def _admin_url(kind: str) -> str:
    raw = PG_ADMIN if kind == "postgresql" else MARIADB_ADMIN
    url = make_url(raw)
    if kind == "postgresql":
        return str(url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False))
    return str(url.set(drivername="mariadb+pymysql").render_as_string(hide_password=False))


@contextmanager
def throwaway_database(kind: str, workdir: Path) -> Iterator[str]:
    """Yield the URL of a new, empty database of ``kind``; drop it afterwards."""
    if kind == "sqlite":
        path = workdir / f"aduan-{uuid.uuid4().hex[:8]}.db"
        yield f"sqlite:///{path}"
        return
    name = f"aduan_test_{uuid.uuid4().hex[:12]}"
    admin_url = _admin_url(kind)
    try:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
        with admin.connect() as conn:
            if kind == "postgresql":
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            else:
                conn.execute(text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"))
    except Exception as exc:  # any failure here means "no usable server"
        raise ServerMissing(f"{kind} server at {admin_url} is not usable: {exc}") from exc
    try:
        yield str(make_url(admin_url).set(database=name).render_as_string(hide_password=False))
    finally:
        with admin.connect() as conn:
            if kind == "postgresql":
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            else:
                conn.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
        admin.dispose()


def server_admin_url(kind: str) -> str:
    return _admin_url(kind)
