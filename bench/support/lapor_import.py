"""The LAPOR! import phase of ``bench/intake.py``: a unit's SP4N-LAPOR! export (CSV, the default column names)
read and stored as tickets (``read_export`` then ``store_reports``, as ``aduan lapor import`` does), beside a
baseline measured in the same run on the same database: the same rows, as the file reader gives them, sent by
one raw INSERT (``executemany``, one transaction) into a table of their own — what writing them costs with
nothing decided. Checked: every row a ticket, and the file imported again stores nothing.
"""

from __future__ import annotations

import csv
import io
import random
import time
from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.channels.lapor import DEFAULT_EXPORT_MAPPING, read_export, store_reports
from desktop.demo import generator as demo
from desktop.store import directory
from desktop.store.schema import ticket
from desktop.store.service import Store

from .raw_insert import raw_insert_seconds

UNIT = "humas"
_KINDS = ("Pengaduan", "Aspirasi", "Permintaan Informasi")
_CATEGORIES = ("Infrastruktur", "Kesehatan", "Pendidikan", "Pelayanan Publik", "Lingkungan")


def export_bytes(count: int, seed: int) -> bytes:
    """``count`` reports of a LAPOR! export as CSV, in the demo's Indonesian, each from a citizen of its own."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(DEFAULT_EXPORT_MAPPING.values()))
    for n in range(count):
        name = f"{rng.choice(demo._FIRST_NAMES)} {rng.choice(demo._LAST_NAMES)}"
        day, minute = 1 + n % 28, rng.randrange(7 * 60, 17 * 60)
        writer.writerow(
            [
                f"{3_000_000 + n}",
                f"Laporan {n}: {rng.choice(_CATEGORIES).lower()} di kelurahan {n % 97}",
                f"Mohon ditindaklanjuti. Kejadian nomor {n}, sudah {rng.randrange(1, 30)} hari belum ada perbaikan.",
                rng.choice(_CATEGORIES),
                name,
                f"0812{n:08d}",
                f"2026-03-{day:02d} {minute // 60:02d}:{minute % 60:02d}",
                rng.choice(_KINDS),
                "Ya" if n % 50 == 0 else "Tidak",
                "Ya" if n % 40 == 0 else "Tidak",
            ]
        )
    return out.getvalue().encode("utf-8-sig")


@dataclass
class LaporResult:
    rows: int
    read_seconds: float  # read_export: the file into messages (both paths need it)
    raw_seconds: float  # the baseline: one executemany INSERT of the rows
    import_seconds: float  # store_reports
    again_seconds: float  # the same file again: every row recognised
    created: int
    present_again: int
    rejected: int
    tickets: int

    def checks(self) -> list[tuple[str, bool, object]]:
        return [
            ("every row stored as a ticket", self.created == self.rows == self.tickets, (self.created, self.tickets)),
            ("nothing rejected", self.rejected == 0, self.rejected),
            (
                "imported again: every row recognised, nothing stored",
                self.present_again == self.rows,
                self.present_again,
            ),
        ]


def prepare(url: str) -> None:
    store = Store(url)
    try:
        store.upgrade()
        store.admin(directory.add_unit, UNIT, "Biro Hubungan Masyarakat")
    finally:
        store.dispose()


def run(url: str, data: bytes) -> LaporResult:
    """Baseline and import on one database (run in the phase's own process)."""
    store = Store(url)
    try:
        store.read(lambda conn: None)  # the schema check and first connection
        started = time.perf_counter()
        result = read_export(data, "laporan.csv")
        read_seconds = time.perf_counter() - started
        raw_seconds = raw_insert_seconds(store, [r.message for r in result.reports])
        started = time.perf_counter()
        done = store_reports(store, result, UNIT)
        import_seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = store_reports(store, read_export(data, "laporan.csv"), UNIT)
        again_seconds = time.perf_counter() - started
        tickets = store.read(lambda conn: conn.execute(select(func.count()).select_from(ticket)).scalar_one())
    finally:
        store.dispose()
    return LaporResult(
        len(result.reports),
        read_seconds,
        raw_seconds,
        import_seconds,
        again_seconds,
        len(done.created),
        len(again.present),
        len(done.rejected) + len(again.rejected),
        int(tickets),
    )
