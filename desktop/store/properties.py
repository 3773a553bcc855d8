"""Correcting a ticket's priority, category and kind after intake: fenced by the claim like any write,
audited one line per property that changed, and the service-level clocks retargeted to the policy that
now applies (a policy may be per kind, category or priority)."""

from __future__ import annotations

from uuid import UUID

from ..domain.entities import Ticket
from ..domain.properties import PropertyChange
from . import sla
from .claims import fenced_update, read_ticket
from .work import Work


def set_properties(work: Work, ticket_id: UUID, token: int, change: PropertyChange) -> Ticket:
    current = read_ticket(work, ticket_id)
    values: dict[str, object] = {}
    lines: list[tuple[str, dict[str, str]]] = []
    if change.priority is not None and change.priority != current.priority:
        values["priority"] = int(change.priority)
        old, new = current.priority.name.lower(), change.priority.name.lower()
        lines.append(("set_priority", {"old_priority": old, "new_priority": new}))
    if change.kind is not None and change.kind != current.kind:
        values["kind"] = change.kind.value
        lines.append(("set_kind", {"old_kind": current.kind.value, "new_kind": change.kind.value}))
    if change.category is not None and change.category != (current.category or ""):
        values["category"] = change.category or None
        lines.append(("set_category", {"old_category": current.category or "", "new_category": change.category}))
    fenced_update(work, ticket_id, token, values)  # renews the lease even when nothing differed
    if values:
        sla.properties_changed(work, ticket_id)
    for action, detail in lines:
        work.audit(action, ticket_id, token, **detail)
    return read_ticket(work, ticket_id)
