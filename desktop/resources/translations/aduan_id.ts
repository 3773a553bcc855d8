<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/actions.py" line="28"/>
        <source>Sync now</source>
        <translation>Sinkronkan</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="30"/>
        <source>New report…</source>
        <translation>Laporan baru…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="31"/>
        <source>Inbox</source>
        <translation>Kotak masuk</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="32"/>
        <source>Team discussion</source>
        <translation>Diskusi tim</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="33"/>
        <source>Needs attention</source>
        <translation>Perlu perhatian</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="34"/>
        <source>Referrals</source>
        <translation>Permintaan masukan</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="35"/>
        <source>Connect to server…</source>
        <translation>Sambungkan ke server…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="36"/>
        <source>Change password…</source>
        <translation>Ubah kata sandi…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="37"/>
        <source>Reset an officer&apos;s password…</source>
        <translation>Atur ulang kata sandi petugas…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="38"/>
        <source>Settings…</source>
        <translation>Pengaturan…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="39"/>
        <source>Manage canned responses…</source>
        <translation>Kelola jawaban siap pakai…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="40"/>
        <source>Channels…</source>
        <translation>Kanal…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="41"/>
        <source>Audit log…</source>
        <translation>Log audit…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="42"/>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="44"/>
        <source>Search</source>
        <translation>Cari</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="45"/>
        <source>Clear filters</source>
        <translation>Hapus filter</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="47"/>
        <source>Claim</source>
        <translation>Klaim</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="48"/>
        <source>Release</source>
        <translation>Lepaskan</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="49"/>
        <source>Take over…</source>
        <translation>Ambil alih…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="50"/>
        <source>Take the next one</source>
        <translation>Ambil tiket berikutnya</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="51"/>
        <source>Send reply</source>
        <translation>Kirim balasan</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="52"/>
        <source>Add internal note</source>
        <translation>Tambah catatan internal</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="53"/>
        <source>Change status…</source>
        <translation>Ubah status…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="54"/>
        <source>Transfer to unit…</source>
        <translation>Teruskan ke unit…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="55"/>
        <source>Insert canned response…</source>
        <translation>Sisipkan templat balasan…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="57"/>
        <source>Mark as duplicate of…</source>
        <translation>Tandai sebagai duplikat dari…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="58"/>
        <source>Merge into…</source>
        <translation>Gabungkan ke…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="59"/>
        <source>Unlink</source>
        <translation>Lepas tautan</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="60"/>
        <source>Answer all linked…</source>
        <translation>Jawab semua yang tertaut…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="61"/>
        <source>Not our authority…</source>
        <translation>Bukan wewenang…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="62"/>
        <source>Refer to unit…</source>
        <translation>Minta masukan unit…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="63"/>
        <source>Answer…</source>
        <translation>Jawab…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="65"/>
        <source>New thread…</source>
        <translation>Topik baru…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="66"/>
        <source>Post</source>
        <translation>Kirim</translation>
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
        <source>Write the answer: it becomes a note on the ticket.</source>
        <translation>Tulis jawabannya: jawaban menjadi catatan pada tiket.</translation>
    </message>
</context>
<context>
    <name>Attention</name>
    <message>
        <location filename="../../ui/attention_panel.py" line="34"/>
        <source>new ticket</source>
        <translation>tiket baru</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="35"/>
        <source>claim</source>
        <translation>klaim</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="36"/>
        <source>claim renewal</source>
        <translation>perpanjangan klaim</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="37"/>
        <source>release</source>
        <translation>pelepasan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="38"/>
        <source>take-over</source>
        <translation>pengambilalihan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="39"/>
        <source>reply</source>
        <translation>balasan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="40"/>
        <source>internal note</source>
        <translation>catatan internal</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="41"/>
        <source>status change</source>
        <translation>perubahan status</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="42"/>
        <source>transfer</source>
        <translation>penerusan ke unit</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="43"/>
        <source>new discussion thread</source>
        <translation>topik diskusi baru</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="44"/>
        <source>discussion post</source>
        <translation>pesan diskusi</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="45"/>
        <source>hand-over resolution</source>
        <translation>keputusan serah terima</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="46"/>
        <source>link as duplicate</source>
        <translation>penautan sebagai duplikat</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="47"/>
        <source>unlink</source>
        <translation>pelepasan tautan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="48"/>
        <source>merge</source>
        <translation>penggabungan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="49"/>
        <source>answer to all linked tickets</source>
        <translation>jawaban ke semua tiket tertaut</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="50"/>
        <source>return as not our authority</source>
        <translation>pengembalian sebagai bukan wewenang</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="51"/>
        <source>referral</source>
        <translation>permintaan masukan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="52"/>
        <source>referral answer</source>
        <translation>jawaban permintaan masukan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="57"/>
        <source>verification</source>
        <translation>verifikasi</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="58"/>
        <source>follow-up</source>
        <translation>tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="59"/>
        <source>resolution</source>
        <translation>penyelesaian</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="78"/>
        <source>a ticket</source>
        <translation>sebuah tiket</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="82"/>
        <source>The %1 deadline of %2 has passed; supervisors were told</source>
        <translation>Tenggat %1 untuk %2 terlewati; supervisor telah diberi tahu</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="87"/>
        <source>Your %1 on %2 was refused</source>
        <translation>Server menolak %1 Anda pada %2</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="89"/>
        <source>Your %1 on %2 was handed over to the current holder</source>
        <translation>Diserahkan ke pemegang tiket saat ini: %1 Anda pada %2</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="91"/>
        <source>%3 handed over a %1 on %2 to you</source>
        <translation>%3 menyerahkan %1 pada %2 kepada Anda</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="98"/>
        <source>Subject: %1</source>
        <translation>Perihal: %1</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="101"/>
        <source>Content: %1</source>
        <translation>Isi: %1</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="105"/>
        <source>Nothing was changed on the server. Dismiss this when you have dealt with it.</source>
        <translation>Tidak ada yang berubah di server. Abaikan butir ini setelah Anda menanganinya.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="111"/>
        <source>Your claim ended while you worked offline; the officer who holds the ticket now decides about it.</source>
        <translation>Klaim Anda berakhir saat Anda bekerja luring; petugas yang kini memegang tiket yang memutuskannya.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="118"/>
        <source>Open the ticket and act on it; this goes away when the deadline&apos;s work is done.</source>
        <translation>Buka tiket dan tindak lanjuti; butir ini hilang setelah pekerjaan tenggat itu selesai.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="124"/>
        <source>Accept to apply it under your claim (a reply is then sent to the citizen), or dismiss it.</source>
        <translation>Terima untuk menerapkannya di bawah klaim Anda (balasan lalu dikirim ke pelapor), atau abaikan.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="140"/>
        <source>Items that need attention</source>
        <translation>Butir yang perlu perhatian</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="142"/>
        <source>Nothing needs your attention.</source>
        <translation>Tidak ada yang perlu perhatian Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="150"/>
        <source>Accept — apply under my claim</source>
        <translation>Terima — terapkan dengan klaim saya</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="151"/>
        <source>Dismiss</source>
        <translation>Abaikan</translation>
    </message>
    <message>
        <location filename="../../ui/attention_panel.py" line="152"/>
        <source>Open ticket</source>
        <translation>Buka tiket</translation>
    </message>
</context>
<context>
    <name>AuditAction</name>
    <message>
        <location filename="../../domain/audit.py" line="248"/>
        <source>recorded the report (channel {channel}, unit {unit})</source>
        <translation>mencatat laporan (kanal {channel}, unit {unit})</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="249"/>
        <source>claimed it until {expires_at}</source>
        <translation>mengklaimnya sampai {expires_at}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="250"/>
        <source>renewed the claim until {expires_at}</source>
        <translation>memperpanjang klaim sampai {expires_at}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="251"/>
        <source>released the claim</source>
        <translation>melepaskan klaim</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="252"/>
        <source>took over the claim from {previous_holder}</source>
        <translation>mengambil alih klaim dari {previous_holder}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="253"/>
        <source>replied to the reporter ({chars} characters)</source>
        <translation>membalas pelapor ({chars} karakter)</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="254"/>
        <source>added an internal note</source>
        <translation>menambahkan catatan internal</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="255"/>
        <source>changed the status from {old} to {new}</source>
        <translation>mengubah status dari {old} menjadi {new}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="256"/>
        <source>transferred it from {from_unit} to {to_unit}</source>
        <translation>meneruskannya dari {from_unit} ke {to_unit}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="257"/>
        <source>returned it as not their authority, from {from_unit} to {to_unit}</source>
        <translation>mengembalikannya sebagai bukan wewenang, dari {from_unit} ke {to_unit}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="260"/>
        <source>attached scanned letters: {files}</source>
        <translation>melampirkan pindaian surat: {files}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="261"/>
        <source>closed it automatically (the reporter did not answer)</source>
        <translation>menutupnya secara otomatis (pelapor tidak menanggapi)</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="262"/>
        <source>escalated it to the supervisors (deadline {clock})</source>
        <translation>mengeskalasikannya ke supervisor (tenggat {clock})</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="263"/>
        <source>received a message from the reporter ({channel})</source>
        <translation>menerima pesan dari pelapor ({channel})</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="264"/>
        <source>sent the reporter an acknowledgement</source>
        <translation>mengirim tanda terima kepada pelapor</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="265"/>
        <source>noted the reporter&apos;s answer</source>
        <translation>mencatat tanggapan pelapor</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="266"/>
        <source>recorded a message that needed repair: {problems}</source>
        <translation>mencatat pesan yang perlu diperbaiki: {problems}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="267"/>
        <source>recorded a message again after an intake error</source>
        <translation>mencatat ulang pesan setelah galat penerimaan</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="268"/>
        <source>could not send an answer: {error}</source>
        <translation>gagal mengirim jawaban: {error}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="269"/>
        <source>sent a failed answer again</source>
        <translation>mengirim ulang jawaban yang gagal</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="270"/>
        <source>confirmed an answer as sent</source>
        <translation>mengonfirmasi bahwa jawaban telah terkirim</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="271"/>
        <source>asked unit {to_unit} about it</source>
        <translation>meminta masukan unit {to_unit} tentang laporan ini</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="272"/>
        <source>answered a question from another unit</source>
        <translation>menjawab pertanyaan dari unit lain</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="273"/>
        <source>opened a team discussion about it in {unit}</source>
        <translation>membuka diskusi tim tentang laporan ini di {unit}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="274"/>
        <source>posted in a team discussion</source>
        <translation>mengirim pesan di diskusi tim</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="275"/>
        <source>handed work over to the current holder ({kind})</source>
        <translation>menyerahkan pekerjaan kepada pemegang saat ini ({kind})</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="276"/>
        <source>settled handed-over work ({kind})</source>
        <translation>memutuskan pekerjaan yang diserahkan ({kind})</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="277"/>
        <source>linked it as a duplicate of {master}</source>
        <translation>menautkannya sebagai duplikat dari {master}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="278"/>
        <source>unlinked it from its master</source>
        <translation>melepas tautannya dari laporan induk</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="279"/>
        <source>merged it into {master}</source>
        <translation>menggabungkannya ke {master}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="280"/>
        <source>linked {duplicate} to it as a duplicate</source>
        <translation>menautkan {duplicate} ke laporan ini sebagai duplikat</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="281"/>
        <source>{duplicate} is no longer its duplicate</source>
        <translation>{duplicate} tidak lagi menjadi duplikat laporan ini</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="282"/>
        <source>merged {duplicate} into it</source>
        <translation>menggabungkan {duplicate} ke laporan ini</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="283"/>
        <source>answered the linked reports together ({replies} replies)</source>
        <translation>menjawab laporan-laporan tertaut sekaligus ({replies} balasan)</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="284"/>
        <source>retired the canned response {key}</source>
        <translation>memensiunkan jawaban siap pakai {key}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="285"/>
        <source>restored the canned response {key}</source>
        <translation>memulihkan jawaban siap pakai {key}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="286"/>
        <source>changed the working calendar of {unit}</source>
        <translation>mengubah kalender kerja {unit}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="287"/>
        <source>changed a day off of {unit}: {day}</source>
        <translation>mengubah hari libur {unit}: {day}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="288"/>
        <source>set a service-level policy</source>
        <translation>menetapkan kebijakan tingkat layanan</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="289"/>
        <source>removed a service-level policy</source>
        <translation>menghapus kebijakan tingkat layanan</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="290"/>
        <source>changed the retention periods of {unit}</source>
        <translation>mengubah masa retensi {unit}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="291"/>
        <source>required Aduan {min_version} or newer for {unit}, installed from {installer}</source>
        <translation>mewajibkan Aduan {min_version} atau yang lebih baru untuk {unit}, dipasang dari {installer}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="294"/>
        <source>removed the client version policy of {unit}</source>
        <translation>menghapus kebijakan versi aplikasi untuk {unit}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="295"/>
        <source>exported the reporter&apos;s data on their request</source>
        <translation>mengekspor data pelapor atas permintaannya</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="296"/>
        <source>erased the reporter&apos;s personal data on their request</source>
        <translation>menghapus data pribadi pelapor atas permintaannya</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="297"/>
        <source>anonymised the reporter: the retention period had passed</source>
        <translation>menganonimkan pelapor: masa retensi telah lewat</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="298"/>
        <source>purged the content of {attachments} attachment(s): the retention period had passed</source>
        <translation>menghapus isi {attachments} lampiran: masa retensi telah lewat</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="301"/>
        <source>let {officer} read this confidential report</source>
        <translation>mengizinkan {officer} membaca laporan rahasia ini</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="302"/>
        <source>ended {officer}&apos;s access to this confidential report</source>
        <translation>mengakhiri akses {officer} ke laporan rahasia ini</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="305"/>
        <source>; reason: {reason}</source>
        <translation>; alasan: {reason}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="306"/>
        <source>; mentioning {mentions}</source>
        <translation>; menyebut {mentions}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="307"/>
        <source>; from {canned}</source>
        <translation>; dari {canned}</translation>
    </message>
    <message>
        <location filename="../../domain/audit.py" line="309"/>
        <source>did something recorded as {action}</source>
        <translation>melakukan tindakan yang tercatat sebagai {action}</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="66"/>
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="68"/>
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
        <translation>nomor tiket, mis. ADU-2026-000123</translation>
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
        <translation>Klaim</translation>
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
    <name>BulkAnswerDialog</name>
    <message>
        <location filename="../../ui/related_dialogs.py" line="176"/>
        <source>Answer all linked tickets</source>
        <translation>Jawab semua tiket tertaut</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="182"/>
        <source>Each citizen of this family gets the canned response filled in for their own report. A duplicate another officer holds is handed over to them instead.</source>
        <translation>Setiap warga dalam kelompok ini menerima jawaban siap pakai yang diisi untuk laporannya sendiri. Duplikat yang dipegang petugas lain diserahkan kepadanya.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="189"/>
        <source>Canned response</source>
        <translation>Jawaban siap pakai</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="190"/>
        <source>Choose a canned response…</source>
        <translation>Pilih jawaban siap pakai…</translation>
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
        <translation>Belum ada jawaban siap pakai untuk unit ini: supervisor menambahkannya terlebih dahulu.</translation>
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
        <translation>Pilih jawaban siap pakai untuk menjawab.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="258"/>
        <source>Wait until each citizen&apos;s answer is shown.</source>
        <translation>Tunggu sampai jawaban setiap warga ditampilkan.</translation>
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
        <translation>Salinan laporan di komputer ini tidak dapat dibaca (%1). Salinan itu disimpan sebagai %2, dan salinan baru sedang diisi dari server.</translation>
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
        <translation>Mengelola jawaban siap pakai memerlukan koneksi ke server, dan server tidak dapat dijangkau sekarang. Tidak ada yang diubah. Petugas tetap memakai jawaban siap pakai yang ada di komputer mereka.</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="127"/>
        <location filename="../../ui/canned_dialog.py" line="134"/>
        <source>Canned responses</source>
        <translation>Jawaban siap pakai</translation>
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
        <translation>Hanya supervisor dan admin yang mengelola jawaban siap pakai.</translation>
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
        <translation>Jawaban siap pakai baru</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="315"/>
        <source>Edit canned response</source>
        <translation>Ubah jawaban siap pakai</translation>
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
        <translation>Teks jawaban siap pakai</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="343"/>
        <source>Variables</source>
        <translation>Variabel</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="350"/>
        <source>Variables you can use (double-click to insert). Each is filled in for the ticket:</source>
        <translation>Variabel yang dapat dipakai (klik dua kali untuk menyisipkan). Masing-masing diisi untuk tiket:</translation>
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
        <translation>nomor tiket, mis. ADU-2026-000123</translation>
    </message>
    <message>
        <location filename="../../ui/canned_dialog.py" line="375"/>
        <source>the name of the unit handling the ticket</source>
        <translation>nama unit yang menangani tiket</translation>
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
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/password_dialogs.py" line="99"/>
        <source>Change password</source>
        <translation>Ubah kata sandi</translation>
    </message>
    <message>
        <location filename="../../ui/password_dialogs.py" line="104"/>
        <source>Your password is kept by your unit&apos;s Aduan server. After the change your sessions on other computers end; this computer stays signed in. Use at least %1 characters, not your login.</source>
        <translation>Kata sandi Anda disimpan oleh server Aduan unit Anda. Setelah diubah, sesi Anda di komputer lain berakhir; komputer ini tetap masuk. Gunakan paling sedikit %1 karakter, bukan nama pengguna Anda.</translation>
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
        <source>Web form</source>
        <translation>Formulir web</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37"/>
        <source>Phone</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38"/>
        <source>Walk-in</source>
        <translation>Datang langsung</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="39"/>
        <source>Letter</source>
        <translation>Surat</translation>
    </message>
</context>
<context>
    <name>Channels</name>
    <message>
        <location filename="../../ui/channels_dialog.py" line="95"/>
        <source>Disabled</source>
        <translation>Nonaktif</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="97"/>
        <source>Failing</source>
        <translation>Bermasalah</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="99"/>
        <source>Not polled yet</source>
        <translation>Belum pernah diperiksa</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="100"/>
        <source>Working</source>
        <translation>Berjalan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="106"/>
        <source>%1 (%2 held)</source>
        <translation>%1 (%2 tertahan)</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="118"/>
        <source>The channels view needs a connection to the server, and it cannot be reached now. The intake worker keeps running on its own machine; nothing here was changed.</source>
        <translation>Tampilan kanal memerlukan koneksi ke server, dan server tidak dapat dihubungi sekarang. Pekerja penerimaan tetap berjalan di mesinnya sendiri; tidak ada yang diubah di sini.</translation>
    </message>
</context>
<context>
    <name>ChannelsDialog</name>
    <message>
        <location filename="../../ui/channels_dialog.py" line="150"/>
        <source>Channels</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="160"/>
        <location filename="../../ui/channels_dialog.py" line="192"/>
        <source>Channel accounts</source>
        <translation>Akun kanal</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="162"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="163"/>
        <location filename="../../ui/channels_dialog.py" line="176"/>
        <source>Account</source>
        <translation>Akun</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="164"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="165"/>
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="166"/>
        <source>Last poll</source>
        <translation>Pemeriksaan terakhir</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="167"/>
        <source>Answers waiting</source>
        <translation>Balasan menunggu</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="168"/>
        <location filename="../../ui/channels_dialog.py" line="174"/>
        <source>Intake errors</source>
        <translation>Galat penerimaan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="169"/>
        <source>Last error</source>
        <translation>Galat terakhir</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="177"/>
        <source>Message</source>
        <translation>Pesan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="178"/>
        <source>Attempts</source>
        <translation>Percobaan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="179"/>
        <source>First seen</source>
        <translation>Pertama terlihat</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="180"/>
        <source>Last seen</source>
        <translation>Terakhir terlihat</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="181"/>
        <source>Error</source>
        <translation>Galat</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="186"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Muat ulang</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="187"/>
        <source>Re&amp;try</source>
        <translation>&amp;Coba lagi</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="188"/>
        <source>Store the message again, after the cause was fixed</source>
        <translation>Simpan pesan ini lagi, setelah penyebabnya diperbaiki</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="189"/>
        <source>&amp;Dismiss</source>
        <translation>&amp;Abaikan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="190"/>
        <source>The message needs no ticket (spam, a test); it stays on record</source>
        <translation>Pesan ini tidak perlu tiket (spam, uji coba); tetap tercatat</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="194"/>
        <source>Intake errors: messages that arrived but could not be stored</source>
        <translation>Galat penerimaan: pesan yang masuk tetapi tidak dapat disimpan</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="269"/>
        <source>Only supervisors and admins see the channels.</source>
        <translation>Hanya supervisor dan admin yang melihat kanal.</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="273"/>
        <source>As of %1</source>
        <translation>Per %1</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="285"/>
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="349"/>
        <source>Stored: it started %1.</source>
        <translation>Tersimpan: menjadi tiket baru %1.</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="349"/>
        <source>Stored: it joined %1.</source>
        <translation>Tersimpan: masuk ke tiket %1.</translation>
    </message>
    <message>
        <location filename="../../ui/channels_dialog.py" line="363"/>
        <source>Dismissed: the message stays on record, without a ticket.</source>
        <translation>Diabaikan: pesan tetap tercatat, tanpa tiket.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../ui/composer.py" line="57"/>
        <source>Reply to the citizen</source>
        <translation>Balasan untuk pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="58"/>
        <source>Write the answer the citizen will receive…</source>
        <translation>Tulis jawaban yang akan diterima pelapor…</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="61"/>
        <location filename="../../ui/composer.py" line="95"/>
        <source>Internal note</source>
        <translation>Catatan internal</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="62"/>
        <source>Only officers see this. Type @ to mention a colleague.</source>
        <translation>Hanya petugas yang melihat ini. Ketik @ untuk menyebut rekan.</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="94"/>
        <source>Reply to citizen</source>
        <translation>Balas pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="165"/>
        <source>No canned responses for this unit</source>
        <translation>Belum ada templat balasan untuk unit ini</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="180"/>
        <source>the ticket has no tracking number yet: it gets one when it reaches the server</source>
        <translation>tiket belum bernomor: nomornya diberikan saat sampai di server</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="181"/>
        <source>the ticket has no resolution deadline yet</source>
        <translation>tiket belum memiliki tenggat penyelesaian</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="182"/>
        <source>the ticket&apos;s unit is not known on this computer yet</source>
        <translation>unit tiket belum dikenal di komputer ini</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="183"/>
        <source>the reporter&apos;s name is not known</source>
        <translation>nama pelapor tidak diketahui</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="187"/>
        <source>not a variable Aduan knows; ask a supervisor to correct the template</source>
        <translation>bukan variabel yang dikenal Aduan; minta supervisor memperbaiki templatnya</translation>
    </message>
    <message>
        <location filename="../../ui/composer.py" line="191"/>
        <source>“%1” cannot be used for this ticket, so nothing was inserted.</source>
        <translation>“%1” tidak dapat dipakai untuk tiket ini, jadi tidak ada yang disisipkan.</translation>
    </message>
</context>
<context>
    <name>Confidential</name>
    <message>
        <location filename="../../ui/labels.py" line="78"/>
        <source>(confidential — content restricted to the handling unit)</source>
        <translation>(rahasia — isinya hanya untuk unit penangan)</translation>
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
        <location filename="../../ui/discussion_view.py" line="255"/>
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
        <location filename="../../ui/discussion_view.py" line="257"/>
        <source>Mentions (%n new)</source>
        <translation>
            <numerusform>Sebutan (%n baru)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/discussion_view.py" line="295"/>
        <source>%n unread</source>
        <translation>
            <numerusform>%n belum dibaca</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="297"/>
        <source>not sent yet</source>
        <translation>belum terkirim</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="306"/>
        <source>a note on %1</source>
        <translation>catatan pada %1</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="306"/>
        <source>a ticket</source>
        <translation>sebuah tiket</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="308"/>
        <source>the thread “%1”</source>
        <translation>topik “%1”</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="309"/>
        <source>%1 mentioned you in %2</source>
        <translation>%1 menyebut Anda di %2</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="312"/>
        <source>new</source>
        <translation>baru</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="328"/>
        <source>No thread chosen</source>
        <translation>Belum ada topik yang dipilih</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="329"/>
        <source>Choose a thread on the left, or start one with “New thread…”.</source>
        <translation>Pilih topik di sebelah kiri, atau mulai topik dengan “Topik baru…”.</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="334"/>
        <source>%1 · started by %2 on %3</source>
        <translation>%1 · dimulai oleh %2 pada %3</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="343"/>
        <source>Open ticket %1</source>
        <translation>Buka tiket %1</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="355"/>
        <source>queued, not sent yet</source>
        <translation>antre, belum terkirim</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="17"/>
        <source>This input cannot be used: %1</source>
        <translation>Isian ini tidak dapat digunakan: %1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="18"/>
        <source>This status change is not allowed: %1</source>
        <translation>Perubahan status ini tidak diizinkan: %1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="19"/>
        <source>This canned response cannot be used: %1</source>
        <translation>Jawaban siap pakai ini tidak dapat dipakai: %1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="20"/>
        <source>Another officer holds this ticket (%1).</source>
        <translation>Tiket ini dipegang petugas lain (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="21"/>
        <source>This computer&apos;s credential store cannot be used, so the password is not remembered: %1</source>
        <translation>Penyimpanan kredensial komputer ini tidak dapat digunakan, sehingga kata sandi tidak diingat: %1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="24"/>
        <source>You do not hold this ticket. Claim it first.</source>
        <translation>Anda tidak memegang tiket ini. Klaim terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="25"/>
        <source>Your claim on this ticket ended: another officer holds it now. Your work was handed over.</source>
        <translation>Klaim Anda atas tiket ini berakhir: kini petugas lain memegangnya. Pekerjaan Anda telah diserahkan kepadanya.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="28"/>
        <source>The server cannot be reached. Your work is kept on this computer and sent when it can be.</source>
        <translation>Server tidak dapat dihubungi. Pekerjaan Anda disimpan di komputer ini dan dikirim begitu memungkinkan.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="31"/>
        <source>Not found, or not yours to see: %1</source>
        <translation>Tidak ditemukan, atau Anda tidak berhak melihatnya: %1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="32"/>
        <source>Not permitted: %1</source>
        <translation>Tidak diizinkan: %1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="33"/>
        <source>Already answered: %1</source>
        <translation>Sudah dijawab: %1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="34"/>
        <source>The server runs another version of Aduan. Ask your admin to update; your work is kept.</source>
        <translation>Server menjalankan versi Aduan yang berbeda. Minta admin Anda memperbaruinya; pekerjaan Anda tetap tersimpan.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="37"/>
        <source>Your session on the server has ended. Sign in again; your work is kept on this computer.</source>
        <translation>Sesi Anda di server telah berakhir. Masuk kembali; pekerjaan Anda tetap tersimpan di komputer ini.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="40"/>
        <source>Too many failed sign-ins. Wait a while and try again: %1</source>
        <translation>Terlalu banyak percobaan masuk yang gagal. Tunggu sebentar lalu coba lagi: %1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="41"/>
        <source>Something went wrong: %1</source>
        <translation>Terjadi kesalahan: %1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="52"/>
        <source>%1 holds this ticket until %2.</source>
        <translation>Tiket ini dipegang %1 sampai %2.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="55"/>
        <source>This version of Aduan (%1) is no longer accepted by the server. Install version %2 from %3. Your work is kept on this computer.</source>
        <translation>Versi Aduan ini (%1) tidak lagi diterima server. Pasang versi %2 dari %3. Pekerjaan Anda tetap tersimpan di komputer ini.</translation>
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
        <location filename="../../ui/history_view.py" line="41"/>
        <source>When</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="42"/>
        <source>Who</source>
        <translation>Pelaku</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="43"/>
        <source>What</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="44"/>
        <source>Claim</source>
        <translation>Klaim</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="45"/>
        <source>Where</source>
        <translation>Tempat</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="82"/>
        <source>Aduan (automatic)</source>
        <translation>Aduan (otomatis)</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="88"/>
        <source>claim %1</source>
        <translation>klaim %1</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="93"/>
        <source>online</source>
        <translation>daring</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="94"/>
        <source>an unknown computer</source>
        <translation>komputer yang tidak dikenal</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="95"/>
        <source>offline, on %1</source>
        <translation>luring, di %1</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="99"/>
        <source>The history is kept on the server, which cannot be reached now. It is shown again once the connection is back.</source>
        <translation>Riwayat disimpan di server, yang saat ini tidak dapat dihubungi. Riwayat ditampilkan lagi setelah koneksi pulih.</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="126"/>
        <source>History of the report</source>
        <translation>Riwayat laporan</translation>
    </message>
    <message>
        <location filename="../../ui/history_view.py" line="181"/>
        <source>Nothing has been recorded for this report yet.</source>
        <translation>Belum ada yang tercatat untuk laporan ini.</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <location filename="../../ui/inbox_model.py" line="59"/>
        <source>Tracking no.</source>
        <translation>No. tiket</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="60"/>
        <source>Subject</source>
        <translation>Perihal</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="61"/>
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="62"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="63"/>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="64"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="65"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="66"/>
        <source>Held by</source>
        <translation>Dipegang oleh</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="68"/>
        <source>Last update</source>
        <translation>Diperbarui</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="290"/>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="357"/>
        <source>(queued)</source>
        <translation>(antre)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="362"/>
        <source>Anonymous</source>
        <translation>Anonim</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="372"/>
        <source> (queued)</source>
        <translation> (antre)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="385"/>
        <source>free</source>
        <translation>bebas</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="387"/>
        <source>%1 — claim queued</source>
        <translation>%1 — klaim antre</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="392"/>
        <source>free (lease of %1 ran out)</source>
        <translation>bebas (klaim %1 habis)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="393"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="397"/>
        <source>Due %1</source>
        <translation>Tenggat %1</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="399"/>
        <source>Lease until %1</source>
        <translation>Klaim sampai %1</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="403"/>
        <source>The reporter asked to stay anonymous</source>
        <translation>Pelapor meminta identitasnya dirahasiakan</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="405"/>
        <source>A change made here is waiting to be sent</source>
        <translation>Perubahan di sini menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_model.py" line="67"/>
        <source>Deadline</source>
        <translation>Tenggat</translation>
    </message>
</context>
<context>
    <name>InboxView</name>
    <message>
        <location filename="../../ui/inbox_view.py" line="48"/>
        <source>Unclaimed</source>
        <translation>Belum diklaim</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="49"/>
        <source>Mine</source>
        <translation>Milik saya</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="50"/>
        <source>My unit</source>
        <translation>Unit saya</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="53"/>
        <source>My units and sub-units</source>
        <translation>Unit saya dan sub-unit</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="51"/>
        <source>Due soon / overdue</source>
        <translation>Tenggat dekat/lewat</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="52"/>
        <source>Everything</source>
        <translation>Semua</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="75"/>
        <source>Inbox view</source>
        <translation>Tampilan kotak masuk</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="80"/>
        <source>Status filter</source>
        <translation>Filter status</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="80"/>
        <source>All statuses</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="83"/>
        <source>Channel filter</source>
        <translation>Filter kanal</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="83"/>
        <source>All channels</source>
        <translation>Semua kanal</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="86"/>
        <source>Kind filter</source>
        <translation>Filter jenis</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="86"/>
        <source>All kinds</source>
        <translation>Semua jenis</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="89"/>
        <source>Unit filter</source>
        <translation>Filter unit</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="89"/>
        <source>All units</source>
        <translation>Semua unit</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="90"/>
        <source>Holder filter</source>
        <translation>Filter pemegang</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="90"/>
        <source>Anyone holding</source>
        <translation>Semua pemegang</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="94"/>
        <source>Search subjects and messages</source>
        <translation>Cari perihal dan pesan</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="95"/>
        <source>Search subjects and messages…</source>
        <translation>Cari perihal dan pesan…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="117"/>
        <source>Tickets</source>
        <translation>Tiket</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="136"/>
        <source>Number of tickets</source>
        <translation>Jumlah tiket</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="240"/>
        <source>Counting…</source>
        <translation>Menghitung…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="303"/>
        <location filename="../../ui/inbox_view.py" line="318"/>
        <source>Tickets: %1</source>
        <translation>Tiket: %1</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="305"/>
        <source>Tickets: at least %1 (counting…)</source>
        <translation>Tiket: sedikitnya %1 (menghitung…)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox_view.py" line="315"/>
        <source>Tickets: more than %1</source>
        <translation>Tiket: lebih dari %1</translation>
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
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="132"/>
        <source>Demo workspace: sample data on this computer only, signed in as a demo officer. Nothing here reaches your unit&apos;s server.</source>
        <translation>Ruang kerja demo: data contoh hanya di komputer ini, masuk sebagai petugas demo. Tidak ada yang dikirim ke server unit Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="148"/>
        <source>&amp;Aduan</source>
        <translation>&amp;Aduan</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180"/>
        <source>&amp;Go</source>
        <translation>&amp;Buka</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="208"/>
        <source> (demo)</source>
        <translation> (demo)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="217"/>
        <source>%1 (%2 unread)</source>
        <translation>%1 (%2 belum dibaca)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="252"/>
        <source>Your session on the server has ended: an admin may have reset your password or disabled your login, or it expired. Sign in again to send your work; until then it is kept on this computer.</source>
        <translation>Sesi Anda di server telah berakhir: mungkin admin mengatur ulang kata sandi Anda atau menonaktifkan nama pengguna Anda, atau sesinya kedaluwarsa. Masuk kembali untuk mengirim pekerjaan Anda; sampai saat itu pekerjaan Anda tetap tersimpan di komputer ini.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="284"/>
        <source>Your password was changed. Your sessions on other computers ended; this one stays signed in.</source>
        <translation>Kata sandi Anda telah diubah. Sesi Anda di komputer lain berakhir; komputer ini tetap masuk.</translation>
    </message>
</context>
<context>
    <name>MasterDialog</name>
    <message>
        <location filename="../../ui/related_dialogs.py" line="117"/>
        <source>Merge into another ticket</source>
        <translation>Gabungkan ke tiket lain</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="119"/>
        <source>This ticket becomes a duplicate of the ticket you choose and is archived; your claim on it ends. The citizen is answered with the master&apos;s family.</source>
        <translation>Tiket ini menjadi duplikat dari tiket yang Anda pilih dan diarsipkan; klaim Anda atasnya berakhir. Warga dijawab bersama kelompok tiket induk.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="123"/>
        <source>Mark as duplicate</source>
        <translation>Tandai sebagai duplikat</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="125"/>
        <source>This ticket becomes a duplicate of the ticket you choose; it stays open and is answered with the master&apos;s family. A duplicate chosen as master stands for its own master.</source>
        <translation>Tiket ini menjadi duplikat dari tiket yang Anda pilih; tiket tetap terbuka dan dijawab bersama kelompok tiket induk. Duplikat yang dipilih sebagai induk mewakili induknya sendiri.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="131"/>
        <source>Tickets to choose from</source>
        <translation>Tiket yang dapat dipilih</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="139"/>
        <source>No similar tickets were found in your cache: type the tracking number.</source>
        <translation>Tidak ada tiket serupa di cache Anda: ketik nomor tiketnya.</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="144"/>
        <source>Tracking number of the master ticket</source>
        <translation>Nomor tiket induk</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="151"/>
        <source>Or tracking number:</source>
        <translation>Atau nomor tiket:</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="165"/>
        <source>Choose the master ticket from the list or type its tracking number.</source>
        <translation>Pilih tiket induk dari daftar atau ketik nomor tiketnya.</translation>
    </message>
</context>
<context>
    <name>NewReport</name>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="117"/>
        <source>%1 could not be read: %2</source>
        <translation>%1 tidak dapat dibaca: %2</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="123"/>
        <source>%1 was not attached: only PDF, JPEG, PNG and TIFF scans are taken.</source>
        <translation>%1 tidak dilampirkan: hanya pindaian PDF, JPEG, PNG dan TIFF yang diterima.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="128"/>
        <source>%1 was not attached: it is not the %2 file its name says.</source>
        <translation>%1 tidak dilampirkan: isinya bukan berkas %2 seperti yang disebut namanya.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="132"/>
        <source>%1 was not attached: the file is empty.</source>
        <translation>%1 tidak dilampirkan: berkasnya kosong.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="134"/>
        <source>%1 was not attached: it is %2, and a scan may be at most %3.</source>
        <translation>%1 tidak dilampirkan: ukurannya %2, sedangkan satu pindaian paling besar %3.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="137"/>
        <source>%1 was not attached: a report may carry at most %2 scans.</source>
        <translation>%1 tidak dilampirkan: satu laporan paling banyak membawa %2 pindaian.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="141"/>
        <source>%1 was not attached: together the scans would be %2, and a report may carry at most %3.</source>
        <translation>%1 tidak dilampirkan: semua pindaian bersama menjadi %2, sedangkan satu laporan paling banyak %3.</translation>
    </message>
</context>
<context>
    <name>NewReportDialog</name>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="165"/>
        <source>New report</source>
        <translation>Laporan baru</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="167"/>
        <source>Record report</source>
        <translation>Catat laporan</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="170"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="173"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="174"/>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="178"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="184"/>
        <source>optional</source>
        <translation>opsional</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="185"/>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="189"/>
        <source>Subject</source>
        <translation>Perihal</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="192"/>
        <source>What the reporter said or wrote</source>
        <translation>Yang disampaikan atau ditulis pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="193"/>
        <source>What the reporter said or wrote, in their words where possible.</source>
        <translation>Yang disampaikan atau ditulis pelapor, sebisa mungkin dengan kata-katanya sendiri.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="196"/>
        <source>Reporter&apos;s name</source>
        <translation>Nama pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="197"/>
        <source>Reporter&apos;s contact</source>
        <translation>Kontak pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="198"/>
        <source>Phone number, address or e-mail</source>
        <translation>Nomor telepon, alamat atau surel</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="199"/>
        <source>&amp;Anonymous: the reporter&apos;s identity is not recorded</source>
        <translation>&amp;Anonim: identitas pelapor tidak dicatat</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="202"/>
        <source>&amp;Confidential: only the handling unit reads the content</source>
        <translation>&amp;Rahasia: hanya unit penangan yang membaca isinya</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="207"/>
        <location filename="../../ui/new_report_dialog.py" line="269"/>
        <source>Scanned documents</source>
        <translation>Dokumen pindaian</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="209"/>
        <source>Add &amp;scans…</source>
        <translation>Tambah &amp;pindaian…</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="212"/>
        <source>&amp;Remove</source>
        <translation>&amp;Hapus</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="216"/>
        <source>PDF, JPEG, PNG or TIFF; at most %1 each and %2 together.</source>
        <translation>PDF, JPEG, PNG atau TIFF; paling besar %1 per berkas dan %2 seluruhnya.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="243"/>
        <source>C&amp;hannel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="244"/>
        <source>&amp;Unit:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="245"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Jenis:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="246"/>
        <source>Ca&amp;tegory:</source>
        <translation>Ka&amp;tegori:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="247"/>
        <source>&amp;Priority:</source>
        <translation>P&amp;rioritas:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="248"/>
        <source>Su&amp;bject:</source>
        <translation>Peri&amp;hal:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="249"/>
        <source>Te&amp;xt:</source>
        <translation>Is&amp;i:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="250"/>
        <source>Report</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="254"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nama:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="255"/>
        <source>C&amp;ontact:</source>
        <translation>K&amp;ontak:</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="258"/>
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="307"/>
        <source>This computer does not know your units yet: sync first.</source>
        <translation>Komputer ini belum mengenal unit Anda: lakukan sinkronisasi dulu.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="315"/>
        <source>Add scans</source>
        <translation>Tambah pindaian</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="319"/>
        <source>Scans (%1)</source>
        <translation>Pindaian (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="319"/>
        <source>All files (*)</source>
        <translation>Semua berkas (*)</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="360"/>
        <source>Wait a moment: the form is still being filled.</source>
        <translation>Tunggu sebentar: formulir masih sedang diisi.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="362"/>
        <source>Wait until the chosen scans are read.</source>
        <translation>Tunggu sampai pindaian yang dipilih selesai dibaca.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="364"/>
        <source>Choose the unit that handles the report.</source>
        <translation>Pilih unit yang menangani laporan ini.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="366"/>
        <source>Give the report a subject.</source>
        <translation>Beri laporan ini perihal.</translation>
    </message>
    <message>
        <location filename="../../ui/new_report_dialog.py" line="368"/>
        <source>Write down what the reporter said or wrote.</source>
        <translation>Tuliskan yang disampaikan atau ditulis pelapor.</translation>
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
        <source>Ticket to link (tracking number, optional)</source>
        <translation>Tiket yang ditautkan (nomor tiket, opsional)</translation>
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
        <source>Link ticket</source>
        <translation>Tautkan tiket</translation>
    </message>
    <message>
        <location filename="../../ui/discussion_view.py" line="89"/>
        <source>You are not a member of any unit yet: sync first.</source>
        <translation>Anda belum menjadi anggota unit mana pun: lakukan sinkronisasi terlebih dahulu.</translation>
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
        <translation>%1 dikembalikan ke unit yang mendisposisikan laporan, ditandai &quot;Bukan wewenang&quot;, agar dapat diteruskan ke unit yang tepat. Klaim Anda atasnya berakhir.</translation>
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
        <source>Give the reason: the unit that receives the ticket back reads it.</source>
        <translation>Tuliskan alasannya: unit yang menerima kembali tiket akan membacanya.</translation>
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
        <translation>Server tidak dapat dihubungi, sehingga kata sandi tidak diubah. Coba lagi setelah tersambung.</translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <location filename="../../ui/labels.py" line="42"/>
        <source>Low</source>
        <translation>Rendah</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="43"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44"/>
        <source>High</source>
        <translation>Tinggi</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>Urgent</source>
        <translation>Mendesak</translation>
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
    <name>ReferDialog</name>
    <message>
        <location filename="../../ui/related_dialogs.py" line="296"/>
        <source>Refer to another unit</source>
        <translation>Minta masukan unit lain</translation>
    </message>
    <message>
        <location filename="../../ui/related_dialogs.py" line="301"/>
        <source>The unit sees your question with the report&apos;s subject and first message, not the ticket itself. The ticket stays with you; the answer arrives as an internal note.</source>
        <translation>Unit itu melihat pertanyaan Anda beserta perihal dan pesan pertama laporan, bukan tiketnya. Tiket tetap pada Anda; jawabannya datang sebagai catatan internal.</translation>
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
        <source>Other units ask your unit about their tickets here. Your answer becomes an internal note on their ticket, for the officer who asked.</source>
        <translation>Di sini unit lain bertanya kepada unit Anda tentang tiket mereka. Jawaban Anda menjadi catatan internal pada tiket mereka, untuk petugas yang bertanya.</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="62"/>
        <source>Referrals to your unit</source>
        <translation>Permintaan masukan untuk unit Anda</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="64"/>
        <source>Ticket</source>
        <translation>Tiket</translation>
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
        <source>Open ticket</source>
        <translation>Buka tiket</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="138"/>
        <source>(confidential)</source>
        <translation>(rahasia)</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="165"/>
        <location filename="../../ui/referrals_view.py" line="173"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="177"/>
        <source>Waiting for our answer</source>
        <translation>Menunggu jawaban kita</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="179"/>
        <source>Answer waiting to be sent</source>
        <translation>Jawaban menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="181"/>
        <source>Question waiting to be sent</source>
        <translation>Pertanyaan menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="182"/>
        <source>Answered by %1</source>
        <translation>Dijawab oleh %1</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="199"/>
        <source>Confidential reporter: only the handling unit sees the report.</source>
        <translation>Pelapor rahasia: hanya unit penangan yang melihat laporannya.</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="201"/>
        <source>Anonymous reporter</source>
        <translation>Pelapor anonim</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="203"/>
        <source>Reporter unknown</source>
        <translation>Pelapor tidak diketahui</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="204"/>
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="206"/>
        <source>The citizen wrote</source>
        <translation>Warga menulis</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="207"/>
        <source>Question from %1, %2</source>
        <translation>Pertanyaan dari %1, %2</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="211"/>
        <source>Answer from %1, %2</source>
        <translation>Jawaban dari %1, %2</translation>
    </message>
    <message>
        <location filename="../../ui/referrals_view.py" line="214"/>
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
        <source>Ticket</source>
        <translation>Tiket</translation>
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
        <source>Not linked to other tickets.</source>
        <translation>Tidak tertaut ke tiket lain.</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="150"/>
        <source>Duplicates</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="159"/>
        <location filename="../../ui/related_view.py" line="166"/>
        <source>Similar tickets</source>
        <translation>Tiket serupa</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="160"/>
        <source>Why</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="163"/>
        <source>Double-click a ticket to open it.</source>
        <translation>Klik dua kali tiket untuk membukanya.</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="165"/>
        <source>No similar tickets in your cache.</source>
        <translation>Tidak ada tiket serupa di cache Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="173"/>
        <source>Questions to other units</source>
        <translation>Pertanyaan ke unit lain</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="176"/>
        <source>No other unit was asked about this ticket.</source>
        <translation>Belum ada unit lain yang ditanya tentang tiket ini.</translation>
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
        <source>%1, this ticket</source>
        <translation>%1, tiket ini</translation>
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
        <translation>Menunggu dikirim pada sinkronisasi berikutnya</translation>
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
        <source>Claim the ticket to link, merge or answer its family.</source>
        <translation>Klaim tiket untuk menautkan, menggabungkan, atau menjawab kelompoknya.</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="333"/>
        <source>This ticket is a master: unlink its duplicates before linking it elsewhere.</source>
        <translation>Tiket ini adalah induk: lepaskan tautan duplikatnya sebelum menautkannya ke tiket lain.</translation>
    </message>
    <message>
        <location filename="../../ui/related_view.py" line="386"/>
        <source>The master of this ticket&apos;s family</source>
        <translation>Induk dari kelompok tiket ini</translation>
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
        <location filename="../../ui/labels.py" line="48"/>
        <source>Officer</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="49"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="50"/>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../settings.py" line="157"/>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="158"/>
        <source>Server address</source>
        <translation>Alamat server</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="159"/>
        <source>Officer login</source>
        <translation>Nama pengguna petugas</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="160"/>
        <source>Sync every (seconds)</source>
        <translation>Sinkronkan tiap (detik)</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="161"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="164"/>
        <source>Encrypt the local cache</source>
        <translation>Enkripsi salinan laporan di komputer ini</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="168"/>
        <source>Unit of this workstation</source>
        <translation>Unit komputer kerja ini</translation>
    </message>
    <message>
        <location filename="../../settings.py" line="170"/>
        <source>CA certificate of the server</source>
        <translation>Sertifikat CA server</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="42"/>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="47"/>
        <source>Automatic (system language)</source>
        <translation>Otomatis (bahasa sistem)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="54"/>
        <source>Follow the system</source>
        <translation>Ikuti sistem</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="55"/>
        <source>Light</source>
        <translation>Terang</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="56"/>
        <source>Dark</source>
        <translation>Gelap</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="61"/>
        <source> s</source>
        <translation> dtk</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="74"/>
        <source>A new language takes effect when Aduan is started again.</source>
        <translation>Bahasa baru berlaku setelah Aduan dijalankan ulang.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="87"/>
        <location filename="../../ui/settings_dialog.py" line="109"/>
        <source>Keyboard shortcuts</source>
        <translation>Pintasan papan ketik</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="100"/>
        <source>Set by your unit</source>
        <translation>Ditetapkan oleh unit Anda</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="110"/>
        <source>Command</source>
        <translation>Perintah</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="110"/>
        <source>Shortcut</source>
        <translation>Pintasan</translation>
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
        <location filename="../../ui/sign_in.py" line="171"/>
        <source>The server refused this login or password. Check them and try again.</source>
        <translation>Server menolak nama pengguna atau kata sandi ini. Periksa kembali lalu coba lagi.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="174"/>
        <source>The server cannot be reached. Check the address and your network connection. Working offline is possible once this computer has signed in successfully.</source>
        <translation>Server tidak dapat dihubungi. Periksa alamat dan koneksi jaringan Anda. Bekerja luring dapat dilakukan setelah komputer ini pernah berhasil masuk.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="179"/>
        <source>This is the address of a database, not of your unit&apos;s Aduan server. Officers sign in to the Aduan server: enter its address, which begins with https:// (for example https://aduan.unit.go.id:8443). Ask your admin for it if you do not know it.</source>
        <translation>Ini alamat basis data, bukan alamat server Aduan unit Anda. Petugas masuk ke server Aduan: isikan alamatnya, yang diawali https:// (misalnya https://aduan.unit.go.id:8443). Tanyakan kepada admin Anda jika belum mengetahuinya.</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="185"/>
        <source>The server address must not contain a password. Remove it from the address and type the password in the Password field: it is kept only in the system&apos;s keyring.</source>
        <translation>Alamat server tidak boleh memuat kata sandi. Hapus kata sandi dari alamat dan ketikkan di kolom Kata sandi: kata sandi hanya disimpan di penyimpanan kredensial sistem.</translation>
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
        <translation>Sesi Anda di server telah berakhir. Pekerjaan Anda tetap tersimpan di komputer ini.</translation>
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
        <translation>Sinkronisasi terakhir: %1</translation>
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
        <location filename="../../ui/ticket_dialogs.py" line="69"/>
        <source>Change status</source>
        <translation>Ubah status</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="71"/>
        <source>Now: %1. Change to:</source>
        <translation>Saat ini: %1. Ubah menjadi:</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="74"/>
        <source>New status</source>
        <translation>Status baru</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="89"/>
        <source>Choose the new status.</source>
        <translation>Pilih status baru.</translation>
    </message>
</context>
<context>
    <name>StealDialog</name>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="133"/>
        <source>Take over the ticket</source>
        <translation>Ambil alih tiket</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="135"/>
        <source>%1 holds this ticket. Taking it over ends their claim; they are told why.</source>
        <translation>Tiket ini dipegang %1. Mengambil alih akan mengakhiri klaimnya; ia akan diberi tahu alasannya.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="140"/>
        <source>Reason for taking over</source>
        <translation>Alasan pengambilalihan</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="150"/>
        <source>Give a reason of at least %1 characters.</source>
        <translation>Tuliskan alasan minimal %1 karakter.</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <location filename="../../ui/thread_view.py" line="75"/>
        <source>Conversation</source>
        <translation>Percakapan</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="98"/>
        <source>Link</source>
        <translation>Tautan</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="93"/>
        <source>Open this address outside Aduan?

%1</source>
        <translation>Buka alamat ini di luar Aduan?

%1</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="96"/>
        <source>This link is not opened from Aduan:

%1</source>
        <translation>Tautan ini tidak dibuka dari Aduan:

%1</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="133"/>
        <source>Attachments of the ticket</source>
        <translation>Lampiran tiket</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="138"/>
        <source>This report is confidential: its messages, notes and attachments are shown only to the members of the handling unit and the officers it was shared with. Ask the handling unit&apos;s supervisor if you need to read it.</source>
        <translation>Laporan ini rahasia: pesan, catatan, dan lampirannya hanya ditampilkan kepada anggota unit penangan dan petugas yang diberi akses ke laporan ini. Hubungi supervisor unit penangan jika Anda perlu membacanya.</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="144"/>
        <source>No messages yet.</source>
        <translation>Belum ada pesan.</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="171"/>
        <source>Citizen — %1, via %2</source>
        <translation>Pelapor — %1, via %2</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="176"/>
        <source>Reply by %1 — %2</source>
        <translation>Balasan oleh %1 — %2</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="188"/>
        <location filename="../../ui/thread_view.py" line="203"/>
        <source>queued</source>
        <translation>antre</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="189"/>
        <source>accepted by the server</source>
        <translation>diterima server</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="190"/>
        <source>waiting to be sent</source>
        <translation>menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="191"/>
        <source>sent</source>
        <translation>terkirim</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="192"/>
        <source>could not be sent</source>
        <translation>gagal dikirim</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="193"/>
        <source>may not have reached the citizen</source>
        <translation>mungkin belum sampai ke pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="194"/>
        <source>recorded, not sent by Aduan</source>
        <translation>dicatat, tidak dikirim oleh Aduan</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="195"/>
        <source>rejected</source>
        <translation>ditolak</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="196"/>
        <source>handed over</source>
        <translation>diserahkan</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="200"/>
        <source>Internal note by %1 — %2 (not sent to the citizen)</source>
        <translation>Catatan internal oleh %1 — %2 (tidak dikirim ke pelapor)</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="205"/>
        <source>added offline</source>
        <translation>ditambahkan luring</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="212"/>
        <source>a reply</source>
        <translation>balasan</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="213"/>
        <source>a status change</source>
        <translation>perubahan status</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="214"/>
        <source>a transfer</source>
        <translation>penerusan ke unit</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="217"/>
        <source>Handed over — %1 from %2 to %3, %4</source>
        <translation>Diserahkan — %1 dari %2 kepada %3, %4</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="220"/>
        <source>the next holder</source>
        <translation>pemegang berikutnya</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="234"/>
        <source>Attachment</source>
        <translation>Lampiran</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="234"/>
        <source>Save…</source>
        <translation>Simpan…</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="234"/>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="238"/>
        <source>risky file type: it could run a program; save it and have it checked</source>
        <translation>jenis berkas berisiko: dapat menjalankan program; simpan dan minta diperiksa</translation>
    </message>
    <message>
        <location filename="../../ui/thread_view.py" line="242"/>
        <source>save only: Aduan opens PDF, pictures, plain text and office documents without macros</source>
        <translation>hanya dapat disimpan: Aduan hanya membuka PDF, gambar, teks biasa, dan dokumen perkantoran tanpa makro</translation>
    </message>
</context>
<context>
    <name>TicketView</name>
    <message>
        <location filename="../../ui/ticket_view.py" line="137"/>
        <source>Conversation</source>
        <translation>Percakapan</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="138"/>
        <source>Related</source>
        <translation>Terkait</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="141"/>
        <source>History</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="196"/>
        <source>This ticket is no longer in your cache: it was transferred to a unit you do not see.</source>
        <translation>Tiket ini tidak lagi ada di cache Anda: tiket telah diteruskan ke unit yang tidak dapat Anda lihat.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="232"/>
        <location filename="../../ui/ticket_view.py" line="236"/>
        <source>Reporter unknown</source>
        <translation>Pelapor tidak diketahui</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="234"/>
        <source>Anonymous reporter</source>
        <translation>Pelapor anonim</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="238"/>
        <source>(confidential)</source>
        <translation>(dirahasiakan)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="240"/>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="241"/>
        <source>Unit: %1</source>
        <translation>Unit: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="243"/>
        <source>Priority: %1</source>
        <translation>Prioritas: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="244"/>
        <source>via %1</source>
        <translation>via %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="249"/>
        <source>Deadline %1 (%2)</source>
        <translation>Tenggat %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="259"/>
        <source>Verification</source>
        <translation>Verifikasi</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="260"/>
        <source>Follow-up</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="261"/>
        <source>Reporter&apos;s time</source>
        <translation>Waktu pelapor</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="262"/>
        <source>Resolution</source>
        <translation>Penyelesaian</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="267"/>
        <source>due %1</source>
        <translation>tenggat %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="268"/>
        <source>due soon, %1</source>
        <translation>segera jatuh tempo, %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="269"/>
        <source>overdue</source>
        <translation>terlambat</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="270"/>
        <source>paused</source>
        <translation>dijeda</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="271"/>
        <source>met</source>
        <translation>terpenuhi</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="272"/>
        <source>missed</source>
        <translation>terlewat</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="275"/>
        <source>overdue, supervisor told</source>
        <translation>terlambat, supervisor diberi tahu</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="277"/>
        <source>(%1 waited offline)</source>
        <translation>(%1 menunggu luring)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="282"/>
        <source>You let go of this ticket; the server is told at the next sync.</source>
        <translation>Anda melepaskan tiket ini; server diberi tahu pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="284"/>
        <source>You claimed this ticket; the server confirms it at the next sync.</source>
        <translation>Anda mengklaim tiket ini; server mengonfirmasinya pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="288"/>
        <source>You hold this ticket until %1</source>
        <translation>Anda memegang tiket ini sampai %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="289"/>
        <source>Your claim ran out at %1; nobody has taken the ticket since — claim it again</source>
        <translation>Klaim Anda habis pada %1; belum ada yang mengambil tiket ini — klaim lagi</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="295"/>
        <source>Held by %1 until %2</source>
        <translation>Dipegang %1 sampai %2</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="296"/>
        <source>Free — claim it</source>
        <translation>Bebas — Klaim</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="314"/>
        <source>Claim the ticket to send a reply; you can write a draft now.</source>
        <translation>Klaim tiket untuk mengirim balasan; Anda bisa menulis draf sekarang.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="418"/>
        <source>Save attachment</source>
        <translation>Simpan lampiran</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="432"/>
        <source>“%1” is not opened from Aduan: its content is not a PDF, a picture, plain text or an office document without macros, so opening it could run a program. Save it and have it checked.</source>
        <translation>“%1” tidak dibuka dari Aduan: isinya bukan PDF, gambar, teks biasa, atau dokumen perkantoran tanpa makro, sehingga membukanya dapat menjalankan program. Simpan berkas ini dan minta diperiksa.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="456"/>
        <source>Could not save the attachment: %1</source>
        <translation>Lampiran tidak dapat disimpan: %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="465"/>
        <source>This attachment is not available to you.</source>
        <translation>Lampiran ini tidak tersedia untuk Anda.</translation>
    </message>
</context>
<context>
    <name>Time</name>
    <message>
        <location filename="../../ui/labels.py" line="112"/>
        <source>%1 d %2 h</source>
        <translation>%1 hr %2 jam</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="114"/>
        <source>%1 h %2 min</source>
        <translation>%1 jam %2 mnt</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="116"/>
        <source>%1 min</source>
        <translation>%1 mnt</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="118"/>
        <source>overdue %1</source>
        <translation>terlambat %1</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="97"/>
        <source>Transfer to another unit</source>
        <translation>Teruskan ke unit lain</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="101"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="102"/>
        <source>Choose a unit…</source>
        <translation>Pilih unit…</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="108"/>
        <source>Reason for the transfer</source>
        <translation>Alasan penerusan</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="111"/>
        <source>Unit:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="112"/>
        <source>Reason:</source>
        <translation>Alasan:</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="122"/>
        <source>Choose the unit that should handle this ticket.</source>
        <translation>Pilih unit yang semestinya menangani tiket ini.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialogs.py" line="124"/>
        <source>Give the reason for the transfer: the receiving unit reads it.</source>
        <translation>Tuliskan alasan penerusan: unit penerima akan membacanya.</translation>
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
        <translation>Versi Aduan ini (%1) tidak lagi diterima server. Pasang versi %2 dari %3.</translation>
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
</TS>
