"""SP4N-LAPOR! intake: reports from LAPOR!'s export files (CSV, XLSX) or from a REST/JSON endpoint, as
InboundMessages that keep LAPOR!'s tracking ID.

Why it looks the way it does:

* **The tracking ID is the message's external id** (``"1916449"`` or ``"LAPOR-1234567"``, as LAPOR! gives it;
  a leading ``#`` is dropped, so ``#1916449`` and ``1916449`` are one report). The store keeps one message
  per channel and external id, so importing the same export twice, or polling a report again, stores nothing
  new. The ID is also written at the top of the report's text, so officers see it in the thread and find it
  by search, and it is what the follow-up export (``lapor_followups.py``) reports back with.
* **A field mapping, not fixed columns.** LAPOR!'s export columns and its integration API are documented
  only to the units' registered developer accounts, so nothing here claims their exact names. A mapping
  says, for each Aduan field, which column (files) or dotted JSON path (API) holds it; the defaults below are
  clear Indonesian column names and a plain JSON shape, and a unit overrides what differs (``--mapping``).
  Header names are matched without regard to case or repeated spaces.
* **Anonymous stays anonymous.** LAPOR! marks a report ``anonim`` (the reporter's identity is withheld from
  the agency) and ``rahasia`` (the report is not published). An anonymous report is read without name and
  contact, whatever the file holds; ``rahasia`` becomes Aduan's confidential flag.
* **A bad row never stops an import.** A file row that cannot be read is rejected with its row number (as a
  spreadsheet shows it: the header is row 1) and a reason; the admin fixes it and imports the file again
  (rows already imported are recognised). A report from the API has nobody to fix it, so it is kept
  instead: an unreadable flag counts as set (anonymous, confidential — the safe side), a missing ID is
  replaced by a digest of the report, and what was doubtful is listed in the message's ``problems``.
* **Times.** LAPOR! writes local times; naive times are read in ``timezone`` (default WIB, Asia/Jakarta)
  and kept as naive UTC like every time in Aduan. A time with an offset is converted as written.

REST errors map as every connector's (``http.status_error``): 401/403 → NotPermitted; 429 → RateLimited (an
Unreachable) with the server's Retry-After; 404 → NotFound (the list path is wrong); 409 → Conflict; other
4xx → BadInput; 5xx, timeouts, refused connections and answers that are not JSON → Unreachable. The token is
never part of an error or a log line.

The parts: ``mapping.py`` (the field mapping; one report → an InboundMessage), ``files.py`` (export files),
``client.py`` (the REST poller and its JSON client), ``importing.py`` (reports into the store); the
follow-ups reported back are ``channels/lapor_followups.py``.
"""

from __future__ import annotations

from ...domain.lapor_import import ImportReport, RejectedRow, StoredRow
from ..http import retry_after_seconds
from .client import JsonClient, LaporPoller, poller_from_config
from .files import ImportResult, ReportRow, read_export
from .importing import store_reports
from .mapping import (
    DEFAULT_API_MAPPING,
    DEFAULT_EXPORT_MAPPING,
    DEFAULT_TIMEZONE,
    FIELDS,
    MAX_LAPOR_ID_CHARS,
    REQUIRED_FIELDS,
    json_path,
    lapor_id_of,
    moment_of,
    parse_mapping,
    report_message,
)

__all__ = [
    "DEFAULT_API_MAPPING",
    "DEFAULT_EXPORT_MAPPING",
    "DEFAULT_TIMEZONE",
    "FIELDS",
    "MAX_LAPOR_ID_CHARS",
    "REQUIRED_FIELDS",
    "ImportReport",
    "ImportResult",
    "JsonClient",
    "LaporPoller",
    "RejectedRow",
    "ReportRow",
    "StoredRow",
    "json_path",
    "lapor_id_of",
    "moment_of",
    "parse_mapping",
    "poller_from_config",
    "read_export",
    "report_message",
    "retry_after_seconds",
    "store_reports",
]
