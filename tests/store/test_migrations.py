"""The migrations build the schema the models describe, on every engine."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from desktop.domain.errors import SchemaMismatch
from desktop.store import migrate
from desktop.store.schema import metadata
from desktop.store.service import Store


def test_upgrade_creates_schema_matching_models(db_url: str) -> None:
    store = Store(db_url)
    before, after = store.upgrade()
    assert before is None and after == migrate.HEAD_REVISION
    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": migrate.compare_server_default}
        )
        assert compare_metadata(context, metadata) == []
        assert set(metadata.tables) <= set(inspect(conn).get_table_names())
        assert conn.execute(text("SELECT value FROM counter WHERE name = 'change'")).scalar_one() == 0
    store.dispose()


def test_upgrade_twice_is_harmless(db_url: str) -> None:
    store = Store(db_url)
    store.upgrade()
    before, after = store.upgrade()
    assert before == after == migrate.HEAD_REVISION
    store.dispose()


def test_client_refuses_unknown_schema(db_url: str) -> None:
    store = Store(db_url)
    store.upgrade()
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffffffff'"))
    fresh = Store(db_url, officer="nobody")
    try:
        fresh.actor()
    except SchemaMismatch as exc:
        assert "newer than this client" in str(exc)
    else:
        raise AssertionError("a schema from a newer version must be refused")
    fresh.dispose()
    store.dispose()


def test_empty_database_is_refused_with_hint(db_url: str) -> None:
    store = Store(db_url, officer="nobody")
    try:
        store.actor()
    except SchemaMismatch as exc:
        assert "aduan db upgrade" in str(exc)
    else:
        raise AssertionError("an empty database must be refused")
    store.dispose()


def test_head_revision_constant_matches_the_migrations_folder() -> None:
    assert migrate.known_revisions()[0] == migrate.HEAD_REVISION
