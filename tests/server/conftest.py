"""A world for the server tests: the test organisation on a throwaway database, its officers with server
passwords, and a real ``aduan server`` process in front of it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.store.service import Store
from tests.conftest import _database, _migrated
from tests.databases import ENGINES
from tests.server.live import LiveServer, give_passwords, running_server
from tests.store.helpers import Org, build_org


@dataclass
class World:
    db_url: str
    org: Org
    server: LiveServer

    @property
    def owner(self) -> Store:
        return self.org.admin


@pytest.fixture(params=ENGINES)
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    for url in _database(request.param, tmp_path):
        _migrated(url)
        org = build_org(url)
        give_passwords(org.admin, "ani", "budi", "sari", "rudi")
        try:
            with running_server(url, tmp_path) as server:
                yield World(url, org, server)
        finally:
            org.close()
