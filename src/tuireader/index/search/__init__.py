"""Search, all of it: the filter's query against the library, and the
reader's highlight of it.

``LibrarySearch`` is what the UI asks (through ``tuireader.index.source``):
the index match (``sql``: every word as a word prefix, in titles and text)
joined with the title scan (``titles``: every word anywhere inside a title).
``matches`` gives the ranges the reader highlights. Queries and texts are
compared after Arabic-aware folding (``text``, ``tuireader.index.normalize``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tuireader.index.search.text import (
    contains,
    find_matches,
    fold_query,
    matches,
    query_terms,
    query_words,
)
from tuireader.index.search.titles import TitleScan

__all__ = [
    "LibrarySearch",
    "contains",
    "find_matches",
    "fold_query",
    "matches",
    "query_terms",
    "query_words",
]


class LibrarySearch:
    """The filter's search over one library.

    ``in_index(query)`` gives the ids the index finds (``Catalog.search``).
    """

    def __init__(self, in_index: Callable[[str], list[str]]) -> None:
        self._in_index = in_index
        self._titles = TitleScan()

    def search(self, query: str, entries: Sequence[Any]) -> list[str]:
        """Ids of the entries whose title or text holds every word of ``query``,
        in the order of ``entries``.

        The index matches words by prefix; titles are also matched anywhere
        inside a word (an Arabic word often carries a prefix such as "ال").
        """
        words = [w for w in (fold_query(w) for w in query_words(query)) if w]
        if not words:
            return []
        found = set(self._in_index(query))
        found.update(self._titles.hits(words, entries))
        return [e.id for e in entries if e.id in found]

    def warm(self, entries: Sequence[Any]) -> None:
        """Fold the titles of ``entries`` ahead of the first query."""
        self._titles.warm(entries)
