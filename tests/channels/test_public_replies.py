"""Public replies under Facebook and Instagram comments: an officer's answer is checked by the server (personal
data, length, one at a time), queued, and posted by the worker once — never twice, whatever Meta answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from desktop.channels.accounts import add_account
from desktop.channels.meta.public_replies import post_public_replies
from desktop.channels.sources import make_meta_graph
from desktop.domain.errors import BadInput, Conflict, NotFound, NotPermitted
from desktop.domain.social import MAX_PUBLIC_REPLY_CHARS, IncomingComment, ReplyState, SocialComment
from desktop.domain.vocabulary import Channel, Role
from desktop.server import commands
from desktop.store import social_comments
from desktop.store.schema import channel_account, event, social_comment
from desktop.store.service import Store
from desktop.store.social_comments import NOT_POSTED
from tests.channels.fake_meta import FakeMeta, GraphError, RawAnswer
from tests.store.helpers import Org, add_officer_without_login, build_org

NOW = 1_780_003_600.0  # the fake's clock: fixed
NIK = "3201012345670001"
PLATFORMS = {"facebook": ("FB Humas", "page_id"), "instagram": ("IG Humas", "ig_user_id")}


@pytest.fixture(params=sorted(PLATFORMS))
def fake(request: pytest.FixtureRequest) -> Iterator[FakeMeta]:
    server = FakeMeta(platform=request.param, now=lambda: NOW).start()
    yield server
    server.stop()


@pytest.fixture
def org(migrated_url: str, fake: FakeMeta, monkeypatch: pytest.MonkeyPatch) -> Iterator[Org]:
    built = build_org(migrated_url)
    name, id_field = PLATFORMS[fake.platform]
    slot = name.upper().replace(" ", "_")
    monkeypatch.setenv(f"ADUAN_SECRET_{slot}", fake.access_token)
    monkeypatch.setenv(f"ADUAN_SECRET_{slot}__APP_SECRET", fake.app_secret)
    monkeypatch.setenv(f"ADUAN_SECRET_{slot}__VERIFY_TOKEN", "verifikasi")
    config = {id_field: fake.account_id, "base_url": fake.base_url, "app_secret_ref": "env", "verify_token_ref": "env"}
    built.admin.admin(add_account, Channel(fake.platform), name, "humas", json.dumps(config), "env")
    yield built
    built.close()


@pytest.fixture
def hana(org: Org) -> Iterator[Store]:
    """A supervisor of humas, the unit of the account."""
    org.admin.admin(add_officer_without_login, "hana", "Hana Pertiwi", ["humas"], Role.SUPERVISOR)
    store = Store(org.url, "hana")
    yield store
    store.dispose()


def commented(org: Org, fake: FakeMeta, text: str, author: str = "5550001") -> SocialComment:
    """A citizen's comment, kept as the webhook keeps it (the webhook itself is tested in test_facebook.py)."""
    comment_id, _ = fake.comment(author, "Budi Warga", text)
    account_id = org.admin.read(lambda conn: conn.execute(select(channel_account.c.id)).scalar_one())
    incoming = IncomingComment(Channel(fake.platform), comment_id, "post-1", author, "Budi Warga", text, None)
    assert org.admin.admin(social_comments.record, account_id, incoming)
    [row_id] = org.admin.read(
        lambda conn: (
            conn.execute(select(social_comment.c.id).where(social_comment.c.external_id == comment_id)).scalars().all()
        )
    )
    return org.admin.read(social_comments.comment_by_id, row_id)


def reply(store: Store, comment: SocialComment, text: str, despite: bool = False) -> SocialComment:
    request = commands.CommentReply(comment_id=comment.id, text=text, despite_personal_data=despite)
    return commands.run_direct(commands.comment_reply, store, store.actor(), request)


def worker(org: Org) -> Any:
    return post_public_replies(org.admin, make_meta_graph)


def state_of(org: Org, comment: SocialComment) -> tuple[str | None, str | None, str | None]:
    row = org.admin.read(
        lambda conn: conn.execute(
            select(
                social_comment.c.reply_state, social_comment.c.reply_external_id, social_comment.c.reply_error
            ).where(social_comment.c.id == comment.id)
        ).one()
    )
    return row.reply_state, row.reply_external_id, row.reply_error


def test_a_public_reply_is_posted_under_the_comment_once(org: Org, fake: FakeMeta, hana: Store) -> None:
    comment = commented(org, fake, "Kapan jalan di RT 5 diperbaiki?")
    text = "Terima kasih. Perbaikan dijadwalkan pekan depan; info lanjut di 021-5551234."  # the unit's own number
    queued = reply(hana, comment, text)
    assert queued.reply is not None and queued.reply.state is ReplyState.QUEUED and queued.reply.by == "hana"

    first, second = worker(org), worker(org)
    assert (first.posted, second.posted) == (1, 0)
    [(answered, posted_text, reply_id)] = fake.public_replies
    assert (answered, posted_text) == (comment.comment_id, text)
    assert state_of(org, comment) == ("sent", reply_id, None)
    edge = "comments" if fake.platform == "facebook" else "replies"
    [(path, body)] = [(urlsplit(p), b) for m, p, b, _ in fake.requests if m == "POST"]
    assert path.path == f"/v21.0/{comment.comment_id}/{edge}" and parse_qs(path.query) == {"message": [text]}
    assert fake.sent == []  # nothing went privately
    [listed] = commands.run_direct(commands.comment_list, org.admin, None, commands.CommentList())
    assert listed.reply is not None and listed.reply.state is ReplyState.SENT
    audited = org.admin.read(lambda conn: conn.execute(select(event.c.action, event.c.detail)).all())
    replied = [json.loads(detail) for action, detail in audited if action == "comment_replied"]
    assert replied == [{"comment_id": comment.id, "account": PLATFORMS[fake.platform][0], "length": len(text)}]


def test_what_must_not_be_posted_in_public_is_refused_and_nothing_is_queued(
    org: Org, fake: FakeMeta, hana: Store
) -> None:
    plain = commented(org, fake, "Lampu jalan mati. Hubungi saya: 0812-3456-7890 atau budi@contoh.id")
    flagged = commented(org, fake, f"NIK saya {NIK}, bansos belum cair")
    refusals = [
        (plain, "", "needs some text"),
        (plain, "   ", "needs some text"),
        (plain, "x" * (MAX_PUBLIC_REPLY_CHARS + 1), f"at most {MAX_PUBLIC_REPLY_CHARS} characters"),
        (plain, f"Data Anda dengan NIK {NIK} sudah kami terima", "shows a NIK"),
        (plain, "Kami akan menelepon +62 812 3456 7890 besok", "repeats the phone number or e-mail"),
        (plain, "Balasan kami kirim ke BUDI@contoh.id", "repeats the phone number or e-mail"),
        (flagged, "Mohon jangan menulis NIK di kolom komentar.", "shows personal data"),
    ]
    for comment, text, why in refusals:
        with pytest.raises(BadInput, match=why):
            reply(hana, comment, text)
    assert [state_of(org, c)[0] for c in (plain, flagged)] == [None, None]
    assert worker(org).posted == 0 and fake.public_replies == []

    # Said to be seen, the flagged comment may be answered in public, with words that repeat none of it.
    done = reply(hana, flagged, "Mohon jangan menulis NIK di kolom komentar; kami hubungi lewat pesan.", despite=True)
    assert done.reply is not None and done.reply.state is ReplyState.QUEUED
    with pytest.raises(Conflict, match="already has a public reply"):
        reply(hana, flagged, "Sekali lagi", despite=True)
    assert worker(org).posted == 1 and len(fake.public_replies) == 1
    with pytest.raises(Conflict):
        reply(hana, flagged, "Sekali lagi", despite=True)


def test_only_supervisors_of_the_accounts_unit_and_admins_may_reply(org: Org, fake: FakeMeta) -> None:
    comment = commented(org, fake, "Jalan rusak")
    with pytest.raises(NotPermitted):
        reply(org.ani, comment, "Terima kasih")  # an officer of humas
    with pytest.raises(NotFound, match=f"no comment {comment.id}"):
        reply(org.sari, comment, "Terima kasih")  # a supervisor of kanreg, not of humas
    with pytest.raises(NotFound):
        commands.run_direct(
            commands.comment_reply, org.admin, None, commands.CommentReply(comment_id=comment.id + 99, text="Halo")
        )
    assert state_of(org, comment)[0] is None


def test_a_refused_reply_may_be_written_again_and_an_unreachable_meta_keeps_it_queued(
    org: Org, fake: FakeMeta, hana: Store
) -> None:
    comment = commented(org, fake, "Kapan bansos cair?")
    reply(hana, comment, "Pekan depan.")
    fake.fail(GraphError(2, "Service temporarily unavailable", status=503))
    out_of_reach = worker(org)
    assert (out_of_reach.posted, out_of_reach.waiting) == (0, 1) and PLATFORMS[fake.platform][0] in out_of_reach.errors
    assert state_of(org, comment)[0] == "queued" and fake.public_replies == []

    fake.fail(GraphError(100, "(#100) Cannot reply to a hidden comment"))
    refused = worker(org)
    assert refused.failed == 1
    state, _, error = state_of(org, comment)
    assert state == "failed" and error is not None and "hidden comment" in error
    [listed] = commands.run_direct(commands.comment_list, org.admin, None, commands.CommentList())
    assert listed.reply is not None and listed.reply.state is ReplyState.FAILED

    reply(hana, comment, "Pekan depan, insya Allah.")  # written again after the refusal
    assert worker(org).posted == 1
    assert [text for _, text, _ in fake.public_replies] == ["Pekan depan, insya Allah."]


def test_a_reply_that_may_have_been_posted_is_never_posted_again(org: Org, fake: FakeMeta, hana: Store) -> None:
    answered_oddly = commented(org, fake, "Sampah menumpuk di pasar")
    left_sending = commented(org, fake, "Air PAM mati", author="5550002")
    reply(hana, answered_oddly, "Sudah kami teruskan ke dinas kebersihan.")
    fake.fail(RawAnswer(200, b'{"success": true}'))  # accepted, but without the reply's id
    assert worker(org).in_doubt == 1
    assert state_of(org, answered_oddly)[0] == "sending"

    reply(hana, left_sending, "Sudah kami teruskan ke PDAM.")
    taken = org.admin.admin(social_comments.take_reply)  # a worker takes it and stops before posting
    assert taken is not None and taken.id == left_sending.id

    for _ in range(2):
        assert worker(org).posted == 0
    assert fake.public_replies == [] and [state_of(org, c)[0] for c in (answered_oddly, left_sending)] == [
        "sending",
        "sending",
    ]
    with pytest.raises(Conflict):
        reply(hana, left_sending, "Sekali lagi")

    # An officer looks under the comments: one reply is there, the other is not and is written again.
    settle = commands.comment_settle
    there = commands.run_direct(
        settle, hana, hana.actor(), commands.ReplySettled(comment_id=answered_oddly.id, posted=True)
    )
    gone = commands.run_direct(
        settle, hana, hana.actor(), commands.ReplySettled(comment_id=left_sending.id, posted=False)
    )
    assert there.reply is not None and there.reply.state is ReplyState.SENT
    assert gone.reply is not None and gone.reply.state is ReplyState.FAILED and gone.reply.error == NOT_POSTED
    with pytest.raises(Conflict, match="no public reply whose posting is in doubt"):
        commands.run_direct(
            settle, hana, hana.actor(), commands.ReplySettled(comment_id=answered_oddly.id, posted=False)
        )
    reply(hana, left_sending, "Sudah kami teruskan ke PDAM (kami tulis ulang).")
    assert worker(org).posted == 1
    assert [text for _, text, _ in fake.public_replies] == ["Sudah kami teruskan ke PDAM (kami tulis ulang)."]
