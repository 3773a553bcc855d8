"""Which client versions the Aduan server accepts, and where a unit's current installer is.

An admin sets a release policy (``aduan client-policy set``): for every unit, or for one unit and the units
under it, the lowest accepted version and the installer's address. The address is what officers are shown
to update from, so only two kinds are accepted: an ``https://`` URL (a web server the agency runs) or a
Windows share path (``\\\\fileserver\\aduan\\aduan-0.2.0.exe``, common in agencies). A plain ``http://`` link
could be swapped on the way, a local path (``C:\\...``) names a file on the officer's own computer: both are
refused with the reason.

Versions are compared as PyPA does (``packaging.version``): ``0.10.0`` is newer than ``0.9.1``, ``0.2.0rc1``
older than ``0.2.0``. A client that sends no version is one from before this feature: version 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from packaging.version import InvalidVersion, Version

from .errors import BadInput

CLIENT_HEADER = "X-Aduan-Client"  # every request of the desktop and the command line carries its version
NO_VERSION = Version("0")  # a client from before the header
MAX_VERSION_CHARS = 40
MAX_INSTALLER_CHARS = 500
MAX_NOTE_CHARS = 500
# \\server\share\folder\file: a host name (or address) and at least a share; no wildcards, no drive colon.
_UNC_PART = r"[^\\/:*?\"<>|\x00-\x1f]+"
_UNC = re.compile(rf"\\\\[A-Za-z0-9][A-Za-z0-9.\-]*(\\{_UNC_PART})+\\?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class ClientPolicy:
    unit: str | None  # the unit's code; None: every unit without a policy of its own (nor a parent's)
    min_version: str
    installer: str  # https:// URL or \\server\share path
    note: str | None = None

    def accepts(self, version: Version) -> bool:
        return version >= Version(self.min_version)


def parse_version(text: str, what: str = "version") -> Version:
    """A version like 0.2.0 (PEP 440), or BadInput naming ``what``."""
    if len(text) > MAX_VERSION_CHARS:
        raise BadInput(f"{what} is longer than {MAX_VERSION_CHARS} characters")
    try:
        return Version(text.strip())
    except InvalidVersion:
        raise BadInput(f"{what} {text!r} is not a version like 0.2.0") from None


def client_version(header: str | None) -> Version | None:
    """The version a request names in its ``X-Aduan-Client`` header; None when it names none or one that is
    no version (both are treated as a client from before the header: ``NO_VERSION``)."""
    if header is None:
        return None
    try:
        return Version(header.strip()[:MAX_VERSION_CHARS])
    except InvalidVersion:
        return None


def checked_installer(address: str) -> str:
    """The installer's address as officers will be shown it: an https:// URL or a \\\\server\\share path."""
    address = address.strip()
    if not address:
        raise BadInput("--installer is empty: give an https:// URL or a \\\\server\\share\\file path")
    if len(address) > MAX_INSTALLER_CHARS:
        raise BadInput(f"--installer is longer than {MAX_INSTALLER_CHARS} characters")
    if _CONTROL.search(address):
        raise BadInput("--installer holds a control character")
    if address.startswith("\\\\"):
        if not _UNC.fullmatch(address) or "\\..\\" in address + "\\":
            raise BadInput(
                f"--installer {address!r} is not a share path like \\\\fileserver\\aduan\\aduan-0.2.0.exe "
                "(a server, a share, then folders and the file)"
            )
        return address
    scheme = address.partition(":")[0].lower()
    if scheme == "https":
        parts = urlsplit(address)
        if not parts.hostname or " " in address:
            raise BadInput(f"--installer {address!r} is not a whole https:// URL (a host and a path)")
        return address
    if scheme == "http":
        raise BadInput(
            "--installer must use https://, not http://: an installer fetched over plain HTTP could be swapped "
            "on the way"
        )
    raise BadInput(
        f"--installer {address!r} is neither an https:// URL nor a \\\\server\\share path: officers install from "
        "the agency's web server or file share, not from a path on their own computer"
    )


def checked_note(note: str | None) -> str | None:
    if note is None or not note.strip():
        return None
    if len(note) > MAX_NOTE_CHARS:
        raise BadInput(f"--note is longer than {MAX_NOTE_CHARS} characters")
    if _CONTROL.search(note.replace("\n", " ")):
        raise BadInput("--note holds a control character")
    return note.strip()


def is_web_link(installer: str) -> bool:
    """Whether officers can open it with a click (https) or copy it into Explorer (a share path)."""
    return installer.lower().startswith("https://")


def strictest(policies: list[ClientPolicy]) -> ClientPolicy | None:
    """Of the policies that apply to an officer (one per unit of theirs), the one asking for the newest
    version: their client works for all of their units at once."""
    if not policies:
        return None
    return max(policies, key=lambda p: Version(p.min_version))
