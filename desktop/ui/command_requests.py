"""Requests of the commands beside sync (``server/commands.py``), built from what an officer typed.

A command's request is a pydantic struct that checks its fields (lengths, ranges) as it is built, on this
computer, before anything is sent: a field it refuses is ``BadInput`` here, shown like the server's own
refusals (``errors.describe``), never an exception the window does not expect. pydantic is loaded on first
use, on the network pool, not when the window opens.
"""

from __future__ import annotations

from typing import Any, TypeVar

R = TypeVar("R")


def request(model: type[R], /, **fields: Any) -> R:
    """``model(**fields)``, or BadInput naming the first field it refused and why. ``model`` is positional-only:
    a request may have a field of any name (an SLA policy's ``kind``)."""
    from pydantic import ValidationError

    from ..server.commands import refused_field

    try:
        return model(**fields)
    except ValidationError as exc:
        raise refused_field(exc) from None
