"""What the article list shows: the library's rows through the filter, the
view (all, unread, starred) and the order; and the words around them
(the count in the list's frame, the reader's message when nothing is shown).

No Textual here: the screen hands the result to the article list.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from tuireader.index.faults import IndexUnavailable
from tuireader.index.list_order import (
    SORT_NAMES,
    in_view,
    sort_rows,
)
from tuireader.rtl import Direction
from tuireader.settings.state import StateStore

# What reading the index can raise (the catalog turns SQLite's own errors into
# IndexUnavailable where it can say more).
INDEX_ERRORS = (IndexUnavailable, sqlite3.Error, OSError)


class Row(Protocol):
    """What the list needs to know about an article (a CatalogEntry fits)."""

    id: str
    title: str
    comments: int | None
    error: str | None

    @property
    def direction(self) -> Direction: ...


class Dates(Protocol):
    def metadata_dates(self) -> dict[str, float]: ...


class ListRows:
    """The rows behind the list. ``say`` reports a problem the user should know."""

    def __init__(self, store: StateStore, dates: Dates, say: Callable[[str], None]) -> None:
        self.store = store
        self._source = dates
        self._say = say
        self.entries: list[Row] = []  # every row of the library, in index order
        self.filter_ids: set[str] | None = None  # None: no filter
        self.view = "all"  # or "unread", "starred" (the screen's, pushed here)
        self.sort = "file"  # (the screen's, pushed here with set_sort)
        self._dates: dict[str, float] | None = None  # metadata dates (date order)

    def set_sort(self, sort: str) -> None:
        self.sort = sort
        self._dates = None  # (read again: files may have changed)

    def rows(self) -> list[Row]:
        """The rows to list: filtered, in the view, in the chosen order."""
        view, sort = self.view, self.sort
        ids = self.filter_ids
        rows = self.entries if ids is None else [e for e in self.entries if e.id in ids]
        if view != "all":
            shows = in_view(view, self.store.is_read, self.store.is_starred)
            rows = [r for r in rows if shows(r)]
        if sort == "file":
            return rows  # (the index keeps them by file name)
        if sort == "date" and self._dates is None:
            try:
                self._dates = self._source.metadata_dates()
            except INDEX_ERRORS as exc:
                self._dates = {}
                self._say(f"Could not read the articles' dates ({exc}): by file time instead.")
        try:
            return sort_rows(rows, sort, self._dates)
        except (AttributeError, TypeError):  # (rows of another shape: keep their order)
            return rows

    def first_match(self) -> str | None:
        """The id of the filter's best (first) match."""
        ids = self.filter_ids or set()
        return next((e.id for e in self.entries if e.id in ids), None)

    def empty_message(self, root: str | Path, loaded: bool) -> str:
        """What the reader says when the list shows no row (``loaded``: the
        library has been read)."""
        view = self.view
        if view != "all" and self.filter_ids is None and self.entries:
            return f"No {view} articles. Press the key again for all of them."
        if self.filter_ids is not None:
            return "No article matches the filter. Esc clears it."
        if loaded or self.entries:
            return f"No articles in {root}"
        return "Loading articles…"

    def counts(self, shown: int) -> tuple[str, str | None]:
        """The list frame's label with ``shown`` rows listed, and the filter
        box's count (None: no filter)."""
        view, sort = self.view, self.sort
        # (a row the scan could not even stat is an error line, not an article)
        unread = sum(
            1 for e in self.entries if not self.store.is_read(e.id) and getattr(e, "size", 0) != -1
        )
        total = len(self.entries)
        label = f"{unread} unread · {total}"
        if view != "all":
            label = f"{view}: {shown} · {total}"
        if sort != "file":
            label += f" · by {SORT_NAMES[sort]}"
        if self.filter_ids is not None:
            return f"{shown} of {total} match", f"{shown} of {total}"
        return label, None
