"""Bukan wewenang (not our authority): the holder finds a report outside their unit's remit and sends it back.

The ticket goes to the unit that transferred it here (the last transfer's sending unit) or, when it was
never transferred here, to the parent unit, whose dispatcher gives it a new disposition: a transfer
from ``bukan_wewenang`` is received anew (``handling.transfer``). A unit with neither keeps the ticket
and the officer is told to ask for a transfer instead. Returning is not recorded as a transfer, so that
the dispatcher's next "not ours" does not bounce the ticket back to the unit that just returned it.
"""

from __future__ import annotations

import json
from uuid import UUID

from sqlalchemy import select

from ..domain.entities import Ticket
from ..domain.errors import BadInput, ForbiddenTransition
from ..domain.status import Status, allowed_next, can_transition
from . import sla
from .claims import fenced_update, read_ticket, released
from .identity import unit_id_by_code
from .schema import event, unit
from .work import Work


def return_for_disposition(work: Work, ticket_id: UUID, token: int, reason: str) -> Ticket:
    """Mark the held ticket ``bukan_wewenang`` and move it to the unit that disposes of it anew; the
    claim ends. Returns the ticket as it is now (the officer may no longer see it)."""
    reason = " ".join(reason.split())
    if not reason:
        raise BadInput("a reason is required to send a ticket back as not this unit's authority")
    current = read_ticket(work, ticket_id)
    if not can_transition(current.status, Status.BUKAN_WEWENANG):
        allowed = ", ".join(sorted(s.value for s in allowed_next(current.status)))
        raise ForbiddenTransition(
            f"{current.tracking_no} is {current.status.value}; it can go to: {allowed}, "
            f"not {Status.BUKAN_WEWENANG.value}",
            current=current.status.value,
            target=Status.BUKAN_WEWENANG.value,
        )
    target_id, target_code, returned_to = _disposing_unit(work, current)
    # The status and the unit change together; the receiving unit's policy decides about the clocks.
    values: dict[str, object] = {
        "status": Status.BUKAN_WEWENANG.value,
        "unit_id": target_id,
        "left_unit_id": unit_id_by_code(work.conn, current.unit),
        **released(),
    }
    fenced_update(work, ticket_id, token, values, renew=False)
    sla.transferred(work, ticket_id)
    work.audit(
        "return_for_disposition",
        ticket_id,
        token,
        old=current.status.value,
        from_unit=current.unit,
        to_unit=target_code,
        returned_to=returned_to,
        reason=reason,
    )
    return read_ticket(work, ticket_id, visible_only=False)


def _disposing_unit(work: Work, current: Ticket) -> tuple[int, str, str]:
    """(unit id, code, "sender" or "parent") of the unit the ticket goes back to; BadInput with neither."""
    here = work.conn.execute(select(unit.c.id, unit.c.parent_id).where(unit.c.code == current.unit)).one()
    last_transfer = work.conn.execute(
        select(event.c.detail)
        .where(event.c.ticket_id == current.id, event.c.action == "transfer")
        .order_by(event.c.id.desc())
        .limit(1)
    ).scalar()
    sender = json.loads(last_transfer).get("from_unit") if last_transfer else None
    if sender and sender != current.unit:
        found = work.conn.execute(select(unit.c.id).where(unit.c.code == sender)).scalar()
        if found is not None:
            return int(found), str(sender), "sender"
    if here.parent_id is not None:
        parent_code = work.conn.execute(select(unit.c.code).where(unit.c.id == here.parent_id)).scalar_one()
        return int(here.parent_id), str(parent_code), "parent"
    raise BadInput(
        f"{current.tracking_no} has nowhere to go back to: it was not transferred to unit {current.unit!r} "
        "and that unit has no parent unit. Transfer it to the unit in charge instead"
    )
