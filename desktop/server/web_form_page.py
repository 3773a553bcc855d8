"""The pages of the public web form, as HTML the server writes: no JavaScript, one small inline stylesheet, big
inputs and a viewport for phones. Indonesian by default, English on request (``language``).

Everything that came from outside — what the citizen typed, a unit's name, an answer an officer wrote — goes
through ``esc`` before it is written into a page.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..domain.scans import FORMAT_NAMES, MAX_REPORT_SCAN_BYTES, MAX_SCAN_BYTES, MAX_SCANS, MIB
from ..domain.status import INDONESIAN_NAMES, Status
from ..domain.vocabulary import Kind
from ..store.web_form import PublicStatus

LANGUAGES = ("id", "en")

# The status words as the app shows them (the Indonesian of ui/labels.py in aduan_id.ts, and its English).
STATUS_WORDS: dict[str, dict[Status, str]] = {
    "id": INDONESIAN_NAMES,
    "en": {
        Status.DITERIMA: "Received",
        Status.DIVERIFIKASI: "Verified",
        Status.DITINDAKLANJUTI: "In follow-up",
        Status.MENUNGGU_PELAPOR: "Waiting for reporter",
        Status.SELESAI: "Finished",
        Status.DITUNDA: "On hold",
        Status.BUKAN_WEWENANG: "Not our authority",
        Status.DIARSIPKAN: "Archived",
    },
}
KIND_WORDS: dict[str, dict[Kind, str]] = {
    "id": {Kind.PENGADUAN: "Pengaduan", Kind.ASPIRASI: "Aspirasi", Kind.PERMINTAAN_INFORMASI: "Permintaan informasi"},
    "en": {Kind.PENGADUAN: "Complaint", Kind.ASPIRASI: "Aspiration", Kind.PERMINTAAN_INFORMASI: "Information request"},
}
_FORMATS = ", ".join(FORMAT_NAMES.values())

TEXTS: dict[str, dict[str, str]] = {
    "id": {
        "title": "Sampaikan laporan",
        "intro": "Sampaikan pengaduan, aspirasi atau permintaan informasi Anda. Kolom bertanda * wajib diisi.",
        "unit": "Unit tujuan *",
        "kind": "Jenis laporan *",
        "subject": "Perihal *",
        "text": "Isi laporan *",
        "text_hint": "Ceritakan apa yang terjadi, di mana dan kapan.",
        "name": "Nama *",
        "contact": "E-mail atau nomor telepon *",
        "contact_hint": "Untuk menghubungi Anda tentang laporan ini.",
        "anonymous": "Kirim secara anonim",
        "anonymous_means": "Nama dan kontak Anda tidak dicatat: petugas tidak tahu siapa Anda dan tidak dapat "
        "menghubungi Anda; ikuti laporan melalui tautan status.",
        "confidential": "Rahasiakan isi laporan",
        "confidential_means": "Isi laporan hanya dapat dibaca oleh unit yang menanganinya.",
        "files": "Lampiran (boleh dikosongkan)",
        "files_hint": f"{_FORMATS}; paling banyak {MAX_SCANS} berkas, {MAX_SCAN_BYTES // MIB} MiB per berkas, "
        f"{MAX_REPORT_SCAN_BYTES // MIB} MiB seluruhnya.",
        "honeypot": "Jangan isi kolom ini",
        "send": "Kirim laporan",
        "errors": "Laporan belum terkirim. Periksa bagian yang ditandai; isian Anda tetap tersimpan di bawah.",
        "files_again": "Pilih kembali lampiran Anda: peramban tidak menyimpannya.",
        "required": "Wajib diisi.",
        "too_long": "Terlalu panjang: paling banyak {limit} karakter.",
        "bad_contact": "Tulis alamat e-mail (nama@contoh.id) atau nomor telepon (08… atau +62…).",
        "bad_unit": "Pilih unit dari daftar.",
        "bad_kind": "Pilih jenis laporan dari daftar.",
        "file_type": "{name}: hanya berkas " + _FORMATS + " yang dapat dilampirkan.",
        "file_content": "{name}: isi berkas tidak sesuai dengan jenis pada namanya.",
        "file_empty": "{name}: berkas kosong.",
        "file_large": "{name} berukuran {size}; satu berkas paling besar {limit}.",
        "file_many": "Paling banyak {limit} lampiran.",
        "file_much": "Seluruh lampiran {size}; paling banyak {limit}.",
        "token_fast": "Formulir terkirim terlalu cepat. Periksa isian Anda, lalu kirim lagi.",
        "token_old": "Formulir ini sudah kedaluwarsa. Periksa isian Anda, lalu kirim lagi.",
        "refused": "Formulir tidak dapat diterima. Periksa isian Anda, lalu kirim lagi.",
        "later": "Terlalu banyak laporan diterima saat ini. Silakan coba lagi nanti; isian Anda tetap ada di bawah.",
        "done_title": "Laporan Anda telah diterima",
        "done_again": "Formulir ini sudah pernah terkirim; laporan Anda tercatat satu kali.",
        "number": "Nomor laporan",
        "keep_number": "Simpan nomor ini dan sebutkan bila menghubungi kami tentang laporan ini.",
        "link": "Tautan status pribadi",
        "keep_link": "Simpan tautan ini: siapa pun yang memilikinya dapat melihat status laporan Anda. "
        "Tautan ini tidak ditampilkan lagi.",
        "status_title": "Status laporan",
        "status": "Status",
        "received": "Diterima pada",
        "answer": "Tanggapan terakhir",
        "no_answer": "Belum ada tanggapan.",
        "not_found_title": "Tidak ditemukan",
        "not_found": "Halaman yang Anda cari tidak ada. Periksa kembali tautan status Anda.",
        "busy_title": "Coba lagi nanti",
        "busy": "Terlalu banyak permintaan saat ini. Silakan coba lagi beberapa saat lagi.",
        "large_title": "Kiriman terlalu besar",
        "large": f"Seluruh kiriman paling besar {MAX_REPORT_SCAN_BYTES // MIB} MiB. Kurangi lampiran, lalu isi "
        "formulir lagi.",
        "slow_title": "Kiriman terputus",
        "slow": "Kiriman tidak tiba utuh. Silakan isi formulir lagi.",
        "closed_title": "Formulir belum dibuka",
        "closed": "Belum ada unit yang menerima laporan melalui formulir ini.",
        "back": "Kembali ke formulir",
        "language": "English",
    },
    "en": {
        "title": "Send a report",
        "intro": "Send your complaint, aspiration or request for information. Fields marked * are required.",
        "unit": "Unit *",
        "kind": "Kind of report *",
        "subject": "Subject *",
        "text": "Your report *",
        "text_hint": "Tell what happened, where and when.",
        "name": "Name *",
        "contact": "E-mail or phone number *",
        "contact_hint": "So that we can contact you about this report.",
        "anonymous": "Send anonymously",
        "anonymous_means": "Your name and contact are not recorded: officers do not know who you are and cannot "
        "contact you; follow the report through its status link.",
        "confidential": "Keep the report confidential",
        "confidential_means": "Only the unit handling the report can read its content.",
        "files": "Attachments (optional)",
        "files_hint": f"{_FORMATS}; at most {MAX_SCANS} files, {MAX_SCAN_BYTES // MIB} MiB each, "
        f"{MAX_REPORT_SCAN_BYTES // MIB} MiB in all.",
        "honeypot": "Leave this field empty",
        "send": "Send report",
        "errors": "The report was not sent yet. Check the marked fields; what you typed is kept below.",
        "files_again": "Choose your attachments again: the browser does not keep them.",
        "required": "Required.",
        "too_long": "Too long: at most {limit} characters.",
        "bad_contact": "Write an e-mail address (name@example.id) or a phone number (08… or +62…).",
        "bad_unit": "Choose a unit from the list.",
        "bad_kind": "Choose a kind of report from the list.",
        "file_type": "{name}: only " + _FORMATS + " files can be attached.",
        "file_content": "{name}: the file's content is not the type its name says.",
        "file_empty": "{name}: the file is empty.",
        "file_large": "{name} is {size}; a file may be at most {limit}.",
        "file_many": "At most {limit} attachments.",
        "file_much": "The attachments are {size} together; at most {limit}.",
        "token_fast": "The form was sent too quickly. Check what you typed, then send it again.",
        "token_old": "This form has expired. Check what you typed, then send it again.",
        "refused": "The form could not be accepted. Check what you typed, then send it again.",
        "later": "Too many reports are arriving right now. Please try again later; what you typed is kept below.",
        "done_title": "Your report was received",
        "done_again": "This form had been sent before; your report is recorded once.",
        "number": "Report number",
        "keep_number": "Keep this number and mention it when you contact us about this report.",
        "link": "Private status link",
        "keep_link": "Keep this link: anyone who has it can see the status of your report. It is not shown again.",
        "status_title": "Report status",
        "status": "Status",
        "received": "Received on",
        "answer": "Latest answer",
        "no_answer": "No answer yet.",
        "not_found_title": "Not found",
        "not_found": "The page you asked for does not exist. Check your status link.",
        "busy_title": "Try again later",
        "busy": "Too many requests right now. Please try again in a moment.",
        "large_title": "Too large",
        "large": f"Everything sent may be at most {MAX_REPORT_SCAN_BYTES // MIB} MiB. Attach less, then fill in the "
        "form again.",
        "slow_title": "Sending was cut off",
        "slow": "What you sent did not arrive whole. Please fill in the form again.",
        "closed_title": "The form is not open yet",
        "closed": "No unit takes reports through this form yet.",
        "back": "Back to the form",
        "language": "Bahasa Indonesia",
    },
}

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6f8;color:#1b1f23;
font-size:18px;line-height:1.5}
main{max-width:40rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh;box-sizing:border-box}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
label{display:block;font-weight:600;margin-top:1rem}
input[type=text],input[type=email],select,textarea{display:block;width:100%;box-sizing:border-box;font-size:1.1rem;
padding:.7rem;margin-top:.3rem;border:2px solid #8a949e;border-radius:6px;background:#fff}
textarea{min-height:10rem}
input[type=file]{display:block;margin-top:.3rem;font-size:1rem}
.check{display:flex;gap:.6rem;align-items:flex-start;margin-top:1rem;font-weight:600}
.check input{width:1.6rem;height:1.6rem;flex:none;margin-top:.1rem}
.hint{font-weight:400;color:#4a535c;font-size:.95rem;margin:.2rem 0 0}
.error{color:#a4161a;font-weight:600;margin:.3rem 0 0}
.banner{border:2px solid #a4161a;background:#fdecec;padding:.8rem;border-radius:6px}
.ok{border:2px solid #2b7a3d;background:#eaf6ec;padding:.8rem;border-radius:6px}
.number{font-size:1.6rem;font-weight:700;letter-spacing:.05em}
.pot{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
button{display:block;width:100%;font-size:1.2rem;font-weight:700;padding:.9rem;margin:1.5rem 0;border:0;
border-radius:6px;background:#0b5cad;color:#fff}
.answer{white-space:pre-wrap;border-left:4px solid #8a949e;padding-left:.8rem}
a{color:#0b5cad;word-break:break-all}
"""


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def language(asked: str | None, accept_language: str | None) -> str:
    """``id`` unless English is asked for: ``?lang=en``, or an Accept-Language that prefers it to Indonesian."""
    if asked in LANGUAGES:
        return asked
    best: dict[str, float] = {}
    for part in (accept_language or "").split(",")[:20]:
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGUAGES:
            continue
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        best[primary] = max(best.get(primary, 0.0), weight)
    return "en" if best.get("en", 0.0) > best.get("id", 0.0) else "id"


@dataclass(frozen=True, slots=True)
class FormValues:
    """What the citizen typed (kept when the form is shown again)."""

    unit: str = ""
    kind: str = Kind.PENGADUAN.value
    subject: str = ""
    text: str = ""
    name: str = ""
    contact: str = ""
    anonymous: bool = False
    confidential: bool = False


def page(lang: str, title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="robots" content="noindex"><title>{esc(title)}</title><style>{STYLE}</style></head>'
        f"<body><main>{body}</main></body></html>"
    )


def form_page(
    lang: str,
    units: Sequence[tuple[str, str]],
    values: FormValues,
    token: str,
    errors: Mapping[str, str] | None = None,
    banner: str | None = None,
) -> str:
    """The form; ``errors`` per field (and ``banner`` above) when it is shown again."""
    t = TEXTS[lang]
    errors = errors or {}
    other = "en" if lang == "id" else "id"

    def error(field: str) -> str:
        return f'<p class="error" id="{field}-error">{esc(errors[field])}</p>' if field in errors else ""

    def described(field: str, hint: bool = False) -> str:
        ids = ([f"{field}-hint"] if hint else []) + ([f"{field}-error"] if field in errors else [])
        return f' aria-describedby="{" ".join(ids)}"' if ids else ""

    def text_input(field: str, kind: str = "text", maxlength: int = 300, hint: bool = False) -> str:
        hint_html = f'<p class="hint" id="{field}-hint">{esc(t[field + "_hint"])}</p>' if hint else ""
        return (
            f'<label for="{field}">{esc(t[field])}</label>{hint_html}'
            f'<input type="{kind}" id="{field}" name="{field}" value="{esc(getattr(values, field))}" '
            f'maxlength="{maxlength}"{described(field, hint)}>{error(field)}'
        )

    unit_options = "".join(
        f'<option value="{esc(code)}"{" selected" if code == values.unit else ""}>{esc(name)}</option>'
        for code, name in units
    )
    kind_options = "".join(
        f'<option value="{esc(kind.value)}"{" selected" if kind.value == values.kind else ""}>{esc(word)}</option>'
        for kind, word in KIND_WORDS[lang].items()
    )
    top = ""
    if banner or errors:
        top = f'<p class="banner" role="alert" id="banner">{esc(banner or t["errors"])}</p>'

    def checkbox(field: str, checked: bool) -> str:
        return (
            f'<label class="check"><input type="checkbox" id="{field}" name="{field}" value="1"'
            f'{" checked" if checked else ""} aria-describedby="{field}-means"><span>{esc(t[field])}'
            f'<span class="hint" id="{field}-means" style="display:block">{esc(t[field + "_means"])}</span></span>'
            "</label>"
        )

    body = (
        f'<p><a href="/lapor?lang={other}" hreflang="{other}">{esc(t["language"])}</a></p>'
        f"<h1>{esc(t['title'])}</h1><p>{esc(t['intro'])}</p>{top}"
        f'<form method="post" action="/lapor" enctype="multipart/form-data" accept-charset="utf-8">'
        f'<input type="hidden" name="token" value="{esc(token)}">'
        f'<input type="hidden" name="lang" value="{esc(lang)}">'
        f'<label for="unit">{esc(t["unit"])}</label><select id="unit" name="unit"{described("unit")}>'
        f"{unit_options}</select>{error('unit')}"
        f'<label for="kind">{esc(t["kind"])}</label><select id="kind" name="kind"{described("kind")}>'
        f"{kind_options}</select>{error('kind')}"
        f"{text_input('subject')}"
        f'<label for="text">{esc(t["text"])}</label><p class="hint" id="text-hint">{esc(t["text_hint"])}</p>'
        f'<textarea id="text" name="text" rows="8"{described("text", True)}>{esc(values.text)}</textarea>'
        f"{error('text')}"
        f"{checkbox('anonymous', values.anonymous)}"
        f"{text_input('name', maxlength=200)}"
        f"{text_input('contact', maxlength=320, hint=True)}"
        f"{checkbox('confidential', values.confidential)}"
        f'<label for="files">{esc(t["files"])}</label><p class="hint" id="files-hint">{esc(t["files_hint"])}</p>'
        f'<input type="file" id="files" name="files" multiple accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff"'
        f"{described('files', True)}>{error('files')}"
        f'<div class="pot" aria-hidden="true"><label for="website">{esc(t["honeypot"])}</label>'
        '<input type="text" id="website" name="website" value="" tabindex="-1" autocomplete="off"></div>'
        f'<button type="submit">{esc(t["send"])}</button></form>'
    )
    return page(lang, t["title"], body)


def done_page(lang: str, tracking_no: str, link: str, new: bool) -> str:
    t = TEXTS[lang]
    again = "" if new else f"<p>{esc(t['done_again'])}</p>"
    body = (
        f'<h1>{esc(t["done_title"])}</h1>{again}<div class="ok"><p>{esc(t["number"])}:</p>'
        f'<p class="number" id="tracking-number">{esc(tracking_no)}</p><p>{esc(t["keep_number"])}</p></div>'
        f'<p><strong>{esc(t["link"])}:</strong><br><a id="status-link" href="{esc(link)}">{esc(link)}</a></p>'
        f"<p>{esc(t['keep_link'])}</p>"
    )
    return page(lang, t["done_title"], body)


def day(moment: date) -> str:
    return moment.strftime("%d-%m-%Y")


def status_page(lang: str, found: PublicStatus) -> str:
    t = TEXTS[lang]
    if found.last_answer is None:
        answer = f'<p id="answer">{esc(t["no_answer"])}</p>'
    else:
        when = f" ({day(found.answered_on)})" if found.answered_on else ""
        answer = f'<div class="answer" id="answer">{esc(found.last_answer)}</div><p class="hint">{esc(when)}</p>'
    body = (
        f"<h1>{esc(t['status_title'])}</h1>"
        f'<p>{esc(t["number"])}: <strong id="tracking-number">{esc(found.tracking_no)}</strong></p>'
        f'<p>{esc(t["status"])}: <strong id="status">{esc(STATUS_WORDS[lang][found.status])}</strong></p>'
        f'<p>{esc(t["received"])}: <span id="received">{esc(day(found.received_on))}</span></p>'
        f"<h2>{esc(t['answer'])}</h2>{answer}"
    )
    return page(lang, t["status_title"], body)


def message_page(lang: str, what: str, back: bool = True) -> str:
    """A page that only says something: ``what`` names its title and text in ``TEXTS``."""
    t = TEXTS[lang]
    link = f'<p><a href="/lapor?lang={esc(lang)}">{esc(t["back"])}</a></p>' if back else ""
    return page(lang, t[what + "_title"], f"<h1>{esc(t[what + '_title'])}</h1><p>{esc(t[what])}</p>{link}")
