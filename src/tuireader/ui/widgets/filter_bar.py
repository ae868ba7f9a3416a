"""The live filter box.

In app mode the box itself shows the query shaped and in visual order
(BidiInput). In terminal mode it holds logical text for the terminal to
reorder, and a preview below draws the query through the RTL engine.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from tuireader.articles.model import Direction
from tuireader.rtl import TextOptions, paragraph_direction, truncate
from tuireader.ui.widgets.bidi_input import BidiInput

PREVIEW_LABEL = "reads: "
# Textual's Input draws what it holds raw: a paste carrying ESC, C0/C1 controls,
# bidi controls or lone surrogates is refused rather than sent to the terminal.
NO_CONTROLS = "[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]*"


def visual_query(query: str, width: int, options: TextOptions) -> tuple[str, Direction]:
    """The query as the engine would show it in ``width`` cells."""
    direction = paragraph_direction(query, Direction.LTR)
    try:
        return truncate(query, max(1, width), direction=direction, options=options), direction
    except Exception:  # noqa: BLE001 - the preview is a nicety
        return query[:width], direction


class QueryPreview(Static):
    """One line: the query shaped and reordered; hidden when it would add nothing."""

    DEFAULT_CSS = """
    QueryPreview { height: 1; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, options: TextOptions, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.options = options
        self.query_text = ""

    def set_query(self, query: str, options: TextOptions | None = None) -> None:
        self.query_text = query
        if options is not None:
            self.options = options
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        width = max(1, self.content_region.width - len(PREVIEW_LABEL))
        visual, _direction = visual_query(self.query_text, width, self.options)
        # (in app mode the box itself reads right)
        self.display = (
            bool(self.query_text) and visual != self.query_text and self.options.mode != "app"
        )
        text = Text(PREVIEW_LABEL, style="dim")
        text.append(visual, style="bold")
        self.update(text)


class FilterBar(Vertical):
    """``/``: a one-line input, the match count, and the readable preview."""

    DEFAULT_CSS = """
    FilterBar { height: auto; background: $boost; display: none; }
    FilterBar.-active { display: block; }
    FilterBar Horizontal { height: 1; }
    FilterBar #filter-prompt { width: 2; padding: 0 0 0 1; color: $accent; text-style: bold; }
    FilterBar Input { width: 1fr; }
    FilterBar #filter-count { width: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, options: TextOptions, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.options = options

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static("/", id="filter-prompt", markup=False)
            yield BidiInput(
                self.options,
                placeholder="filter titles and text",
                compact=True,
                restrict=NO_CONTROLS,
                id="filter-input",
            )
            yield Static("", id="filter-count", markup=False)
        yield QueryPreview(self.options, id="filter-preview")

    @property
    def input(self) -> BidiInput:
        return self.query_one("#filter-input", BidiInput)

    @property
    def value(self) -> str:
        return self.input.value

    def open(self) -> None:
        # A blinking cursor redraws twice a second: terminal traffic for nothing
        # when animations are off (over SSH by default).
        self.input.cursor_blink = self.app.animation_level != "none"
        self.add_class("-active")  # the screen focuses the box

    def close(self) -> None:
        self.remove_class("-active")
        self.input.value = ""
        self.set_count("")
        self.query_one(QueryPreview).set_query("")

    @property
    def is_open(self) -> bool:
        return self.has_class("-active")

    def set_count(self, text: str) -> None:
        self.query_one("#filter-count", Static).update(Text(text))

    def set_preview(self, query: str, options: TextOptions | None = None) -> None:
        if options is not None:
            self.options = options
            self.input.set_options(options)
        self.query_one(QueryPreview).set_query(query, options)
