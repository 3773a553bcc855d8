# qasync ships no type information. These stubs cover what Aduan uses, with the signatures of qasync 0.28
# as bound to PySide6 (desktop/ui/__init__.py makes sure it is PySide6).
import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

from PySide6.QtCore import QCoreApplication

_P = ParamSpec("_P")
_T = TypeVar("_T")

__all__ = ["QEventLoop", "asyncSlot", "run"]

# On Windows qasync's loop derives from the proactor loop, elsewhere from the selector loop; Aduan only uses
# what both share.
class QEventLoop(asyncio.BaseEventLoop):
    def __init__(
        self, app: QCoreApplication | None = None, set_running_loop: bool = False, already_running: bool = False
    ) -> None: ...

# The decorated slot schedules the coroutine on the running loop and returns its task at once; qasync
# drops trailing signal arguments the coroutine does not take.
def asyncSlot(
    *types: type | str, name: str | None = ..., result: type | str | None = ...
) -> Callable[[Callable[_P, Coroutine[Any, Any, _T]]], Callable[_P, asyncio.Task[_T]]]: ...
def run(main: Coroutine[Any, Any, _T], *, debug: bool | None = None) -> _T: ...
