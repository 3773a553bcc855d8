"""Is this report one we already have? Text similarity for Indonesian complaints, in pure Python.

The same complaint reaches a unit many times: by e-mail in full sentences, by WhatsApp in three words of
slang, by phone as the officer's summary. What they share is the place and the problem, spelt every way:
"Jl. Gegerkalong Hilir" and "jln gegerkalong hilir", "sudah" and "udh", "SD Negeri 3" and "SDN 03". So:

- ``normalise`` folds a text to comparable words: lower case without diacritics or punctuation; chat
  slang and the abbreviations of complaint texts expanded from a curated dictionary (``SLANG``); amounts
  ("850rb", "Rp850.000") and counted words ("dua minggu", "seminggu") written as numbers; "RT 05",
  "No. 12", "SDN 3" joined into one word each; reduplication ("anak2", "anak-anak") and stretched letters
  ("tolonggg") undone; handles, links, greetings and an e-mail's signature left out; function words and
  complaint boilerplate dropped (``STOP_WORDS``); then a light stemmer strips the particles, possessives
  and the commonest affixes (``light_stem``).
- ``features`` keeps the words of a ticket's subject and first message; ``vector`` weighs them, each word
  by a weight the caller gives (the inverse document frequency over the tickets it knows, ``idf``) and
  also by its character 3-grams, so that "gegerklong" still meets "gegerkalong";
- ``similarity`` is the cosine of two such vectors, in [0, 1]; ``DUPLICATE_THRESHOLD`` is where a pair
  counts as the same complaint, chosen on the labelled corpus (tests/data/duplicates_corpus.jsonl) and
  checked there by tests/unit/test_duplicates.py.

Each step was measured on the corpus (bench/duplicates.py, with a bootstrap over its groups): slang
expansion, light stemming and IDF weights each gain measurably; PySastrawi's dictionary stemmer does no
measurably better than the light rules here, so the app carries no stemming dependency. Known limit: the
score is a bag of words, so the same complaint in the same words about another place (a form letter sent
for several streets) scores as a duplicate; the officer sees the place in the subject and decides.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import chain
from typing import Final, cast
from uuid import UUID

from .status import Status

DUPLICATE_THRESHOLD: Final = 0.37
GRAM_SIZE: Final = 3
# The share of a word's character 3-grams in the vector, beside the word itself: enough for a typo to
# count, small enough that words sharing only a few letters stay apart.
GRAM_WEIGHT: Final = 0.5
MAX_TEXT_CHARS: Final = 20_000  # longer text adds nothing to tell a complaint by, only time

Weight = Callable[[str], float]
Stemmer = Callable[[str], str]


class Reason(StrEnum):
    SAME_REPORTER = "same_reporter"
    SIMILAR_TEXT = "similar_text"


@dataclass(frozen=True, slots=True)
class Match:
    ticket_id: UUID
    score: float
    reason: Reason


@dataclass(frozen=True, slots=True)
class SimilarTicket:
    """A ticket found like another one, with what the officer needs to tell whether it is the same report."""

    ticket_id: UUID
    tracking_no: str | None
    subject: str
    status: Status
    score: float  # the text similarity in [0, 1], also for a ticket found by its reporter
    reason: Reason
    master_id: UUID | None


# -- the dictionaries ---------------------------------------------------------------------------------------


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Chat slang, spelling variants and the abbreviations of complaint texts, to one spelling each. A value
# with a space becomes several words. Kept to words that complaint texts use; a word that means two things
# ("smp": a school or "sampai") is resolved before this (see _JOINED).
SLANG: Final[Mapping[str, str]] = {
    # negation
    "gak": "tidak", "ga": "tidak", "gk": "tidak", "nggak": "tidak", "ngga": "tidak", "nggk": "tidak",
    "engga": "tidak", "enggak": "tidak", "ndak": "tidak", "tdk": "tidak", "tak": "tidak", "kagak": "tidak",
    "gx": "tidak", "ngak": "tidak",
    # function words
    "yg": "yang", "dgn": "dengan", "dg": "dengan", "dng": "dengan", "utk": "untuk", "untk": "untuk",
    "buat": "untuk", "dr": "dari", "dri": "dari", "dlm": "dalam", "krn": "karena", "karna": "karena",
    "krna": "karena", "kr": "karena", "tp": "tetapi", "tpi": "tetapi", "tapi": "tetapi", "jg": "juga",
    "jga": "juga", "aja": "saja", "aj": "saja", "doang": "saja", "sm": "sama", "ama": "sama", "pd": "pada",
    "kl": "kalau", "klo": "kalau", "kalo": "kalau", "klu": "kalau", "sy": "saya", "sya": "saya", "aku": "saya",
    "gue": "saya", "gw": "saya", "gua": "saya", "ane": "saya", "kmi": "kami", "bs": "bisa", "bsa": "bisa",
    "lg": "lagi", "lgi": "lagi", "trs": "terus", "trus": "terus", "sdh": "sudah", "udh": "sudah",
    "udah": "sudah", "dah": "sudah", "uda": "sudah", "sudh": "sudah", "blm": "belum", "blom": "belum",
    "belom": "belum", "blum": "belum", "msh": "masih", "masi": "masih", "skrg": "sekarang", "skrng": "sekarang",
    "skr": "sekarang", "sampe": "sampai", "ampe": "sampai", "pdhl": "padahal", "pdahal": "padahal",
    "gmn": "bagaimana", "gimana": "bagaimana", "bgmn": "bagaimana", "knp": "kenapa", "napa": "kenapa",
    "kpn": "kapan", "dmn": "mana", "dimana": "mana", "kmn": "mana", "kemana": "mana", "org": "orang",
    "bgt": "banget", "bngt": "banget", "bener": "benar", "emang": "memang", "kayak": "seperti",
    "kaya": "seperti", "kek": "seperti", "mulu": "terus", "tiap": "setiap", "stiap": "setiap",
    "td": "tadi", "tdi": "tadi", "kmrn": "kemarin", "kemaren": "kemarin", "ntar": "nanti", "nnti": "nanti",
    "jd": "jadi", "jdi": "jadi", "jdnya": "jadinya", "dpt": "dapat", "dapet": "dapat", "tau": "tahu",
    "liat": "lihat", "keliatan": "kelihatan", "pake": "pakai", "dipake": "dipakai", "mksh": "terima kasih",
    "makasih": "terima kasih", "trims": "terima kasih", "tks": "terima kasih", "thx": "terima kasih",
    "mhn": "mohon", "tlg": "tolong", "tlong": "tolong", "plis": "tolong", "please": "tolong", "pls": "tolong",
    "asslm": "assalamualaikum", "ass": "assalamualaikum", "wr": "", "wb": "",
    # time
    "mgg": "minggu", "mg": "minggu", "bln": "bulan", "thn": "tahun", "th": "tahun", "hr": "hari", "tgl": "tanggal",
    "mlm": "malam", "malem": "malam", "pgi": "pagi", "sing": "siang", "ujan": "hujan", "ujann": "hujan",
    "seminggu": "1 minggu", "sebulan": "1 bulan", "setahun": "1 tahun", "sehari": "1 hari", "sejam": "1 jam",
    "satu": "1", "dua": "2", "tiga": "3", "empat": "4", "lima": "5", "enam": "6", "tujuh": "7", "delapan": "8",
    "sembilan": "9", "sepuluh": "10", "pekan": "minggu",
    # places and offices
    "jl": "jalan", "jln": "jalan", "jaln": "jalan", "gg": "gang", "kel": "kelurahan", "kec": "kecamatan",
    "kab": "kabupaten", "prov": "provinsi", "komp": "komplek", "kompleks": "komplek", "perum": "perumahan",
    "bunderan": "bundaran", "mesjid": "masjid", "musola": "musala", "mushola": "musala", "musholla": "musala",
    "sdn": "sd", "smpn": "smp", "sman": "sma", "smkn": "smk", "disdukcapil": "dukcapil", "capil": "dukcapil",
    "dispendukcapil": "dukcapil", "ledeng": "pdam", "blangko": "blanko", "ektp": "ktp", "kios": "kios",
    "pemkot": "pemkot", "dishub": "dishub", "disdik": "disdik", "dinkes": "dinkes", "dinsos": "dinsos",
    "bunda": "ibu", "rmh": "rumah", "rumh": "rumah", "sklh": "sekolah", "skolah": "sekolah",
    # the problem, as people say it
    "bolong": "lubang", "bolongnya": "lubang", "lobang": "lubang", "ancur": "hancur", "gede": "besar",
    "mampet": "sumbat", "mampat": "sumbat", "tersumbat": "sumbat", "padam": "mati", "dicolong": "curi",
    "colong": "curi", "nyolong": "curi", "jatoh": "jatuh", "nyebrang": "seberang", "nyeberang": "seberang",
    "menyebrang": "seberang", "menyeberang": "seberang", "dibenerin": "perbaiki", "benerin": "perbaiki",
    "dibetulin": "perbaiki", "betulin": "perbaiki", "ngurus": "urus", "nunggu": "tunggu", "nungguin": "tunggu",
    "antri": "antre", "antrian": "antrean", "ngantri": "antre", "ambles": "amblas", "amblesan": "amblas",
    "amblasan": "amblas", "ambrol": "amblas", "ambruk": "roboh", "rubuh": "roboh", "item": "hitam",
    "bau": "bau", "nyengat": "sengat", "ilang": "hilang", "berisik": "bising", "rame": "ramai",
    "pju": "lampu jalan", "penerangan": "lampu", "apill": "lampu lalu lintas", "bansos": "bantuan sosial",
    "blt": "bantuan langsung tunai", "sampe2": "sampai", "ojol": "ojek daring", "online": "daring",
    "upload": "unggah", "diupload": "unggah", "error": "galat", "eror": "galat", "down": "galat",
    "web": "situs", "website": "situs", "laman": "situs", "bis": "bus", "nyangkut": "sangkut",
    "kasian": "kasihan", "ngejuntai": "juntai",
    # where and when, in chat
    "dpn": "depan", "blkg": "belakang", "blakang": "belakang", "dkt": "dekat", "deket": "dekat", "dket": "dekat",
    "sblm": "sebelum", "stlh": "setelah", "dtg": "datang", "dateng": "datang", "dtgnya": "datangnya",
    "sebrang": "seberang", "pinggir": "tepi",
}  # fmt: skip

# Words that say nothing about which complaint this is: function words, greetings, the officer's and the
# citizen's forms of address, and the words every complaint uses about itself.
STOP_WORDS: Final = _word_set(
    """
    ada adalah agar akan akhirnya aku anda antara apa apakah apabila atas atau bagaimana bagi bahkan bahwa
    banget bapak baru begini begitu belum beliau berapa bersama beserta bisa boleh bu buat bukan cuma dalam
    dan dapat dari demi dengan di dia diri dong dulu hal hampir hanya harus hingga ia ibu ini itu jadi jadinya
    jika juga justru kah kak kakak kalau kalian kami kamu kan kapan karena ke kembali kenapa kepada ketika kita
    kok lagi lah lain lalu mana masih mau memang mereka min mimin misalnya mohon nah namun nanti nih nya oleh
    pada padahal pak para per pernah pula pun saat saja sama sampai sangat saya sebab sebagai sebelum sedang
    sehingga sejak sekali selama semua seperti serta setelah seharusnya sih silakan sini situ sudah supaya
    tadi tapi tentang terhadap terima kasih terus tersebut tetapi tidak tolong toh untuk walau yaitu yakni
    yang ya yah yth kepada hormat salam selamat assalamualaikum waalaikumsalam wassalam dengan hormat
    admin sobat kang teh mas mbak bang om tante gan sis
    lapor laporan melaporkan dilaporkan pengaduan aduan mengadu keluhan mengeluhkan komplain pelapor
    menyampaikan disampaikan sampaikan ingin mau mohon dimohon bantuannya bantu perhatian perhatiannya
    tindak lanjut ditindaklanjuti menindaklanjuti tindaklanjuti segera secepatnya terimakasih
    mention telepon pesan whatsapp tanpa subjek
    """
)

# A word and the number after it are one place: "rt 05" -> "rt5", "sd negeri 3" -> "sd3", "no. 12" -> "no12".
_JOINED = {
    **{word: word for word in ("rt", "rw", "no", "blok", "gang", "km", "kav", "sd", "smp", "sma", "smk", "mi", "mts")},
    **{"nomor": "no", "gg": "gang", "sdn": "sd", "smpn": "smp", "sman": "sma", "smkn": "smk"},
}
_JOINED_FILLER = frozenset({"negeri", "n"})  # "SMP Negeri 12", "SD N 3"
_SCHOOL_OR_UNTIL = {"smp": "sampai"}  # "smp 12" is a school, "smp ujung" is "sampai ujung"

_AMOUNT = re.compile(r"(?<![\w.,])(?:rp\.?\s*)?(\d+(?:[.,]\d+)*)\s*(rb|ribu|k|jt|juta|miliar)?\b")
_AMOUNT_DIGITS = 18  # longer runs of digits are no sum of money (and would overflow a float)
_MULTIPLIER = {"rb": 1_000, "ribu": 1_000, "k": 1_000, "jt": 1_000_000, "juta": 1_000_000, "miliar": 10**9}
_REDUPLICATED = re.compile(r"\b([a-z]{2,})2\b")
_HYPHENATED_TWICE = re.compile(r"\b([a-z]{2,})-\1\b")
_STRETCHED = re.compile(r"([a-z])\1{2,}")
# A handle, e-mail address or link names the sender or a page, not the complaint.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|@\w+")
_CLOSING = re.compile(
    r"^(?:hormat (?:saya|kami)|salam\b.*|wassalam\w*|terima ?kasih\b.*|regards|tabik|ttd\.?)[,.!]*$", re.IGNORECASE
)
_SIGNATURE_LINES = 4  # a closing formula this near the end starts the signature
# "Selamat pagi" greets; "pagi" alone may say when the problem happens.
_GREETING = re.compile(r"\bselamat (?:pagi|siang|sore|malam)\b")
# The words: runs of letters and runs of digits ("rt05" is "rt" and "05"), anything else between them.
_TOKEN = re.compile(r"[a-z]+|[0-9]+")
_ANY_DIGIT = re.compile(r"\d")  # what _AMOUNT needs (Unicode digits too)
_NUMBERED = frozenset(_JOINED) | frozenset(_SCHOOL_OR_UNTIL)


# -- normalisation ------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case, without diacritics (``é`` -> ``e``), compatibility forms unified (``ﬁ`` -> ``fi``)."""
    lowered = text.casefold()
    if lowered.isascii():
        return lowered  # nothing to decompose: the common case, a third of the time of normalising
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text: str, *, slang: bool = True, stemmer: Stemmer | None = None) -> list[str]:
    """The comparable words of ``text``, in order. ``stemmer`` defaults to ``light_stem``; ``slang=False``
    and ``stemmer=keep`` exist to measure what each step adds (bench/duplicates.py)."""
    folded = fold(_without_signature(text[:MAX_TEXT_CHARS]))
    # Each pattern runs only on a text that holds what it needs ("@", a digit, ...): most complaints hold no
    # link, amount or "anak2", and a pattern that finds nothing still costs a pass over the text.
    if "@" in folded or "http" in folded or "www." in folded:
        folded = _ADDRESS.sub(" ", folded)
    if "selamat " in folded:
        folded = _GREETING.sub(" ", folded)
    if "-" in folded:
        folded = _HYPHENATED_TWICE.sub(r"\1", folded)
    if _ANY_DIGIT.search(folded):
        folded = _AMOUNT.sub(_amount, folded)
    if "2" in folded:
        folded = _REDUPLICATED.sub(r"\1", folded)
    tokens = _TOKEN.findall(folded)
    if not slang:
        kept = filter(_counts, map(_unpadded, _joined(tokens)))
        return list(map(light_stem if stemmer is None else stemmer, kept))
    # Most texts hold no place word ("rt", "no", "smp"): then each token's words depend on it alone, and are
    # looked up once per token; otherwise the tokens are joined first ("rt 05" -> "rt5").
    by_token = list(map(_token_stems if stemmer is None else _token_words, tokens))
    if None in by_token:
        parts = map(_comparable_stems if stemmer is None else _comparable, _joined(tokens))
        words = list(chain.from_iterable(parts))
    else:
        words = list(chain.from_iterable(cast(list[tuple[str, ...]], by_token)))
    return words if stemmer is None or stemmer is keep else list(map(stemmer, words))


def keep(word: str) -> str:
    """No stemming."""
    return word


def _without_signature(text: str) -> str:
    """The text without an e-mail's closing lines ("Hormat saya,\nDedi Kurniawan"): a name there tells the
    sender, not the complaint, and being rare it would outweigh the words that do."""
    lines = text.rstrip().splitlines()
    for back in range(1, min(_SIGNATURE_LINES, len(lines)) + 1):
        if _CLOSING.match(lines[-back].strip()):
            return "\n".join(lines[: len(lines) - back])
    return text


def _amount(match: re.Match[str]) -> str:
    digits, unit = match.group(1), match.group(2)
    if len(digits) > _AMOUNT_DIGITS:
        return match.group(0)  # no amount, only digits: as words they still count
    if unit is None:
        # "850.000" and "1.240.000" are thousands; "2,5" alone is not an amount and stays two numbers.
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
            return digits.replace(".", "")
        return match.group(0)
    value = float(digits.replace(".", "").replace(",", ".")) if digits.count(",") <= 1 else 0.0
    return f" {round(value * _MULTIPLIER[unit])} "


def _joined(tokens: list[str]) -> list[str]:
    """The tokens as words: stretched letters undone ("tolonggg"), place numbers joined ("rt 05" -> "rt05").
    A stretched letter lies inside one run of letters, so undoing it token by token (each token once, cached)
    gives what undoing it in the whole text did."""
    return _join_numbered(list(map(_unstretched, tokens)))


def _join_numbered(words: list[str]) -> list[str]:
    """The words with "rt 05" as "rt05" (the leading zeros go in ``_unpadded``, word by word)."""
    if _NUMBERED.isdisjoint(words):
        return words  # the common case: no place number to join
    joined: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word in _NUMBERED:
            j = i + 1
            while j < len(words) and words[j] in _JOINED_FILLER:
                j += 1
            if word in _JOINED and j < len(words) and (words[j].isdigit() or (len(words[j]) == 1 and word == "blok")):
                number = words[j].lstrip("0") or "0"
                joined.append(f"{_JOINED[word]}{number}")
                i = j + 1
                continue
            word = _SCHOOL_OR_UNTIL.get(word, word)
        joined.append(word)
        i += 1
    return joined


def _expand(word: str) -> str:
    return SLANG.get(word, word)


def _unpadded(word: str) -> str:
    """A number without its leading zeros ("05" -> "5"); any other word as it is."""
    return word.lstrip("0") or "0" if word.isdigit() else word


def _counts(word: str) -> bool:
    """Whether a word tells a complaint: no function word, no single letter (a single digit is a number)."""
    return word not in STOP_WORDS and (len(word) > 1 or word.isdigit())


# The steps after joining take one word at a time, and complaints use few words often: each word's result is
# computed once and cached (bounded, for a long-running server).
@lru_cache(maxsize=100_000)
def _unstretched(word: str) -> str:
    return _STRETCHED.sub(r"\1", word)


@lru_cache(maxsize=100_000)
def _comparable(word: str) -> tuple[str, ...]:
    """One joined word as comparable words, before stemming: unpadded, slang expanded, those that count."""
    return tuple(part for part in _expand(_unpadded(word)).split() if _counts(part))


@lru_cache(maxsize=100_000)
def _comparable_stems(word: str) -> tuple[str, ...]:
    return tuple(map(light_stem, _comparable(word)))


@lru_cache(maxsize=100_000)
def _token_words(token: str) -> tuple[str, ...] | None:
    """A token's comparable words, before stemming; None for a place word, read with the token after it."""
    word = _unstretched(token)
    return None if word in _NUMBERED else _comparable(word)


@lru_cache(maxsize=100_000)
def _token_stems(token: str) -> tuple[str, ...] | None:
    word = _unstretched(token)
    return None if word in _NUMBERED else _comparable_stems(word)


# -- stemming -----------------------------------------------------------------------------------------------

_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_DERIVATIONAL = ("kan", "an", "i")
_VOWELS = frozenset("aeiou")
_PLAIN_PREFIXES = ("di", "ter", "ber", "per")
_MIN_STEM = 4
# Words whose ending or beginning only looks like an affix, and office names that must stay whole.
_KEEP_WHOLE = _word_set(
    """
    jalan taman makan ikan bulan tahan hujan kanan depan badan lapangan perumahan kelurahan kecamatan
    jembatan saluran tanggal sungai pantai kali hari pagi bumi lantai pegawai kiri nanti mati besi kursi
    dinas dishub disdik dinkes dinsos dukcapil diskominfo disnaker dispora dispar pemkot pemprov
    tertib terbit terminal berita beras bersih berat bernama permukiman perempatan pertigaan persimpangan
    pendapat pensiun penjara mentari menara mentega pemuda pemilu pengantin penyakit
    sekolah masalah jumlah sebelah selokan
    """
)


@lru_cache(maxsize=100_000)
def light_stem(word: str) -> str:
    """A few rules, not a dictionary: particles, possessives, the prefixes di-, ter-, ber-, meN- and peN-
    (with the letter a nasal replaced: "menulis" -> "tulis", "penyapu" -> "sapu"), per-, and -kan/-an/-i,
    each only while a stem of at least four letters remains. Enough that "perbaikan", "diperbaiki" and
    "memperbaiki" meet; se- and ke- are left alone, since place names begin with them (Sekeloa, Kebon)."""
    if word.isdigit() or len(word) <= _MIN_STEM + 1 or word in _KEEP_WHOLE:
        return word
    stem = _strip_suffix(_strip_suffix(word, _PARTICLES), _POSSESSIVES)
    stem = _strip_prefix(stem)
    if stem.startswith(("per", "ber")) and len(stem) - 3 >= _MIN_STEM:
        stem = stem[3:]  # "diperbaiki", "memperbaiki"
    return _strip_suffix(stem, _DERIVATIONAL)


def _strip_prefix(word: str) -> str:
    for prefix in _PLAIN_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            return word[len(prefix) :]
    if not word.startswith(("me", "pe")) or len(word) < _MIN_STEM + 3:
        return word
    rest = word[2:]
    first, second = rest[0], rest[1]
    if rest.startswith("ny") and rest[2] in _VOWELS:
        return "s" + rest[2:]  # menyapu -> sapu
    if rest.startswith("ng"):
        return rest[2:]  # mengambil -> ambil, menggali -> gali
    if first == "m":
        return ("p" + rest[1:]) if second in _VOWELS else rest[1:]  # memukul -> pukul, membuang -> buang
    if first == "n":
        return ("t" + rest[1:]) if second in _VOWELS else rest[1:]  # menulis -> tulis, menjual -> jual
    if first in "lrwy":
        return rest  # melapor -> lapor, merusak -> rusak
    return word


def _strip_suffix(word: str, endings: tuple[str, ...]) -> str:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


# -- features and similarity --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Features:
    """The normalised words of a ticket: its subject's, then its first message's."""

    words: tuple[str, ...]

    def counts(self) -> Counter[str]:
        return Counter(self.words)


def features(subject: str, body: str, *, slang: bool = True, stemmer: Stemmer | None = None) -> Features:
    return Features(tuple(normalise(f"{subject}\n{body}", slang=slang, stemmer=stemmer)))


def from_words(words: Iterable[str]) -> Features:
    """Features from words normalised earlier (an index keeps them)."""
    return Features(tuple(words))


def idf(document_frequency: int, documents: int) -> float:
    """How much a word tells one ticket from another: ln(1 + N / df), never below ln 2 and never infinite
    (a word no ticket has yet counts as in one)."""
    return math.log1p(max(documents, 1) / max(document_frequency, 1))


def uniform(_word: str) -> float:
    return 1.0


@dataclass(frozen=True, slots=True)
class Vector:
    words: dict[str, float]
    grams: dict[str, float]
    norm: float


def vector(of: Features, weight: Weight = uniform, gram_weight: float = GRAM_WEIGHT) -> Vector:
    """Each word weighted by ``weight(word) * (1 + ln tf)``; its 3-grams share that weight (scaled by
    ``gram_weight``) so that a word and its typo meet in the grams they have in common."""
    words: dict[str, float] = {}
    grams: dict[str, float] = {}
    for word, count in Counter(of.words).items():
        value = weight(word) if count == 1 else weight(word) * (1.0 + math.log(count))
        words[word] = value
        if gram_weight > 0 and not word.isdigit():
            own, scale = _gram_shares(word)
            share = value * gram_weight * scale
            for gram in own:
                grams[gram] = grams.get(gram, 0.0) + share
    norm = math.sqrt(math.fsum(v * v for v in words.values()) + math.fsum(v * v for v in grams.values()))
    return Vector(words, grams, norm)


@lru_cache(maxsize=200_000)
def char_grams(word: str) -> tuple[str, ...]:
    padded = f"<{word}>"
    if len(padded) <= GRAM_SIZE:
        return (padded,)
    return tuple(dict.fromkeys(padded[i : i + GRAM_SIZE] for i in range(len(padded) - GRAM_SIZE + 1)))


@lru_cache(maxsize=200_000)
def _gram_shares(word: str) -> tuple[tuple[str, ...], float]:
    """A word's 3-grams, and the share of its weight each carries (1 / sqrt of their number): together they
    weigh as much as the word."""
    own = char_grams(word)
    return own, 1.0 / math.sqrt(len(own))


def cosine(a: Vector, b: Vector) -> float:
    if a.norm == 0.0 or b.norm == 0.0:
        return 0.0
    dot = _dot(a.words, b.words) + _dot(a.grams, b.grams)
    return max(0.0, min(1.0, dot / (a.norm * b.norm)))


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(key, 0.0) for key, value in a.items())


def similarity(a: Features, b: Features, weight: Weight = uniform) -> float:
    """The cosine of the two texts' weighted word and 3-gram vectors: 1 for the same words, 0 for none in
    common; the same whichever comes first."""
    return cosine(vector(a, weight), vector(b, weight))


def is_duplicate(score: float) -> bool:
    return score >= DUPLICATE_THRESHOLD
