"""Officer operations as data: what the local outbox keeps and the central store applies exactly once.

An operation carries a client-generated id. The store records that id with the outcome in the same
transaction as the effect, so pushing the same operation again returns the stored outcome instead of
applying it twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from .errors import BadInput


class OpKind(StrEnum):
    CREATE = "create"
    CLAIM = "claim"
    RENEW = "renew"
    RELEASE = "release"
    STEAL = "steal"
    ASSIGN = "assign"  # a supervisor gives the ticket, claimed, to a named officer of its unit
    REPLY = "reply"
    NOTE = "note"
    STATUS = "status"
    TRANSFER = "transfer"
    LINK = "link"  # mark the ticket as a duplicate of a master ticket
    UNLINK = "unlink"
    MERGE = "merge"  # link, and archive the duplicate
    BULK_ANSWER = "bulk_answer"  # one canned answer to a master and each of its duplicates' citizens
    RETURN_FOR_DISPOSITION = "return_disposition"  # "bukan wewenang": back to the unit that sent it
    REFER = "refer"  # ask another unit for input; the ticket stays
    SET_PROPERTIES = "set_properties"  # priority, category and kind after intake (those given change)
    # Not about one ticket (their ``Op.ticket_id`` is None):
    DISCUSS = "discuss"  # start a team thread with its first post
    POST = "post"  # post in a team thread
    RESOLVE_HANDOVER = "resolve_handover"  # take over or dismiss work handed over to me
    ANSWER_REFERRAL = "answer_referral"  # the referred unit answers (it may not see the ticket itself)
    PICK_NEXT = "pick_next"  # claim the ticket the server chooses; never queued (the choice needs the server)

    @property
    def needs_claim(self) -> bool:
        """Made under a claim token: rejected as LOST_CLAIM when the token is no longer the ticket's."""
        fenced = (OpKind.RENEW, OpKind.RELEASE, OpKind.REPLY, OpKind.STATUS, OpKind.TRANSFER, OpKind.SET_PROPERTIES)
        return self in (*fenced, *_DECISIONS)

    @property
    def acquires_claim(self) -> bool:
        return self in (OpKind.CLAIM, OpKind.STEAL)

    @property
    def hands_over(self) -> bool:
        """Work that must not be lost when the claim was: it becomes a hand-over item for the holder."""
        return self in (OpKind.REPLY, OpKind.STATUS, OpKind.TRANSFER, *_DECISIONS)


# A holder's decisions about a ticket beyond replies and status: fenced by the claim, and handed over
# to the current holder when it was lost.
_DECISIONS = (OpKind.LINK, OpKind.UNLINK, OpKind.MERGE, OpKind.BULK_ANSWER, OpKind.RETURN_FOR_DISPOSITION)


class OutcomeState(StrEnum):
    APPLIED = "applied"
    REJECTED = "rejected"
    HANDED_OVER = "handed_over"


@dataclass(frozen=True, slots=True)
class Op:
    op_id: UUID
    kind: OpKind
    ticket_id: UUID | None  # None for operations not about one ticket (team discussion, hand-overs)
    payload: dict[str, Any] = field(default_factory=dict)
    token: int | None = None  # the claim token the officer held when making the op
    offline: bool = False  # made while the central database could not be reached
    made_at: datetime | None = None  # when it was made, on the workstation's estimate of the server's clock

    @property
    def ticket(self) -> UUID:
        """The ticket a ticket operation is about; a malformed one without it is refused, not guessed."""
        if self.ticket_id is None:
            raise BadInput(f"the {self.kind.value} operation {self.op_id} names no ticket")
        return self.ticket_id


@dataclass(frozen=True, slots=True)
class Outcome:
    op_id: UUID
    state: OutcomeState
    code: str | None = None  # the error code of a rejection (see errors.py)
    message: str | None = None
    result: dict[str, Any] = field(default_factory=dict)

    @property
    def accepted(self) -> bool:
        return self.state is OutcomeState.APPLIED

    def to_json(self) -> str:
        return json.dumps(
            {"code": self.code, "message": self.message, "result": self.result}, ensure_ascii=False, default=str
        )

    @classmethod
    def from_json(cls, op_id: UUID, state: str, stored: str | None) -> Outcome:
        data = json.loads(stored) if stored else {}
        return cls(
            op_id=op_id,
            state=OutcomeState(state),
            code=data.get("code"),
            message=data.get("message"),
            result=data.get("result") or {},
        )
