"""Find a query in a text with Arabic-aware folding (see `normalize`).

Match ranges are in indices of the original text, end exclusive, and cover
the combining marks (harakat) and tatweel that follow the last matched
letter, so a highlight never splits a letter from its marks.
"""

from __future__ import annotations

import unicodedata

from tuireader.index.normalize import fold, normalize

__all__ = ["contains", "find_matches", "fold_query"]


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me")


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
