"""Shared fixtures: a throwaway database per test on each engine, and a migrated store on it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from desktop.store.service import Store
from tests.databases import ENGINES, SERVER_ENGINES, ServerMissing, throwaway_database
from tests.file_keyring import MemoryKeyring

# The helper modules beside the test modules (crash_world.py, sync_checks.py, …) assert too: pytest rewrites
# their asserts like the test modules' own, so that a failing check shows its values. None is imported yet.
pytest.register_assert_rewrite(
    *(f"tests.{d.name}" for d in Path(__file__).parent.iterdir() if (d / "__init__.py").is_file())
)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def own_keyring() -> MemoryKeyring:
    """Every test its own empty keyring in this process: nothing reaches the computer's own keyring, and no test
    meets another's entries or backend (keyring keeps the one it uses in a global). Child processes choose
    theirs with PYTHON_KEYRING_BACKEND."""
    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    return kept


def missing(reason: str) -> None:
    """A missing server or tool skips locally and fails in CI."""
    if os.environ.get("CI"):
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def _database(kind: str, tmp_path: Path) -> Iterator[str]:
    try:
        with throwaway_database(kind, tmp_path) as url:
            yield url
    except ServerMissing as exc:
        missing(str(exc))


def _migrated(url: str) -> str:
    store = Store(url)
    store.upgrade()
    store.dispose()
    return url


@pytest.fixture(params=ENGINES)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty throwaway database on each engine."""
    yield from _database(request.param, tmp_path)


@pytest.fixture
def migrated_url(db_url: str) -> str:
    return _migrated(db_url)


@pytest.fixture(params=SERVER_ENGINES)
def server_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated throwaway database on each engine with logins (PostgreSQL, MariaDB)."""
    for url in _database(request.param, tmp_path):
        yield _migrated(url)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests (marked ``slow``) first: xdist then runs them beside the many short ones, instead of one
    of them running alone on one worker at the end while the other workers have nothing left to do."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
