"""Demo data: a realistic organisation, reporters and ticket threads, generated from a seed.

``aduan demo --tickets N --seed S`` fills an empty, migrated database so that people can try the app and
benchmarks have realistic volumes to work on. The same seed always gives the same rows: every choice is
drawn from one ``random.Random(seed)`` in a fixed order, and ids are built from it (see ``_uuid7``). Only
the anchor differs between runs: times are offsets back from the database server's "now" (or the ``now``
given to ``fill``, which makes the rows the same on every run).

Reports arrive evenly over the last ``WINDOW`` by default; ``fill(years=N)`` spreads them over N years with
the seasons of a complaint desk (``timeline.py``: office hours, weekdays, holidays, Lebaran). Each report
gets its response and resolution clocks (``clocks.py``), so that the service levels have figures.

Rows go in by executemany in batches and text comes from templates, so that 100,000 tickets (about 350,000
messages) go into SQLite in well under a minute.
"""

from __future__ import annotations

import json
import random
import uuid
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Column, Connection, DateTime, Dialect, Table, insert, literal, select, update

from ..domain.errors import BadInput
from ..domain.status import Status
from ..domain.vocabulary import Channel, Direction, Kind, Priority, Role
from ..store.canned import add_canned_response
from ..store.changes import stamp
from ..store.clock import server_now
from ..store.schema import (
    counter,
    event,
    membership,
    message,
    note,
    officer,
    reporter,
    reporter_contact,
    sla_clock,
    ticket,
    unit,
)
from ..store.sla import read_rules
from ..store.tickets import TRACKING_PREFIX
from ..store.work import begin
from .clocks import DemoClocks
from .scenes import add_scenes
from .timeline import Seasons

MAX_TICKETS = 5_000_000
WINDOW = timedelta(days=120)
MAX_YEARS = 10  # fill(years=...): reports spread over this many years at most
BATCH_TICKETS = 2_000  # about 7,000 messages per executemany
# Generated history gets calendar-day due times (working-day arithmetic per row would dominate the cost of
# a million-ticket demo); tickets made from then on run on the units' calendars (store/sla.py).
DEMO_RESPONSE_WITHIN = timedelta(days=3)
DEMO_RESOLVE_WITHIN = timedelta(days=60)
# Open reports' deadlines, relative to "now", one band per open report in turn (so the shares are fixed):
# of every 25, one overdue by hours to a few days, one due within the hour, three due in one to two days
# (the inbox's "due soon"), twenty on time. A demo run on any date shows a desk that is mostly on top of
# its work, with a handful of breaches to learn from.
_OVERDUE = (-timedelta(days=4), -timedelta(hours=2))
_DUE_TODAY = (timedelta(minutes=20), timedelta(minutes=60))
_DUE_SOON = (timedelta(hours=26), timedelta(hours=46))
_ON_TIME = (timedelta(days=3), timedelta(days=40))
DEADLINE_BANDS: tuple[tuple[timedelta, timedelta], ...] = (
    _OVERDUE, _ON_TIME, _ON_TIME, _DUE_SOON, _ON_TIME, _ON_TIME, _DUE_TODAY, _ON_TIME, _ON_TIME, _ON_TIME,
    _DUE_SOON, _ON_TIME, _ON_TIME, _ON_TIME, _ON_TIME, _ON_TIME, _DUE_SOON, _ON_TIME, _ON_TIME, _ON_TIME,
    _ON_TIME, _ON_TIME, _ON_TIME, _ON_TIME, _ON_TIME,
)  # fmt: skip

_ONE_MS = timedelta(milliseconds=1)
_HOUR_MS = 3_600_000
_DAY_MS = 24 * _HOUR_MS
_MAX_REPLY_GAP_MS = 5 * _DAY_MS
# Spread over years (fill(years=...)): one report in ten is slow, its answers up to 20 days apart (some of
# them miss the first-response and the resolution deadline), and reports older than three months are
# nearly all finished.
_SLOW_SHARE = 0.1
_SLOW_REPLY_GAP_MS = 20 * _DAY_MS
_SETTLED_AGE_MS = 90 * _DAY_MS
_CLAIM_SECONDS = (20 * 60, 4 * 3600)  # within the default lease of a unit
# UUIDv7 timestamps count from a fixed instant, not from "now", so that ids depend on the seed alone;
# they still sort like created_at.
_ID_EPOCH_MS = int(datetime(2024, 1, 1, tzinfo=UTC).timestamp() * 1000)
_ORGANISATION_AGE = timedelta(days=400)
_REUSE_POOL = 2_000  # recent reporters per channel who may write again
# A bijection on range(space) for any odd multiplier not divisible by 5 and a space whose only prime
# factors are 2 and 5: unique serials give unique, random-looking phone numbers and addresses.
_SCRAMBLE_MULTIPLIER = 61_803_399
_SCRAMBLE_OFFSET = 24_681_357


@dataclass(frozen=True, slots=True)
class DemoSummary:
    units: int
    officers: int
    reporters: int
    tickets: int
    messages: int
    notes: int
    events: int


# --- vocabulary --------------------------------------------------------------------------------------

_FIRST_NAMES = (
    "Ani", "Budi", "Citra", "Dewi", "Eko", "Fajar", "Gita", "Hendra", "Indah", "Joko", "Kartika", "Lestari",
    "Made", "Nur", "Putri", "Rizky", "Sari", "Teguh", "Umar", "Wahyu", "Yudi", "Zainal", "Agus", "Bambang",
    "Dian", "Endang", "Fitri", "Hadi", "Irma", "Ketut", "Lina", "Maya", "Nanda", "Rahmat", "Siti", "Tri",
    "Wulan", "Yanti", "Arif", "Bayu", "Dimas", "Rina", "Sri", "Anisa", "Fadli", "Galih", "Hana", "Ilham",
    "Nadia", "Yusuf",
)  # fmt: skip
_LAST_NAMES = (
    "Wijaya", "Santoso", "Pratama", "Saputra", "Hidayat", "Kusuma", "Nugroho", "Siregar", "Simanjuntak",
    "Nasution", "Harahap", "Lubis", "Wibowo", "Setiawan", "Gunawan", "Rahman", "Hakim", "Suryadi", "Purnomo",
    "Halim", "Utami", "Permata", "Sembiring", "Tanjung", "Manurung", "Putra", "Susanti", "Maharani",
    "Ramadhan", "Firmansyah", "Syahputra", "Daulay", "Panjaitan", "Tambunan", "Sitompul", "Latuconsina",
    "Mandagi", "Wenas", "Sinaga", "Hutapea", "Wahyudi", "Anggraini", "Rusdi", "Ismail", "Pohan",
)  # fmt: skip
_STREETS = (
    "Jl. Merdeka", "Jl. Sudirman", "Jl. Diponegoro", "Jl. Gatot Subroto", "Jl. Ahmad Yani", "Jl. Pahlawan",
    "Jl. Veteran", "Jl. Imam Bonjol", "Jl. Gajah Mada", "Jl. Hayam Wuruk", "Jl. Cendrawasih", "Jl. Melati",
    "Jl. Kenanga", "Jl. Mawar", "Jl. Anggrek", "Jl. Sisingamangaraja", "Jl. Pattimura", "Jl. Teuku Umar",
    "Jl. Cut Nyak Dien", "Jl. Sam Ratulangi", "Jl. Kartini", "Jl. Pemuda", "Jl. Rajawali", "Jl. Flamboyan",
    "Jl. Cempaka",
)  # fmt: skip
_EMAIL_DOMAINS = ("gmail.com",) * 6 + ("yahoo.co.id", "yahoo.com", "outlook.com", "ymail.com")
_MOBILE_PREFIXES = ("811", "812", "813", "821", "822", "852", "853", "814", "815", "856", "857", "877",
                    "878", "881", "895", "896")  # fmt: skip
_SERVICES = (
    "kenaikan pangkat", "mutasi antarinstansi", "pensiun", "perbaikan data NIP", "legalisasi SK",
    "penetapan NIP", "kartu pegawai elektronik", "pencantuman gelar",
)  # fmt: skip
_AMOUNTS = ("Rp150.000", "Rp250.000", "Rp300.000", "Rp500.000", "Rp750.000", "Rp1.000.000", "Rp2.500.000")
_WHEN = ("dua minggu lalu", "awal bulan ini", "bulan lalu", "tiga minggu yang lalu", "akhir bulan kemarin")
_PROCUREMENTS = (
    "pengadaan laptop untuk kantor regional", "renovasi gedung arsip", "jasa kebersihan kantor pusat",
    "pengadaan server pusat data", "jasa keamanan gedung", "pengadaan kendaraan operasional",
)  # fmt: skip

# (code, name, parent code, cities its reporters live in); parents come before their children.
_CENTRAL_CITIES = ("Jakarta Pusat", "Jakarta Timur", "Jakarta Selatan", "Bekasi", "Depok", "Tangerang")
_REGIONS = (
    ("I", "Yogyakarta", ("Yogyakarta", "Sleman", "Semarang", "Surakarta")),
    ("II", "Surabaya", ("Surabaya", "Malang", "Sidoarjo", "Kediri")),
    ("III", "Bandung", ("Bandung", "Bogor", "Cirebon", "Tasikmalaya")),
    ("IV", "Makassar", ("Makassar", "Gowa", "Kendari", "Palu")),
    ("V", "Jakarta", ("Jakarta Barat", "Jakarta Utara", "Serang", "Cilegon")),
    ("VI", "Medan", ("Medan", "Binjai", "Pematangsiantar", "Padang")),
    ("VII", "Palembang", ("Palembang", "Jambi", "Bengkulu", "Bandar Lampung")),
    ("VIII", "Banjarmasin", ("Banjarmasin", "Banjarbaru", "Samarinda", "Palangka Raya")),
    ("IX", "Jayapura", ("Jayapura", "Merauke", "Timika", "Ambon")),
    ("X", "Denpasar", ("Denpasar", "Badung", "Mataram", "Kupang")),
    ("XI", "Manado", ("Manado", "Bitung", "Gorontalo", "Ternate")),
    ("XII", "Pekanbaru", ("Pekanbaru", "Dumai", "Batam", "Tanjungpinang")),
    ("XIII", "Banda Aceh", ("Banda Aceh", "Lhokseumawe", "Meulaboh", "Langsa")),
    ("XIV", "Manokwari", ("Manokwari", "Sorong", "Fakfak", "Kaimana")),
)
_UNITS: tuple[tuple[str, str, str | None, tuple[str, ...]], ...] = (
    ("setjen", "Sekretariat Jenderal", None, _CENTRAL_CITIES),
    ("humas", "Biro Hubungan Masyarakat", "setjen", _CENTRAL_CITIES),
    ("kepegawaian", "Biro Kepegawaian", "setjen", _CENTRAL_CITIES),
    ("pengadaan", "Direktorat Pengadaan", None, _CENTRAL_CITIES),
    ("inspektorat", "Inspektorat", None, _CENTRAL_CITIES),
    ("kanreg", "Koordinator Kantor Regional", "setjen", _CENTRAL_CITIES),
    *(
        (f"kanreg-{n}", f"Kantor Regional {roman} {seat}", "kanreg", cities)
        for n, (roman, seat, cities) in enumerate(_REGIONS, start=1)
    ),
)
_KANREG = tuple(f"kanreg-{n}" for n in range(1, len(_REGIONS) + 1))


def _weighted(pairs: Sequence[tuple[Any, int]]) -> tuple[Any, ...]:
    """A pool in which each value appears as often as its weight: a uniform pick from it is a weighted one."""
    return tuple(value for value, weight in pairs for _ in range(weight))


@dataclass(frozen=True, slots=True)
class _Topic:
    """What a report is about: its kind and category, the units that get it, and how people put it.

    ``subjects[i]`` sums up ``bodies[i]``: a report takes both from the same position.
    """

    kind: Kind
    category: str
    weight: int
    units: tuple[str, ...]
    subjects: tuple[str, ...]
    bodies: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.subjects) != len(self.bodies):
            raise ValueError(f"{self.category}: every subject needs its body")


# Placeholders: {kantor} the unit's office, {lokasi} a street in {kota}, {layanan} a service, {jumlah} an
# amount, {waktu} a time ago, {paket} a procurement.
_TOPICS = (
    _Topic(Kind.PENGADUAN, "Pelayanan Publik", 16, (*_KANREG, "humas", "humas"), (
        "Pengurusan {layanan} di {kantor} berlarut-larut",
        "Antrean layanan di {kantor} sangat panjang",
        "Petugas loket {kantor} tidak ramah",
        "Berkas {layanan} tidak ada kabar",
    ), (
        "Saya mengajukan {layanan} di {kantor} {waktu}. Semua persyaratan sudah lengkap, tetapi sampai sekarang "
        "belum ada kejelasan. Setiap kali saya bertanya, petugas hanya meminta saya menunggu tanpa menyebutkan "
        "kapan berkas saya selesai.",
        "Saya datang ke {kantor} {waktu} pukul 08.30 dan baru dilayani menjelang pukul 14.00. Dari enam loket "
        "hanya dua yang buka, padahal antrean lebih dari lima puluh orang. Mohon pengaturan antrean diperbaiki.",
        "Petugas di loket {kantor} berbicara dengan nada kasar ketika saya menanyakan kekurangan berkas "
        "{layanan}. Saya hanya ingin tahu dokumen apa yang masih kurang, tetapi malah disuruh mencari tahu sendiri.",
        "Status berkas {layanan} saya di aplikasi sejak {waktu} masih tertulis 'sedang diproses'. Saya sudah dua "
        "kali menelepon kantor, tetapi teleponnya tidak pernah diangkat.",
    )),
    _Topic(Kind.PENGADUAN, "Infrastruktur", 10, _KANREG, (
        "Jalan rusak di {lokasi}",
        "Lampu penerangan jalan di {lokasi} mati",
        "Saluran air di {lokasi} tersumbat",
        "Gedung {kantor} tidak punya akses kursi roda",
    ), (
        "Jalan di {lokasi} rusak parah sejak {waktu}. Lubangnya cukup dalam dan sudah beberapa kali membuat "
        "pengendara motor terjatuh, terutama saat hujan. Mohon segera diperbaiki sebelum ada korban.",
        "Lampu penerangan jalan di {lokasi} sudah mati sejak {waktu}. Pada malam hari jalan menjadi gelap gulita "
        "dan warga khawatir terjadi tindak kejahatan.",
        "Saluran air di {lokasi} tersumbat sampah sehingga setiap hujan deras air meluap ke jalan dan masuk ke "
        "rumah warga. Kami sudah kerja bakti, tetapi sumbatannya ada di gorong-gorong yang tidak bisa kami jangkau.",
        "Gedung pelayanan {kantor} tidak memiliki jalur landai. Ayah saya yang memakai kursi roda harus digotong "
        "menaiki tangga untuk sampai ke ruang layanan.",
    )),
    _Topic(Kind.PENGADUAN, "Pungutan Liar", 7, ("inspektorat",) * 4 + _KANREG, (
        "Dugaan pungutan liar dalam pengurusan {layanan}",
        "Diminta membayar {jumlah} tanpa kuitansi",
        "Oknum petugas meminta uang pelicin",
    ), (
        "Di {kantor} sudah menjadi rahasia umum bahwa berkas {layanan} baru diproses cepat bila disertai {jumlah}. "
        "Praktik ini sangat memberatkan pegawai di daerah yang gajinya tidak seberapa.",
        "Saat mengurus {layanan} di {kantor} {waktu}, saya diminta membayar {jumlah} oleh seorang petugas agar "
        "berkas saya cepat selesai. Pembayaran itu tidak disertai kuitansi resmi, padahal setahu saya layanan ini "
        "tidak dipungut biaya.",
        "Beberapa rekan kerja saya mengaku dimintai {jumlah} oleh oknum yang mengaku bisa mempercepat {layanan}. "
        "Uang diserahkan secara tunai di luar kantor. Saya bersedia memberikan keterangan lebih lanjut asalkan "
        "identitas saya dirahasiakan.",
    )),
    _Topic(Kind.PENGADUAN, "Pengadaan Barang/Jasa", 5, ("pengadaan", "pengadaan", "pengadaan", "inspektorat"), (
        "Dugaan persekongkolan dalam tender {paket}",
        "Pemenang tender {paket} tidak memenuhi syarat",
        "Pembayaran pekerjaan {paket} belum dicairkan",
    ), (
        "Dalam tender {paket}, spesifikasi teknis disusun sedemikian rupa sehingga hanya cocok dengan produk satu "
        "merek. Kami menduga pemenangnya sudah diarahkan sejak awal.",
        "Perusahaan yang ditetapkan sebagai pemenang tender {paket} tidak memiliki pengalaman pekerjaan sejenis "
        "dan sertifikat badan usahanya sudah kedaluwarsa. Kami mohon hasil evaluasi ditinjau kembali.",
        "Kami sudah menyelesaikan pekerjaan {paket} dan berita acara serah terima sudah ditandatangani {waktu}, "
        "tetapi pembayaran belum juga dicairkan. Hal ini sangat memberatkan arus kas perusahaan kami.",
    )),
    _Topic(Kind.PENGADUAN, "Kepegawaian", 10, (*_KANREG, "kepegawaian", "kepegawaian", "kepegawaian"), (
        "Usulan kenaikan pangkat belum diproses",
        "Data NIP saya salah di sistem",
        "Tunjangan kinerja belum dibayarkan",
        "Pengajuan pensiun terlambat diproses",
    ), (
        "Usulan kenaikan pangkat saya periode ini sudah dikirim oleh instansi {waktu}, tetapi sampai sekarang "
        "belum ada pertimbangan teknis. Teman-teman satu angkatan saya sudah menerima SK.",
        "Tanggal lahir dan NIP saya di sistem kepegawaian tidak sesuai dengan SK pengangkatan. Akibatnya saya "
        "tidak bisa mengikuti seleksi jabatan. Fotokopi SK dan akta kelahiran sudah saya lampirkan.",
        "Tunjangan kinerja saya sejak {waktu} belum dibayarkan, sementara pegawai lain di unit saya sudah "
        "menerimanya. Bagian keuangan mengatakan datanya belum diperbarui di sistem.",
        "Berkas pensiun saya sudah lengkap dan diserahkan {waktu}, padahal batas usia pensiun saya tinggal dua "
        "bulan lagi. Saya khawatir SK pensiun terlambat terbit.",
    )),
    _Topic(Kind.PENGADUAN, "Penyalahgunaan Wewenang", 3, ("inspektorat",), (
        "Kendaraan dinas dipakai untuk keperluan pribadi",
        "Dugaan konflik kepentingan dalam mutasi pegawai",
    ), (
        "Mobil dinas {kantor} hampir setiap akhir pekan dipakai untuk keperluan keluarga seorang pejabat, termasuk "
        "untuk berlibur ke luar kota. Saya punya foto pelat nomornya.",
        "Dalam mutasi pegawai {waktu}, beberapa posisi strategis diisi oleh kerabat pejabat tanpa seleksi yang "
        "terbuka. Pegawai yang lebih senior dan memenuhi syarat justru tidak dipertimbangkan.",
    )),
    _Topic(Kind.PERMINTAAN_INFORMASI, "Informasi Publik", 6, ("humas",), (
        "Permohonan salinan laporan kinerja tahunan",
        "Permintaan data jumlah ASN per provinsi",
        "Permohonan informasi anggaran pelatihan pegawai",
    ), (
        "Saya mahasiswa yang sedang menyusun skripsi tentang manajemen ASN. Saya memohon salinan laporan kinerja "
        "instansi untuk tiga tahun terakhir. Dokumen dapat dikirim dalam bentuk PDF.",
        "Untuk keperluan penelitian, saya membutuhkan data jumlah ASN per provinsi menurut golongan dan jenis "
        "kelamin. Apakah data tersebut dapat diberikan, dan bagaimana prosedurnya?",
        "Berdasarkan Undang-Undang Keterbukaan Informasi Publik, saya meminta informasi mengenai realisasi "
        "anggaran pelatihan pegawai tahun lalu beserta daftar kegiatannya.",
    )),
    _Topic(Kind.PERMINTAAN_INFORMASI, "Kepegawaian", 8, (*_KANREG, "humas", "kepegawaian"), (
        "Pertanyaan tentang jadwal seleksi CPNS",
        "Syarat pindah instansi",
        "Cara memperbaiki data di aplikasi kepegawaian",
        "Menanyakan status usulan {layanan}",
    ), (
        "Kapan jadwal pendaftaran seleksi CPNS tahun ini dibuka? Saya lulusan D3 keperawatan dan ingin tahu formasi "
        "apa saja yang tersedia di {kota}.",
        "Saya ASN di pemerintah kabupaten dan ingin pindah ke instansi di {kota} karena ikut suami. Apa saja syarat "
        "dan dokumen yang harus saya siapkan untuk mutasi antarinstansi?",
        "Bagaimana cara memperbaiki data pendidikan saya di aplikasi kepegawaian? Gelar terakhir saya belum "
        "tercantum sehingga tidak bisa dipakai untuk usulan kenaikan pangkat.",
        "Saya ingin menanyakan status usulan {layanan} yang diajukan instansi saya {waktu}. Apakah berkasnya "
        "sudah diterima di {kantor}?",
    )),
    _Topic(Kind.PERMINTAAN_INFORMASI, "Pengadaan Barang/Jasa", 3, ("pengadaan",), (
        "Jadwal pengumuman tender {paket}",
        "Syarat menjadi penyedia barang/jasa",
    ), (
        "Kami berminat mengikuti tender {paket}. Kapan jadwal pengumumannya dan di mana dokumen pemilihan dapat "
        "diunduh?",
        "Perusahaan kami baru berdiri dan ingin terdaftar sebagai penyedia. Apa saja persyaratan yang harus "
        "dipenuhi, dan apakah ada sosialisasi untuk penyedia baru?",
    )),
    _Topic(Kind.ASPIRASI, "Pelayanan Publik", 5, (*_KANREG, "humas", "humas", "humas"), (
        "Usulan antrean daring untuk layanan tatap muka",
        "Saran membuka layanan pada hari Sabtu",
        "Usulan ruang tunggu yang ramah anak",
    ), (
        "Saya mengusulkan agar {kantor} menyediakan antrean daring, sehingga masyarakat bisa mengambil nomor dari "
        "rumah dan datang sesuai jadwal. Dengan begitu penumpukan di ruang tunggu bisa dikurangi.",
        "Banyak pegawai yang hanya bisa mengurus keperluannya di luar jam kerja. Mohon dipertimbangkan agar "
        "layanan {layanan} juga dibuka pada hari Sabtu, setidaknya setengah hari.",
        "Ruang tunggu di {kantor} sering dipenuhi orang tua yang membawa anak kecil. Akan sangat membantu bila "
        "disediakan pojok bermain dan ruang laktasi.",
    )),
    _Topic(Kind.PENGADUAN, "Sistem Informasi", 6, (*_KANREG, "humas", "humas"), (
        "Aplikasi layanan tidak bisa diakses",
        "Gagal mengunggah dokumen persyaratan",
        "Kode OTP tidak pernah terkirim",
    ), (
        "Sejak {waktu} aplikasi layanan selalu menampilkan pesan 'server sedang sibuk' ketika saya mencoba masuk, "
        "padahal batas waktu pengajuan {layanan} sudah dekat.",
        "Setiap kali saya mengunggah dokumen persyaratan dalam format PDF berukuran kurang dari 1 MB, muncul pesan "
        "gagal tanpa keterangan. Sudah saya coba dari beberapa peramban dan hasilnya sama.",
        "Kode OTP untuk verifikasi akun tidak pernah masuk ke nomor HP saya, sehingga saya tidak bisa melanjutkan "
        "pendaftaran. Nomor yang saya daftarkan aktif dan bisa menerima SMS lain.",
    )),
    _Topic(Kind.ASPIRASI, "Sistem Informasi", 3, ("humas",), (
        "Usulan notifikasi status berkas melalui WhatsApp",
        "Saran panduan video untuk aplikasi layanan",
    ), (
        "Alangkah baiknya bila perubahan status berkas dikirimkan sebagai notifikasi melalui WhatsApp atau surel, "
        "sehingga kami tidak perlu berkali-kali membuka aplikasi untuk mengecek.",
        "Banyak pengguna yang kesulitan memakai aplikasi layanan, terutama pegawai yang sudah senior. Mohon "
        "dibuatkan panduan video singkat langkah demi langkah.",
    )),
    _Topic(Kind.ASPIRASI, "Kepegawaian", 2, ("kepegawaian",), (
        "Usulan pelatihan daring bagi pegawai di daerah",
        "Saran transparansi hasil seleksi jabatan",
    ), (
        "Pegawai di daerah terpencil sulit mengikuti pelatihan tatap muka karena biaya perjalanan. Kami mengusulkan "
        "agar lebih banyak pelatihan diselenggarakan secara daring.",
        "Kami mengusulkan agar nilai setiap tahap seleksi jabatan diumumkan secara terbuka, sehingga peserta dapat "
        "mengetahui kekurangannya dan hasil seleksi lebih dipercaya.",
    )),
)  # fmt: skip
_TOPIC_POOL: tuple[_Topic, ...] = _weighted([(t, t.weight) for t in _TOPICS])

# How a citizen's first message reads depends on the channel: a letter is formal, a chat is not, and a
# phone call or a visit is written down by the officer.
_FORMAL = (
    "Yth. Bapak/Ibu petugas pengaduan,\n\n{isi}\n\nAtas perhatian dan tindak lanjutnya saya ucapkan terima kasih.",
    "Selamat siang,\n\n{isi}\n\nMohon kiranya dapat segera ditindaklanjuti. Terima kasih.",
    "Dengan hormat,\n\n{isi}\n\nDemikian laporan ini saya sampaikan. Terima kasih.",
)
_OPENINGS: dict[Channel, tuple[str, ...]] = {
    Channel.EMAIL: _FORMAL,
    Channel.WEB: _FORMAL,
    Channel.LAPOR: _FORMAL,
    Channel.LETTER: (
        "Perihal: {subjek}\n\nDengan hormat,\n\n{isi}\n\nDemikian surat ini saya sampaikan. Atas perhatian "
        "Bapak/Ibu saya ucapkan terima kasih.",
    ),
    Channel.WHATSAPP: ("Selamat pagi, Pak/Bu. {isi} Mohon dibantu ya. Terima kasih.",
                       "Permisi, mau melapor. {isi}", "Assalamualaikum. {isi} Terima kasih sebelumnya."),
    Channel.TELEGRAM: ("Selamat siang. {isi} Mohon dibantu.", "Permisi, mau melapor. {isi}"),
    Channel.X: ("Min, mau lapor. {isi}", "Mohon perhatiannya. {isi}"),
    Channel.SMS: ("Lapor. {isi}", "Mohon dibantu. {isi}"),
    Channel.FACEBOOK: ("Mohon perhatiannya. {isi}", "Selamat malam admin. {isi} Terima kasih."),
    Channel.INSTAGRAM: ("Min, mau lapor. {isi}", "Halo admin. {isi}"),
    Channel.PHONE: ('Pelapor menelepon layanan pengaduan dan menyampaikan: "{isi}"',
                    'Dicatat dari telepon pelapor: "{isi}"'),
    Channel.WALK_IN: ('Pelapor datang langsung ke loket pengaduan dan menyampaikan: "{isi}"',),
}  # fmt: skip
_CHANNEL_POOL: tuple[Channel, ...] = _weighted([
    (Channel.EMAIL, 18), (Channel.WHATSAPP, 20), (Channel.LAPOR, 14), (Channel.WEB, 12), (Channel.TELEGRAM, 6),
    (Channel.X, 5), (Channel.INSTAGRAM, 5), (Channel.FACEBOOK, 4), (Channel.PHONE, 7), (Channel.WALK_IN, 5),
    (Channel.LETTER, 4), (Channel.SMS, 3),
])  # fmt: skip
# Reports taken by phone, at the desk or by post are typed in by an officer; the others arrive by intake.
_ENTERED_BY_OFFICER = frozenset({Channel.PHONE, Channel.WALK_IN, Channel.LETTER})
_WITH_EXTERNAL_ID = frozenset(Channel) - _ENTERED_BY_OFFICER
_INBOUND, _OUTBOUND = Direction.INBOUND.value, Direction.OUTBOUND.value
_PRIORITY_POOL: tuple[int, ...] = _weighted(
    [(int(Priority.RENDAH), 20), (int(Priority.SEDANG), 50), (int(Priority.TINGGI), 24), (int(Priority.DARURAT), 6)]
)

# Statuses by age (younger than 2, 10, 45 days, older): new reports are still being received, old ones
# mostly finished. Most stay open.
_AGE_LIMITS = (2 * _DAY_MS, 10 * _DAY_MS, 45 * _DAY_MS)
_STATUS_BY_AGE: tuple[tuple[Status, ...], ...] = (
    _weighted([(Status.DITERIMA, 80), (Status.DIVERIFIKASI, 15), (Status.DITINDAKLANJUTI, 5)]),
    _weighted([
        (Status.DITERIMA, 25), (Status.DIVERIFIKASI, 25), (Status.DITINDAKLANJUTI, 30),
        (Status.MENUNGGU_PELAPOR, 8), (Status.DITUNDA, 3), (Status.BUKAN_WEWENANG, 5), (Status.SELESAI, 4),
    ]),
    _weighted([
        (Status.DITERIMA, 6), (Status.DIVERIFIKASI, 10), (Status.DITINDAKLANJUTI, 34),
        (Status.MENUNGGU_PELAPOR, 12), (Status.DITUNDA, 6), (Status.BUKAN_WEWENANG, 4), (Status.SELESAI, 22),
        (Status.DIARSIPKAN, 6),
    ]),
    _weighted([
        (Status.DITERIMA, 2), (Status.DIVERIFIKASI, 5), (Status.DITINDAKLANJUTI, 25),
        (Status.MENUNGGU_PELAPOR, 10), (Status.DITUNDA, 7), (Status.BUKAN_WEWENANG, 4), (Status.SELESAI, 35),
        (Status.DIARSIPKAN, 12),
    ]),
)  # fmt: skip
_STATUS_SETTLED: tuple[Status, ...] = _weighted([
    (Status.SELESAI, 75), (Status.DIARSIPKAN, 22), (Status.BUKAN_WEWENANG, 1), (Status.DITUNDA, 1),
    (Status.DITINDAKLANJUTI, 1),
])  # fmt: skip
# Messages alternate citizen/officer; statuses that wait on the citizen or are finished end on the officer's
# answer, so their threads have an even length.
_THREAD_LENGTHS: dict[Status, tuple[int, ...]] = {
    Status.DITERIMA: (1, 1, 1, 2, 2, 3),
    Status.DIVERIFIKASI: (2, 2, 3, 3, 4),
    Status.DITINDAKLANJUTI: (2, 3, 4, 4, 5, 6),
    Status.MENUNGGU_PELAPOR: (2, 4, 4, 6),
    Status.DITUNDA: (3, 4, 4, 5),
    Status.BUKAN_WEWENANG: (2, 2, 4),
    Status.SELESAI: (2, 2, 4, 4, 6),
    Status.DIARSIPKAN: (2, 2, 4),
}

# An officer's answer is framed once here, so that writing a message costs one format call.
_ANSWER_FRAME = "Yth. {sapaan},\n\n{isi}\n\nHormat kami,\n{petugas}\n{unit}"


def _framed(*answers: str) -> tuple[str, ...]:
    return tuple(_ANSWER_FRAME.replace("{isi}", answer) for answer in answers)


_ACKNOWLEDGEMENTS = _framed(
    "Terima kasih telah menghubungi kami. Laporan Anda telah kami terima dengan nomor {nomor} dan saat ini sedang "
    "kami verifikasi. Kami akan menyampaikan perkembangannya paling lambat dalam tiga hari kerja.",
    "Laporan Anda sudah tercatat dengan nomor {nomor}. Petugas kami sedang memeriksa kelengkapan informasinya. "
    "Mohon simpan nomor tersebut untuk menanyakan perkembangan laporan.",
)
_PROGRESS = _framed(
    "Laporan Anda sedang ditindaklanjuti. Kami telah meminta klarifikasi dari pihak terkait di {kantor} dan masih "
    "menunggu jawaban tertulis. Kami akan segera mengabarkan hasilnya.",
    "Kami informasikan bahwa laporan nomor {nomor} sudah diteruskan kepada pejabat yang berwenang dan sedang dalam "
    "proses pemeriksaan.",
    "Mohon maaf atas keterlambatan penanganan. Tim kami sudah melakukan pengecekan dan saat ini sedang menyiapkan "
    "langkah perbaikan.",
)
_FINAL_ANSWERS: dict[Status, tuple[str, ...]] = {
    Status.MENUNGGU_PELAPOR: _framed(
        "Agar laporan Anda dapat kami tindak lanjuti, mohon lengkapi informasi berikut: lokasi dan waktu kejadian "
        "yang lebih rinci, nama atau ciri-ciri petugas yang terlibat (bila ada), serta bukti pendukung seperti foto "
        "atau dokumen. Kami tunggu tanggapan Anda dalam 10 hari kerja.",
        "Kami memerlukan salinan dokumen pendukung, misalnya nomor berkas atau tangkapan layar, untuk menelusuri "
        "laporan Anda. Mohon dikirimkan dengan membalas pesan ini.",
    ),
    Status.BUKAN_WEWENANG: _framed(
        "Setelah kami pelajari, substansi laporan Anda bukan merupakan kewenangan {unit}. Laporan Anda telah kami "
        "teruskan kepada instansi yang berwenang melalui SP4N-LAPOR! untuk ditindaklanjuti.",
    ),
    Status.DITUNDA: _framed(
        "Penanganan laporan Anda untuk sementara kami tunda karena masih menunggu hasil pemeriksaan dari instansi "
        "terkait. Kami akan menghubungi Anda kembali segera setelah ada perkembangan.",
    ),
    Status.DIARSIPKAN: _framed(
        "Karena hingga batas waktu yang ditentukan kami belum menerima tanggapan, laporan ini kami arsipkan. Anda "
        "tetap dapat menyampaikan laporan baru apabila diperlukan.",
        "Laporan ini kami arsipkan karena permasalahan yang sama sudah ditangani melalui laporan sebelumnya.",
    ),
}
_RESOLUTIONS: dict[Kind, tuple[str, ...]] = {
    Kind.PENGADUAN: _framed(
        "Laporan Anda telah selesai kami tindak lanjuti. Pihak terkait telah melakukan perbaikan dan petugas yang "
        "bersangkutan sudah mendapat pembinaan. Apabila masih terdapat kendala, silakan membalas pesan ini dalam "
        "10 hari kerja.",
        "Hasil pemeriksaan atas laporan Anda telah kami terima dan permasalahannya sudah diselesaikan. Terima kasih "
        "atas partisipasi Anda dalam mengawasi pelayanan publik.",
    ),
    Kind.ASPIRASI: _framed(
        "Terima kasih atas usulan Anda. Usulan tersebut telah kami sampaikan kepada pimpinan dan akan menjadi bahan "
        "pertimbangan dalam perbaikan layanan tahun depan.",
    ),
    Kind.PERMINTAAN_INFORMASI: _framed(
        "Informasi yang Anda minta telah kami kirimkan dalam lampiran. Apabila masih ada yang ingin ditanyakan, "
        "silakan membalas pesan ini.",
        "Informasi yang Anda minta dapat dilihat pada laman resmi kami di menu Layanan Informasi Publik. Bila ada "
        "hal yang belum jelas, silakan menghubungi kami kembali.",
    ),
}
_FOLLOW_UPS = (
    "Terima kasih atas tanggapannya. Sebagai tambahan informasi, saya bisa dihubungi pada jam kerja bila "
    "diperlukan keterangan langsung.",
    "Mohon maaf, bagaimana perkembangan laporan saya? Sudah cukup lama belum ada kabar.",
    "Baik, terima kasih. Saya tunggu kabar selanjutnya.",
    "Sampai hari ini belum ada perubahan. Mohon segera ditindaklanjuti.",
    "Berikut saya lampirkan dokumen pendukung yang diminta. Jika masih ada yang kurang, mohon diberi tahu.",
)
_NOTES = (
    "Sudah dikonfirmasi ke {kantor}, menunggu jawaban tertulis.",
    "Pelapor sudah dihubungi lewat telepon; keterangannya konsisten dengan laporan.",
    "Perlu koordinasi dengan Inspektorat sebelum dijawab. Mohon arahan.",
    "Bukti pendukung sudah diperiksa, cukup untuk ditindaklanjuti.",
    "Kemungkinan terkait dengan laporan lain dari wilayah yang sama, cek dulu sebelum menjawab.",
    "Draf jawaban sudah disiapkan, tinggal menunggu persetujuan atasan.",
)


# --- the organisation --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Staff:
    id: int
    name: str
    device: str


@dataclass(frozen=True, slots=True)
class _Unit:
    id: int
    code: str
    name: str
    office: str  # how a citizen names the place: "Kantor Regional III Bandung", "kantor pusat"
    cities: tuple[str, ...]
    handlers: tuple[_Staff, ...]  # members who answer reports: officers and the supervisor
    supervisor: _Staff


@dataclass(frozen=True, slots=True)
class _PlannedOfficer:
    login: str
    name: str
    role: Role
    unit_codes: tuple[str, ...]
    device: str


def _add_organisation(
    conn: Connection, rng: random.Random, now: datetime, age: timedelta = _ORGANISATION_AGE
) -> tuple[dict[str, _Unit], int]:
    """Units and officers; returns the units by code and the number of officers."""
    created_at = now - age
    unit_ids: dict[str, int] = {}
    for code, name, parent, _cities in _UNITS:  # one by one: a child needs its parent's id
        parent_id = unit_ids[parent] if parent else None
        conn.execute(insert(unit).values(code=code, name=name, parent_id=parent_id, created_at=created_at))
        unit_ids[code] = conn.execute(select(unit.c.id).where(unit.c.code == code)).scalar_one()
    planned = _plan_officers(rng)
    conn.execute(
        insert(officer),
        [{"login": p.login, "name": p.name, "role": p.role.value, "created_at": created_at} for p in planned],
    )
    officer_ids: dict[str, int] = {login: id_ for login, id_ in conn.execute(select(officer.c.login, officer.c.id))}
    conn.execute(
        insert(membership),
        [{"officer_id": officer_ids[p.login], "unit_id": unit_ids[c]} for p in planned for c in p.unit_codes],
    )
    return _units_for_generation(unit_ids, planned, officer_ids), len(planned)


def _plan_officers(rng: random.Random) -> list[_PlannedOfficer]:
    """A supervisor and two to four officers per unit, two admins; some officers help in a sister unit."""
    roles: list[tuple[Role, str]] = [(Role.ADMIN, "setjen"), (Role.ADMIN, "setjen")]
    for code, *_rest in _UNITS:
        roles.append((Role.SUPERVISOR, code))
        roles.extend((Role.OFFICER, code) for _ in range(rng.randint(2, 4)))
    # Distinct (first, last) pairs give distinct logins of the form ani.wijaya.
    pairs = rng.sample(range(len(_FIRST_NAMES) * len(_LAST_NAMES)), len(roles))
    siblings = _siblings()
    planned = []
    for number, ((role, code), pair) in enumerate(zip(roles, pairs, strict=True), start=1):
        first, last = _FIRST_NAMES[pair // len(_LAST_NAMES)], _LAST_NAMES[pair % len(_LAST_NAMES)]
        codes: tuple[str, ...] = (code,)
        if role is Role.OFFICER and siblings[code] and rng.random() < 0.2:
            codes = (code, rng.choice(siblings[code]))
        device = f"{code.upper()}-PC{number:02d}"
        planned.append(_PlannedOfficer(f"{first}.{last}".lower(), f"{first} {last}", role, codes, device))
    return planned


def _siblings() -> dict[str, tuple[str, ...]]:
    """Units under the same parent, where an officer may help out."""
    by_parent: dict[str | None, list[str]] = {}
    for code, _name, parent, _cities in _UNITS:
        by_parent.setdefault(parent, []).append(code)
    return {code: tuple(c for c in by_parent[parent] if c != code) for code, _name, parent, _cities in _UNITS}


def _units_for_generation(
    unit_ids: dict[str, int], planned: list[_PlannedOfficer], officer_ids: dict[str, int]
) -> dict[str, _Unit]:
    units = {}
    for code, name, _parent, cities in _UNITS:
        members = [p for p in planned if code in p.unit_codes and p.role is not Role.ADMIN]
        staff = {p.login: _Staff(officer_ids[p.login], p.name, p.device) for p in members}
        supervisor = next(p.login for p in members if p.role is Role.SUPERVISOR)
        office = name if code.startswith("kanreg-") else "kantor pusat"
        units[code] = _Unit(unit_ids[code], code, name, office, cities, tuple(staff.values()), staff[supervisor])
    return units


# --- tickets -----------------------------------------------------------------------------------------


T = TypeVar("T")


class _Dice(random.Random):
    """``random.Random`` with a cheaper uniform pick: ``choice`` goes through ``_randbelow``, a hot spot here."""

    def pick(self, options: Sequence[T]) -> T:
        return options[int(self.random() * len(options))]


def _uuid7(rng: random.Random, offset_ms: int) -> uuid.UUID:
    """A UUIDv7-shaped id: 48-bit millisecond time, version 7, RFC 4122 variant, 74 bits from ``rng``."""
    bits = rng.getrandbits(74)
    value = (_ID_EPOCH_MS + offset_ms) << 80 | 0x7 << 76 | (bits >> 62) << 64 | 0b10 << 62 | (bits & (1 << 62) - 1)
    return uuid.UUID(int=value)


def _scramble(serial: int, space: int) -> int:
    return (serial * _SCRAMBLE_MULTIPLIER + _SCRAMBLE_OFFSET) % space


@dataclass(frozen=True, slots=True)
class _Reporter:
    id: uuid.UUID
    name: str | None  # None: anonymous


@dataclass(slots=True)  # not frozen: one is made per ticket, and a frozen dataclass is slower to make
class _Draft:
    """What the parts of one ticket share while it is being made."""

    id: uuid.UUID
    channel: Channel
    kind: Kind
    status: Status
    place: _Unit
    handler: _Staff
    created: int  # milliseconds into the window
    age: int  # milliseconds from creation to now
    fills: dict[str, str]  # the template placeholders


@dataclass
class _Rows:
    """One batch of rows per table, inserted parents first."""

    reporters: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    tickets: list[dict[str, Any]] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    clocks: list[dict[str, Any]] = field(default_factory=list)

    def flush(self, conn: Connection) -> None:
        tables: list[tuple[Table, list[dict[str, Any]]]] = [
            (reporter, self.reporters),
            (reporter_contact, self.contacts),
            (ticket, self.tickets),
            (message, self.messages),
            (note, self.notes),
            (event, self.events),
            (sla_clock, self.clocks),
        ]
        for table, rows in tables:
            if rows:
                _insert_many(conn, table, rows)
                rows.clear()


def _insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """``conn.execute(insert(table), rows)``, but without SQLAlchemy's per-row cost where it can be avoided.

    For each row SQLAlchemy builds a parameter dict and converts it, which takes longer than SQLite takes
    to store the row. With a positional driver (SQLite, MariaDB) the statement is compiled once and the
    values go to the driver as tuples, converted column by column (see ``_bind_processor``).
    """
    dialect = conn.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(rows[0]))
    if compiled.positiontup is None:  # named parameters (psycopg): the standard path
        conn.execute(insert(table), rows)
        return
    columns = []
    for key in compiled.positiontup:
        values = [row[key] for row in rows]
        process = _bind_processor(table.c[key], dialect)
        columns.append([process(value) for value in values] if process else values)
    conn.exec_driver_sql(compiled.string, list(zip(*columns, strict=True)))


def _bind_processor(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The conversion SQLAlchemy applies to the column's values, with one shortcut.

    SQLite keeps timestamps as text, 'YYYY-MM-DD HH:MM:SS.ffffff', which SQLAlchemy formats through a dict
    per value; ``isoformat`` writes the same text in a quarter of the time, and a demo has a million of them.
    """
    if dialect.name == "sqlite" and isinstance(column.type, DateTime):
        return _sqlite_timestamp
    return column.type.dialect_impl(dialect).bind_processor(dialect)


def _sqlite_timestamp(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(" ", "microseconds")


@dataclass
class _Totals:
    reporters: int = 0
    messages: int = 0
    notes: int = 0


class _TicketMaker:
    """Makes tickets in creation order, so tracking numbers rise with created_at within each year."""

    def __init__(
        self,
        rng: _Dice,
        units: dict[str, _Unit],
        now: datetime,
        change_seq: int,
        tickets: int,
        deadline_seed: int,
        window: timedelta = WINDOW,
        seasonal: bool = False,
    ) -> None:
        self.rng = rng
        self.units = units
        self.now = now
        self.start = now - window
        self.window_ms = int(window.total_seconds() * 1000)
        # Spread evenly over the default window; over years, with the seasons of a complaint desk.
        self.seasons = Seasons(self.start, self.window_ms) if seasonal else None
        self.slow_share = _SLOW_SHARE if seasonal else 0.0
        self.clocks: DemoClocks | None = None  # set by fill: the deadline clocks, when wanted
        self.answered: int | None = None  # the current ticket's first answer (ms into the window)
        self.change_seq = change_seq
        self.tickets = tickets
        self.rows = _Rows()
        self.totals = _Totals()
        self.last_number: dict[int, int] = {}  # year -> highest tracking number used
        self.serials: dict[str, int] = {}  # contact family -> addresses handed out
        self.regulars: dict[Channel, list[_Reporter]] = {}  # per channel: who may write again
        # Deadlines draw from their own dice, so the rest of the demo is the same as before they were banded.
        self.deadline_dice = _Dice(deadline_seed)
        self.slow_dice = _Dice(deadline_seed + 1)  # the same for the slow reports of a demo over years
        self.open_made = 0

    def at(self, offset_ms: int) -> datetime:
        return self.start + _ONE_MS * offset_ms

    def make(self, index: int) -> None:
        rng = self.rng
        # Spread evenly with jitter: offsets rise with the index, so no sort is needed.
        if self.seasons is None:
            created = int((index + rng.random()) * self.window_ms / self.tickets)
        else:
            created = self.seasons.offset_ms((index + rng.random()) / self.tickets)
        age = self.window_ms - created
        topic = rng.pick(_TOPIC_POOL)
        place = self.units[rng.pick(topic.units)]
        channel = rng.pick(_CHANNEL_POOL)
        status = _status_for_age(rng, age, settled=self.seasons is not None)
        handler = rng.pick(place.handlers)
        ticket_id = _uuid7(rng, created)
        created_at = self.at(created)
        tracking_no = self.tracking_no(created_at.year)
        person = self.reporter(channel, created, place)
        draft = _Draft(ticket_id, channel, topic.kind, status, place, handler, created, age,
                       self.fills(topic, place, handler, person, tracking_no))  # fmt: skip
        count = min(rng.pick(_THREAD_LENGTHS[status]), 1 + age // _HOUR_MS)  # a new report has no history
        claimed = not status.is_closed and rng.random() < 0.1
        # The token rises on every acquire and release: a held claim is odd, a released one even.
        token = 2 * rng.randrange(3) + 1 if claimed else (2 * rng.randint(1, 2) if count > 1 else 0)
        slow = self.slow_share > 0 and self.slow_dice.random() < self.slow_share
        last = self.thread(
            draft, count, answer_token=token if claimed else token - 1,
            gap_cap=_SLOW_REPLY_GAP_MS if slow else _MAX_REPLY_GAP_MS,
        )  # fmt: skip
        updated = max(last, self.maybe_note(draft, last))
        creator = handler.id if channel in _ENTERED_BY_OFFICER else None
        response_due, due = self.deadlines(status, created_at)
        self.rows.tickets.append({
            "id": ticket_id, "tracking_no": tracking_no, "kind": topic.kind.value, "category": topic.category,
            "priority": rng.pick(_PRIORITY_POOL), "status": status.value, "unit_id": place.id,
            "channel": channel.value, "subject": draft.fills["subjek"], "reporter_id": person.id,
            "external_ref": str(rng.randrange(1_000_000, 10_000_000)) if channel is Channel.LAPOR else None,
            "first_response_due_at": response_due, "due_at": due,
            "claimed_by": handler.id if claimed else None, "claim_device": handler.device if claimed else None,
            "claim_token": token,
            "claim_expires_at": self.now + timedelta(seconds=rng.randint(*_CLAIM_SECONDS)) if claimed else None,
            "change_seq": self.change_seq, "created_by": creator, "created_at": created_at,
            "updated_at": self.at(updated), "closed_at": self.at(last) if status.is_closed else None,
        })  # fmt: skip
        if self.clocks is not None:
            self.rows.clocks.extend(
                self.clocks.rows(ticket_id, self.rows.tickets[-1], status, created, self.answered, last)
            )
        self.rows.events.append({
            "ticket_id": ticket_id, "officer_id": creator, "action": "create", "claim_token": None,
            "online": True, "device": handler.device if creator else None,
            "detail": _create_detail(channel, place.code),
            "change_seq": self.change_seq, "created_at": created_at,
        })  # fmt: skip

    def deadlines(self, status: Status, created_at: datetime) -> tuple[datetime, datetime]:
        """The response and resolution deadlines: a closed report keeps the ones it was made with; an open
        one takes the next band of ``DEADLINE_BANDS``, so that every demo shows the same mix of urgency
        whenever it runs (a few overdue by days, some due today or soon, most on time)."""
        if status.is_closed:
            return created_at + DEMO_RESPONSE_WITHIN, created_at + DEMO_RESOLVE_WITHIN
        low, high = DEADLINE_BANDS[self.open_made % len(DEADLINE_BANDS)]
        self.open_made += 1
        due = self.now + low + (high - low) * self.deadline_dice.random()
        return min(created_at + DEMO_RESPONSE_WITHIN, due), due

    def tracking_no(self, year: int) -> str:
        number = self.last_number[year] = self.last_number.get(year, 0) + 1
        return f"{TRACKING_PREFIX}-{year}-{number:06d}"

    def fills(self, topic: _Topic, place: _Unit, handler: _Staff, person: _Reporter, number: str) -> dict[str, str]:
        rng = self.rng
        city = rng.pick(place.cities)
        fills = {
            "kantor": place.office,
            "kota": city,
            "lokasi": f"{rng.pick(_STREETS)}, {city}",
            "layanan": rng.pick(_SERVICES),
            "jumlah": rng.pick(_AMOUNTS),
            "waktu": rng.pick(_WHEN),
            "paket": rng.pick(_PROCUREMENTS),
            "nomor": number,
            "unit": place.name,
            "petugas": handler.name,
            "sapaan": f"Bapak/Ibu {person.name}" if person.name else "Pelapor",
        }
        report = int(rng.random() * len(topic.subjects))
        fills["subjek"] = topic.subjects[report].format_map(fills)
        fills["isi"] = topic.bodies[report].format_map(fills)
        return fills

    def reporter(self, channel: Channel, created: int, place: _Unit) -> _Reporter:
        """Mostly a new reporter; some write again over the same channel. Anonymous ones never repeat."""
        rng = self.rng
        regulars = self.regulars.setdefault(channel, [])
        if regulars and rng.random() < 0.15:
            return rng.pick(regulars)
        anonymous = rng.random() < 0.08
        first, last = rng.pick(_FIRST_NAMES), rng.pick(_LAST_NAMES)
        person = _Reporter(_uuid7(rng, created), None if anonymous else f"{first} {last}")
        self.rows.reporters.append({
            "id": person.id, "name": person.name, "anonymous": anonymous,
            "confidential": not anonymous and rng.random() < 0.06, "created_at": self.at(created),
        })  # fmt: skip
        self.totals.reporters += 1
        if anonymous:  # no name and no way to reach them: that is what anonymous means
            return person
        self.add_contact(person, channel, first, last, place)
        if channel in (Channel.EMAIL, Channel.WEB, Channel.LAPOR) and rng.random() < 0.25:
            self.add_contact(person, Channel.WHATSAPP, first, last, place)
        if len(regulars) < _REUSE_POOL:
            regulars.append(person)
        else:
            regulars[rng.randrange(_REUSE_POOL)] = person
        return person

    def add_contact(self, person: _Reporter, channel: Channel, first: str, last: str, place: _Unit) -> None:
        address = self.address(channel, first.lower(), last.lower(), place)
        self.rows.contacts.append({"reporter_id": person.id, "channel": channel.value, "address": address})

    def address(self, channel: Channel, first: str, last: str, place: _Unit) -> str:
        """An address unique per channel by construction: each carries the next serial of its family.

        Names hold no digits, so "name part + serial" never collides; phone numbers and street addresses
        scramble the serial over a space of at least MAX_TICKETS, and there are never more reporters than tickets.
        """
        rng = self.rng
        if channel in (Channel.WHATSAPP, Channel.SMS, Channel.PHONE, Channel.WALK_IN):
            return f"+62{rng.pick(_MOBILE_PREFIXES)}{_scramble(self.next_serial('phone'), 10**8):08d}"
        if channel is Channel.LETTER:
            rest, house = divmod(_scramble(self.next_serial("letter"), 500 * 20 * 20 * len(_STREETS)), 500)
            rest, rt = divmod(rest, 20)
            street, rw = divmod(rest, 20)
            return f"{_STREETS[street]} No. {house + 1}, RT {rt + 1:02d}/RW {rw + 1:02d}, {rng.pick(place.cities)}"
        if channel in (Channel.TELEGRAM, Channel.X, Channel.INSTAGRAM):
            return f"@{first}{rng.pick(('', '_'))}{last}{self.next_serial('handle')}"
        if channel is Channel.FACEBOOK:
            return f"facebook.com/{first}.{last}.{self.next_serial('handle')}"
        local = rng.pick((f"{first}.{last}", f"{first}{last}", f"{first}_{last}", first))
        return f"{local}{self.next_serial('email')}@{rng.pick(_EMAIL_DOMAINS)}"

    def next_serial(self, family: str) -> int:
        serial = self.serials[family] = self.serials.get(family, 0) + 1
        return serial

    def thread(self, draft: _Draft, count: int, answer_token: int, gap_cap: int = _MAX_REPLY_GAP_MS) -> int:
        """The citizen writes first and the handler answers in turn; returns when the last message came.

        ``answer_token`` is the claim token of the handler's last acquire, under which the answers went out.
        ``self.answered`` is left at the time of the first answer (None: none yet).
        """
        rng, fills, channel = self.rng, draft.fills, draft.channel.value
        gap = min(draft.age // count, gap_cap)
        sent = draft.created
        self.answered = None
        for position in range(count):
            if position:  # strictly after the previous message, and before now
                sent = draft.created + int(gap * (position - 0.8 + 0.8 * rng.random()))
                if position == 1:
                    self.answered = sent
            inbound = position % 2 == 0
            if inbound:
                template = rng.pick(_OPENINGS[draft.channel] if position == 0 else _FOLLOW_UPS)
            else:
                template = self.answer(draft, position, final=position == count - 1)
            message_id = _uuid7(rng, sent)
            self.rows.messages.append({
                "id": message_id, "ticket_id": draft.id,
                "direction": _INBOUND if inbound else _OUTBOUND, "channel": channel,
                "external_id": f"demo-{message_id}" if inbound and draft.channel in _WITH_EXTERNAL_ID else None,
                "author_id": None if inbound else draft.handler.id, "body_text": template.format_map(fills),
                "claim_token": None if inbound else answer_token, "change_seq": self.change_seq,
                "created_at": self.at(sent),
            })  # fmt: skip
        self.totals.messages += count
        return sent

    def answer(self, draft: _Draft, position: int, final: bool) -> str:
        """The officer's words: the closing answer matches the status; earlier ones acknowledge or report."""
        choices = _ACKNOWLEDGEMENTS if position == 1 else _PROGRESS
        if final and draft.status is Status.SELESAI:
            choices = _RESOLUTIONS[draft.kind]
        elif final and draft.status in _FINAL_ANSWERS:
            choices = _FINAL_ANSWERS[draft.status]
        return self.rng.pick(choices)

    def maybe_note(self, draft: _Draft, last: int) -> int:
        """An internal note on a quarter of the reports past reception; returns its time (or creation's)."""
        rng, created = self.rng, draft.created
        if draft.status is Status.DITERIMA or rng.random() >= 0.25:
            return created
        written = created + int(rng.random() * ((last - created) or min(draft.age, _HOUR_MS)))
        author = draft.place.supervisor if rng.random() < 0.2 else draft.handler
        self.rows.notes.append({
            "id": _uuid7(rng, written), "ticket_id": draft.id, "author_id": author.id,
            "body": rng.pick(_NOTES).format_map(draft.fills), "added_offline": rng.random() < 0.05,
            "change_seq": self.change_seq, "created_at": self.at(written),
        })  # fmt: skip
        self.totals.notes += 1
        return written


@cache
def _create_detail(channel: Channel, unit_code: str) -> str:
    """The audit detail of a "create" event, as ``Work.audit`` writes it; few distinct values, so cached."""
    return json.dumps({"channel": channel.value, "unit": unit_code})


def _status_for_age(rng: _Dice, age_ms: int, settled: bool = False) -> Status:
    if settled and age_ms > _SETTLED_AGE_MS:  # a demo over years
        return rng.pick(_STATUS_SETTLED)
    return rng.pick(_STATUS_BY_AGE[bisect_right(_AGE_LIMITS, age_ms)])


# --- entry point -------------------------------------------------------------------------------------


def fill(
    conn: Connection,
    tickets: int,
    seed: int = 1,
    *,
    years: float | None = None,
    now: datetime | None = None,
    clocks: bool = True,
) -> DemoSummary:
    """Fill an empty, migrated database with demo data, inside the caller's write transaction.

    By default reports arrive evenly over the last ``WINDOW``; with ``years`` they are spread over that many
    years with the seasons of a complaint desk (``timeline.Seasons``: working hours, weekdays, holidays,
    Lebaran), nearly all older ones finished. ``now`` (naive UTC) is the moment the demo ends, the database
    server's clock by default (tests fix it). ``clocks``: give each report its response and resolution
    clocks (``clocks.DemoClocks``), so that the service levels have figures.
    """
    if not 0 <= tickets <= MAX_TICKETS:
        raise BadInput(f"the number of demo tickets must be between 0 and {MAX_TICKETS:,}, not {tickets:,}")
    if years is not None and not 0 < years <= MAX_YEARS:
        raise BadInput(f"demo reports are spread over more than 0 and at most {MAX_YEARS} years, not {years}")
    _refuse_unless_empty(conn)
    rng = _Dice(seed)
    now = server_now(conn) if now is None else now
    window = WINDOW if years is None else timedelta(days=round(365.25 * years))
    units, officers = _add_organisation(conn, rng, now, max(_ORGANISATION_AGE, window + timedelta(days=30)))
    maker = _TicketMaker(
        rng, units, now, stamp(conn), tickets, deadline_seed=seed, window=window, seasonal=years is not None
    )
    if clocks:
        maker.clocks = DemoClocks(read_rules(conn), maker.start, now, maker.change_seq)
    for index in range(tickets):
        maker.make(index)
        if (index + 1) % BATCH_TICKETS == 0:
            maker.rows.flush(conn)
    maker.rows.flush(conn)
    _continue_tracking_numbers(conn, maker.last_number)
    _add_canned_responses(conn, now, maker.change_seq)
    scene_events = add_scenes(conn, seed, now, maker.change_seq)
    return DemoSummary(
        units=len(units),
        officers=officers,
        reporters=maker.totals.reporters,
        tickets=tickets,
        messages=maker.totals.messages,
        notes=maker.totals.notes,
        events=tickets + scene_events,
    )


# Canned responses, global except the one that speaks for a unit; placeholders are filled by the composer.
_CANNED: tuple[tuple[str, str, str, str | None], ...] = (
    ("terima-laporan", "Laporan diterima",
     "Yth. {nama_pelapor},\n\nTerima kasih telah menghubungi kami. Laporan Anda telah kami terima dengan nomor "
     "{nomor_tiket} dan sedang kami verifikasi. Kami akan menyampaikan perkembangannya paling lambat dalam tiga "
     "hari kerja.\n\nHormat kami,\n{unit}", None),
    ("minta-kelengkapan", "Minta kelengkapan data",
     "Yth. {nama_pelapor},\n\nAgar laporan nomor {nomor_tiket} dapat kami tindak lanjuti, mohon lengkapi lokasi "
     "dan waktu kejadian yang lebih rinci serta bukti pendukung (foto atau dokumen). Kami tunggu tanggapan Anda "
     "dalam 10 hari kerja.\n\nHormat kami,\n{unit}", None),
    ("sedang-ditindaklanjuti", "Sedang ditindaklanjuti",
     "Yth. {nama_pelapor},\n\nLaporan Anda nomor {nomor_tiket} sedang ditindaklanjuti bersama pihak terkait. "
     "Kami akan segera mengabarkan hasilnya.\n\nHormat kami,\n{unit}", None),
    ("bukan-wewenang", "Bukan kewenangan kami",
     "Yth. {nama_pelapor},\n\nSetelah kami pelajari, substansi laporan nomor {nomor_tiket} bukan merupakan "
     "kewenangan {unit}. Laporan Anda telah kami teruskan kepada instansi yang berwenang melalui SP4N-LAPOR!."
     "\n\nHormat kami,\n{unit}", None),
    ("humas-jadwal-layanan", "Jadwal layanan tatap muka",
     "Yth. {nama_pelapor},\n\nLayanan pengaduan tatap muka Biro Hubungan Masyarakat buka Senin sampai Jumat, "
     "pukul 08.00 sampai 16.00 WIB. Mohon membawa nomor laporan {nomor_tiket} saat berkunjung."
     "\n\nHormat kami,\n{unit}", "humas"),
)  # fmt: skip


def _add_canned_responses(conn: Connection, now: datetime, change_seq: int) -> None:
    work = begin(conn, None)
    work.prime(now, change_seq)  # the demo's one change stamp, not a second one
    for key, title, body, unit_code in _CANNED:
        add_canned_response(work, key, title, body, unit_code)


def _refuse_unless_empty(conn: Connection) -> None:
    held = [
        name
        for name, table in (("units", unit), ("officers", officer), ("tickets", ticket))
        if conn.execute(select(literal(1)).select_from(table).limit(1)).first() is not None
    ]
    if held:
        raise BadInput(
            f"the database already holds {' and '.join(held)}: demo data goes only into an empty database "
            "(run 'aduan db upgrade' on a new one)"
        )


def _continue_tracking_numbers(conn: Connection, last_number: dict[int, int]) -> None:
    """Real tickets created after the demo take the next number of their year, not a demo ticket's."""
    for year, number in sorted(last_number.items()):
        name = f"tracking:{TRACKING_PREFIX}-{year}"
        if not conn.execute(update(counter).where(counter.c.name == name).values(value=number)).rowcount:
            conn.execute(insert(counter).values(name=name, value=number))
