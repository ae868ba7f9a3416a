"""The live filter (a part of MainScreen): ``/``, type, Esc.

Typing restarts a short timer; when it fires, a worker thread asks the source
for the matching ids (index search plus titles, Arabic-aware), and the list
shows those rows with the first one selected. The reader lights up the matches.
"""

from __future__ import annotations

from textual import on, work
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import get_current_worker

SEARCH_DELAY = 0.12  # seconds of typing pause before the filter runs


class Filtering(Screen[None]):
    """Filter actions and handlers. MainScreen supplies the panes and the state."""

    async def action_filter(self) -> None:
        bar = await self.filter_bar_ready()
        bar.open()
        self._focus(bar.input)
        self._warm_worker()

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def _warm_worker(self) -> None:
        # fold every title while the user types the first letters, so the first
        # query does not pay for it (folding runs in chunks: the UI keeps going)
        self.source.warm_titles(self.entries)

    def action_clear(self) -> None:
        if self.filter_bar.is_open or self.filter_ids is not None:
            self._clear_filter()
            self._focus(self.article_list)
        elif self.focused is not self.article_list and not self.has_class("-no-list"):
            self._focus(self.article_list)

    def _clear_filter(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self.workers.cancel_group(self, "search")
        self.filter_bar.close()
        self._pending_query = None
        was_filtered = self.filter_ids is not None
        self.filter_query = ""
        self.filter_ids = None
        self.reader.set_query("")
        if was_filtered:
            self._rebuild_rows()
        self._update_counts()

    def go_to_article(self, article_id: str) -> None:
        """Highlight (and so show) an article, clearing a filter that hides it."""
        if not self.article_list.select_id(article_id) and (
            self.filter_bar.is_open or self.filter_ids is not None
        ):
            self._clear_filter()
            self.article_list.select_id(article_id)
        self._focus(self.article_list)

    @property
    def filter_settled(self) -> bool:
        """The list shows the result of what is in the filter box now."""
        return self._pending_query is None

    @on(Input.Changed, "#filter-input")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._pending_query = event.value.strip()
        self.filter_bar.set_preview(event.value, self.options)
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self._start_search(event.value))

    def _start_search(self, query: str) -> None:
        query = query.strip()
        if not query:
            self._pending_query = None
            self.filter_query = ""
            self.reader.set_query("")
            if self.filter_ids is not None:
                self.filter_ids = None
                self._rebuild_rows()
            self.filter_bar.set_count("")
            self._update_counts()
            return
        self._search_worker(query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search_worker(self, query: str) -> None:
        worker = get_current_worker()
        try:
            ids = self._search_ids(query)
        finally:
            self.source.close_thread()
        if not worker.is_cancelled:
            self.app.call_from_thread(self._apply_filter, query, ids)

    def _search_ids(self, query: str) -> list[str]:
        try:
            return self.source.search(query, self.entries)
        except Exception:  # noqa: BLE001 - a failed search shows no matches
            return []

    def _apply_filter(self, query: str, ids: list[str]) -> None:
        if not self.filter_bar.is_open and self.filter_ids is None and not self.filter_query:
            return  # cleared meanwhile
        if self._pending_query == query:
            self._pending_query = None
        self.filter_query = query
        self.filter_ids = set(ids)
        self.reader.set_query(query)
        # a new query selects its best (first) match, as filter boxes do
        first = next((e.id for e in self.entries if e.id in self.filter_ids), None)
        self._rebuild_rows(keep_id=first)
        if self.article is not None and self.filter_query:
            self.reader.scroll_to_first_match()
        self._update_counts()

    @on(Input.Submitted, "#filter-input")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        if not event.value.strip():
            self._clear_filter()
        elif self._pending_query is not None:  # typed faster than the filter ran
            self._start_search(event.value)
        self._focus(self.article_list)
