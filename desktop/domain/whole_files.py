"""Files that appear whole or not at all: an export or a recap is written beside its target and renamed into
place, so a failure (a full disk, a refused folder) never leaves half a file where the old one was."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import BadInput


def write_whole(target: Path, write: Callable[[str], None], prefix: str = ".aduan-") -> None:
    """Let ``write`` fill a temporary file (it is given the file's name) beside ``target``, then put it in
    ``target``'s place. An error of the file system is a BadInput naming ``target``; nothing is left behind."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=prefix, suffix=target.suffix, dir=target.parent)
        os.close(handle)
    except OSError as exc:
        raise BadInput(f"cannot write {target}: {exc.strerror}") from None
    try:
        write(temporary)
        os.replace(temporary, target)
    except OSError as exc:
        raise BadInput(f"cannot write {target}: {exc.strerror}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
