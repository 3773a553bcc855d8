"""LAPOR! reports read as InboundMessages, from a file row or an API answer: the field mapping (which
column or JSON path holds each Aduan field), LAPOR!'s flags, kinds and times. See the package's docstring."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop.domain.errors import BadInput
from desktop.domain.inbound import InboundMessage
from desktop.domain.vocabulary import Channel, Kind

DEFAULT_TIMEZONE = "Asia/Jakarta"  # WIB: LAPOR!'s exports and its site show Jakarta time
MAX_LAPOR_ID_CHARS = 100  # ticket.external_ref holds at most 100 characters
SUBJECT_LENGTH = 120

# Aduan's fields, in the order they are documented and shown.
FIELDS: tuple[str, ...] = (
    "id",  # LAPOR!'s tracking ID (required)
    "subject",  # the report's title; when there is none, the first line of its text
    "text",  # the report's content (required)
    "category",
    "reporter_name",
    "contact",  # phone number or e-mail address of the reporter
    "received_at",  # when the report was made on LAPOR!
    "kind",  # Aspirasi / Pengaduan / Permintaan Informasi
    "anonymous",  # LAPOR!'s "anonim" flag
    "confidential",  # LAPOR!'s "rahasia" flag
    "updated_at",  # API only: when LAPOR! last changed the report; the poller's cursor
)
REQUIRED_FIELDS: tuple[str, ...] = ("id", "text")

# The default columns of a LAPOR! export file (CSV or XLSX), by Aduan field.
DEFAULT_EXPORT_MAPPING: Mapping[str, str] = {
    "id": "ID Laporan",
    "subject": "Judul",
    "text": "Isi Laporan",
    "category": "Kategori",
    "reporter_name": "Nama Pelapor",
    "contact": "Kontak",
    "received_at": "Tanggal",
    "kind": "Jenis",
    "anonymous": "Anonim",
    "confidential": "Rahasia",
}

# The default dotted JSON paths of one report in a REST answer, by Aduan field.
DEFAULT_API_MAPPING: Mapping[str, str] = {
    "id": "tracking_id",
    "subject": "title",
    "text": "content",
    "category": "category.name",
    "reporter_name": "reporter.name",
    "contact": "reporter.phone",
    "received_at": "created_at",
    "kind": "classification",
    "anonymous": "is_anonymous",
    "confidential": "is_secret",
    "updated_at": "updated_at",
}

_KINDS = {
    "aspirasi": Kind.ASPIRASI,
    "pengaduan": Kind.PENGADUAN,
    "permintaan informasi": Kind.PERMINTAAN_INFORMASI,
    "informasi": Kind.PERMINTAAN_INFORMASI,
}
_YES = frozenset({"ya", "y", "yes", "true", "1", "benar", "anonim", "rahasia", "x", "v", "✓", "✔"})
_NO = frozenset({"", "tidak", "tdk", "no", "n", "false", "0", "bukan", "-"})
_DAY_FIRST_FORMATS = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
)
_SPREADSHEET_EPOCH = datetime(1899, 12, 30)  # day 0 of Excel's (and LibreOffice's) day numbers


# -- the mapping ------------------------------------------------------------------------------------------


def parse_mapping(overrides: str | Mapping[str, Any] | None, base: Mapping[str, str]) -> dict[str, str]:
    """``base`` with ``overrides`` (a JSON object or a dict: Aduan field → column name or JSON path; ``null``
    unmaps an optional field). BadInput names unknown fields and what is wrong with a value."""
    mapping = dict(base)
    if overrides is None:
        return mapping
    if isinstance(overrides, str):
        try:
            overrides = json.loads(overrides)
        except json.JSONDecodeError as exc:
            raise BadInput(f"the LAPOR! mapping is not JSON: {exc.msg} at character {exc.pos}") from None
    if not isinstance(overrides, Mapping):
        raise BadInput('the LAPOR! mapping must be a JSON object, e.g. {"id": "No. Tracking"}')
    unknown = sorted(str(key) for key in overrides if key not in FIELDS)
    if unknown:
        raise BadInput(
            f"the LAPOR! mapping names unknown fields {', '.join(unknown)}; the fields are {', '.join(FIELDS)}"
        )
    for field, source in overrides.items():
        if source is None:
            if field in REQUIRED_FIELDS:
                raise BadInput(f"the LAPOR! mapping cannot leave out {field!r}: it is required")
            mapping.pop(field, None)
        elif isinstance(source, str) and source.strip():
            mapping[field] = source.strip()
        else:
            raise BadInput(f"the LAPOR! mapping of {field!r} must be a column name or JSON path, not {source!r}")
    return mapping


def zone_of(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadInput(f"unknown time zone {name!r}: use e.g. Asia/Jakarta, Asia/Makassar or Asia/Jayapura") from None


# -- one report -------------------------------------------------------------------------------------------


def report_message(
    values: Mapping[str, Any], labels: Mapping[str, str], zone: ZoneInfo, strict: bool = True
) -> InboundMessage:
    """The InboundMessage of one report, from its raw ``values`` by Aduan field; ``labels`` name the source
    of each field (column or path) in messages. ``strict``: a doubtful value raises BadInput (a file row,
    which the admin can fix); otherwise it is kept on the safe side and listed in ``problems``."""
    problems: list[str] = []

    def doubt(reason: str) -> None:
        if strict:
            raise BadInput(reason)
        problems.append(reason)

    def label(field: str) -> str:
        return labels.get(field, field)

    lapor_id = lapor_id_of(values.get("id"))
    body = text_of(values.get("text"))
    subject = " ".join(text_of(values.get("subject")).split())
    if not lapor_id:
        doubt(f"the {label('id')} (LAPOR! tracking ID) is empty")
        lapor_id = "tanpa-id:" + _digest(values)
    elif len(lapor_id) > MAX_LAPOR_ID_CHARS:
        doubt(
            f"the {label('id')} has {len(lapor_id)} characters: a LAPOR! tracking ID has {MAX_LAPOR_ID_CHARS} at most"
        )
        lapor_id = "panjang:" + hashlib.sha256(lapor_id.encode("utf-8")).hexdigest()
    if not body and not subject:
        doubt(f"the report has no text: {label('text')} and {label('subject')} are empty")
    anonymous = _flag(values.get("anonymous"), label("anonymous"), doubt)
    confidential = _flag(values.get("confidential"), label("confidential"), doubt)
    kind_text = " ".join(text_of(values.get("kind")).replace("_", " ").replace("-", " ").split()).casefold()
    kind = _KINDS.get(kind_text)
    if kind_text and kind is None:
        problems.append(f"LAPOR! kind {text_of(values.get('kind'))!r} is not an Aduan kind: received as the default")
    received_at = None
    raw_moment = values.get("received_at")
    if text_of(raw_moment):
        received_at = moment_of(raw_moment, zone)
        if received_at is None:
            problems.append(f"the {label('received_at')} {text_of(raw_moment)!r} is not a date and time Aduan reads")
    category = " ".join(text_of(values.get("category")).split()) or None
    if category and len(category) > 100:
        problems.append(f"the category was cut to 100 characters (it had {len(category)})")
        category = category[:99] + "…"
    name = None if anonymous else " ".join(text_of(values.get("reporter_name")).split()) or None
    contact = None if anonymous else " ".join(text_of(values.get("contact")).split()) or None
    return InboundMessage(
        channel=Channel.LAPOR,
        external_id=lapor_id,
        sender_address=contact,
        sender_name=name,
        subject=subject or _first_line(body) or "(laporan LAPOR! tanpa judul)",
        text=_with_header(lapor_id, received_at, zone, body or subject),
        received_at=received_at,
        kind=kind,
        category=category,
        anonymous=anonymous,
        confidential=confidential,
        problems=tuple(problems),
    )


def lapor_id_of(value: Any) -> str:
    """A tracking ID as text: spreadsheets give numbers (``1916449.0``), the site writes ``#1916449``."""
    return text_of(value).strip().lstrip("#").strip()


def moment_of(value: Any, zone: ZoneInfo) -> datetime | None:
    """Naive UTC of a LAPOR! time: a datetime or date cell, ISO 8601, ``dd/mm/yyyy [hh:mm[:ss]]``,
    ``dd-mm-yyyy …``, Unix seconds or milliseconds, or a spreadsheet's day number. Naive times are local
    to ``zone``. None when it is none of those."""
    if isinstance(value, datetime):
        found: datetime | None = value
    elif isinstance(value, date):
        found = datetime.combine(value, time())
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if 10**8 <= value < 10**11:  # Unix seconds (an API)
            return datetime.fromtimestamp(float(value), UTC).replace(tzinfo=None)
        if 10**11 <= value < 10**14:  # Unix milliseconds (an API written in JavaScript)
            return datetime.fromtimestamp(value / 1000, UTC).replace(tzinfo=None)
        if 20_000 <= value < 100_000:  # a spreadsheet's day number (1954-2173), in a cell not formatted as date
            found = _SPREADSHEET_EPOCH + timedelta(days=float(value))
        else:
            return None
    else:
        text = text_of(value)
        found = None
        try:
            found = datetime.fromisoformat(text)
        except ValueError:
            for pattern in _DAY_FIRST_FORMATS:
                try:
                    found = datetime.strptime(text, pattern)
                    break
                except ValueError:
                    continue
    if found is None:
        return None
    if found.tzinfo is None:
        found = found.replace(tzinfo=zone)
    return found.astimezone(UTC).replace(tzinfo=None)


def _flag(value: Any, label: str, doubt: Callable[[str], None]) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = text_of(value).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    doubt(f"the {label} is {text_of(value)!r}: write Ya or Tidak")
    return True  # kept on the safe side: withheld, restricted


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return str(value).strip()


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:SUBJECT_LENGTH]
    return ""


def _with_header(lapor_id: str, received_at: datetime | None, zone: ZoneInfo, body: str) -> str:
    """The report's text under one line naming its LAPOR! ID (and when it was made), so officers see it."""
    header = f"[SP4N-LAPOR! {lapor_id}"
    if received_at is not None:
        local = received_at.replace(tzinfo=UTC).astimezone(zone)
        header += f", {local:%Y-%m-%d %H:%M} {zone.key}"
    return f"{header}]\n\n{body}"


def _digest(values: Mapping[str, Any]) -> str:
    canonical = json.dumps({k: text_of(v) for k, v in sorted(values.items())}, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


def json_path(data: Any, path: str) -> Any:
    """The value at a dotted path (``reporter.name``; a number steps into a list); None when absent."""
    for step in path.split("."):
        if isinstance(data, Mapping):
            data = data.get(step)
        elif isinstance(data, list) and step.isdigit() and int(step) < len(data):
            data = data[int(step)]
        else:
            return None
    return data


def later_cursor(current: str | None, candidate: str | None, zone: ZoneInfo) -> str | None:
    """The later of two cursor values: by number when both are whole numbers, by time when both read as
    times, else by text."""
    if candidate is None:
        return current
    if current is None:
        return candidate
    if current.isdigit() and candidate.isdigit():  # ids, or Unix seconds
        return candidate if int(candidate) > int(current) else current
    times = moment_of(current, zone), moment_of(candidate, zone)
    if times[0] is not None and times[1] is not None:
        return candidate if times[1] > times[0] else current
    return max(current, candidate)
