"""Database failures become domain errors or retries: checked with real errors from real servers."""

from __future__ import annotations

import logging
import threading

import pytest
from sqlalchemy import Connection, insert, text
from sqlalchemy.exc import DBAPIError

from desktop.store.schema import counter
from desktop.store.service import Store, is_transient, without_values


def test_a_real_deadlock_is_classified_as_transient(server_url: str) -> None:
    store = Store(server_url)
    with store.engine.begin() as conn:
        conn.execute(insert(counter), [{"name": "a", "value": 0}, {"name": "b", "value": 0}])
    first, second = store.engine.connect(), store.engine.connect()
    both_hold_one = threading.Barrier(2)
    failures: list[DBAPIError] = []

    def cross(conn: Connection, mine: str, theirs: str) -> None:
        bump = text("UPDATE counter SET value = value + 1 WHERE name = :n")
        try:
            conn.execute(bump, {"n": mine})
            both_hold_one.wait(timeout=10)
            conn.execute(bump, {"n": theirs})
            conn.commit()
        except DBAPIError as exc:
            failures.append(exc)
            conn.rollback()

    threads = [
        threading.Thread(target=cross, args=(first, "a", "b")),
        threading.Thread(target=cross, args=(second, "b", "a")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    first.close()
    second.close()
    store.dispose()
    assert len(failures) == 1, "the server must break the cycle by failing exactly one transaction"
    assert is_transient(failures[0]), failures[0]


def test_a_unique_violation_is_not_transient(server_url: str) -> None:
    store = Store(server_url)
    with store.engine.connect() as conn, pytest.raises(DBAPIError) as failed:
        conn.execute(insert(counter).values(name="change", value=1))
    assert not is_transient(failed.value)
    store.dispose()


def test_a_failed_statement_never_carries_its_values_into_the_error_or_the_log(
    migrated_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A statement's parameters are citizens' data: the error an officer, the CLI or the server's log sees
    names the statement at most, never the values (``engine.create`` hides them)."""
    store = Store(migrated_url)
    secret = "Budi Santoso 0812-5550-1234"
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    store.engine.echo = True  # the log shows statements, as a server run with SQL logging would
    with pytest.raises(DBAPIError) as failed, store.engine.begin() as conn:
        # Two rows with one primary key: refused by every engine, with the values in the statement's parameters.
        conn.execute(insert(counter), [{"name": secret, "value": 1}, {"name": secret, "value": 2}])
    store.engine.echo = False
    assert "hidden due to hide_parameters" in str(failed.value), "SQLAlchemy's part names the statement only"
    assert caplog.records and secret not in caplog.text
    # The database's own message may quote the row (PostgreSQL, MariaDB): what a log or the CLI prints does not.
    told = without_values(failed.value)
    assert secret not in told and "INSERT INTO counter" in told
