"""Create or migrate the central schema with Alembic, and check a client against it."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from ..domain.errors import SchemaMismatch

MIGRATIONS = Path(__file__).with_name("migrations")


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


_BOOLEAN_LITERALS = {"true": "1", "false": "0"}


def compare_server_default(
    _context: object,
    _inspected_column: object,
    _metadata_column: object,
    inspected_default: str | None,
    _metadata_default: object,
    rendered_metadata_default: str | None,
) -> bool | None:
    """MariaDB reports a boolean default of ``true`` as ``'1'``; that is no difference."""
    if inspected_default is None or rendered_metadata_default is None:
        return None
    rendered = rendered_metadata_default.strip("'").lower()
    if rendered in _BOOLEAN_LITERALS and inspected_default.strip("'") == _BOOLEAN_LITERALS[rendered]:
        return False
    return None


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to the newest schema; returns (revision before, revision after)."""
    with engine.connect() as conn:
        before = current_revision(conn)
        command.upgrade(_config(conn), "head")
        conn.commit()
        return before, head_revision()


def check_schema(conn: Connection) -> None:
    """Refuse to work against a schema this client was not built for (old client or old server)."""
    current, expected = current_revision(conn), head_revision()
    if current == expected:
        return
    if current is None:
        raise SchemaMismatch("the database has no Aduan schema yet: run `aduan db upgrade`")
    known = {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}
    if current in known:
        raise SchemaMismatch(
            f"the database schema {current} is older than this client ({expected}): run `aduan db upgrade`"
        )
    raise SchemaMismatch(
        f"the database schema {current} is newer than this client knows ({expected}): update Aduan"
    )
