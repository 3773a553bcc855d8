"""Rendering a canned response for one ticket: every ``{variable}`` filled, or a clear refusal.

A citizen must never receive "Yth. {nama_pelapor}": a template that names a variable this ticket has no
value for, or one that does not exist, is refused with the names, and nothing is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .errors import BadInput

# The variables a template may use, with what they stand for (shown to supervisors who write templates).
VARIABLES: dict[str, str] = {
    "nama_pelapor": "the reporter's name (Pelapor for an anonymous reporter)",
    "nomor_tiket": "the tracking number, e.g. ADU-2026-000123",
    "unit": "the name of the unit handling the ticket",
    "tenggat": "the ticket's resolution deadline, as a local date",
}
_PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")


class MissingVariable(BadInput):
    code = "missing_variable"

    def __init__(self, missing: list[str], unknown: list[str]) -> None:
        self.missing = tuple(missing)
        self.unknown = tuple(unknown)
        parts = []
        if unknown:
            parts.append("unknown variable(s) " + ", ".join("{" + name + "}" for name in unknown))
        if missing:
            parts.append("no value for " + ", ".join("{" + name + "}" for name in missing))
        super().__init__("the canned response cannot be used: " + "; ".join(parts))


def variables_in(template: str) -> list[str]:
    """The variables a template names, in order of first use."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(template)))


def check_template(template: str) -> None:
    """Refuse a template naming a variable that does not exist (when a supervisor saves it)."""
    unknown = [name for name in variables_in(template) if name not in VARIABLES]
    if unknown:
        raise MissingVariable([], unknown)


def render(template: str, values: Mapping[str, str | None]) -> str:
    """``template`` with every variable replaced; MissingVariable when any is unknown or has no value."""
    names = variables_in(template)
    unknown = [name for name in names if name not in VARIABLES]
    missing = [name for name in names if name in VARIABLES and not values.get(name)]
    if unknown or missing:
        raise MissingVariable(missing, unknown)
    return _PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), template)
