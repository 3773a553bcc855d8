"""The way from a command line in a child process to the central database, taken down and brought up by a test."""

from __future__ import annotations

from pathlib import Path

from tests.sync.proxy import Proxy, through


class Link:
    """The way to the central database, which the test takes down and brings up. SQLite: the central
    file's folder moves away (SQLite cannot open it); PostgreSQL and MariaDB: a TCP proxy refuses."""

    def __init__(self, url: str) -> None:
        self.proxy = None if url.startswith("sqlite") else Proxy.to(url)
        self.url = url if self.proxy is None else through(url, self.proxy)
        self.folder = Path(url.removeprefix("sqlite:///")).parent
        self.away = self.folder.with_name(self.folder.name + "-away")

    def down(self) -> None:
        if self.proxy is None:
            self.folder.rename(self.away)
        else:
            self.proxy.refuse()
            self.proxy.cut()

    def up(self) -> None:
        if self.proxy is None:
            self.away.rename(self.folder)
        else:
            self.proxy.accept()

    def __enter__(self) -> Link:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.proxy is None:
            if self.away.exists():
                self.up()
        else:
            self.proxy.close()
