"""Which pane the movement keys act on, and moving the focus between panes."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widget import Widget

from tuireader.ui.widgets.article_list import ArticleList


class PaneFocus:
    """The list, the reader and the side pane of ``screen``; the classes
    ``-no-list`` and ``-no-side`` on the screen hide the first and the last."""

    def __init__(self, screen: Screen[Any], lst: str, reader: str, side: str) -> None:
        self.screen = screen
        self._ids = (lst, reader, side)

    def _widgets(self) -> tuple[Any, Any, Any]:
        query = self.screen.query_one
        lst, reader, side = self._ids
        return query(lst), query(reader), query(side)

    def focus(self, widget: Widget) -> None:
        """Focus now, not after a refresh (``Widget.focus`` waits): keys typed in
        the same burst, over SSH say, must reach the pane the previous key chose."""
        self.screen.set_focus(widget)

    def panes(self) -> list[Any]:
        lst, reader, side = self._widgets()
        shown = [lst] if not self.screen.has_class("-no-list") else []
        return [*shown, reader, *([side] if not self.screen.has_class("-no-side") else [])]

    def moving(self) -> Any:
        """The pane the line keys move in: the focused one, else the list
        (the reader when the list is hidden)."""
        lst, reader, side = self._widgets()
        focused = self.screen.focused
        if focused in (reader, side):
            return focused
        return reader if self.screen.has_class("-no-list") else lst

    def paging(self) -> Any:
        """The pane the page keys scroll: the side pane when focused, else the reader."""
        _lst, reader, side = self._widgets()
        return side if self.screen.focused is side else reader

    def cycle(self, step: int) -> None:
        panes = self.panes()
        current = self.screen.focused
        index = panes.index(current) if current in panes else (-1 if step > 0 else 0)
        self.focus(panes[(index + step) % len(panes)])

    def toggle(self, hidden_class: str) -> None:
        """Hide or show a pane (``-no-list``, ``-no-side``); a hidden pane
        hands the focus to the reader."""
        lst, reader, side = self._widgets()
        self.screen.toggle_class(hidden_class)
        pane = lst if hidden_class == "-no-list" else side
        if self.screen.has_class(hidden_class) and self.screen.focused is pane:
            self.focus(reader)


def next_unread(lst: ArticleList, step: int) -> tuple[int | None, str | None]:
    """The row of the next (step 1) or previous (-1) unread article, wrapping
    around as newsboat does; and what to say (the wrap, or that there is none)."""
    index = lst.find_unread(step)
    if index is not None:
        return index, None
    index = lst.find_unread(step, start=-1 if step > 0 else len(lst.rows))
    if index is None:
        return None, "No unread articles."
    if index == lst.cursor:
        return None, "No other unread article."
    return index, "Wrapped to the top." if step > 0 else "Wrapped to the bottom."

