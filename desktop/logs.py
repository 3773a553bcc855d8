"""The desktop client's log: one rotating file in the officer's log folder, for the admin who is told "it stopped
syncing" or "it crashed".

Lines look like the server's and the worker's (``desktop/server/logs.py``'s text format: UTC time, level, logger,
message); each area writes through its own logger (``aduan.ui``, ``aduan.sync``, ``aduan.store``,
``aduan.channels``, ``aduan.crash``…). What is logged is ids, tracking numbers, operation kinds and error
codes — never a message body, a name, a password or a token. As a safety net every line (tracebacks included) is
passed through ``redact``, which blanks anything that looks like a password or a token.

The folder is the platform's user log folder (``%LOCALAPPDATA%\\Aduan\\Logs``, ``~/.local/state/Aduan/log``,
``~/Library/Logs/Aduan``), or ``ADUAN_LOG_DIR``. ``faulthandler`` writes a hard crash's stacks (a segfault in
Qt, a deadlock killed by the system) to ``faults.log`` beside it.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import IO

import platformdirs

from .server.logs import TextFormatter
from .settings import APP_NAME

LOG_DIR_ENV = "ADUAN_LOG_DIR"
LOG_FILE = "aduan.log"
FAULT_FILE = "faults.log"
MAX_BYTES = 2_000_000  # a few weeks of an officer's work; five older files are kept beside it
BACKUPS = 5
# The areas' loggers ("aduan.sync", "aduan.ui"…) and the modules that name theirs after themselves ("desktop.…").
ROOT_LOGGERS = ("aduan", "desktop")
_HANDLER_NAME = "aduan-desktop-file"
REDACTED = "[redacted]"

# name=value, name: value, "name": "value" for the names secrets travel under.
_NAMED_SECRET = re.compile(
    r"""(?ix)
    (["']?\b(?:password|passwd|pwd|secret|token|access_token|refresh_token|api[_-]?key|authorization|cookie|
    session[_-]?(?:id|token)?|cipher[_-]?key)\b["']?\s*[:=]\s*)
    (?:"[^"]*"|'[^']*'|[^\s,;)}\]]+)
    """
)
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+")
_URL_PASSWORD = re.compile(r"(://[^/@\s:]+):[^/@\s]+@")
# A long opaque run of letters and digits (an API key, a session token): ids stay, since uuids are cut by "-".
_OPAQUE = re.compile(r"\b(?=[A-Za-z0-9+/_]*\d)(?=[A-Za-z0-9+/_]*[A-Za-z])[A-Za-z0-9+/_]{32,}={0,2}")

_faults: IO[str] | None = None  # kept open for faulthandler, which writes to its descriptor when the process dies


def redact(text: str) -> str:
    """``text`` with anything that looks like a password or a token blanked."""
    text = _BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", text)  # before the names: "Authorization: Bearer …"
    text = _NAMED_SECRET.sub(lambda m: m.group(1) + REDACTED, text)
    text = _URL_PASSWORD.sub(lambda m: f"{m.group(1)}:{REDACTED}@", text)
    return _OPAQUE.sub(REDACTED, text)


class RedactingFormatter(TextFormatter):
    """The server's text lines, each passed through ``redact`` (the traceback too)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def log_folder() -> Path:
    """Where the desktop client writes its log: ``ADUAN_LOG_DIR``, else the platform's user log folder."""
    chosen = os.environ.get(LOG_DIR_ENV)
    return Path(chosen) if chosen else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_file(folder: Path | None = None) -> Path:
    return (folder or log_folder()) / LOG_FILE


def configure_desktop_logging(
    folder: Path | None = None, max_bytes: int = MAX_BYTES, backups: int = BACKUPS, level: int = logging.INFO
) -> Path:
    """Write the ``aduan.*`` loggers to the rotating file in ``folder`` (default ``log_folder()``); returns the
    file's path. Called again (a test, a second window) it replaces its own handler, never adds a second."""
    folder = folder or log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    handler = RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(RedactingFormatter())
    stop_desktop_logging()
    for name in ROOT_LOGGERS:
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(level)
    return path


def stop_desktop_logging() -> None:
    """Close the file (tests, and before the folder is removed)."""
    for name in ROOT_LOGGERS:
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if h.get_name() == _HANDLER_NAME]:
            logger.removeHandler(old)
            old.close()


def enable_faulthandler(folder: Path | None = None) -> Path:
    """A hard crash's Python stacks go to ``faults.log`` in the log folder (appended, so earlier ones stay)."""
    global _faults
    path = (folder or log_folder()) / FAULT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    if _faults is not None:
        _faults.close()
    _faults = path.open("a", encoding="utf-8")
    faulthandler.enable(file=_faults, all_threads=True)
    return path
