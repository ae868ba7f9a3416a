"""Where the UI gets its articles: a thin layer over the catalog and the search.

Kept small and free of Textual so the screen can be tested against a fake and
the backing store swapped without touching the widgets.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any

from tuireader.articles.model import Article
from tuireader.index.catalog import Catalog, CatalogEntry
from tuireader.index.normalize import fold
from tuireader.index.search import find_matches, fold_query

_SEP = "\x00"  # between folded titles: never part of a query word
FOLD_CHUNK = 2000  # titles folded per call


def query_words(query: str) -> list[str]:
    return [w for w in query.split() if w.strip()]


class Source:
    """The articles under ``root`` (indexed in ``cache_dir``)."""

    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        self.root = Path(root)
        self.catalog = Catalog(root, cache_dir)
        # id -> (title, folded title): folding 100,000 titles per keystroke is slow
        self._folded_titles: dict[str, tuple[str, str]] = {}
        # (entries list, its length, (joined folded titles, start of each, titles))
        self._blob: tuple[Any, int, tuple[str, list[int], list[str]]] | None = None

    def entries(self) -> list[CatalogEntry]:
        return self.catalog.entries()

    def metadata_dates(self) -> dict[str, float]:
        return self.catalog.metadata_dates()

    def first_entries(self, n: int) -> list[CatalogEntry]:
        """The first ``n`` of ``entries()``, much sooner when the list is long."""
        return self.catalog.first_entries(n)

    def refresh(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> Any:
        return self.catalog.refresh(progress=progress, cancel=cancel)

    def article(self, row: Any) -> Article:
        return self.catalog.article(row)

    def search(self, query: str, entries: Sequence[Any]) -> list[str]:
        """Ids of the articles whose title or text holds every word of ``query``.

        The index matches words by prefix; titles are also matched anywhere
        inside a word (an Arabic word often carries a prefix such as "ال").
        """
        words = [w for w in (fold_query(w) for w in query_words(query)) if w]
        if not words:
            return []
        found = set(self.catalog.search(query))
        found.update(self._title_hits(words, entries))
        return [e.id for e in entries if e.id in found]

    def _title_hits(self, words: list[str], entries: Sequence[Any]) -> set[str]:
        """Ids of entries whose folded title holds every word.

        The folded titles are kept joined in one string per entries list, so
        the scan for the longest word runs in C (``str.find``); only the titles
        it hits are checked in Python for the other words.
        """
        blob, starts, titles = self._title_blob(entries)
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

    def warm_titles(self, entries: Sequence[Any]) -> None:
        """Fold the titles ahead of the first query (from a worker thread: 100,000
        titles take most of a second)."""
        self._title_blob(entries)

    def _title_blob(self, entries: Sequence[Any]) -> tuple[str, list[int], list[str]]:
        cached = getattr(self, "_blob", None)
        if cached is not None and cached[0] is entries and cached[1] == len(entries):
            return cached[2]
        folded = getattr(self, "_folded_titles", None)
        if folded is None:  # (a subclass that skipped __init__)
            folded = self._folded_titles = {}
        todo = [e for e in entries if (f := folded.get(e.id)) is None or f[0] != e.title]
        for start in range(0, len(todo), FOLD_CHUNK):
            chunk = todo[start : start + FOLD_CHUNK]
            raw = [e.title for e in chunk]
            # folding is per character: one call over many titles is far cheaper
            # than one per title; chunks let other threads (the UI) run between
            done = fold(_SEP.join(raw)).split(_SEP)
            if len(done) != len(raw):  # a title held the separator
                done = [fold(t) for t in raw]
            for e, f in zip(chunk, done, strict=True):
                folded[e.id] = (e.title, f)
        titles = [folded[e.id][1] for e in entries]
        blob = _SEP.join(titles)
        starts = [0, *accumulate(len(t) + 1 for t in titles)][: len(titles)]
        result = (blob, starts, titles)
        self._blob = (entries, len(entries), result)
        return result

    @staticmethod
    def matches(query: str, text: str) -> list[tuple[int, int]]:
        """Ranges of every word of ``query`` in ``text`` (Arabic-aware folding)."""
        ranges: list[tuple[int, int]] = []
        for word in query_words(query):
            ranges.extend(find_matches(word, text))
        return sorted(ranges)

    def close_thread(self) -> None:
        """Release the calling worker thread's database connection."""
        self.catalog.close()
