"""``duplicates.normalise`` skips the patterns a text cannot match and caches each word's result; here it is
held to the straightforward pipeline it replaced (every pattern over the whole text, then word by word),
kept in this file only, as the reference: the same words for every text, with every option. The duplicate
finder, intake and the topics all read these words, so not one may change."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop.domain import duplicates
from desktop.domain.duplicates import (
    _ADDRESS,
    _AMOUNT,
    _GREETING,
    _HYPHENATED_TWICE,
    _JOINED,
    _JOINED_FILLER,
    _REDUPLICATED,
    _SCHOOL_OR_UNTIL,
    _STRETCHED,
    MAX_TEXT_CHARS,
    SLANG,
    STOP_WORDS,
    Stemmer,
    _amount,
    _without_signature,
    fold,
    keep,
    light_stem,
    normalise,
)

CORPUS = Path(__file__).resolve().parents[1] / "data" / "duplicates_corpus.jsonl"

# -- the reference: normalise as it was before it was made faster ------------------------------------------

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_LETTERS_DIGITS = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")


def reference_normalise(text: str, *, slang: bool = True, stemmer: Stemmer | None = None) -> list[str]:
    stem = light_stem if stemmer is None else stemmer
    folded = fold(_without_signature(text[:MAX_TEXT_CHARS]))
    folded = _ADDRESS.sub(" ", folded)
    folded = _GREETING.sub(" ", folded)
    folded = _HYPHENATED_TWICE.sub(r"\1", folded)
    folded = _AMOUNT.sub(_amount, folded)
    folded = _REDUPLICATED.sub(r"\1", folded)
    folded = _STRETCHED.sub(r"\1", folded)
    raw = _LETTERS_DIGITS.sub(" ", _NOT_WORD.sub(" ", folded)).split()
    words = _reference_join_numbered(raw)
    if slang:
        words = [part for word in words for part in SLANG.get(word, word).split()]
    return [stem(w) for w in words if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]


def _reference_join_numbered(words: list[str]) -> list[str]:
    joined: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word in _JOINED or word in _SCHOOL_OR_UNTIL:
            j = i + 1
            while j < len(words) and words[j] in _JOINED_FILLER:
                j += 1
            if word in _JOINED and j < len(words) and (words[j].isdigit() or (len(words[j]) == 1 and word == "blok")):
                number = words[j].lstrip("0") or "0"
                joined.append(f"{_JOINED[word]}{number}")
                i = j + 1
                continue
            word = _SCHOOL_OR_UNTIL.get(word, word)
        joined.append(word.lstrip("0") or "0" if word.isdigit() else word)
        i += 1
    return joined


def _marked(word: str) -> str:
    """A stemmer that is neither of the two the fast path knows (the general path)."""
    return f"<{word}>"


# (slang, stemmer): the default, the two bench/duplicates.py and the topics use, and a stemmer of its own.
OPTIONS: list[tuple[bool, Stemmer | None]] = [
    (True, None),
    (True, keep),
    (False, None),
    (False, keep),
    (True, _marked),
    (False, _marked),
]


def assert_same(text: str) -> None:
    for slang, stemmer in OPTIONS:
        expected = reference_normalise(text, slang=slang, stemmer=stemmer)
        assert normalise(text, slang=slang, stemmer=stemmer) == expected, (text, slang, stemmer)


# -- the texts: the corpus, and random text built from what each step looks for ------------------------------


def corpus_texts() -> list[str]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [f"{row['subject']}\n{row['body']}" for row in rows]


def test_the_corpus_normalises_as_before() -> None:
    texts = corpus_texts()
    assert len(texts) > 300
    for text in texts:
        assert_same(text)


# Pieces that reach every branch: slang, function words, place numbers and their fillers, amounts with and
# without units, reduplication, stretched letters, handles and links, greetings, signatures, leading zeros,
# digits that are not ASCII, diacritics and compatibility forms.
_PIECES = sorted(
    {*list(SLANG)[:80], *list(STOP_WORDS)[:40], *_JOINED, *_SCHOOL_OR_UNTIL, *_JOINED_FILLER}
    | {
        "Rp850.000", "rp 1.240.000", "850rb", "2,5 jt", "1,2,3 juta", "12k", "3 miliar", "1234567890123456789012",
        "anak2", "anak-anak", "Kabel-kabel", "sepuh2", "tolonggg", "AAAA", "mmm", "0", "007", "05", "12", "٣", "²",
        "@pemkot", "dewi@mail.co.id", "https://x.co/a-b", "www.lapor.go.id", "Selamat pagi", "selamat  malam",
        "Hormat saya,\nDedi", "Terima kasih.\nBudi", "Salam", "ttd.", "ﬁlter", "Ĵalan", "ÉNAK", "smp ujung",
        "blok c", "RT05/RW011", "No. 12", "SD N 3", "SMP Negeri 012", "jl.", "-", "2", "\n", "!!!", "_x", "x_2",
    }
)  # fmt: skip
_PIECE = st.one_of(
    st.sampled_from(_PIECES),
    st.from_regex(r"[a-zA-Z0-9éèñ]{1,10}", fullmatch=True),
    st.text(max_size=6),
)
_SEPARATOR = st.sampled_from([" ", " ", "\n", "", ", ", ".", "-", "/", "2 ", "\r\n"])
_RANDOM_TEXT = st.lists(st.tuples(_PIECE, _SEPARATOR), max_size=40).map(lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=1500, deadline=None)
@given(_RANDOM_TEXT)
@example("RT 05 / RW 011 No. 12 Blok C smp 3 smp ujung SD N 03")
@example("anak2 anak-anak tolonggg Rp850.000 850rb 2,5 jt selamat pagi @pemkot www.x.id")
@example("rttt 5 smppp 12 sddd negeri 3")  # a stretched word that becomes a place word
@example("٣ jt dan ² rb")  # digits that are not ASCII still make amounts
def test_random_text_normalises_as_before(text: str) -> None:
    assert_same(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_unicode_text_normalises_as_before(text: str) -> None:
    assert_same(text)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(corpus_texts()), st.integers(0, 400), st.integers(0, 400), _RANDOM_TEXT)
def test_corpus_text_cut_and_spliced_normalises_as_before(text: str, start: int, stop: int, inserted: str) -> None:
    assert_same(text[:start] + inserted + text[stop:])


@pytest.mark.parametrize("text", ["", " ", "\n\n", "2", "-", "@", "selamat ", "0000", "rt", "smp"])
def test_edge_texts_normalise_as_before(text: str) -> None:
    assert_same(text)


def test_the_caches_do_not_change_a_second_reading() -> None:
    text = corpus_texts()[0]
    assert normalise(text) == normalise(text) == reference_normalise(text)
    assert duplicates.normalise(text, stemmer=keep) == reference_normalise(text, stemmer=keep)
