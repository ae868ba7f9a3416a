"""Queries and texts compared with Arabic-aware folding (see ``normalize``).

How a query is cut into words (``query_words`` for the title scan and the
reader's highlight, ``query_terms`` for the index) and where a query occurs
in a text. Match ranges are in indices of the original text, end exclusive,
and cover the combining marks (harakat) and tatweel that follow the last
matched letter, so a highlight never splits a letter from its marks.
"""

from __future__ import annotations

import re
import unicodedata

from tuireader.index.normalize import fold, normalize

_WORD = re.compile(r"[^\W_]+")


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me")


def query_words(query: str) -> list[str]:
    """The query's words as typed (split at spaces)."""
    return [w for w in query.split() if w.strip()]


def query_terms(query: str) -> list[str]:
    """The folded words of a search query (punctuation dropped), as the index
    is asked for them."""
    # Split where the FTS5 tokenizer splits (anything but letters and digits),
    # so both back ends see the same words.
    return _WORD.findall(fold(query))


def fold_query(query: str) -> str:
    """The folded query, without leading or trailing spaces ("" matches nothing)."""
    return fold(query).strip(" ")


def contains(query: str, text: str) -> bool:
    """True when `text` contains `query` after folding both."""
    q = fold_query(query)
    return bool(q) and q in fold(text)


def find_matches(query: str, text: str) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) ranges of `query` in `text`, left to right,
    in original indices."""
    q = fold_query(query)
    if not q:
        return []
    if len(text) > 100_000 and q not in fold(text):
        return []  # folding alone is several times faster than mapping
    folded, index_map = normalize(text)
    matches: list[tuple[int, int]] = []
    pos = folded.find(q)
    last_end = 0
    while pos != -1:
        end = pos + len(q)
        start = index_map[pos]
        stop = index_map[end - 1] + 1
        limit = index_map[end] if end < len(index_map) else len(text)
        while stop < limit and (text[stop] == "\u0640" or _is_mark(text[stop])):
            stop += 1
        if start >= last_end:
            matches.append((start, stop))
            last_end = stop
        pos = folded.find(q, end)
    return matches


def matches(query: str, text: str) -> list[tuple[int, int]]:
    """Ranges of every word of ``query`` in ``text``, in order: what the reader
    highlights for the filter's query."""
    ranges: list[tuple[int, int]] = []
    for word in query_words(query):
        ranges.extend(find_matches(word, text))
    return sorted(ranges)
