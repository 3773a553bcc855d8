"""Canned responses are versioned per key: a new wording is a new row, the old one stays."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from desktop.domain.errors import BadInput, NotFound
from desktop.store.canned import add_canned_response
from desktop.store.schema import canned_response, officer
from desktop.store.service import Store
from tests.store.canned_helpers import admin_officer
from tests.store.helpers import Org, build_org


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


@pytest.fixture
def ida(org: Org) -> Iterator[Store]:
    """An admin: may write global templates and every unit's."""
    store = admin_officer(org)
    yield store
    store.dispose()


def test_each_new_wording_is_the_next_version_of_its_key(org: Org, ida: Store) -> None:
    assert ida.write(add_canned_response, "terima", "Laporan diterima", "Laporan {nomor_tiket} diterima.") == 1
    assert ida.write(add_canned_response, "terima", "Laporan diterima", "Laporan Anda kami terima.") == 2
    assert ida.write(add_canned_response, "jadwal", "Jadwal", "Buka Senin-Jumat.", "humas") == 1
    with org.admin.engine.connect() as conn:
        rows = conn.execute(
            select(canned_response, officer.c.login)
            .join(officer, officer.c.id == canned_response.c.created_by)
            .order_by(canned_response.c.key, canned_response.c.version)
        ).all()
    assert [(r.key, r.version, r.body, r.login) for r in rows] == [
        ("jadwal", 1, "Buka Senin-Jumat.", "ida"),
        ("terima", 1, "Laporan {nomor_tiket} diterima.", "ida"),
        ("terima", 2, "Laporan Anda kami terima.", "ida"),
    ]
    assert rows[0].unit_id is not None and rows[1].unit_id is None and rows[1].active
    # Each version is a change the clients pull: stamped by its own transaction.
    assert all(r.change_seq > 0 for r in rows) and rows[1].change_seq != rows[2].change_seq


def test_bad_input_is_refused_with_a_clear_message_and_nothing_stored(org: Org, ida: Store) -> None:
    with pytest.raises(BadInput, match="key"):
        ida.write(add_canned_response, "Bukan Kunci!", "Judul", "Isi")
    with pytest.raises(BadInput, match="title"):
        ida.write(add_canned_response, "kunci", "   ", "Isi")
    with pytest.raises(BadInput, match="empty"):
        ida.write(add_canned_response, "kunci", "Judul", "  ")
    with pytest.raises(NotFound):
        ida.write(add_canned_response, "kunci", "Judul", "Isi", "tidak-ada")
    ida.write(add_canned_response, "kunci", "Judul", "Isi", "humas")
    with pytest.raises(BadInput, match="another unit"):  # a key keeps its owner
        ida.write(add_canned_response, "kunci", "Judul", "Isi baru")
    with org.admin.engine.connect() as conn:
        assert conn.execute(select(canned_response.c.key, canned_response.c.version)).all() == [("kunci", 1)]
