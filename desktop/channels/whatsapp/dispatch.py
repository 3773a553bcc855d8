"""Answers to citizens by WhatsApp: the dispatcher's side of the Cloud API."""

from __future__ import annotations

from desktop.domain.errors import BadInput
from desktop.store.outbox import Outgoing

from ..dispatch import SentInDoubt
from ..http import MaybeSent
from .client import WhatsAppCloud


class WhatsAppSender:
    """Answers go to the citizen's number, quoting their latest message. An answer the Cloud API may have
    accepted without saying so is held in doubt: sending it again could reach the citizen twice."""

    def __init__(self, cloud: WhatsAppCloud) -> None:
        self.cloud = cloud

    def planned_id(self, outgoing: Outgoing) -> str | None:
        return None

    def send(self, outgoing: Outgoing) -> str:
        if not outgoing.to:
            raise BadInput(f"ticket {outgoing.tracking_no} has no WhatsApp number to answer")
        quoted = outgoing.replying_to if (outgoing.replying_to or "").startswith("wamid.") else None
        try:
            return self.cloud.send_parts(outgoing.to, outgoing.text, quoted)[0]
        except MaybeSent as exc:
            raise SentInDoubt(exc.message) from None
