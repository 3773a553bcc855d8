"""Finding a canned response as the officer types: every word, in any of its chat spellings ("tdk" finds
"tidak"), starts a word of the title or the text, as the inbox search matches (``cache.search_index``)."""

from __future__ import annotations

from collections.abc import Iterable

from ..cache.search_index import matches, search_words
from ..domain.errors import BadInput
from .canned import CannedResponse


def matching_canned(responses: Iterable[CannedResponse], typed: str) -> list[CannedResponse]:
    """The responses whose title or text holds every word typed, in their order; all of them for an empty
    search, none for one that is not a search (only punctuation, or too long)."""
    try:
        words = search_words(typed)
    except BadInput:
        return []
    return [r for r in responses if not words or matches(words, f"{r.title}\n{r.body}")]
