<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/actions.py" line="29"/>
        <source>Sync now</source>
        <translation>Perbarui sekarang</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="31"/>
        <source>New report…</source>
        <translation>Laporan baru…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="32"/>
        <source>Inbox</source>
        <translation>Kotak masuk</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="33"/>
        <source>Team discussion</source>
        <translation>Diskusi tim</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="34"/>
        <source>Needs attention</source>
        <translation>Perlu perhatian</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="35"/>
        <source>Referrals</source>
        <translation>Permintaan masukan</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="36"/>
        <source>Connect to server…</source>
        <translation>Sambungkan ke server unit…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="37"/>
        <source>Change password…</source>
        <translation>Ubah kata sandi…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="38"/>
        <source>Reset an officer&apos;s password…</source>
        <translation>Atur ulang kata sandi petugas…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="39"/>
        <source>Settings…</source>
        <translation>Pengaturan…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="40"/>
        <source>Manage canned responses…</source>
        <translation>Kelola templat balasan…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="41"/>
        <source>Channels…</source>
        <translation>Kanal…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="42"/>
        <source>Audit log…</source>
        <translation>Log audit…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="43"/>
        <source>Officers&apos; workload…</source>
        <translation>Beban kerja petugas…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="44"/>
        <source>Administration…</source>
        <translation>Administrasi…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="45"/>
        <source>Statistics…</source>
        <translation>Statistik…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="46"/>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="47"/>
        <source>Tour</source>
        <translation>Tur</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="49"/>
        <source>Search</source>
        <translation>Cari</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="50"/>
        <source>Clear filters</source>
        <translation>Hapus filter</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="52"/>
        <source>Claim</source>
        <translation>Ambil</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="53"/>
        <source>Release</source>
        <translation>Lepaskan</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="54"/>
        <source>Take over…</source>
        <translation>Ambil alih…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="55"/>
        <source>Take the next one</source>
        <translation>Ambil laporan berikutnya</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="56"/>
        <source>Send reply</source>
        <translation>Kirim balasan</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="57"/>
        <source>Add internal note</source>
        <translation>Tambah catatan internal</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="58"/>
        <source>Change status…</source>
        <translation>Ubah status…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="59"/>
        <source>Transfer to unit…</source>
        <translation>Teruskan ke unit…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="60"/>
        <source>Assign to officer…</source>
        <translation>Tugaskan ke petugas…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="61"/>
        <source>Priority, category, kind…</source>
        <translation>Prioritas, kategori, jenis…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="62"/>
        <source>Insert canned response…</source>
        <translation>Sisipkan templat balasan…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="63"/>
        <source>Print…</source>
        <translation>Cetak…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="64"/>
        <source>Save as PDF…</source>
        <translation>Simpan sebagai PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="66"/>
        <source>Mark as duplicate of…</source>
        <translation>Tandai sebagai duplikat dari…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="67"/>
        <source>Merge into…</source>
        <translation>Gabungkan ke…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="68"/>
        <source>Unlink</source>
        <translation>Lepas tautan</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="69"/>
        <source>Answer all linked…</source>
        <translation>Jawab semua yang tertaut…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="70"/>
        <source>Not our authority…</source>
        <translation>Bukan wewenang…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="71"/>
        <source>Refer to unit…</source>
        <translation>Minta masukan unit…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="72"/>
        <source>Answer…</source>
        <translation>Jawab…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="74"/>
        <source>New thread…</source>
        <translation>Topik baru…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="75"/>
        <source>Post</source>
        <translation>Kirim</translation>
    </message>
</context>
<context>
    <name>Admin</name>
    <message>
        <location filename="../../ui/admin/page.py" line="27"/>
        <source>The server cannot be reached, so nothing was changed. Try again when connected.</source>
        <translation>Server tidak dapat dihubungi, sehingga tidak ada yang diubah. Coba lagi setelah tersambung.</translation>
    </message>
</context>
<context>
    <name>AdminChannelTest</name>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="45"/>
        <source>%1: the connection works: %2.</source>
        <translation>%1: koneksi berfungsi: %2.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="47"/>
        <source>%1: the connection works.</source>
        <translation>%1: koneksi berfungsi.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="50"/>
        <source>%1: a secret of its webhook cannot be read on %2, where the test ran: the Aduan server reads it there. %3</source>
        <translation>%1: salah satu rahasia webhook-nya tidak dapat dibaca di %2, tempat uji ini dijalankan: server Aduan membacanya di sana. %3</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="56"/>
        <source>%1: its secret cannot be read on %2, where the test ran. The worker keeps the secrets where it runs: run “%3” there, with the worker&apos;s environment.</source>
        <translation>%1: rahasianya tidak dapat dibaca di %2, tempat uji ini dijalankan. Pekerja penerimaan menyimpan rahasia di mesin tempat ia berjalan: jalankan “%3” di sana, dengan lingkungan pekerja penerimaan.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="63"/>
        <source>%1: the worker does not use this account as configured: %2</source>
        <translation>%1: pekerja penerimaan tidak memakai akun ini sebagaimana diatur: %2</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="66"/>
        <source>%1: no secure connection (TLS) to the channel: %2</source>
        <translation>%1: tidak ada koneksi aman (TLS) ke kanal: %2</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="69"/>
        <source>%1: the channel refused the login or the token: %2</source>
        <translation>%1: kanal menolak login atau token: %2</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="72"/>
        <source>%1: the channel does not know the mailbox or number of the settings: %2</source>
        <translation>%1: kanal tidak mengenal kotak surat atau nomor dalam pengaturan: %2</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="75"/>
        <source>%1: the channel did not answer in time: %2</source>
        <translation>%1: kanal tidak menjawab tepat waktu: %2</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="76"/>
        <source>%1: the channel&apos;s server cannot be reached: %2</source>
        <translation>%1: server kanal tidak dapat dihubungi: %2</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="80"/>
        <source>%1: the channel refused the test: %2</source>
        <translation>%1: kanal menolak uji ini: %2</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="93"/>
        <source>mailbox %1</source>
        <translation>kotak surat %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="94"/>
        <source>%1 messages in it</source>
        <translation>berisi %1 pesan</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="95"/>
        <source>%1 for the next round</source>
        <translation>%1 untuk putaran berikutnya</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="96"/>
        <source>sending through %1 works</source>
        <translation>pengiriman lewat %1 berfungsi</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="97"/>
        <source>bot %1</source>
        <translation>bot %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="98"/>
        <source>X account %1</source>
        <translation>akun X %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="99"/>
        <source>number %1</source>
        <translation>nomor %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="100"/>
        <source>verified as %1</source>
        <translation>terverifikasi sebagai %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="101"/>
        <source>the list %1 answers</source>
        <translation>daftar %1 menjawab</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="102"/>
        <source>its first report %1 reads</source>
        <translation>laporan pertamanya %1 terbaca</translation>
    </message>
</context>
<context>
    <name>AdminWindow</name>
    <message>
        <location filename="../../ui/admin/window.py" line="32"/>
        <source>Administration</source>
        <translation>Administrasi</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="44"/>
        <source>&amp;Units</source>
        <translation>&amp;Unit</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="45"/>
        <source>&amp;Officers</source>
        <translation>&amp;Petugas</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="46"/>
        <source>&amp;Calendars and days off</source>
        <translation>&amp;Kalender dan hari libur</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="47"/>
        <source>&amp;Service levels</source>
        <translation>&amp;Tingkat layanan</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="48"/>
        <source>C&amp;hannel accounts</source>
        <translation>&amp;Akun kanal</translation>
    </message>
    <message>
        <location filename="../../ui/admin/window.py" line="49"/>
        <source>&amp;LAPOR!</source>
        <translation>&amp;LAPOR!</translation>
    </message>
</context>
<context>
    <name>AnswerReferralDialog</name>
    <message>
        <location filename="../../ui/related_dialogs.py" line="342"/>
        <source>Answer a referral</source>
        <translation>Jawab permintaan masukan</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="344"/>
        <source>%1 (%2) asks about %3:</source>
        <translation>%1 (%2) bertanya tentang %3:</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="351"/>
        <source>Your answer</source>
        <translation>Jawaban Anda</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="361"/>
        <source>Write the answer: it becomes a note on the report.</source>
        <translation>Tulis jawabannya: jawaban menjadi catatan pada laporan.</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../ui/assign_dialog.py" line="44"/>
        <source>Assign to officer</source>
        <translation>Tugaskan ke petugas</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/assign_dialog.py" line="48"/>
        <source>Assign %n report(s) to:</source>
        <translation>
            <numerusform>Tugaskan %n laporan kepada:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/assign_dialog.py" line="52"/>
        <source>Search by name or unit</source>
        <translation>Cari nama atau unit</translation>
    </message>
    <message>
        <location filename="../../ui/assign_dialog.py" line="53"/>
        <source>Search officers</source>
        <translation>Cari petugas</translation>
    </message>
    <message>
        <location filename="../../ui/assign_dialog.py" line="58"/>
        <source>Officers, with the reports they hold</source>
        <translation>Petugas, dengan laporan yang mereka pegang</translation>
    </message>
    <message>
        <location filename="../../ui/assign_dialog.py" line="64"/>
        <source>Assign</source>
        <translation>Tugaskan</translation>
    </message>
    <message>
        <location filename="../../ui/assign_dialog.py" line="92"/>
        <source>None of these reports is in a unit you supervise.</source>
        <translation>Tidak satu pun laporan ini berada di unit yang Anda awasi.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/assign_dialog.py" line="97"/>
        <source>%n open</source>
        <translation>
            <numerusform>%n terbuka</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/assign_dialog.py" line="100"/>
        <source>%n overdue</source>
        <translation>
            <numerusform>%n terlambat</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/assign_dialog.py" line="168"/>
        <source>%1 of %2 assigned to %3.</source>
        <translation>%1 dari %2 ditugaskan ke %3.</translation>
    </message>
    <message>
        <location filename="../../ui/assign_dialog.py" line="170"/>
        <source>Not assigned:</source>
        <translation>Tidak ditugaskan:</translation>
    </message>
    <message>
        <location filename="../../ui/assign_dialog.py" line="181"/>
        <source>it is closed</source>
        <translation>laporan sudah ditutup</translation>
    </message>
    <message>
        <location filename="../../ui/assign_dialog.py" line="183"/>
        <source>%1 is not an officer of %2</source>
        <translation>%1 bukan petugas %2</translation>
    </message>
    <message>
        <location filename="../../ui/assign_dialog.py" line="187"/>
        <source>new report (not numbered yet)</source>
        <translation>laporan baru (belum bernomor)</translation>
    </message>
</context>
<context>
    <name>Attention</name>
    <message>
        <location filename="../../ui/attention_panel.py" line="37"/>
        <source>new report</source>
        <translation>laporan baru</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="38"/>
        <source>claim</source>
        <translation>pengambilan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="39"/>
        <source>claim renewal</source>
        <translation>perpanjangan waktu pegang</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="40"/>
        <source>release</source>
        <translation>pelepasan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="41"/>
        <source>take-over</source>
        <translation>pengambilalihan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="42"/>
        <source>reply</source>
        <translation>balasan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="43"/>
        <source>internal note</source>
        <translation>catatan internal</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="44"/>
        <source>status change</source>
        <translation>perubahan status</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="45"/>
        <source>transfer</source>
        <translation>penerusan ke unit</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="46"/>
        <source>new discussion thread</source>
        <translation>topik diskusi baru</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="47"/>
        <source>discussion post</source>
        <translation>pesan diskusi</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="48"/>
        <source>hand-over resolution</source>
        <translation>keputusan serah terima</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="49"/>
        <source>link as duplicate</source>
        <translation>penautan sebagai duplikat</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="50"/>
        <source>unlink</source>
        <translation>pelepasan tautan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="51"/>
        <source>merge</source>
        <translation>penggabungan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="52"/>
        <source>answer to all linked reports</source>
        <translation>jawaban ke semua laporan tertaut</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="53"/>
        <source>return as not our authority</source>
        <translation>pengembalian sebagai bukan wewenang</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="54"/>
        <source>referral</source>
        <translation>permintaan masukan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="55"/>
        <source>change of priority, category or kind</source>
        <translation>perubahan prioritas, kategori, atau jenis</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="56"/>
        <source>referral answer</source>
        <translation>jawaban permintaan masukan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="62"/>
        <source>verification</source>
        <translation>verifikasi</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="63"/>
        <source>follow-up</source>
        <translation>tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="64"/>
        <source>resolution</source>
        <translation>penyelesaian</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="98"/>
        <source>a report</source>
        <translation>sebuah laporan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="101"/>
        <source>Overdue: %1 (deadline %2)</source>
        <translation>Terlambat: %1 (tenggat %2)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="103"/>
        <source>Due today: %1 (deadline %2)</source>
        <translation>Jatuh tempo hari ini: %1 (tenggat %2)</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="108"/>
        <source>The %1 deadline of %2 has passed; supervisors were told</source>
        <translation>Tenggat %1 untuk %2 terlewati; supervisor telah diberi tahu</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="113"/>
        <source>Your %1 on %2 was refused</source>
        <translation>%1 Anda pada %2 ditolak</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="115"/>
        <source>Your %1 on %2 was handed over to the current holder</source>
        <translation>Diserahkan ke pemegang laporan saat ini: %1 Anda pada %2</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="117"/>
        <source>%3 handed over a %1 on %2 to you</source>
        <translation>%3 menyerahkan %1 pada %2 kepada Anda</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="124"/>
        <source>Subject: %1</source>
        <translation>Perihal: %1</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="127"/>
        <source>Content: %1</source>
        <translation>Isi: %1</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="131"/>
        <source>Nothing was changed on the server. Dismiss this when you have dealt with it.</source>
        <translation>Tidak ada yang berubah di pusat. Abaikan butir ini setelah Anda menanganinya.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="137"/>
        <source>Your claim ended while you worked offline; the officer who holds the report now decides about it.</source>
        <translation>Laporan ini tidak lagi Anda pegang saat Anda bekerja luring; petugas yang kini memegangnya yang memutuskan.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="144"/>
        <source>Open the report and act on it; this goes away when the report is finished.</source>
        <translation>Buka laporan dan tindak lanjuti; butir ini hilang setelah laporan selesai.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="150"/>
        <source>Open the report and act on it; this goes away when the deadline&apos;s work is done.</source>
        <translation>Buka laporan dan tindak lanjuti; butir ini hilang setelah pekerjaan tenggat itu selesai.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="156"/>
        <source>Accept to apply it under your claim (a reply is then sent to the citizen), or dismiss it.</source>
        <translation>Terima untuk menerapkannya sebagai pemegang laporan (balasan lalu dikirim ke pelapor), atau abaikan.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="172"/>
        <source>Items that need attention</source>
        <translation>Butir yang perlu perhatian</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="174"/>
        <source>Nothing needs your attention.</source>
        <translation>Tidak ada yang perlu perhatian Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="182"/>
        <source>Accept — apply under my claim</source>
        <translation>Terima — terapkan sebagai pemegang</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="183"/>
        <source>Dismiss</source>
        <translation>Abaikan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="184"/>
        <source>Open report</source>
        <translation>Buka laporan</translation>
    </message>
</context>
<context>
    <name>AuditAction</name>
    <message>
        <location filename="../../domain/audit.py" line="271"/>
        <source>recorded the report (channel {channel}, unit {unit})</source>
        <translation>mencatat laporan (kanal {channel}, unit {unit})</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="272"/>
        <source>claimed it until {expires_at}</source>
        <translation>mengambilnya sampai {expires_at}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="273"/>
        <source>renewed the claim until {expires_at}</source>
        <translation>memperpanjang waktu pegang sampai {expires_at}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="274"/>
        <source>released the claim</source>
        <translation>melepaskannya</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="275"/>
        <source>took over the claim from {previous_holder}</source>
        <translation>mengambil alih dari {previous_holder}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="276"/>
        <source>assigned it to {assignee}</source>
        <translation>menugaskannya kepada {assignee}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="277"/>
        <source>replied to the reporter ({chars} characters)</source>
        <translation>membalas pelapor ({chars} karakter)</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="278"/>
        <source>added an internal note</source>
        <translation>menambahkan catatan internal</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="279"/>
        <source>changed the status from {old} to {new}</source>
        <translation>mengubah status dari {old} menjadi {new}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="280"/>
        <source>changed the priority from {old_priority} to {new_priority}</source>
        <translation>mengubah prioritas dari {old_priority} menjadi {new_priority}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="281"/>
        <source>changed the category from {old_category} to {new_category}</source>
        <translation>mengubah kategori dari {old_category} menjadi {new_category}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="282"/>
        <source>changed the kind from {old_kind} to {new_kind}</source>
        <translation>mengubah jenis dari {old_kind} menjadi {new_kind}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="283"/>
        <source>transferred it from {from_unit} to {to_unit}</source>
        <translation>meneruskannya dari {from_unit} ke {to_unit}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="284"/>
        <source>returned it as not their authority, from {from_unit} to {to_unit}</source>
        <translation>mengembalikannya sebagai bukan wewenang, dari {from_unit} ke {to_unit}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="287"/>
        <source>attached scanned letters: {files}</source>
        <translation>melampirkan pindaian surat: {files}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="288"/>
        <source>closed it automatically (the reporter did not answer)</source>
        <translation>menutupnya secara otomatis (pelapor tidak menanggapi)</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="289"/>
        <source>escalated it to the supervisors (deadline {clock})</source>
        <translation>mengeskalasikannya ke supervisor (tenggat {clock})</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="290"/>
        <source>received a message from the reporter ({channel})</source>
        <translation>menerima pesan dari pelapor ({channel})</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="291"/>
        <source>sent the reporter an acknowledgement</source>
        <translation>mengirim tanda terima kepada pelapor</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="292"/>
        <source>noted the reporter&apos;s answer</source>
        <translation>mencatat tanggapan pelapor</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="293"/>
        <source>received a status request by {channel} ({outcome})</source>
        <translation>menerima permintaan status laporan melalui {channel} ({outcome})</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="294"/>
        <source>recorded a message that needed repair: {problems}</source>
        <translation>mencatat pesan yang perlu diperbaiki: {problems}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="295"/>
        <source>recorded a message again after an intake error</source>
        <translation>mencatat ulang pesan setelah galat penerimaan</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="296"/>
        <source>could not send an answer: {error}</source>
        <translation>gagal mengirim jawaban: {error}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="297"/>
        <source>sent a failed answer again</source>
        <translation>mengirim ulang jawaban yang gagal</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="298"/>
        <source>confirmed an answer as sent</source>
        <translation>mengonfirmasi bahwa jawaban telah terkirim</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="299"/>
        <source>asked unit {to_unit} about it</source>
        <translation>meminta masukan unit {to_unit} tentang laporan ini</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="300"/>
        <source>answered a question from another unit</source>
        <translation>menjawab pertanyaan dari unit lain</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="301"/>
        <source>opened a team discussion about it in {unit}</source>
        <translation>membuka diskusi tim tentang laporan ini di {unit}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="302"/>
        <source>posted in a team discussion</source>
        <translation>mengirim pesan di diskusi tim</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="303"/>
        <source>handed work over to the current holder ({kind})</source>
        <translation>menyerahkan pekerjaan kepada pemegang saat ini ({kind})</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="304"/>
        <source>settled handed-over work ({kind})</source>
        <translation>memutuskan pekerjaan yang diserahkan ({kind})</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="305"/>
        <source>linked it as a duplicate of {master}</source>
        <translation>menautkannya sebagai duplikat dari {master}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="306"/>
        <source>unlinked it from its master</source>
        <translation>melepas tautannya dari laporan induk</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="307"/>
        <source>merged it into {master}</source>
        <translation>menggabungkannya ke {master}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="308"/>
        <source>linked {duplicate} to it as a duplicate</source>
        <translation>menautkan {duplicate} ke laporan ini sebagai duplikat</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="309"/>
        <source>{duplicate} is no longer its duplicate</source>
        <translation>{duplicate} tidak lagi menjadi duplikat laporan ini</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="310"/>
        <source>merged {duplicate} into it</source>
        <translation>menggabungkan {duplicate} ke laporan ini</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="311"/>
        <source>answered the linked reports together ({replies} replies)</source>
        <translation>menjawab laporan-laporan tertaut sekaligus ({replies} balasan)</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="312"/>
        <source>retired the canned response {key}</source>
        <translation>memensiunkan templat balasan {key}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="313"/>
        <source>restored the canned response {key}</source>
        <translation>memulihkan templat balasan {key}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="314"/>
        <source>changed the working calendar of {unit}</source>
        <translation>mengubah kalender kerja {unit}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="315"/>
        <source>changed a day off of {unit}: {day}</source>
        <translation>mengubah hari libur {unit}: {day}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="316"/>
        <source>set a service-level policy</source>
        <translation>menetapkan kebijakan tingkat layanan</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="317"/>
        <source>removed a service-level policy</source>
        <translation>menghapus kebijakan tingkat layanan</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="318"/>
        <source>changed the retention periods of {unit}</source>
        <translation>mengubah masa retensi {unit}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="319"/>
        <source>changed the unit {unit}</source>
        <translation>mengubah unit {unit}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="320"/>
        <source>changed the officer {officer}</source>
        <translation>mengubah data petugas {officer}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="321"/>
        <source>ended the claim of {previous_holder}, who no longer works in unit {unit}</source>
        <translation>melepaskan laporan yang dipegang {previous_holder}, yang tidak lagi bekerja di unit {unit}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="324"/>
        <source>required Aduan {min_version} or newer for {unit}, installed from {installer}</source>
        <translation>mewajibkan Aduan {min_version} atau yang lebih baru untuk {unit}, dipasang dari {installer}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="327"/>
        <source>removed the client version policy of {unit}</source>
        <translation>menghapus kebijakan versi aplikasi untuk {unit}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="328"/>
        <source>exported the reporter&apos;s data on their request</source>
        <translation>mengekspor data pelapor atas permintaannya</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="329"/>
        <source>erased the reporter&apos;s personal data on their request</source>
        <translation>menghapus data pribadi pelapor atas permintaannya</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="330"/>
        <source>anonymised the reporter: the retention period had passed</source>
        <translation>menganonimkan pelapor: masa retensi telah lewat</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="331"/>
        <source>purged the content of {attachments} attachment(s): the retention period had passed</source>
        <translation>menghapus isi {attachments} lampiran: masa retensi telah lewat</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="334"/>
        <source>deleted {comments} public comment(s) never made reports: the retention period had passed</source>
        <translation>menghapus {comments} komentar publik yang tidak pernah dijadikan laporan: masa retensi telah lewat</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="338"/>
        <source>answered public comment {comment_id} on {account} in public ({length} characters)</source>
        <translation>menjawab komentar publik {comment_id} di {account} secara publik ({length} karakter)</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="341"/>
        <source>looked under public comment {comment_id} for the reply in doubt (posted: {posted})</source>
        <translation>memeriksa komentar publik {comment_id} untuk balasan yang diragukan (terunggah: {posted})</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="344"/>
        <source>let {officer} read this confidential report</source>
        <translation>mengizinkan {officer} membaca laporan rahasia ini</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="345"/>
        <source>ended {officer}&apos;s access to this confidential report</source>
        <translation>mengakhiri akses {officer} ke laporan rahasia ini</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="348"/>
        <source>; reason: {reason}</source>
        <translation>; alasan: {reason}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="349"/>
        <source>; mentioning {mentions}</source>
        <translation>; menyebut {mentions}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="350"/>
        <source>; from {canned}</source>
        <translation>; dari {canned}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="351"/>
        <source>; comment: {comment}</source>
        <translation>; komentar: {comment}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="353"/>
        <source>did something recorded as {action}</source>
        <translation>melakukan tindakan yang tercatat sebagai {action}</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="75"/>
        <source>(none)</source>
        <translation>(tidak ada)</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="84"/>
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="86"/>
        <source>no</source>
        <translation>tidak</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../ui/audit_dialog.py" line="72"/>
        <source>Audit log</source>
        <translation>Log audit</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="77"/>
        <source>login, e.g. ani</source>
        <translation>nama pengguna, mis. ani</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="80"/>
        <source>tracking number, e.g. ADU-2026-000123</source>
        <translation>nomor laporan, mis. ADU-2026-000123</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="83"/>
        <source>Every kind</source>
        <translation>Semua jenis</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="87"/>
        <source>From</source>
        <translation>Dari</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="88"/>
        <source>Until</source>
        <translation>Sampai</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="97"/>
        <source>Officer</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="98"/>
        <location filename="../../ui/audit_dialog.py" line="127"/>
        <source>Report</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="99"/>
        <source>Kind of event</source>
        <translation>Jenis kejadian</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="104"/>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="106"/>
        <source>Search</source>
        <translation>Cari</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="110"/>
        <source>Older entries</source>
        <translation>Entri lebih lama</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="114"/>
        <source>Export CSV…</source>
        <translation>Ekspor CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="117"/>
        <source>Export JSON…</source>
        <translation>Ekspor JSON…</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="127"/>
        <source>When</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="127"/>
        <source>Who</source>
        <translation>Pelaku</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="127"/>
        <source>What</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="127"/>
        <source>Claim</source>
        <translation>Pengambilan</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="130"/>
        <source>Where</source>
        <translation>Tempat</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/audit_dialog.py" line="183"/>
        <source>%n entries found.</source>
        <translation>
            <numerusform>%n entri ditemukan.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="183"/>
        <source>Nothing matches this search.</source>
        <translation>Tidak ada yang cocok dengan pencarian ini.</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="201"/>
        <source>The audit log is kept on the server, which cannot be reached now. Try again when it can.</source>
        <translation>Log audit disimpan di server, yang saat ini tidak dapat dihubungi. Coba lagi setelah server dapat dihubungi.</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="212"/>
        <source>Export the audit log</source>
        <translation>Ekspor log audit</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="213"/>
        <source>CSV files (*.csv)</source>
        <translation>Berkas CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="213"/>
        <source>JSON files (*.json)</source>
        <translation>Berkas JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/audit_dialog.py" line="225"/>
        <source>The file could not be written: %1</source>
        <translation>Berkas tidak dapat ditulis: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/audit_dialog.py" line="227"/>
        <source>%n entries exported.</source>
        <translation>
            <numerusform>%n entri diekspor.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BehaviourView</name>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="178"/>
        <source>Channel of the heat map</source>
        <translation>Kanal peta panas</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="184"/>
        <source>Reports received by local weekday and hour; the stronger the colour, the more reports.</source>
        <translation>Laporan masuk menurut hari dan jam setempat; makin pekat warnanya, makin banyak laporannya.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="188"/>
        <source>Reports moved between units</source>
        <translation>Laporan yang berpindah antarunit</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="189"/>
        <source>Finished reports that were reopened</source>
        <translation>Laporan selesai yang dibuka kembali</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="190"/>
        <source>Reporters who came back</source>
        <translation>Pelapor yang kembali melapor</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="196"/>
        <source>&amp;Channel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="206"/>
        <source>Weekday and hour</source>
        <translation>Hari dan jam</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="212"/>
        <source>Transfers to another unit, reports sent back as not the unit&apos;s authority (bukan wewenang), and referrals asking another unit for input, of the reports received in the period.</source>
        <translation>Laporan yang diteruskan ke unit lain, yang dikembalikan karena bukan wewenang unit, dan permintaan masukan kepada unit lain, dari laporan yang masuk dalam periode ini.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="216"/>
        <source>Flows between units</source>
        <translation>Perpindahan antarunit</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="223"/>
        <source>Of the reports finished at least once, those reopened afterwards, per unit that holds them now.</source>
        <translation>Dari laporan yang pernah selesai, yang kemudian dibuka kembali, per unit yang memegangnya sekarang.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="226"/>
        <location filename="../../ui/stats/behaviour.py" line="319"/>
        <source>Reopened</source>
        <translation>Dibuka kembali</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="233"/>
        <source>A reporter came back when they sent more than one of these reports, or one before the period. Anonymous reports count as one-off reporters. No reporter is named.</source>
        <translation>Pelapor dihitung kembali bila mengirim lebih dari satu laporan ini, atau pernah melapor sebelum periode. Laporan anonim dihitung sebagai pelapor sekali lapor. Tidak ada pelapor yang disebut namanya.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="237"/>
        <source>Returning reporters</source>
        <translation>Pelapor yang kembali</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="285"/>
        <location filename="../../ui/stats/behaviour.py" line="365"/>
        <source>Every channel</source>
        <translation>Semua kanal</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="293"/>
        <source>Transfer</source>
        <translation>Diteruskan</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="294"/>
        <source>Not our authority</source>
        <translation>Bukan wewenang</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="295"/>
        <source>Referral</source>
        <translation>Permintaan masukan</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="308"/>
        <source>Flow</source>
        <translation>Perpindahan</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="308"/>
        <source>From unit</source>
        <translation>Dari unit</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="308"/>
        <source>To unit</source>
        <translation>Ke unit</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="308"/>
        <source>Reports</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="319"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="319"/>
        <source>Finished</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="319"/>
        <source>Reopened %</source>
        <translation>Dibuka kembali %</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="322"/>
        <source>Total</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="336"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="337"/>
        <source>Reporters</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="338"/>
        <source>Returning</source>
        <translation>Kembali melapor</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="339"/>
        <source>Filed before the period</source>
        <translation>Pernah melapor sebelum periode</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="340"/>
        <source>Anonymous</source>
        <translation>Anonim</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="341"/>
        <source>Returning %</source>
        <translation>Kembali melapor %</translation>
    </message>
</context>
<context>
    <name>BulkActions</name>
    <message>
        <location filename="../../ui/bulk_actions.py" line="183"/>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_actions.py" line="191"/>
        <source>Answer with a reply template…</source>
        <translation>Jawab dengan templat balasan…</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_actions.py" line="269"/>
        <source>The reply template cannot be filled in for this report: %1 has no value here.</source>
        <translation>Templat balasan tidak dapat diisi untuk laporan ini: %1 belum ada nilainya di sini.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bulk_actions.py" line="357"/>
        <source>Answer %n report(s) with a reply template</source>
        <translation>
            <numerusform>Jawab %n laporan dengan templat balasan</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/bulk_actions.py" line="358"/>
        <source>Send to each</source>
        <translation>Kirim ke masing-masing</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_actions.py" line="370"/>
        <source>Answer with a reply template</source>
        <translation>Jawab dengan templat balasan</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_actions.py" line="192"/>
        <source>Assign to…</source>
        <translation>Tugaskan ke…</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_actions.py" line="376"/>
        <source>Another officer</source>
        <translation>Petugas lain</translation>
    </message>
</context>
<context>
    <name>BulkAnswerDialog</name>
    <message>
        <location filename="../../ui/related_dialogs.py" line="176"/>
        <source>Answer all linked reports</source>
        <translation>Jawab semua laporan tertaut</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="182"/>
        <source>Each citizen of this family gets the canned response filled in for their own report. A duplicate another officer holds is handed over to them instead.</source>
        <translation>Setiap warga dalam kelompok ini menerima templat balasan yang diisi untuk laporannya sendiri. Duplikat yang dipegang petugas lain diserahkan kepadanya.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="189"/>
        <source>Canned response</source>
        <translation>Templat balasan</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="190"/>
        <source>Choose a canned response…</source>
        <translation>Pilih templat balasan…</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="197"/>
        <source>What each citizen receives</source>
        <translation>Yang diterima setiap warga</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="199"/>
        <source>Answer with:</source>
        <translation>Jawab dengan:</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="204"/>
        <source>Send to all</source>
        <translation>Kirim ke semua</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="208"/>
        <source>There are no canned responses for this unit yet: a supervisor adds them first.</source>
        <translation>Belum ada templat balasan untuk unit ini: supervisor menambahkannya terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="222"/>
        <source>Preparing the answers…</source>
        <translation>Menyiapkan jawaban…</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="231"/>
        <source>%1 citizen(s) get this answer now.</source>
        <translation>%1 warga menerima jawaban ini sekarang.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="233"/>
        <source>%1 handed over to the officers who hold them.</source>
        <translation>%1 diserahkan kepada petugas yang memegangnya.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="238"/>
        <source>handed over to %1, who holds it</source>
        <translation>diserahkan kepada %1, yang memegangnya</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="240"/>
        <source>sent to the citizen</source>
        <translation>dikirim ke warga</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="256"/>
        <source>Choose the canned response to answer with.</source>
        <translation>Pilih templat balasan untuk menjawab.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="258"/>
        <source>Wait until each citizen&apos;s answer is shown.</source>
        <translation>Tunggu sampai jawaban setiap warga ditampilkan.</translation>
    </message>
</context>
<context>
    <name>BulkSummaryDialog</name>
    <message>
        <location filename="../../ui/bulk_actions.py" line="122"/>
        <source>Reports done</source>
        <translation>Laporan yang selesai diproses</translation>
    </message>
    <message>
        <location filename="../../ui/bulk_actions.py" line="126"/>
        <source>Reports not done, and why</source>
        <translation>Laporan yang tidak diproses, dan alasannya</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bulk_actions.py" line="133"/>
        <source>Done (%n):</source>
        <translation>
            <numerusform>Berhasil (%n):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bulk_actions.py" line="136"/>
        <source>Not done (%n), and why:</source>
        <translation>
            <numerusform>Tidak berhasil (%n), dan alasannya:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bulk_actions.py" line="140"/>
        <source>%n selected row(s) were not read yet and were left out: scroll to them and try again.</source>
        <translation>
            <numerusform>%n baris terpilih belum terbaca dan tidak diikutkan: gulir ke baris itu lalu coba lagi.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bulk_actions.py" line="153"/>
        <source>Done for all %n report(s).</source>
        <translation>
            <numerusform>Berhasil untuk semua %n laporan.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/bulk_actions.py" line="155"/>
        <source>Not done for any of the %n report(s).</source>
        <translation>
            <numerusform>Tidak berhasil untuk satu pun dari %n laporan.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/bulk_actions.py" line="156"/>
        <source>Done for %1 of %2 reports.</source>
        <translation>Berhasil untuk %1 dari %2 laporan.</translation>
    </message>
</context>
<context>
    <name>CacheNoticeBanner</name>
    <message>
        <location filename="../../ui/cache_notices.py" line="25"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../ui/cache_notices.py" line="37"/>
        <source>The reports kept on this computer are not encrypted: no system keyring could keep their key (%1). Ask your administrator.</source>
        <translation>Laporan yang disimpan di komputer ini tidak dienkripsi: tidak ada penyimpanan kredensial sistem yang dapat menyimpan kuncinya (%1). Hubungi administrator Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/cache_notices.py" line="42"/>
        <source>The reports kept on this computer are not encrypted yet: another Aduan window or command has them open. Close it and start Aduan again.</source>
        <translation>Laporan yang disimpan di komputer ini belum dienkripsi: jendela atau perintah Aduan lain sedang membukanya. Tutup jendela atau perintah itu, lalu jalankan ulang Aduan.</translation>
    </message>
    <message>
        <location filename="../../ui/cache_notices.py" line="46"/>
        <source>its key is no longer in your keyring</source>
        <translation>kuncinya tidak ada lagi di penyimpanan kredensial Anda</translation>
    </message>
    <message>
        <location filename="../../ui/cache_notices.py" line="48"/>
        <source>the key kept on this computer does not open it</source>
        <translation>kunci yang disimpan di komputer ini tidak dapat membukanya</translation>
    </message>
    <message>
        <location filename="../../ui/cache_notices.py" line="51"/>
        <source>Whether it held work not yet sent is not known.</source>
        <translation>Tidak diketahui apakah salinan itu memuat pekerjaan yang belum terkirim.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/cache_notices.py" line="54"/>
        <source>It held %n change(s) not yet sent, which could not be read: do them again.</source>
        <translation>
            <numerusform>Salinan itu memuat %n perubahan yang belum terkirim dan tidak dapat dibaca: lakukan lagi perubahan tersebut.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/cache_notices.py" line="57"/>
        <source>It held no work waiting to be sent.</source>
        <translation>Salinan itu tidak memuat pekerjaan yang menunggu dikirim.</translation>
    </message>
    <message>
        <location filename="../../ui/cache_notices.py" line="60"/>
        <source>The copy of your reports on this computer could not be read (%1). It was kept as %2 and a new one is being filled from the server.</source>
        <translation>Salinan laporan di komputer ini tidak dapat dibaca (%1). Salinan itu disimpan sebagai %2, dan salinan baru sedang diisi dari pusat.</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="78"/>
        <source>National holidays are days off</source>
        <translation>Libur nasional dihitung sebagai hari libur</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="80"/>
        <source>&amp;Save working days</source>
        <translation>&amp;Simpan hari kerja</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="83"/>
        <source>Working days and hours</source>
        <translation>Hari dan jam kerja</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="85"/>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zona waktu:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="86"/>
        <source>&amp;Hours:</source>
        <translation>&amp;Jam:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="87"/>
        <source>Working days:</source>
        <translation>Hari kerja:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="91"/>
        <source>Days off</source>
        <translation>Hari libur</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="91"/>
        <source>Day</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="91"/>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="100"/>
        <source>e.g. HUT Kabupaten</source>
        <translation>mis. HUT Kabupaten</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="101"/>
        <source>&amp;Add day off</source>
        <translation>&amp;Tambah hari libur</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="104"/>
        <source>&amp;Work this day again</source>
        <translation>Jadikan &amp;hari kerja lagi</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="112"/>
        <source>The unit&apos;s own days off</source>
        <translation>Hari libur khusus unit</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="118"/>
        <source>&amp;Unit:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="136"/>
        <source>every unit (default)</source>
        <translation>semua unit (bawaan)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="185"/>
        <source>Working days saved; open reports&apos; deadlines follow them now.</source>
        <translation>Hari kerja disimpan; tenggat laporan yang masih terbuka kini mengikutinya.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="212"/>
        <source>%1 is a day off now.</source>
        <translation>%1 kini menjadi hari libur.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/calendar_page.py" line="212"/>
        <source>%1 is a working day again.</source>
        <translation>%1 kembali menjadi hari kerja.</translation>
    </message>
</context>
<context>
    <name>CannedDialog</name>
    <message>
        <location filename="../../ui/canned_dialog.py" line="101"/>
        <source>Global (every unit)</source>
        <translation>Global (semua unit)</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="106"/>
        <source>Managing canned responses needs a connection to the server, and it cannot be reached now. Nothing was changed. Officers keep using the canned responses their computers have.</source>
        <translation>Mengelola templat balasan memerlukan sambungan ke pusat, dan pusat tidak dapat dihubungi sekarang. Tidak ada yang diubah. Petugas tetap memakai templat balasan yang ada di komputer mereka.</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="127"/>
        <location filename="../../ui/canned_dialog.py" line="134"/>
        <source>Canned responses</source>
        <translation>Templat balasan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="136"/>
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="136"/>
        <source>Key</source>
        <translation>Kunci</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="136"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="136"/>
        <source>Version</source>
        <translation>Versi</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="136"/>
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="145"/>
        <source>&amp;New…</source>
        <translation>&amp;Baru…</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="146"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Ubah…</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="148"/>
        <source>&amp;Retire</source>
        <translation>&amp;Pensiunkan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="149"/>
        <source>Re&amp;store</source>
        <translation>&amp;Pulihkan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="150"/>
        <source>&amp;Versions…</source>
        <translation>&amp;Versi…</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="200"/>
        <source>Only supervisors and admins manage canned responses.</source>
        <translation>Hanya supervisor dan admin yang mengelola templat balasan.</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="209"/>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="209"/>
        <source>Retired</source>
        <translation>Dipensiunkan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="270"/>
        <source>Saved “%1” as version %2.</source>
        <translation>“%1” disimpan sebagai versi %2.</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="284"/>
        <source>“%1” is offered again.</source>
        <translation>“%1” ditawarkan lagi.</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="284"/>
        <source>“%1” is retired: it is no longer offered.</source>
        <translation>“%1” dipensiunkan: tidak ditawarkan lagi.</translation>
    </message>
</context>
<context>
    <name>CannedForm</name>
    <message>
        <location filename="../../ui/canned_dialog.py" line="315"/>
        <source>New canned response</source>
        <translation>Templat balasan baru</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="315"/>
        <source>Edit canned response</source>
        <translation>Ubah templat balasan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="320"/>
        <source>Key</source>
        <translation>Kunci</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="321"/>
        <source>e.g. laporan-diterima (lower-case letters, digits, - _ .)</source>
        <translation>mis. laporan-diterima (huruf kecil, angka, - _ .)</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="325"/>
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="328"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="336"/>
        <source>Global (every unit)</source>
        <translation>Global (semua unit)</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="339"/>
        <source>Text of the canned response</source>
        <translation>Teks templat balasan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="343"/>
        <source>Variables</source>
        <translation>Variabel</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="350"/>
        <source>Variables you can use (double-click to insert). Each is filled in for the report:</source>
        <translation>Variabel yang dapat dipakai (klik dua kali untuk menyisipkan). Masing-masing diisi untuk laporan:</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="359"/>
        <source>&amp;Key:</source>
        <translation>&amp;Kunci:</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="360"/>
        <source>&amp;Title:</source>
        <translation>&amp;Judul:</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="361"/>
        <source>&amp;Unit:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="362"/>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;ks:</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="373"/>
        <source>the reporter&apos;s name (“Pelapor” for an anonymous reporter)</source>
        <translation>nama pelapor (“Pelapor” untuk pelapor anonim)</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="374"/>
        <source>the tracking number, e.g. ADU-2026-000123</source>
        <translation>nomor laporan, mis. ADU-2026-000123</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="375"/>
        <source>the name of the unit handling the report</source>
        <translation>nama unit yang menangani laporan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="376"/>
        <source>the resolution deadline as a date, e.g. 27 Maret 2026</source>
        <translation>tenggat penyelesaian sebagai tanggal, mis. 27 Maret 2026</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="395"/>
        <source>Not a variable Aduan knows: %1. Use one of the list below.</source>
        <translation>Bukan variabel yang dikenal Aduan: %1. Pakai salah satu dari daftar di bawah.</translation>
    </message>
</context>
<context>
    <name>CannedPicker</name>
    <message>
        <location filename="../../ui/canned_picker.py" line="48"/>
        <source>Insert a reply template</source>
        <translation>Sisipkan templat balasan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_picker.py" line="53"/>
        <source>Search titles and texts…</source>
        <translation>Cari judul dan isi…</translation>
    </message>
    <message>
        <location filename="../../ui/canned_picker.py" line="54"/>
        <source>Search reply templates</source>
        <translation>Cari templat balasan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_picker.py" line="58"/>
        <source>Reply templates</source>
        <translation>Templat balasan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_picker.py" line="63"/>
        <source>Preview of the reply</source>
        <translation>Pratinjau balasan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_picker.py" line="73"/>
        <source>Insert</source>
        <translation>Sisipkan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_picker.py" line="102"/>
        <source>There are no reply templates for this unit yet.</source>
        <translation>Belum ada templat balasan untuk unit ini.</translation>
    </message>
    <message>
        <location filename="../../ui/canned_picker.py" line="104"/>
        <source>No reply template matches “%1”.</source>
        <translation>Tidak ada templat balasan yang cocok dengan “%1”.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/password_dialogs.py" line="99"/>
        <source>Change password</source>
        <translation>Ubah kata sandi</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="104"/>
        <source>Your password is kept by your unit&apos;s Aduan server. After the change your sessions on other computers end; this computer stays signed in. Use at least %1 characters, not your login.</source>
        <translation>Kata sandi Anda disimpan di pusat Aduan unit Anda. Setelah diubah, sesi Anda di komputer lain berakhir; komputer ini tetap masuk. Gunakan paling sedikit %1 karakter, bukan nama pengguna Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="109"/>
        <source>Current password</source>
        <translation>Kata sandi saat ini</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="111"/>
        <source>New password</source>
        <translation>Kata sandi baru</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="113"/>
        <source>New password again</source>
        <translation>Kata sandi baru sekali lagi</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="117"/>
        <location filename="../../ui/password_dialogs.py" line="145"/>
        <source>C&amp;hange password</source>
        <translation>Ubah &amp;kata sandi</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="127"/>
        <source>&amp;Current password:</source>
        <translation>Kata sandi saat &amp;ini:</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="128"/>
        <source>&amp;New password:</source>
        <translation>Kata sandi &amp;baru:</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="129"/>
        <source>&amp;Repeat new password:</source>
        <translation>&amp;Ulangi kata sandi baru:</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="145"/>
        <source>Changing…</source>
        <translation>Mengubah…</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="155"/>
        <source>Type your current password.</source>
        <translation>Ketik kata sandi Anda saat ini.</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="174"/>
        <source>The current password is wrong. Nothing was changed.</source>
        <translation>Kata sandi saat ini salah. Tidak ada yang diubah.</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <location filename="../../ui/labels.py" line="29"/>
        <source>E-mail</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="30"/>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="31"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="32"/>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33"/>
        <source>Facebook</source>
        <translation>Facebook</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="34"/>
        <source>Instagram</source>
        <translation>Instagram</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="35"/>
        <source>SP4N-LAPOR!</source>
        <translation>SP4N-LAPOR!</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37"/>
        <source>Web form</source>
        <translation>Formulir web</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38"/>
        <source>Phone</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39"/>
        <source>Walk-in</source>
        <translation>Datang langsung</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="40"/>
        <source>Letter</source>
        <translation>Surat</translation>
    </message>
</context>
<context>
    <name>Channels</name>
    <message>
        <location filename="../../ui/channels_dialog.py" line="144"/>
        <source>Disabled</source>
        <translation>Nonaktif</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="146"/>
        <source>Failing</source>
        <translation>Bermasalah</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="148"/>
        <source>Not polled yet</source>
        <translation>Belum pernah diperiksa</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="149"/>
        <source>Working</source>
        <translation>Berjalan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="155"/>
        <source>%1 (%2 held)</source>
        <translation>%1 (%2 tertahan)</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="165"/>
        <source>%1 min</source>
        <translation>%1 menit</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="167"/>
        <source>%1 h %2 min</source>
        <translation>%1 jam %2 menit</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="169"/>
        <source>%1 d %2 h</source>
        <translation>%1 hari %2 jam</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="181"/>
        <source>No citizen was answered on this account in the last 7 days.</source>
        <translation>Tidak ada pelapor yang dijawab melalui akun ini dalam 7 hari terakhir.</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="182"/>
        <source>Over the last 7 days, %1 answered: half within %2 minutes, nine in ten within %3 minutes (from the citizen&apos;s first unanswered message to the officer&apos;s answer).</source>
        <translation>Dalam 7 hari terakhir, %1 dijawab: separuhnya dalam %2 menit, sembilan dari sepuluh dalam %3 menit (dari pesan pertama pelapor yang belum dijawab sampai jawaban petugas).</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="195"/>
        <source>Last poll: %1</source>
        <translation>Pemeriksaan terakhir: %1</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="196"/>
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="220"/>
        <source>The channels view needs a connection to the server, and it cannot be reached now. The intake worker keeps running on its own machine; nothing here was changed.</source>
        <translation>Tampilan kanal memerlukan sambungan ke server, dan server tidak dapat dihubungi sekarang. Pekerja penerimaan tetap berjalan di mesinnya sendiri; tidak ada yang diubah di sini.</translation>
    </message>
</context>
<context>
    <name>ChannelsDialog</name>
    <message>
        <location filename="../../ui/channels_dialog.py" line="252"/>
        <source>Channels</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="263"/>
        <location filename="../../ui/channels_dialog.py" line="329"/>
        <source>Channel accounts</source>
        <translation>Akun kanal</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="265"/>
        <location filename="../../ui/channels_dialog.py" line="389"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="266"/>
        <location filename="../../ui/channels_dialog.py" line="313"/>
        <location filename="../../ui/channels_dialog.py" line="390"/>
        <source>Account</source>
        <translation>Akun</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="267"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="268"/>
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="311"/>
        <location filename="../../ui/channels_dialog.py" line="350"/>
        <source>Intake errors</source>
        <translation>Galat penerimaan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="269"/>
        <source>In
today</source>
        <translation>Masuk
hari ini</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="270"/>
        <source>Out
today</source>
        <translation>Keluar
hari ini</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="271"/>
        <source>Awaiting
answer</source>
        <translation>Menunggu
jawaban</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="272"/>
        <source>Response
median / 90%</source>
        <translation>Waktu jawab
median / 90%</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="273"/>
        <source>Answers
queued</source>
        <translation>Antrean
jawaban</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="274"/>
        <source>Answers
failed</source>
        <translation>Jawaban
gagal</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="275"/>
        <source>Intake
errors</source>
        <translation>Galat
penerimaan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="279"/>
        <source>Messages from citizens that came through the account today</source>
        <translation>Pesan pelapor yang masuk melalui akun ini hari ini</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="280"/>
        <source>Answers and acknowledgements that went out through the account today</source>
        <translation>Jawaban dan tanda terima yang keluar melalui akun ini hari ini</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="283"/>
        <source>Open reports whose citizen wrote last through this account and has no answer after it</source>
        <translation>Laporan terbuka yang pesan terakhir pelapornya masuk melalui akun ini dan belum dijawab sesudahnya</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="288"/>
        <source>Time from a citizen&apos;s message to the officer&apos;s answer, over the last 7 days: the median and the time within which nine in ten were answered</source>
        <translation>Waktu dari pesan pelapor sampai jawaban petugas dalam 7 hari terakhir: median, dan waktu yang cukup untuk menjawab sembilan dari sepuluh</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="292"/>
        <source>Answers still waiting to be sent through the account</source>
        <translation>Jawaban yang masih menunggu dikirim melalui akun ini</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="293"/>
        <source>Answers the account could not send, or may not have sent: an admin looks at them</source>
        <translation>Jawaban yang tidak dapat dikirim akun ini, atau mungkin belum terkirim: admin memeriksanya</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="294"/>
        <source>Messages that came through the account and could not be stored</source>
        <translation>Pesan yang masuk melalui akun ini dan tidak dapat disimpan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="314"/>
        <source>Message</source>
        <translation>Pesan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="315"/>
        <source>Attempts</source>
        <translation>Percobaan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="316"/>
        <source>First seen</source>
        <translation>Pertama terlihat</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="317"/>
        <source>Last seen</source>
        <translation>Terakhir terlihat</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="318"/>
        <source>Error</source>
        <translation>Galat</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="323"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Muat ulang</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="324"/>
        <source>Re&amp;try</source>
        <translation>&amp;Coba lagi</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="325"/>
        <source>Store the message again, after the cause was fixed</source>
        <translation>Simpan pesan ini lagi, setelah penyebabnya diperbaiki</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="326"/>
        <source>&amp;Dismiss</source>
        <translation>&amp;Abaikan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="327"/>
        <source>The message needs no report (spam, a test); it stays on record</source>
        <translation>Pesan ini tidak perlu laporan (spam, uji coba); tetap tercatat</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="336"/>
        <source>Intake errors: messages that arrived but could not be stored</source>
        <translation>Galat penerimaan: pesan yang masuk tetapi tidak dapat disimpan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="339"/>
        <source>Messages that arrived but could not be stored:</source>
        <translation>Pesan yang sudah tiba tetapi tidak dapat disimpan:</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="351"/>
        <location filename="../../ui/channels_dialog.py" line="387"/>
        <source>Public comments</source>
        <translation>Komentar publik</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="378"/>
        <source>Public comments on the unit&apos;s Facebook pages and Instagram accounts that are not reports yet. Make a report of one to answer it in private (the answer goes back as a private reply), or reply in public under it when the answer may be read by everyone.</source>
        <translation>Komentar publik di halaman Facebook dan akun Instagram unit yang belum menjadi laporan. Jadikan laporan untuk menjawabnya secara pribadi (jawaban dikirim sebagai balasan pribadi), atau balas secara publik di bawahnya bila jawaban boleh dibaca semua orang.</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="391"/>
        <source>Written</source>
        <translation>Ditulis</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="392"/>
        <source>Author</source>
        <translation>Penulis</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="393"/>
        <source>Comment</source>
        <translation>Komentar</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="394"/>
        <source>Public reply</source>
        <translation>Balasan publik</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="399"/>
        <source>&amp;Make a report</source>
        <translation>&amp;Jadikan laporan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="400"/>
        <source>Take the comment in as a report, answered in private</source>
        <translation>Terima komentar ini sebagai laporan, dijawab secara pribadi</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="401"/>
        <source>Reply in &amp;public…</source>
        <translation>Balas secara &amp;publik…</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="402"/>
        <source>Answer under the comment, where everyone can read it</source>
        <translation>Jawab di bawah komentar, tempat semua orang dapat membacanya</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="403"/>
        <source>Was it &amp;posted?…</source>
        <translation>Sudah &amp;terunggah?…</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="404"/>
        <source>Say whether a reply that was perhaps posted is under the comment</source>
        <translation>Nyatakan apakah balasan yang mungkin sudah diunggah ada di bawah komentar</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="465"/>
        <source>Only supervisors and admins see the channels.</source>
        <translation>Hanya supervisor dan admin yang melihat kanal.</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="515"/>
        <source>%1 is failing: %2</source>
        <translation>%1 bermasalah: %2</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="531"/>
        <source>As of %1</source>
        <translation>Per %1</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="532"/>
        <source>Today: the day in the agency&apos;s time zone (%1). Response times: the last 7 days.</source>
        <translation>Hari ini: hari menurut zona waktu instansi (%1). Waktu jawab: 7 hari terakhir.</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="562"/>
        <source>Public comments (%1)</source>
        <translation>Komentar publik (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="566"/>
        <source>The comment shows personal data (an NIK, a phone number or an e-mail address): answer it only in private.</source>
        <translation>Komentar ini memuat data pribadi (NIK, nomor telepon, atau alamat e-mail): jawab hanya secara pribadi.</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="570"/>
        <source>Personal data: %1</source>
        <translation>Data pribadi: %1</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="594"/>
        <source>Waiting to be posted</source>
        <translation>Menunggu diunggah</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="595"/>
        <source>Perhaps posted: look under the comment</source>
        <translation>Mungkin sudah diunggah: periksa di bawah komentar</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="596"/>
        <source>Posted</source>
        <translation>Sudah diunggah</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="597"/>
        <source>Refused: %1</source>
        <translation>Ditolak: %1</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="640"/>
        <source>Report %1 was made of the comment.</source>
        <translation>Laporan %1 dibuat dari komentar ini.</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="660"/>
        <source>Look under the comment on %1. Is the reply there? If it is not, it can be written again.</source>
        <translation>Periksa di bawah komentar di %1. Apakah balasannya ada? Bila tidak ada, balasan dapat ditulis lagi.</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="665"/>
        <source>It is &amp;there</source>
        <translation>&amp;Ada</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="666"/>
        <source>It is &amp;not there</source>
        <translation>&amp;Tidak ada</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="681"/>
        <source>The reply is marked posted.</source>
        <translation>Balasan ditandai sudah terunggah.</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="681"/>
        <source>The reply can be written again.</source>
        <translation>Balasan dapat ditulis lagi.</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="692"/>
        <source>The public reply waits for the worker to post it under the comment.</source>
        <translation>Balasan publik menunggu worker mengunggahnya di bawah komentar.</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="707"/>
        <source>Stored: it started %1.</source>
        <translation>Tersimpan: menjadi laporan baru %1.</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="707"/>
        <source>Stored: it joined %1.</source>
        <translation>Tersimpan: masuk ke laporan %1.</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="721"/>
        <source>Dismissed: the message stays on record, without a report.</source>
        <translation>Diabaikan: pesan tetap tercatat, tanpa laporan.</translation>
    </message>
</context>
<context>
    <name>ChannelsPage</name>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="114"/>
        <source>Channel accounts</source>
        <translation>Akun kanal</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="115"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="115"/>
        <source>Account</source>
        <translation>Akun</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="115"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="115"/>
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="115"/>
        <source>Last poll</source>
        <translation>Pemeriksaan terakhir</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="117"/>
        <source>Open the &amp;Channels view…</source>
        <translation>&amp;Buka tampilan Kanal…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="120"/>
        <source>Switch &amp;off</source>
        <translation>&amp;Matikan</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="122"/>
        <source>The worker stops polling it; answers to send through it wait</source>
        <translation>Worker berhenti mengambil pesan dari akun ini; jawaban yang akan dikirim lewat akun ini menunggu</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="124"/>
        <source>Switch o&amp;n</source>
        <translation>&amp;Hidupkan</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="129"/>
        <location filename="../../ui/admin/channels_page.py" line="232"/>
        <source>&amp;Test connection</source>
        <translation>U&amp;ji koneksi</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="132"/>
        <source>Connects to the channel with the account&apos;s settings and secret; nothing is taken in or sent</source>
        <translation>Menghubungi kanal dengan pengaturan dan rahasia akun ini; tidak ada yang diambil atau dikirim</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="151"/>
        <source>env or keyring: where the worker finds the account&apos;s secret</source>
        <translation>env atau keyring: tempat pekerja penerimaan menemukan rahasia akun ini</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="152"/>
        <source>&amp;Add account</source>
        <translation>&amp;Tambah akun</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="155"/>
        <source>Add a channel account</source>
        <translation>Tambah akun kanal</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="157"/>
        <source>C&amp;hannel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="158"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nama:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="159"/>
        <source>&amp;Unit:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="160"/>
        <source>S&amp;ettings (JSON):</source>
        <translation>&amp;Pengaturan (JSON):</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="161"/>
        <source>&amp;Secret:</source>
        <translation>&amp;Rahasia:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="192"/>
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="221"/>
        <source>Testing…</source>
        <translation>Menguji…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="223"/>
        <source>Testing the connection of %1…</source>
        <translation>Menguji koneksi %1…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="251"/>
        <source>%1 is on again.</source>
        <translation>%1 hidup kembali.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="251"/>
        <source>%1 is off: nothing is polled or sent.</source>
        <translation>%1 dimatikan: tidak ada pesan yang diambil atau dikirim.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/channels_page.py" line="278"/>
        <source>Account %1 added; the worker starts on it at its next round.</source>
        <translation>Akun %1 ditambahkan; pekerja penerimaan mulai memeriksanya pada putaran berikutnya.</translation>
    </message>
</context>
<context>
    <name>ClickThrough</name>
    <message>
        <location filename="../../ui/stats/clickthrough.py" line="83"/>
        <source>Double-click a status&apos;s line: the inbox filters by one status at a time.</source>
        <translation>Klik dua kali baris satu status: kotak masuk menyaring satu status dalam satu waktu.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/clickthrough.py" line="92"/>
        <source>%1, open %2 days</source>
        <translation>%1, terbuka %2 hari</translation>
    </message>
    <message>
        <location filename="../../ui/stats/clickthrough.py" line="95"/>
        <source>%1, of every age</source>
        <translation>%1, semua umur</translation>
    </message>
    <message>
        <location filename="../../ui/stats/clickthrough.py" line="150"/>
        <source>The inbox has no priority filter: it lists the reports of every priority.</source>
        <translation>Kotak masuk tidak punya filter prioritas: laporan dari semua prioritas ditampilkan.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/clickthrough.py" line="153"/>
        <source>The inbox cannot pick the reports without a category: it lists those of every category.</source>
        <translation>Kotak masuk tidak dapat memilih laporan tanpa kategori: laporan dari semua kategori ditampilkan.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/clickthrough.py" line="158"/>
        <source>The inbox lists the reports of %1 itself, not those of the units below it.</source>
        <translation>Kotak masuk menampilkan laporan %1 sendiri, bukan laporan unit di bawahnya.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/clickthrough.py" line="165"/>
        <source>The inbox lists the reports %1 holds now; the figures also count those whose status they changed last and that nobody holds.</source>
        <translation>Kotak masuk menampilkan laporan yang kini dipegang %1; angka statistik juga menghitung laporan yang statusnya terakhir ia ubah dan kini tidak dipegang siapa pun.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/clickthrough.py" line="170"/>
        <source>Received %1, in days of the time zone %2, as the figures count them.</source>
        <translation>Diterima %1, menurut hari di zona waktu %2, seperti hitungan statistik.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/clickthrough.py" line="177"/>
        <source>Shown in the inbox of the main window.</source>
        <translation>Ditampilkan di kotak masuk jendela utama.</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="186"/>
        <location filename="../../ui/ticket_dialogs.py" line="213"/>
        <source>Close the report</source>
        <translation>Tutup laporan</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="190"/>
        <source>The reporter has had an answer. Close the report as “%1”? You let go of it then.</source>
        <translation>Pelapor sudah mendapat jawaban. Tutup laporan sebagai “%1”? Laporan lalu Anda lepaskan.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="193"/>
        <source>The reporter has not had an answer since their last message. Write the final answer, or give the reason the report closes without one. Closing as “%1” lets go of the report.</source>
        <translation>Pelapor belum mendapat jawaban sejak pesan terakhirnya. Tulis jawaban akhir, atau beri alasan laporan ditutup tanpa jawaban. Menutup sebagai “%1” melepaskan laporan ini.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="200"/>
        <source>Final answer to the reporter</source>
        <translation>Jawaban akhir untuk pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="204"/>
        <source>Final &amp;answer:</source>
        <translation>&amp;Jawaban akhir:</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="207"/>
        <source>Reason for closing</source>
        <translation>Alasan penutupan</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="209"/>
        <source>&amp;Reason:</source>
        <translation>&amp;Alasan:</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="224"/>
        <source>Write the final answer to the reporter, or give the reason for closing without one.</source>
        <translation>Tulis jawaban akhir untuk pelapor, atau beri alasan menutup tanpa jawaban.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../ui/composer.py" line="54"/>
        <source>Reply and internal note</source>
        <translation>Balasan dan catatan internal</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="58"/>
        <source>Reply to the citizen</source>
        <translation>Balasan untuk pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="60"/>
        <source>Write the answer the citizen will receive…</source>
        <translation>Tulis jawaban yang akan diterima pelapor…</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="63"/>
        <location filename="../../ui/composer.py" line="98"/>
        <source>Internal note</source>
        <translation>Catatan internal</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="65"/>
        <source>Only officers see this. Type @ to mention a colleague.</source>
        <translation>Hanya petugas yang melihat ini. Ketik @ untuk menyebut rekan.</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="97"/>
        <source>Reply to citizen</source>
        <translation>Balas pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="176"/>
        <source>the report has no tracking number yet: it gets one when it reaches the server</source>
        <translation>laporan belum bernomor: nomornya diberikan saat laporan sampai di pusat</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="177"/>
        <source>the report has no resolution deadline yet</source>
        <translation>laporan belum memiliki tenggat penyelesaian</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="178"/>
        <source>the report&apos;s unit is not known on this computer yet</source>
        <translation>unit laporan belum dikenal di komputer ini</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="179"/>
        <source>the reporter&apos;s name is not known</source>
        <translation>nama pelapor tidak diketahui</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="183"/>
        <source>not a variable Aduan knows; ask a supervisor to correct the template</source>
        <translation>bukan variabel yang dikenal Aduan; minta supervisor memperbaiki templatnya</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="187"/>
        <source>“%1” cannot be used for this report, so nothing was inserted.</source>
        <translation>“%1” tidak dapat dipakai untuk laporan ini, jadi tidak ada yang disisipkan.</translation>
    </message>
</context>
<context>
    <name>Confidential</name>
    <message>
        <location filename="../../ui/labels.py" line="79"/>
        <source>(confidential — content restricted to the handling unit)</source>
        <translation>(rahasia — isinya hanya untuk unit penangan)</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ui/crash.py" line="65"/>
        <source>Aduan ran into a problem</source>
        <translation>Aduan mengalami masalah</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="70"/>
        <source>Something went wrong inside Aduan. What you were doing may not have been finished: check it before you go on. The details were written to the log file. If it happens again, copy this report and send it to your admin; it holds no names and no report texts.</source>
        <translation>Terjadi kesalahan di dalam Aduan. Pekerjaan yang sedang Anda lakukan mungkin belum selesai: periksa dulu sebelum melanjutkan. Rinciannya sudah dicatat di berkas log. Jika terjadi lagi, salin laporan masalah ini dan kirimkan ke admin Anda; isinya tidak memuat nama maupun isi laporan.</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="81"/>
        <source>Problem report</source>
        <translation>Laporan masalah</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="84"/>
        <source>&amp;Copy report</source>
        <translation>&amp;Salin laporan masalah</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="87"/>
        <source>C&amp;ontinue</source>
        <translation>&amp;Lanjutkan</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="90"/>
        <source>&amp;Quit Aduan</source>
        <translation>&amp;Keluar dari Aduan</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/crash.py" line="110"/>
        <source>%n problem(s) since this window opened.</source>
        <translation>
            <numerusform>%n masalah sejak jendela ini dibuka.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiscussionView</name>
    <message>
        <location filename="../../ui/discussion_view.py" line="126"/>
        <source>Show threads of unit</source>
        <translation>Tampilkan topik unit</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="127"/>
        <source>All units</source>
        <translation>Semua unit</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="130"/>
        <location filename="../../ui/discussion_view.py" line="145"/>
        <source>Threads</source>
        <translation>Topik</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="135"/>
        <source>Mentions of me</source>
        <translation>Sebutan untuk saya</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="146"/>
        <location filename="../../ui/discussion_view.py" line="256"/>
        <source>Mentions</source>
        <translation>Sebutan</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="164"/>
        <source>Posts</source>
        <translation>Pesan</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="170"/>
        <source>Write a post</source>
        <translation>Tulis pesan</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="171"/>
        <source>Write a post; @login mentions a colleague</source>
        <translation>Tulis pesan; ketik @nama_pengguna untuk menyebut rekan</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/discussion_view.py" line="258"/>
        <source>Mentions (%n new)</source>
        <translation>
            <numerusform>Sebutan (%n baru)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/discussion_view.py" line="296"/>
        <source>%n unread</source>
        <translation>
            <numerusform>%n belum dibaca</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="298"/>
        <source>not sent yet</source>
        <translation>belum terkirim</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="307"/>
        <source>a note on %1</source>
        <translation>catatan pada %1</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="307"/>
        <source>a report</source>
        <translation>sebuah laporan</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="309"/>
        <source>the thread “%1”</source>
        <translation>topik “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="310"/>
        <source>%1 mentioned you in %2</source>
        <translation>%1 menyebut Anda di %2</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="313"/>
        <source>new</source>
        <translation>baru</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="329"/>
        <source>No thread chosen</source>
        <translation>Belum ada topik yang dipilih</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="330"/>
        <source>Choose a thread on the left, or start one with “New thread…”.</source>
        <translation>Pilih topik di sebelah kiri, atau mulai topik dengan “Topik baru…”.</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="335"/>
        <source>%1 · started by %2 on %3</source>
        <translation>%1 · dimulai oleh %2 pada %3</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="344"/>
        <source>Open report %1</source>
        <translation>Buka laporan %1</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="359"/>
        <source>queued, not sent yet</source>
        <translation>antre, belum terkirim</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="26"/>
        <source>This input cannot be used: %1</source>
        <translation>Isian ini tidak dapat digunakan: %1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="32"/>
        <source>This status change is not allowed for this report now.</source>
        <translation>Perubahan status ini tidak diizinkan untuk laporan ini sekarang.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="33"/>
        <source>Another officer holds this report.</source>
        <translation>Laporan ini dipegang petugas lain.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="34"/>
        <source>This version of Aduan is no longer accepted by the server. Ask your admin for the new version.</source>
        <translation>Versi Aduan ini tidak lagi diterima pusat Aduan. Minta versi barunya kepada admin Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="37"/>
        <source>You do not hold this report. Take it first.</source>
        <translation>Anda tidak memegang laporan ini. Ambil laporan ini terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="38"/>
        <source>Your claim on this report ended: another officer holds it now. Your work was handed over.</source>
        <translation>Laporan ini tidak lagi Anda pegang: kini petugas lain memegangnya. Pekerjaan Anda telah diserahkan kepadanya.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="41"/>
        <source>Another officer of your unit has answered this referral already.</source>
        <translation>Petugas lain di unit Anda sudah menjawab permintaan ini.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="42"/>
        <source>The server cannot be reached. Your work is kept on this computer and sent when it can be.</source>
        <translation>Pusat Aduan tidak dapat dihubungi. Pekerjaan Anda disimpan di komputer ini dan dikirim begitu memungkinkan.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="45"/>
        <source>This is not on this computer or no longer yours to see: it may have moved to another unit.</source>
        <translation>Data ini tidak ada di komputer ini atau tidak lagi dapat Anda lihat: mungkin sudah pindah ke unit lain.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="48"/>
        <source>Your role does not allow this. Ask your supervisor.</source>
        <translation>Peran Anda tidak mengizinkan tindakan ini. Tanyakan kepada supervisor Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="55"/>
        <source>This canned response cannot be filled in for this report. Ask a supervisor to correct it.</source>
        <translation>Templat balasan ini tidak dapat diisi untuk laporan ini. Minta supervisor memperbaikinya.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="58"/>
        <source>This computer&apos;s credential store cannot be used, so the password is not remembered.</source>
        <translation>Penyimpanan kredensial komputer ini tidak dapat dipakai, sehingga kata sandi tidak diingat.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="61"/>
        <source>A password this computer keeps cannot be read from its credential store. Ask your admin.</source>
        <translation>Kata sandi yang disimpan komputer ini tidak dapat dibaca dari penyimpanan kredensialnya. Hubungi admin Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="64"/>
        <source>The key that protects the reports on this computer cannot be read from the credential store.</source>
        <translation>Kunci pelindung data laporan di komputer ini tidak dapat dibaca dari penyimpanan kredensial.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="67"/>
        <source>The copy of your reports on this computer cannot be opened. Ask your admin; nothing was sent.</source>
        <translation>Salinan laporan di komputer ini tidak dapat dibuka. Hubungi admin Anda; tidak ada yang dikirim.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="70"/>
        <source>Another Aduan window has the reports on this computer open. Close it and try again.</source>
        <translation>Jendela Aduan lain sedang membuka data laporan di komputer ini. Tutup jendela itu lalu coba lagi.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="73"/>
        <source>A file of Aduan on this computer cannot be made private. Ask your admin to check the folder.</source>
        <translation>Sebuah berkas Aduan di komputer ini tidak dapat dibuat pribadi. Minta admin Anda memeriksa foldernya.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="76"/>
        <source>This is the address of a database, not of your unit&apos;s Aduan server. Ask your admin for it.</source>
        <translation>Ini alamat basis data, bukan alamat Aduan unit Anda. Tanyakan alamatnya kepada admin Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="79"/>
        <source>This message is not an e-mail Aduan can read.</source>
        <translation>Pesan ini bukan e-mail yang dapat dibaca Aduan.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="80"/>
        <source>The channel refused the reply: the same text was posted from this account before.</source>
        <translation>Kanal menolak balasan ini: teks yang sama sudah pernah dikirim dari akun ini.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="83"/>
        <source>No free report is known on this computer while offline. Try again once connected.</source>
        <translation>Saat luring, komputer ini tidak mengetahui laporan yang bebas. Coba lagi setelah tersambung.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="86"/>
        <source>Someone else saved this at the same moment. Try again.</source>
        <translation>Orang lain menyimpan data ini pada saat yang sama. Coba lagi.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="87"/>
        <source>WhatsApp no longer takes a free reply: the citizen last wrote more than 24 hours ago. Answer through another channel.</source>
        <translation>WhatsApp tidak lagi menerima balasan bebas: pelapor terakhir menulis lebih dari 24 jam yang lalu. Jawab melalui kanal lain.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="92"/>
        <source>Facebook or Instagram no longer takes this answer: the citizen last wrote more than 24 hours ago, or the comment was already answered privately. Answer through another channel.</source>
        <translation>Facebook atau Instagram tidak lagi menerima jawaban ini: pelapor terakhir menulis lebih dari 24 jam yang lalu, atau komentarnya sudah dibalas secara pribadi. Jawablah melalui kanal lain.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="97"/>
        <source>The check of this installation found a problem.</source>
        <translation>Pemeriksaan instalasi ini menemukan masalah.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="129"/>
        <source>%1 is empty. Fill it in and try again.</source>
        <translation>%1 kosong. Isi lalu coba lagi.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="130"/>
        <source>%1 is too long: at most %2 characters.</source>
        <translation>%1 terlalu panjang: paling banyak %2 karakter.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="131"/>
        <source>%1 contains a character that cannot be sent. Remove it.</source>
        <translation>%1 memuat karakter yang tidak dapat dikirim. Hapus karakter itu.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="132"/>
        <source>%1 must be between %2 and %3.</source>
        <translation>%1 harus antara %2 dan %3.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="139"/>
        <source>A unit cannot become part of itself or of one of its own sub-units. Choose another unit.</source>
        <translation>Unit tidak dapat menjadi bagian dari dirinya sendiri atau dari salah satu sub-unitnya. Pilih unit lain.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="142"/>
        <source>An officer belongs to at least one unit. Choose one.</source>
        <translation>Petugas harus menjadi anggota sekurang-kurangnya satu unit. Pilih satu.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="143"/>
        <source>%1 is the last active admin. Make another officer an admin first.</source>
        <translation>%1 adalah admin aktif terakhir. Jadikan petugas lain admin terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="146"/>
        <source>You cannot change your own role. Ask another admin.</source>
        <translation>Anda tidak dapat mengubah peran Anda sendiri. Minta admin lain.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="179"/>
        <source>A report that is “%1” cannot be changed to “%2”.</source>
        <translation>Laporan berstatus “%1” tidak dapat diubah menjadi “%2”.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="192"/>
        <source>%1 holds this report until %2.</source>
        <translation>Laporan ini dipegang %1 sampai %2.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="202"/>
        <source>%1 is not on this computer or no longer yours to see: it may have moved to another unit.</source>
        <translation>%1 tidak ada di komputer ini atau tidak lagi dapat Anda lihat: mungkin sudah pindah ke unit lain.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="214"/>
        <source>Too many failed sign-ins. Try again in %1.</source>
        <translation>Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %1.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="220"/>
        <source>The channel asks Aduan to slow down; it tries again in %1.</source>
        <translation>Kanal meminta Aduan memperlambat pengiriman; Aduan mencoba lagi dalam %1.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="228"/>
        <source>This version of Aduan (%1) is no longer accepted by the server. Install version %2 from %3. Your work is kept on this computer.</source>
        <translation>Versi Aduan ini (%1) tidak lagi diterima pusat Aduan. Pasang versi %2 dari %3. Pekerjaan Anda tetap tersimpan di komputer ini.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="243"/>
        <source>This answer needs %1 SMS messages; this account sends at most %2. Shorten it by about %3 characters. Your text is kept.</source>
        <translation>Jawaban ini memerlukan %1 SMS; akun ini mengirim paling banyak %2. Persingkat sekitar %3 karakter. Teks Anda tetap tersimpan.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="49"/>
        <source>The server runs another version of Aduan. Ask your admin to update; your work is kept.</source>
        <translation>Pusat Aduan menjalankan versi Aduan yang berbeda. Minta admin Anda memperbaruinya; pekerjaan Anda tetap tersimpan.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="52"/>
        <source>Your session on the server has ended. Sign in again; your work is kept on this computer.</source>
        <translation>Sesi Anda telah berakhir. Masuk kembali; pekerjaan Anda tetap tersimpan di komputer ini.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="27"/>
        <source>Something went wrong: %1</source>
        <translation>Terjadi kesalahan: %1</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../../ui/errors.py" line="102"/>
        <source>The subject</source>
        <translation>Perihal</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="103"/>
        <source>The category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="104"/>
        <source>The external reference</source>
        <translation>Referensi eksternal</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="105"/>
        <source>The reporter&apos;s name</source>
        <translation>Nama pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="106"/>
        <source>The contact</source>
        <translation>Kontak</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="107"/>
        <source>The unit code</source>
        <translation>Kode unit</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="108"/>
        <source>The unit name</source>
        <translation>Nama unit</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="109"/>
        <source>The login</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="110"/>
        <source>The officer&apos;s name</source>
        <translation>Nama petugas</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="111"/>
        <source>The canned response&apos;s key</source>
        <translation>Kunci templat balasan</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="112"/>
        <source>The canned response&apos;s title</source>
        <translation>Judul templat balasan</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="113"/>
        <source>The canned response&apos;s text</source>
        <translation>Teks templat balasan</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="114"/>
        <source>The discussion&apos;s title</source>
        <translation>Judul diskusi</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="115"/>
        <source>The attachment&apos;s file name</source>
        <translation>Nama berkas lampiran</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="116"/>
        <source>The account name</source>
        <translation>Nama akun</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="117"/>
        <source>The day off&apos;s name</source>
        <translation>Nama hari libur</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="118"/>
        <source>The answer</source>
        <translation>Jawaban</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="119"/>
        <source>The final answer</source>
        <translation>Jawaban akhir</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="120"/>
        <source>The message</source>
        <translation>Pesan</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="121"/>
        <source>The note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="122"/>
        <source>The post</source>
        <translation>Pesan diskusi</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="123"/>
        <source>The question</source>
        <translation>Pertanyaan</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="124"/>
        <source>The reply</source>
        <translation>Balasan</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="125"/>
        <source>The comment</source>
        <translation>Komentar</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="126"/>
        <source>The text</source>
        <translation>Teks</translation>
    </message>
</context>
<context>
    <name>FromStatisticsChip</name>
    <message>
        <location filename="../../ui/from_statistics.py" line="39"/>
        <source>Remove the filter from statistics</source>
        <translation>Hapus filter dari statistik</translation>
    </message>
    <message>
        <location filename="../../ui/from_statistics.py" line="40"/>
        <source>Remove the filter from statistics and show the inbox as it was</source>
        <translation>Hapus filter dari statistik dan tampilkan kotak masuk seperti semula</translation>
    </message>
    <message>
        <location filename="../../ui/from_statistics.py" line="50"/>
        <source>From statistics: %1</source>
        <translation>Dari statistik: %1</translation>
    </message>
    <message>
        <location filename="../../ui/from_statistics.py" line="52"/>
        <source>The figures are counted by the server over the reports it lets you see (an officer&apos;s: the reports they handled); this list shows the reports this computer&apos;s copy holds, so it may hold fewer or more.</source>
        <translation>Angka statistik dihitung oleh pusat Aduan atas laporan yang boleh Anda lihat (bagi petugas: laporan yang pernah ditanganinya); daftar ini menampilkan laporan yang ada di data komputer ini, jadi bisa lebih sedikit atau lebih banyak.</translation>
    </message>
</context>
<context>
    <name>HeatMap</name>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="99"/>
        <source>Reports received by weekday and hour</source>
        <translation>Laporan masuk menurut hari dan jam</translation>
    </message>
    <message>
        <location filename="../../ui/stats/behaviour.py" line="122"/>
        <source>%1, %2:00–%2:59: %3 reports</source>
        <translation>%1, %2.00–%2.59: %3 laporan</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../ui/canned_dialog.py" line="421"/>
        <source>Versions of “%1”</source>
        <translation>Versi “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="425"/>
        <source>Versions</source>
        <translation>Versi</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="428"/>
        <source>Version</source>
        <translation>Versi</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="428"/>
        <source>Saved</source>
        <translation>Disimpan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="428"/>
        <source>By</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="428"/>
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="428"/>
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="432"/>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="432"/>
        <source>Retired</source>
        <translation>Dipensiunkan</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="434"/>
        <source>Earlier version</source>
        <translation>Versi sebelumnya</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="439"/>
        <source>administrator</source>
        <translation>administrator</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="447"/>
        <source>Text of the chosen version</source>
        <translation>Teks versi yang dipilih</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../ui/history_view.py" line="45"/>
        <source>When</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="46"/>
        <source>Who</source>
        <translation>Pelaku</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="47"/>
        <source>What</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="48"/>
        <source>Claim</source>
        <translation>Pengambilan</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="49"/>
        <source>Where</source>
        <translation>Tempat</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="105"/>
        <source>Aduan (automatic)</source>
        <translation>Aduan (otomatis)</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="112"/>
        <source>claimed it</source>
        <translation>mengambilnya</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="113"/>
        <source>renewed the claim</source>
        <translation>memperpanjang pegangan</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="114"/>
        <source>released the claim</source>
        <translation>melepaskannya</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="115"/>
        <source>took over the claim</source>
        <translation>mengambil alih</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="116"/>
        <source>replied to the reporter</source>
        <translation>membalas pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="117"/>
        <source>added an internal note</source>
        <translation>menambahkan catatan internal</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="118"/>
        <source>changed the status to %1</source>
        <translation>mengubah status menjadi %1</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="119"/>
        <source>transferred it to %1</source>
        <translation>meneruskannya ke %1</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="120"/>
        <source>changed %1</source>
        <translation>mengubah %1</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="121"/>
        <source>assigned it to %1</source>
        <translation>menugaskannya kepada %1</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="133"/>
        <source>%1 (waiting to be sent)</source>
        <translation>%1 (menunggu dikirim)</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="145"/>
        <source>the priority to %1</source>
        <translation>prioritas menjadi %1</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="151"/>
        <source>the kind to %1</source>
        <translation>jenis menjadi %1</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="157"/>
        <source>the category to %1</source>
        <translation>kategori menjadi %1</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="164"/>
        <source>; comment: %1</source>
        <translation>; komentar: %1</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="169"/>
        <source>on this computer, not sent yet</source>
        <translation>di komputer ini, belum terkirim</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="175"/>
        <source>claim %1</source>
        <translation>pengambilan %1</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="180"/>
        <source>online</source>
        <translation>daring</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="181"/>
        <source>an unknown computer</source>
        <translation>komputer yang tidak dikenal</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="182"/>
        <source>offline, on %1</source>
        <translation>luring, di %1</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="186"/>
        <source>The history is kept on the server, which cannot be reached now. It is shown again once the connection is back.</source>
        <translation>Riwayat disimpan di pusat Aduan, yang saat ini tidak dapat dihubungi. Riwayat ditampilkan lagi setelah sambungan pulih.</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="213"/>
        <source>History of the report</source>
        <translation>Riwayat laporan</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="272"/>
        <source>Nothing has been recorded for this report yet.</source>
        <translation>Belum ada yang tercatat untuk laporan ini.</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <location filename="../../ui/inbox_model.py" line="78"/>
        <source>Overdue %1</source>
        <translation>Terlambat %1</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="79"/>
        <source>Due today %1</source>
        <translation>Jatuh tempo hari ini %1</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="80"/>
        <source>Due soon, %1</source>
        <translation>Segera jatuh tempo, %1</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="81"/>
        <source>On time, %1</source>
        <translation>Tepat waktu, %1</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="85"/>
        <source>Tracking no.</source>
        <translation>No. laporan</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="86"/>
        <source>Subject</source>
        <translation>Perihal</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="87"/>
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="88"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="89"/>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="90"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="91"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="92"/>
        <source>Held by</source>
        <translation>Dipegang oleh</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="94"/>
        <source>Last update</source>
        <translation>Diperbarui</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="333"/>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="402"/>
        <source>(queued)</source>
        <translation>(antre)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="407"/>
        <source>Anonymous</source>
        <translation>Anonim</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="417"/>
        <source> (queued)</source>
        <translation> (antre)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="443"/>
        <source>No deadline</source>
        <translation>Tanpa tenggat</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="446"/>
        <source>Finished; the deadline was %1</source>
        <translation>Selesai; tenggatnya %1</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="448"/>
        <source>%1 (deadline %2)</source>
        <translation>%1 (tenggat %2)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="473"/>
        <source>free</source>
        <translation>bebas</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="475"/>
        <source>%1 — claim queued</source>
        <translation>%1 — pengambilan menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="480"/>
        <source>free (lease of %1 ran out)</source>
        <translation>bebas (waktu pegang %1 habis)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="481"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="487"/>
        <source>Lease until %1</source>
        <translation>Dipegang sampai %1</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="491"/>
        <source>The reporter asked to stay anonymous</source>
        <translation>Pelapor meminta identitasnya dirahasiakan</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="493"/>
        <source>A change made here is waiting to be sent</source>
        <translation>Perubahan di sini menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="93"/>
        <source>Deadline</source>
        <translation>Tenggat</translation>
    </message>
</context>
<context>
    <name>InboxView</name>
    <message>
        <location filename="../../ui/inbox_view.py" line="70"/>
        <source>Unclaimed</source>
        <translation>Belum diambil</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="71"/>
        <source>Mine</source>
        <translation>Milik saya</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="72"/>
        <source>My unit</source>
        <translation>Unit saya</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="75"/>
        <source>My units and sub-units</source>
        <translation>Unit saya dan sub-unit</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="73"/>
        <source>Due soon / overdue</source>
        <translation>Tenggat dekat/lewat</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="74"/>
        <source>Everything</source>
        <translation>Semua</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="77"/>
        <source>No reports in this view.</source>
        <translation>Tidak ada laporan di tampilan ini.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="79"/>
        <source>Every report in your units is taken: nothing waits here.</source>
        <translation>Semua laporan di unit Anda sudah diambil: tidak ada yang menunggu di sini.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="80"/>
        <source>You hold no reports. Take one from Unclaimed.</source>
        <translation>Anda tidak memegang laporan. Ambil satu dari Belum diambil.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="81"/>
        <source>No open report is overdue or due soon.</source>
        <translation>Tidak ada laporan terbuka yang terlambat atau segera jatuh tempo.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="103"/>
        <source>Inbox view</source>
        <translation>Tampilan kotak masuk</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="108"/>
        <source>Status filter</source>
        <translation>Filter status</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="108"/>
        <source>All statuses</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="111"/>
        <source>Channel filter</source>
        <translation>Filter kanal</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="111"/>
        <source>All channels</source>
        <translation>Semua kanal</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="114"/>
        <source>Kind filter</source>
        <translation>Filter jenis</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="114"/>
        <source>All kinds</source>
        <translation>Semua jenis</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="117"/>
        <source>Unit filter</source>
        <translation>Filter unit</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="117"/>
        <source>All units</source>
        <translation>Semua unit</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="118"/>
        <source>Holder filter</source>
        <translation>Filter pemegang</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="118"/>
        <source>Anyone holding</source>
        <translation>Semua pemegang</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="122"/>
        <source>Search subjects and messages</source>
        <translation>Cari perihal dan pesan</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="123"/>
        <source>Search subjects and messages…</source>
        <translation>Cari perihal dan pesan…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="145"/>
        <source>Reports</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="171"/>
        <source>Actions for the selected reports</source>
        <translation>Tindakan untuk laporan terpilih</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="184"/>
        <source>Number of reports</source>
        <translation>Jumlah laporan</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="437"/>
        <source>Counting…</source>
        <translation>Menghitung…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="519"/>
        <source>Clear the filters</source>
        <translation>Hapus filter</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="522"/>
        <location filename="../../ui/inbox_view.py" line="523"/>
        <source>No reports match “%1”.</source>
        <translation>Tidak ada laporan yang cocok dengan “%1”.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="527"/>
        <source>No reports match these filters.</source>
        <translation>Tidak ada laporan yang cocok dengan filter ini.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="561"/>
        <location filename="../../ui/inbox_view.py" line="576"/>
        <source>Reports: %1</source>
        <translation>Laporan: %1</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="563"/>
        <source>Reports: at least %1 (counting…)</source>
        <translation>Laporan: sedikitnya %1 (menghitung…)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="573"/>
        <source>Reports: more than %1</source>
        <translation>Laporan: lebih dari %1</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_layout.py" line="49"/>
        <source>Columns</source>
        <translation>Kolom</translation>
    </message>
</context>
<context>
    <name>Kind</name>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>Aspiration</source>
        <translation>Aspirasi</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>Complaint</source>
        <translation>Pengaduan</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26"/>
        <source>Information request</source>
        <translation>Permintaan informasi</translation>
    </message>
</context>
<context>
    <name>LaporPage</name>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="49"/>
        <source>a LAPOR! export: .csv or .xlsx</source>
        <translation>berkas ekspor LAPOR!: .csv atau .xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="50"/>
        <source>&amp;Choose…</source>
        <translation>&amp;Pilih…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="59"/>
        <source>&amp;Import</source>
        <translation>&amp;Impor</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="69"/>
        <source>Import summary</source>
        <translation>Ringkasan impor</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="70"/>
        <source>Import LAPOR! reports</source>
        <translation>Impor laporan LAPOR!</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="72"/>
        <source>&amp;Unit:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="73"/>
        <source>&amp;File:</source>
        <translation>&amp;Berkas:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="74"/>
        <source>&amp;Times in the file:</source>
        <translation>&amp;Zona waktu dalam berkas:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="77"/>
        <source>Only admins import LAPOR! reports.</source>
        <translation>Laporan LAPOR! hanya dapat diimpor oleh admin.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="91"/>
        <source>Only &amp;since:</source>
        <translation>Hanya &amp;sejak:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="101"/>
        <source>&amp;Export to a file…</source>
        <translation>&amp;Ekspor ke berkas…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="104"/>
        <source>Follow-ups to enter into LAPOR!</source>
        <translation>Tindak lanjut untuk dimasukkan ke LAPOR!</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="106"/>
        <source>U&amp;nit:</source>
        <translation>U&amp;nit:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="129"/>
        <source>Save the follow-ups</source>
        <translation>Simpan tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="129"/>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>Lembar kerja (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="138"/>
        <source>Choose the unit first.</source>
        <translation>Pilih unitnya terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="142"/>
        <source>Exporting…</source>
        <translation>Mengekspor…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="151"/>
        <source>%1 follow-ups (%2 answers, %3 status changes) written to %4.</source>
        <translation>%1 tindak lanjut (%2 jawaban, %3 perubahan status) ditulis ke %4.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="157"/>
        <source>Choose a LAPOR! export</source>
        <translation>Pilih berkas ekspor LAPOR!</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="157"/>
        <source>LAPOR! exports (*.csv *.xlsx)</source>
        <translation>Ekspor LAPOR! (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="166"/>
        <source>Choose the unit and the file first.</source>
        <translation>Pilih unit dan berkasnya terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="171"/>
        <source>Importing…</source>
        <translation>Mengimpor…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="182"/>
        <source>%1 created, %2 already present, %3 refused.</source>
        <translation>%1 dibuat, %2 sudah ada, %3 ditolak.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="187"/>
        <source>Row %1: LAPOR! %2 → %3</source>
        <translation>Baris %1: LAPOR! %2 → %3</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="194"/>
        <source>Row %1: refused: %2</source>
        <translation>Baris %1: ditolak: %2</translation>
    </message>
    <message>
        <location filename="../../ui/admin/lapor_page.py" line="198"/>
        <source>The file has no column %1; those fields stay empty.</source>
        <translation>Berkas ini tidak memiliki kolom %1; isian tersebut dibiarkan kosong.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="208"/>
        <source>Demo workspace: sample data on this computer only, signed in as a demo officer. Nothing here reaches your unit&apos;s server.</source>
        <translation>Ruang kerja demo: data contoh hanya di komputer ini, masuk sebagai petugas demo. Tidak ada yang dikirim ke pusat Aduan unit Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="224"/>
        <source>&amp;Aduan</source>
        <translation>&amp;Aduan</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="266"/>
        <source>&amp;Go</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="274"/>
        <source>&amp;Help</source>
        <translation>&amp;Bantuan</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="302"/>
        <source> (demo)</source>
        <translation> (demo)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="311"/>
        <source>%1 (%2 unread)</source>
        <translation>%1 (%2 belum dibaca)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="350"/>
        <source>Your session on the server has ended: an admin may have reset your password or disabled your login, or it expired. Sign in again to send your work; until then it is kept on this computer.</source>
        <translation>Sesi Anda telah berakhir: mungkin admin mengatur ulang kata sandi Anda atau menonaktifkan nama pengguna Anda, atau sesinya kedaluwarsa. Masuk kembali untuk mengirim pekerjaan Anda; sampai saat itu pekerjaan Anda tetap tersimpan di komputer ini.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="382"/>
        <source>Your password was changed. Your sessions on other computers ended; this one stays signed in.</source>
        <translation>Kata sandi Anda telah diubah. Sesi Anda di komputer lain berakhir; komputer ini tetap masuk.</translation>
    </message>
</context>
<context>
    <name>MasterDialog</name>
    <message>
        <location filename="../../ui/related_dialogs.py" line="117"/>
        <source>Merge into another report</source>
        <translation>Gabungkan ke laporan lain</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="119"/>
        <source>This report becomes a duplicate of the report you choose and is archived; your claim on it ends. The citizen is answered with the master&apos;s family.</source>
        <translation>Laporan ini menjadi duplikat dari laporan yang Anda pilih dan diarsipkan; laporan ini tidak lagi Anda pegang. Pelapor dijawab bersama kelompok laporan induk.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="123"/>
        <source>Mark as duplicate</source>
        <translation>Tandai sebagai duplikat</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="125"/>
        <source>This report becomes a duplicate of the report you choose; it stays open and is answered with the master&apos;s family. A duplicate chosen as master stands for its own master.</source>
        <translation>Laporan ini menjadi duplikat dari laporan yang Anda pilih; laporan tetap terbuka dan dijawab bersama kelompok laporan induk. Duplikat yang dipilih sebagai induk mewakili induknya sendiri.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="131"/>
        <source>Reports to choose from</source>
        <translation>Laporan yang dapat dipilih</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="139"/>
        <source>No similar reports were found on this computer: type the tracking number.</source>
        <translation>Tidak ada laporan serupa di komputer ini: ketik nomor laporannya.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="144"/>
        <source>Tracking number of the master report</source>
        <translation>Nomor laporan induk</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="151"/>
        <source>Or tracking number:</source>
        <translation>Atau nomor laporan:</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="165"/>
        <source>Choose the master report from the list or type its tracking number.</source>
        <translation>Pilih laporan induk dari daftar atau ketik nomor laporannya.</translation>
    </message>
</context>
<context>
    <name>NewReport</name>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="121"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 tidak dapat dibaca: %2</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="127"/>
        <source>%1 was not attached: only PDF, JPEG, PNG and TIFF scans are taken.</source>
        <translation>%1 tidak dilampirkan: hanya pindaian PDF, JPEG, PNG dan TIFF yang diterima.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="132"/>
        <source>%1 was not attached: it is not the %2 file its name says.</source>
        <translation>%1 tidak dilampirkan: isinya bukan berkas %2 seperti yang disebut namanya.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="136"/>
        <source>%1 was not attached: the file is empty.</source>
        <translation>%1 tidak dilampirkan: berkasnya kosong.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="138"/>
        <source>%1 was not attached: it is %2, and a scan may be at most %3.</source>
        <translation>%1 tidak dilampirkan: ukurannya %2, sedangkan satu pindaian paling besar %3.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="141"/>
        <source>%1 was not attached: a report may carry at most %2 scans.</source>
        <translation>%1 tidak dilampirkan: satu laporan paling banyak membawa %2 pindaian.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="145"/>
        <source>%1 was not attached: together the scans would be %2, and a report may carry at most %3.</source>
        <translation>%1 tidak dilampirkan: semua pindaian bersama menjadi %2, sedangkan satu laporan paling banyak %3.</translation>
    </message>
</context>
<context>
    <name>NewReportDialog</name>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="169"/>
        <location filename="../../ui/new_report_dialog.py" line="416"/>
        <source>New report</source>
        <translation>Laporan baru</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="171"/>
        <source>Record report</source>
        <translation>Catat laporan</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="174"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="180"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="182"/>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="186"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="192"/>
        <source>optional</source>
        <translation>opsional</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="193"/>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="197"/>
        <source>Subject</source>
        <translation>Perihal</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="200"/>
        <source>What the reporter said or wrote</source>
        <translation>Yang disampaikan atau ditulis pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="201"/>
        <source>What the reporter said or wrote, in their words where possible.</source>
        <translation>Yang disampaikan atau ditulis pelapor, sebisa mungkin dengan kata-katanya sendiri.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="204"/>
        <source>Reporter&apos;s name</source>
        <translation>Nama pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="205"/>
        <source>Reporter&apos;s contact</source>
        <translation>Kontak pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="206"/>
        <source>Phone number, address or e-mail</source>
        <translation>Nomor telepon, alamat atau surel</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="207"/>
        <source>&amp;Anonymous: the reporter&apos;s identity is not recorded</source>
        <translation>&amp;Anonim: identitas pelapor tidak dicatat</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="210"/>
        <source>&amp;Confidential: only the handling unit reads the content</source>
        <translation>&amp;Rahasia: hanya unit penangan yang membaca isinya</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="215"/>
        <location filename="../../ui/new_report_dialog.py" line="277"/>
        <source>Scanned documents</source>
        <translation>Dokumen pindaian</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="217"/>
        <source>Add &amp;scans…</source>
        <translation>Tambah &amp;pindaian…</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="220"/>
        <source>&amp;Remove</source>
        <translation>&amp;Hapus</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="224"/>
        <source>PDF, JPEG, PNG or TIFF; at most %1 each and %2 together.</source>
        <translation>PDF, JPEG, PNG atau TIFF; paling besar %1 per berkas dan %2 seluruhnya.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="251"/>
        <source>C&amp;hannel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="252"/>
        <source>&amp;Unit:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="253"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Jenis:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="254"/>
        <source>Ca&amp;tegory:</source>
        <translation>Ka&amp;tegori:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="255"/>
        <source>&amp;Priority:</source>
        <translation>P&amp;rioritas:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="256"/>
        <source>Su&amp;bject:</source>
        <translation>Peri&amp;hal:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="257"/>
        <source>Te&amp;xt:</source>
        <translation>Is&amp;i:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="258"/>
        <source>Report</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="262"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nama:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="263"/>
        <source>C&amp;ontact:</source>
        <translation>K&amp;ontak:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="266"/>
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="316"/>
        <source>This computer does not know your units yet: sync first.</source>
        <translation>Komputer ini belum mengenal unit Anda: pilih Perbarui sekarang lebih dulu.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="324"/>
        <source>Add scans</source>
        <translation>Tambah pindaian</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="328"/>
        <source>Scans (%1)</source>
        <translation>Pindaian (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="328"/>
        <source>All files (*)</source>
        <translation>Semua berkas (*)</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="369"/>
        <source>Wait a moment: the form is still being filled.</source>
        <translation>Tunggu sebentar: formulir masih sedang diisi.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="371"/>
        <source>Wait until the chosen scans are read.</source>
        <translation>Tunggu sampai pindaian yang dipilih selesai dibaca.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="373"/>
        <source>Choose the unit that handles the report.</source>
        <translation>Pilih unit yang menangani laporan ini.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="375"/>
        <source>Give the report a subject.</source>
        <translation>Beri laporan ini perihal.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="377"/>
        <source>Write down what the reporter said or wrote.</source>
        <translation>Tuliskan yang disampaikan atau ditulis pelapor.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="417"/>
        <source>Discard this report? What you typed and the scans you added are not kept.</source>
        <translation>Buang laporan ini? Yang sudah Anda ketik dan pindaian yang Anda tambahkan tidak disimpan.</translation>
    </message>
</context>
<context>
    <name>NewThreadDialog</name>
    <message>
        <location filename="../../ui/discussion_view.py" line="56"/>
        <source>New thread</source>
        <translation>Topik baru</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="58"/>
        <location filename="../../ui/discussion_view.py" line="80"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="64"/>
        <location filename="../../ui/discussion_view.py" line="81"/>
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="66"/>
        <location filename="../../ui/discussion_view.py" line="82"/>
        <source>First post</source>
        <translation>Pesan pertama</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="69"/>
        <source>Report to link (tracking number, optional)</source>
        <translation>Laporan yang ditautkan (nomor laporan, opsional)</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="70"/>
        <source>e.g. ADU-2026-000123</source>
        <translation>mis. ADU-2026-000123</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="75"/>
        <source>Start thread</source>
        <translation>Mulai topik</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="83"/>
        <source>Link report</source>
        <translation>Tautkan laporan</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="89"/>
        <source>You are not a member of any unit yet: sync first.</source>
        <translation>Anda belum menjadi anggota unit mana pun: pilih Perbarui sekarang lebih dulu.</translation>
    </message>
</context>
<context>
    <name>NotOursDialog</name>
    <message>
        <location filename="../../ui/related_dialogs.py" line="267"/>
        <source>Not our authority</source>
        <translation>Bukan wewenang</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="270"/>
        <source>%1 goes back to the unit that disposes of reports, marked &quot;Not our authority&quot;, so that it can be sent to the right unit. Your claim on it ends.</source>
        <translation>%1 dikembalikan ke unit yang mendisposisikan laporan, ditandai &quot;Bukan wewenang&quot;, agar dapat diteruskan ke unit yang tepat. Laporan ini tidak lagi Anda pegang.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="276"/>
        <source>Why this is not our authority</source>
        <translation>Mengapa ini bukan wewenang kami</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="279"/>
        <source>Reason:</source>
        <translation>Alasan:</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="288"/>
        <source>Give the reason: the unit that receives the report back reads it.</source>
        <translation>Tuliskan alasannya: unit yang menerima kembali laporan akan membacanya.</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="108"/>
        <source>Aduan: %n new for you</source>
        <translation>
            <numerusform>Aduan: %n hal baru untuk Anda</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="117"/>
        <source>Assigned to you</source>
        <translation>Ditugaskan kepada Anda</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="118"/>
        <source>You were mentioned</source>
        <translation>Anda disebut</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="119"/>
        <source>The reporter wrote again</source>
        <translation>Pelapor menulis lagi</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="120"/>
        <source>Due within the hour</source>
        <translation>Jatuh tempo dalam satu jam</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="121"/>
        <source>Overdue</source>
        <translation>Terlambat</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="127"/>
        <source>%n reports were assigned to you.</source>
        <translation>
            <numerusform>%n laporan ditugaskan kepada Anda.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="128"/>
        <source>You were mentioned %n times.</source>
        <translation>
            <numerusform>Anda disebut %n kali.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="129"/>
        <source>Reporters wrote again on %n of your reports.</source>
        <translation>
            <numerusform>Pelapor menulis lagi pada %n laporan Anda.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="130"/>
        <source>%n of your reports are due within the hour.</source>
        <translation>
            <numerusform>%n laporan Anda jatuh tempo dalam satu jam.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="131"/>
        <source>%n of your reports are now overdue.</source>
        <translation>
            <numerusform>%n laporan Anda kini terlambat.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="135"/>
        <source>(not numbered yet)</source>
        <translation>(belum bernomor)</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="137"/>
        <source>You were mentioned in a team discussion.</source>
        <translation>Anda disebut dalam diskusi tim.</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="139"/>
        <source>Report %1 was assigned to you.</source>
        <translation>Laporan %1 ditugaskan kepada Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="140"/>
        <source>You were mentioned about report %1.</source>
        <translation>Anda disebut terkait laporan %1.</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="141"/>
        <source>The reporter wrote again on report %1.</source>
        <translation>Pelapor menulis lagi pada laporan %1.</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="142"/>
        <source>Report %1 is due within the hour.</source>
        <translation>Laporan %1 jatuh tempo dalam satu jam.</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="143"/>
        <source>Report %1 is now overdue.</source>
        <translation>Laporan %1 kini terlambat.</translation>
    </message>
    <message>
        <location filename="../../ui/tray.py" line="153"/>
        <source>A topic is rising</source>
        <translation>Sebuah topik sedang naik</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tray.py" line="153"/>
        <source>%n topics are rising</source>
        <translation>
            <numerusform>%n topik sedang naik</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OfficerEditDialog</name>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="194"/>
        <source>Change officer %1</source>
        <translation>Ubah petugas %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="195"/>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="205"/>
        <source>You cannot change your own role: ask another admin.</source>
        <translation>Anda tidak dapat mengubah peran Anda sendiri: minta admin lain.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="208"/>
        <source>Units</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="217"/>
        <source>An officer works in at least one unit: tick one.</source>
        <translation>Petugas bekerja di sekurang-kurangnya satu unit: centang satu.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="222"/>
        <source>The login %1 stays. Reports the officer holds in units they leave are released at once, for the unit to take up.</source>
        <translation>Login %1 tetap. Laporan yang dipegang petugas di unit yang ditinggalkannya langsung dilepaskan, agar dapat diambil oleh unit itu.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="229"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nama:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="230"/>
        <source>R&amp;ole:</source>
        <translation>P&amp;eran:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="231"/>
        <source>&amp;Units:</source>
        <translation>&amp;Unit:</translation>
    </message>
</context>
<context>
    <name>OfficersPage</name>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="47"/>
        <source>Officers</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="48"/>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="48"/>
        <source>Login</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="48"/>
        <source>Units</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="48"/>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="48"/>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="53"/>
        <source>Ed&amp;it…</source>
        <translation>U&amp;bah…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="55"/>
        <source>Change the chosen officer&apos;s name, role or units</source>
        <translation>Ubah nama, peran, atau unit petugas yang dipilih</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="58"/>
        <source>&amp;Disable</source>
        <translation>Nonakti&amp;fkan</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="60"/>
        <source>The officer can no longer sign in; their sessions end</source>
        <translation>Petugas tidak dapat masuk lagi; sesinya berakhir</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="62"/>
        <source>&amp;Enable</source>
        <translation>&amp;Aktifkan</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="65"/>
        <source>&amp;Reset password…</source>
        <translation>Atur ulang kata &amp;sandi…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="86"/>
        <source>&amp;Add officer</source>
        <translation>&amp;Tambah petugas</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="91"/>
        <source>Generated password</source>
        <translation>Kata sandi yang dibuat</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="96"/>
        <source>&amp;Copy</source>
        <translation>Sa&amp;lin</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="107"/>
        <source>Add an officer</source>
        <translation>Tambah petugas</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="109"/>
        <source>&amp;Login:</source>
        <translation>Nama &amp;pengguna:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="110"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nama:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="111"/>
        <source>&amp;Unit:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="112"/>
        <source>R&amp;ole:</source>
        <translation>P&amp;eran:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="114"/>
        <source>Password (shown once):</source>
        <translation>Kata sandi (ditampilkan sekali):</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="153"/>
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="153"/>
        <source>no</source>
        <translation>tidak</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="191"/>
        <source>Officer %1 added. Give them the password below: it is shown only once.</source>
        <translation>Petugas %1 ditambahkan. Berikan kata sandi di bawah ini kepadanya: kata sandi ini hanya ditampilkan sekali.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="193"/>
        <source>Officer %1 added.</source>
        <translation>Petugas %1 ditambahkan.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="209"/>
        <source>%1 can sign in again.</source>
        <translation>%1 dapat masuk kembali.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="209"/>
        <source>%1 is disabled; their sessions ended.</source>
        <translation>%1 dinonaktifkan; sesinya telah berakhir.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="225"/>
        <source>%1 changed: %2 in %3.</source>
        <translation>%1 diubah: %2 di %3.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/officers_page.py" line="228"/>
        <source>Released, as they can no longer reach them: %1.</source>
        <translation>Laporan yang tidak lagi dapat dijangkaunya dilepaskan: %1.</translation>
    </message>
</context>
<context>
    <name>Passwords</name>
    <message>
        <location filename="../../ui/password_dialogs.py" line="48"/>
        <source>Type the new password.</source>
        <translation>Ketik kata sandi baru.</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="50"/>
        <source>The new password is too short: use at least %1 characters.</source>
        <translation>Kata sandi baru terlalu pendek: gunakan paling sedikit %1 karakter.</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="53"/>
        <source>The new password is too long: use at most %1 characters.</source>
        <translation>Kata sandi baru terlalu panjang: gunakan paling banyak %1 karakter.</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="56"/>
        <source>The new password is one character repeated: choose another.</source>
        <translation>Kata sandi baru hanya satu karakter yang diulang: pilih yang lain.</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="58"/>
        <source>The new password is the login: choose another.</source>
        <translation>Kata sandi baru sama dengan nama pengguna: pilih yang lain.</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="60"/>
        <source>The two new passwords differ: type the same one twice.</source>
        <translation>Kedua kata sandi baru berbeda: ketik kata sandi yang sama dua kali.</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="67"/>
        <source>The server cannot be reached, so the password was not changed. Try again when connected.</source>
        <translation>Pusat Aduan tidak dapat dihubungi, sehingga kata sandi tidak diubah. Coba lagi setelah tersambung.</translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <location filename="../../ui/labels.py" line="43"/>
        <source>Low</source>
        <translation>Rendah</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>High</source>
        <translation>Tinggi</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46"/>
        <source>Urgent</source>
        <translation>Mendesak</translation>
    </message>
</context>
<context>
    <name>PropertiesDialog</name>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="241"/>
        <source>Priority, category and kind</source>
        <translation>Prioritas, kategori, dan jenis</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="246"/>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="252"/>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="259"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="265"/>
        <source>&amp;Priority:</source>
        <translation>&amp;Prioritas:</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="266"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Jenis:</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="267"/>
        <source>&amp;Category:</source>
        <translation>&amp;Kategori:</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="284"/>
        <source>Nothing was changed.</source>
        <translation>Tidak ada yang diubah.</translation>
    </message>
</context>
<context>
    <name>PublicReplyDialog</name>
    <message>
        <location filename="../../ui/public_reply_dialog.py" line="20"/>
        <source>Reply in public</source>
        <translation>Balas secara publik</translation>
    </message>
    <message>
        <location filename="../../ui/public_reply_dialog.py" line="26"/>
        <source>%1 wrote on %2 (%3):</source>
        <translation>%1 menulis di %2 (%3):</translation>
    </message>
    <message>
        <location filename="../../ui/public_reply_dialog.py" line="36"/>
        <source>Your reply is posted under the comment as the account, where everyone can read it.</source>
        <translation>Balasan Anda diunggah di bawah komentar atas nama akun, tempat semua orang dapat membacanya.</translation>
    </message>
    <message>
        <location filename="../../ui/public_reply_dialog.py" line="43"/>
        <source>Public reply</source>
        <translation>Balasan publik</translation>
    </message>
    <message>
        <location filename="../../ui/public_reply_dialog.py" line="51"/>
        <source>I saw that this comment shows personal data (an NIK, a phone number or an e-mail address) and answer it in public anyway</source>
        <translation>Saya melihat bahwa komentar ini memuat data pribadi (NIK, nomor telepon, atau alamat e-mail) dan tetap menjawabnya secara publik</translation>
    </message>
    <message>
        <location filename="../../ui/public_reply_dialog.py" line="63"/>
        <source>%1 of %2 characters</source>
        <translation>%1 dari %2 karakter</translation>
    </message>
    <message>
        <location filename="../../ui/public_reply_dialog.py" line="74"/>
        <source>Write the reply first.</source>
        <translation>Tulis balasannya terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../ui/public_reply_dialog.py" line="76"/>
        <source>A public reply is at most %1 characters.</source>
        <translation>Balasan publik paling banyak %1 karakter.</translation>
    </message>
    <message>
        <location filename="../../ui/public_reply_dialog.py" line="79"/>
        <source>The reply shows an NIK, or repeats the phone number or e-mail address the citizen wrote: leave it out, or answer privately by making a report of the comment.</source>
        <translation>Balasan memuat NIK, atau mengulang nomor telepon atau alamat e-mail yang ditulis warga: hapus bagian itu, atau jawab secara pribadi dengan menjadikan komentar sebagai laporan.</translation>
    </message>
    <message>
        <location filename="../../ui/public_reply_dialog.py" line="84"/>
        <source>This comment shows personal data: make a report of it to answer in private, or tick the box to answer in public anyway.</source>
        <translation>Komentar ini memuat data pribadi: jadikan laporan untuk menjawab secara pribadi, atau centang kotaknya untuk tetap menjawab secara publik.</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="../../ui/i18n.py" line="32"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="33"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="34"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="35"/>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="36"/>
        <source>Yes</source>
        <translation>Ya</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="37"/>
        <source>No</source>
        <translation>Tidak</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="38"/>
        <source>Apply</source>
        <translation>Terapkan</translation>
    </message>
</context>
<context>
    <name>RecapMonthDialog</name>
    <message>
        <location filename="../../ui/stats/recap_saver.py" line="45"/>
        <source>Monthly recap</source>
        <translation>Rekap bulanan</translation>
    </message>
    <message>
        <location filename="../../ui/stats/recap_saver.py" line="54"/>
        <source>&amp;Month:</source>
        <translation>&amp;Bulan:</translation>
    </message>
    <message>
        <location filename="../../ui/stats/recap_saver.py" line="56"/>
        <source>Month of the recap</source>
        <translation>Bulan rekap</translation>
    </message>
</context>
<context>
    <name>RecapSaver</name>
    <message>
        <location filename="../../ui/stats/recap_saver.py" line="85"/>
        <source>Save the monthly recap</source>
        <translation>Simpan rekap bulanan</translation>
    </message>
    <message>
        <location filename="../../ui/stats/recap_saver.py" line="87"/>
        <source>PDF (*.pdf);;Excel workbook (*.xlsx)</source>
        <translation>PDF (*.pdf);;Buku kerja Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/stats/recap_saver.py" line="101"/>
        <source>Save the recap as a .pdf or an .xlsx file.</source>
        <translation>Simpan rekap sebagai berkas .pdf atau .xlsx.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/recap_saver.py" line="104"/>
        <source>Making the monthly recap…</source>
        <translation>Menyusun rekap bulanan…</translation>
    </message>
    <message>
        <location filename="../../ui/stats/recap_saver.py" line="120"/>
        <source>Monthly recap saved to %1.</source>
        <translation>Rekap bulanan disimpan ke %1.</translation>
    </message>
</context>
<context>
    <name>ReferDialog</name>
    <message>
        <location filename="../../ui/related_dialogs.py" line="296"/>
        <source>Refer to another unit</source>
        <translation>Minta masukan unit lain</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="301"/>
        <source>The unit sees your question with the report&apos;s subject and first message, not the report itself. The report stays with you; the answer arrives as an internal note.</source>
        <translation>Unit itu melihat pertanyaan Anda beserta perihal dan pesan pertama laporan, bukan laporannya sendiri. Laporan tetap pada Anda; jawabannya datang sebagai catatan internal.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="308"/>
        <source>Unit to ask</source>
        <translation>Unit yang ditanya</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="309"/>
        <source>Choose a unit…</source>
        <translation>Pilih unit…</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="315"/>
        <source>Question to the unit</source>
        <translation>Pertanyaan untuk unit</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="318"/>
        <source>Unit:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="319"/>
        <source>Question:</source>
        <translation>Pertanyaan:</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="330"/>
        <source>Choose the unit to ask.</source>
        <translation>Pilih unit yang ditanya.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="332"/>
        <source>Write the question for the unit.</source>
        <translation>Tulis pertanyaan untuk unit.</translation>
    </message>
</context>
<context>
    <name>ReferralsView</name>
    <message>
        <location filename="../../ui/referrals_view.py" line="54"/>
        <source>Other units ask your unit about their reports here. Your answer becomes an internal note on their report, for the officer who asked.</source>
        <translation>Di sini unit lain bertanya kepada unit Anda tentang laporan mereka. Jawaban Anda menjadi catatan internal pada laporan mereka, untuk petugas yang bertanya.</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="62"/>
        <source>Referrals to your unit</source>
        <translation>Permintaan masukan untuk unit Anda</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="64"/>
        <source>Report</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="64"/>
        <source>Subject</source>
        <translation>Perihal</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="64"/>
        <source>Question</source>
        <translation>Pertanyaan</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="64"/>
        <source>Asked by</source>
        <translation>Ditanyakan oleh</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="64"/>
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="79"/>
        <source>No other unit has asked your unit anything.</source>
        <translation>Belum ada unit lain yang bertanya kepada unit Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="85"/>
        <source>The referral</source>
        <translation>Permintaan masukan</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="92"/>
        <source>Open report</source>
        <translation>Buka laporan</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="139"/>
        <source>(confidential)</source>
        <translation>(rahasia)</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="166"/>
        <location filename="../../ui/referrals_view.py" line="174"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="178"/>
        <source>Waiting for our answer</source>
        <translation>Menunggu jawaban kita</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="180"/>
        <source>Answer waiting to be sent</source>
        <translation>Jawaban menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="182"/>
        <source>Question waiting to be sent</source>
        <translation>Pertanyaan menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="183"/>
        <source>Answered by %1</source>
        <translation>Dijawab oleh %1</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="200"/>
        <source>Confidential reporter: only the handling unit sees the report.</source>
        <translation>Pelapor rahasia: hanya unit penangan yang melihat laporannya.</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="202"/>
        <source>Anonymous reporter</source>
        <translation>Pelapor anonim</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="204"/>
        <source>Reporter unknown</source>
        <translation>Pelapor tidak diketahui</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="205"/>
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="207"/>
        <source>The citizen wrote</source>
        <translation>Warga menulis</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="208"/>
        <source>Question from %1, %2</source>
        <translation>Pertanyaan dari %1, %2</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="212"/>
        <source>Answer from %1, %2</source>
        <translation>Jawaban dari %1, %2</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="215"/>
        <source>Your answer, waiting to be sent</source>
        <translation>Jawaban Anda, menunggu dikirim</translation>
    </message>
</context>
<context>
    <name>Related</name>
    <message>
        <location filename="../../ui/related_dialogs.py" line="43"/>
        <source>Same reporter (text %1% alike)</source>
        <translation>Pelapor sama (teks %1% mirip)</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="44"/>
        <source>Similar text (%1% alike)</source>
        <translation>Teks mirip (%1% mirip)</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="97"/>
        <source>a duplicate: its master is used</source>
        <translation>duplikat: induknya yang dipakai</translation>
    </message>
</context>
<context>
    <name>RelatedView</name>
    <message>
        <location filename="../../ui/related_view.py" line="137"/>
        <source>Master and duplicates</source>
        <translation>Induk dan duplikat</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="138"/>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="138"/>
        <location filename="../../ui/related_view.py" line="160"/>
        <source>Report</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="138"/>
        <location filename="../../ui/related_view.py" line="160"/>
        <source>Subject</source>
        <translation>Perihal</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="138"/>
        <location filename="../../ui/related_view.py" line="160"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="138"/>
        <source>Held by</source>
        <translation>Dipegang oleh</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="142"/>
        <source>Not linked to other reports.</source>
        <translation>Tidak tertaut ke laporan lain.</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="150"/>
        <source>Duplicates</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="159"/>
        <location filename="../../ui/related_view.py" line="166"/>
        <source>Similar reports</source>
        <translation>Laporan serupa</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="160"/>
        <source>Why</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="163"/>
        <source>Double-click a report to open it.</source>
        <translation>Klik dua kali laporan untuk membukanya.</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="165"/>
        <source>No similar reports on this computer.</source>
        <translation>Tidak ada laporan serupa di komputer ini.</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="173"/>
        <source>Questions to other units</source>
        <translation>Pertanyaan ke unit lain</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="176"/>
        <source>No other unit was asked about this report.</source>
        <translation>Belum ada unit lain yang ditanya tentang laporan ini.</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="181"/>
        <source>Other units</source>
        <translation>Unit lain</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="236"/>
        <source>Related (%1)</source>
        <translation>Terkait (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="236"/>
        <source>Related</source>
        <translation>Terkait</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="260"/>
        <source>Master</source>
        <translation>Induk</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="260"/>
        <source>Duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="262"/>
        <source>%1, this report</source>
        <translation>%1, laporan ini</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="264"/>
        <source>%1 (queued)</source>
        <translation>%1 (antre)</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="265"/>
        <source>nobody</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="276"/>
        <source>%1; a duplicate</source>
        <translation>%1; duplikat</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="298"/>
        <source>To %1 · asked by %2 · %3</source>
        <translation>Kepada %1 · ditanyakan oleh %2 · %3</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="301"/>
        <source>Question: %1</source>
        <translation>Pertanyaan: %1</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="307"/>
        <source>Waiting to be sent at the next sync</source>
        <translation>Menunggu dikirim saat tersambung berikutnya</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="309"/>
        <source>Waiting for the unit&apos;s answer</source>
        <translation>Menunggu jawaban unit</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="311"/>
        <source>Answer (waiting to be sent): %1</source>
        <translation>Jawaban (menunggu dikirim): %1</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="312"/>
        <source>Answer from %1 (%2): %3</source>
        <translation>Jawaban dari %1 (%2): %3</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="331"/>
        <source>Claim the report to link, merge or answer its family.</source>
        <translation>Ambil laporan ini untuk menautkan, menggabungkan, atau menjawab kelompoknya.</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="333"/>
        <source>This report is a master: unlink its duplicates before linking it elsewhere.</source>
        <translation>Laporan ini adalah induk: lepaskan tautan duplikatnya sebelum menautkannya ke laporan lain.</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="386"/>
        <source>The master of this report&apos;s family</source>
        <translation>Induk dari kelompok laporan ini</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../ui/password_dialogs.py" line="216"/>
        <source>Reset an officer&apos;s password</source>
        <translation>Atur ulang kata sandi petugas</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="224"/>
        <location filename="../../ui/password_dialogs.py" line="407"/>
        <source>&amp;Reset password</source>
        <translation>&amp;Atur ulang kata sandi</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="247"/>
        <source>The officer&apos;s sessions on every computer end: they sign in again with the new password. Their work waiting on their computers is kept and sent then.</source>
        <translation>Sesi petugas di semua komputer berakhir: ia masuk kembali dengan kata sandi baru. Pekerjaannya yang masih menunggu di komputernya tetap tersimpan dan dikirim saat itu.</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="254"/>
        <source>Officer</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="256"/>
        <source>Loading the officers…</source>
        <translation>Memuat daftar petugas…</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="258"/>
        <source>&amp;Generate a password</source>
        <translation>&amp;Buat kata sandi otomatis</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="261"/>
        <source>&amp;Set this password:</source>
        <translation>&amp;Tetapkan kata sandi ini:</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="267"/>
        <source>New password</source>
        <translation>Kata sandi baru</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="269"/>
        <source>New password again</source>
        <translation>Kata sandi baru sekali lagi</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="274"/>
        <source>&amp;Officer:</source>
        <translation>&amp;Petugas:</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="277"/>
        <source>New &amp;password:</source>
        <translation>Kata &amp;sandi baru:</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="278"/>
        <source>Re&amp;peat:</source>
        <translation>&amp;Ulangi:</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="290"/>
        <source>Generated password</source>
        <translation>Kata sandi yang dibuat</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="297"/>
        <source>&amp;Copy</source>
        <translation>Sa&amp;lin</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="299"/>
        <source>Copy the password to the clipboard</source>
        <translation>Salin kata sandi ke papan klip</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="311"/>
        <source>This password is shown only once: Aduan keeps it nowhere. Give it to the officer now, in person or by a channel only they read; they can change it after signing in.</source>
        <translation>Kata sandi ini hanya ditampilkan sekali: Aduan tidak menyimpannya di mana pun. Berikan kepada petugas sekarang, secara langsung atau lewat saluran yang hanya dibaca olehnya; ia dapat mengubahnya setelah masuk.</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="354"/>
        <source>The officers could not be listed</source>
        <translation>Daftar petugas tidak dapat dimuat</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="364"/>
        <source>disabled</source>
        <translation>dinonaktifkan</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="407"/>
        <source>Resetting…</source>
        <translation>Mengatur ulang…</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="417"/>
        <source>The password of %1 was reset. Their sessions ended: they sign in with the new one.</source>
        <translation>Kata sandi %1 telah diatur ulang. Sesinya berakhir: ia masuk dengan kata sandi yang baru.</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="419"/>
        <source>The password of %1 was reset to:</source>
        <translation>Kata sandi %1 telah diatur ulang menjadi:</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="437"/>
        <source>Copied</source>
        <translation>Tersalin</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../ui/labels.py" line="49"/>
        <source>Officer</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="50"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="51"/>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../settings.py" line="161"/>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="162"/>
        <source>Server address</source>
        <translation>Alamat server</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="163"/>
        <source>Officer login</source>
        <translation>Nama pengguna petugas</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="164"/>
        <source>Sync every (seconds)</source>
        <translation>Perbarui tiap (detik)</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="165"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="168"/>
        <source>Encrypt the local cache</source>
        <translation>Enkripsi salinan laporan di komputer ini</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="172"/>
        <source>Unit of this workstation</source>
        <translation>Unit komputer kerja ini</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="173"/>
        <source>CA certificate of the server</source>
        <translation>Sertifikat CA server</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="175"/>
        <source>A report is assigned to me</source>
        <translation>Laporan ditugaskan kepada saya</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="176"/>
        <source>I am mentioned</source>
        <translation>Saya disebut</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="179"/>
        <source>The reporter writes on a report I hold</source>
        <translation>Pelapor menulis pada laporan yang saya pegang</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="185"/>
        <source>A report I hold is overdue or due within the hour</source>
        <translation>Laporan yang saya pegang terlambat atau jatuh tempo dalam satu jam</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="191"/>
        <source>A topic rises this week (supervisors and admins)</source>
        <translation>Sebuah topik naik minggu ini (supervisor dan admin)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="52"/>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="57"/>
        <source>Automatic (system language)</source>
        <translation>Otomatis (bahasa sistem)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="64"/>
        <source>Follow the system</source>
        <translation>Ikuti sistem</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="65"/>
        <source>Light</source>
        <translation>Terang</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="66"/>
        <source>Dark</source>
        <translation>Gelap</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="71"/>
        <source> s</source>
        <translation> dtk</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="78"/>
        <source>Desktop notifications</source>
        <translation>Notifikasi desktop</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="98"/>
        <source>A new language takes effect when Aduan is started again.</source>
        <translation>Bahasa baru berlaku setelah Aduan dijalankan ulang.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="112"/>
        <location filename="../../ui/settings_dialog.py" line="134"/>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan papan ketik</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="125"/>
        <source>Set by your unit</source>
        <translation>Ditetapkan oleh unit Anda</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="135"/>
        <source>Command</source>
        <translation>Perintah</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="135"/>
        <source>Shortcut</source>
        <translation>Pintasan</translation>
    </message>
</context>
<context>
    <name>SheetWriter</name>
    <message>
        <location filename="../../ui/print_sheet.py" line="68"/>
        <source>DISPOSITION SHEET</source>
        <translation>LEMBAR DISPOSISI</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="73"/>
        <source>Report no.</source>
        <translation>No. laporan</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="74"/>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="75"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="76"/>
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="77"/>
        <source>Subject</source>
        <translation>Perihal</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="77"/>
        <source>(confidential)</source>
        <translation>(dirahasiakan)</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="78"/>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="79"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="80"/>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="81"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="83"/>
        <source>First answer due</source>
        <translation>Batas jawaban pertama</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="86"/>
        <source>Deadline</source>
        <translation>Tenggat</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="87"/>
        <source>Handled by</source>
        <translation>Dipegang oleh</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="98"/>
        <source>Confidential (the name is not printed)</source>
        <translation>Dirahasiakan (nama tidak dicetak)</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="99"/>
        <source>Anonymous</source>
        <translation>Anonim</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="100"/>
        <source>Not known</source>
        <translation>Tidak diketahui</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="103"/>
        <source>Conversation</source>
        <translation>Percakapan</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="105"/>
        <source>This report is confidential: its conversation is printed only for its handling unit.</source>
        <translation>Laporan ini dirahasiakan: percakapannya hanya dicetak untuk unit yang menanganinya.</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="108"/>
        <source>No messages yet.</source>
        <translation>Belum ada pesan.</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="114"/>
        <source>Reporter — %1, via %2</source>
        <translation>Pelapor — %1, melalui %2</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="116"/>
        <source>Reply by %2 — %1</source>
        <translation>Balasan oleh %2 — %1</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="118"/>
        <source>Internal note by %2 — %1</source>
        <translation>Catatan internal oleh %2 — %1</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="126"/>
        <source>History</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="128"/>
        <source>The history is not available.</source>
        <translation>Riwayat tidak tersedia.</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="130"/>
        <source>Nothing has been recorded for this report yet.</source>
        <translation>Belum ada yang tercatat untuk laporan ini.</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="131"/>
        <source>When</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="131"/>
        <source>Who</source>
        <translation>Pelaku</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="131"/>
        <source>What</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="143"/>
        <source>Follow up</source>
        <translation>Tindak lanjuti</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="144"/>
        <source>Answer the reporter</source>
        <translation>Jawab pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="145"/>
        <source>Coordinate with</source>
        <translation>Koordinasikan dengan</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="146"/>
        <source>For information</source>
        <translation>Untuk diketahui</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="147"/>
        <source>File</source>
        <translation>Arsipkan</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="151"/>
        <source>To</source>
        <translation>Kepada</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="152"/>
        <source>Instructions</source>
        <translation>Instruksi</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="153"/>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="154"/>
        <source>Signature</source>
        <translation>Tanda tangan</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="157"/>
        <source>Disposition</source>
        <translation>Disposisi</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="161"/>
        <source>Printed %1 by %2 from Aduan.</source>
        <translation>Dicetak %1 oleh %2 dari Aduan.</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="202"/>
        <source>Print report %1</source>
        <translation>Cetak laporan %1</translation>
    </message>
    <message>
        <location filename="../../ui/print_sheet.py" line="240"/>
        <source>Save report %1 as PDF</source>
        <translation>Simpan laporan %1 sebagai PDF</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/sign_in.py" line="44"/>
        <source>Connect to your unit&apos;s server</source>
        <translation>Sambungkan ke server unit Anda</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="49"/>
        <source>Server address</source>
        <translation>Alamat server</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="52"/>
        <source>Set by your unit</source>
        <translation>Ditetapkan oleh unit Anda</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="54"/>
        <source>Officer login</source>
        <translation>Nama pengguna petugas</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="58"/>
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="59"/>
        <location filename="../../ui/sign_in.py" line="61"/>
        <source>Remember password on this computer</source>
        <translation>Ingat kata sandi di komputer ini</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="64"/>
        <source>Sign-in message</source>
        <translation>Pesan saat masuk</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="68"/>
        <location filename="../../ui/sign_in.py" line="161"/>
        <source>Connect</source>
        <translation>Sambungkan</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="71"/>
        <source>Use demo workspace</source>
        <translation>Pakai ruang kerja demo</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="72"/>
        <source>Practise with demo data on this computer; nothing reaches your unit</source>
        <translation>Berlatih dengan data demo di komputer ini; tidak ada yang dikirim ke unit Anda</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="82"/>
        <source>Sign in with the officer login your admin gave you. The password is kept only in this computer&apos;s credential store, never in a file. Without a connection you keep working from what this computer already holds.</source>
        <translation>Masuk dengan nama pengguna petugas yang diberikan admin Anda. Kata sandi hanya disimpan di penyimpanan kredensial komputer ini, tidak pernah di berkas. Tanpa koneksi, Anda tetap bekerja dengan data yang sudah ada di komputer ini.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="90"/>
        <source>&amp;Server address:</source>
        <translation>Alamat &amp;server:</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="91"/>
        <source>&amp;Login:</source>
        <translation>&amp;Nama pengguna:</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="92"/>
        <source>&amp;Password:</source>
        <translation>&amp;Kata sandi:</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="161"/>
        <source>Connecting…</source>
        <translation>Menyambungkan…</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="184"/>
        <source>The server refused this login or password. Check them and try again.</source>
        <translation>Nama pengguna atau kata sandi ini ditolak. Periksa kembali lalu coba lagi.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="187"/>
        <source>The server cannot be reached. Check the address and your network connection. Working offline is possible once this computer has signed in successfully.</source>
        <translation>Pusat Aduan tidak dapat dihubungi. Periksa alamat dan koneksi jaringan Anda. Bekerja luring dapat dilakukan setelah komputer ini pernah berhasil masuk.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="192"/>
        <source>This is the address of a database, not of your unit&apos;s Aduan server. Officers sign in to the Aduan server: enter its address, which begins with https:// (for example https://aduan.unit.go.id:8443). Ask your admin for it if you do not know it.</source>
        <translation>Ini alamat basis data, bukan alamat server Aduan unit Anda. Petugas masuk ke server Aduan: isikan alamatnya, yang diawali https:// (misalnya https://aduan.unit.go.id:8443). Tanyakan kepada admin Anda jika belum mengetahuinya.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="198"/>
        <source>The server address must not contain a password. Remove it from the address and type the password in the Password field: it is kept only in the system&apos;s keyring.</source>
        <translation>Alamat server tidak boleh memuat kata sandi. Hapus kata sandi dari alamat dan ketikkan di kolom Kata sandi: kata sandi hanya disimpan di penyimpanan kredensial sistem.</translation>
    </message>
</context>
<context>
    <name>SlaPage</name>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="49"/>
        <source>Service-level policies</source>
        <translation>Kebijakan tingkat layanan</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="51"/>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="52"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="53"/>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="54"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="55"/>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="56"/>
        <source>Verify</source>
        <translation>Verifikasi</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="57"/>
        <source>Follow up</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="58"/>
        <source>Reporter wait</source>
        <translation>Tunggu pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="59"/>
        <source>Resolution</source>
        <translation>Penyelesaian</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="60"/>
        <source>Warn at</source>
        <translation>Peringatan pada</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="64"/>
        <source>&amp;Remove policy</source>
        <translation>&amp;Hapus kebijakan</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="72"/>
        <source>any kind</source>
        <translation>semua jenis</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="77"/>
        <source>any category</source>
        <translation>semua kategori</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="80"/>
        <source>any priority</source>
        <translation>semua prioritas</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="83"/>
        <source> working days</source>
        <translation> hari kerja</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="87"/>
        <source> days</source>
        <translation> hari</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="89"/>
        <source>Clocks restart when a report is transferred</source>
        <translation>Hitungan waktu dimulai ulang saat laporan diteruskan ke unit lain</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="91"/>
        <source>&amp;Save policy</source>
        <translation>&amp;Simpan kebijakan</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="95"/>
        <source>Set the policy for a scope (replaces the one there)</source>
        <translation>Tetapkan kebijakan untuk suatu cakupan (menggantikan kebijakan yang sudah ada)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="97"/>
        <source>&amp;Unit:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="98"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Jenis:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="99"/>
        <source>&amp;Category:</source>
        <translation>&amp;Kategori:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="100"/>
        <source>&amp;Priority:</source>
        <translation>&amp;Prioritas:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="101"/>
        <source>&amp;Verify within:</source>
        <translation>&amp;Verifikasi dalam:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="102"/>
        <source>&amp;Follow up within:</source>
        <translation>&amp;Tindak lanjuti dalam:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="103"/>
        <source>Wait for the &amp;reporter:</source>
        <translation>Tunggu pe&amp;lapor:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="104"/>
        <source>Resolve &amp;within:</source>
        <translation>Selesaikan &amp;dalam:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="105"/>
        <source>&amp;Warn at:</source>
        <translation>Pe&amp;ringatan pada:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="128"/>
        <source>every unit</source>
        <translation>semua unit</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="134"/>
        <source>any</source>
        <translation>semua</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="135"/>
        <source>%1 working days</source>
        <translation>%1 hari kerja</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="147"/>
        <source>%1 days</source>
        <translation>%1 hari</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="176"/>
        <source>Policy %1 saved; open reports&apos; deadlines follow it now.</source>
        <translation>Kebijakan %1 disimpan; tenggat laporan yang masih terbuka kini mengikutinya.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/sla_page.py" line="190"/>
        <source>Policy %1 removed.</source>
        <translation>Kebijakan %1 dihapus.</translation>
    </message>
</context>
<context>
    <name>StatsFilters</name>
    <message>
        <location filename="../../ui/stats/filters.py" line="69"/>
        <source>This month</source>
        <translation>Bulan ini</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="70"/>
        <source>Last month</source>
        <translation>Bulan lalu</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="71"/>
        <source>Last 3 months</source>
        <translation>3 bulan terakhir</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="72"/>
        <source>This year</source>
        <translation>Tahun ini</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="73"/>
        <source>Chosen days</source>
        <translation>Tanggal pilihan</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="78"/>
        <source>First day of receipt</source>
        <translation>Tanggal terima pertama</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="79"/>
        <source>Last day of receipt</source>
        <translation>Tanggal terima terakhir</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="81"/>
        <source>All my units</source>
        <translation>Semua unit saya</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="83"/>
        <source>Every unit whose figures you may see, with the units below them</source>
        <translation>Semua unit yang angkanya boleh Anda lihat, beserta unit di bawahnya</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="92"/>
        <source>Every channel</source>
        <translation>Semua kanal</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="97"/>
        <source>Every kind</source>
        <translation>Semua jenis</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="102"/>
        <source>Every category</source>
        <translation>Semua kategori</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="105"/>
        <source>Day</source>
        <translation>Hari</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="105"/>
        <source>Week</source>
        <translation>Minggu</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="105"/>
        <source>Month</source>
        <translation>Bulan</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="110"/>
        <source>Nothing (totals)</source>
        <translation>Tidak dirinci (jumlah saja)</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="111"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="112"/>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="113"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="114"/>
        <location filename="../../ui/stats/filters.py" line="126"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="115"/>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="121"/>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="123"/>
        <source>&amp;Period:</source>
        <translation>&amp;Periode:</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="124"/>
        <source>&amp;From:</source>
        <translation>&amp;Dari:</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="125"/>
        <source>&amp;To:</source>
        <translation>&amp;Sampai:</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="130"/>
        <source>Reports</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="132"/>
        <source>C&amp;hannel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="133"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Jenis:</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="134"/>
        <source>C&amp;ategory:</source>
        <translation>K&amp;ategori:</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="135"/>
        <source>Count</source>
        <translation>Hitungan</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="137"/>
        <source>P&amp;er:</source>
        <translation>Pe&amp;r:</translation>
    </message>
    <message>
        <location filename="../../ui/stats/filters.py" line="138"/>
        <source>Sp&amp;lit by:</source>
        <translation>R&amp;inci menurut:</translation>
    </message>
</context>
<context>
    <name>StatsWindow</name>
    <message>
        <location filename="../../ui/stats/window.py" line="64"/>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="87"/>
        <source>Reports received per period, as a table</source>
        <translation>Laporan diterima per periode, sebagai tabel</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="88"/>
        <source>Open reports by status and age</source>
        <translation>Laporan terbuka menurut status dan umur</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="89"/>
        <source>Service levels per unit and officer</source>
        <translation>Tingkat layanan per unit dan petugas</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="99"/>
        <source>Chart</source>
        <translation>Grafik</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="100"/>
        <source>Table</source>
        <translation>Tabel</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="104"/>
        <source>Reports received</source>
        <translation>Laporan diterima</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="108"/>
        <source>&amp;Backlog</source>
        <translation>&amp;Tunggakan</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="110"/>
        <source>&amp;Service levels</source>
        <translation>Tingkat &amp;layanan</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="227"/>
        <source>Counting…</source>
        <translation>Menghitung…</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="256"/>
        <source>Reports received %1 – %2</source>
        <translation>Laporan diterima %1 – %2</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="262"/>
        <source>in %1 and the units below it</source>
        <translation>di %1 dan unit di bawahnya</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="264"/>
        <source>in every unit whose figures you may see</source>
        <translation>di semua unit yang angkanya boleh Anda lihat</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="266"/>
        <source>Officers see the reports they handled; supervisors their units; admins every unit.</source>
        <translation>Petugas melihat laporan yang mereka tangani; supervisor melihat unitnya; admin melihat semua unit.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="272"/>
        <location filename="../../ui/stats/window.py" line="316"/>
        <location filename="../../ui/stats/window.py" line="359"/>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="274"/>
        <source>(no category)</source>
        <translation>(tanpa kategori)</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="357"/>
        <source>Response</source>
        <translation>Tanggapan</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="306"/>
        <source>Day</source>
        <translation>Hari</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="114"/>
        <source>T&amp;opics</source>
        <translation>T&amp;opik</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="117"/>
        <source>Be&amp;haviour</source>
        <translation>&amp;Perilaku</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="132"/>
        <source>Monthly recap…</source>
        <translation>Rekap bulanan…</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="134"/>
        <source>Save the monthly recap of the chosen unit as PDF or Excel, in Indonesian</source>
        <translation>Simpan rekap bulanan unit yang dipilih sebagai PDF atau Excel, dalam bahasa Indonesia</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="157"/>
        <source>Save table…</source>
        <translation>Simpan tabel…</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="159"/>
        <source>Save this table as an Excel workbook or a CSV file</source>
        <translation>Simpan tabel ini sebagai buku kerja Excel atau berkas CSV</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="306"/>
        <source>Week (from Monday)</source>
        <translation>Minggu (mulai Senin)</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="306"/>
        <source>Month</source>
        <translation>Bulan</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="310"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="311"/>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="312"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="313"/>
        <location filename="../../ui/stats/window.py" line="359"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="314"/>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="324"/>
        <source>No reports were received in this period.</source>
        <translation>Tidak ada laporan yang diterima pada periode ini.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="326"/>
        <source>Click a bar to list its reports in the inbox</source>
        <translation>Klik sebuah batang untuk menampilkan laporannya di kotak masuk</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="335"/>
        <source>%1 days</source>
        <translation>%1 hari</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="336"/>
        <source>Status \ days open</source>
        <translation>Status \ hari terbuka</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="336"/>
        <location filename="../../ui/stats/window.py" line="343"/>
        <source>Total</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="346"/>
        <source>Double-click a count to list its reports in the inbox</source>
        <translation>Klik dua kali sebuah angka untuk menampilkan laporannya di kotak masuk</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="355"/>
        <source>working hours</source>
        <translation>jam kerja</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="356"/>
        <source>days</source>
        <translation>hari</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="358"/>
        <source>Resolution</source>
        <translation>Penyelesaian</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="359"/>
        <source>Officer</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="362"/>
        <source>met</source>
        <translation>tercapai</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="363"/>
        <source>breached</source>
        <translation>terlewat</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="364"/>
        <source>running</source>
        <translation>berjalan</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="365"/>
        <source>met %</source>
        <translation>% tercapai</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="366"/>
        <source>median (%1)</source>
        <translation>median (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="367"/>
        <source>p90 (%1)</source>
        <translation>p90 (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="374"/>
        <source>(unit total)</source>
        <translation>(jumlah unit)</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="383"/>
        <source>First response in working hours of the unit&apos;s calendar; resolution in calendar days, without the time spent waiting for the reporter. Met %: of the deadlines already decided (met or breached); running ones are still within their target.</source>
        <translation>Tanggapan pertama dalam jam kerja menurut kalender unit; penyelesaian dalam hari kalender, tanpa waktu menunggu pelapor. % tercapai: dari tenggat yang sudah jelas hasilnya (tercapai atau terlewat); yang berjalan masih dalam targetnya.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="393"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Buku kerja Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="395"/>
        <source>Save table</source>
        <translation>Simpan tabel</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="407"/>
        <source>The file could not be written: %1</source>
        <translation>Berkas tidak dapat ditulis: %1</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="410"/>
        <source>Table saved to %1.</source>
        <translation>Tabel disimpan ke %1.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../ui/labels.py" line="14"/>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="15"/>
        <source>Verified</source>
        <translation>Diverifikasi</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="16"/>
        <source>In follow-up</source>
        <translation>Ditindaklanjuti</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="17"/>
        <source>Waiting for reporter</source>
        <translation>Menunggu tanggapan pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="18"/>
        <source>Finished</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>On hold</source>
        <translation>Ditunda</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="20"/>
        <source>Not our authority</source>
        <translation>Bukan wewenang</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="21"/>
        <source>Archived</source>
        <translation>Diarsipkan</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="54"/>
        <source>Signed out — sign in again to send your work</source>
        <translation>Sesi berakhir — masuk kembali untuk mengirim pekerjaan Anda</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="56"/>
        <source>Your session on the server has ended. Your work is kept on this computer.</source>
        <translation>Sesi Anda telah berakhir. Pekerjaan Anda tetap tersimpan di komputer ini.</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="59"/>
        <source>Online</source>
        <translation>Daring</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="60"/>
        <source>Connected to the central database</source>
        <translation>Terhubung ke basis data pusat</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="62"/>
        <source>Offline — working from this computer</source>
        <translation>Luring — bekerja dari komputer ini</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="65"/>
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="66"/>
        <source>Last sync: %1</source>
        <translation>Terakhir diperbarui: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/status_bar.py" line="68"/>
        <source>%n operation(s) waiting to be sent</source>
        <translation>
            <numerusform>%n tindakan menunggu dikirim</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="70"/>
        <source>All work sent</source>
        <translation>Semua pekerjaan terkirim</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/status_bar.py" line="72"/>
        <source>%n item(s) need attention</source>
        <translation>
            <numerusform>%n butir perlu perhatian</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="76"/>
        <source>Change status</source>
        <translation>Ubah status</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="78"/>
        <source>Now: %1. Change to:</source>
        <translation>Saat ini: %1. Ubah menjadi:</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="81"/>
        <source>New status</source>
        <translation>Status baru</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="92"/>
        <source>Comment for the history</source>
        <translation>Komentar untuk riwayat</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="93"/>
        <source>Optional: why (shown in the history)</source>
        <translation>Opsional: alasannya (tampil di riwayat)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="96"/>
        <source>&amp;Comment:</source>
        <translation>&amp;Komentar:</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="108"/>
        <source>Choose the new status.</source>
        <translation>Pilih status baru.</translation>
    </message>
</context>
<context>
    <name>StealDialog</name>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="156"/>
        <source>Take over the report</source>
        <translation>Ambil alih laporan</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="158"/>
        <source>%1 holds this report. Taking it over ends their claim; they are told why.</source>
        <translation>Laporan ini dipegang %1. Jika Anda mengambil alih, laporan tidak lagi dipegangnya; ia akan diberi tahu alasannya.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="163"/>
        <source>Reason for taking over</source>
        <translation>Alasan pengambilalihan</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="173"/>
        <source>Give a reason of at least %1 characters.</source>
        <translation>Tuliskan alasan minimal %1 karakter.</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <location filename="../../ui/thread_view.py" line="82"/>
        <source>Conversation</source>
        <translation>Percakapan</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="105"/>
        <source>Link</source>
        <translation>Tautan</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="100"/>
        <source>Open this address outside Aduan?

%1</source>
        <translation>Buka alamat ini di luar Aduan?

%1</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="103"/>
        <source>This link is not opened from Aduan:

%1</source>
        <translation>Tautan ini tidak dibuka dari Aduan:

%1</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="153"/>
        <source>Attachments of the report</source>
        <translation>Lampiran laporan</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="158"/>
        <source>This report is confidential: its messages, notes and attachments are shown only to the members of the handling unit and the officers it was shared with. Ask the handling unit&apos;s supervisor if you need to read it.</source>
        <translation>Laporan ini rahasia: pesan, catatan, dan lampirannya hanya ditampilkan kepada anggota unit penangan dan petugas yang diberi akses ke laporan ini. Hubungi supervisor unit penangan jika Anda perlu membacanya.</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="164"/>
        <source>No messages yet.</source>
        <translation>Belum ada pesan.</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="191"/>
        <source>Citizen — %1, via %2</source>
        <translation>Pelapor — %1, via %2</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="196"/>
        <source>Reply by %1 — %2</source>
        <translation>Balasan oleh %1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="208"/>
        <location filename="../../ui/thread_view.py" line="223"/>
        <source>queued</source>
        <translation>antre</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="209"/>
        <source>accepted by the server</source>
        <translation>diterima pusat Aduan</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="210"/>
        <source>waiting to be sent</source>
        <translation>menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="211"/>
        <source>sent</source>
        <translation>terkirim</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="212"/>
        <source>could not be sent</source>
        <translation>gagal dikirim</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="213"/>
        <source>may not have reached the citizen</source>
        <translation>mungkin belum sampai ke pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="214"/>
        <source>recorded, not sent by Aduan</source>
        <translation>dicatat, tidak dikirim oleh Aduan</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="215"/>
        <source>rejected</source>
        <translation>ditolak</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="216"/>
        <source>handed over</source>
        <translation>diserahkan</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="220"/>
        <source>Internal note by %1 — %2 (not sent to the citizen)</source>
        <translation>Catatan internal oleh %1 — %2 (tidak dikirim ke pelapor)</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="225"/>
        <source>added offline</source>
        <translation>ditambahkan luring</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="232"/>
        <source>a reply</source>
        <translation>balasan</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="233"/>
        <source>a status change</source>
        <translation>perubahan status</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="234"/>
        <source>a transfer</source>
        <translation>penerusan ke unit</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="237"/>
        <source>Handed over — %1 from %2 to %3, %4</source>
        <translation>Diserahkan — %1 dari %2 kepada %3, %4</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="240"/>
        <source>the next holder</source>
        <translation>pemegang berikutnya</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="254"/>
        <source>Attachment</source>
        <translation>Lampiran</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="254"/>
        <source>Save…</source>
        <translation>Simpan…</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="254"/>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="258"/>
        <source>risky file type: it could run a program; save it and have it checked</source>
        <translation>jenis berkas berisiko: dapat menjalankan program; simpan dan minta diperiksa</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="262"/>
        <source>save only: Aduan opens PDF, pictures, plain text and office documents without macros</source>
        <translation>hanya dapat disimpan: Aduan hanya membuka PDF, gambar, teks biasa, dan dokumen perkantoran tanpa makro</translation>
    </message>
</context>
<context>
    <name>TicketView</name>
    <message>
        <location filename="../../ui/ticket_view.py" line="160"/>
        <source>Conversation, related reports and history</source>
        <translation>Percakapan, laporan terkait, dan riwayat</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="162"/>
        <source>Conversation</source>
        <translation>Percakapan</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="163"/>
        <source>Related</source>
        <translation>Terkait</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="166"/>
        <source>History</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="225"/>
        <source>This report is no longer on this computer: it was transferred to a unit you do not see.</source>
        <translation>Laporan ini tidak lagi ada di komputer ini: laporan telah diteruskan ke unit yang tidak dapat Anda lihat.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="261"/>
        <location filename="../../ui/ticket_view.py" line="265"/>
        <source>Reporter unknown</source>
        <translation>Pelapor tidak diketahui</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="263"/>
        <source>Anonymous reporter</source>
        <translation>Pelapor anonim</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="267"/>
        <source>(confidential)</source>
        <translation>(dirahasiakan)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="269"/>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="270"/>
        <source>Unit: %1</source>
        <translation>Unit: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="272"/>
        <source>Priority: %1</source>
        <translation>Prioritas: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="273"/>
        <source>via %1</source>
        <translation>via %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="278"/>
        <source>Deadline %1 (%2)</source>
        <translation>Tenggat %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="288"/>
        <source>Verification</source>
        <translation>Verifikasi</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="289"/>
        <source>Follow-up</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="290"/>
        <source>Reporter&apos;s time</source>
        <translation>Waktu pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="291"/>
        <source>Resolution</source>
        <translation>Penyelesaian</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="296"/>
        <source>due %1</source>
        <translation>tenggat %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="297"/>
        <source>due soon, %1</source>
        <translation>segera jatuh tempo, %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="298"/>
        <source>overdue</source>
        <translation>terlambat</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="299"/>
        <source>paused</source>
        <translation>dijeda</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="300"/>
        <source>met</source>
        <translation>terpenuhi</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="301"/>
        <source>missed</source>
        <translation>terlewat</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="304"/>
        <source>overdue, supervisor told</source>
        <translation>terlambat, supervisor diberi tahu</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="306"/>
        <source>(%1 waited offline)</source>
        <translation>(%1 menunggu luring)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="311"/>
        <source>You let go of this report; the server is told at the next sync.</source>
        <translation>Anda melepaskan laporan ini; pusat Aduan diberi tahu saat tersambung berikutnya.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="313"/>
        <source>You claimed this report; the server confirms it at the next sync.</source>
        <translation>Anda mengambil laporan ini; pusat Aduan mengonfirmasinya saat tersambung berikutnya.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="318"/>
        <source>Assigned to you by %1; you hold it until %2</source>
        <translation>Ditugaskan kepada Anda oleh %1; Anda memegangnya sampai %2</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="323"/>
        <source>You hold this report until %1</source>
        <translation>Anda memegang laporan ini sampai %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="324"/>
        <source>Your claim ran out at %1; nobody has taken the report since — claim it again</source>
        <translation>Waktu pegang Anda habis pada %1; belum ada yang mengambil laporan ini — ambil lagi</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="330"/>
        <source>Held by %1 until %2</source>
        <translation>Dipegang %1 sampai %2</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="331"/>
        <source>Free — claim it</source>
        <translation>Bebas — ambil</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="356"/>
        <source>Claim the report to send a reply; you can write a draft now.</source>
        <translation>Ambil laporan ini untuk mengirim balasan; Anda bisa menulis draf sekarang.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="399"/>
        <source>Taking the next report needs a connection to the server, and no free report is known on this computer. Open a report from the inbox, or try again when the connection is back.</source>
        <translation>Mengambil laporan berikutnya perlu koneksi ke pusat, dan di komputer ini tidak ada laporan yang masih bebas. Buka laporan dari kotak masuk, atau coba lagi saat koneksi kembali.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="410"/>
        <source>No connection: this report was chosen from what is on this computer. Taking the next one needs a connection to the server, which confirms it at the next sync — a colleague may have taken it.</source>
        <translation>Tidak ada koneksi: laporan ini dipilih dari data di komputer ini. Mengambil laporan berikutnya perlu koneksi ke pusat, yang memastikannya saat koneksi kembali — mungkin rekan sudah mengambilnya.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="536"/>
        <source>Save attachment</source>
        <translation>Simpan lampiran</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="550"/>
        <source>“%1” is not opened from Aduan: its content is not a PDF, a picture, plain text or an office document without macros, so opening it could run a program. Save it and have it checked.</source>
        <translation>“%1” tidak dibuka dari Aduan: isinya bukan PDF, gambar, teks biasa, atau dokumen perkantoran tanpa makro, sehingga membukanya dapat menjalankan program. Simpan berkas ini dan minta diperiksa.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="574"/>
        <source>Could not save the attachment: %1</source>
        <translation>Lampiran tidak dapat disimpan: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="583"/>
        <source>This attachment is not available to you.</source>
        <translation>Lampiran ini tidak tersedia untuk Anda.</translation>
    </message>
</context>
<context>
    <name>Time</name>
    <message>
        <location filename="../../ui/labels.py" line="123"/>
        <source>%1 days</source>
        <translation>%1 hari</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="125"/>
        <source>1 day %1 h</source>
        <translation>1 hari %1 jam</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="127"/>
        <source>1 day</source>
        <translation>1 hari</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="129"/>
        <source>%1 h %2 min</source>
        <translation>%1 jam %2 menit</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="131"/>
        <source>%1 min</source>
        <translation>%1 menit</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="133"/>
        <source>overdue %1</source>
        <translation>terlambat %1</translation>
    </message>
</context>
<context>
    <name>TopicsView</name>
    <message>
        <location filename="../../ui/stats/topics.py" line="32"/>
        <source>(words withheld)</source>
        <translation>(kata dirahasiakan)</translation>
    </message>
    <message>
        <location filename="../../ui/stats/topics.py" line="39"/>
        <source>%1 reports about “%2” since Monday, none in the weeks before</source>
        <translation>%1 laporan tentang “%2” sejak Senin, tidak ada pada minggu-minggu sebelumnya</translation>
    </message>
    <message>
        <location filename="../../ui/stats/topics.py" line="41"/>
        <source>%1 reports about “%2” since Monday, %3× the usual</source>
        <translation>%1 laporan tentang “%2” sejak Senin, %3× biasanya</translation>
    </message>
    <message>
        <location filename="../../ui/stats/topics.py" line="64"/>
        <source>Grouped by shared words after normalising slang and word forms; a topic is a guess, open the reports to check. A word names a topic only when at least three of its reports that are not confidential contain it.</source>
        <translation>Dikelompokkan menurut kata yang sama setelah bahasa gaul dan bentuk kata diseragamkan; topik hanyalah dugaan, buka laporannya untuk memeriksa. Sebuah kata menjadi nama topik hanya bila sedikitnya tiga laporannya yang tidak rahasia memuatnya.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/topics.py" line="79"/>
        <source>Topics of the reports, this week and usually</source>
        <translation>Topik laporan, minggu ini dan biasanya</translation>
    </message>
    <message>
        <location filename="../../ui/stats/topics.py" line="131"/>
        <source>This week: %1 – %2. Usual: the average week of the %3 weeks before. %4 reports looked at.</source>
        <translation>Minggu ini: %1 – %2. Biasanya: rata-rata per minggu dari %3 minggu sebelumnya. %4 laporan ditelaah.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/topics.py" line="141"/>
        <source>Topic</source>
        <translation>Topik</translation>
    </message>
    <message>
        <location filename="../../ui/stats/topics.py" line="142"/>
        <source>This week</source>
        <translation>Minggu ini</translation>
    </message>
    <message>
        <location filename="../../ui/stats/topics.py" line="143"/>
        <source>Usual per week</source>
        <translation>Biasanya per minggu</translation>
    </message>
    <message>
        <location filename="../../ui/stats/topics.py" line="144"/>
        <source>Ratio</source>
        <translation>Rasio</translation>
    </message>
    <message>
        <location filename="../../ui/stats/topics.py" line="145"/>
        <source>Open now</source>
        <translation>Terbuka kini</translation>
    </message>
    <message>
        <location filename="../../ui/stats/topics.py" line="146"/>
        <source>Rising</source>
        <translation>Naik</translation>
    </message>
    <message>
        <location filename="../../ui/stats/topics.py" line="153"/>
        <source>new</source>
        <translation>baru</translation>
    </message>
    <message>
        <location filename="../../ui/stats/topics.py" line="155"/>
        <source>rising</source>
        <translation>naik</translation>
    </message>
    <message>
        <location filename="../../ui/stats/topics.py" line="161"/>
        <source>Rising: at least %1 reports since Monday and at least %2 times the usual week.</source>
        <translation>Naik: sedikitnya %1 laporan sejak Senin dan sedikitnya %2 kali minggu biasanya.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/topics.py" line="166"/>
        <source>No topics: too few reports share their words.</source>
        <translation>Tidak ada topik: terlalu sedikit laporan yang memakai kata yang sama.</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <location filename="../../ui/tour.py" line="57"/>
        <source>Your inbox</source>
        <translation>Kotak masuk Anda</translation>
    </message>
    <message>
        <location filename="../../ui/tour.py" line="58"/>
        <source>Every report of your units, the most urgent first. The views above the list (mine, my unit, due soon…) show how many reports each holds; the badge says at a glance which are overdue, due today or due soon.</source>
        <translation>Semua laporan unit Anda, yang paling mendesak di atas. Tampilan di atas daftar (milik saya, unit saya, segera jatuh tempo…) menunjukkan jumlah laporannya; penanda tenggat langsung memperlihatkan mana yang terlambat, jatuh tempo hari ini, atau segera jatuh tempo.</translation>
    </message>
    <message>
        <location filename="../../ui/tour.py" line="68"/>
        <source>Take a report</source>
        <translation>Ambil laporan</translation>
    </message>
    <message>
        <location filename="../../ui/tour.py" line="69"/>
        <source>A report is handled by one officer at a time. Take the next one (Ctrl+J), or open a report and take it (Ctrl+K): it is then yours until you release it, also when you work offline.</source>
        <translation>Satu laporan ditangani oleh satu petugas pada satu waktu. Ambil laporan berikutnya (Ctrl+J), atau buka laporan lalu ambil (Ctrl+K): laporan itu dipegang oleh Anda sampai Anda melepaskannya, juga saat Anda bekerja tanpa koneksi.</translation>
    </message>
    <message>
        <location filename="../../ui/tour.py" line="78"/>
        <source>Reply, with a template</source>
        <translation>Membalas, dengan templat</translation>
    </message>
    <message>
        <location filename="../../ui/tour.py" line="79"/>
        <source>Write to the reporter here, or start from a reply template (Ctrl+Shift+R): search it, preview it filled in for this report, press Enter. Internal notes are for colleagues only; type @ to mention one.</source>
        <translation>Tulis balasan untuk pelapor di sini, atau mulai dari templat balasan (Ctrl+Shift+R): cari templatnya, lihat pratinjaunya yang sudah terisi untuk laporan ini, tekan Enter. Catatan internal hanya untuk rekan kerja; ketik @ untuk menyebut seorang rekan.</translation>
    </message>
    <message>
        <location filename="../../ui/tour.py" line="89"/>
        <source>Team discussion</source>
        <translation>Diskusi tim</translation>
    </message>
    <message>
        <location filename="../../ui/tour.py" line="90"/>
        <source>Talk with your unit about a report or anything else. A colleague who mentions you (@your login) is shown in bold until you read it.</source>
        <translation>Berdiskusi dengan unit Anda tentang sebuah laporan atau hal lain. Pesan rekan yang menyebut Anda (@login Anda) ditebalkan sampai Anda membacanya.</translation>
    </message>
    <message>
        <location filename="../../ui/tour.py" line="98"/>
        <source>Needs attention</source>
        <translation>Perlu perhatian</translation>
    </message>
    <message>
        <location filename="../../ui/tour.py" line="99"/>
        <source>What must not wait: work a colleague handed over to you, your changes that were refused, and deadlines that were missed. Empty is good.</source>
        <translation>Yang tidak boleh menunggu: pekerjaan yang diserahkan rekan kepada Anda, perubahan Anda yang ditolak, dan tenggat yang terlewat. Kosong berarti baik.</translation>
    </message>
    <message>
        <location filename="../../ui/tour.py" line="158"/>
        <source>Skip the tour</source>
        <translation>Lewati tur</translation>
    </message>
    <message>
        <location filename="../../ui/tour.py" line="160"/>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../ui/tour.py" line="175"/>
        <source>Tour of the desk</source>
        <translation>Tur meja kerja</translation>
    </message>
    <message>
        <location filename="../../ui/tour.py" line="206"/>
        <source>Step %1 of %2</source>
        <translation>Langkah %1 dari %2</translation>
    </message>
    <message>
        <location filename="../../ui/tour.py" line="212"/>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../ui/tour.py" line="212"/>
        <source>Next</source>
        <translation>Berikutnya</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="122"/>
        <source>Transfer to another unit</source>
        <translation>Teruskan ke unit lain</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="127"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="131"/>
        <source>Reason for the transfer</source>
        <translation>Alasan penerusan</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="134"/>
        <source>Unit:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="135"/>
        <source>Reason:</source>
        <translation>Alasan:</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="145"/>
        <source>Choose the unit that should handle this report.</source>
        <translation>Pilih unit yang semestinya menangani laporan ini.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="147"/>
        <source>Give the reason for the transfer: the receiving unit reads it.</source>
        <translation>Tuliskan alasan penerusan: unit penerima akan membacanya.</translation>
    </message>
</context>
<context>
    <name>UnitEditDialog</name>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="112"/>
        <source>Change unit %1</source>
        <translation>Ubah unit %1</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="113"/>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="120"/>
        <source>Part of</source>
        <translation>Bagian dari</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="121"/>
        <source>(top level)</source>
        <translation>(tingkat teratas)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="130"/>
        <source> hours</source>
        <translation> jam</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="133"/>
        <source>The code %1 stays: settings and the command line know the unit by it.</source>
        <translation>Kode %1 tetap: pengaturan dan baris perintah mengenali unit dengan kode ini.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="137"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nama:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="138"/>
        <source>&amp;Part of:</source>
        <translation>&amp;Bagian dari:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/edit_dialogs.py" line="139"/>
        <source>Claim &amp;lease:</source>
        <translation>&amp;Waktu pegang:</translation>
    </message>
</context>
<context>
    <name>UnitPicker</name>
    <message>
        <location filename="../../ui/unit_picker.py" line="37"/>
        <source>Search units…</source>
        <translation>Cari unit…</translation>
    </message>
    <message>
        <location filename="../../ui/unit_picker.py" line="38"/>
        <source>Search units</source>
        <translation>Cari unit</translation>
    </message>
    <message>
        <location filename="../../ui/unit_picker.py" line="48"/>
        <source>Units</source>
        <translation>Unit</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <location filename="../../ui/admin/units_page.py" line="83"/>
        <source>Units</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="84"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="84"/>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="87"/>
        <source>Ed&amp;it…</source>
        <translation>U&amp;bah…</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="89"/>
        <source>Change the chosen unit&apos;s name, where it sits, or its claim lease</source>
        <translation>Ubah nama unit yang dipilih, letaknya, atau waktu pegangnya</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="101"/>
        <source>e.g. kanreg-2 (lower-case letters, digits, -)</source>
        <translation>mis. kanreg-2 (huruf kecil, angka, -)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="110"/>
        <source>default (4 hours)</source>
        <translation>bawaan (4 jam)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="111"/>
        <source> hours</source>
        <translation> jam</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="112"/>
        <source>&amp;Add unit</source>
        <translation>&amp;Tambah unit</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="115"/>
        <source>Add a unit</source>
        <translation>Tambah unit</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="117"/>
        <source>&amp;Code:</source>
        <translation>&amp;Kode:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="118"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nama:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="119"/>
        <source>&amp;Part of:</source>
        <translation>&amp;Bagian dari:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="120"/>
        <source>Claim &amp;lease:</source>
        <translation>&amp;Waktu pegang:</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="154"/>
        <source>Unit %1 changed.</source>
        <translation>Unit %1 diubah.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="156"/>
        <source>Released, as their holders can no longer reach them: %1.</source>
        <translation>Laporan yang tidak lagi dapat dijangkau pemegangnya dilepaskan: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="167"/>
        <source>(top level)</source>
        <translation>(tingkat teratas)</translation>
    </message>
    <message>
        <location filename="../../ui/admin/units_page.py" line="193"/>
        <source>Unit %1 added.</source>
        <translation>Unit %1 ditambahkan.</translation>
    </message>
</context>
<context>
    <name>UpdateRequiredBanner</name>
    <message>
        <location filename="../../ui/update_notice.py" line="36"/>
        <source>Copy address</source>
        <translation>Salin alamat</translation>
    </message>
    <message>
        <location filename="../../ui/update_notice.py" line="53"/>
        <source>This version of Aduan (%1) is no longer accepted by the server. Install version %2 from %3.</source>
        <translation>Versi Aduan ini (%1) tidak lagi diterima pusat Aduan. Pasang versi %2 dari %3.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/update_notice.py" line="59"/>
        <source>%n queued item(s) stay saved and will be sent after the update.</source>
        <translation>
            <numerusform>%n pekerjaan yang menunggu tetap tersimpan dan akan dikirim setelah pembaruan.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/update_notice.py" line="61"/>
        <source>Nothing is waiting to be sent.</source>
        <translation>Tidak ada pekerjaan yang menunggu untuk dikirim.</translation>
    </message>
    <message>
        <location filename="../../ui/update_notice.py" line="64"/>
        <source>From your admin: %1</source>
        <translation>Dari admin Anda: %1</translation>
    </message>
    <message>
        <location filename="../../ui/update_notice.py" line="72"/>
        <source>Opens the download in your browser</source>
        <translation>Membuka unduhan di peramban Anda</translation>
    </message>
    <message>
        <location filename="../../ui/update_notice.py" line="79"/>
        <source>Copy the address, then paste it into your browser or into Explorer&apos;s address bar</source>
        <translation>Salin alamat ini, lalu tempelkan di peramban atau di bilah alamat Explorer</translation>
    </message>
</context>
<context>
    <name>VolumeChart</name>
    <message>
        <location filename="../../ui/stats/chart.py" line="51"/>
        <source>Reports received per period</source>
        <translation>Laporan diterima per periode</translation>
    </message>
    <message>
        <location filename="../../ui/stats/chart.py" line="96"/>
        <source>Reports received</source>
        <translation>Laporan diterima</translation>
    </message>
</context>
<context>
    <name>WorkloadView</name>
    <message>
        <location filename="../../ui/workload_view.py" line="47"/>
        <source>Officers&apos; workload</source>
        <translation>Beban kerja petugas</translation>
    </message>
    <message>
        <location filename="../../ui/workload_view.py" line="52"/>
        <source>Officers and their open reports</source>
        <translation>Petugas dan laporan terbuka mereka</translation>
    </message>
    <message>
        <location filename="../../ui/workload_view.py" line="54"/>
        <source>Officer</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <location filename="../../ui/workload_view.py" line="54"/>
        <location filename="../../ui/workload_view.py" line="67"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/workload_view.py" line="54"/>
        <source>Open</source>
        <translation>Terbuka</translation>
    </message>
    <message>
        <location filename="../../ui/workload_view.py" line="54"/>
        <source>Overdue</source>
        <translation>Terlambat</translation>
    </message>
    <message>
        <location filename="../../ui/workload_view.py" line="64"/>
        <source>Reports the chosen officer holds</source>
        <translation>Laporan yang dipegang petugas terpilih</translation>
    </message>
    <message>
        <location filename="../../ui/workload_view.py" line="67"/>
        <source>Subject</source>
        <translation>Perihal</translation>
    </message>
    <message>
        <location filename="../../ui/workload_view.py" line="67"/>
        <source>Deadline</source>
        <translation>Tenggat</translation>
    </message>
    <message>
        <location filename="../../ui/workload_view.py" line="67"/>
        <source>Tracking no.</source>
        <translation>No. laporan</translation>
    </message>
    <message>
        <location filename="../../ui/workload_view.py" line="73"/>
        <source>Assign selected…</source>
        <translation>Tugaskan yang dipilih…</translation>
    </message>
    <message>
        <location filename="../../ui/workload_view.py" line="75"/>
        <source>Give the selected reports to another officer</source>
        <translation>Serahkan laporan yang dipilih ke petugas lain</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/workload_view.py" line="111"/>
        <source>%n report(s) past their deadline</source>
        <translation>
            <numerusform>%n laporan melewati tenggat</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/workload_view.py" line="152"/>
        <source>%1 (overdue)</source>
        <translation>%1 (terlambat)</translation>
    </message>
    <message>
        <location filename="../../ui/workload_view.py" line="160"/>
        <source>Reports %1 holds (select some to give to another officer):</source>
        <translation>Laporan yang dipegang %1 (pilih untuk diserahkan ke petugas lain):</translation>
    </message>
</context>
</TS>
