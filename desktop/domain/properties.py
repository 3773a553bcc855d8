"""A ticket's properties an officer may correct after intake: priority, category and kind.

One operation carries the properties to change (``OpKind.SET_PROPERTIES``); a property not named stays as it
is. The category is free text (the unit's own words): ``""`` removes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import BadInput
from .text import clean_name
from .vocabulary import Kind, Priority


@dataclass(frozen=True, slots=True)
class PropertyChange:
    priority: Priority | None = None
    kind: Kind | None = None
    category: str | None = None  # None: unchanged; "": no category

    def payload(self) -> dict[str, Any]:
        """The operation's payload: only the properties that change."""
        found: dict[str, Any] = {}
        if self.priority is not None:
            found["priority"] = int(self.priority)
        if self.kind is not None:
            found["kind"] = self.kind.value
        if self.category is not None:
            found["category"] = self.category
        return found


def property_change(
    priority: Priority | int | str | None = None, kind: Kind | str | None = None, category: str | None = None
) -> PropertyChange:
    """Checked and cleaned as the store keeps them; at least one property must be named."""
    if priority is None and kind is None and category is None:
        raise BadInput("name at least one of priority, category or kind to change")
    try:
        if isinstance(priority, str):
            chosen_priority: Priority | None = Priority.parse(priority)
        else:
            chosen_priority = None if priority is None else Priority(int(priority))
        chosen_kind = None if kind is None else Kind(kind)
    except ValueError as exc:
        raise BadInput(f"unknown priority or kind: {exc}") from None
    chosen_category = None if category is None else (clean_name("category", category) or "")
    return PropertyChange(chosen_priority, chosen_kind, chosen_category)


def change_of(payload: dict[str, Any]) -> PropertyChange:
    """The change a (validated) operation payload names."""
    return property_change(payload.get("priority"), payload.get("kind"), payload.get("category"))


STATUS_COMMENT_MAX_CHARS = 500  # the wire's ``Line``


def clean_comment(comment: str | None) -> str | None:
    """A status change's comment on one line; blank as None, an over-long one refused."""
    line = " ".join((comment or "").split())
    if len(line) > STATUS_COMMENT_MAX_CHARS:
        message = f"the comment is {len(line):,} characters long; the limit is {STATUS_COMMENT_MAX_CHARS}"
        raise BadInput(message, field="comment", reason="too_long", limit=str(STATUS_COMMENT_MAX_CHARS))
    return line or None
