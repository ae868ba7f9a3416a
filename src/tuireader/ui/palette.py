"""The command palette, made to read Arabic: its box draws the query shaped
and in visual order (BidiInput), and "go to article" finds articles by title,
listed as the list shows them.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.text import Text
from textual import on
from textual.command import CommandInput, CommandPalette, Hit, Hits, Provider
from textual.widgets import Button, Input

from tuireader.index.search import contains
from tuireader.rtl import TextOptions, truncate
from tuireader.ui.widgets.bidi_input import BidiInput
from tuireader.ui.widgets.filter_bar import NO_CONTROLS

TITLE_CELLS = 60  # a title in the list of hits, cut at its logical end
MAX_TITLE_HITS = 50


class BidiCommandInput(CommandInput, BidiInput):
    """The palette's search box (CommandInput's look, BidiInput's drawing)."""


def screen_options(screen: Any) -> TextOptions:
    options = getattr(screen, "options", None)
    return options if isinstance(options, TextOptions) else TextOptions()


class BidiCommandPalette(CommandPalette):
    """Also: Enter runs a command only once something is typed or chosen
    (Textual highlights the first command at once, so Ctrl+P then Enter ran
    *Move down*)."""

    def __init__(self, options: TextOptions, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.options = options
        self._chosen = False  # the user moved through the list

    def _action_cursor_down(self) -> None:
        self._chosen = True
        super()._action_cursor_down()

    def _action_command_list(self, action: str) -> None:
        if action != "select":
            self._chosen = True
        super()._action_command_list(action)

    @on(Input.Submitted)
    @on(Button.Pressed)
    def _select_or_command(self, event: Any = None) -> None:
        if event is not None:
            event.prevent_default()  # (the base class's handler is this one's)
        if not self._chosen and not self.query_one(Input).value.strip():
            if event is not None:
                event.stop()
            return
        super()._select_or_command(event)

    def compose(self):
        for widget in super().compose():
            if type(widget) is CommandInput:  # the one box, with its settings
                widget = BidiCommandInput(
                    self.options,
                    placeholder=widget.placeholder,
                    select_on_focus=False,
                    restrict=NO_CONTROLS,  # a paste must not carry controls to the terminal
                )
            yield widget


class ArticlesProvider(Provider):
    """"go to article": the articles whose title holds the query (folded:
    harakat ignored, hamza forms and Persian letters matched as in the filter)."""

    def _rows(self):
        return list(getattr(self.screen, "entries", None) or ())

    async def search(self, query: str) -> Hits:
        if not query.strip():
            return
        options = screen_options(self.screen)
        found = 0
        for row in self._rows():
            title = " ".join(row.title.split())
            if not contains(query, title):
                continue
            shown = truncate(title, TITLE_CELLS, direction=row.direction, options=options)
            yield Hit(
                0.9,
                Text(shown),
                partial(self._go, row.id),
                text=f"go to article {title}",
                help="go to article",
            )
            found += 1
            if found >= MAX_TITLE_HITS:
                return

    def _go(self, article_id: str) -> None:
        go = getattr(self.screen, "go_to_article", None)
        if go is not None:
            go(article_id)
