"""Shared fixtures: a throwaway database per test on each engine, and a migrated store on it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.service import Store
from tests.databases import ENGINES, ServerMissing, throwaway_database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def missing(reason: str) -> None:
    """A missing server or tool skips locally and fails in CI."""
    if os.environ.get("CI"):
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(params=ENGINES)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    try:
        with throwaway_database(request.param, tmp_path) as url:
            yield url
    except ServerMissing as exc:
        missing(str(exc))


@pytest.fixture
def migrated_url(db_url: str) -> str:
    store = Store(db_url)
    store.upgrade()
    store.dispose()
    return db_url
