"""Answers to citizens on Facebook and Instagram: the dispatcher's side of the Send API."""

from __future__ import annotations

from desktop.domain.errors import BadInput
from desktop.store.outbox import Outgoing
from desktop.store.social_comments import COMMENT_PREFIX  # a ticket's first message, made from a comment

from ..dispatch import SentInDoubt
from ..http import MaybeSent
from .client import MetaGraph


def comment_external_id(comment_id: str) -> str:
    return COMMENT_PREFIX + comment_id


class MetaSender:
    """An answer goes to the citizen's conversation; when the citizen's latest message is a comment the
    ticket was made from, it goes as a private reply to that comment — never as a public one. An answer the
    Send API may have accepted without saying so is held in doubt: it has no idempotency key."""

    def __init__(self, graph: MetaGraph) -> None:
        self.graph = graph

    def planned_id(self, outgoing: Outgoing) -> str | None:
        return None

    def send(self, outgoing: Outgoing) -> str:
        latest = outgoing.replying_to or ""
        try:
            if latest.startswith(COMMENT_PREFIX):
                return self.graph.private_reply(latest.removeprefix(COMMENT_PREFIX), outgoing.text)
            if not outgoing.to:
                raise BadInput(
                    f"ticket {outgoing.tracking_no} has no {self.graph.platform.label} conversation to answer"
                )
            return self.graph.send_parts(outgoing.to, outgoing.text)[0]
        except MaybeSent as exc:
            raise SentInDoubt(exc.message) from None
