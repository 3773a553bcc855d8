"""The X connector against a real HTTP server shaped like X API v2: mentions in, replies out, every error."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from datetime import datetime

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.channels.x_api import (
    DEFAULT_RATE_WINDOW,
    MAX_POST_WEIGHT,
    DuplicateContent,
    RateLimited,
    XClient,
    split_post,
    weighted_length,
)
from desktop.domain.errors import BadInput, Conflict, NotFound, NotPermitted, Unreachable
from desktop.domain.vocabulary import Channel
from desktop.store import directory, intake
from desktop.store.service import Store
from desktop.store.work import begin
from tests.channels.fake_x import FakeX, weight_of

SITI = "2000000000000000001"
BUDI = "2000000000000000002"


@pytest.fixture
def fake() -> Iterator[FakeX]:
    server = FakeX().start()
    server.add_user(SITI, "Siti Rahayu", "warga_siti")
    server.add_user(BUDI, "Budi", "budi_bdg")
    yield server
    server.stop()


@pytest.fixture
def client(fake: FakeX) -> XClient:
    return XClient(fake.token, fake.user_id, base_url=fake.base_url, timeout=5)


def mentions_requests(fake: FakeX) -> list[dict[str, str]]:
    return [params for method, path, params in fake.requests if method == "GET" and path.endswith("/mentions")]


# -- intake -------------------------------------------------------------------------------------------
def test_a_mention_becomes_an_inbound_message(fake: FakeX, client: XClient) -> None:
    post = fake.post(
        SITI, "@pemkot_aduan Jalan rusak di depan pasar\nSudah tiga bulan belum diperbaiki.", created_at=1_764_300_000
    )

    messages, cursor = client.poll(None)

    [message] = messages
    assert message.channel is Channel.X
    assert message.external_id == post
    assert message.sender_address == "@warga_siti"
    assert message.sender_name == "Siti Rahayu"
    assert message.subject == "Jalan rusak di depan pasar"
    assert message.text == "@pemkot_aduan Jalan rusak di depan pasar\nSudah tiga bulan belum diperbaiki."
    assert message.received_at == datetime(2025, 11, 28, 3, 20)
    assert message.received_at.tzinfo is None
    assert message.references == ()  # the first post of its conversation
    assert message.problems == () and not message.automatic
    assert cursor == post
    [params] = mentions_requests(fake)
    assert "since_id" not in params and params["max_results"] == "100" and params["expansions"] == "author_id"
    wanted = set(params["tweet.fields"].split(","))
    assert {"created_at", "author_id", "conversation_id", "in_reply_to_user_id", "referenced_tweets"} <= wanted
    assert {"entities", "note_tweet", "attachments"} <= wanted
    assert set(params["user.fields"].split(",")) >= {"name", "username"}


def test_the_next_poll_asks_only_for_newer_mentions(fake: FakeX, client: XClient) -> None:
    fake.post(SITI, "@pemkot_aduan satu")
    first, cursor = client.poll(None)
    newer = fake.post(BUDI, "@pemkot_aduan dua")

    second, cursor_after = client.poll(cursor)
    nothing, cursor_unchanged = client.poll(cursor_after)

    assert [m.text for m in first] == ["@pemkot_aduan satu"]
    assert [m.text for m in second] == ["@pemkot_aduan dua"]
    assert cursor_after == newer
    assert (nothing, cursor_unchanged) == ([], cursor_after)
    assert mentions_requests(fake)[1]["since_id"] == cursor


def test_nothing_at_all_keeps_the_cursor_empty(fake: FakeX, client: XClient) -> None:
    fake.post(SITI, "a post that names nobody")

    assert client.poll(None) == ([], None)


def test_polling_again_with_the_old_cursor_returns_the_same_ids(fake: FakeX, client: XClient) -> None:
    for word in ("satu", "dua"):
        fake.post(SITI, f"@pemkot_aduan {word}")

    first, cursor = client.poll(None)
    again, cursor_again = client.poll(None)

    assert again == first and cursor_again == cursor


def test_pages_are_followed_and_returned_oldest_first(fake: FakeX, client: XClient) -> None:
    posted = [fake.post(SITI if n % 2 else BUDI, f"@pemkot_aduan laporan {n}") for n in range(12)]

    messages, cursor = client.poll(None, limit=5)

    assert [m.external_id for m in messages] == posted
    assert cursor == posted[-1]
    pages = mentions_requests(fake)
    assert len(pages) == 3
    assert "pagination_token" not in pages[0]
    assert pages[1]["pagination_token"] and pages[2]["pagination_token"] != pages[1]["pagination_token"]
    assert {m.sender_name for m in messages} == {"Siti Rahayu", "Budi"}  # includes.users of every page


def test_the_page_cap_leaves_no_gap(fake: FakeX) -> None:
    client = XClient(fake.token, fake.user_id, base_url=fake.base_url, timeout=5, max_pages=2)
    posted = [fake.post(SITI, f"@pemkot_aduan laporan {n}") for n in range(12)]

    newest, cursor = client.poll(None, limit=5)
    oldest, cursor_after_gap = client.poll(cursor, limit=5)
    later = fake.post(BUDI, "@pemkot_aduan laporan baru")
    last, final_cursor = client.poll(cursor_after_gap, limit=5)

    assert [m.external_id for m in newest] == posted[2:]
    assert cursor == f"{posted[-1]}::{posted[2]}"
    assert [m.external_id for m in oldest] == posted[:2]
    assert cursor_after_gap == posted[-1]
    assert [m.external_id for m in last] == [later] and final_cursor == later
    gap_request = mentions_requests(fake)[2]
    assert gap_request["until_id"] == posted[2] and "since_id" not in gap_request


def test_a_gap_after_an_earlier_cursor_keeps_its_lower_bound(fake: FakeX) -> None:
    client = XClient(fake.token, fake.user_id, base_url=fake.base_url, timeout=5, max_pages=1)
    seen = fake.post(SITI, "@pemkot_aduan lama")
    _, start = client.poll(None, limit=5)
    posted = [fake.post(SITI, f"@pemkot_aduan laporan {n}") for n in range(7)]

    first, cursor = client.poll(start, limit=5)
    rest, cursor_after = client.poll(cursor, limit=5)

    assert start == seen
    assert cursor == f"{posted[-1]}:{seen}:{posted[2]}"
    assert [m.external_id for m in first + rest] == posted[2:] + posted[:2]
    assert cursor_after == posted[-1]
    assert mentions_requests(fake)[-1]["since_id"] == seen


def test_a_reply_in_a_conversation_references_its_thread(fake: FakeX, client: XClient) -> None:
    root = fake.post(SITI, "@pemkot_aduan lampu PJU mati")
    answer = fake.post(BUDI, "@warga_siti @pemkot_aduan di gang sebelah juga mati", in_reply_to=root)
    deeper = fake.post(SITI, "@budi_bdg @pemkot_aduan betul", in_reply_to=answer)
    quoting = fake.post(BUDI, "@pemkot_aduan ini belum ditangani", quote_of=root)

    messages, _ = client.poll(None)

    by_id = {m.external_id: m for m in messages}
    assert by_id[answer].references == (root,)
    assert by_id[deeper].references == (answer, root)
    assert by_id[quoting].references == (root,)
    assert by_id[answer].subject == "di gang sebelah juga mati"  # leading handles are not the subject
    assert by_id[answer].text.startswith("@warga_siti @pemkot_aduan ")


def test_text_is_unescaped_links_expanded_and_long_posts_whole(fake: FakeX, client: XClient) -> None:
    escaped = fake.post(SITI, "@pemkot_aduan harga <naik> & antre > 2 jam, tulisan '&amp;' apa adanya")
    linked = fake.post(
        SITI,
        "@pemkot_aduan foto: https://t.co/AbC123xyz",
        links={"https://t.co/AbC123xyz": "https://drive.example.id/foto-jalan"},
    )
    full = "@pemkot_aduan " + "Kronologi kejadian di kelurahan kami. " * 20
    long_post = fake.post(SITI, full[:270] + "…", note_text=full)

    by_id = {m.external_id: m for m in client.poll(None)[0]}

    assert by_id[escaped].text == "@pemkot_aduan harga <naik> & antre > 2 jam, tulisan '&amp;' apa adanya"
    assert by_id[linked].text == "@pemkot_aduan foto: https://drive.example.id/foto-jalan"
    assert by_id[long_post].text == full
    assert by_id[long_post].subject.endswith("…") and len(by_id[long_post].subject) == 80


def test_media_and_edits_are_noted_and_an_edit_stays_in_its_thread(fake: FakeX, client: XClient) -> None:
    photo = fake.post(SITI, "@pemkot_aduan sampah menumpuk", media_keys=["3_1111", "3_2222"])
    only_photo = fake.post(SITI, "@pemkot_aduan", media_keys=["3_3333"])
    original = fake.post(SITI, "@pemkot_aduan jalan rusak")
    edited = fake.post(SITI, "@pemkot_aduan jalan rusak parah", edit_of=original)

    by_id = {m.external_id: m for m in client.poll(None)[0]}

    assert by_id[photo].problems == (
        f"2 attached photo(s) or video(s) not fetched from X: https://x.com/warga_siti/status/{photo}",
    )
    assert by_id[only_photo].subject == "(media via X)"
    assert by_id[edited].references == (original,)
    assert by_id[edited].problems == (f"edited version of X post {original}",)
    assert by_id[original].references == (edited,)  # X lists the whole edit history on every version
    assert by_id[original].problems == ()


def test_posts_of_the_account_itself_are_skipped_but_passed(fake: FakeX, client: XClient) -> None:
    citizen = fake.post(SITI, "@pemkot_aduan halo")
    own = fake.post(fake.user_id, "Info layanan dari @pemkot_aduan")

    messages, cursor = client.poll(None)

    assert [m.external_id for m in messages] == [citizen]
    assert cursor == own


def test_a_retweet_and_a_missing_author_are_read_as_far_as_possible(fake: FakeX, client: XClient) -> None:
    fake.answer_next(
        200,
        {
            "data": [
                {
                    "id": "1900000000000000002",
                    "text": "RT @warga_siti: @pemkot_aduan jalan rusak",
                    "author_id": "2999",
                    "referenced_tweets": [{"type": "retweeted", "id": "1900000000000000001"}],
                    "created_at": "not a date",
                },
                {"id": "1900000000000000003", "author_id": SITI},
            ],
            "includes": {"users": [{"id": SITI, "name": " ", "username": "warga_siti"}]},
            "meta": {"result_count": 2, "newest_id": "1900000000000000003", "oldest_id": "1900000000000000002"},
        },
    )

    retweet, textless = client.poll(None)[0]

    assert retweet.problems == ("a re-post of X post 1900000000000000001",)
    assert retweet.references == ("1900000000000000001",)
    assert (retweet.sender_address, retweet.sender_name, retweet.received_at) == (None, None, None)
    assert textless.sender_name == "@warga_siti"  # a blank display name falls back to the handle
    assert textless.subject == "(mention without text)"
    assert textless.problems == ("X post 1900000000000000003 came without text",)


def test_a_reply_from_another_citizen_joins_the_ticket_of_the_mention(
    fake: FakeX, client: XClient, migrated_url: str
) -> None:
    store = Store(migrated_url)
    try:
        store.admin(directory.add_unit, "humas", "Biro Humas")
        root = fake.post(SITI, "@pemkot_aduan lampu PJU mati")
        fake.post(BUDI, "@warga_siti @pemkot_aduan di gang sebelah juga", in_reply_to=root)
        fake.post(BUDI, "@pemkot_aduan soal lain: sampah belum diangkut")

        received = [
            store.admin(lambda conn, m=m: intake.receive(begin(conn, None), m, "humas")) for m in client.poll(None)[0]
        ]
        again = [
            store.admin(lambda conn, m=m: intake.receive(begin(conn, None), m, "humas")) for m in client.poll(None)[0]
        ]
    finally:
        store.dispose()

    first, answer, other = received
    assert first.new_ticket and not answer.new_ticket and answer.ticket_id == first.ticket_id
    assert other.new_ticket  # Budi's own complaint is not the thread he answered in
    assert all(r.duplicate for r in again)


def test_a_cursor_that_is_not_a_post_id_is_bad_input(fake: FakeX, client: XClient) -> None:
    for cursor in ("abc", "1:2", "1:x:3", "-5"):
        with pytest.raises(BadInput, match="cursor"):
            client.poll(cursor)
    assert fake.requests == []


def test_an_unknown_user_id_is_bad_input(fake: FakeX) -> None:
    client = XClient(fake.token, "1234567", base_url=fake.base_url, timeout=5)

    with pytest.raises(BadInput, match="Could not find user with id"):
        client.poll(None)


def test_the_client_refuses_an_empty_token_or_a_user_id_that_is_no_number(fake: FakeX) -> None:
    with pytest.raises(BadInput):
        XClient(" ", fake.user_id)
    with pytest.raises(BadInput):
        XClient(fake.token, "pemkot_aduan")


# -- dispatch -----------------------------------------------------------------------------------------
def test_a_reply_answers_the_post_and_returns_its_id(fake: FakeX, client: XClient) -> None:
    asked = fake.post(SITI, "@pemkot_aduan kapan diperbaiki?")

    sent = client.reply("Laporan Anda [ADU-2026-000123] sedang kami proses.", asked)

    [posted] = fake.posted
    assert sent == posted.id
    assert posted.in_reply_to == asked
    assert posted.text == "Laporan Anda [ADU-2026-000123] sedang kami proses."
    method, path, body = fake.requests[-1]
    assert (method, path) == ("POST", "/2/tweets")
    assert body == {"text": posted.text, "reply": {"in_reply_to_tweet_id": asked}}
    assert fake.tweets[sent]["conversation_id"] == asked


def test_a_long_reply_becomes_a_numbered_thread(fake: FakeX, client: XClient) -> None:
    asked = fake.post(SITI, "@pemkot_aduan mohon penjelasan")
    text = "\n".join(f"Poin {n}: " + "petugas akan meninjau lokasi dan melaporkan hasilnya. " * 3 for n in range(8))
    recorded: list[tuple[int, str]] = []

    ids = client.reply_parts(text, asked, on_sent=lambda index, post_id: recorded.append((index, post_id)))

    assert len(ids) == len(fake.posted) > 1
    assert [p.id for p in fake.posted] == list(ids)
    assert recorded == list(enumerate(ids))
    assert [p.in_reply_to for p in fake.posted] == [asked, *ids[:-1]]  # each part answers the one before
    assert all(p.text.endswith(f" ({n}/{len(ids)})") for n, p in enumerate(fake.posted, start=1))
    assert all(weight_of(p.text) <= 280 for p in fake.posted)
    unnumbered = "".join(p.text.rsplit(" (", 1)[0] for p in fake.posted)
    assert "".join(unnumbered.split()) == "".join(text.split())


def test_reply_returns_the_first_part_of_a_thread(fake: FakeX, client: XClient) -> None:
    asked = fake.post(SITI, "@pemkot_aduan mohon penjelasan")

    first = client.reply("kata " * 120, asked)

    assert first == fake.posted[0].id and len(fake.posted) > 1


def test_an_interrupted_thread_resumes_after_the_parts_sent(fake: FakeX, client: XClient) -> None:
    asked = fake.post(SITI, "@pemkot_aduan mohon penjelasan")
    text = "Penjelasan rinci atas laporan Anda. " * 20
    recorded: list[str] = []
    fake.fail_post(after=1)
    with pytest.raises(Unreachable, match="503"):
        client.reply_parts(text, asked, on_sent=lambda index, post_id: recorded.append(post_id))

    ids = client.reply_parts(text, asked, already_sent=recorded)

    parts = split_post(text)
    assert len(recorded) == 1 and ids[0] == recorded[0]
    assert [p.text for p in fake.posted] == parts  # every part posted exactly once
    assert [p.in_reply_to for p in fake.posted] == [asked, *ids[:-1]]


def test_a_resend_after_an_in_doubt_post_is_duplicate_content(fake: FakeX, client: XClient) -> None:
    asked = fake.post(SITI, "@pemkot_aduan kapan?")
    fake.drop_next_post()

    with pytest.raises(Unreachable):
        client.reply("Laporan [ADU-2026-000124] diteruskan ke dinas terkait.", asked)
    with pytest.raises(DuplicateContent) as refused:
        client.reply("Laporan [ADU-2026-000124] diteruskan ke dinas terkait.", asked)

    assert len(fake.posted) == 1  # X had accepted the first one
    assert isinstance(refused.value, Conflict) and not isinstance(refused.value, NotPermitted)
    assert refused.value.code == "duplicate_content" and refused.value.part == 0 and refused.value.sent == ()
    assert "duplicate content" in refused.value.message


def test_the_same_text_to_another_citizen_is_refused_too(fake: FakeX, client: XClient) -> None:
    client.reply("Terima kasih, laporan Anda kami terima.", fake.post(SITI, "@pemkot_aduan satu"))

    with pytest.raises(DuplicateContent):
        client.reply("Terima kasih, laporan Anda kami terima.", fake.post(BUDI, "@pemkot_aduan dua"))


def test_a_duplicate_in_the_older_error_shape_is_recognised(fake: FakeX, client: XClient) -> None:
    fake.answer_next(403, {"errors": [{"code": 187, "message": "Status is a duplicate."}]})

    with pytest.raises(DuplicateContent):
        client.reply("halo", fake.post(SITI, "@pemkot_aduan halo"))


def test_a_reply_to_a_deleted_post_is_not_found(fake: FakeX, client: XClient) -> None:
    asked = fake.post(SITI, "@pemkot_aduan halo")
    fake.delete(asked)

    with pytest.raises(NotFound, match="deleted or not visible"):
        client.reply("Terima kasih", asked)
    assert fake.posted == []


def test_a_bad_reply_is_refused_before_sending(fake: FakeX, client: XClient) -> None:
    with pytest.raises(BadInput):
        client.reply("   ", "1900000000000000001")
    with pytest.raises(BadInput):
        client.reply("halo", "@warga_siti")
    with pytest.raises(BadInput):
        client.reply_parts("halo", "1900000000000000001", already_sent=["1", "2"])
    assert fake.requests == []


def test_unicode_arrives_intact_both_ways(fake: FakeX, client: XClient) -> None:
    text = "Mohon ditindaklanjuti — pelayanan KTP-el 😡, “Terima kasih” ✓ ñ 漢字"
    asked = fake.post(SITI, f"@pemkot_aduan {text}")

    [message], _ = client.poll(None)
    client.reply(text, asked)

    assert message.text == f"@pemkot_aduan {text}"
    assert fake.posted[-1].text == text


# -- errors -------------------------------------------------------------------------------------------
def test_a_wrong_token_is_not_permitted_and_never_shown(fake: FakeX) -> None:
    client = XClient("WRONG-secret-token", fake.user_id, base_url=fake.base_url, timeout=5)

    with pytest.raises(NotPermitted) as on_poll:
        client.poll(None)
    with pytest.raises(NotPermitted) as on_reply:
        client.reply("halo", "1900000000000000001")

    assert "401" in on_poll.value.message and "expired" in on_poll.value.message
    assert "WRONG-secret-token" not in str(on_poll.value) + str(on_reply.value)


def test_a_refusal_other_than_duplicates_is_not_permitted(fake: FakeX, client: XClient) -> None:
    fake.answer_next(
        403,
        {
            "title": "Client Forbidden",
            "detail": "When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens "
            "from a Twitter developer App that is attached to a Project.",
            "type": "https://api.twitter.com/2/problems/client-forbidden",
            "reason": "client-not-enrolled",
        },
    )

    with pytest.raises(NotPermitted, match="Client Forbidden") as refused:
        client.poll(None)
    assert not isinstance(refused.value, DuplicateContent)


def test_an_unknown_route_is_not_found(fake: FakeX) -> None:
    client = XClient(fake.token, fake.user_id, base_url=fake.base_url + "/old", timeout=5)

    with pytest.raises(NotFound, match="page does not exist"):
        client.poll(None)


def test_a_bad_request_is_bad_input(fake: FakeX, client: XClient) -> None:
    fake.answer_next(
        400,
        {
            "errors": [{"parameters": {"since_id": ["1"]}, "message": "Invalid 'since_id': must be newer"}],
            "title": "Invalid Request",
            "detail": "One or more parameters to your request was invalid.",
            "type": "https://api.twitter.com/2/problems/invalid-request",
        },
    )

    with pytest.raises(BadInput, match="since_id"):
        client.poll("1")


def test_a_rate_limit_carries_the_reset_time(fake: FakeX, client: XClient) -> None:
    fake.rate_limit(times=2, reset_in=600)
    asked = fake.post(SITI, "@pemkot_aduan halo")

    with pytest.raises(RateLimited) as on_poll:
        client.poll(None)
    with pytest.raises(RateLimited) as on_reply:
        client.reply("halo", asked)

    limited = on_poll.value
    assert isinstance(limited, Unreachable) and limited.code == "rate_limited"
    assert limited.reset_at is not None and abs(limited.reset_at - (time.time() + 600)) < 5
    assert 595 <= limited.retry_after <= 600 and 595 <= on_reply.value.retry_after <= 600
    assert fake.posted == []
    assert [m.external_id for m in client.poll(None)[0]] == [asked]  # the window passed: all is well


def test_a_rate_limit_without_a_reset_header_waits_a_window(fake: FakeX, client: XClient) -> None:
    fake.answer_next(429, {"errors": [{"code": 88, "message": "Rate limit exceeded"}]}, {"x-rate-limit-reset": ""})

    with pytest.raises(RateLimited) as limited:
        client.poll(None)

    assert limited.value.retry_after == DEFAULT_RATE_WINDOW and limited.value.reset_at is None


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_unreachable(fake: FakeX, client: XClient, status: int) -> None:
    fake.answer_next(status, b"<html><body>Something is technically wrong.</body></html>")

    with pytest.raises(Unreachable) as down:
        client.poll(None)

    assert not isinstance(down.value, RateLimited) and str(status) in down.value.message


def test_an_answer_that_is_not_json_is_unreachable(fake: FakeX, client: XClient) -> None:
    fake.answer_next(200, b"<html>captive portal</html>")

    with pytest.raises(Unreachable, match="no API response"):
        client.poll(None)


def test_a_server_that_is_down_is_unreachable_without_leaking_the_token() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = XClient("SECRET-token", "15", base_url=f"http://127.0.0.1:{port}", timeout=2)

    with pytest.raises(Unreachable) as down:
        client.poll(None)
    with pytest.raises(Unreachable):
        client.reply("halo", "1900000000000000001")

    assert "SECRET-token" not in str(down.value)
    assert down.value.__cause__ is None and down.value.__suppress_context__


def test_a_server_that_does_not_answer_in_time_is_unreachable() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        client = XClient("SECRET-token", "15", base_url=f"http://127.0.0.1:{port}", timeout=0.3)

        with pytest.raises(Unreachable, match="in time"):
            client.reply("halo", "1900000000000000001")


def test_a_given_session_is_used(fake: FakeX) -> None:
    session = requests.Session()
    session.headers["User-Agent"] = "aduan-test"
    client = XClient(fake.token, fake.user_id, base_url=fake.base_url, session=session, timeout=5)
    fake.post(SITI, "@pemkot_aduan halo")

    assert [m.text for m in client.poll(None)[0]] == ["@pemkot_aduan halo"]


# -- properties ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shared_fake() -> Iterator[FakeX]:
    server = FakeX().start()
    yield server
    server.stop()


_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
_ids = st.from_regex(r"[0-9]{1,19}", fullmatch=True)
_tweet_keys = st.sampled_from(
    [
        "id",
        "text",
        "author_id",
        "conversation_id",
        "created_at",
        "referenced_tweets",
        "entities",
        "attachments",
        "note_tweet",
        "edit_history_tweet_ids",
    ]
)
# Values shaped like the parts of a post (references, entities, a note), so that reading goes deep.
_inner_keys = st.sampled_from(["type", "id", "text", "url", "expanded_url", "urls", "media_keys", "entities"])
_inner_values = _ids | _json | st.sampled_from(["retweeted", "quoted", "replied_to", "https://t.co/x"])
_parts = st.lists(st.dictionaries(_inner_keys, _inner_values, max_size=4), max_size=3)
_value = _json | _ids | _parts | st.lists(_ids, max_size=3) | st.dictionaries(_inner_keys, _inner_values | _parts)
_tweet = st.dictionaries(_tweet_keys, _value, max_size=8)
_page = st.fixed_dictionaries(
    {},
    optional={
        "data": st.lists(_tweet, max_size=4) | _json,
        "includes": st.fixed_dictionaries(
            {"users": st.lists(st.dictionaries(st.sampled_from(["id", "name", "username"]), _ids | _json), max_size=3)}
        )
        | _json,
        "meta": st.dictionaries(st.sampled_from(["newest_id", "oldest_id", "result_count", "next_token"]), _ids | _json)
        | _json,
        "errors": _json,
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=_page | _json)
def test_any_json_page_gives_messages_or_a_clear_error(shared_fake: FakeX, page: object) -> None:
    client = XClient(shared_fake.token, shared_fake.user_id, base_url=shared_fake.base_url, timeout=5)
    shared_fake._canned.clear()
    shared_fake.answer_next(200, json.loads(json.dumps(page)))

    try:
        messages, cursor = client.poll(None)
    except (BadInput, Unreachable):
        return
    assert all(m.channel is Channel.X and m.external_id.isdigit() for m in messages)
    assert cursor is None or cursor.replace(":", "").isdigit()


_pieces = st.sampled_from(
    [
        *"abc xyz\n.,()é—“😡漢",
        " https://bandung.go.id/lacak/ADU-2026-000123 ",
        "https://x.co/a",
        "kantor.go.id/",
        "supercalifragilistic",
    ]
)
_words = st.lists(_pieces, min_size=1, max_size=300).map("".join)


@settings(max_examples=300, deadline=None)
@given(_words)
def test_split_post_keeps_every_character_in_order_within_the_limit(text: str) -> None:
    parts = split_post(text)

    if len(parts) == 1 and "(1/" not in parts[0]:
        assert weighted_length(text) <= MAX_POST_WEIGHT
        return
    assert all(0 < weighted_length(p) <= MAX_POST_WEIGHT and weight_of(p) <= MAX_POST_WEIGHT for p in parts)
    assert all(p.endswith(f" ({n}/{len(parts)})") for n, p in enumerate(parts, start=1))
    unnumbered = "".join(p.rsplit(" (", 1)[0] for p in parts)
    assert "".join(unnumbered.split()) == "".join(text.split())
    assert split_post(text) == parts  # deterministic, so a thread can be resumed
