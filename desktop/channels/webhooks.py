"""Channels that push instead of being polled: which account a webhook request is for, and where what it
brings is stored.

The HTTP side is ``aduan server``'s (``desktop/server/webhooks.py``: HTTPS, a deadline for the body, a cap on
its size, a limit on webhook requests at once); WhatsApp's notifications arrive at
``/v1/webhooks/whatsapp/<account>``, ``<account>`` being the account's name or its slot (``WA Humas`` →
``wa_humas``); a Facebook Page's and an Instagram account's at ``/v1/webhooks/facebook/<account>`` and
``/v1/webhooks/instagram/<account>`` (``meta_endpoint``: the same rules, plus comments kept apart,
``store/social_comments.py``). Nothing here listens on a socket.

Meta sends a notification for every message and repeats it (for up to seven days) until it is answered
200; the endpoint answers 200 only after the messages are stored (``WebhookEndpoint``), and the store keeps
one message per id, so a repeat is harmless: intake is exactly once. A message the store refuses is kept as
an intake error and answered 200 (repeating it would not help); only an unreachable central database makes
the endpoint answer 500, so that Meta delivers it again later.

One Meta app's webhook serves every business number of the app: a message for another enabled WhatsApp
account is stored through that account when both accounts have the same app secret (the signature proved
only that secret); a message for a number no account of the app has is kept as an intake error.

Configuration of a WhatsApp account (secrets by reference only): ``phone_number_id``, ``app_secret_ref`` and
``verify_token_ref`` (the account's own slots for them, ``settings.py``, read where ``aduan server`` runs);
the account's own secret is the Cloud API access token (to fetch media). ``webhook_port`` and
``webhook_host`` are no longer used: the webhook is a route of ``aduan server``.
"""

from __future__ import annotations

import hmac
import logging

from ..domain.errors import AduanError, BadInput, NotFound
from ..domain.inbound import InboundMessage
from ..domain.vocabulary import Channel
from ..store.channel_accounts import record_delivery
from ..store.service import Store
from .accounts import Account, account_secret, check_account, enabled_accounts
from .meta import MetaGraph, MetaWebhookEndpoint, Notification, Platform
from .pushed import Pushed, PushedIntake
from .settings import MetaSettings, WhatsAppSettings, slot_id
from .whatsapp import WebhookEndpoint, WhatsAppCloud

# The same answer for an account that does not exist, is disabled, or cannot be used as configured: a caller
# learns nothing about which accounts there are.
NO_SUCH_WEBHOOK = "no such webhook"

_log = logging.getLogger(__name__)


def whatsapp_endpoint(store: Store, account_name: str, pushed: PushedIntake | None = None) -> WebhookEndpoint:
    """The webhook of the enabled WhatsApp account named ``account_name`` (its name or, as it is written in
    an address, its slot: ``WA Humas`` or ``wa_humas``), with its secrets.

    NotFound (always ``NO_SUCH_WEBHOOK``) when there is no such enabled account, or its stored configuration
    or secrets cannot be used — then the reason is on the account's health (``last_error``) and in the log.
    """
    accounts = [a for a in store.read(enabled_accounts) if a.channel is Channel.WHATSAPP]
    matching = [a for a in accounts if account_name in (a.name, slot_id(a.name))]
    if len(matching) != 1:
        if matching:
            _log.warning("WhatsApp webhook: accounts %s share one slot; none is used", [a.name for a in matching])
        raise NotFound(NO_SUCH_WEBHOOK)
    [receiving] = matching
    try:
        return _endpoint(store, receiving, accounts, pushed or PushedIntake(store))
    except (AduanError, OSError) as exc:
        reason = exc.message if isinstance(exc, AduanError) else str(exc)
        _log.warning("WhatsApp webhook of %r cannot be used: %s", receiving.name, reason)
        store.admin(record_delivery, receiving.id, reason)
        raise NotFound(NO_SUCH_WEBHOOK) from None


def _endpoint(store: Store, receiving: Account, accounts: list[Account], pushed: PushedIntake) -> WebhookEndpoint:
    settings = check_account(receiving)
    assert isinstance(settings, WhatsAppSettings)  # whatsapp_endpoint chose a WhatsApp account
    app_secret = account_secret(receiving, _reference(receiving, settings.app_secret_ref, "app_secret_ref")) or ""
    verify_token = account_secret(receiving, _reference(receiving, settings.verify_token_ref, "verify_token_ref")) or ""
    cloud = WhatsAppCloud(account_secret(receiving) or "", settings.phone_number_id, base_url=settings.base_url)

    def owner_of(number: str) -> Account | None:
        """The account a message to ``number`` is stored through: one of this app's accounts."""
        candidates = [a for a in accounts if str(a.config.get("phone_number_id", "")) == number]
        if any(a.id == receiving.id for a in candidates):
            return receiving
        return next((a for a in candidates if _same_app(a, app_secret)), None)

    def deliver(grouped: dict[str, list[InboundMessage]]) -> None:
        messages = []
        for number, inbounds in grouped.items():
            owner = owner_of(number)
            unowned = f"no WhatsApp account of this app is set up for number {number}"
            messages += [Pushed(inbound, owner, unowned) for inbound in inbounds]
        # Raises only when the central database is unreachable: answered 500, Meta delivers it again.
        pushed.take_in(receiving, messages)

    return WebhookEndpoint(app_secret, verify_token, deliver_by_number=deliver, media=cloud.download_media)


def meta_endpoint(
    store: Store, platform: Platform, account_name: str, pushed: PushedIntake | None = None
) -> MetaWebhookEndpoint:
    """The webhook of the enabled Facebook Page or Instagram account named ``account_name`` (its name or its
    slot), with its secrets; NotFound (always ``NO_SUCH_WEBHOOK``) as for ``whatsapp_endpoint``.

    Messages and comments for the account's own id are stored through it; for another account of the same
    platform and the same app secret, through that one; for an id no such account has, messages are kept as
    intake errors and comments dropped (a comment is public and comes again by the Graph API if needed)."""
    accounts = [a for a in store.read(enabled_accounts) if a.channel is platform.channel]
    matching = [a for a in accounts if account_name in (a.name, slot_id(a.name))]
    if len(matching) != 1:
        if matching:
            _log.warning(
                "%s webhook: accounts %s share one slot; none is used", platform.label, [a.name for a in matching]
            )
        raise NotFound(NO_SUCH_WEBHOOK)
    [receiving] = matching
    try:
        return _meta_endpoint(store, platform, receiving, accounts, pushed or PushedIntake(store))
    except (AduanError, OSError) as exc:
        reason = exc.message if isinstance(exc, AduanError) else str(exc)
        _log.warning("%s webhook of %r cannot be used: %s", platform.label, receiving.name, reason)
        store.admin(record_delivery, receiving.id, reason)
        raise NotFound(NO_SUCH_WEBHOOK) from None


def _meta_endpoint(
    store: Store, platform: Platform, receiving: Account, accounts: list[Account], pushed: PushedIntake
) -> MetaWebhookEndpoint:
    from ..store import social_comments

    settings = check_account(receiving)
    assert isinstance(settings, MetaSettings)  # meta_endpoint chose an account of the platform
    app_secret = account_secret(receiving, _reference(receiving, settings.app_secret_ref, "app_secret_ref")) or ""
    verify_token = account_secret(receiving, _reference(receiving, settings.verify_token_ref, "verify_token_ref")) or ""
    graph = MetaGraph(account_secret(receiving) or "", settings.account_id, platform, base_url=settings.base_url)
    id_key = "page_id" if platform is Platform.FACEBOOK else "ig_user_id"

    def owner_of(account_id: str) -> Account | None:
        candidates = [a for a in accounts if str(a.config.get(id_key, "")) == account_id]
        if any(a.id == receiving.id for a in candidates):
            return receiving
        return next((a for a in candidates if _same_app(a, app_secret)), None)

    def deliver(found: Notification) -> None:
        messages = []
        for account_id, inbounds in found.messages.items():
            unowned = f"no {platform.label} account of this app is set up for id {account_id}"
            messages += [Pushed(inbound, owner_of(account_id), unowned) for inbound in inbounds]
        pushed.take_in(receiving, messages)  # and the delivery recorded, with or without messages
        for account_id, comments in found.comments.items():
            owner = owner_of(account_id)
            if owner is None:
                _log.warning(
                    "%s webhook: comments for id %s, which no account has, were dropped", platform.label, account_id
                )
                continue
            for comment in comments:
                store.admin(social_comments.record, owner.id, comment)

    return MetaWebhookEndpoint(platform, app_secret, verify_token, deliver, attachments=graph.download)


def _same_app(account: Account, app_secret: str) -> bool:
    """Whether ``account`` is signed with the same app secret (an account that cannot be read is not)."""
    if not account.config.get("app_secret_ref"):
        return False
    try:
        theirs = account_secret(account, "app_secret_ref")
    except (AduanError, OSError):
        return False
    return theirs is not None and hmac.compare_digest(theirs.encode("utf-8"), app_secret.encode("utf-8"))


def _reference(account: Account, reference: str | None, key: str) -> str:
    """``key``, once the account has it (its value is checked when the secret is read)."""
    if not reference:
        raise BadInput(
            f"the {account.channel.value} account {account.name!r} needs {key}: env or keyring (its own slot)"
        )
    return key
