"""The one way the UI does background work: ``await ops.db(fn, …)`` runs ``fn`` off the GUI thread.

Database calls share a single worker thread (SQLite connections and the store's pool stay on it);
nothing that runs there may touch a widget.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class Ops:
    def __init__(self) -> None:
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="aduan-db")

    async def db(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._db, functools.partial(fn, *args, **kwargs))

    def shutdown(self) -> None:
        self._db.shutdown(wait=True, cancel_futures=True)
