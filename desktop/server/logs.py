"""The logs of ``aduan server`` and ``aduan worker``: text for a person, or one JSON object a line for a log
collector (journald, Loki, Elasticsearch), both on stderr.

A line says what happened, not to whom: the time (UTC), the level, the logger and the message; for a request
its method, the route's path template (``/v1/attachments/{sha256}``, never the path as sent nor its query
string, which hold ids and cursors), the status, the time taken, the signed-in officer's login (staff, so
that an admin can tell whose requests fail) and the peer's address and port (a workstation or the proxy; the
port tells one kept-alive connection from a new one). Never a token, a password, a request body or a citizen's data:
the middleware reads none of them, and the app's own messages quote no values (``without_values``).
uvicorn's access log is off; its other messages pass through the same formatter.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

ACCESS_LOGGER = "aduan.access"
# A load balancer asks these every few seconds: a success is logged at debug level, a failure as any other.
PROBES = frozenset({"/v1/health", "/v1/ready"})
# Attributes of a LogRecord that are the record's own; anything else was passed with ``extra=`` and is a field.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
# uvicorn passes its message again with terminal colours: not for a log file.
_DROPPED = frozenset({"color_message"})


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, the ``extra`` fields, and a traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line |= {key: value for key, value in vars(record).items() if key not in _RECORD_ATTRIBUTES | _DROPPED}
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """``2026-03-02T08:15:00.123+00:00 info aduan.access: GET /v1/changes 200 12.3 ms officer=ani client=…``."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        text = f"{when} {record.levelname.lower()} {record.name}: {record.getMessage()}"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


def configure_logging(fmt: str = "text", level: str = "info") -> None:
    """One handler on stderr for every logger (ours, uvicorn's, SQLAlchemy's warnings), in ``fmt``."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.propagate = True
    logging.getLogger("uvicorn.access").disabled = True  # the access log is ours (AccessLog), without raw paths


class AccessLog:
    """One line per request after its answer went out. The path is the route's template; a request that
    matched no route is logged as "(no route)", so a scanner's paths never reach the log."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.log = logging.getLogger(ACCESS_LOGGER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # an exception that escaped every handler answers 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "(no route)"
            officer = scope.get("state", {}).get("officer")
            fields: dict[str, Any] = {
                "method": scope["method"],
                "path": template,
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            }
            if officer:
                fields["officer"] = officer
            client = scope.get("client")  # the workstation or proxy; its port tells connections apart
            if client:
                fields["client"] = f"{client[0]}:{client[1]}"
            level = logging.ERROR if status == 500 else logging.WARNING if status >= 500 else logging.INFO
            if template in PROBES and status == 200:
                level = logging.DEBUG
            text = f"{fields['method']} {template} {status} {fields['duration_ms']} ms"
            text += f" officer={officer}" if officer else ""
            text += f" client={fields['client']}" if client else ""
            self.log.log(level, text, extra=fields)
