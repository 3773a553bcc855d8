<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>InboxModel</name>
    <message>
        <location filename="../../desktop/ui/inbox_model.py" line="81"/>
        <source>free</source>
        <translation>bebas</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/inbox_model.py" line="35"/>
        <source>Tracking no.</source>
        <translation>No. tiket</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/inbox_model.py" line="36"/>
        <source>Subject</source>
        <translation>Perihal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/inbox_model.py" line="37"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/inbox_model.py" line="38"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/inbox_model.py" line="39"/>
        <source>Held by</source>
        <translation>Dipegang oleh</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/inbox_model.py" line="40"/>
        <source>Lease until</source>
        <translation>Klaim sampai</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/inbox_model.py" line="41"/>
        <source>Deadline</source>
        <translation>Tenggat</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="28"/>
        <source>Demo workspace: sample data on this computer only. To work on your unit&apos;s server, start Aduan with --db or set ADUAN_DB.</source>
        <translation>Ruang kerja demo: data contoh hanya di komputer ini. Untuk bekerja di server unit Anda, jalankan Aduan dengan --db atau atur ADUAN_DB.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="40"/>
        <source>Inbox</source>
        <translation>Kotak masuk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="60"/>
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="64"/>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="75"/>
        <source>Could not load the inbox: %1</source>
        <translation>Kotak masuk tidak dapat dimuat: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="80"/>
        <source>%n open ticket(s) shown, nearest deadline first</source>
        <translation>
            <numerusform>%n tiket terbuka ditampilkan, tenggat terdekat lebih dulu</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../desktop/ui/labels.py" line="10"/>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/labels.py" line="11"/>
        <source>Verified</source>
        <translation>Diverifikasi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/labels.py" line="12"/>
        <source>In follow-up</source>
        <translation>Ditindaklanjuti</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/labels.py" line="13"/>
        <source>Waiting for reporter</source>
        <translation>Menunggu tanggapan pelapor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/labels.py" line="14"/>
        <source>Finished</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/labels.py" line="15"/>
        <source>On hold</source>
        <translation>Ditunda</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/labels.py" line="16"/>
        <source>Not our authority</source>
        <translation>Bukan wewenang</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/labels.py" line="17"/>
        <source>Archived</source>
        <translation>Diarsipkan</translation>
    </message>
</context>
</TS>
