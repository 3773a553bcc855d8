"""Writes the malformed e-mail corpus beside this file: `python tests/data/mail/generate.py`.

The .eml files are committed; this script says how each was made and why it is interesting. Bytes are
written as given (8-bit headers, wrong charsets, CRLF or LF), never through an e-mail library that would
repair them.
"""

from __future__ import annotations

import base64
from pathlib import Path

HERE = Path(__file__).resolve().parent
MZ = base64.b64encode(b"MZ\x90\x00\x03" + bytes(60)).decode()

CORPUS: dict[str, bytes] = {}


def mail(name: str, text: str, encoding: str = "utf-8", crlf: bool = False) -> None:
    data = text.lstrip("\n").encode(encoding, "surrogateescape")
    CORPUS[name] = data.replace(b"\n", b"\r\n") if crlf else data


def raw(name: str, data: bytes) -> None:
    CORPUS[name] = data


mail(
    "01-plain-utf8.eml",
    """
From: Siti Aminah <siti.aminah@example.id>
To: pengaduan@kota.go.id
Subject: Jalan rusak di Jl. Merdeka
Date: Mon, 02 Mar 2026 09:15:00 +0700
Message-ID: <CAF1234.plain@mail.example.id>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Selamat pagi, jalan di depan rumah saya rusak parah sejak bulan lalu.
""",
    crlf=True,
)

raw(
    "02-iso-8859-1-indonesian.eml",
    b"From: =?iso-8859-1?q?Andr=E9_Wijaya?= <andre@example.id>\n"
    b"Subject: =?iso-8859-1?q?Keluhan_caf=E9_di_pasar?=\n"
    b"Date: Tue, 3 Mar 2026 10:00:00 +0800\n"
    b"Message-ID: <latin1.0002@example.id>\n"
    b"MIME-Version: 1.0\n"
    b"Content-Type: text/plain; charset=iso-8859-1\n"
    b"Content-Transfer-Encoding: 8bit\n\n"
    + "Pemilik café itu membuang sampah sembarangan. Terima kasih, André.\n".encode("latin-1"),
)

raw(
    "03-windows-1252-smart-quotes.eml",
    b"From: Budi <budi@example.id>\n"
    b"Subject: Pelayanan KTP\n"
    b"Date: Wed, 4 Mar 2026 08:30:00 +0700\n"
    b"Message-ID: <cp1252.0003@example.id>\n"
    b"Content-Type: text/plain; charset=windows-1252\n"
    b"Content-Transfer-Encoding: quoted-printable\n\n"
    b"Petugas bilang =93besok saja=94 =96 sudah tiga kali. Biaya =80 10?\n",
)

raw(
    "04-latin1-declared-but-cp1252.eml",
    b"From: Dewi <dewi@example.id>\n"
    b"Subject: Antrean puskesmas\n"
    b"Message-ID: <mislabel.0004@example.id>\n"
    b"Content-Type: text/plain; charset=iso-8859-1\n\n"
    b"Antrean \x93terlalu panjang\x94 \x96 mohon ditindaklanjuti.\n",
)

raw(
    "05-missing-charset-8bit-utf8.eml",
    b"From: Rina <rina@example.id>\n"
    b"Subject: Air PDAM mati\n"
    b"Message-ID: <nocharset.0005@example.id>\n"
    b"Content-Type: text/plain\n\n" + "Air mati tiga hari – tolong segera dibantu. Rp 50.000 ₹\n".encode(),
)

raw(
    "06-wrong-charset-utf8-labelled-latin1-bytes.eml",
    b"From: Yusuf <yusuf@example.id>\n"
    b"Subject: Lampu jalan\n"
    b"Message-ID: <wrongcharset.0006@example.id>\n"
    b"Content-Type: text/plain; charset=utf-8\n\n"
    b"Lampu di gang \xe9lite mati. Tr\xe8s sombre.\n",
)

raw(
    "07-unknown-charset.eml",
    b"From: Agus <agus@example.id>\n"
    b"Subject: =?x-klingon?q?Sampah_=E9?=\n"
    b"Message-ID: <unknowncharset.0007@example.id>\n"
    b"Content-Type: text/plain; charset=x-klingon\n\n"
    b"Sampah menumpuk di pasar. Caf\xe9.\n",
)

raw(
    "08-8bit-raw-headers.eml",
    "From: Ngurah Rai Śantika <ngurah@example.id>\n"
    "Subject: Keluhan – bau limbah pabrik\n"
    "Message-ID: <8bitheaders.0008@example.id>\n"
    "Content-Type: text/plain; charset=utf-8\n\n"
    "Limbahnya berbau.\n".encode()
    + b"",
)

raw(
    "09-8bit-latin1-subject.eml",
    b"From: Putu <putu@example.id>\n"
    b"Subject: Pengaduan caf\xe9 liar\n"
    b"Message-ID: <8bitlatin1.0009@example.id>\n"
    b"Content-Type: text/plain; charset=iso-8859-1\n\n"
    b"Caf\xe9 liar di trotoar.\n",
)

mail(
    "10-broken-boundary.eml",
    """
From: Hendra <hendra@example.id>
Subject: Lampiran foto
Message-ID: <brokenboundary.0010@example.id>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="AAA"

--AAA
Content-Type: text/plain; charset=utf-8

Foto terlampir.
--AAA
Content-Type: image/jpeg; name="foto.jpg"
Content-Disposition: attachment; filename="foto.jpg"
Content-Transfer-Encoding: base64

/9j/4AAQSkZJRgABAQ==
""",
)

mail(
    "11-missing-start-boundary.eml",
    """
From: Lina <lina@example.id>
Subject: Tanpa batas
Message-ID: <nostartboundary.0011@example.id>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="NEVER-USED"

Isi pesan ini tidak pernah dibungkus batas MIME.
""",
)

mail(
    "12-nested-multiparts.eml",
    f"""
From: Joko <joko@example.id>
Subject: Re: [ADU-2026-000123] Tindak lanjut
Message-ID: <nested.0012@example.id>
In-Reply-To: <reply-to-us@kota.go.id>
References: <first@kota.go.id>
 <reply-to-us@kota.go.id>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8

Ini tanggapan saya.
--alt
Content-Type: multipart/related; boundary="rel"

--rel
Content-Type: text/html; charset=utf-8

<p>Ini <b>tanggapan</b> saya.</p><img src="cid:logo">
--rel
Content-Type: image/png
Content-ID: <logo>
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--rel--
--alt--
--outer
Content-Type: application/octet-stream; name="setup.exe"
Content-Disposition: attachment; filename="setup.exe"
Content-Transfer-Encoding: base64

{MZ}
--outer
Content-Type: application/vnd.ms-excel.sheet.macroEnabled.12
Content-Disposition: attachment; filename="laporan.xlsm"
Content-Transfer-Encoding: base64

UEsDBA==
--outer
Content-Type: application/pdf
Content-Disposition: attachment; filename="surat.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--outer--
""",
)

mail(
    "13-forwarded-rfc822.eml",
    """
From: Kepala Desa <kades@desa.example.id>
Subject: Fwd: Keluhan warga
Message-ID: <forward.0013@desa.example.id>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="fwd"

--fwd
Content-Type: text/plain; charset=utf-8

Mohon ditindaklanjuti keluhan warga berikut.
--fwd
Content-Type: message/rfc822

From: Warga <warga@example.id>
Subject: Jembatan putus
Message-ID: <inner.0013@example.id>
Content-Type: text/plain; charset=utf-8

Jembatan di dusun kami putus.
--fwd--
""",
)

mail(
    "14-empty-body.eml",
    """
From: Kosong <kosong@example.id>
Subject: (kosong)
Message-ID: <empty.0014@example.id>
Content-Type: text/plain; charset=utf-8

""",
)

mail(
    "15-html-only.eml",
    """
From: Web Form <noreply@form.example.id>
Reply-To: Wati Susanti <wati@example.id>
Subject: Formulir pengaduan
Message-ID: <htmlonly.0015@form.example.id>
Content-Type: text/html; charset=utf-8

<html><head><title>Form</title><style>p {color: red}</style></head><body>
<p>Nama: Wati&nbsp;Susanti</p><p>Isi: Jalan &amp; selokan rusak &lt;parah&gt;</p>
<script>alert(1)</script></body></html>
""",
)

mail(
    "16-auto-reply.eml",
    """
From: Siti Aminah <siti.aminah@example.id>
Subject: Out of office: Tanggapan pengaduan
Message-ID: <ooo.0016@example.id>
Auto-Submitted: auto-replied
X-Autoreply: yes
Content-Type: text/plain; charset=utf-8

Saya sedang cuti sampai 10 Maret.
""",
)

mail(
    "17-bounce-delivery-status.eml",
    """
From: Mail Delivery System <MAILER-DAEMON@mx.kota.go.id>
Return-Path: <>
Subject: Undelivered Mail Returned to Sender
Message-ID: <bounce.0017@mx.kota.go.id>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="rep"

--rep
Content-Type: text/plain; charset=us-ascii

The mail could not be delivered.
--rep
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.kota.go.id
Final-Recipient: rfc822; nobody@example.id
Action: failed
Status: 5.1.1
--rep
Content-Type: text/rfc822-headers

From: pengaduan@kota.go.id
Subject: Tanggapan
--rep--
""",
)

mail(
    "18-list-mail.eml",
    """
From: Buletin Kota <buletin@kota.go.id>
Subject: Buletin Maret
Message-ID: <list.0018@kota.go.id>
List-Id: Buletin <buletin.kota.go.id>
List-Unsubscribe: <mailto:unsubscribe@kota.go.id>
Precedence: list
Content-Type: text/plain; charset=utf-8

Berita bulan ini.
""",
)

mail(
    "19-missing-message-id.eml",
    """
From: Tanpa Id <tanpaid@example.id>
Subject: Tidak ada Message-ID
Date: Thu, 5 Mar 2026 11:00:00 +0000
Content-Type: text/plain; charset=utf-8

Pesan tanpa Message-ID.
""",
)

mail(
    "20-duplicate-headers.eml",
    """
From: Pertama <pertama@example.id>
From: Kedua <kedua@example.id>
Subject: Subjek pertama
Subject: Subjek kedua
Date: Fri, 6 Mar 2026 12:00:00 +0700
Date: Sat, 7 Mar 2026 12:00:00 +0700
Message-ID: <dup.0020a@example.id>
Message-ID: <dup.0020b@example.id>
Content-Type: text/plain; charset=utf-8

Header ganda.
""",
)

mail(
    "21-garbled-date.eml",
    """
From: Tanggal <tanggal@example.id>
Subject: Tanggal rusak
Date: kemarin sore sekitar jam lima
Message-ID: <garbleddate.0021@example.id>
Content-Type: text/plain; charset=utf-8

Tanggalnya tidak bisa dibaca.
""",
)

raw(
    "22-nul-bytes-and-control.eml",
    b"From: Nul <nul@example.id>\n"
    b"Subject: Ada\x00 NUL\x07\n"
    b"Message-ID: <nul.0022@example.id>\n"
    b"Content-Type: text/plain; charset=utf-8\n\n"
    b"Teks\x00 dengan\x01 karakter kontrol\x1b.\n",
)

raw(
    "23-invalid-utf8-body-base64.eml",
    b"From: Biner <biner@example.id>\n"
    b"Subject: =?utf-8?b?SmFsYW4gcnVzYWsg4oCT?= =?utf-8?b?!!broken!!?=\n"
    b"Message-ID: <invalidutf8.0023@example.id>\n"
    b"Content-Type: text/plain; charset=utf-8\n"
    b"Content-Transfer-Encoding: base64\n\n"
    + base64.encodebytes("Jalan rusak – ".encode() + b"\xff\xfe tolong")
    + b"!!!not base64 at all###\n",
)

mail(
    "24-attachment-names-hostile.eml",
    """
From: Nama <nama@example.id>
Subject: Lampiran bernama aneh
Message-ID: <names.0024@example.id>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="n"

--n
Content-Type: text/plain; charset=utf-8

Lihat lampiran.
--n
Content-Type: application/octet-stream
Content-Disposition: attachment; filename="..\\\\..\\\\Windows\\\\faktur.pdf.scr"

aGVsbG8=
--n
Content-Type: text/plain; charset=utf-8
Content-Disposition: attachment; filename*=utf-8''catatan%20r%C3%A9sum%C3%A9.txt

Catatan.
--n
Content-Type: application/pdf
Content-Disposition: attachment

JVBERi0=
--n--
""",
)

mail(
    "25-reply-with-tracking-in-subject.eml",
    """
From: "Siti Aminah" <siti.aminah@example.id>
Subject: Re: Tanggapan atas pengaduan adu-2026-000777 (mohon dibaca)
Message-ID: siti.bare.0025@example.id
In-Reply-To: <out.0001@kota.go.id> (sent by Aduan)
Date: Sun, 8 Mar 2026 23:30:00 -0300
Content-Type: text/plain; charset=utf-8

Terima kasih atas tanggapannya.
""",
)

mail(
    "26-read-receipt.eml",
    """
From: Siti Aminah <siti.aminah@example.id>
Subject: Read: Tanggapan
Message-ID: <mdn.0026@example.id>
Content-Type: multipart/report; report-type=disposition-notification; boundary="mdn"

--mdn
Content-Type: text/plain

Your message was read.
--mdn
Content-Type: message/disposition-notification

Final-Recipient: rfc822; siti.aminah@example.id
Disposition: manual-action/MDN-sent-manually; displayed
--mdn--
""",
)

mail(
    "27-apple-split-body.eml",
    """
From: Mac <mac@example.id>
Subject: Teks terpisah
Message-ID: <split.0027@example.id>
Content-Type: multipart/mixed; boundary="s"

--s
Content-Type: text/plain; charset=utf-8

Bagian pertama.
--s
Content-Type: image/jpeg
Content-Disposition: inline
Content-Transfer-Encoding: base64

/9j/4AAQ
--s
Content-Type: text/plain; charset=utf-8

Bagian kedua.
--s--
""",
)


def main() -> None:
    for name, data in CORPUS.items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(CORPUS)} files to {HERE}")


if __name__ == "__main__":
    main()
