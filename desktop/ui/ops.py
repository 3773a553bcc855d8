"""The one way the UI does background work: ``await ops.db(fn, …)`` / ``await ops.net(fn, …)``.

- ``db``: one worker thread for the local cache (reads and desk actions), so the GUI thread never
  waits for SQLite;
- ``net``: a small pool for what talks to the central database (sync rounds, sign-in checks,
  attachment downloads), so a slow link never delays reading the cache.

Nothing that runs there may touch a widget. Failures are raised at the ``await``, where the view shows
them in words (``errors.describe``). Once the window closed (``shutdown``), a late call cancels the task
that made it instead of failing: the work belonged to a window that is gone.
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
        self._net = ThreadPoolExecutor(max_workers=2, thread_name_prefix="aduan-net")
        self.closed = False

    async def db(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        return await self._run(self._db, functools.partial(fn, *args, **kwargs))

    async def net(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        return await self._run(self._net, functools.partial(fn, *args, **kwargs))

    async def _run(self, executor: ThreadPoolExecutor, call: Callable[[], T]) -> T:
        if self.closed:
            raise asyncio.CancelledError()
        return await asyncio.get_running_loop().run_in_executor(executor, call)

    def shutdown(self) -> None:
        self.closed = True
        self._db.shutdown(wait=True, cancel_futures=True)
        self._net.shutdown(wait=True, cancel_futures=True)
