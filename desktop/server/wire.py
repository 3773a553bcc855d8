"""The wire schemas of ``aduan server``: one struct per request and answer, shared by server and client.

The server validates every request against these before anything else runs; the client builds its
requests from them. An operation's payload has one struct per operation kind: a field the kind does not
know is refused, not ignored.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from ..domain.operations import Op, OpKind, Outcome, OutcomeState
from ..domain.text import FIELD_LIMITS
from ..domain.vocabulary import Priority

API_VERSION = 1

Text = Annotated[str, StringConstraints(max_length=100_000)]
Line = Annotated[str, StringConstraints(max_length=500)]
Code = Annotated[str, StringConstraints(max_length=100)]

# Strings no longer than the central column they are stored in (``domain.text.FIELD_LIMITS``): an over-long
# one is refused with the request, naming the field, before any SQL.
Subject = Annotated[str, StringConstraints(max_length=FIELD_LIMITS["subject"])]
Category = Annotated[str, StringConstraints(max_length=FIELD_LIMITS["category"])]
ReporterName = Annotated[str, StringConstraints(max_length=FIELD_LIMITS["reporter name"])]
Contact = Annotated[str, StringConstraints(max_length=FIELD_LIMITS["contact"])]
ExternalId = Annotated[str, StringConstraints(max_length=FIELD_LIMITS["external id"])]
UnitCode = Annotated[str, StringConstraints(max_length=FIELD_LIMITS["unit code"])]
DiscussionTitle = Annotated[str, StringConstraints(max_length=FIELD_LIMITS["discussion title"])]
PriorityNumber = Annotated[int, Field(ge=min(Priority), le=max(Priority))]
# A ticket's claim token: a BIGINT counter from 0. Bounded here, so that a forged one is refused as
# malformed instead of overflowing a database parameter.
ClaimToken = Annotated[int, Field(ge=0, le=2**63 - 1)]


def naive_utc(moment: datetime) -> datetime:
    """The store's times are naive UTC: a time sent with an offset is converted, never compared as is. One that
    leaves the calendar once converted (year 1 at +07:00) is bad input, not a server error."""
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:
        raise ValueError("the time falls outside the calendar once turned into UTC") from None


NaiveUtc = Annotated[datetime, AfterValidator(naive_utc)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# -- sign-in ------------------------------------------------------------------------------------------


class SignIn(Strict):
    login: Annotated[str, StringConstraints(min_length=1, max_length=63)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]
    device: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class SignedIn(Strict):
    token: str
    expires_at: datetime
    login: str
    name: str
    role: str


class PasswordChange(Strict):
    current: Annotated[str, StringConstraints(min_length=1, max_length=1024)]
    new: Annotated[str, StringConstraints(min_length=1, max_length=1024)]


class Hello(Strict):
    api: int
    schema_revision: str
    login: str
    server_time: datetime


class ErrorBody(Strict):
    code: str
    message: str
    retry_after: int | None = None
    # what the client's UI fills into the translated text of ``code`` (the error's ``fields``)
    fields: dict[str, str] | None = None
    # client_outdated (HTTP 426): what the client is, what the server accepts and where to get it
    client_version: str | None = None
    min_version: str | None = None
    installer: str | None = None
    note: str | None = None


class ClientPolicyBody(Strict):
    """``GET /v1/client-policy``: all None while every client version is accepted."""

    min_version: str | None = None
    installer: str | None = None
    note: str | None = None


# -- operations: one payload struct per kind ------------------------------------------------------------


class NoPayload(Strict):
    pass


class CreatePayload(Strict):
    unit: UnitCode
    kind: Code
    channel: Code
    subject: Subject
    body: Text
    priority: PriorityNumber = 2
    category: Category | None = None
    reporter_name: ReporterName | None = None
    reporter_contact: Contact | None = None
    anonymous: bool = False
    confidential: bool = False
    external_id: ExternalId | None = None
    # Scanned documents of a report taken at the desk; checked by content by the store (``store/scans.py``).
    attachments: list[dict[str, Any]] | None = Field(default=None, max_length=50)


class StealPayload(Strict):
    reason: Line = ""


class AssignPayload(Strict):
    officer: Code  # the assignee's login


class ReplyPayload(Strict):
    text: Text
    message_id: UUID | None = None
    canned: Line | None = None


class NotePayload(Strict):
    text: Text
    note_id: UUID | None = None


class StatusPayload(Strict):
    status: Code
    comment: Line | None = None  # why, in the officer's words: shown in the history


class SetPropertiesPayload(Strict):
    """Only the properties that change; ``category`` "" removes it."""

    priority: PriorityNumber | None = None
    kind: Code | None = None
    category: Category | None = None


class TransferPayload(Strict):
    unit: Code
    reason: Line | None = None


class LinkPayload(Strict):
    master_id: UUID


class BulkAnswerPayload(Strict):
    canned_key: Code
    canned_version: int | None = None
    message_id: UUID | None = None


class ReasonPayload(Strict):
    reason: Line = ""


class ReferPayload(Strict):
    referral_id: UUID
    unit: Code
    question: Text


class DiscussPayload(Strict):
    discussion_id: UUID
    post_id: UUID
    unit: UnitCode
    title: DiscussionTitle
    body: Text
    ticket_id: UUID | None = None


class PostPayload(Strict):
    discussion_id: UUID
    post_id: UUID
    body: Text


class ResolveHandoverPayload(Strict):
    item_id: UUID
    accepted: bool


class AnswerReferralPayload(Strict):
    referral_id: UUID
    text: Text


class Envelope(Strict):
    """What every operation carries beside its kind and payload."""

    op_id: UUID
    ticket_id: UUID | None = None
    token: ClaimToken | None = None  # the claim token it was made under
    offline: bool = False
    made_at: NaiveUtc | None = None


class CreateOperation(Envelope):
    kind: Literal["create"]
    payload: CreatePayload


class ClaimOperation(Envelope):
    kind: Literal["claim"]
    payload: NoPayload


class RenewOperation(Envelope):
    kind: Literal["renew"]
    payload: NoPayload


class ReleaseOperation(Envelope):
    kind: Literal["release"]
    payload: NoPayload


class StealOperation(Envelope):
    kind: Literal["steal"]
    payload: StealPayload


class AssignOperation(Envelope):
    kind: Literal["assign"]
    payload: AssignPayload


class ReplyOperation(Envelope):
    kind: Literal["reply"]
    payload: ReplyPayload


class NoteOperation(Envelope):
    kind: Literal["note"]
    payload: NotePayload


class StatusOperation(Envelope):
    kind: Literal["status"]
    payload: StatusPayload


class SetPropertiesOperation(Envelope):
    kind: Literal["set_properties"]
    payload: SetPropertiesPayload


class TransferOperation(Envelope):
    kind: Literal["transfer"]
    payload: TransferPayload


class LinkOperation(Envelope):
    kind: Literal["link"]
    payload: LinkPayload


class UnlinkOperation(Envelope):
    kind: Literal["unlink"]
    payload: NoPayload


class MergeOperation(Envelope):
    kind: Literal["merge"]
    payload: LinkPayload


class BulkAnswerOperation(Envelope):
    kind: Literal["bulk_answer"]
    payload: BulkAnswerPayload


class ReturnForDispositionOperation(Envelope):
    kind: Literal["return_disposition"]
    payload: ReasonPayload


class ReferOperation(Envelope):
    kind: Literal["refer"]
    payload: ReferPayload


class DiscussOperation(Envelope):
    kind: Literal["discuss"]
    payload: DiscussPayload


class PostOperation(Envelope):
    kind: Literal["post"]
    payload: PostPayload


class ResolveHandoverOperation(Envelope):
    kind: Literal["resolve_handover"]
    payload: ResolveHandoverPayload


class PickNextOperation(Envelope):
    kind: Literal["pick_next"]
    payload: NoPayload


class AnswerReferralOperation(Envelope):
    kind: Literal["answer_referral"]
    payload: AnswerReferralPayload


Operation = Annotated[
    CreateOperation
    | ClaimOperation
    | RenewOperation
    | ReleaseOperation
    | StealOperation
    | AssignOperation
    | ReplyOperation
    | NoteOperation
    | StatusOperation
    | TransferOperation
    | SetPropertiesOperation
    | LinkOperation
    | UnlinkOperation
    | MergeOperation
    | BulkAnswerOperation
    | ReturnForDispositionOperation
    | ReferOperation
    | DiscussOperation
    | PostOperation
    | ResolveHandoverOperation
    | AnswerReferralOperation
    | PickNextOperation,
    Field(discriminator="kind"),
]
OPERATIONS: dict[OpKind, type[Envelope]] = {
    OpKind.CREATE: CreateOperation,
    OpKind.CLAIM: ClaimOperation,
    OpKind.RENEW: RenewOperation,
    OpKind.RELEASE: ReleaseOperation,
    OpKind.STEAL: StealOperation,
    OpKind.ASSIGN: AssignOperation,
    OpKind.REPLY: ReplyOperation,
    OpKind.NOTE: NoteOperation,
    OpKind.STATUS: StatusOperation,
    OpKind.TRANSFER: TransferOperation,
    OpKind.SET_PROPERTIES: SetPropertiesOperation,
    OpKind.LINK: LinkOperation,
    OpKind.UNLINK: UnlinkOperation,
    OpKind.MERGE: MergeOperation,
    OpKind.BULK_ANSWER: BulkAnswerOperation,
    OpKind.RETURN_FOR_DISPOSITION: ReturnForDispositionOperation,
    OpKind.REFER: ReferOperation,
    OpKind.DISCUSS: DiscussOperation,
    OpKind.POST: PostOperation,
    OpKind.RESOLVE_HANDOVER: ResolveHandoverOperation,
    OpKind.ANSWER_REFERRAL: AnswerReferralOperation,
    OpKind.PICK_NEXT: PickNextOperation,
}


def operation_of(op: Op) -> Envelope:
    """The wire struct of a queued operation (the client side)."""
    return OPERATIONS[op.kind].model_validate(
        {
            "kind": op.kind.value,
            "op_id": op.op_id,
            "ticket_id": op.ticket_id,
            "payload": op.payload,
            "token": op.token,
            "offline": op.offline,
            "made_at": op.made_at,
        }
    )


def op_of(request: Operation) -> Op:
    """The domain operation of a validated request (the server side)."""
    return Op(
        op_id=request.op_id,
        kind=OpKind(request.kind),
        ticket_id=request.ticket_id,
        payload=request.payload.model_dump(mode="json", exclude_none=True),
        token=request.token,
        offline=request.offline,
        made_at=request.made_at,
    )


class OutcomeBody(Strict):
    op_id: UUID
    state: OutcomeState
    code: str | None = None
    message: str | None = None
    result: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def of(cls, outcome: Outcome) -> OutcomeBody:
        return cls(
            op_id=outcome.op_id, state=outcome.state, code=outcome.code, message=outcome.message, result=outcome.result
        )

    def outcome(self) -> Outcome:
        return Outcome(self.op_id, self.state, self.code, self.message, self.result)


# -- pulls ----------------------------------------------------------------------------------------------


class CatchUp(Strict):
    since: Annotated[str, StringConstraints(max_length=100_000)]
    ticket_ids: list[UUID] = Field(max_length=5000)


class NextChange(Strict):
    latest: str | None  # None: the server cannot read the database now (fall back to regular rounds)
