"""``aduan channel add facebook|instagram`` and ``aduan comment list|ticket|reply`` as real processes: Meta accounts are
accepted with their ids and secret slots (and refused with a secret in the configuration), the comments kept
for a unit are listed newest first with their personal-data flag, a ticket is made of one once, and a public
reply is queued once (under a flagged comment only when the officer says they saw the flag)."""

from __future__ import annotations

import json
from datetime import datetime

from desktop.domain.social import IncomingComment
from desktop.domain.vocabulary import Channel
from desktop.store import directory, social_comments
from desktop.store.service import Store
from tests.e2e.cli import ok_json, run


def test_meta_accounts_are_added_and_a_comment_becomes_a_ticket_once(migrated_url: str) -> None:
    store = Store(migrated_url)
    try:
        store.admin(directory.add_unit, "humas", "Biro Humas")
        facebook = {"page_id": "104857600012345", "app_secret_ref": "env", "verify_token_ref": "env"}
        added = ok_json(
            migrated_url, "channel", "add", "facebook", "FB Humas", "--unit", "humas",
            "--config", json.dumps(facebook), "--secret-ref", "env",
        )  # fmt: skip
        instagram = {"ig_user_id": "17841400000000001", "app_secret_ref": "env", "verify_token_ref": "env"}
        ok_json(
            migrated_url, "channel", "add", "instagram", "IG Humas", "--unit", "humas",
            "--config", json.dumps(instagram), "--secret-ref", "env",
        )  # fmt: skip
        leaked = run(
            migrated_url, "channel", "add", "facebook", "FB Lain", "--unit", "humas",
            "--config", json.dumps({"page_id": "1", "access_token": "EAAB-rahasia"}),
        )  # fmt: skip
        assert leaked.returncode == 2 and "secrets never go into" in leaked.stderr

        for number, text in ((1, "Jalan di RT 5 rusak"), (2, "NIK 3201012345670001, bansos belum cair")):
            comment = IncomingComment(
                Channel.FACEBOOK, f"900_{number}", "104857600012345_900", f"555{number}", f"Warga {number}", text,
                datetime(2026, 5, 1, 8, number),
            )  # fmt: skip
            store.admin(social_comments.record, added["id"], comment)
    finally:
        store.dispose()

    listed = ok_json(migrated_url, "comment", "list")
    assert [(c["comment_id"], c["personal_data"]) for c in listed] == [("900_2", True), ("900_1", False)]
    first = ok_json(migrated_url, "comment", "ticket", str(listed[1]["id"]))
    again = ok_json(migrated_url, "comment", "ticket", str(listed[1]["id"]))
    assert first["new_ticket"] is True and again == {**first, "new_ticket": False}
    assert [c["comment_id"] for c in ok_json(migrated_url, "comment", "list")] == ["900_2"]
    assert run(migrated_url, "comment", "ticket", "999").returncode == 5

    flagged = listed[0]["id"]
    refused = run(migrated_url, "comment", "reply", str(flagged), "Mohon jangan menulis NIK di sini.")
    assert refused.returncode == 2 and "shows personal data" in refused.stderr
    queued = ok_json(
        migrated_url, "comment", "reply", str(flagged), "Mohon jangan menulis NIK di sini.", "--despite-personal-data"
    )
    assert queued == {"comment_id": flagged, "state": "queued"}
    [shown] = ok_json(migrated_url, "comment", "list")
    assert shown["reply"] == {"text": "Mohon jangan menulis NIK di sini.", "state": "queued", "by": None, "error": None}
    again = run(migrated_url, "comment", "reply", str(flagged), "Lagi", "--despite-personal-data")
    assert again.returncode == 3 and "already has a public reply" in again.stderr
