"""Create or migrate the central schema with Alembic, and check a client against it.

Alembic is imported only to migrate: every command checks the schema version, and importing Alembic
costs a third of a second that an officer's command should not pay.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from ..domain.errors import SchemaMismatch

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions; a test keeps the two in step.
HEAD_REVISION = "0013"
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


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def known_revisions() -> list[str]:
    """Every revision in the migrations folder, newest first."""
    from alembic.script import ScriptDirectory

    return [rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()]


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to the newest schema; returns (revision before, revision after)."""
    from alembic import command

    with engine.connect() as conn:
        before = current_revision(conn)
        conn.rollback()
        command.upgrade(_config(conn), "head")
        conn.commit()
        return before, HEAD_REVISION


def check_schema(conn: Connection) -> None:
    """Refuse to work against a schema this client was not built for (old client or old server)."""
    current = current_revision(conn)
    if current == HEAD_REVISION:
        return
    if current is None:
        raise SchemaMismatch("the database has no Aduan schema yet: run `aduan db upgrade`")
    if current in known_revisions():
        raise SchemaMismatch(
            f"the database schema {current} is older than this client ({HEAD_REVISION}): run `aduan db upgrade`"
        )
    raise SchemaMismatch(
        f"the database schema {current} is newer than this client knows ({HEAD_REVISION}): update Aduan"
    )
