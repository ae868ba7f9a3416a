"""A modal screen of text read with the reader's keys (help, messages)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen


class ScrollingModal(ModalScreen[None]):
    """Its body is the ``VerticalScroll`` with id ``BODY``; j/k, Space/b and
    g/G move through it as they do through an article."""

    BODY = ""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
        Binding("space,pagedown", "scroll(10)", "Page down", show=False),
        Binding("b,pageup", "scroll(-10)", "Page up", show=False),
        Binding("g,home", "scroll_edge(0)", "Top", show=False),
        Binding("G,end", "scroll_edge(1)", "Bottom", show=False),
    ]

    def _body(self) -> VerticalScroll:
        return self.query_one(f"#{self.BODY}", VerticalScroll)

    def action_scroll(self, lines: int) -> None:
        body = self._body()
        body.scroll_to(y=max(0, body.scroll_y + lines), animate=False)

    def action_scroll_edge(self, bottom: int) -> None:
        body = self._body()
        body.scroll_to(y=body.max_scroll_y if bottom else 0, animate=False)
