"""The grouping and naming of topics (desktop/reports/topics.py) were made faster (sums kept by word, counts
made in one pass); here they are held to the straightforward versions they replaced, kept in this file only
as the reference: the same groups, the same names and the same weights, float for float, for any reports."""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import duplicates
from desktop.reports import topics
from desktop.reports.topics import MIN_NAMING_REPORTS, NAME_TERMS, TOPIC_THRESHOLD, Doc, doc

CORPUS = Path(__file__).parents[1] / "data" / "duplicates_corpus.jsonl"

# -- the reference ------------------------------------------------------------------------------------------


def reference_idf_weights(stemmed: Sequence[list[str]]) -> dict[str, float]:
    frequency: Counter[str] = Counter()
    for words in stemmed:
        frequency.update(dict.fromkeys(words, 1))
    return {word: duplicates.idf(n, len(stemmed)) for word, n in frequency.items()}


def reference_unit_vector(words: list[str], weights: dict[str, float]) -> dict[str, float]:
    raw = {w: weights[w] * (1.0 + math.log(n)) for w, n in Counter(words).items()}
    norm = math.sqrt(math.fsum(v * v for v in raw.values()))
    return {w: v / norm for w, v in raw.items()} if norm else {}


def reference_group(
    stemmed: Sequence[list[str]], weights: dict[str, float], threshold: float = TOPIC_THRESHOLD
) -> list[list[int]]:
    vectors = [reference_unit_vector(words, weights) for words in stemmed]
    sums: list[dict[str, float]] = []
    squares: list[float] = []
    members: list[list[int]] = []
    holding: dict[str, list[int]] = defaultdict(list)
    for index, vec in enumerate(vectors):
        dots: dict[int, float] = defaultdict(float)
        for word, value in vec.items():
            for g in holding.get(word, ()):
                dots[g] += value * sums[g][word]
        best, score = -1, 0.0
        for g, dot in dots.items():
            cosine = dot / math.sqrt(squares[g]) if squares[g] > 0 else 0.0
            if cosine > score or (cosine == score and 0 <= g < best):
                best, score = g, cosine
        if best < 0 or score < threshold:
            best = len(sums)
            sums.append({})
            squares.append(0.0)
            members.append([])
        total = sums[best]
        for word, value in vec.items():
            old = total.get(word)
            if old is None:
                holding[word].append(best)
                old = 0.0
            total[word] = old + value
            squares[best] += (old + value) ** 2 - old * old
        members[best].append(index)
    return members


def reference_name(
    docs: Sequence[Doc], stemmed: Sequence[list[str]], weights: dict[str, float], members: list[int]
) -> tuple[str, ...]:
    holders: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for i in members:
        if docs[i].confidential:
            continue
        seen: dict[str, set[str]] = defaultdict(set)
        for stem, word in zip(stemmed[i], docs[i].words, strict=True):
            seen[stem].add(word)
            occurrences[stem] += 1
        for stem, words in seen.items():
            holders[stem] += 1
            spellings[stem].update(words)
    allowed = [stem for stem, n in holders.items() if n >= MIN_NAMING_REPORTS]
    allowed.sort(key=lambda stem: (-holders[stem] * weights.get(stem, 0.0), -occurrences[stem], stem))
    terms = []
    for stem in allowed[:NAME_TERMS]:
        spelling, n = min(spellings[stem].items(), key=lambda item: (-item[1], item[0]))
        terms.append(spelling if n >= MIN_NAMING_REPORTS else stem)
    return tuple(terms)


def assert_same(docs: list[Doc], threshold: float = TOPIC_THRESHOLD) -> None:
    stemmed = [d.stems() for d in docs]
    weights = topics.idf_weights(stemmed)
    assert weights == reference_idf_weights(stemmed)
    for words in stemmed:
        vector = topics.unit_vector(words, weights)
        assert list(vector.items()) == list(reference_unit_vector(words, weights).items())  # order too
    groups = topics.group(stemmed, weights, threshold)
    assert groups == reference_group(stemmed, weights, threshold)
    for members in groups:
        assert topics.name(docs, stemmed, weights, members) == reference_name(docs, stemmed, weights, members)


# -- the reports: the corpus, and random ones from a small vocabulary (so that they overlap, tie and merge) --


def test_the_corpus_groups_and_names_as_before() -> None:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [doc(r["subject"], r["body"], confidential=n % 7 == 0) for n, r in enumerate(rows)]
    for threshold in (0.1, TOPIC_THRESHOLD, 0.5):
        assert_same(docs, threshold)


# Spellings that stem alike ("perbaikan", "diperbaiki") so that a stem has several spellings in a topic.
_VOCABULARY = [
    "jalan", "rusak", "perbaikan", "diperbaiki", "memperbaiki", "lampu", "mati", "banjir", "selokan", "sumbat",
    "otp", "terkirim", "aplikasi", "sampah", "diangkut", "pengangkutan", "cigadung", "kelinci", "air", "pdam",
]  # fmt: skip
_DOC = st.builds(
    Doc,
    st.lists(st.sampled_from(_VOCABULARY), max_size=8).map(tuple),
    st.booleans(),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_DOC, max_size=40), st.sampled_from([0.0, 0.1, 0.2, TOPIC_THRESHOLD, 0.5, 0.9, 1.0]))
def test_random_reports_group_and_name_as_before(docs: list[Doc], threshold: float) -> None:
    assert_same(docs, threshold)
