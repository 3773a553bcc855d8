"""Central store: schema, migrations, server clock and the fenced operations (SQLAlchemy 2)."""
