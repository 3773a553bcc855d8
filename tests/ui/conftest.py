"""UI tests run headless, with qasync's event loop driving asyncio inside Qt's.

``org_url`` is a real (SQLite) central database with the test organisation of ``tests/store/helpers``
(ani and budi in humas, sari supervising kanreg, rudi in kanreg-1) and a few tickets; ``session`` is ani's
desktop session on it, with a local cache filled by one sync round.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# qasync is imported before any desktop.ui module here, so bind it to PySide6 as desktop/ui/__init__.py does.
os.environ["QT_API"] = "pyside6"

import qasync
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from desktop.store.service import Store
from desktop.sync.session import Session, open_session
from desktop.ui import i18n
from desktop.ui.ops import Ops
from tests.store.helpers import build_org, new_ticket

SUBJECTS = ("Jalan berlubang", "Lampu jalan mati", "Sampah menumpuk", "Pungutan liar di loket", "Banjir di RT 05")


@pytest.fixture(autouse=True)
def qasync_loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    asyncio.set_event_loop(None)


@pytest.fixture(autouse=True)
def source_language(qapp: QApplication) -> Iterator[None]:
    """Every test starts and leaves the application as it starts: no catalogue installed (the source texts,
    English), the default locale. A test that switched to Indonesian and back to English's plural catalogue
    would otherwise change the words of the tests after it in the same worker."""
    before = QLocale()
    yield
    i18n.remove(qapp)
    QLocale.setDefault(before)


@pytest.fixture
def org_url(tmp_path: Path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path}/central.db"
    owner = Store(url)
    owner.upgrade()
    org = build_org(url)
    for subject in SUBJECTS:
        new_ticket(org.ani, subject=subject)
    new_ticket(org.rudi, unit="kanreg-1", subject="Pelayanan KTP lambat")
    org.close()
    owner.dispose()
    yield url


def session_for(url: str, login: str, folder: Path) -> Session:
    """An officer's session with a cache filled by one sync round."""
    session = open_session(url, login, cache_path=folder / f"{login}.cache.db")
    session.engine.sync()
    return session


@pytest.fixture
def session(org_url: str, tmp_path: Path) -> Iterator[Session]:
    opened = session_for(org_url, "ani", tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def ops() -> Iterator[Ops]:
    """The window's operations API (its cache thread and network pool), shut down after the test."""
    running = Ops()
    yield running
    running.shutdown()
