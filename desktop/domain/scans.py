"""Scanned documents an officer attaches to a report taken by letter, by phone or at the desk.

Only the formats a scanner or a phone camera makes are taken: PDF, JPEG, PNG and TIFF. The file's content
must be what its name says (a program renamed ``surat.pdf`` is refused, not flagged), so nothing that can
run code is ever stored from here. Sizes are capped per file and per report; the per-file cap stays under
MariaDB's default ``max_allowed_packet`` (16 MiB), which bounds one stored file on that engine.

The desk checks before it queues, and the central store checks again when it applies the report: a
refusal names the file and says why (``ScanRefused``), so the officer can fix that one file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from .errors import BadInput
from .text import FIELD_LIMITS, one_line

MIB = 1024 * 1024
MAX_SCAN_BYTES = 15 * MIB
MAX_REPORT_SCAN_BYTES = 50 * MIB
MAX_SCANS = 20
MAX_FILENAME_CHARS = FIELD_LIMITS["attachment filename"]

# Content type → the file name endings it goes by and how its content starts.
_FORMATS: dict[str, tuple[tuple[str, ...], tuple[bytes, ...]]] = {
    "application/pdf": ((".pdf",), (b"%PDF-",)),
    "image/jpeg": ((".jpg", ".jpeg", ".jpe"), (b"\xff\xd8\xff",)),
    "image/png": ((".png",), (b"\x89PNG\r\n\x1a\n",)),
    "image/tiff": ((".tif", ".tiff"), (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")),
}
FORMAT_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG", "image/tiff": "TIFF"}
ENDINGS = tuple(ending for endings, _magic in _FORMATS.values() for ending in endings)
# PDF readers accept a little junk before the header (some scanners write it); look that far for it.
_PDF_HEADER_WINDOW = 1024


class Problem(StrEnum):
    TYPE = "type"  # not a PDF, JPEG, PNG or TIFF file by its name
    CONTENT = "content"  # the content is not what the name says
    EMPTY = "empty"
    TOO_LARGE = "too_large"  # this one file is over MAX_SCAN_BYTES
    TOO_MUCH = "too_much"  # together over MAX_REPORT_SCAN_BYTES
    TOO_MANY = "too_many"  # more than MAX_SCANS files


class ScanRefused(BadInput):
    """One file cannot be attached. ``problem`` says why and ``size``/``limit`` by how much, so the window
    can say it in the officer's language; the message is the English one for the CLI and logs."""

    def __init__(self, filename: str, problem: Problem, size: int = 0, limit: int = 0) -> None:
        super().__init__(_explain(filename, problem, size, limit))
        self.filename = filename
        self.problem = problem
        self.size = size
        self.limit = limit


@dataclass(frozen=True)
class Scan:
    """A checked file: a clean name, its content type (from its content) and the bytes."""

    filename: str
    content_type: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def clean_filename(raw: str) -> str:
    """The name without any folder (either kind of slash), control or invisible characters (a bidi override
    makes "\u202egpj.exe" read as "exe.jpg") or surrounding blanks."""
    name = one_line(re.split(r"[\\/]", raw or "")[-1])
    if len(name) > MAX_FILENAME_CHARS:  # keep the ending, which says the type
        stem, dot, ending = name.rpartition(".")
        name = (stem[: MAX_FILENAME_CHARS - len(ending) - 2] + "…" + dot + ending) if dot else name[:MAX_FILENAME_CHARS]
    return name or "scan"


def expected_type(filename: str) -> str:
    """The content type a file's name promises; ScanRefused(TYPE) for anything but the four formats."""
    lowered = filename.lower().rstrip(". ")
    for content_type, (endings, _magic) in _FORMATS.items():
        if lowered.endswith(endings):
            return content_type
    raise ScanRefused(filename, Problem.TYPE)


def check_size(filename: str, size: int) -> None:
    """Checked before a file is read, so a huge one is refused without loading it."""
    if size <= 0:
        raise ScanRefused(filename, Problem.EMPTY)
    if size > MAX_SCAN_BYTES:
        raise ScanRefused(filename, Problem.TOO_LARGE, size, MAX_SCAN_BYTES)


def check_scan(filename: str, content: bytes) -> Scan:
    name = clean_filename(filename)
    content_type = expected_type(name)
    check_size(name, len(content))
    _endings, magic = _FORMATS[content_type]
    head = content[:_PDF_HEADER_WINDOW] if content_type == "application/pdf" else content[:16]
    matches = any(m in head for m in magic) if content_type == "application/pdf" else content.startswith(magic)
    if not matches:
        raise ScanRefused(name, Problem.CONTENT)
    return Scan(name, content_type, content)


def check_scans(files: Iterable[tuple[str, bytes]]) -> tuple[Scan, ...]:
    """Every file checked, then the report's limits: at most MAX_SCANS files and MAX_REPORT_SCAN_BYTES."""
    scans = tuple(check_scan(name, content) for name, content in files)
    check_report_limits(scans)
    return scans


def check_report_limits(scans: Iterable[Scan], adding: Scan | None = None) -> None:
    """The report's limits, for the scans chosen so far plus ``adding`` (named in the refusal)."""
    chosen = [*scans, *([adding] if adding is not None else [])]
    last = chosen[-1].filename if chosen else ""
    if len(chosen) > MAX_SCANS:
        raise ScanRefused(last, Problem.TOO_MANY, len(chosen), MAX_SCANS)
    total = sum(scan.size for scan in chosen)
    if total > MAX_REPORT_SCAN_BYTES:
        raise ScanRefused(last, Problem.TOO_MUCH, total, MAX_REPORT_SCAN_BYTES)


def mib(size: int) -> str:
    return f"{size / MIB:.1f} MiB"


def _explain(filename: str, problem: Problem, size: int, limit: int) -> str:
    kinds = ", ".join(FORMAT_NAMES.values())
    if problem is Problem.TYPE:
        return f"{filename}: only {kinds} scans can be attached"
    if problem is Problem.CONTENT:
        return f"{filename}: the content is not a {FORMAT_NAMES[expected_type(filename)]} file, as its name says"
    if problem is Problem.EMPTY:
        return f"{filename}: the file is empty"
    if problem is Problem.TOO_LARGE:
        return f"{filename} is {mib(size)}; a scan may be at most {mib(limit)}"
    if problem is Problem.TOO_MANY:
        return f"{filename}: a report may carry at most {limit} scans"
    return f"{filename}: together the scans would be {mib(size)}; a report may carry at most {mib(limit)}"
