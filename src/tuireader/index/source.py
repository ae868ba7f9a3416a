"""Where the UI gets its articles: one facade over the catalog and the search.

Pure (no Textual), so the screen can be tested against a fake and the
backing store swapped without touching the widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tuireader.articles.model import Article
from tuireader.index import search
from tuireader.index.catalog import Catalog, CatalogEntry


class Source:
    """The articles under ``root`` (indexed in ``cache_dir``)."""

    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        self.root = Path(root)
        self.catalog = Catalog(root, cache_dir)
        self._search = search.LibrarySearch(self.catalog.search)

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
        """Ids of the articles in ``entries`` whose title or text holds every
        word of ``query`` (see ``search.LibrarySearch``)."""
        return self._search.search(query, entries)

    def warm_titles(self, entries: Sequence[Any]) -> None:
        """Fold the titles ahead of the first query (from a worker thread: 100,000
        titles take most of a second)."""
        self._search.warm(entries)

    @staticmethod
    def matches(query: str, text: str) -> list[tuple[int, int]]:
        """Ranges of every word of ``query`` in ``text`` (Arabic-aware folding)."""
        return search.matches(query, text)

    def close_thread(self) -> None:
        """Release the calling worker thread's database connection."""
        self.catalog.close()
