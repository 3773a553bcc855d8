"""Similar tickets in the cache: the index kept right by direct writes and by the sync engine, the rules of
a lookup (itself, closed long ago, same reporter, anonymous reporters), hostile text, and a lookup through
the index finding what a comparison with every ticket finds."""

from __future__ import annotations

import json
import random
from collections import Counter, namedtuple
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, delete, insert, select, update

from desktop.cache import schema as s
from desktop.cache import search_index, similar
from desktop.cache.database import Cache, drop_mirror
from desktop.cache.state import server_time, set_state
from desktop.domain import duplicates
from desktop.domain.duplicates import Reason
from desktop.domain.errors import NotFound
from desktop.domain.status import Status
from desktop.sync.engine import _upsert_tickets
from tests.store.helpers import build_org, new_ticket
from tests.sync.helpers import client

NOW = datetime.utcnow()  # naive UTC like the cache
CORPUS = Path(__file__).resolve().parents[1] / "data" / "duplicates_corpus.jsonl"

# Written apart from the corpus (the background of most tests), about places it does not mention.
LAMP_EMAIL = (
    "Penerangan jalan Cibadak padam",
    "Sudah sepuluh hari semua tiang lampu di ruas Jl. Cibadak antara Gg. Lamping dan toko emas Sinar padam. "
    "Pedagang kaki lima terpaksa tutup lebih awal karena gelap, dan dua motor warga hilang dicuri.",
)
LAMP_CHAT = ("cibadak gelap", "pak lampu2 di jl cibadak dket gg lamping pd mati 10 hari, pedagang pd tutup cepet")
LAMP_ELSEWHERE = ("PJU Gardujati", "Tiga lampu jalan di Jl. Gardujati dekat hotel tidak menyala sejak Sabtu.")
DRAIN = (
    "Genangan di Kebon Kawung",
    "Di sisi Jl. Kebon Kawung air hujan tidak surut berjam-jam karena got tertutup trotoar baru. Penumpang "
    "kereta harus menyeberangi genangan selutut.",
)


def put(
    conn: Connection,
    subject: str,
    body: str | None,
    *,
    status: Status = Status.DITERIMA,
    closed_days_ago: float | None = None,
    reporter: UUID | None = None,
    anonymous: bool = False,
    master: UUID | None = None,
) -> UUID:
    """A mirror ticket (and its first inbound message) written straight into the cache."""
    ticket_id = uuid4()
    closed = None if closed_days_ago is None else NOW - timedelta(days=closed_days_ago)
    conn.execute(
        insert(s.ticket).values(
            id=ticket_id,
            tracking_no=f"ADU-2026-{random.randrange(10**6):06d}",
            kind="pengaduan",
            priority=2,
            status=(Status.SELESAI if closed is not None and status is Status.DITERIMA else status).value,
            unit_id=1,
            channel="email",
            subject=subject,
            reporter_id=reporter,
            reporter_anonymous=anonymous,
            reporter_confidential=False,
            master_id=master,
            claim_token=0,
            row_version=1,
            change_seq=1,
            created_at=NOW - timedelta(days=200),
            updated_at=closed or NOW,
            closed_at=closed,
        )
    )
    if body is not None:
        message(conn, ticket_id, body)
    return ticket_id


def message(conn: Connection, ticket_id: UUID, body: str, direction: str = "inbound", later: int = 0) -> None:
    conn.execute(
        insert(s.message).values(
            id=uuid4(),
            ticket_id=ticket_id,
            direction=direction,
            channel="email",
            body_text=body,
            change_seq=1,
            created_at=NOW + timedelta(minutes=later),
        )
    )


def corpus() -> list[dict[str, str]]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Cache]:
    opened = Cache(tmp_path / "similar.cache.db")
    yield opened
    opened.dispose()


@pytest.fixture
def cache(empty: Cache) -> Cache:
    """A cache whose other tickets are the labelled corpus: word frequencies like a real unit's."""
    with empty.write() as conn:
        for row in corpus():
            put(conn, row["subject"], row["body"])
        similar.catch_up(conn)
    return empty


def found(conn: Connection, ticket_id: UUID, limit: int = 10) -> dict[UUID, Reason]:
    return {t.ticket_id: t.reason for t in similar.similar_to(conn, ticket_id, limit)}


def index_right(conn: Connection) -> bool:
    """FTS5's own check against its documents; one document per ticket a lookup may show, holding that
    ticket's words now; the document counts agree with the documents."""
    index = similar.INDEX
    try:
        conn.exec_driver_sql(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
    except Exception:  # SQLite reports a corrupt index as an error
        return False
    cutoff = (server_time(conn) - timedelta(days=similar.RECENT_DAYS)).strftime("%Y-%m-%d %H:%M:%S.%f")
    expected = {
        ticket_id: " ".join(duplicates.normalise(f"{subject or ''}\n{body or ''}"))
        for ticket_id, subject, body in conn.exec_driver_sql(
            f"SELECT t.id, t.subject, {similar._FIRST_INBOUND} FROM ticket AS t "
            f"WHERE {similar._ELIGIBLE.replace(':cutoff', '?')}",
            (cutoff,),
        )
    }
    documents = dict(conn.exec_driver_sql(f"SELECT ticket_id, words FROM {similar.DOCS}").all())
    counted: Counter[str] = Counter()
    for words in documents.values():
        counted.update(set(words.split()))
    counted[""] = len(documents)
    stored = dict(conn.exec_driver_sql(f"SELECT word, n FROM {similar.FREQUENCIES}").all())
    return documents == expected and stored == {word: n for word, n in counted.items() if n}


# -- the rules of a lookup ----------------------------------------------------------------------------------


def test_a_paraphrase_is_found_and_the_same_problem_elsewhere_is_not(cache: Cache) -> None:
    with cache.write() as conn:
        email = put(conn, *LAMP_EMAIL)
        chat = put(conn, *LAMP_CHAT)
        elsewhere = put(conn, *LAMP_ELSEWHERE)
        put(conn, *DRAIN)
        similar.catch_up(conn)
        assert index_right(conn)
        assert found(conn, email) == {chat: Reason.SIMILAR_TEXT}
        assert found(conn, chat) == {email: Reason.SIMILAR_TEXT}, "the same both ways"
        assert found(conn, elsewhere) == {}
        typed = similar.similar_to_text(conn, "lampu jalan mati", "Jl Cibadak gelap, lampunya mati 2 minggu", 5)
        assert {t.ticket_id for t in typed[:2]} == {email, chat}, "then other lamps out, less alike"
        assert elsewhere not in {t.ticket_id for t in typed}
        assert all(t.reason is Reason.SIMILAR_TEXT and t.status is Status.DITERIMA for t in typed)
        assert {t.subject for t in typed[:2]} == {LAMP_EMAIL[0], LAMP_CHAT[0]}
        assert all(t.tracking_no is not None and 0 < t.score <= 1 for t in typed)


def test_the_ticket_itself_is_never_among_them_and_results_are_best_first(cache: Cache) -> None:
    with cache.write() as conn:
        first = put(conn, *LAMP_EMAIL)
        twin = put(conn, *LAMP_EMAIL)
        chat = put(conn, *LAMP_CHAT)
        similar.catch_up(conn)
        results = similar.similar_to(conn, first)
        assert [r.ticket_id for r in results] == [twin, chat]
        assert results[0].score == pytest.approx(1.0) and results[0].score > results[1].score
        assert [r.ticket_id for r in similar.similar_to(conn, first, limit=1)] == [twin]
        assert similar.similar_to(conn, first, limit=0) == []


def test_closed_long_ago_is_left_out_and_recently_closed_is_shown(cache: Cache) -> None:
    with cache.write() as conn:
        source = put(conn, *LAMP_EMAIL)
        recent = put(conn, *LAMP_CHAT, closed_days_ago=30)
        old = put(conn, *LAMP_CHAT, closed_days_ago=similar.RECENT_DAYS + 5)
        archived = put(conn, *LAMP_CHAT, status=Status.DIARSIPKAN, closed_days_ago=200)
        open_again = put(conn, *LAMP_CHAT, status=Status.DITINDAKLANJUTI, closed_days_ago=300)  # reopened
        similar.catch_up(conn)
        assert index_right(conn)
        assert set(found(conn, source)) == {recent, open_again}
        assert {old, archived}.isdisjoint(t.ticket_id for t in similar.similar_to_text(conn, *LAMP_CHAT))
        # Reopened: its status changes, the trigger notes it, the next catch-up indexes it.
        conn.execute(update(s.ticket).where(s.ticket.c.id == old).values(status=Status.DITINDAKLANJUTI.value))
        similar.catch_up(conn)
        assert set(found(conn, source)) == {recent, open_again, old}
        assert index_right(conn)


def test_a_ticket_that_ages_out_is_pruned_from_the_index_once_a_day(cache: Cache) -> None:
    with cache.write() as conn:
        source = put(conn, *LAMP_EMAIL)
        closing = put(conn, *LAMP_CHAT, closed_days_ago=similar.RECENT_DAYS - 1)
        similar.catch_up(conn)
        assert closing in found(conn, source)
        set_state(conn, "clock_offset", 2 * 24 * 3600)  # the server's clock two days on: it aged out
        assert found(conn, source) == {}, "the ticket row decides before any pruning"
        similar.catch_up(conn)
        indexed = set(conn.exec_driver_sql(f"SELECT ticket_id FROM {similar.DOCS}").scalars())
        assert source.hex in indexed and closing.hex not in indexed
        assert index_right(conn)


def test_the_same_reporter_is_found_whatever_the_text_but_never_for_anonymous_ones(cache: Cache) -> None:
    dewi, hidden = uuid4(), uuid4()
    with cache.write() as conn:
        source = put(conn, *LAMP_EMAIL, reporter=dewi)
        other_topic = put(conn, *DRAIN, reporter=dewi)
        same_text = put(conn, *LAMP_CHAT, reporter=dewi)
        long_closed = put(conn, *DRAIN, reporter=dewi, closed_days_ago=365)
        stranger = put(conn, *DRAIN, reporter=uuid4())
        anonymous_source = put(conn, *DRAIN, reporter=hidden, anonymous=True)
        anonymous_other = put(
            conn, "Pungutan di kelurahan", "Diminta uang rokok Rp50.000", reporter=hidden, anonymous=True
        )
        named_then_anonymous = put(conn, "Sampah di pasar", "Sampah menumpuk", reporter=dewi, anonymous=True)
        similar.catch_up(conn)
        results = {t.ticket_id: t for t in similar.similar_to(conn, source)}
        assert set(results) == {other_topic, same_text}
        assert results[other_topic].reason is Reason.SAME_REPORTER and results[other_topic].score < 0.2
        assert results[same_text].reason is Reason.SAME_REPORTER and results[same_text].score > 0.3
        assert long_closed not in results and stranger not in results and named_then_anonymous not in results
        anonymous = found(conn, anonymous_source)
        assert anonymous_other not in anonymous, "an anonymous reporter is never linked by identity"
        assert anonymous.keys() <= {stranger, other_topic, long_closed}
        assert all(reason is Reason.SIMILAR_TEXT for reason in anonymous.values())


def test_the_text_is_the_subject_and_the_first_inbound_message(cache: Cache) -> None:
    with cache.write() as conn:
        source = put(conn, *LAMP_EMAIL)
        replied = put(conn, "Pertanyaan", None)
        message(conn, replied, LAMP_CHAT[1], later=5)
        message(conn, replied, "Tagihan PDAM naik drastis", later=1)  # the first inbound one counts
        message(conn, replied, LAMP_EMAIL[1], direction="outbound", later=0)  # an answer does not
        no_text = put(conn, "", None)
        similar.catch_up(conn)
        assert found(conn, source) == {}
        assert found(conn, no_text) == {}
        conn.execute(delete(s.message).where(s.message.c.body_text.like("Tagihan%")))
        similar.catch_up(conn)
        assert found(conn, source) == {replied: Reason.SIMILAR_TEXT}
        assert index_right(conn)


def test_an_unknown_ticket_is_not_found_clearly(cache: Cache) -> None:
    with cache.read() as conn:
        with pytest.raises(NotFound, match="not in this cache"):
            similar.similar_to(conn, uuid4())
        with pytest.raises(NotFound, match="not a ticket id"):
            similar.similar_to(conn, "'; DROP TABLE ticket; --")


def test_master_and_status_are_reported_as_the_cache_has_them(cache: Cache) -> None:
    with cache.write() as conn:
        master = put(conn, *LAMP_EMAIL, status=Status.DITINDAKLANJUTI)
        linked = put(conn, *LAMP_CHAT, master=master, status=Status.MENUNGGU_PELAPOR)
        similar.catch_up(conn)
        (row,) = similar.similar_to(conn, master)
        assert (row.ticket_id, row.master_id, row.status) == (linked, master, Status.MENUNGGU_PELAPOR)
        (back,) = similar.similar_to(conn, linked)
        assert (back.ticket_id, back.master_id, back.status) == (master, None, Status.DITINDAKLANJUTI)


# -- hostile text -------------------------------------------------------------------------------------------

HOSTILE = [
    '"',
    "'",
    "*",
    "NEAR(jalan lampu, 2)",
    '"jalan" OR "lampu" NOT "sampah"',
    "words: lampu",
    "^lampu -jalan +sampah",
    "'); DROP TABLE ticket; --",
    "lampu\x00jalan",
    "😡😡 jalan rusak 🚧",
    "ÀÉÎÕÜ Ĵalan ṛusak",
    "a" * 50_000,
    "jalan " * 20_000,
    "\u202e\u200b\ufeff",
    "AND OR NOT NEAR",
]


def test_hostile_text_is_only_more_words_in_the_index_and_in_a_lookup(cache: Cache) -> None:
    with cache.write() as conn:
        put(conn, *LAMP_EMAIL)
        stored = [put(conn, text[:300], text) for text in HOSTILE]
        similar.catch_up(conn)
        assert index_right(conn)
        for ticket_id in stored:
            similar.similar_to(conn, ticket_id)
        for text in HOSTILE:
            for result in similar.similar_to_text(conn, text, text):
                assert 0 <= result.score <= 1
        tables = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").scalars())
        assert {"ticket", similar.DOCS, similar.FREQUENCIES} <= tables


def test_any_text_can_be_looked_up(cache: Cache) -> None:
    with cache.write() as conn:
        for subject, body in (LAMP_EMAIL, LAMP_CHAT, DRAIN):
            put(conn, subject, body)
        similar.catch_up(conn)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.text(max_size=200), st.text(max_size=400))
    def lookup(subject: str, body: str) -> None:
        with cache.read() as conn:
            results = similar.similar_to_text(conn, subject, body, 5)
        assert len(results) <= 5 and all(r.reason is Reason.SIMILAR_TEXT for r in results)
        assert all(duplicates.DUPLICATE_THRESHOLD <= r.score <= 1 for r in results)

    lookup()


# -- the index kept right -----------------------------------------------------------------------------------


def test_direct_changes_are_indexed_at_the_next_catch_up(cache: Cache) -> None:
    with cache.write() as conn:
        source = put(conn, *LAMP_EMAIL)
        other = put(conn, *DRAIN)
        similar.catch_up(conn)
        assert found(conn, source) == {}
        conn.execute(update(s.ticket).where(s.ticket.c.id == other).values(subject=LAMP_CHAT[0]))
        conn.execute(update(s.message).where(s.message.c.ticket_id == other).values(body_text=LAMP_CHAT[1]))
        assert found(conn, source) == {}, "indexed at the catch-up, not row by row"
        similar.catch_up(conn)
        assert found(conn, source) == {other: Reason.SIMILAR_TEXT}
        conn.execute(delete(s.message).where(s.message.c.ticket_id == other))
        conn.execute(delete(s.ticket).where(s.ticket.c.id == other))
        similar.catch_up(conn)
        assert found(conn, source) == {} and index_right(conn)
        drop_mirror(conn)
        similar.catch_up(conn)
        assert index_right(conn)
        assert conn.exec_driver_sql(f"SELECT count(*) FROM {similar.DOCS}").scalar() == 0


def test_the_engines_upsert_of_a_ticket_already_noted_is_no_error(cache: Cache) -> None:
    """A trigger's INSERT takes the conflict handling of the upsert that fired it: noting a ticket twice
    (a status written through from a pushed outcome, then the pull's newer row) must not fail the pull."""
    with cache.write() as conn:
        ticket_id = put(conn, *DRAIN)
        similar.catch_up(conn)
        search_index.catch_up(conn)  # as at the end of the last pull
        conn.execute(update(s.ticket).where(s.ticket.c.id == ticket_id).values(status=Status.DIVERIFIKASI.value))
        row = conn.execute(select(s.ticket).where(s.ticket.c.id == ticket_id)).one()
        pulled = namedtuple("Pulled", row._fields)(*row)  # type: ignore[misc]
        _upsert_tickets(conn, [pulled._replace(subject=LAMP_EMAIL[0], row_version=5)])
        newer = pulled._replace(subject=LAMP_EMAIL[0], status=Status.DITINDAKLANJUTI.value, row_version=6)
        _upsert_tickets(conn, [newer])
        similar.catch_up(conn)
        assert index_right(conn)
        assert similar.similar_to_text(conn, LAMP_EMAIL[0], DRAIN[1])[0].ticket_id == ticket_id


def test_refresh_reindexes_the_tickets_it_is_given(cache: Cache) -> None:
    with cache.write() as conn:
        ticket_id = put(conn, *DRAIN)
        conn.exec_driver_sql(f"DELETE FROM {similar.PENDING}")  # as if nothing had noted it
        assert not index_right(conn)
        similar.refresh(conn, [ticket_id, str(ticket_id), uuid4()])
        assert index_right(conn)
        typed = similar.similar_to_text(conn, *DRAIN)
        assert [t.ticket_id for t in typed] == [ticket_id]


def test_random_changes_keep_the_index_right(cache: Cache) -> None:
    rng = random.Random(5)
    texts = [LAMP_EMAIL, LAMP_CHAT, DRAIN, ("Sampah", "Sampah menumpuk di TPS pasar"), ("", "")]
    with cache.write() as conn:
        alive: list[UUID] = []
        for round_ in range(12):
            for _ in range(rng.randrange(1, 6)):
                closed = rng.choice([None, None, 10.0, 400.0])
                alive.append(put(conn, *rng.choice(texts), closed_days_ago=closed))
            for _ in range(rng.randrange(0, 4)):
                victim = rng.choice(alive)
                action = rng.randrange(4)
                if action == 0:
                    subject = rng.choice(texts)[0]
                    conn.execute(update(s.ticket).where(s.ticket.c.id == victim).values(subject=subject))
                elif action == 1:
                    message(conn, victim, rng.choice(texts)[1], later=rng.randrange(-5, 5))
                elif action == 2:
                    conn.execute(
                        update(s.ticket).where(s.ticket.c.id == victim).values(status="selesai", closed_at=NOW)
                    )
                else:
                    conn.execute(delete(s.message).where(s.message.c.ticket_id == victim))
                    conn.execute(delete(s.ticket).where(s.ticket.c.id == victim))
                    alive.remove(victim)
            if round_ == 7:
                drop_mirror(conn)
                alive.clear()
            similar.catch_up(conn)
            assert index_right(conn), f"round {round_}"


def test_a_filled_cache_gets_the_index_when_it_is_opened(cache: Cache) -> None:
    with cache.write() as conn:
        source = put(conn, *LAMP_EMAIL)
        chat = put(conn, *LAMP_CHAT)
        triggers = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'similar%'"
        )
        for trigger in list(triggers.scalars()):
            conn.exec_driver_sql(f"DROP TRIGGER {trigger}")
        for table in (similar.INDEX, similar.DOCS, similar.FREQUENCIES, similar.PENDING):
            conn.exec_driver_sql(f"DROP TABLE {table}")
    reopened = Cache(cache.path)
    with reopened.read() as conn:
        assert found(conn, source) == {chat: Reason.SIMILAR_TEXT}
        assert index_right(conn)
    reopened.dispose()


# -- through the sync engine --------------------------------------------------------------------------------


def test_a_pull_refreshes_the_index(migrated_url: str, tmp_path: Path) -> None:
    org = build_org(migrated_url)
    try:
        first = new_ticket(org.ani, subject=LAMP_EMAIL[0], body=LAMP_EMAIL[1], reporter_contact="dewi@example.id")
        drain = new_ticket(org.ani, subject=DRAIN[0], body=DRAIN[1], reporter_contact="dewi@example.id")
        ani = client(migrated_url, "ani", tmp_path)
        try:
            ani.sync()
            with ani.cache.read() as conn:
                assert found(conn, first.id) == {drain.id: Reason.SAME_REPORTER}
            second = new_ticket(org.budi, subject=LAMP_CHAT[0], body=LAMP_CHAT[1])
            ani.sync()
            with ani.cache.read() as conn:
                assert found(conn, first.id) == {drain.id: Reason.SAME_REPORTER, second.id: Reason.SIMILAR_TEXT}
                assert index_right(conn)
            ani.desk.claim(str(second.id))
            ani.desk.transfer(str(second.id), "kanreg-1", "wilayah kanreg")
            ani.sync()
            with ani.cache.read() as conn:
                assert found(conn, first.id) == {drain.id: Reason.SAME_REPORTER}, "left the officer's scope"
                assert index_right(conn)
        finally:
            ani.close()
    finally:
        org.close()


# -- the index finds what comparing every ticket finds ------------------------------------------------------


def test_a_lookup_through_the_index_finds_what_comparing_every_ticket_finds(empty: Cache) -> None:
    rows = corpus()
    with empty.write() as conn:
        ids = [put(conn, row["subject"], row["body"]) for row in rows]
        similar.catch_up(conn)
        frequencies = dict(conn.exec_driver_sql(f"SELECT word, n FROM {similar.FREQUENCIES}").all())
        documents = frequencies[""]

        def weight(word: str) -> float:
            return duplicates.idf(frequencies.get(word, 0), documents)

        vectors = [duplicates.vector(duplicates.features(row["subject"], row["body"]), weight) for row in rows]
        missed = wanted = 0
        for i, ticket_id in enumerate(ids):
            everything = {
                ids[j]
                for j in range(len(ids))
                if j != i and duplicates.is_duplicate(duplicates.cosine(vectors[i], vectors[j]))
            }
            through_index = set(found(conn, ticket_id, limit=len(ids)))
            assert through_index <= everything
            wanted += len(everything)
            missed += len(everything - through_index)
        assert wanted > 200 and missed == 0, f"{missed} of {wanted} pairs missed by the candidates"
