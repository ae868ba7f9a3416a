"""The main screen's filter box: built after the first paint, opened with
``/``, its matches put on the list, cleared with Escape or an empty query."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import AwaitMount

from tuireader.rtl import TextOptions
from tuireader.ui.widgets.filter_bar import FilterBar

if TYPE_CHECKING:  # (the screen imports this module)
    from tuireader.ui.screens.main import MainScreen


class ListFilter:
    """The filter box of ``screen`` and what its answers change there."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._bar: FilterBar | None = None
        self._mounted: AwaitMount | None = None  # (the filter box is composed)

    @property
    def bar(self) -> FilterBar:
        """The filter box stays hidden until ``/``: it is built after the first
        paint rather than before it (it is a fair part of the screen's widgets)."""
        if self._bar is None:
            screen = self.screen
            self._bar = FilterBar(
                screen.options, screen.source, lambda: screen.rows.entries, id="filter"
            )
            self._mounted = screen.mount(self._bar, after="#body")
        return self._bar

    async def ready(self) -> FilterBar:
        bar = self.bar
        if self._mounted is not None:
            await self._mounted
        return bar

    @property
    def settled(self) -> bool:
        """The list shows the result of what is in the filter box now."""
        return self._bar is None or self._bar.settled

    @property
    def active(self) -> bool:
        """The box is open or its matches narrow the list."""
        return self.bar.is_open or self.screen.rows.filter_ids is not None

    def set_options(self, options: TextOptions) -> None:
        if self._bar is not None:  # (built later with the options then in force)
            self._bar.set_options(options)

    def changed(self, event: FilterBar.FilterChanged) -> None:
        screen = self.screen
        if event.failure:
            screen.notices.report(event.failure)
        screen.filter_query = event.query
        screen.content.filter(event.ids)
        if event.query and screen.article is not None:
            screen.reader.scroll_to_first_match()

    def submitted(self, value: str) -> None:
        if not value.strip():
            self.clear()
        self.screen.panes.focus(self.screen.article_list)

    def clear(self) -> None:
        self.bar.close()
        self.screen.filter_query = ""
        self.screen.content.filter(None)

    def go_to(self, article_id: str) -> None:
        """Highlight (and so show) an article, clearing a filter that hides it."""
        lst = self.screen.article_list
        if not lst.select_id(article_id) and self.active:
            self.clear()
            lst.select_id(article_id)
        self.screen.panes.focus(lst)

    async def open(self) -> None:
        bar = await self.ready()
        bar.open()
        self.screen.panes.focus(bar.input)
        bar.warm()

    def escape(self) -> None:
        """Escape: clear the filter, else back to the list."""
        screen = self.screen
        if self.active:
            self.clear()
            screen.panes.focus(screen.article_list)
        elif screen.focused is not screen.article_list and not screen.has_class("-no-list"):
            screen.panes.focus(screen.article_list)
