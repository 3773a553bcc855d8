"""Which attachments the desktop may hand to the system to open, decided by their content alone.

A citizen chooses an attachment's name and its declared type; neither says what the file is. Opening it
means giving it to the shell, which picks a program by the extension: ``laporan.pdf.html`` runs a browser,
``.url``, ``.library-ms``, ``.searchConnector-ms`` or ``.rdp`` reach out to a host (leaking the officer's
NTLM hash over SMB), ``.chm``, ``.xll``, ``.appref-ms``, ``.diagcab``, ``.settingcontent-ms`` or ``.lnk`` run
code. A deny-list of extensions always misses one. So an attachment is opened only when its bytes are one
of a few types whose readers show a document and do not run it (``openable_type``), and it is then written
with the extension of that type, never the citizen's. Everything else can only be saved.

``is_risky`` is the intake's warning, kept beside it: names and types that are known to run programs, so
that the thread says so in words for files that are not opened anyway.
"""

from __future__ import annotations

import io
import re
import zipfile
from enum import StrEnum

__all__ = ["OpenableType", "is_risky", "openable_type"]


class OpenableType(StrEnum):
    """A type the desktop opens; its value is the extension the file is written with."""

    PDF = "pdf"
    PNG = "png"
    JPEG = "jpg"
    GIF = "gif"
    WEBP = "webp"
    TEXT = "txt"
    DOCX = "docx"
    XLSX = "xlsx"
    PPTX = "pptx"
    ODT = "odt"
    ODS = "ods"
    ODP = "odp"

    @property
    def extension(self) -> str:
        return "." + self.value


_IMAGES = (
    (b"%PDF-", OpenableType.PDF),
    (b"\x89PNG\r\n\x1a\n", OpenableType.PNG),
    (b"\xff\xd8\xff", OpenableType.JPEG),
    (b"GIF87a", OpenableType.GIF),
    (b"GIF89a", OpenableType.GIF),
)

# Office documents are zip packages. Without macros, ActiveX controls, embedded OLE objects or links to
# outside templates and objects, Word, Excel, PowerPoint and LibreOffice show them without running anything
# of the sender's; Office additionally opens files from outside in Protected View. Any of those parts, or a
# package that is not what its manifest says, and the file is not opened.
_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": OpenableType.DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": OpenableType.XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": OpenableType.PPTX,
}
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": OpenableType.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": OpenableType.ODS,
    b"application/vnd.oasis.opendocument.presentation": OpenableType.ODP,
}
# Parts that carry code or pull in something from elsewhere: VBA projects, ActiveX controls, OLE objects,
# Excel 4 macro sheets, LibreOffice Basic and scripts.
_ACTIVE_PART = re.compile(r"(vbaproject|vbadata|activex|oleobject|^basic/|^scripts/|macro)", re.IGNORECASE)
_ACTIVE_CONTENT_TYPE = re.compile(rb"macroenabled|vbaproject|activex|oleobject|ms-office\.vba", re.IGNORECASE)
# A relationship to outside the package other than a hyperlink: a remote template, an external OLE object
# (the way Follina ran code), a linked picture on a UNC path.
_EXTERNAL_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>", re.IGNORECASE)
_HYPERLINK_TYPE = re.compile(rb'Type="[^"]*/hyperlink"', re.IGNORECASE)
_EXTERNAL_MODE = re.compile(rb'TargetMode="External"', re.IGNORECASE)
MAX_PACKAGE_PARTS = 10_000
MAX_MANIFEST_BYTES = 4 * 1024 * 1024  # a manifest or a relationships part; a zip bomb is not read further


def openable_type(content: bytes) -> OpenableType | None:
    """The type ``content`` is, when it is one the desktop opens; None when it may only be saved."""
    for magic, kind in _IMAGES:
        if content.startswith(magic):
            return kind
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return OpenableType.WEBP
    if content.startswith(b"PK\x03\x04"):
        return _package_type(content)
    return OpenableType.TEXT if _is_text(content) else None


def _is_text(content: bytes) -> bool:
    """UTF-8 text without NUL bytes: opened as ``.txt`` (a text editor shows it), whatever markup it holds."""
    if not content or b"\x00" in content:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _package_type(content: bytes) -> OpenableType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            entries = package.infolist()
            if len(entries) > MAX_PACKAGE_PARTS or any(e.flag_bits & 0x1 for e in entries):
                return None  # encrypted parts cannot be checked
            names = [e.filename for e in entries]
            if any(_ACTIVE_PART.search(name) for name in names):
                return None
            if "[Content_Types].xml" in names:
                return _ooxml_type(package, names)
            if names and names[0] == "mimetype":
                return _ODF_MIMETYPES.get(_read(package, "mimetype").strip())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None
    return None


def _read(package: zipfile.ZipFile, name: str) -> bytes:
    with package.open(name) as part:
        data = part.read(MAX_MANIFEST_BYTES + 1)
    if len(data) > MAX_MANIFEST_BYTES:
        raise ValueError(f"{name} is too large to check")
    return data


def _ooxml_type(package: zipfile.ZipFile, names: list[str]) -> OpenableType | None:
    manifest = _read(package, "[Content_Types].xml")
    if _ACTIVE_CONTENT_TYPE.search(manifest):
        return None
    found = {kind for main, kind in _OOXML_MAIN.items() if main.encode() in manifest}
    if len(found) != 1:
        return None
    for name in names:
        if name.endswith(".rels") and _links_outside(_read(package, name)):
            return None
    return found.pop()


def _links_outside(relationships: bytes) -> bool:
    return any(
        _EXTERNAL_MODE.search(tag) and not _HYPERLINK_TYPE.search(tag)
        for tag in _EXTERNAL_RELATIONSHIP.findall(relationships)
    )


# -- the intake's warning --------------------------------------------------------------------------------

RISKY_EXTENSIONS = frozenset(
    [
        ".exe",
        ".bat",
        ".cmd",
        ".com",
        ".scr",
        ".pif",
        ".cpl",
        ".js",
        ".jse",
        ".vbs",
        ".vbe",
        ".wsf",
        ".wsh",
        ".ps1",
        ".psm1",
        ".msi",
        ".msp",
        ".msc",
        ".jar",
        ".hta",
        ".lnk",
        ".reg",
        ".inf",
        ".dll",
        ".sys",
        ".application",
        ".gadget",
        ".scf",
        ".sh",
        ".py",
        ".docm",
        ".dotm",
        ".xlsm",
        ".xltm",
        ".xlam",
        ".pptm",
        ".potm",
        ".ppam",
        ".ppsm",
        ".sldm",
        ".iso",
        ".img",
        ".vhd",
        ".vhdx",
        ".appx",
        ".msix",
        ".appxbundle",
        ".one",
        ".url",
        ".chm",
        ".rdp",
        ".library-ms",
        ".searchconnector-ms",
        ".settingcontent-ms",
        ".appref-ms",
        ".diagcab",
        ".xll",
        ".cab",
    ]
)
RISKY_CONTENT_TYPES = frozenset(
    {
        "application/x-msdownload",
        "application/x-msdos-program",
        "application/x-dosexec",
        "application/x-executable",
        "application/vnd.microsoft.portable-executable",
        "application/x-msi",
        "application/x-ms-installer",
        "application/x-bat",
        "application/x-sh",
        "application/x-shellscript",
        "application/javascript",
        "application/x-javascript",
        "text/javascript",
        "text/vbscript",
        "application/x-vbscript",
        "application/hta",
        "application/x-ms-shortcut",
        "application/java-archive",
        "application/x-java-archive",
        "application/x-powershell",
        "application/vnd.ms-word.document.macroenabled.12",
        "application/vnd.ms-word.template.macroenabled.12",
        "application/vnd.ms-excel.sheet.macroenabled.12",
        "application/vnd.ms-excel.template.macroenabled.12",
        "application/vnd.ms-excel.addin.macroenabled.12",
        "application/vnd.ms-powerpoint.presentation.macroenabled.12",
        "application/vnd.ms-powerpoint.slideshow.macroenabled.12",
        "application/vnd.ms-powerpoint.addin.macroenabled.12",
    }
)
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF")


def is_risky(filename: str, content_type: str, content: bytes | bytearray) -> bool:
    """A name, declared type or content known to run a program: the thread warns about it in words."""
    name = filename.lower().rstrip(". ")
    extension = name[name.rfind(".") :] if "." in name else ""
    return (
        extension in RISKY_EXTENSIONS
        or content_type.split(";")[0].strip().lower() in RISKY_CONTENT_TYPES
        or bytes(content[:4]).startswith(EXECUTABLE_MAGIC)
    )
