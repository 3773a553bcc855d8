"""What the service tests share: throwaway databases with the server's own login, and configuration files."""

from __future__ import annotations

import os
import uuid
from contextlib import ExitStack
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from desktop.store import db_users
from desktop.store.service import Store
from tests.conftest import missing
from tests.databases import ServerMissing, server_admin_url, throwaway_database
from tests.e2e.cli import run

# Quotes, a percent sign, an @ and a colon: the password must survive being put into a URL.
SERVER_PASSWORD = "kata'sandi%srv@1:x"


def config_file(folder: Path, body: str, name: str = "aduan.toml") -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def service_env() -> dict[str, str]:
    """The environment of a service: none of the tests' ADUAN_* (the file is the whole configuration)."""
    return {key: value for key, value in os.environ.items() if not key.startswith("ADUAN_")}


def database(stack: ExitStack, kind: str, tmp_path: Path) -> str:
    """A migrated throwaway database of ``kind``, dropped when ``stack`` closes."""
    try:
        url = stack.enter_context(throwaway_database(kind, tmp_path))
    except ServerMissing as exc:
        missing(str(exc))
    owner = Store(url)
    owner.upgrade()
    owner.dispose()
    return url


def logins_dropped_last(stack: ExitStack, kind: str) -> list[str]:
    """Roles outlive databases: the logins and roles put in the returned list are dropped once ``stack``'s
    databases are gone (call this before ``database``, so that it runs last)."""
    roles: list[str] = []

    def drop() -> None:
        engine = create_engine(server_admin_url(kind), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            for role in roles:
                if kind == "postgresql":
                    conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
                else:
                    conn.execute(text(f"DROP USER IF EXISTS '{role}'@'%'"))
                    conn.execute(text(f"DROP ROLE IF EXISTS `{role}`"))
        engine.dispose()

    stack.callback(drop)
    return roles


def server_login(dropped: list[str], owner_url: str) -> str:
    """The server's own login, made with `aduan db server-login --password-stdin` (SERVER_PASSWORD); it and
    its role go in ``dropped`` (``logins_dropped_last``)."""
    login = f"aduan_srv_{uuid.uuid4().hex[:8]}"
    dropped += [login, db_users.server_role(make_url(owner_url).database or "")]
    made = run(owner_url, "db", "server-login", login, "--password-stdin", stdin=SERVER_PASSWORD.encode() + b"\n")
    assert made.returncode == 0, made.stderr
    return login


def worker_config(folder: Path, url: str, login: str, password: str) -> Path:
    """A configuration for ``login`` on ``url`` with the password in a file beside it, logging JSON."""
    (folder / "db-password").write_text(password, encoding="utf-8")
    served = make_url(url).set(username=login, password=None)
    return config_file(
        folder,
        f'[database]\nurl = "{served.render_as_string(hide_password=False)}"\npassword_file = "db-password"\n'
        '[log]\nformat = "json"\n[worker]\ninterval_seconds = 5\n',
    )
