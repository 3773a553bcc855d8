"""The rules for scans attached to a report an officer records: formats by name and content, sizes, names."""

from __future__ import annotations

import pytest

from desktop.domain.errors import BadInput
from desktop.domain.scans import (
    MAX_REPORT_SCAN_BYTES,
    MAX_SCAN_BYTES,
    MAX_SCANS,
    Problem,
    Scan,
    ScanRefused,
    check_report_limits,
    check_scan,
    check_scans,
    clean_filename,
)

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TIFF = b"II*\x00\x08\x00\x00\x00" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("surat.pdf", PDF, "application/pdf"),
        ("SURAT.PDF", PDF, "application/pdf"),
        ("foto.jpg", JPEG, "image/jpeg"),
        ("foto.JPEG", JPEG, "image/jpeg"),
        ("lampiran.png", PNG, "image/png"),
        ("pindaian.tif", TIFF, "image/tiff"),
        ("pindaian.tiff", b"MM\x00*" + b"\x00" * 16, "image/tiff"),
        ("junk-before-header.pdf", b"\r\n\x00junk" + PDF, "application/pdf"),  # readers tolerate it
    ],
)
def test_the_four_formats_are_taken_by_name_and_content(name: str, content: bytes, content_type: str) -> None:
    scan = check_scan(name, content)
    assert (scan.filename, scan.content_type, scan.size) == (name, content_type, len(content))
    assert len(scan.sha256) == 64


@pytest.mark.parametrize("name", ["program.exe", "surat.docx", "makro.docm", "tanpa-ekstensi", "arsip.zip"])
def test_other_formats_are_refused_by_name(name: str) -> None:
    with pytest.raises(ScanRefused) as refused:
        check_scan(name, PDF)
    assert refused.value.problem is Problem.TYPE and refused.value.filename == name
    assert refused.value.message == f"{name}: only PDF, JPEG, PNG, TIFF scans can be attached"
    assert isinstance(refused.value, BadInput)  # the CLI and the attention list word it as bad input


@pytest.mark.parametrize(("name", "content"), [("surat.pdf", EXE), ("foto.jpg", PNG), ("scan.png", b"<html>")])
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(name: str, content: bytes) -> None:
    with pytest.raises(ScanRefused) as refused:
        check_scan(name, content)
    assert refused.value.problem is Problem.CONTENT
    assert refused.value.message.startswith(f"{name}: the content is not a")


def test_sizes_are_capped_per_file_and_per_report() -> None:
    with pytest.raises(ScanRefused) as empty:
        check_scan("kosong.pdf", b"")
    assert empty.value.problem is Problem.EMPTY
    big = PDF + b"\x00" * (MAX_SCAN_BYTES - len(PDF) + 1)
    with pytest.raises(ScanRefused) as too_large:
        check_scan("besar.pdf", big)
    assert too_large.value.problem is Problem.TOO_LARGE and too_large.value.size == MAX_SCAN_BYTES + 1
    assert too_large.value.message == "besar.pdf is 15.0 MiB; a scan may be at most 15.0 MiB"
    assert check_scan("pas.pdf", big[:-1]).size == MAX_SCAN_BYTES  # exactly the limit is fine

    part = PDF + b"\x00" * (MAX_SCAN_BYTES - len(PDF))
    files = [(f"halaman-{n}.pdf", part) for n in range(MAX_REPORT_SCAN_BYTES // MAX_SCAN_BYTES + 1)]
    with pytest.raises(ScanRefused) as too_much:
        check_scans(files)
    assert too_much.value.problem is Problem.TOO_MUCH and too_much.value.filename == files[-1][0]
    assert too_much.value.limit == MAX_REPORT_SCAN_BYTES


def test_a_report_carries_a_limited_number_of_scans() -> None:
    chosen = [Scan(f"{n}.png", "image/png", PNG) for n in range(MAX_SCANS)]
    check_report_limits(chosen)
    with pytest.raises(ScanRefused) as too_many:
        check_report_limits(chosen, Scan("lagi.png", "image/png", PNG))
    assert too_many.value.problem is Problem.TOO_MANY and too_many.value.filename == "lagi.png"


def test_file_names_lose_folders_and_control_characters_but_keep_their_ending() -> None:
    assert clean_filename("C:\\Users\\ani\\Pindaian\\surat masuk.pdf") == "surat masuk.pdf"
    assert clean_filename("/home/ani/../surat.pdf") == "surat.pdf"
    assert clean_filename("sur\x00at\n.pdf") == "sur at .pdf"
    assert clean_filename("") == "scan"
    long = clean_filename("a" * 400 + ".pdf")
    assert len(long) <= 255 and long.endswith(".pdf")
    assert check_scan("/tmp/x/" + "a" * 400 + ".pdf", PDF).filename == long
