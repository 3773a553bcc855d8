"""Files and folders that only the signed-in user may open: the local cache holds reports, reporters' names
and the officer's work, and another account on the same computer must not read it.

On POSIX: folders 0700, files 0600. On Windows: the inherited entries are removed and the user alone is
granted full control (``icacls``); a folder passes that grant on to what is created in it later.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

from ..domain.errors import AduanError

PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


class NotPrivate(AduanError):
    """The permissions of a file that must be private could not be set."""

    code = "not_private"


def make_private(path: Path) -> None:
    """Let only the current user read or change ``path`` (a file or a folder that exists)."""
    if sys.platform == "win32":
        _restrict_windows(path)
    else:
        path.chmod(PRIVATE_FOLDER_MODE if path.is_dir() else PRIVATE_FILE_MODE)


def private_folder(path: Path) -> None:
    """Create ``path`` (and its missing parents) if needed; the folder itself ends up private. The parents
    are left as they are: they may be the user's own folders, shared with nothing of ours."""
    path.mkdir(parents=True, exist_ok=True)
    make_private(path)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and private unless it exists, so that it is never readable by others, not even
    for the moment between its creation and a change of its mode."""
    if sys.platform == "win32":
        path.touch(exist_ok=True)  # the private folder's grant is inherited; made explicit below
        _restrict_windows(path)
        return
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE))


def _windows_account() -> str:
    user = os.environ.get("USERNAME", "")
    domain = os.environ.get("USERDOMAIN", "")
    if not user:
        raise NotPrivate("the Windows user name (USERNAME) is not known: the cache cannot be made private")
    return f"{domain}\\{user}" if domain else user


def _restrict_windows(path: Path) -> None:
    # /inheritance:r drops what the parent folder grants (other users, Administrators); /grant:r replaces the
    # user's own entry. (OI)(CI): files and folders created inside inherit the grant.
    grant = f"{_windows_account()}:(OI)(CI)F" if path.is_dir() else f"{_windows_account()}:F"
    done = subprocess.run(
        ["icacls", str(path), "/inheritance:r", "/grant:r", grant],
        capture_output=True,
        text=True,
        check=False,
        # A windowed (frozen) app would otherwise flash a console window at each cache open.
        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
    )
    if done.returncode != 0:
        raise NotPrivate(f"icacls could not make {path} private: {(done.stderr or done.stdout).strip()}")
