"""The article list's content and the words in its frame, kept in step with
the library, the filter, the view and the order (see ``list_rows``)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from tuireader.index.list_rows import ListRows
from tuireader.ui.frame_labels import set_subtitle
from tuireader.ui.widgets.article_list import ArticleList, Row
from tuireader.ui.widgets.filter_bar import FilterBar


class ListContent:
    """Fills ``lst`` from ``rows``. ``filter_bar``: the filter box (its
    count); ``on_empty``: called when the list shows no row."""

    def __init__(
        self,
        lst: Callable[[], ArticleList],
        rows: ListRows,
        filter_bar: Callable[[], FilterBar],
        on_empty: Callable[[], None],
    ) -> None:
        self.lst = lst
        self.rows = rows
        self.filter_bar = filter_bar
        self.on_empty = on_empty
        self.complete = True  # the list holds every row of the index

    def rebuild(self, keep_id: str | None = None) -> None:
        """List the rows again, the cursor kept on ``keep_id`` (default: the
        row it is on), then count them."""
        rows = self.rows.rows()
        lst = self.lst()
        if keep_id is None and lst.current is not None:
            keep_id = lst.current.id
        lst.set_rows(rows, keep_id=keep_id)
        if not rows:
            self.on_empty()
        self.update_counts()

    def set_view(self, view: str) -> None:
        """Show every row, or only the unread or the starred ones."""
        self.rows.view = view
        self.rebuild()

    def set_sort(self, sort: str) -> None:
        self.rows.set_sort(sort)
        self.rebuild()

    def set_entries(self, entries: list[Row], ids: list[str] | None, keep_id: str | None) -> None:
        """The library's rows, and the filter's matches among them (None: not run)."""
        self.rows.entries = entries
        if ids is not None and self.rows.filter_ids is not None:
            self.rows.filter_ids = set(ids)
        self.rebuild(keep_id)

    def filter(self, ids: list[str] | None) -> None:
        """Show only ``ids`` (None: every row); a new filter selects its best
        (first) match, as filter boxes do."""
        if ids is None:
            was_filtered = self.rows.filter_ids is not None
            self.rows.filter_ids = None
            if was_filtered:
                self.rebuild()
            else:
                self.update_counts()
            return
        self.rows.filter_ids = set(ids)
        self.rebuild(self.rows.first_match())

    def update_counts(self) -> None:
        lst = self.lst()
        if not self.complete:
            set_subtitle(lst, "listing…")
            return
        label, count = self.rows.counts(len(lst.rows))
        if count is not None:
            self.filter_bar().set_count(count)
        set_subtitle(lst, label)

    def feeds_progress(self, done: int, total: int, new: int) -> None:
        self.lst().border_subtitle = Text(f"feeds {done}/{total} · {new} new")

    def indexing(self, done: int, total: int) -> None:
        if total and done < total:
            set_subtitle(self.lst(), f"indexing {done}/{total}")
        else:
            self.update_counts()

    def refresh_failed(self, kind: str) -> None:
        if kind == "missing":
            set_subtitle(self.lst(), "folder missing")
        elif self.complete:
            self.update_counts()
