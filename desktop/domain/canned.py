"""Rendering a canned response for one ticket: every ``{variable}`` filled, or a clear refusal.

A citizen must never receive "Yth. {nama_pelapor}": a template that names a variable this ticket has no
value for, or one that does not exist, is refused with the names, and nothing is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from .errors import BadInput

# The variables a template may use, with what they stand for (shown to supervisors who write templates).
VARIABLES: dict[str, str] = {
    "nama_pelapor": "the reporter's name (Pelapor for an anonymous reporter)",
    "nomor_tiket": "the tracking number, e.g. ADU-2026-000123",
    "unit": "the name of the unit handling the report",
    "tenggat": "the ticket's resolution deadline, as a local date",
}
_PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")
# A template's name, stable across its versions; lower-case so that it is typed the same way everywhere.
KEY = re.compile(r"[a-z][a-z0-9_.-]{0,99}")
# Which template and version a reply was written from ("terima@3"), kept in the reply's audit event.
_REF = re.compile(rf"({KEY.pattern})@([1-9][0-9]{{0,8}})")


@dataclass(frozen=True, slots=True)
class CannedTemplate:
    """One version of a canned response, as supervisors manage it."""

    key: str
    version: int
    unit_code: str | None  # None: global, offered in every unit
    unit_name: str | None
    title: str
    body: str  # the template, variables unfilled
    active: bool
    author: str | None  # login of the officer who wrote this version (None: the installation owner)
    created_at: datetime

    @property
    def ref(self) -> str:
        return canned_ref(self.key, self.version)


@dataclass(frozen=True, slots=True)
class ManageScope:
    """Where an officer may add canned responses: the units (code, name) and whether global ones too."""

    global_allowed: bool
    units: tuple[tuple[str, str], ...]

    def allows(self, unit_code: str | None) -> bool:
        return self.global_allowed if unit_code is None else any(code == unit_code for code, _ in self.units)


class MissingVariable(BadInput):
    code = "missing_variable"

    def __init__(self, missing: list[str], unknown: list[str], title: str | None = None) -> None:
        self.missing = tuple(missing)
        self.unknown = tuple(unknown)
        self.title = title
        parts = []
        if unknown:
            parts.append("unknown variable(s) " + ", ".join("{" + name + "}" for name in unknown))
        if missing:
            parts.append("no value for " + ", ".join("{" + name + "}" for name in missing))
        which = "the canned response" if title is None else f"the canned response {title!r}"
        super().__init__(f"{which} cannot be used: " + "; ".join(parts))


def variables_in(template: str) -> list[str]:
    """The variables a template names, in order of first use."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(template)))


def check_template(template: str) -> None:
    """Refuse a template naming a variable that does not exist (when a supervisor saves it)."""
    unknown = [name for name in variables_in(template) if name not in VARIABLES]
    if unknown:
        raise MissingVariable([], unknown)


def render(template: str, values: Mapping[str, str | None], title: str | None = None) -> str:
    """``template`` with every variable replaced; MissingVariable (naming ``title``, the template's, when
    given) when any is unknown or has no value. Values are inserted as they are, never expanded again."""
    names = variables_in(template)
    unknown = [name for name in names if name not in VARIABLES]
    missing = [name for name in names if name in VARIABLES and not values.get(name)]
    if unknown or missing:
        raise MissingVariable(missing, unknown, title)
    return _PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), template)


def canned_ref(key: str, version: int) -> str:
    """``key@version``: how a reply records the template it was written from."""
    return check_canned_ref(f"{key}@{version}")


def check_canned_ref(ref: str) -> str:
    """``ref`` if it is ``key@version``; BadInput otherwise."""
    if not _REF.fullmatch(str(ref)):  # str(): it may come from a client's operation, whatever its type
        raise BadInput(f"invalid canned response reference {ref!r}: expected key@version, e.g. terima@2")
    return ref
