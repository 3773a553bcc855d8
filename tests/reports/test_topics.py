"""Topics (desktop/reports/topics.py): the grouping recovers the labelled groups of the duplicates corpus (the
purity and pair recall are printed, and held above a floor measured on it); the spike rule on hand-made weeks
received at fixed moments; the privacy rule (a word in fewer than three reports, or only in confidential ones,
never names a topic, and no answer carries a ticket's id, number, subject or text); the refusals of the server
command; and the same figure on PostgreSQL and MariaDB (each report's first message is a correlated
subquery with LIMIT 1)."""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.errors import BadInput, NotPermitted
from desktop.domain.status import Status
from desktop.reports import topics
from desktop.reports.topics import Doc, TopicFigures, TopicRow, doc, find_topics, group, idf_weights, is_spike
from desktop.server import commands
from desktop.store import claims, handling
from desktop.store.identity import load_actor
from desktop.store.service import Store
from tests.reports.helpers import received_at
from tests.store.helpers import Org, build_org

CORPUS = Path(__file__).parents[1] / "data" / "duplicates_corpus.jsonl"
PURITY_FLOOR = 0.88  # measured 0.913 (TOPIC_THRESHOLD 0.30)
PAIR_RECALL_FLOOR = 0.85  # measured 0.921
# The week of Wednesday 11 June 2025 (WIB): Monday 9 June up to its end; the baseline 14 April to 8 June.
AS_OF_DAY = date(2025, 6, 11)
MONDAY = date(2025, 6, 9)


def corpus() -> list[dict[str, str]]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


# -- grouping, on the labelled corpus ----------------------------------------------------------------------


def test_topics_recover_the_labelled_groups_of_the_duplicates_corpus() -> None:
    rows = corpus()
    started = time.perf_counter()
    docs = [doc(r["subject"], r["body"]) for r in rows]
    found = find_topics(docs)
    took = time.perf_counter() - started
    grouped = sum(len(t.members) for t in found)
    purity = sum(Counter(rows[i]["group"] for i in t.members).most_common(1)[0][1] for t in found) / grouped
    # Pair recall: of the pairs of reports labelled the same complaint, the share the grouping keeps together.
    stemmed = [d.stems() for d in docs]
    where = {i: g for g, members in enumerate(group(stemmed, idf_weights(stemmed))) for i in members}
    labelled: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        labelled.setdefault(r["group"], []).append(i)
    pairs = [(a, b) for members in labelled.values() for n, a in enumerate(members) for b in members[n + 1 :]]
    recall = sum(where[a] == where[b] for a, b in pairs) / len(pairs)
    print(
        f"\ntopics: {len(found)} of >= {topics.MIN_TOPIC_REPORTS} reports holding {grouped} of {len(rows)}; "
        f"purity {purity:.3f}; pair recall {recall:.3f} over {len(pairs)} pairs; {took * 1000:.0f} ms"
    )
    assert purity >= PURITY_FLOOR
    assert recall >= PAIR_RECALL_FLOOR
    assert len(found) >= 30  # the corpus has 50 groups of three or more
    assert all(len(t.members) >= topics.MIN_TOPIC_REPORTS and 1 <= len(t.terms) <= topics.NAME_TERMS for t in found)
    # The same reports in the same order give the same topics.
    assert [(t.terms, t.members) for t in find_topics([doc(r["subject"], r["body"]) for r in rows])] == [
        (t.terms, t.members) for t in found
    ]


def test_a_topic_is_named_by_the_words_people_wrote_not_by_stems() -> None:
    texts = [
        ("Perbaikan jalan Cigadung", "Jalan di Cigadung rusak parah, mohon perbaikan"),
        ("jln cigadung rusak", "perbaikan jalan cigadung kapan? rusak bgt"),
        ("Cigadung", "Jalan Cigadung rusak dan berlubang, perbaikan belum ada"),
        ("Kode OTP tidak terkirim", "OTP aplikasi tidak terkirim ke nomor saya"),
    ]
    found = find_topics([doc(s, b) for s, b in texts])
    assert len(found) == 1 and found[0].members == [0, 1, 2]
    assert set(found[0].terms) == {"cigadung", "rusak", "perbaikan", "jalan"}  # "perbaikan", not the stem "baik"


# -- privacy -----------------------------------------------------------------------------------------------


def test_a_word_in_fewer_than_three_reports_or_only_in_confidential_ones_never_names_a_topic() -> None:
    flood = "Banjir setinggi lutut di Gang Kelinci setiap hujan, selokan meluap"
    docs = [
        doc("Banjir Gang Kelinci", flood + ", kata Pak Sutarjo"),
        doc("Banjir Gang Kelinci", flood + ", rumah Sutarjo terendam"),
        doc("Banjir lagi", flood),
        doc("Gang Kelinci banjir", flood, confidential=True),
        doc("Banjir Gang Kelinci Warsini", flood + " rumah Bu Warsini nomor 0812", confidential=True),
        doc("Banjir Gang Kelinci Warsini", flood + " Warsini lagi", confidential=True),
        doc("Banjir Gang Kelinci Warsini", flood + " Warsini", confidential=True),
    ]
    [topic] = find_topics(docs)
    assert len(topic.members) == 7  # the confidential reports are counted...
    assert "banjir" in topic.terms and "kelinci" in topic.terms
    assert not {"sutarjo", "warsini"} & set(topic.terms)  # ... but their words, and a name in two, never show
    # A topic of confidential reports only keeps its count and has no name at all.
    secret = [Doc(d.words, confidential=True) for d in docs]
    [unnamed] = find_topics(secret)
    assert unnamed.terms == () and len(unnamed.members) == 7
    # A word held by only two non-confidential reports of a topic does not name it either.
    two = [Doc(d.words, confidential=i >= 2) for i, d in enumerate(docs)]
    assert find_topics(two)[0].terms == ()


# -- the spike rule ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("this_week", "usual", "rising"),
    [
        (6, 1.0, True),  # six times the usual
        (5, 0.0, True),  # new this week, at the minimum
        (4, 0.0, False),  # new, but below the minimum
        (5, 2.0, False),  # 2.5x: below the ratio
        (6, 2.0, True),  # exactly 3x
        (30, 11.0, False),  # busy, but as busy as ever (under 3x)
    ],
)
def test_the_spike_rule(this_week: int, usual: float, rising: bool) -> None:
    assert is_spike(this_week, usual) is rising


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


OTP = [
    ("Kode OTP tidak terkirim", "Sudah coba daftar aplikasi layanan tapi kode OTP tidak terkirim ke HP"),
    ("OTP tdk masuk", "kode otp aplikasi layanan gak terkirim2 dari pagi"),
    ("Aplikasi layanan: OTP", "Kode OTP untuk aplikasi layanan tidak pernah terkirim"),
]
LAMP = [
    ("Lampu jalan mati di Jalan Merdeka", "Lampu penerangan jalan di Jalan Merdeka mati, gelap sekali"),
    ("PJU Merdeka mati", "lampu jalan merdeka mati lagi, gelap"),
]
TREES = [
    ("Pohon tumbang di Taman Lansia", "Pohon besar tumbang menutup jalan setapak Taman Lansia"),
    ("Taman Lansia pohon tumbang", "ada pohon tumbang di taman lansia, bahaya"),
]
PARKING = [
    ("Parkir liar Pasar Kosambi", "Parkir liar di depan Pasar Kosambi bikin macet"),
    ("Pasar Kosambi parkir liar", "parkir liar pasar kosambi macet terus"),
]


def at(day: date, hour: int = 3) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0)  # naive UTC: 10.00 WIB the same day


def hand_made_weeks(org: Org) -> dict[str, Any]:
    """Four topics in humas: OTP once a week for eight weeks then six this week (a spike, 6x); street lamps
    twice a week and twice this week (no spike; two finished); fallen trees new this week with five (a spike,
    no usual); parking with four this week (new, below the minimum). Around them: an OTP report the week
    before the baseline (finished: not counted) and one still open from long ago (counted as open only), and
    one received after as_of (not counted)."""
    rng = random.Random(7)
    stores = {"ani": org.ani, "budi": org.budi}
    made: dict[str, list[Any]] = {"otp": [], "lamp": [], "trees": [], "parking": []}

    def receive(kind: str, texts: list[tuple[str, str]], day: date, **kw: Any) -> Any:
        subject, body = rng.choice(texts)
        made_ticket = received_at(
            stores[rng.choice(list(stores))], at(day), "humas", rng, subject=subject, body=body,
            anonymous=kw.pop("anonymous", False), confidential=kw.pop("confidential", False),
        )  # fmt: skip
        made[kind].append(made_ticket)
        return made_ticket

    for week in range(1, 9):
        monday = MONDAY - timedelta(weeks=week)
        receive("otp", OTP, monday + timedelta(days=1))
        receive("lamp", LAMP, monday + timedelta(days=2))
        receive("lamp", LAMP, monday + timedelta(days=4))
    for n in range(6):
        receive("otp", OTP, MONDAY + timedelta(days=n % 3), anonymous=True, confidential=n == 0)
    for n in range(2):
        receive("lamp", LAMP, MONDAY + timedelta(days=n))
    for n in range(5):
        receive("trees", TREES, MONDAY + timedelta(days=n % 3))
    for n in range(4):
        receive("parking", PARKING, MONDAY + timedelta(days=n % 3))
    old_closed = receive("otp", OTP, MONDAY - timedelta(weeks=9))
    receive("otp", OTP, MONDAY - timedelta(weeks=20))  # old but open: counted as open, not in the usual
    receive("otp", OTP, AS_OF_DAY + timedelta(days=1))  # after as_of
    for finished in (old_closed, *made["lamp"][:2]):
        token = int(org.ani.write(claims.claim, finished.id).claim.token)
        for status in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI):
            org.ani.write(handling.change_status, finished.id, token, status)
    return made


def ask(store: Store, login: str | None, **query: Any) -> TopicFigures:
    actor = None if login is None else store.read(load_actor, login)
    request = commands.StatsQuery(as_of=query.pop("as_of", AS_OF_DAY), **query)
    result: TopicFigures = commands.run_direct(commands.stats_topics, store, actor, request)
    return result


def by_first_term(found: TopicFigures) -> dict[str, TopicRow]:
    return {r.terms[0] if r.terms else "": r for r in found.rows}


def topic_with(found: TopicFigures, word: str) -> TopicRow:
    [row] = [r for r in found.rows if word in r.terms]
    return row


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql", "mariadb"], indirect=True)
def test_topics_rising_this_week_against_the_eight_weeks_before(org: Org) -> None:
    made = hand_made_weeks(org)
    found = ask(org.admin, None)
    assert (found.week_start, found.as_of, found.baseline_weeks) == (MONDAY, AS_OF_DAY, 8)
    assert found.reports == 8 + 16 + 6 + 2 + 5 + 4 + 1  # the nine weeks, and the old open one; not the rest
    otp, lamp = topic_with(found, "otp"), topic_with(found, "lampu")
    trees, parking = topic_with(found, "pohon"), topic_with(found, "parkir")
    assert (otp.this_week, otp.usual, otp.ratio, otp.spike, otp.reports, otp.open_now) == (6, 1.0, 6.0, True, 15, 15)
    assert (lamp.this_week, lamp.usual, lamp.ratio, lamp.spike, lamp.reports, lamp.open_now) == (
        2, 2.0, 1.0, False, 18, 16
    )  # fmt: skip
    assert (trees.this_week, trees.usual, trees.ratio, trees.spike) == (5, 0.0, None, True)
    assert (parking.this_week, parking.ratio, parking.spike) == (4, None, False)
    # The rising ones first, the busiest first among them.
    assert [r.spike for r in found.rows] == [True, True, False, False] and found.rows[0] is not trees
    assert {"terkirim", "aplikasi", "layanan"} & set(otp.terms) and "lampu" in lamp.terms
    # Nothing of a ticket: no id, number, subject or text in the answer.
    answer = json.dumps(commands.stats_topics.encode(found))
    assert commands.stats_topics.decode(json.loads(answer)) == found  # as the server sends it and a client reads it
    tickets = [t for group_ in made.values() for t in group_]
    assert not any(str(t.id) in answer or t.tracking_no in answer for t in tickets)
    assert not any(text in answer for texts in (OTP, LAMP, TREES, PARKING) for pair in texts for text in pair)
    # Another week: as of the Sunday before, OTP was as usual and the trees had not fallen.
    before = ask(org.admin, None, as_of=MONDAY - timedelta(days=1))
    assert not any(r.spike for r in before.rows) and topic_with(before, "otp").this_week == 1
    assert asdict(before) != asdict(found)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_topics_are_refused_beyond_the_askers_scope_and_with_a_period(org: Org) -> None:
    hand_made_weeks(org)
    with pytest.raises(NotPermitted):
        ask(org.sari, "sari", units=["humas"])  # a supervisor of kanreg asking for humas
    with pytest.raises(BadInput, match="no first or last day"):
        ask(org.admin, None, since=date(2025, 6, 1))
    with pytest.raises(BadInput, match="no first or last day"):
        ask(org.ani, "ani", until=date(2025, 6, 30))
    assert ask(org.sari, "sari").rows == [] and ask(org.sari, "sari").reports == 0  # none in kanreg
    # An officer's topics are of the reports they handled: ani's share of each topic, not budi's.
    assert 0 < ask(org.ani, "ani").reports < ask(org.admin, None).reports
