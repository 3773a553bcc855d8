"""The hand-written source of ``duplicates_corpus.jsonl``: Indonesian complaint texts in known duplicate groups.

Run ``python tests/data/duplicates_corpus_source.py`` to write the JSONL (ids numbered in a fixed shuffled
order, so that a group's texts are not neighbours). Every text was written by hand as a citizen or an officer
would put it; nothing is generated from templates. A group holds the paraphrases of one complaint (same
place, same problem) that came in on different channels; a group of one is a singleton. Many singletons are
*hard negatives*: the same topic as a group somewhere else in a different place (another street, RT, school,
puskesmas), or the same place with a different problem. They must not be grouped with it.

Each entry is (channel, subject, body).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

Entry = tuple[str, str, str]

GROUPS: dict[str, list[Entry]] = {}


def group(key: str, *entries: Entry) -> None:
    if key in GROUPS:
        raise ValueError(f"group {key} twice")
    GROUPS[key] = list(entries)


# --- roads -----------------------------------------------------------------------------------------------

group(
    "jalan-gegerkalong-hilir",
    (
        "email",
        "Jalan berlubang di Jl. Gegerkalong Hilir depan SDN 3",
        "Yth. Bapak/Ibu Dinas PUPR,\n\nSaya warga RW 04 Kelurahan Gegerkalong ingin melaporkan kondisi jalan di "
        "Jl. Gegerkalong Hilir, tepatnya di depan SD Negeri 3 Gegerkalong. Ada lubang cukup besar, diameternya "
        "kira-kira satu meter dan dalamnya sekitar 20 cm. Kalau hujan lubang tertutup genangan sehingga tidak "
        "terlihat. Minggu lalu ada dua pengendara motor yang terjatuh di situ, salah satunya ibu-ibu yang "
        "membonceng anaknya. Mohon segera ditambal sebelum ada korban yang lebih parah.\n\n"
        "Hormat saya,\nDedi Kurniawan",
    ),
    (
        "whatsapp",
        "lubang di gegerkalong hilir",
        "min tolong itu lubang di jl gegerkalong hilir depan SDN 3 udh gede bgt, td pagi ada yg jatoh lg motornya 🙏🙏",
    ),
    (
        "lapor",
        "Jalan Rusak Berlubang Gegerkalong Hilir",
        "Kondisi jalan di Gegerkalong Hilir (dekat sekolah dasar negeri 3) berlubang dan membahayakan pengguna jalan "
        "terutama anak sekolah yg menyeberang. Sudah lebih dari sebulan tidak ada perbaikan. Lokasi: Kel. "
        "Gegerkalong, Kec. Sukasari.",
    ),
    (
        "phone",
        "Laporan telepon: jalan berlubang Gegerkalong Hilir",
        "Pelapor (Bu Wati) menelepon, menyampaikan ada lubang besar di ruas Jl. Gegerkalong Hilir di depan SDN 3. "
        "Menurut pelapor sudah beberapa pengendara motor jatuh. Pelapor minta jalan segera ditambal.",
    ),
    (
        "telegram",
        "Pengaduan",
        "Assalamualaikum, mau lapor jalan gegerkalong hilir yg depan sd itu bolong parah pak, kalo ujan ga keliatan. "
        "Kapan dibenerin ya?",
    ),
)
group(
    "jalan-gegerkalong-girang",
    (
        "web",
        "Aspal bergelombang Jl. Gegerkalong Girang",
        "Aspal di Jl. Gegerkalong Girang dekat pertigaan ke Jl. Setiabudhi retak-retak dan bergelombang. Truk "
        "pengangkut pasir sering lewat sehingga kerusakannya makin parah. Mohon dilakukan pelapisan ulang.",
    ),
)
group(
    "jalan-cijerah-galian",
    (
        "web",
        "Bekas galian pipa di Jl. Cijerah tidak dirapikan",
        "Sudah tiga minggu bekas galian pipa di Jl. Cijerah, dekat Gang Mesjid Al-Hidayah, hanya ditimbun tanah "
        "merah tanpa diaspal kembali. Sekarang jalannya ambles dan becek, kalau kering berdebu sekali. Tolong "
        "kontraktornya ditegur supaya mengembalikan jalan seperti semula.",
    ),
    (
        "whatsapp",
        "galian cijerah",
        "Selamat siang. Bekas galian di Cijerah gg mesjid blm diaspal lg sdh 3 mgg, skrg ambles. "
        "Mohon ditindaklanjuti.",
    ),
    (
        "email",
        "Keluhan galian pipa Jl. Cijerah",
        "Dengan hormat,\nkami pengurus RW 06 Kelurahan Cijerah menyampaikan keluhan warga terkait galian di sepanjang "
        "Jl. Cijerah. Setelah pemasangan pipa selesai, lubang galian hanya diurug tanah sehingga permukaan jalan "
        "turun dan membentuk cekungan. Beberapa warga lansia sempat tergelincir. Kami mohon dinas terkait memanggil "
        "pelaksana pekerjaan untuk mengaspal ulang.\n\nHormat kami,\nKetua RW 06",
    ),
)
group(
    "pju-cijerah",
    (
        "whatsapp",
        "lampu jalan cijerah",
        "Lampu jalan sepanjang Jl. Cijerah dari pertigaan Sudirman sampai ke masjid mati semua sejak seminggu. "
        "Gelap banget pak kalau malam.",
    ),
)
group(
    "jalan-soekarno-hatta-amblas",
    (
        "lapor",
        "Jalan Amblas di Jl. Soekarno-Hatta dekat Jembatan Cikapundung",
        "Terjadi amblesan jalan di jalur lambat Jl. Soekarno-Hatta arah Cibiru, persis sebelum jembatan Sungai "
        "Cikapundung. Amblesan sekitar 2 meter dan retaknya makin melebar setelah hujan deras kemarin. Kendaraan "
        "berat tetap melintas. Mohon segera dipasang pembatas dan diperbaiki.",
    ),
    (
        "x",
        "Mention dari @rizal_bdg",
        "@pemkot jalan soekarno hatta sblm jembatan cikapundung ambles woy bahaya, truk masih pada lewat. "
        "Kasih rambu kek",
    ),
    (
        "phone",
        "Telepon: jalan amblas Soekarno Hatta",
        "Pelapor a.n. Pak Asep (sopir angkot) melaporkan aspal Jl. Soekarno Hatta jalur lambat sebelum jembatan "
        "sungai Cikapundung turun/amblas kurang lebih dua meter. Belum ada tanda peringatan di lokasi.",
    ),
    (
        "email",
        "Mohon pemasangan rambu di titik jalan amblas Soekarno Hatta",
        "Yth. Dinas Perhubungan dan Dinas PUPR,\nsaya setiap hari melintas di Jl. Soekarno-Hatta. Sejak Senin jalur "
        "lambat menjelang jembatan Cikapundung ambles dan sampai hari ini belum ada rambu ataupun kerucut lalu "
        "lintas. Malam hari sangat berbahaya karena penerangannya minim. Mohon segera dipasang rambu sementara "
        "sambil menunggu perbaikan.\n\nSalam,\nRina",
    ),
)
group(
    "lalin-soekarno-hatta-kiaracondong",
    (
        "x",
        "Mention dari @ojolbdg",
        "traffic light perempatan soekarno hatta - kiaracondong mati dr pagi, macet parah smp samsat. Mana petugasnya?",
    ),
)
group(
    "paving-antapani-kidul-rt05",
    (
        "whatsapp",
        "paving rt 05",
        "Pak, paving block di gang RT 05 RW 11 Antapani Kidul banyak yg copot, anak2 sering kesandung. Bisa dibantu "
        "perbaikan?",
    ),
    (
        "web",
        "Perbaikan jalan lingkungan RT 05/11 Antapani Kidul",
        "Jalan lingkungan di RT 05 RW 11 Kelurahan Antapani Kidul menggunakan paving block yang sudah rusak dan "
        "lepas di banyak titik sepanjang kurang lebih 150 meter. Kami sudah mengusulkan lewat musrenbang tahun lalu "
        "namun belum terealisasi. Mohon informasi apakah bisa dianggarkan tahun ini.",
    ),
)
group(
    "paving-antapani-wetan-rt02",
    (
        "web",
        "Jalan gang rusak RT 02 RW 08 Antapani Wetan",
        "Jalan gang di RT 02 RW 08 Kelurahan Antapani Wetan rusak, paving-nya ambles karena saluran di bawahnya "
        "bocor. Kalau hujan air menggenang dan licin. Mohon dibantu perbaikannya.",
    ),
)
group(
    "trotoar-dipatiukur",
    (
        "web",
        "Trotoar rusak di Jl. Dipatiukur",
        "Trotoar di sisi barat Jl. Dipatiukur depan kampus banyak ubin yang pecah dan terangkat akar pohon. "
        "Mahasiswa terpaksa berjalan di badan jalan. Mohon diperbaiki.",
    ),
    (
        "email",
        "Kerusakan trotoar Dipati Ukur",
        "Selamat pagi,\nsaya ingin menyampaikan bahwa trotoar di Jalan Dipati Ukur (depan gerbang kampus) rusak "
        "berat: ubinnya pecah, ada yang terangkat akar pohon, dan ada lubang saluran tanpa penutup. Teman saya "
        "pengguna tongkat hampir terperosok kemarin sore. Mohon perhatian dinas terkait.\n\nTerima kasih,\nNadia",
    ),
)
group(
    "jembatan-cikapundung-kolot",
    (
        "phone",
        "Telepon: jembatan kayu Cikapundung Kolot",
        "Pelapor Pak Ujang, warga RT 01 RW 02 Cikapundung Kolot, menyampaikan jembatan kayu penghubung kampung di "
        "atas sungai papannya sudah lapuk dan dua bilah patah. Anak sekolah setiap hari lewat situ.",
    ),
    (
        "whatsapp",
        "jembatan cikapundung kolot",
        "Assalamualaikum pak, jembatan kayu di kampung kami cikapundung kolot udah lapuk, ada papan yg patah. "
        "Takut ada anak jatuh ke sungai. Mohon bantuannya",
    ),
    (
        "lapor",
        "Jembatan penghubung Cikapundung Kolot lapuk",
        "Jembatan kayu penyeberangan warga di Cikapundung Kolot (RW 02) kondisinya lapuk dan beberapa papan patah. "
        "Jembatan ini satu-satunya akses anak-anak ke sekolah. Mohon diganti dengan jembatan yang lebih layak.",
    ),
)
group(
    "jpo-asia-afrika",
    (
        "web",
        "JPO Jl. Asia Afrika berkarat",
        "Jembatan penyeberangan orang di Jl. Asia Afrika dekat Alun-alun kondisinya memprihatinkan. Besi pegangan "
        "tangga berkarat dan ada pelat lantai yang berlubang. Mohon segera diperbaiki sebelum ada yang celaka.",
    ),
    (
        "x",
        "Mention dari @dinaaa_",
        "JPO asia afrika deket alun2 lantainya bolong sama karatan, ngeri bgt nyebrang. Tolong dong dibenerin",
    ),
    (
        "telegram",
        "jembatan penyeberangan",
        "Selamat sore, jembatan penyeberangan di Asia Afrika (yg dekat alun-alun) ada pelat lantai berlubang dan "
        "pagar besinya keropos. Mohon dicek.",
    ),
)

# --- street lights, traffic lights -----------------------------------------------------------------------

group(
    "pju-sukaluyu",
    (
        "email",
        "Lampu PJU mati di Jl. Sukaluyu",
        "Selamat malam,\nsaya ingin melaporkan bahwa lampu penerangan jalan umum di Jl. Sukaluyu, mulai dari lapangan "
        "voli sampai pertigaan ke Jl. Cikutra, sudah dua minggu mati. Jalan jadi gelap sekali dan minggu lalu ada "
        "warga yang dijambret di situ. Mohon segera diperbaiki.\n\nTerima kasih,\nYoga Pratama",
    ),
    (
        "whatsapp",
        "lampu jalan sukaluyu",
        "lampu jalan di sukaluyu mati smua min dr lapangan voli smp ujung, gelap bgt rawan jambret",
    ),
    ("telegram", "PJU Sukaluyu", "Pak, PJU di Jalan Sukaluyu sdh 2 minggu padam. Kapan diperbaiki?"),
    (
        "lapor",
        "PJU Padam Jl. Sukaluyu Rawan Kejahatan",
        "Sekitar 6 tiang lampu PJU di Jl. Sukaluyu Kel. Sukaluyu Kec. Cibeunying Kaler tidak menyala. Kondisi gelap "
        "menyebabkan rawan tindak kriminal, sudah terjadi penjambretan. Mohon dinas terkait menindaklanjuti.",
    ),
)
group(
    "pju-sukaluyu-siang",
    (
        "web",
        "Lampu jalan menyala siang hari",
        "Lampu PJU di Jl. Sukaluyu justru menyala terus dari pagi sampai sore. Sepertinya sensor atau timernya "
        "rusak. Sayang listriknya terbuang.",
    ),
)
group(
    "pju-sukajadi",
    (
        "whatsapp",
        "lampu jalan sukajadi",
        "Min lampu jalan depan jl sukajadi no 137 mati udh 4 hari, pas di tikungan jd rawan kecelakaan",
    ),
)
group(
    "pju-taman-cibeunying",
    (
        "web",
        "Lampu Taman Cibeunying padam",
        "Lampu-lampu di Taman Cibeunying mati sejak kabel listriknya dicuri pekan lalu. Taman jadi gelap dan dipakai "
        "nongkrong anak muda sampai larut. Mohon dipasang kembali dan ditambah pengamanan.",
    ),
    (
        "whatsapp",
        "kabel lampu taman",
        "Kabel lampu taman cibeunying dicolong orang, skrg gelap gulita tiap malem. Tlg diganti ya",
    ),
    (
        "phone",
        "Telepon: lampu taman Cibeunying",
        "Pelapor, warga sekitar Taman Cibeunying, menyampaikan lampu taman padam karena kabel hilang dicuri. Minta "
        "segera diperbaiki dan ada patroli malam.",
    ),
)
group(
    "pju-kolong-pasupati",
    (
        "x",
        "Mention dari @kang_ojol",
        "Lampu di kolong flyover pasupati arah taman sari mati semua, serem lewat situ malem2",
    ),
    (
        "email",
        "Penerangan kolong Jembatan Pasupati",
        "Yth. Dinas Perhubungan,\npenerangan di bawah Jembatan Layang Pasupati sisi Jl. Tamansari sudah beberapa hari "
        "tidak menyala. Banyak pejalan kaki dan ojek daring yang menunggu penumpang di sana. Mohon lampu diperbaiki "
        "demi keamanan.",
    ),
)
group(
    "lalin-pasteur-cipaganti",
    (
        "phone",
        "Telepon: lampu lalu lintas Pasteur",
        "Pelapor menyampaikan lampu lalu lintas di simpang Jl. Pasteur - Jl. Cipaganti berkedip kuning terus sejak "
        "kemarin sore sehingga kendaraan saling serobot.",
    ),
    (
        "whatsapp",
        "lampu merah pasteur",
        "lampu merah di perempatan pasteur cipaganti rusak pak kedip2 kuning aja, td hampir tabrakan",
    ),
    (
        "lapor",
        "APILL simpang Pasteur - Cipaganti tidak berfungsi",
        "Alat pemberi isyarat lalu lintas (APILL) di persimpangan Jl. Pasteur dan Jl. Cipaganti tidak berfungsi "
        "normal, hanya lampu kuning berkedip. Pada jam sibuk terjadi kemacetan dan rawan kecelakaan. Mohon Dishub "
        "segera memperbaiki atau menempatkan petugas.",
    ),
)
group(
    "lalin-dago-sulanjana",
    (
        "web",
        "Durasi lampu merah Dago - Sulanjana terlalu lama",
        "Durasi lampu merah di simpang Jl. Ir. H. Juanda (Dago) dengan Jl. Sulanjana terlalu lama untuk arah dari "
        "Sulanjana, antrean kendaraan sampai ke Jl. Diponegoro. Mohon pengaturan waktunya ditinjau.",
    ),
)

# --- waste -----------------------------------------------------------------------------------------------

group(
    "sampah-tps-ciroyom",
    (
        "lapor",
        "Sampah menumpuk di TPS Pasar Ciroyom",
        "TPS di Pasar Ciroyom sudah tidak diangkut kurang lebih satu minggu. Sampah menggunung sampai ke badan jalan "
        "Jl. Ciroyom, bau busuk menyengat dan air lindinya mengalir ke selokan. Pedagang dan pembeli terganggu. "
        "Mohon DLH segera mengangkut.",
    ),
    (
        "whatsapp",
        "sampah pasar",
        "Min sampah di pasar ciroyom udh kaya gunung, bau bgt ampe ke rumah2. Kapan diangkut?",
    ),
    (
        "email",
        "Keluhan sampah Pasar Ciroyom",
        "Kepada Yth. Dinas Lingkungan Hidup,\nsaya pedagang sayur di Pasar Ciroyom. Sudah seminggu truk sampah tidak "
        "datang ke TPS pasar. Tumpukan sampah meluber ke jalan dan menghalangi kendaraan bongkar muat. Banyak lalat "
        "dan tikus, kami khawatir menimbulkan penyakit. Mohon perhatiannya.\n\nHormat saya,\nH. Endang",
    ),
    ("telegram", "Lapor", "Lapor, tps ciroyom penuh, sampah smp ke jalan. Truk ga dtg2"),
    (
        "phone",
        "Telepon: sampah Pasar Ciroyom",
        "Pelapor mengeluhkan penumpukan sampah di tempat pembuangan sementara Pasar Ciroyom yang sudah sekitar satu "
        "minggu tidak diangkut sehingga menutupi sebagian jalan.",
    ),
)
group(
    "sampah-tps-gedebage",
    (
        "web",
        "TPS Pasar Induk Gedebage penuh",
        "Sampah di TPS Pasar Induk Gedebage menumpuk tinggi dan sebagian dibakar oleh oknum sehingga asapnya masuk "
        "ke permukiman. Mohon pengangkutan ditambah dan pembakaran dilarang.",
    ),
)
group(
    "pasar-ciroyom-atap-bocor",
    (
        "whatsapp",
        "atap pasar ciroyom",
        "Pak atap los daging di pasar ciroyom bocor dmn2, kalo ujan daging dagangan kena air. Udah lapor ke "
        "pengelola tp blm dibenerin",
    ),
)
group(
    "sampah-sungai-tamansari",
    (
        "web",
        "Warga membuang sampah ke Sungai Cikapundung",
        "Setiap pagi ada warga yang membuang sampah rumah tangga langsung ke Sungai Cikapundung dari jembatan kecil "
        "di RW 15 Tamansari. Sudah ditegur tapi tidak mempan. Mohon dipasang papan larangan dan ada penindakan.",
    ),
    (
        "whatsapp",
        "buang sampah ke sungai",
        "Pak, di jembatan rw 15 tamansari orang2 masih pd buang sampah ke cikapundung. Tlg ditertibkan",
    ),
)
group(
    "sampah-angkut-cicadas-rw07",
    (
        "whatsapp",
        "sampah rw 07",
        "Asslm, sampah di RW 07 Cicadas udah 2 minggu ga diangkut petugas, tong2 penuh smp tumpah. Kami udh bayar "
        "iuran tiap bln",
    ),
    (
        "email",
        "Pengangkutan sampah RW 07 Kelurahan Cicadas terhenti",
        "Yth. Bapak/Ibu,\nsejak awal bulan petugas pengangkut sampah tidak lagi datang ke RW 07 Kelurahan Cicadas, "
        "Kecamatan Cibeunying Kidul. Warga tetap membayar iuran kebersihan, tetapi sampah dibiarkan menumpuk di depan "
        "rumah. Ketika kami tanyakan ke kelurahan, katanya gerobaknya rusak. Mohon solusinya.\n\nSalam,\nLilis",
    ),
    (
        "phone",
        "Telepon: sampah RW 07 Cicadas",
        "Pelapor Bu Lilis (RW 07 Cicadas) kembali menanyakan pengangkutan sampah yang berhenti dua minggu; gerobak "
        "sampah disebut rusak.",
    ),
)
group(
    "iuran-sampah-cicadas-rw07",
    (
        "web",
        "Kenaikan iuran kebersihan RW 07 Cicadas",
        "Iuran kebersihan di RW 07 Kelurahan Cicadas dinaikkan dari Rp15.000 menjadi Rp30.000 per bulan tanpa "
        "musyawarah dengan warga dan tanpa penjelasan penggunaannya. Mohon kejelasan dasar pungutan ini.",
    ),
)
group(
    "sampah-angkut-sukamiskin-rw03",
    (
        "whatsapp",
        "sampah sukamiskin",
        "Sampah di RW 03 Sukamiskin udh 10 hari ga diangkut, bau. Petugasnya kemana ya",
    ),
)
group(
    "bakar-sampah-sukapura",
    (
        "whatsapp",
        "asap bakar sampah",
        "Pak tetangga saya di RT 02 RW 05 Sukapura tiap sore bakar sampah plastik, asapnya masuk rumah, anak saya "
        "asma. Sudah ditegur ga mau",
    ),
    (
        "web",
        "Pembakaran sampah di permukiman Sukapura",
        "Salah satu warga RT 02/05 Kelurahan Sukapura setiap sore membakar sampah termasuk plastik di halaman "
        "rumahnya. Asap masuk ke rumah-rumah di sekitarnya dan mengganggu kesehatan, terutama anak-anak dan lansia. "
        "Teguran RT tidak dihiraukan. Mohon penindakan sesuai perda.",
    ),
)

# --- floods and drainage ---------------------------------------------------------------------------------

group(
    "banjir-pagarsih",
    (
        "lapor",
        "Banjir Jl. Pagarsih setiap hujan",
        "Setiap hujan lebih dari satu jam, Jl. Pagarsih dari perempatan Jl. Jamika sampai Jl. Astana Anyar tergenang "
        "setinggi lutut. Saluran drainase tersumbat lumpur dan sampah. Kendaraan mogok dan air masuk ke toko-toko. "
        "Mohon normalisasi saluran.",
    ),
    ("whatsapp", "pagarsih banjir", "pagarsih banjir lg min, selokan mampet. tiap ujan pasti begini"),
    (
        "email",
        "Saluran air Jl. Pagarsih mampet",
        "Dengan hormat,\nsaya pemilik toko bangunan di Jl. Pagarsih. Kami sudah berkali-kali kebanjiran karena "
        "gorong-gorong di depan deretan toko tersumbat. Kemarin air setinggi 50 cm masuk ke toko dan merusak semen "
        "dagangan kami. Kami mohon dinas terkait mengeruk saluran secepatnya sebelum puncak musim hujan.\n\n"
        "Hormat saya,\nLiong",
    ),
    ("x", "Mention dari @bdg_update", "Jl Pagarsih kayak sungai lagi. Drainase kapan dikeruk sih @pemkot"),
)
group(
    "parkir-pagarsih",
    (
        "web",
        "Parkir di bahu Jl. Pagarsih",
        "Jl. Pagarsih macet setiap siang karena mobil bongkar muat dan parkir di bahu jalan depan toko-toko. Mohon "
        "penertiban parkir.",
    ),
)
group(
    "banjir-bumi-asri-mekar",
    (
        "email",
        "Tanggul jebol di Perumahan Bumi Asri Mekar",
        "Yth. BPBD dan Dinas Sumber Daya Air,\ntanggul Sungai Cipamokolan di belakang Perumahan Bumi Asri Mekar jebol "
        "sepanjang kurang lebih 10 meter tadi malam. Air masuk ke rumah-rumah di Blok C setinggi pinggang orang "
        "dewasa. Warga mengungsi ke masjid. Kami butuh bantuan karung pasir dan perbaikan tanggul secepatnya.\n\n"
        "Ketua RT 03",
    ),
    (
        "whatsapp",
        "tanggul jebol",
        "Tolong pak, tanggul di blkg perum bumi asri mekar jebol, blok C kebanjiran smp sepinggang",
    ),
    (
        "phone",
        "Telepon: tanggul jebol Bumi Asri Mekar",
        "Ketua RT 03 Perumahan Bumi Asri Mekar melaporkan tanggul sungai jebol sehingga rumah warga Blok C terendam. "
        "Meminta bantuan karung pasir dan perbaikan tanggul.",
    ),
)
group(
    "banjir-underpass-kiaracondong",
    (
        "x",
        "Mention dari @warga_kircon",
        "underpass kiaracondong tergenang lagi stiap ujan, pompa airnya ga jalan ya? motor pada mogok",
    ),
)
group(
    "banjir-cipamokolan-bumi-asri-pengerukan",
    (
        "web",
        "Pendangkalan Sungai Cipamokolan di Riung Bandung",
        "Sungai Cipamokolan di sekitar Riung Bandung mengalami pendangkalan parah, banyak sedimen dan eceng gondok. "
        "Kami mohon dilakukan pengerukan rutin agar tidak meluap saat hujan.",
    ),
)
group(
    "longsor-cibogo-rw09",
    (
        "lapor",
        "Tebing rawan longsor di Kampung Cibogo",
        "Tebing setinggi kurang lebih 8 meter di belakang rumah warga RT 04 RW 09 Kampung Cibogo retak setelah hujan "
        "deras beberapa hari terakhir. Sudah ada sebagian tanah yang runtuh menimpa dapur warga. Mohon BPBD meninjau "
        "dan membangun tembok penahan tanah.",
    ),
    (
        "whatsapp",
        "longsor cibogo",
        "pak tebing di blkg rmh warga rw 09 cibogo mulai longsor, dapur bu eti ketimpa tanah. warga takut kalo ujan "
        "malem",
    ),
    (
        "phone",
        "Telepon: tanah longsor Cibogo",
        "Ketua RW 09 Cibogo melaporkan tebing di permukiman retak dan sebagian longsor menimpa dapur salah satu "
        "rumah. Meminta peninjauan BPBD.",
    ),
)
group(
    "pohon-miring-juanda",
    (
        "web",
        "Pohon besar miring di Jl. Ir. H. Juanda",
        "Ada pohon mahoni besar di trotoar Jl. Ir. H. Juanda depan kampus ITHB yang miring ke jalan dan akarnya "
        "sudah mengangkat trotoar. Kalau angin kencang dahannya bergoyang. Mohon dipangkas atau ditebang sebelum "
        "tumbang.",
    ),
    (
        "x",
        "Mention dari @dagoers",
        "pohon di dago dpn kampus ITHB udah miring bgt ke jalan, tinggal nunggu tumbang nih @pemkot",
    ),
    (
        "phone",
        "Telepon: pohon miring di Dago",
        "Pelapor menyampaikan pohon mahoni di Jl. Dago (Ir. H. Juanda) depan ITHB condong ke badan jalan, khawatir "
        "tumbang saat hujan angin.",
    ),
)
group(
    "pohon-tumbang-riau",
    (
        "whatsapp",
        "pohon tumbang",
        "Ada pohon tumbang di Jl. RE Martadinata (Riau) dkt factory outlet, nutup satu lajur. Tolong dievakuasi",
    ),
)

# --- water (PDAM) ----------------------------------------------------------------------------------------

group(
    "pdam-mati-sekeloa",
    (
        "email",
        "Air PDAM tidak mengalir di Sekeloa",
        "Yth. Perumda Air Minum,\nsudah lima hari air PDAM di RW 03 Kelurahan Sekeloa tidak mengalir sama sekali. "
        "Tidak ada pemberitahuan pemeliharaan atau gangguan. Warga terpaksa membeli air galon untuk mandi dan "
        "memasak. Mohon penjelasan dan kiriman mobil tangki air sementara.\n\nTerima kasih,\nAri Setiawan, pelanggan",
    ),
    (
        "whatsapp",
        "air mati",
        "Air pdam di sekeloa rw 3 mati udh 5 hari min, ga ada info apa2. Tolong kirim tangki dong",
    ),
    (
        "telegram",
        "Air PDAM Sekeloa",
        "Pak, wilayah Sekeloa RW 03 air ledeng sudah hampir seminggu tidak keluar. Kapan normal kembali?",
    ),
    (
        "phone",
        "Telepon: air mati Sekeloa",
        "Pelapor (pelanggan PDAM di Sekeloa RW 03) menyampaikan aliran air terhenti sejak lima hari lalu tanpa "
        "pemberitahuan. Minta bantuan air bersih.",
    ),
)
group(
    "pdam-mati-sukamiskin",
    (
        "whatsapp",
        "air pdam",
        "Min air PDAM di Sukamiskin gang Manunggal mati dr kemarin pagi, ada perbaikan kah?",
    ),
)
group(
    "pdam-tagihan-dadang",
    (
        "email",
        "Tagihan air melonjak tidak wajar - No. Pelanggan 0312047",
        "Dengan hormat,\nsaya Dadang Suherman, pelanggan nomor 0312047. Tagihan air bulan ini Rp1.240.000, padahal "
        "biasanya sekitar Rp120.000 per bulan dan pemakaian kami tidak berubah. Angka meter di rumah juga tidak "
        "sesuai dengan angka di tagihan. Mohon dilakukan pengecekan meter dan koreksi tagihan.\n\nHormat saya,\n"
        "Dadang Suherman",
    ),
    (
        "whatsapp",
        "tagihan pdam",
        "Selamat siang, sy Dadang pelanggan 0312047. Tagihan air sy bln ini 1,2 jt pdhl biasanya 120rb. Mohon dicek "
        "meterannya, sy sdh kirim email jg",
    ),
)
group(
    "pdam-tagihan-yuliani",
    (
        "web",
        "Tagihan PDAM naik drastis",
        "Tagihan air rumah saya (pelanggan 0458811 atas nama Yuliani) tiba-tiba naik menjadi Rp870.000 dari "
        "biasanya Rp150.000. Rumah sempat kosong dua minggu karena mudik. Mohon pemeriksaan meter air.",
    ),
)
group(
    "pdam-keruh-arcamanik",
    (
        "web",
        "Air PDAM keruh di Arcamanik Endah",
        "Sejak tiga hari lalu air PDAM di Perumahan Arcamanik Endah berwarna coklat keruh dan berbau tanah. Air "
        "tidak bisa dipakai untuk memasak maupun mencuci pakaian putih. Mohon dicek kualitas airnya.",
    ),
    ("whatsapp", "air keruh", "air ledeng di arcamanik endah keruh coklat kaya susu coklat min 😭 udah 3 hari"),
    (
        "email",
        "Kualitas air buruk - Arcamanik Endah",
        "Yth. PDAM,\nkami warga Komplek Arcamanik Endah mengeluhkan air yang keruh kecoklatan dan berbau sejak Senin. "
        "Beberapa anak mengalami gatal-gatal setelah mandi. Mohon ada pengecekan dan penjelasan resmi kepada "
        "pelanggan.\n\nWassalam,\nForum Warga Arcamanik Endah",
    ),
)
group(
    "pdam-pipa-bocor-arcamanik",
    (
        "whatsapp",
        "pipa bocor",
        "Pipa PDAM bocor di Jl. Arcamanik depan minimarket, air nyembur ke jalan dr subuh, sayang airnya terbuang",
    ),
)

# --- population administration (KTP, KK, akta) -----------------------------------------------------------

group(
    "ektp-blanko-coblong",
    (
        "lapor",
        "Blanko e-KTP habis di Kecamatan Coblong",
        "Saya sudah rekam e-KTP di Kecamatan Coblong dua bulan lalu. Setiap kali menanyakan, petugas mengatakan "
        "blanko habis dan diminta menunggu tanpa kepastian. Sementara saya butuh KTP untuk melamar kerja. Mohon "
        "kejelasan ketersediaan blanko.",
    ),
    (
        "whatsapp",
        "ktp belum jadi",
        "Min, ktp sy blm jd2 udh 2 bln, ke kecamatan coblong katanya blangko abis mulu. Sampe kapan?",
    ),
    (
        "telegram",
        "Blanko KTP",
        "Selamat pagi, apakah blanko e-KTP di Kecamatan Coblong sudah tersedia? Saya sudah rekam sejak dua bulan "
        "lalu dan tiap datang katanya masih kosong.",
    ),
)
group(
    "ektp-rusak-kiaracondong",
    (
        "web",
        "Penggantian e-KTP rusak",
        "KTP elektronik saya patah dan chip-nya rusak. Saya sudah ke Kecamatan Kiaracondong tapi disuruh membuat "
        "surat keterangan dari kelurahan dulu. Apakah memang begitu prosedurnya?",
    ),
)
group(
    "ektp-hilang-andir",
    (
        "whatsapp",
        "ktp hilang",
        "Pak mau tanya, ktp sy hilang pas di angkot. Ngurus baru di kecamatan andir perlu surat kehilangan dr polsek "
        "ga ya?",
    ),
)
group(
    "kk-salah-nama-siti",
    (
        "email",
        "Kesalahan penulisan nama anak di Kartu Keluarga",
        "Yth. Disdukcapil,\nsaya Siti Aminah, warga Kelurahan Pasirkaliki. Nama anak kedua saya di Kartu Keluarga "
        "tertulis 'Muhamad Rizky' padahal di akta kelahiran 'Muhammad Rizki'. Saya sudah tiga kali datang ke "
        "kantor Disdukcapil untuk perbaikan dan selalu diminta kembali minggu depan. Padahal data ini diperlukan "
        "untuk pendaftaran sekolah. Mohon bantuannya.\n\nHormat saya,\nSiti Aminah",
    ),
    (
        "whatsapp",
        "perbaikan kk",
        "Assalamualaikum. Sy Siti Aminah, mau nanya perbaikan nama anak di KK (Muhamad Rizky jd Muhammad Rizki) "
        "kok lama bgt ya, udh 3x bolak balik ke dukcapil",
    ),
    (
        "phone",
        "Telepon: perbaikan KK Ibu Siti Aminah",
        "Ibu Siti Aminah (Pasirkaliki) menanyakan kembali perbaikan ejaan nama anak pada KK agar sesuai akta "
        "kelahiran. Sudah tiga kali ke Disdukcapil. Dibutuhkan untuk pendaftaran SD.",
    ),
)
group(
    "kk-pindah-datang-irwan",
    (
        "web",
        "Pindah datang belum diproses",
        "Saya Irwan, pindah dari Garut ke Kelurahan Cisaranten Kulon. Berkas pindah datang sudah saya serahkan ke "
        "kelurahan sebulan lalu, tetapi KK baru belum juga terbit. Mohon informasinya.",
    ),
)
group(
    "akta-online-error",
    (
        "web",
        "Aplikasi pengajuan akta kelahiran online error",
        "Saya mencoba mengajukan akta kelahiran anak melalui layanan online Disdukcapil. Setiap kali mengunggah "
        "surat keterangan lahir, muncul pesan 'upload gagal' dan formulir kembali kosong. Sudah dicoba di laptop "
        "dan HP, hasilnya sama.",
    ),
    (
        "whatsapp",
        "akta online",
        "kak web dukcapil buat akta lahir error terus pas upload surat lahir, balik lg ke awal. sy udh coba 5x",
    ),
    (
        "email",
        "Gagal unggah dokumen akta kelahiran daring",
        "Selamat siang,\nsejak kemarin saya tidak bisa menyelesaikan permohonan akta kelahiran secara daring. Di "
        "langkah unggah dokumen (surat keterangan kelahiran dari bidan) selalu muncul 'upload gagal', lalu isian "
        "hilang. Ukuran berkas hanya 300 KB dalam format PDF. Mohon diperbaiki karena kami tidak bisa datang "
        "langsung.\n\nTerima kasih,\nRatna",
    ),
)
group(
    "akta-kematian-lama",
    (
        "phone",
        "Telepon: akta kematian",
        "Pelapor menanyakan akta kematian ayahnya yang diajukan lewat kelurahan Babakan Ciparay sejak enam minggu "
        "lalu dan belum terbit, padahal dibutuhkan untuk mengurus pensiun janda.",
    ),
)
group(
    "dukcapil-antrean-online",
    (
        "x",
        "Mention dari @irma_ir",
        "kuota antrean online dukcapil abis dlm hitungan detik tiap jam 8, gimana warga mau ngurus? @pemkot",
    ),
    (
        "web",
        "Kuota antrean daring Disdukcapil selalu habis",
        "Setiap hari pukul 08.00 saya mencoba mengambil antrean daring di Disdukcapil, tetapi kuota selalu habis "
        "dalam satu dua menit. Sudah seminggu saya tidak mendapat nomor. Apakah ada calo yang memborong kuota?",
    ),
    (
        "whatsapp",
        "antrian dukcapil",
        "Pak kenapa antrian online dukcapil selalu penuh ya, baru jam 8 lewat 1 menit udh abis. Ada calo kah?",
    ),
)

# --- health insurance (BPJS), health centres -------------------------------------------------------------

group(
    "bpjs-ditolak-rsud-nining",
    (
        "email",
        "Pasien BPJS ditolak IGD RSUD",
        "Yth. Bapak/Ibu,\nibu saya, Nining (62 tahun), peserta BPJS Kesehatan kelas 3, dibawa ke IGD RSUD Kota pada "
        "Sabtu malam karena sesak napas. Petugas menyatakan kamar penuh dan kami diminta mencari rumah sakit lain "
        "tanpa dibantu rujukan. Kami akhirnya ke rumah sakit swasta dan harus membayar sebagai pasien umum. Kami "
        "mohon hal ini ditindaklanjuti.\n\nHormat kami,\nAgus (anak pasien)",
    ),
    (
        "lapor",
        "Penolakan pasien BPJS di IGD RSUD Kota",
        "Orang tua saya (Ibu Nining) peserta BPJS ditolak di IGD RSUD Kota dengan alasan ruangan penuh, tanpa "
        "pemeriksaan awal dan tanpa rujukan ke RS lain. Terpaksa berobat sebagai pasien umum di RS swasta.",
    ),
    (
        "whatsapp",
        "rsud tolak pasien",
        "Min ibu sy pasien bpjs ditolak igd rsud katanya kamar penuh, ga dicariin rujukan. Akhirnya bayar umum di rs "
        "swasta. Gmn ini?",
    ),
)
group(
    "bpjs-pbi-nonaktif-dadang",
    (
        "web",
        "Kartu KIS PBI tiba-tiba nonaktif",
        "Kartu KIS PBI atas nama Dadang Hermawan (Kel. Cigondewah Kaler) tiba-tiba tidak aktif saat berobat ke "
        "puskesmas. Kami keluarga tidak mampu dan tidak pernah mendapat pemberitahuan. Mohon diaktifkan kembali.",
    ),
    (
        "phone",
        "Telepon: KIS nonaktif Pak Dadang Hermawan",
        "Pelapor Pak Dadang Hermawan dari Cigondewah Kaler menyampaikan kartu KIS (PBI) nonaktif tanpa "
        "pemberitahuan sehingga tidak bisa berobat gratis. Minta pengaktifan kembali.",
    ),
)
group(
    "bpjs-pbi-nonaktif-sumiati",
    (
        "whatsapp",
        "bpjs nonaktif",
        "Pak, BPJS PBI punya ibu saya Sumiati (Sukahaji) nonaktif pas mau kontrol jantung. Ga pernah dikasih tau. "
        "Gimana cara aktifin lagi?",
    ),
)
group(
    "bpjs-antrean-kantor-cabang",
    (
        "web",
        "Antrean kantor cabang BPJS Kesehatan",
        "Antrean di kantor cabang BPJS Kesehatan sangat panjang, saya datang pukul 07.00 dan baru dilayani pukul "
        "13.00 hanya untuk perubahan faskes. Mohon layanan perubahan data diperbanyak secara daring.",
    ),
)
group(
    "puskesmas-padasuka-dokter-telat",
    (
        "lapor",
        "Dokter Puskesmas Padasuka datang terlambat",
        "Pasien di Puskesmas Padasuka sudah antre sejak pukul 06.00, tetapi dokter baru datang sekitar pukul 10.00. "
        "Banyak lansia yang menunggu lama tanpa kepastian. Hal ini terjadi hampir setiap hari. Mohon pengawasan "
        "jam kerja tenaga kesehatan.",
    ),
    (
        "whatsapp",
        "puskesmas padasuka",
        "Min di puskesmas padasuka dokternya dtg jam 10an terus, kita udh antri dr subuh. kasian yg sepuh2",
    ),
    (
        "telegram",
        "Keluhan puskesmas",
        "Saya mau komplain Puskesmas Padasuka, dokter umum datangnya siang. Pasien nunggu dari pagi buta.",
    ),
    (
        "email",
        "Keterlambatan pelayanan dokter di Puskesmas Padasuka",
        "Kepada Yth. Dinas Kesehatan,\nsaya membawa ayah saya kontrol rutin di Puskesmas Padasuka. Dalam sebulan "
        "terakhir kami tiga kali datang pukul 06.30 dan dokter baru mulai melayani sekitar pukul 10.00. Petugas "
        "pendaftaran tidak bisa memberi kepastian. Mohon perhatian agar jam pelayanan dokter sesuai jadwal.\n\n"
        "Terima kasih,\nBayu",
    ),
)
group(
    "puskesmas-padasuka-petugas-ketus",
    (
        "web",
        "Petugas pendaftaran Puskesmas Padasuka tidak ramah",
        "Petugas pendaftaran di Puskesmas Padasuka membentak pasien lansia yang lupa membawa kartu berobat. Mohon "
        "petugas diberi pembinaan tentang pelayanan yang sopan.",
    ),
)
group(
    "puskesmas-garuda-antre",
    (
        "whatsapp",
        "antrean puskesmas garuda",
        "Puskesmas garuda antriannya panjang bgt, dokternya cuma 1 yg praktek. Dr jam 7 smp jam 12 blm dipanggil",
    ),
)
group(
    "puskesmas-ibrahim-adjie-obat",
    (
        "web",
        "Obat hipertensi kosong di Puskesmas Ibrahim Adjie",
        "Sudah dua bulan obat amlodipin untuk pasien hipertensi di Puskesmas Ibrahim Adjie kosong. Pasien prolanis "
        "disuruh membeli sendiri di apotek. Mohon ketersediaan obat diperhatikan.",
    ),
    (
        "whatsapp",
        "obat kosong",
        "Pak, obat darah tinggi (amlodipin) di puskesmas ibrahim adjie kosong trs, 2 bln disuruh beli sendiri",
    ),
)
group(
    "rsud-parkir-mahal",
    (
        "web",
        "Tarif parkir RSUD terlalu mahal",
        "Keluarga pasien rawat inap di RSUD Kota harus membayar parkir motor Rp2.000 per jam tanpa batas maksimal. "
        "Untuk penunggu pasien yang berhari-hari ini sangat memberatkan.",
    ),
)

# --- extortion and illegal levies (pungli) ---------------------------------------------------------------

group(
    "pungli-seragam-sdn7-cibeunying",
    (
        "email",
        "Kewajiban membeli seragam di SDN 7 Cibeunying",
        "Yth. Dinas Pendidikan,\nsaya orang tua murid kelas 1 di SD Negeri 7 Cibeunying. Pihak sekolah mewajibkan "
        "pembelian paket seragam dan buku sebesar Rp850.000 melalui koperasi sekolah. Bila tidak membeli, anak "
        "tidak diberi jadwal pelajaran. Setahu saya sekolah negeri tidak boleh memungut biaya seperti ini.\n\n"
        "Hormat saya,\norang tua murid (mohon identitas dirahasiakan)",
    ),
    (
        "lapor",
        "Pungutan seragam SD Negeri 7 Cibeunying",
        "Sekolah SDN 7 Cibeunying mewajibkan siswa baru membeli seragam dan buku di koperasi sekolah Rp850 ribu. "
        "Orang tua yang keberatan ditekan oleh wali kelas.",
    ),
    (
        "whatsapp",
        "seragam sd",
        "Pak masa di SDN 7 cibeunying anak baru wajib beli seragam 850rb di koperasi, kalo ga beli katanya ga dpt "
        "jadwal. Emang boleh?",
    ),
    (
        "telegram",
        "Pungli sekolah",
        "Lapor pungutan di sd negeri 7 cibeunying: paket seragam+buku 850.000 wajib, ga ada kuitansi resmi.",
    ),
)
group(
    "sdn7-cibeunying-toilet",
    (
        "web",
        "Toilet SDN 7 Cibeunying rusak",
        "Toilet siswa di SDN 7 Cibeunying sudah lama rusak, pintunya lepas dan airnya tidak mengalir. Anak-anak "
        "terpaksa menahan buang air atau pulang ke rumah. Mohon diperbaiki.",
    ),
)
group(
    "pungli-parkir-pasar-kosambi",
    (
        "whatsapp",
        "parkir liar kosambi",
        "Juru parkir di pasar kosambi narik 5rb buat motor, ga ada karcis. Kalo ga mau bayar motornya digembok",
    ),
    (
        "web",
        "Juru parkir liar Pasar Kosambi",
        "Di sekitar Pasar Kosambi ada juru parkir tanpa rompi dan karcis resmi yang meminta Rp5.000 untuk sepeda "
        "motor, padahal tarif resmi Rp2.000. Pengunjung yang menolak diancam. Mohon ditertibkan.",
    ),
    (
        "x",
        "Mention dari @anak_bdg",
        "parkir liar di kosambi makin parah, motor 5rb tanpa karcis. Dishub kemana? @pemkot",
    ),
)
group(
    "pungli-parkir-alun-alun",
    (
        "whatsapp",
        "parkir alun alun",
        "Parkir di sekitar alun2 malem minggu ditarik 10rb mobil 5rb motor, karcisnya ga ada. Resmi ga sih?",
    ),
)
group(
    "pungli-kelurahan-cipedes",
    (
        "lapor",
        "Pungutan surat pengantar di Kelurahan Cipedes",
        "Saat mengurus surat pengantar domisili di Kantor Kelurahan Cipedes, saya diminta 'uang rokok' Rp50.000 oleh "
        "petugas agar surat bisa jadi hari itu. Tidak ada tanda terima.",
    ),
    (
        "whatsapp",
        "kelurahan cipedes",
        "Pak ngurus surat domisili di kelurahan cipedes dimintain 50rb 'buat rokok' sama petugasnya. Ini pungli kan?",
    ),
    (
        "email",
        "Dugaan pungli di Kantor Kelurahan Cipedes",
        "Dengan hormat,\nsaya ingin melaporkan dugaan pungutan liar di Kantor Kelurahan Cipedes. Pada hari Selasa "
        "saya mengurus surat keterangan domisili untuk keperluan bank. Petugas di meja pelayanan meminta uang "
        "Rp50.000 sebagai 'uang rokok' supaya surat langsung ditandatangani. Saya bersedia memberi keterangan "
        "lebih lanjut asalkan identitas saya dirahasiakan.",
    ),
)
group(
    "pungli-sumbangan-smpn12",
    (
        "web",
        "Sumbangan wajib SMP Negeri 12",
        "Komite SMP Negeri 12 menetapkan sumbangan pembangunan Rp1.500.000 per siswa yang harus dilunasi sebelum "
        "ujian semester. Namanya sumbangan tapi nominal dan tenggatnya ditentukan. Mohon ditinjau.",
    ),
)
group(
    "pungli-study-tour-sman9",
    (
        "email",
        "Biaya study tour SMAN 9 memberatkan",
        "Yth. Kantor Cabang Dinas Pendidikan,\nSMA Negeri 9 mewajibkan seluruh siswa kelas XI mengikuti study tour "
        "ke Bali dengan biaya Rp3.800.000. Siswa yang tidak ikut diancam tidak mendapat nilai tugas. Banyak orang "
        "tua keberatan tetapi takut bersuara. Mohon kebijakan ini ditinjau.",
    ),
    (
        "whatsapp",
        "study tour",
        "min, study tour sma 9 ke bali 3,8jt wajib, yg ga ikut ga dapet nilai. orang tua pd keberatan tp takut",
    ),
    (
        "lapor",
        "Study tour wajib SMAN 9 Rp3,8 juta",
        "SMAN 9 mewajibkan study tour kelas XI ke Bali Rp3,8 juta dengan ancaman nilai. Mohon Dinas Pendidikan "
        "menindaklanjuti.",
    ),
)
group(
    "elpiji-langka-holis",
    (
        "whatsapp",
        "gas melon",
        "Gas 3 kg di pangkalan jl holis kosong trs, di warung dijual 30rb. Pangkalannya nimbun kayanya",
    ),
    (
        "web",
        "Kelangkaan elpiji 3 kg di Jl. Holis",
        "Sudah dua minggu elpiji 3 kg sulit didapat di pangkalan resmi sekitar Jl. Holis. Di pengecer harganya "
        "mencapai Rp30.000, jauh di atas HET. Diduga ada penimbunan oleh pangkalan. Mohon dilakukan sidak.",
    ),
    (
        "phone",
        "Telepon: elpiji langka Holis",
        "Pelapor ibu rumah tangga di daerah Holis menyampaikan elpiji 3 kg langka di pangkalan dan dijual Rp30 ribu "
        "oleh pengecer. Minta operasi pasar.",
    ),
)

# --- permits ---------------------------------------------------------------------------------------------

group(
    "oss-nib-keripik-rina",
    (
        "email",
        "NIB tidak terbit di OSS",
        "Selamat pagi,\nsaya Rina Marlina, pelaku UMKM keripik singkong di Cibiru. Saya sudah mengisi data usaha di "
        "OSS sejak dua minggu lalu, namun NIB tidak kunjung terbit dan status di dasbor 'menunggu verifikasi'. "
        "Saya butuh NIB untuk mendaftar sertifikasi halal. Mohon bantuannya.\n\nSalam,\nRina Marlina",
    ),
    (
        "whatsapp",
        "nib oss",
        "Pak sy Rina, usaha keripik di cibiru, NIB di OSS blm terbit2 udh 2 mgg, statusnya menunggu verifikasi. "
        "Butuh bgt buat halal",
    ),
)
group(
    "oss-nib-laundry-fajar",
    (
        "web",
        "Kesalahan KBLI di NIB",
        "NIB usaha laundry saya terbit dengan KBLI yang salah sehingga izin lingkungan tidak bisa diajukan. Di OSS "
        "tidak ada menu untuk mengubahnya. Nama usaha: Fajar Laundry, Antapani.",
    ),
)
group(
    "pbg-rumah-hendra",
    (
        "lapor",
        "PBG rumah tinggal belum terbit 4 bulan",
        "Permohonan Persetujuan Bangunan Gedung (PBG) untuk rumah tinggal saya di Kelurahan Mekarwangi sudah diajukan "
        "melalui SIMBG sejak empat bulan lalu. Status masih 'verifikasi dokumen' dan tidak ada tanggapan dari "
        "petugas. Atas nama Hendra Gunawan.",
    ),
    (
        "email",
        "Permohonan PBG atas nama Hendra Gunawan",
        "Yth. Dinas Cipta Karya,\nsaya Hendra Gunawan mengajukan PBG rumah tinggal (Mekarwangi) melalui SIMBG pada "
        "bulan Februari. Sampai sekarang statusnya tidak berubah dari verifikasi dokumen. Saya sudah dua kali datang "
        "ke mal pelayanan publik, namun diminta menunggu. Mohon kejelasan.\n\nHormat saya,\nHendra Gunawan",
    ),
    (
        "phone",
        "Telepon: PBG Pak Hendra",
        "Pak Hendra Gunawan menanyakan progres PBG rumah tinggal di Mekarwangi yang sudah empat bulan di tahap "
        "verifikasi dokumen SIMBG.",
    ),
)
group(
    "izin-reklame-pasteur",
    (
        "web",
        "Perpanjangan izin reklame lambat",
        "Perpanjangan izin reklame papan nama toko kami di Jl. Pasteur sudah diajukan sebulan lalu namun belum ada "
        "kabar, sementara petugas satpol PP sudah menempel stiker segel.",
    ),
)
group(
    "mpp-sistem-down",
    (
        "whatsapp",
        "mpp",
        "Di mal pelayanan publik sistemnya down dr pagi, semua loket ga bisa layanin. Udah nunggu 3 jam",
    ),
)

# --- schools ---------------------------------------------------------------------------------------------

group(
    "ppdb-zonasi-smpn12-anisa",
    (
        "email",
        "Anak saya tidak diterima di jalur zonasi SMPN 12",
        "Yth. Panitia PPDB,\nanak saya, Anisa Putri, mendaftar ke SMP Negeri 12 lewat jalur zonasi. Jarak rumah kami "
        "ke sekolah hanya 400 meter sesuai titik koordinat, tetapi anak saya tidak diterima, sedangkan ada siswa "
        "yang rumahnya lebih jauh justru lolos. Kami mohon verifikasi ulang data jarak.\n\nHormat kami,\n"
        "orang tua Anisa Putri",
    ),
    (
        "whatsapp",
        "ppdb zonasi",
        "Min anak sy Anisa ga keterima zonasi di smpn 12, pdhl rumah cuma 400 m dr sekolah. Yg jauh malah lolos. "
        "Mohon dicek",
    ),
    (
        "lapor",
        "Dugaan kecurangan zonasi PPDB SMPN 12",
        "Calon siswa a.n. Anisa Putri dengan jarak 400 m tidak diterima di SMPN 12 jalur zonasi, sementara beberapa "
        "siswa dengan jarak lebih dari 1 km diterima. Diduga ada manipulasi domisili. Mohon diperiksa.",
    ),
    (
        "phone",
        "Telepon: PPDB SMPN 12",
        "Ibu dari calon siswi Anisa Putri menanyakan alasan anaknya tidak lolos zonasi SMP Negeri 12 padahal jarak "
        "rumah 400 meter.",
    ),
)
group(
    "smpn12-guru-jarang-masuk",
    (
        "web",
        "Guru matematika SMPN 12 jarang masuk",
        "Guru matematika kelas VIII di SMP Negeri 12 sering tidak masuk kelas dan hanya memberi tugas lewat grup. "
        "Anak-anak tertinggal materi menjelang ujian. Mohon pengawasan.",
    ),
)
group(
    "ppdb-afirmasi-smpn5",
    (
        "whatsapp",
        "ppdb afirmasi",
        "Anak sy daftar jalur afirmasi (KETM) di SMPN 5 ditolak, katanya data DTKS ga ada. Pdhl kami terdaftar. "
        "Gmn ini?",
    ),
)
group(
    "ppdb-situs-down",
    (
        "x",
        "Mention dari @ortu_cemas",
        "situs ppdb down dr jam 8 pagi, hari pertama pendaftaran udh begini. @disdik tolong",
    ),
    (
        "whatsapp",
        "web ppdb error",
        "Min web ppdb ga bisa dibuka dr pagi, loading trs trus error 502. Hari ini kan hari pertama daftar",
    ),
    (
        "web",
        "Laman PPDB tidak bisa diakses",
        "Pada hari pertama pendaftaran PPDB, laman pendaftaran tidak bisa diakses sejak pukul 08.00 (error 502 / "
        "gateway timeout). Mohon jadwal pendaftaran diperpanjang karena banyak orang tua belum bisa mendaftar.",
    ),
    (
        "telegram",
        "PPDB",
        "Selamat pagi, situs PPDB online gangguan sejak pagi, tidak bisa login. Apakah ada perpanjangan?",
    ),
    (
        "email",
        "Gangguan sistem PPDB daring hari pertama",
        "Yth. Dinas Pendidikan,\nsaya ingin menyampaikan bahwa sistem PPDB daring tidak dapat diakses sejak pagi hari "
        "pertama pendaftaran. Halaman hanya menampilkan 'gateway timeout'. Kami mohon ada kepastian perpanjangan "
        "jadwal agar tidak merugikan calon siswa.\n\nTerima kasih.",
    ),
)
group(
    "pip-belum-cair-sdn-sukarasa",
    (
        "web",
        "Dana PIP siswa SDN Sukarasa belum cair",
        "Dana Program Indonesia Pintar untuk sekitar 40 siswa SDN Sukarasa 2 tahun ini belum cair, padahal sekolah "
        "lain sudah. Pihak sekolah bilang masih menunggu SK. Mohon kejelasan.",
    ),
    (
        "whatsapp",
        "pip",
        "Pak dana PIP anak sy di sdn sukarasa 2 blm cair, sekolah lain udh. kata sekolah nunggu SK. kapan ya?",
    ),
)
group(
    "sdn-cikutra2-atap",
    (
        "lapor",
        "Atap kelas SDN Cikutra 2 hampir roboh",
        "Atap dua ruang kelas di SDN Cikutra 2 melengkung dan rangka kayunya lapuk. Saat hujan air masuk ke kelas. "
        "Siswa terpaksa belajar bergantian di musala. Mohon rehabilitasi segera sebelum roboh.",
    ),
    (
        "whatsapp",
        "atap sekolah",
        "atap kelas 4 & 5 di SD cikutra 2 udh melendut pak, kayunya lapuk. anak2 belajar di musola. takut ambruk",
    ),
    (
        "email",
        "Permohonan rehabilitasi ruang kelas SDN Cikutra 2",
        "Dengan hormat,\nkami Komite SDN Cikutra 2 memohon rehabilitasi dua ruang kelas yang atapnya rusak berat. "
        "Rangka atap lapuk dan sudah melengkung, plafon jebol di beberapa bagian. Demi keselamatan, kegiatan belajar "
        "dipindahkan ke musala. Foto kondisi terlampir.\n\nHormat kami,\nKomite SDN Cikutra 2",
    ),
)
group(
    "sdn-cikutra1-banjir",
    (
        "web",
        "Halaman SDN Cikutra 1 tergenang",
        "Halaman dan dua kelas di SDN Cikutra 1 selalu tergenang air setiap hujan karena saluran di depan sekolah "
        "tersumbat. Mohon saluran dibersihkan.",
    ),
)

# --- social assistance (bansos) --------------------------------------------------------------------------

group(
    "bpnt-salah-sasaran-cigadung",
    (
        "lapor",
        "Penerima BPNT salah sasaran di RW 02 Cigadung",
        "Di RW 02 Kelurahan Cigadung, beberapa penerima BPNT adalah warga yang mampu (punya mobil dan usaha kos), "
        "sementara janda lansia dan buruh harian tidak terdaftar. Mohon verifikasi ulang data DTKS di wilayah kami.",
    ),
    (
        "whatsapp",
        "bansos salah sasaran",
        "Pak bansos bpnt di rw 02 cigadung salah sasaran, yg punya mobil dapet, nenek2 janda malah ngga. Tolong "
        "didata ulang",
    ),
    (
        "email",
        "Permohonan verifikasi ulang data penerima BPNT",
        "Yth. Dinas Sosial,\nkami tokoh masyarakat RW 02 Cigadung menyampaikan bahwa penyaluran BPNT di wilayah kami "
        "tidak tepat sasaran. Ada keluarga berkecukupan yang menerima, sedangkan beberapa lansia sebatang kara tidak "
        "pernah mendapat bantuan. Kami lampirkan daftar nama warga yang menurut kami layak.\n\nHormat kami.",
    ),
)
group(
    "blt-dipotong-jatihandap",
    (
        "lapor",
        "Pemotongan BLT oleh ketua RT di Jatihandap",
        "Dana BLT yang diterima warga RT 06 RW 04 Kelurahan Jatihandap dipotong Rp50.000 per penerima oleh ketua RT "
        "dengan alasan 'uang administrasi'. Warga takut melapor karena diancam dicoret dari daftar.",
    ),
    (
        "whatsapp",
        "blt dipotong",
        "Min BLT di jatihandap rt 6 dipotong 50rb sm pak RT, katanya buat administrasi. Kalo protes diancem dicoret",
    ),
    (
        "phone",
        "Telepon: potongan BLT Jatihandap",
        "Pelapor (minta dirahasiakan) dari RT 06/04 Jatihandap menyampaikan ketua RT memotong BLT Rp50 ribu per warga "
        "penerima.",
    ),
    (
        "telegram",
        "BLT",
        "Lapor pak, pemotongan bantuan langsung tunai 50 ribu di RT 06 RW 04 Jatihandap oleh RT. Warga diancam.",
    ),
)
group(
    "blt-dipotong-cicaheum",
    (
        "whatsapp",
        "potongan bansos",
        "Pak di kelurahan cicaheum RW 10 bansos beras dipotong, harusnya 10 kg cuma dapet 7 kg. Sisanya kemana?",
    ),
)
group(
    "bansos-tidak-terima-wawan",
    (
        "web",
        "Tidak pernah menerima bansos",
        "Saya Wawan, buruh harian lepas di Kelurahan Sukapada dengan tiga anak. Sudah terdaftar di DTKS sejak 2021 "
        "tetapi tidak pernah menerima bantuan apa pun. Mohon dicek data saya.",
    ),
)
group(
    "bansos-kks-hilang",
    (
        "whatsapp",
        "kartu kks",
        "Pak kartu KKS sy hilang, saldo bansosnya gimana? Ngurus kartu baru ke bank atau ke dinsos ya?",
    ),
)

# --- public order, noise, transport ----------------------------------------------------------------------

group(
    "pkl-trotoar-braga",
    (
        "web",
        "PKL dan parkir di trotoar Jl. Braga",
        "Trotoar Jl. Braga pada malam hari dipenuhi PKL dan motor yang parkir, sehingga pejalan kaki harus turun ke "
        "jalan. Padahal Braga kawasan wisata. Mohon penertiban rutin.",
    ),
    (
        "x",
        "Mention dari @jalan2bdg",
        "trotoar braga malem2 penuh pkl sama motor parkir, turis jalan di aspal. Satpol PP mana?",
    ),
    (
        "whatsapp",
        "braga",
        "Pak trotoar di braga dipake jualan & parkir motor tiap malem, pejalan kaki ga kebagian tempat",
    ),
)
group(
    "kafe-bising-progo",
    (
        "email",
        "Kebisingan kafe di Jl. Progo hingga dini hari",
        "Yth. Satpol PP,\nkami warga sekitar Jl. Progo terganggu oleh kafe yang menggelar musik langsung dengan "
        "pengeras suara keras setiap Jumat dan Sabtu hingga pukul 02.00. Anak-anak dan orang tua kami tidak bisa "
        "tidur. Kami sudah menegur pengelola secara baik-baik tanpa hasil. Mohon ditertibkan sesuai aturan jam "
        "operasional.\n\nHormat kami,\nwarga RT 01 RW 03 Citarum",
    ),
    (
        "whatsapp",
        "kafe berisik",
        "kafe di jl progo live music smp jam 2 pagi tiap malem minggu, berisik bgt pak ga bisa tidur",
    ),
    (
        "lapor",
        "Kafe live music Jl. Progo melanggar jam operasional",
        "Sebuah kafe di Jl. Progo (Kel. Citarum) mengadakan live music bervolume tinggi sampai dini hari setiap akhir "
        "pekan. Warga sudah menegur. Mohon Satpol PP menindak.",
    ),
)
group(
    "karaoke-bising-buahbatu",
    (
        "whatsapp",
        "karaoke",
        "Tempat karaoke di jl buah batu deket ruko suka berisik smp subuh, ada yg mabuk2 di parkiran juga",
    ),
)
group(
    "angkot-ngetem-stasiun",
    (
        "web",
        "Angkot ngetem di depan Stasiun Bandung",
        "Angkot berbagai jurusan ngetem berjam-jam di depan pintu selatan Stasiun Bandung (Jl. Stasiun Selatan), "
        "menutup satu lajur dan membuat macet. Mohon penertiban oleh Dishub.",
    ),
    ("x", "Mention dari @commuter_bdg", "angkot ngetem di stasiun selatan bikin macet parah, dishub please"),
)
group(
    "kabel-menjuntai-cihampelas",
    (
        "web",
        "Kabel menjuntai di Jl. Cihampelas",
        "Banyak kabel fiber optik dan telepon di Jl. Cihampelas yang menjuntai rendah, beberapa hanya sekitar 2 meter "
        "dari tanah. Kemarin sebuah truk box menyangkut kabel hingga tiangnya miring. Mohon para operator ditegur "
        "dan kabel dirapikan.",
    ),
    ("whatsapp", "kabel", "Kabel2 di cihampelas pada ngejuntai pak, td ada truk nyangkut smp tiangnya miring"),
    (
        "phone",
        "Telepon: kabel menjuntai Cihampelas",
        "Pelapor melaporkan kabel semrawut dan menjuntai rendah di Jl. Cihampelas; sebuah truk tersangkut kabel "
        "sehingga tiang miring.",
    ),
    (
        "x",
        "Mention dari @cihampelaswalk",
        "Kabel fiber optik di cihampelas udah kaya jemuran, rendah bgt. Bahaya buat kendaraan tinggi",
    ),
)
group(
    "tiang-listrik-miring-kopo",
    (
        "whatsapp",
        "tiang miring",
        "Tiang listrik di Jl. Kopo dkt pasar miring bgt abis ketabrak mobil, kabelnya tegang. Takut roboh",
    ),
)
group(
    "peternakan-ayam-cisaranten",
    (
        "web",
        "Bau kandang ayam di permukiman Cisaranten Wetan",
        "Ada peternakan ayam petelur dengan ratusan ekor di tengah permukiman RW 05 Cisaranten Wetan. Baunya sangat "
        "menyengat dan banyak lalat, terutama sore hari. Mohon dicek perizinannya.",
    ),
    (
        "whatsapp",
        "kandang ayam",
        "pak di rw 5 cisaranten wetan ada peternakan ayam di tengah kampung, bau bgt lalat dmn2. Ada izinnya ga sih",
    ),
)
group(
    "limbah-pabrik-dayeuhkolot",
    (
        "lapor",
        "Limbah pabrik tekstil dibuang ke Sungai Citarum",
        "Setiap malam sebuah pabrik tekstil di Dayeuhkolot membuang limbah cair berwarna ungu kehitaman ke Sungai "
        "Citarum melalui pipa tersembunyi di belakang pabrik. Air sungai berbau dan ikan mati. Mohon DLH melakukan "
        "pengambilan sampel dan penindakan.",
    ),
    (
        "whatsapp",
        "limbah",
        "Pak pabrik tekstil di dayeuhkolot buang limbah ke citarum tiap malem, airnya ungu item, ikan pd mati",
    ),
    (
        "email",
        "Pencemaran Sungai Citarum di Dayeuhkolot",
        "Kepada Yth. Dinas Lingkungan Hidup,\nkami kelompok pemuda peduli Citarum melaporkan adanya pembuangan limbah "
        "cair berwarna dari sebuah pabrik tekstil di wilayah Dayeuhkolot ke Sungai Citarum. Pembuangan dilakukan "
        "malam hari. Kami memiliki video dan koordinat lokasi pipa pembuangan. Mohon segera ditindaklanjuti.\n\n"
        "Salam lestari.",
    ),
    (
        "x",
        "Mention dari @savecitarum",
        "Citarum di Dayeuhkolot berubah warna lagi malam ini, limbah tekstil dibuang diam2. @DLH tolong sidak",
    ),
)
group(
    "limbah-tahu-cibuntu",
    (
        "web",
        "Limbah pabrik tahu di Cibuntu",
        "Limbah cair dari pabrik tahu rumahan di Cibuntu dialirkan ke selokan kampung sehingga baunya asam dan "
        "menyengat. Mohon ada pembinaan pengolahan limbah.",
    ),
)
group(
    "bangunan-bantaran-cidurian",
    (
        "web",
        "Bangunan di sempadan Sungai Cidurian",
        "Ada bangunan permanen baru dua lantai yang berdiri tepat di sempadan Sungai Cidurian dekat jembatan Jl. "
        "Jakarta. Bangunan ini mempersempit aliran sungai. Mohon dicek izinnya.",
    ),
    (
        "phone",
        "Telepon: bangunan di bantaran Cidurian",
        "Pelapor menyampaikan ada pembangunan rumah permanen di bantaran Sungai Cidurian dekat jembatan Jl. Jakarta "
        "yang menyempitkan sungai.",
    ),
)
group(
    "nomor-112-tidak-diangkat",
    (
        "x",
        "Mention dari @nanda_r",
        "Telepon 112 ga diangkat2 pas ada kebakaran di gang sebelah, 10 menit nyoba. Buat apa ada nomor darurat",
    ),
    (
        "email",
        "Layanan darurat 112 tidak merespons",
        "Yth. Bapak/Ibu,\ntadi malam terjadi kebakaran rumah di gang dekat tempat tinggal saya. Saya menelepon 112 "
        "berulang kali selama sekitar 10 menit tetapi tidak tersambung ke operator. Untungnya warga bisa memadamkan "
        "api. Mohon layanan 112 dievaluasi.\n\nNanda",
    ),
)
group(
    "samsat-calo",
    (
        "web",
        "Calo di Samsat",
        "Di halaman kantor Samsat banyak calo yang menawarkan perpanjangan STNK lima tahunan cepat dengan tarif "
        "Rp350.000 di luar pajak, dan terlihat akrab dengan petugas. Mohon ditertibkan.",
    ),
    (
        "whatsapp",
        "calo samsat",
        "Di samsat calo bebas keliaran, nawarin perpanjang stnk 5 thn 350rb, kayanya kerjasama sama orang dalem",
    ),
    (
        "lapor",
        "Praktik percaloan perpanjangan STNK",
        "Praktik calo perpanjangan STNK lima tahunan di kantor Samsat masih terjadi. Calo meminta Rp350.000 di luar "
        "pajak dan mengaku bisa selesai satu jam.",
    ),
)
group(
    "kelurahan-sukaraja-tutup",
    (
        "whatsapp",
        "kelurahan tutup",
        "Kantor kelurahan sukaraja jam 1 siang udh tutup, pdhl hari kerja. Sy mau ngurus surat jd ga bisa",
    ),
    (
        "web",
        "Kantor Kelurahan Sukaraja tutup sebelum jam pelayanan",
        "Saya datang ke Kantor Kelurahan Sukaraja hari Kamis pukul 13.10 dan kantor sudah tutup, tidak ada petugas "
        "piket. Ini sudah kedua kalinya. Mohon jam pelayanan ditaati.",
    ),
    (
        "telegram",
        "Kelurahan Sukaraja",
        "Pak, kelurahan Sukaraja sering tutup lebih awal (sebelum jam 2). Warga jadi bolak-balik.",
    ),
)
group(
    "pasar-sederhana-becek",
    (
        "web",
        "Lorong Pasar Sederhana becek",
        "Lorong los sayur di Pasar Sederhana selalu becek dan berlumpur karena atap bocor dan saluran air mampet. "
        "Pembeli enggan masuk. Mohon perbaikan atap dan saluran.",
    ),
    (
        "whatsapp",
        "pasar sederhana",
        "pasar sederhana becek parah pak, atapnya bocor dmn2 selokan mampet, pembeli pd males masuk",
    ),
)
group(
    "anjing-liar-cigadung",
    (
        "whatsapp",
        "anjing liar",
        "Pak ada gerombolan anjing liar di sekitar jl cigadung raya, kemarin anak tetangga digigit. Mohon ditangkap",
    ),
)

# --- more groups: a second complaint on a street, estate or school that already has one ------------------

group(
    "pju-pahlawan",
    (
        "web",
        "PJU Jl. Pahlawan mati",
        "Lampu penerangan jalan di Jl. Pahlawan antara Jl. Surapati dan Jl. Cikutra mati total sejak Jumat. Jalan "
        "ini ramai dilalui motor malam hari dan banyak lubang kecil yang jadi tidak terlihat.",
    ),
    (
        "whatsapp",
        "lampu jalan pahlawan",
        "lampu2 di jl pahlawan mati semua dr jumat pak, antara surapati-cikutra. gelap",
    ),
    (
        "phone",
        "Telepon: PJU Pahlawan",
        "Pelapor menyampaikan lampu jalan di sepanjang Jl. Pahlawan (ruas Surapati - Cikutra) padam sejak Jumat malam.",
    ),
)
group(
    "jalan-pahlawan-berlubang",
    (
        "lapor",
        "Jalan berlubang Jl. Pahlawan depan Pusdai",
        "Terdapat beberapa lubang di Jl. Pahlawan tepat di depan Pusdai, dalamnya sekitar 10 cm dan sering membuat "
        "pengendara mengerem mendadak. Mohon ditambal.",
    ),
    ("whatsapp", "lubang jl pahlawan", "Jl pahlawan dpn pusdai bolong2 pak, td sy hampir jatoh ngehindarin lubang"),
)
group(
    "drainase-kopo-permai",
    (
        "email",
        "Genangan air di Komplek Kopo Permai Blok F",
        "Yth. Dinas Sumber Daya Air dan Bina Marga,\nsetiap hujan deras jalan di Komplek Kopo Permai Blok F tergenang "
        "sampai 40 cm dan baru surut keesokan harinya. Saluran utama komplek tertutup bangunan ruko baru di ujung "
        "jalan sehingga air tidak bisa mengalir. Mohon ditinjau.\n\nHormat kami,\nPengurus RW 12",
    ),
    (
        "whatsapp",
        "genangan kopo permai",
        "Blok F kopo permai kebanjiran lg tiap ujan, salurannya ketutup ruko baru di ujung",
    ),
    (
        "web",
        "Saluran tertutup ruko, Kopo Permai tergenang",
        "Sejak ada ruko baru di ujung Blok F Komplek Kopo Permai, saluran air tertutup dan jalan tergenang setiap "
        "hujan. Mohon pengembang ruko diwajibkan membuka kembali saluran.",
    ),
)
group(
    "pdam-mati-antapani",
    (
        "whatsapp",
        "air pdam antapani",
        "Air di Antapani Tengah (sekitar Jl. Purwakarta) ga ngalir dr tadi malam min, ada gangguan?",
    ),
    (
        "telegram",
        "Air mati Antapani",
        "Selamat pagi, di Antapani Tengah dekat Jl. Purwakarta air PDAM tidak mengalir sejak semalam. Mohon info.",
    ),
)
group(
    "dbd-fogging-sekeloa",
    (
        "web",
        "Permohonan fogging di Sekeloa",
        "Dalam dua minggu terakhir sudah empat warga RW 06 Kelurahan Sekeloa dirawat karena demam berdarah, satu "
        "anak meninggal. Mohon segera dilakukan fogging dan pemeriksaan jentik.",
    ),
    (
        "whatsapp",
        "fogging",
        "pak di sekeloa rw 6 udh 4 org kena DBD, ada anak yg meninggal. Tolong fogging secepatnya",
    ),
)
group(
    "rsud-antrean-poli",
    (
        "lapor",
        "Antrean poliklinik RSUD Kota berjam-jam",
        "Pasien rawat jalan di poliklinik penyakit dalam RSUD Kota harus menunggu 5-6 jam untuk bertemu dokter. "
        "Sistem antrean online tidak sesuai dengan antrean di lokasi. Mohon perbaikan manajemen antrean.",
    ),
    (
        "whatsapp",
        "antri rsud",
        "Antri poli dalam di rsud dr jam 7 baru dipanggil jam 1, antrean online percuma pak ga sesuai",
    ),
    (
        "email",
        "Keluhan waktu tunggu poliklinik penyakit dalam",
        "Selamat siang,\nsaya pasien kontrol rutin di poli penyakit dalam RSUD Kota. Walaupun sudah mengambil nomor "
        "antrean daring sehari sebelumnya, saya tetap menunggu lebih dari lima jam. Banyak pasien lansia yang "
        "kelelahan. Mohon evaluasi sistem antrean.\n\nHormat saya,\nGalih",
    ),
)
group(
    "pkh-tidak-cair-entin",
    (
        "web",
        "Bantuan PKH tahap 2 tidak cair",
        "Saya Entin Suhartini, peserta PKH di Kelurahan Pasirjati. Bantuan tahap 2 tidak masuk ke rekening KKS saya, "
        "sedangkan peserta lain satu kelompok sudah menerima. Pendamping belum bisa menjelaskan.",
    ),
    (
        "phone",
        "Telepon: PKH Ibu Entin",
        "Ibu Entin Suhartini (Pasirjati) menanyakan bantuan PKH tahap dua yang belum masuk ke rekening KKS, "
        "sementara anggota kelompok lain sudah cair.",
    ),
)
group(
    "hajatan-tutup-jalan-sukagalih",
    (
        "whatsapp",
        "jalan ditutup hajatan",
        "Jl sukagalih ditutup total buat hajatan 3 hari pak, angkot & ambulans ga bisa lewat. Emang ada izinnya?",
    ),
    (
        "web",
        "Penutupan jalan untuk hajatan di Jl. Sukagalih",
        "Jl. Sukagalih ditutup penuh selama tiga hari untuk pesta pernikahan tanpa jalur alternatif. Kendaraan umum "
        "dan darurat harus memutar jauh. Mohon dicek izin keramaiannya.",
    ),
)
group(
    "pungli-makam-sirnaraga",
    (
        "lapor",
        "Pungutan liar di TPU Sirnaraga",
        "Saat memakamkan ayah kami di TPU Sirnaraga, kami diminta membayar Rp2.500.000 oleh oknum pengelola untuk "
        "biaya gali dan 'lahan', tanpa kuitansi. Padahal retribusi resmi jauh lebih kecil.",
    ),
    (
        "whatsapp",
        "biaya makam",
        "Pak di TPU sirnaraga kami dimintain 2,5 jt buat gali kubur & lahan, ga ada kuitansi. Resminya berapa sih?",
    ),
    (
        "email",
        "Biaya pemakaman tidak resmi TPU Sirnaraga",
        "Yth. Dinas Perumahan dan Kawasan Permukiman,\nkeluarga kami dikenai biaya pemakaman Rp2,5 juta di TPU "
        "Sirnaraga oleh orang yang mengaku pengelola makam. Kami tidak diberi bukti pembayaran. Mohon penjelasan "
        "tarif resmi dan penertiban.\n\nHormat kami,\nkeluarga alm. Bapak Sutisna",
    ),
)
group(
    "tmb-koridor2-jarang",
    (
        "web",
        "Bus Trans Metro Bandung koridor 2 jarang datang",
        "Bus TMB koridor 2 (Cicaheum - Cibeureum) sekarang datang hampir satu jam sekali. Penumpang menumpuk di halte "
        "dan banyak yang akhirnya naik ojek. Mohon armada ditambah.",
    ),
    ("x", "Mention dari @pejuangtmb", "TMB koridor 2 nunggu sejam lebih di halte, armadanya pada kemana @dishub"),
    (
        "whatsapp",
        "tmb",
        "Pak bis TMB cicaheum-cibeureum lama bgt dtgnya, bisa 1 jam. Tolong ditambah busnya",
    ),
)
group(
    "imunisasi-kosong-sukajadi",
    (
        "whatsapp",
        "imunisasi",
        "Bu/pak vaksin campak rubella di puskesmas sukajadi kosong 2 bulan, bayi sy telat imunisasi. Kapan ada?",
    ),
    (
        "web",
        "Vaksin MR kosong di Puskesmas Sukajadi",
        "Sudah dua bulan vaksin MR (campak rubella) di Puskesmas Sukajadi kosong sehingga jadwal imunisasi bayi "
        "terlambat. Mohon distribusi vaksin diperhatikan.",
    ),
)
group(
    "miras-dekat-sekolah-cibaduyut",
    (
        "web",
        "Toko menjual minuman keras dekat sekolah di Cibaduyut",
        "Sebuah toko kelontong di Jl. Cibaduyut Raya, kira-kira 50 meter dari SMP swasta, menjual minuman keras "
        "secara terbuka termasuk kepada pelajar. Mohon ditindak.",
    ),
    (
        "whatsapp",
        "jual miras",
        "Ada warung di cibaduyut raya deket smp jual miras bebas, anak sekolah jg dilayanin. Tolong ditertibkan",
    ),
)
group(
    "honorer-gaji-babakan-surabaya",
    (
        "email",
        "Honor guru honorer SDN Babakan Surabaya belum dibayar",
        "Yth. Dinas Pendidikan,\nkami guru honorer di SDN Babakan Surabaya 1 belum menerima honor selama tiga bulan. "
        "Kepala sekolah menyatakan dana BOS belum cair. Kami tetap mengajar penuh. Mohon kejelasan.\n\nHormat kami,\n"
        "para guru honorer",
    ),
    (
        "whatsapp",
        "honor guru",
        "Pak kami honorer di sdn babakan surabaya 1 udh 3 bulan ga digaji, katanya BOS blm cair",
    ),
)
group(
    "jalan-terusan-jakarta",
    (
        "lapor",
        "Jalan rusak Jl. Terusan Jakarta dekat Superindo",
        "Ruas Jl. Terusan Jakarta dekat Superindo Antapani berlubang besar di dua titik dan tergenang saat hujan. "
        "Sudah beberapa kali terjadi kecelakaan tunggal sepeda motor.",
    ),
    ("whatsapp", "terusan jakarta", "terusan jakarta dket superindo lubangnya gede bgt min, motor sering jatuh"),
    (
        "x",
        "Mention dari @antapani_info",
        "Lubang di Jl Terusan Jakarta (Superindo) makin lebar, hati2 yg lewat malam. @pemkot kapan ditambal?",
    ),
)
group(
    "tps-liar-margahayu-raya",
    (
        "web",
        "TPS liar di lahan kosong Margahayu Raya",
        "Lahan kosong di pojok Jl. Margahayu Raya dekat jalan tol dijadikan tempat pembuangan sampah liar oleh warga "
        "dari luar komplek. Sampahnya sudah setinggi dua meter dan sering dibakar.",
    ),
    (
        "whatsapp",
        "sampah liar",
        "Lahan kosong di margahayu raya deket tol jd tempat buang sampah liar, udh numpuk tinggi, suka dibakar jg",
    ),
    (
        "phone",
        "Telepon: pembuangan sampah liar Margahayu",
        "Pelapor dari Komplek Margahayu Raya melaporkan lahan kosong dekat jalan tol menjadi tempat pembuangan "
        "sampah liar dan sering dibakar.",
    ),
)
group(
    "rusun-sadang-serang-air",
    (
        "web",
        "Air tidak sampai ke lantai atas Rusun Sadang Serang",
        "Penghuni lantai 3 dan 4 Rusun Sadang Serang sudah dua minggu tidak mendapat air karena pompa rusun rusak. "
        "Kami harus mengangkut air dengan ember dari lantai bawah.",
    ),
    ("whatsapp", "rusun", "Pompa air rusun sadang serang rusak 2 mgg, lantai 3-4 ga dapet air, angkut ember terus pak"),
)
group(
    "ijazah-ditahan-dimas",
    (
        "email",
        "Ijazah anak ditahan sekolah karena tunggakan",
        "Dengan hormat,\nijazah SMK anak saya, Dimas Prasetyo, ditahan oleh SMK swasta tempatnya bersekolah karena "
        "tunggakan SPP Rp4.200.000. Anak saya tidak bisa melamar kerja. Apakah sekolah boleh menahan ijazah?\n\n"
        "Hormat saya,\nSuryadi",
    ),
    (
        "whatsapp",
        "ijazah ditahan",
        "Pak ijazah anak sy (Dimas, lulusan SMK swasta) ditahan krn nunggak spp 4,2jt. Dia mau ngelamar kerja ga bisa",
    ),
)
group(
    "ojol-dilarang-leuwipanjang",
    (
        "web",
        "Ojek daring dilarang menjemput di Terminal Leuwipanjang",
        "Pengemudi ojek pangkalan di Terminal Leuwipanjang melarang ojek daring menjemput penumpang, bahkan sampai "
        "mengintimidasi. Penumpang harus berjalan jauh ke luar terminal membawa barang.",
    ),
    (
        "x",
        "Mention dari @drivermuda",
        "di leuwipanjang ojol diusir2 ojek pangkalan, penumpang disuruh jalan jauh. Aturannya gimana?",
    ),
    (
        "whatsapp",
        "ojek leuwipanjang",
        "Min di terminal leuwipanjang ojek pangkalan ngelarang ojol jemput, sy sampe diancam. Tolong ditertibkan",
    ),
)
group(
    "kios-kosambi-sewa",
    (
        "email",
        "Kenaikan sewa kios Pasar Kosambi",
        "Yth. Perumda Pasar,\nkami pedagang Pasar Kosambi keberatan dengan kenaikan sewa kios hampir dua kali lipat "
        "tanpa sosialisasi, di tengah sepinya pembeli. Mohon ditinjau ulang.\n\nPaguyuban Pedagang Pasar Kosambi",
    ),
    (
        "web",
        "Sewa kios Pasar Kosambi naik dua kali lipat",
        "Sewa kios di Pasar Kosambi naik hampir 100% tanpa pemberitahuan sebelumnya. Pedagang kecil tidak sanggup "
        "membayar. Mohon ada keringanan.",
    ),
)
group(
    "balap-liar-soekarno-hatta",
    (
        "whatsapp",
        "balap liar",
        "Tiap malem minggu ada balap liar di soekarno hatta deket gedebage, jam 1-3 pagi, berisik & bahaya",
    ),
    (
        "x",
        "Mention dari @gedebage_warga",
        "balap liar jl soekarno hatta arah gedebage tiap sabtu malam. polisi kemana?",
    ),
)

# --- more singletons: same topic as a group, another place or problem; and unrelated reports -----------

group(
    "ektp-blanko-cibiru",
    (
        "whatsapp",
        "blanko ktp cibiru",
        "Di kecamatan cibiru blanko ktp katanya kosong, sy disuruh pake suket dulu. Sampe kapan ya?",
    ),
)
group(
    "ppdb-zonasi-smpn12-rafi",
    (
        "web",
        "Jalur zonasi SMPN 12 - Rafi",
        "Anak kami, Rafi Ramadhan, tidak diterima di SMPN 12 melalui zonasi padahal jarak rumah 650 meter. Kami ingin "
        "tahu berapa jarak terjauh yang diterima tahun ini.",
    ),
)
group(
    "puskesmas-pasirlayung-dokter-gigi",
    (
        "whatsapp",
        "dokter gigi",
        "Puskesmas pasirlayung poli giginya tutup terus, katanya dokter gigi cuti. Udah sebulan",
    ),
)
group(
    "galian-fo-setiabudhi",
    (
        "web",
        "Galian kabel fiber optik Jl. Setiabudhi",
        "Galian untuk kabel fiber optik di trotoar Jl. Setiabudhi dekat terminal Ledeng dibiarkan terbuka tanpa "
        "pengaman selama seminggu. Pejalan kaki harus turun ke jalan.",
    ),
)
group(
    "galian-pdam-cikutra",
    (
        "whatsapp",
        "galian cikutra",
        "Lubang bekas galian pdam di jl cikutra dkt makam pahlawan ga ditutup, cuma dikasih ban bekas",
    ),
)
group(
    "tarif-angkot-caheum-ciroyom",
    (
        "web",
        "Tarif angkot Caheum - Ciroyom naik sepihak",
        "Sopir angkot jurusan Cicaheum - Ciroyom menaikkan tarif menjadi Rp8.000 untuk jarak dekat tanpa ada "
        "ketetapan baru dari Dishub. Penumpang yang menolak dimarahi.",
    ),
)
group(
    "banjir-jamika",
    (
        "whatsapp",
        "banjir jamika",
        "Jl Jamika deket pasar banjir lg, air masuk ke rumah warga RW 02. Gorong2nya kecil bgt",
    ),
)
group(
    "bangkai-anjing-cigadung",
    (
        "whatsapp",
        "bangkai",
        "Ada bangkai anjing di pinggir jl cigadung raya udh 2 hari, bau. Tolong diangkut",
    ),
)
group(
    "tpu-cikutra-kotor",
    (
        "web",
        "TPU Cikutra tidak terawat",
        "Rumput dan semak di TPU Cikutra sudah setinggi pinggang, banyak makam tertutup dan jalan setapak tidak "
        "terlihat. Mohon pemeliharaan rutin.",
    ),
)
group(
    "halte-pasteur-rusak",
    (
        "web",
        "Halte Jl. Pasteur rusak",
        "Atap halte bus di Jl. Pasteur depan rumah sakit bolong dan bangkunya patah. Penumpang kehujanan saat "
        "menunggu.",
    ),
)
group(
    "motor-lawan-arah-sukajadi",
    (
        "x",
        "Mention dari @sukajadi_ku",
        "motor lawan arah di jl sukajadi makin banyak, td hampir nabrak. Pasang petugas dong @dishub",
    ),
)
group(
    "minimarket-cijerah",
    (
        "web",
        "Pembangunan minimarket di Jl. Cijerah tanpa sosialisasi",
        "Sedang dibangun minimarket di Jl. Cijerah yang jaraknya kurang dari 100 meter dari pasar tradisional, tanpa "
        "sosialisasi kepada warga dan pedagang. Mohon dicek perizinannya.",
    ),
)
group(
    "ambulans-kelurahan",
    (
        "whatsapp",
        "ambulans",
        "Ambulans kelurahan sukapada ga bisa dipake warga, katanya cuma buat pejabat. Td ada warga sakit malah naik "
        "angkot",
    ),
)
group(
    "pbb-naik",
    (
        "email",
        "Kenaikan PBB tidak wajar",
        "Dengan hormat,\nPBB rumah saya di Kelurahan Sukaluyu tahun ini naik dari Rp480.000 menjadi Rp1.900.000 tanpa "
        "ada perubahan bangunan. Mohon penjelasan dasar perhitungannya dan cara mengajukan keberatan.\n\nHormat saya,\n"
        "Teguh",
    ),
)
group(
    "bts-atap-rumah",
    (
        "web",
        "Menara BTS di atas rumah warga",
        "Di RT 03 RW 01 Kelurahan Cipamokolan berdiri menara BTS di atas atap rumah warga tanpa sosialisasi. Warga "
        "khawatir robohnya dan radiasinya. Apakah menara ini berizin?",
    ),
)
group(
    "asn-main-game",
    (
        "x",
        "Mention dari @warga_kesal",
        "Pegawai kantor kecamatan ujungberung pada main game di HP pas jam kerja, warga nunggu di loket dicuekin",
    ),
)
group(
    "usulan-jalur-sepeda",
    (
        "web",
        "Usulan jalur sepeda terproteksi di Jl. Riau",
        "Saya mengusulkan jalur sepeda yang terpisah dengan pembatas fisik di Jl. RE Martadinata (Riau), karena "
        "banyak pesepeda ke kantor yang harus berbagi lajur dengan mobil.",
    ),
)
group(
    "info-vaksin-rabies",
    (
        "whatsapp",
        "vaksin rabies",
        "Selamat pagi, mau tanya jadwal vaksin rabies gratis buat kucing & anjing bulan ini di mana aja ya?",
    ),
)
group(
    "terminal-cicaheum-toilet",
    (
        "web",
        "Toilet Terminal Cicaheum kotor dan mahal",
        "Toilet umum di Terminal Cicaheum sangat kotor, air sering mati, tetapi tetap dipungut Rp5.000. Mohon "
        "kebersihan diperbaiki.",
    ),
)
group(
    "rumah-kosong-mabuk-sukajadi",
    (
        "phone",
        "Telepon: rumah kosong jadi tempat mabuk",
        "Pelapor menyampaikan rumah kosong di Gang Sadar, Kelurahan Sukajadi, sering dipakai pemuda untuk "
        "mabuk-mabukan hingga larut malam. Warga resah.",
    ),
)
group(
    "lift-rusunawa-rancacili",
    (
        "whatsapp",
        "lift rusun",
        "Lift di rusunawa rancacili mati udh sebulan, lansia & ibu hamil di lantai 5 kesusahan naik turun",
    ),
)
group(
    "hibah-rw-transparan",
    (
        "web",
        "Dana hibah RW tidak transparan",
        "Pengurus RW 10 Kelurahan Cicaheum tidak pernah mengumumkan penggunaan dana hibah kewilayahan. Warga meminta "
        "laporan tetapi tidak diberikan.",
    ),
)
group(
    "info-sim-keliling",
    (
        "telegram",
        "SIM keliling",
        "Selamat siang, minta info jadwal dan lokasi SIM keliling minggu ini. Terima kasih.",
    ),
)
group(
    "info-kia",
    (
        "whatsapp",
        "KIA",
        "Mau tanya syarat bikin kartu identitas anak (KIA) untuk anak umur 4 thn, bisa di kelurahan atau harus ke "
        "dukcapil?",
    ),
)
group(
    "taman-lansia-tempat-sampah",
    (
        "web",
        "Usulan tempat sampah terpilah di Taman Lansia",
        "Tempat sampah di Taman Lansia hanya ada dua dan selalu penuh saat akhir pekan. Saya mengusulkan penambahan "
        "tempat sampah terpilah organik/anorganik.",
    ),
)
group(
    "trotoar-sudirman-showroom",
    (
        "web",
        "Trotoar Jl. Sudirman dipakai showroom",
        "Trotoar di Jl. Jenderal Sudirman dekat perempatan Jl. Kebonjati dipakai untuk memajang mobil oleh showroom "
        "sehingga pejalan kaki tidak bisa lewat.",
    ),
)
group(
    "penipuan-dukcapil",
    (
        "whatsapp",
        "penipuan",
        "Ada yg ngaku petugas dukcapil telepon ibu sy, minta kode OTP katanya buat aktivasi KTP digital. Hati2 ya, "
        "tolong diumumkan",
    ),
)
group(
    "kolam-retensi-sirnaraga",
    (
        "web",
        "Kolam retensi Sirnaraga banyak nyamuk",
        "Kolam retensi di Sirnaraga airnya tidak mengalir, penuh sampah dan jadi sarang nyamuk. Warga sekitar banyak "
        "yang terkena DBD. Mohon dibersihkan.",
    ),
)
group(
    "ambulans-rsud-terlambat",
    (
        "email",
        "Ambulans RSUD datang terlambat",
        "Yth. Direktur RSUD Kota,\nsaat ayah saya kejang di rumah, ambulans yang kami pesan melalui call center baru "
        "tiba satu jam kemudian padahal jarak rumah kami ke RSUD hanya 4 km. Mohon evaluasi layanan ambulans.\n\nArif",
    ),
)
group(
    "fasum-perumahan",
    (
        "web",
        "Pengembang tidak menyerahkan fasos fasum",
        "Pengembang Perumahan Griya Cempaka Arum belum menyerahkan fasos fasum ke pemkot padahal perumahan sudah 12 "
        "tahun dihuni. Akibatnya jalan dan taman tidak bisa diperbaiki pakai anggaran pemerintah.",
    ),
)
group(
    "perpustakaan-jam",
    (
        "web",
        "Usulan jam buka perpustakaan daerah",
        "Perpustakaan daerah tutup pukul 15.00 dan libur Sabtu-Minggu, padahal pelajar dan pekerja baru sempat "
        "datang sore atau akhir pekan. Mohon jam buka diperpanjang.",
    ),
)
group(
    "pengamen-perempatan-kiaracondong",
    (
        "whatsapp",
        "anak jalanan",
        "Di lampu merah kiaracondong banyak anak kecil ngamen & minta2 sampe malem, kasian dan bahaya. Dinsos tolong",
    ),
)
group(
    "ojol-lawan-arus-dago",
    (
        "web",
        "Parkir ojek daring di Jl. Dago",
        "Puluhan ojek daring parkir di bahu Jl. Ir. H. Juanda depan mal menunggu pesanan, menyebabkan macet di jam "
        "pulang kantor.",
    ),
)
group(
    "bpjs-iuran-dobel",
    (
        "web",
        "Iuran BPJS terpotong dua kali",
        "Iuran BPJS Kesehatan mandiri saya bulan ini terdebet dua kali dari rekening (autodebet). Mohon dikembalikan "
        "kelebihannya. Nomor kartu 0001234567890.",
    ),
)
group(
    "sekolah-swasta-bangunan-retak",
    (
        "whatsapp",
        "gedung sekolah retak",
        "Tembok kelas di MI Al-Falah Cibiru retak panjang abis gempa kemarin, guru masih pake kelasnya. Takut roboh",
    ),
)
group(
    "kartu-pencari-kerja",
    (
        "whatsapp",
        "kartu kuning",
        "Bikin kartu kuning (AK1) di disnaker skrg bisa online ga ya? Web nya ga bisa dibuka",
    ),
)
group(
    "pju-cicadas-gang",
    (
        "whatsapp",
        "lampu gang",
        "Pak lampu di gang RW 07 Cicadas mati 3 titik, anak2 pulang ngaji gelap2an",
    ),
)
group(
    "pdam-meter-dicuri",
    (
        "phone",
        "Telepon: meter air dicuri",
        "Pelapor di Kelurahan Sekeloa menyampaikan meteran air PDAM di depan rumahnya dicuri orang tadi malam dan "
        "menanyakan prosedur penggantian.",
    ),
)

# --- a last few: a large group, and more chat-channel singletons -----------------------------------------

group(
    "jalan-bundaran-cibiru",
    (
        "lapor",
        "Kerusakan jalan di Bundaran Cibiru",
        "Permukaan jalan di sekitar Bundaran Cibiru (pertemuan Jl. Soekarno-Hatta dan Jl. Raya Cipadung) rusak "
        "berat: lubang-lubang besar, aspal terkelupas, dan genangan yang tidak pernah kering. Setiap pagi terjadi "
        "kemacetan panjang karena kendaraan harus menghindari lubang. Kondisi ini sudah berlangsung sejak awal musim "
        "hujan. Mohon segera dilakukan perbaikan permanen, bukan hanya ditambal sementara.",
    ),
    ("whatsapp", "bundaran cibiru", "bundaran cibiru ancur min jalannya"),
    (
        "telegram",
        "Jalan Cibiru",
        "Selamat pagi. Aspal di bunderan Cibiru udah hancur, lubangnya di mana-mana. Macet tiap pagi karena semua "
        "ngehindarin lubang.",
    ),
    (
        "x",
        "Mention dari @cibiru_hits",
        "Bunderan Cibiru kaya kubangan kerbau. Sudah berbulan2 ga dibenerin. @pemkot @dinaspupr",
    ),
    (
        "email",
        "Mohon perbaikan permanen jalan Bundaran Cibiru",
        "Yth. Dinas Bina Marga,\nsaya pengemudi bus karyawan yang setiap hari melewati Bundaran Cibiru. Lubang di "
        "bundaran sudah pernah ditambal bulan lalu, namun tambalannya kembali hancur setelah hujan. Beberapa lubang "
        "dalamnya lebih dari 15 cm dan dapat merusak kendaraan. Mohon dilakukan perbaikan permanen dengan beton atau "
        "aspal yang layak.\n\nHormat saya,\nRahmat",
    ),
    (
        "phone",
        "Telepon: jalan rusak Cibiru",
        "Pelapor menyampaikan jalan di bunderan Cibiru rusak parah dan tambalan lama sudah hancur lagi.",
    ),
)
group(
    "hidran-pasar-baru",
    (
        "email",
        "Hidran tidak berfungsi saat kebakaran di Pasar Baru",
        "Yth. Dinas Pemadam Kebakaran,\nsaat terjadi kebakaran kios di lantai 2 Pasar Baru kemarin siang, hidran "
        "gedung tidak mengeluarkan air sehingga pedagang hanya bisa memakai ember sambil menunggu mobil pemadam. "
        "Mohon pemeriksaan seluruh hidran di Pasar Baru.\n\nHormat kami,\nPaguyuban Pedagang Pasar Baru",
    ),
    ("whatsapp", "hidran", "Pas kebakaran di pasar baru kemaren hidrannya ga keluar air pak, pedagang cuma pake ember"),
    (
        "web",
        "Pemeriksaan hidran Pasar Baru",
        "Kebakaran kecil di Pasar Baru menunjukkan hidran gedung tidak berfungsi. Mohon dilakukan uji dan perbaikan "
        "hidran serta APAR di setiap lantai.",
    ),
)
group(
    "trayek-angkot-hilang",
    (
        "web",
        "Angkot Sadang Serang - Caringin tidak beroperasi lagi",
        "Sejak tiga bulan terakhir angkot jurusan Sadang Serang - Caringin sudah tidak terlihat beroperasi. Warga di "
        "sepanjang jalurnya, terutama pelajar, kesulitan transportasi. Mohon ada solusi.",
    ),
    (
        "telegram",
        "Angkot hilang",
        "Pak, angkot Sadang Serang-Caringin ke mana ya? Sudah lama ga ada, anak sekolah harus naik ojek terus.",
    ),
)
group(
    "pmt-basi-posyandu-melati",
    (
        "whatsapp",
        "pmt basi",
        "Bu/pak, makanan tambahan (PMT) buat balita di posyandu melati rw 04 babakan sari td basi, beberapa anak "
        "muntah",
    ),
    (
        "web",
        "PMT basi di Posyandu Melati Babakan Sari",
        "Pemberian makanan tambahan untuk balita di Posyandu Melati RW 04 Kelurahan Babakan Sari pada hari Rabu "
        "dalam kondisi basi. Beberapa balita muntah setelah memakannya. Mohon penyedia makanan dievaluasi.",
    ),
    (
        "phone",
        "Telepon: makanan posyandu basi",
        "Kader posyandu di Babakan Sari (RW 04, Posyandu Melati) melaporkan PMT balita yang dibagikan dalam keadaan "
        "basi; beberapa anak muntah.",
    ),
)
group(
    "telegram-lampu-gang-sekeloa",
    ("telegram", "Lampu gang", "Pak, lampu gang di Sekeloa RW 03 mati dua titik sejak kemarin. Mohon diganti."),
)
group(
    "telegram-pasar-baru-parkir",
    (
        "telegram",
        "Parkir Pasar Baru",
        "Parkir mobil di gedung Pasar Baru sekarang Rp10.000 per jam, mahal sekali dibanding tempat lain. Apakah "
        "sudah sesuai perda?",
    ),
)
group(
    "telegram-sekolah-daring",
    (
        "telegram",
        "Info PPDB SMA",
        "Selamat malam, mau tanya jadwal daftar ulang PPDB SMA tahap 2 kapan ya? Di web belum ada pengumuman.",
    ),
)
group(
    "telegram-banjir-cipamokolan",
    (
        "telegram",
        "Banjir",
        "Sungai Cipamokolan meluap lagi di Riung Bandung, jalan depan masjid tergenang 30 cm.",
    ),
)
group(
    "telegram-pungli-ktp",
    (
        "telegram",
        "Biaya KTP",
        "Apakah pembuatan KTP di kelurahan ada biayanya? Saya dimintai 100 ribu di Kelurahan Sukapada katanya biar "
        "cepat.",
    ),
)
group(
    "telegram-pohon-sekolah",
    (
        "telegram",
        "Pohon di sekolah",
        "Pohon beringin besar di halaman SDN Cikutra 1 dahannya sudah rapuh dan menjulur ke atap kelas. Mohon "
        "dipangkas.",
    ),
)


def write(path: Path, seed: int = 20260521) -> int:
    """Write the corpus as JSONL in a fixed shuffled order; returns the number of texts."""
    rows = [(key, entry) for key, entries in GROUPS.items() for entry in entries]
    random.Random(seed).shuffle(rows)
    with path.open("w", encoding="utf-8") as out:
        for n, (key, (channel, subject, body)) in enumerate(rows, start=1):
            line = {"id": f"c{n:04d}", "group": key, "channel": channel, "subject": subject, "body": body}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(rows)


if __name__ == "__main__":
    target = Path(__file__).with_name("duplicates_corpus.jsonl")
    print(f"{write(target)} texts in {len(GROUPS)} groups written to {target}")
