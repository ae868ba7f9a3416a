"""The title scan: query words found anywhere inside a title.

The index matches words by prefix only; an Arabic word often carries a
prefix such as "ال", so the filter also looks for each word inside the
folded titles of the list on screen.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from tuireader.index.normalize import fold

_SEP = "\x00"  # between folded titles: never part of a query word
FOLD_CHUNK = 2000  # titles folded per call


class TitleScan:
    """Folded titles of the entries lists it is given, kept between queries.

    Entries are anything with ``id`` and ``title``.
    """

    def __init__(self) -> None:
        # id -> (title, folded title): folding 100,000 titles per keystroke is slow
        self._folded: dict[str, tuple[str, str]] = {}
        # (entries list, its length, (joined folded titles, start of each, titles))
        self._joined: tuple[Any, int, tuple[str, list[int], list[str]]] | None = None

    def hits(self, words: list[str], entries: Sequence[Any]) -> set[str]:
        """Ids of entries whose folded title holds every (folded) word.

        The folded titles are kept joined in one string per entries list, so
        the scan for the longest word runs in C (``str.find``); only the titles
        it hits are checked in Python for the other words.
        """
        blob, starts, titles = self._titles(entries)
        if any(_SEP in w for w in words):  # (a control character pasted in the box)
            pairs = zip(entries, titles, strict=True)
            return {e.id for e, t in pairs if all(w in t for w in words)}
        first, *rest = sorted(words, key=len, reverse=True)
        hits: set[str] = set()
        pos = blob.find(first)
        while pos >= 0:
            i = bisect_right(starts, pos) - 1
            if all(w in titles[i] for w in rest):
                hits.add(entries[i].id)
            pos = blob.find(first, starts[i + 1]) if i + 1 < len(starts) else -1
        return hits

    def warm(self, entries: Sequence[Any]) -> None:
        """Fold the titles ahead of the first query (from a worker thread: 100,000
        titles take most of a second)."""
        self._titles(entries)

    def _titles(self, entries: Sequence[Any]) -> tuple[str, list[int], list[str]]:
        cached = self._joined
        if cached is not None and cached[0] is entries and cached[1] == len(entries):
            return cached[2]
        self._fold_new(entries)
        titles = [self._folded[e.id][1] for e in entries]
        blob = _SEP.join(titles)
        starts = [0, *accumulate(len(t) + 1 for t in titles)][: len(titles)]
        result = (blob, starts, titles)
        self._joined = (entries, len(entries), result)
        return result

    def _fold_new(self, entries: Sequence[Any]) -> None:
        """Fold the titles not folded yet (or changed since)."""
        folded = self._folded
        todo = [e for e in entries if (f := folded.get(e.id)) is None or f[0] != e.title]
        for start in range(0, len(todo), FOLD_CHUNK):
            chunk = todo[start : start + FOLD_CHUNK]
            raw = [e.title for e in chunk]
            # folding is per character: one call over many titles is far cheaper
            # than one per title; chunks let other threads (the UI) run between
            done = fold(_SEP.join(raw)).split(_SEP)
            if len(done) != len(raw):  # a title held the separator
                done = [fold(t) for t in raw]
            for e, title in zip(chunk, done, strict=True):
                folded[e.id] = (e.title, title)
