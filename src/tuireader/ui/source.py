"""Where the UI gets its articles: a thin layer over the catalog and the search.

Kept small and free of Textual so the screen can be tested against a fake and
the backing store swapped without touching the widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tuireader.article import Article
from tuireader.catalog import Catalog, CatalogEntry
from tuireader.normalize import fold
from tuireader.search import find_matches, fold_query


def query_words(query: str) -> list[str]:
    return [w for w in query.split() if w.strip()]


class Source:
    """The articles under ``root`` (indexed in ``cache_dir``)."""

    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        self.root = Path(root)
        self.catalog = Catalog(root, cache_dir)
        # id -> (title, folded title): folding 100,000 titles per keystroke is slow
        self._folded_titles: dict[str, tuple[str, str]] = {}

    def entries(self) -> list[CatalogEntry]:
        return self.catalog.entries()

    def refresh(
        self, progress: Callable[[int, int], None] | None = None, cancel: Callable[[], bool] = None
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
        folded = self._folded_titles
        for entry in entries:
            if entry.id in found:
                continue
            cached = folded.get(entry.id)
            if cached is None or cached[0] != entry.title:
                cached = folded[entry.id] = (entry.title, fold(entry.title))
            if all(w in cached[1] for w in words):
                found.add(entry.id)
        return [e.id for e in entries if e.id in found]

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
