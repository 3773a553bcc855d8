"""Alembic environment: always run from ``desktop.store.migrate`` with a connection it passes in."""

from alembic import context

from desktop.store.migrate import compare_server_default
from desktop.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
    compare_server_default=compare_server_default,
)
with context.begin_transaction():
    context.run_migrations()
