"""The inbox search reads chat spellings as the duplicate finder does: "otp tdk terkirim" finds what "otp tidak
terkirim" finds, either way round, in the index's order and sorted by a column, for synced and queued tickets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest

from desktop.cache import search_index
from desktop.domain.vocabulary import Channel, Kind
from desktop.store.service import Store
from desktop.views import inbox
from desktop.views.inbox import Column, InboxQuery
from tests.store.helpers import build_org, new_ticket
from tests.sync.helpers import Client, client

OTP_TICKETS = {
    "OTP tidak terkirim": "Kode OTP tidak terkirim ke nomor saya sejak kemarin.",
    "Kode verifikasi": "otp tdk terkirim, sdh coba 3x",
    "Aplikasi layanan": "OTP gak terkirim waktu daftar akun",
}


@pytest.fixture
def ani(tmp_path: Path) -> Iterator[Client]:
    url = f"sqlite:///{tmp_path}/central.db"
    Store(url).upgrade()
    org = build_org(url)
    for subject, body in OTP_TICKETS.items():
        new_ticket(org.ani, subject=subject, body=body)
    new_ticket(org.ani, subject="OTP terkirim terlambat", body="Kodenya datang setelah 10 menit.")
    new_ticket(org.ani, subject="Lampu jalan mati", body="Mohon ditindaklanjuti")
    org.close()
    opened = client(url, "ani", tmp_path)
    opened.sync()
    yield opened
    opened.close()


def found(c: Client, typed: str, sort: Column | None = None) -> set[str]:
    with c.cache.read() as conn:
        query = InboxQuery(search=typed, sort=sort)
        rows = inbox.page(conn, query, None, 1000)
        assert inbox.count(conn, query) == len(rows)
        assert [inbox.position(conn, query, r.ticket_id) for r in rows] == list(range(len(rows)))
    return {r.subject for r in rows}


def test_a_chat_spelling_finds_what_the_standard_spelling_finds(ani: Client) -> None:
    expected = set(OTP_TICKETS)
    for typed in ("otp tdk terkirim", "otp tidak terkirim", "OTP gak terkirim", "otp nggak terkirim"):
        assert found(ani, typed) == expected, typed
        assert found(ani, typed, sort=Column.SUBJECT) == expected, typed
    assert found(ani, "otp terkirim") == expected | {"OTP terkirim terlambat"}, "the other words still count"
    assert found(ani, "sudah coba") == {"Kode verifikasi"}, "sdh is sudah"
    assert found(ani, "ga") == {"Aplikasi layanan", "OTP tidak terkirim", "Kode verifikasi"}
    assert found(ani, "tidak") == found(ani, "tdk") == set(OTP_TICKETS)
    assert found(ani, "tidak") == found(ani, "tid") | {"Kode verifikasi", "Aplikasi layanan"}, "others whole words"


def test_a_report_queued_here_is_matched_the_same_way(ani: Client) -> None:
    op = ani.desk.create("humas", Kind.PENGADUAN, Channel.PHONE, "Token listrik", "token tdk masuk", anonymous=True)
    for typed in ("token tidak masuk", "token tdk masuk", "token gk"):
        with ani.cache.read() as conn:
            rows = inbox.page(conn, InboxQuery(search=typed), None, 100)
        assert [r.ticket_id for r in rows] == [op.ticket_id], typed
    ani.sync()
    with ani.cache.read() as conn:
        (pushed,) = inbox.page(conn, InboxQuery(search="token tidak masuk"))
    assert pushed.ticket_id == op.ticket_id and not pushed.pending


def test_spellings_come_from_the_duplicate_finders_dictionary() -> None:
    tdk = search_index.spellings("TDK")
    assert tdk.starts == ("tdk", "tidak") and "gak" in tdk.whole and "tdk" not in tdk.whole
    assert set(search_index.spellings("tidak").whole) == set(tdk.whole) | {"tdk"}
    assert search_index.spellings("tolonggg").starts[:2] == ("tolonggg", "tolong")
    assert search_index.spellings("pju").phrases == (("lampu", "jalan"),)
    assert search_index.spellings("dua").starts == ("dua",) and not search_index.spellings("dua").whole
    assert search_index.matches(["tidak"], "otp tdk terkirim") and search_index.matches(["tdk"], "OTP tidak")
    assert not search_index.matches(["tidak"], "garam"), "the other spellings (ga) are whole words"


def ticket_ids(c: Client, typed: str) -> list[UUID]:
    with c.cache.read() as conn:
        return [r.ticket_id for r in inbox.page(conn, InboxQuery(search=typed), None, 100)]


def test_hostile_words_stay_words_with_their_spellings(ani: Client) -> None:
    for hostile in ('tdk" OR *', "NEAR(tdk otp)", "tidak) OR (lampu", "^ga"):
        ticket_ids(ani, hostile)  # no FTS5 syntax error: every word quoted, every group closed
