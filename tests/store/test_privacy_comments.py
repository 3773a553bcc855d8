"""The public comments a reporter wrote under the agency's Facebook and Instagram posts (store/social_comments.py)
are theirs under UU PDP like their messages (store/privacy.py), on every engine: exported, erased on request
(author and text), and their author taken out when the identity is (the retention's path); another citizen's
comments are untouched. Comments no officer made a report of go once the unit's identity period has passed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from desktop.channels.accounts import add_account
from desktop.domain.social import IncomingComment
from desktop.domain.vocabulary import Channel
from desktop.store import privacy, retention, social_comments
from desktop.store.privacy import ERASED_TEXT, ReporterRef
from desktop.store.schema import event, social_comment
from desktop.store.work import begin
from tests.store.helpers import Org, build_org

PAGE = {"page_id": "104857600012345", "app_secret_ref": "env", "verify_token_ref": "env"}
BUDI, SITI = "5551", "5552"  # their page-scoped ids
WRITTEN = {
    "900_1": (BUDI, "Budi Santoso", "Jalan depan rumah saya di Gg. Melati 4 rusak parah"),
    "900_2": (BUDI, "Budi Santoso", "Sudah seminggu belum diperbaiki, HP saya 081234567890"),
    "900_3": (SITI, "Siti Aminah", "Lampu jalan di RT 2 mati"),
}


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    account = built.admin.admin(add_account, Channel.FACEBOOK, "FB Humas", "humas", json.dumps(PAGE), "env")
    for number, (author, name, text) in WRITTEN.items():
        comment = IncomingComment(
            Channel.FACEBOOK, number, "104857600012345_900", author, name, text, datetime(2026, 5, 1)
        )
        built.admin.admin(social_comments.record, account, comment)
    ids = dict(built.admin.read(lambda c: c.execute(select(social_comment.c.external_id, social_comment.c.id)).all()))
    built.admin.admin(lambda conn: social_comments.ticket_from_comment(begin(conn, None), ids["900_1"]))
    yield built
    built.close()


def comments(org: Org) -> dict[str, tuple[str | None, str | None, str]]:
    rows = org.admin.read(lambda c: c.execute(select(social_comment)).all())
    return {r.external_id: (r.author_id, r.author_name, r.body_text) for r in rows}


def test_a_reporters_comments_are_exported_and_erased_with_them(org: Org) -> None:
    budi = ReporterRef(contact=f"facebook:{BUDI}")
    exported = org.admin.read(privacy.export_reporter, budi)
    assert [(c["comment_id"], c["text"]) for c in exported["comments"]] == [
        ("900_1", WRITTEN["900_1"][2]),
        ("900_2", WRITTEN["900_2"][2]),
    ]
    assert exported["comments"][0]["report"] == exported["tickets"][0]["tracking_no"]
    assert exported["comments"][1]["report"] is None  # not made a report: still theirs

    done = org.admin.admin(lambda conn: privacy.erase_reporter(begin(conn, None), budi, "Surat 7/PDP"))

    assert done.comments == 2
    after = comments(org)
    assert after["900_1"] == after["900_2"] == (None, None, ERASED_TEXT)
    assert after["900_3"] == WRITTEN["900_3"], "another citizen's comment is untouched"


def test_taking_out_an_identity_takes_out_the_author_of_their_comments(org: Org) -> None:
    budi = org.admin.read(privacy.find_reporter, ReporterRef(contact=f"facebook:{BUDI}"))
    counts = org.admin.admin(lambda conn: privacy.anonymise_identity(begin(conn, None), budi))
    assert counts.comments == 2
    after = comments(org)
    assert after["900_1"] == (None, None, WRITTEN["900_1"][2])  # the words stay: the retention keeps the record
    assert after["900_2"] == (None, None, WRITTEN["900_2"][2])
    assert after["900_3"] == WRITTEN["900_3"]


def test_comments_never_made_reports_are_deleted_once_the_units_identity_period_passed(org: Org) -> None:
    def apply(now: datetime, dry_run: bool = False) -> retention.RetentionReport:
        return org.admin.admin(lambda conn: retention.apply_retention(begin(conn, None), now, dry_run))

    org.admin.admin(lambda conn: retention.set_unit_retention(begin(conn, None), "humas", 30, None))
    written = datetime(2026, 5, 1)  # the comments' time
    assert apply(written + timedelta(days=29)).comments == 0
    assert apply(written + timedelta(days=31), dry_run=True).comments == 2
    assert set(comments(org)) == set(WRITTEN), "a dry run deletes nothing"
    done = apply(written + timedelta(days=31))
    assert done.comments == 2
    assert set(comments(org)) == {"900_1"}, "the comment made a report stays with the report"
    audited = org.admin.read(
        lambda c: c.execute(select(event.c.detail).where(event.c.action == "comments_deleted")).scalars().all()
    )
    assert [json.loads(d) for d in audited] == [{"comments": 2}]


def test_the_units_public_reply_under_their_comment_is_exported_and_erased_with_it(org: Org) -> None:
    answered = {"900_2": "Terima kasih Pak Budi, segera kami perbaiki.", "900_3": "Terima kasih Bu Siti."}
    for number, text in answered.items():
        org.admin.admin(
            lambda conn, n=number, t=text: conn.execute(
                social_comment.update()
                .where(social_comment.c.external_id == n)
                .values(reply_text=t, reply_state="sent", reply_external_id=f"{n}_r")
            )
        )
    budi = ReporterRef(contact=f"facebook:{BUDI}")
    exported = org.admin.read(privacy.export_reporter, budi)
    assert [c["public_reply"] for c in exported["comments"]] == [None, answered["900_2"]]

    org.admin.admin(lambda conn: privacy.erase_reporter(begin(conn, None), budi, "Surat 8/PDP"))

    replies = dict(
        org.admin.read(lambda c: c.execute(select(social_comment.c.external_id, social_comment.c.reply_text)).all())
    )
    assert replies == {"900_1": None, "900_2": ERASED_TEXT, "900_3": answered["900_3"]}
