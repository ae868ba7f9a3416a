"""The live filter box: ``/``, type, Esc.

In app mode the box itself shows the query shaped and in visual order
(BidiInput). In terminal mode it holds logical text for the terminal to
reorder, and a preview below draws the query through the RTL engine.

Typing restarts a short timer; when it fires, a worker thread asks the source
for the matching ids (index search plus titles, Arabic-aware) and the box
posts ``FilterChanged`` for the query typed last; the screen shows those rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tuireader.articles.model import Direction
from tuireader.index.faults import IndexUnavailable
from tuireader.rtl import TextOptions, paragraph_direction, truncate
from tuireader.ui.widgets.bidi_input import BidiInput

PREVIEW_LABEL = "reads: "
# Textual's Input draws what it holds raw: a paste carrying ESC, C0/C1 controls,
# bidi controls or lone surrogates is refused rather than sent to the terminal.
NO_CONTROLS = "[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]*"
SEARCH_DELAY = 0.12  # seconds of typing pause before the filter runs


class Searcher(Protocol):
    """What the filter asks of the library (``ui.source.Source`` fits)."""

    def search(self, query: str, entries: Sequence[Any]) -> list[str]: ...
    def warm_titles(self, entries: Sequence[Any]) -> None: ...
    def close_thread(self) -> None: ...


def search_ids(source: Searcher, query: str, entries: Sequence[Any]) -> tuple[list[str], str]:
    """The ids of ``entries`` matching ``query``, and what failed (or ""): a
    search the index cannot answer finds nothing, and says why."""
    try:
        return source.search(query, entries), ""
    except IndexUnavailable as exc:
        return [], exc.message
    except (sqlite3.Error, OSError) as exc:
        return [], f"Could not search the article index: {exc}"


def visual_query(query: str, width: int, options: TextOptions) -> tuple[str, Direction]:
    """The query as the engine would show it in ``width`` cells."""
    direction = paragraph_direction(query, Direction.LTR)
    return truncate(query, max(1, width), direction=direction, options=options), direction


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
    """``/``: a one-line input, the match count, and the readable preview.

    ``entries`` gives the rows to search (the library's, as listed now)."""

    DEFAULT_CSS = """
    FilterBar { height: auto; background: $boost; display: none; }
    FilterBar.-active { display: block; }
    FilterBar Horizontal { height: 1; }
    FilterBar #filter-prompt { width: 2; padding: 0 0 0 1; color: $accent; text-style: bold; }
    FilterBar Input { width: 1fr; }
    FilterBar #filter-count { width: auto; padding: 0 1; color: $text-muted; }
    """

    @dataclass
    class FilterChanged(Message):
        """The list should show ``ids`` (None: every row, no filter)."""

        query: str
        ids: list[str] | None
        failure: str = ""  # what went wrong with the search, in words

    def __init__(
        self,
        options: TextOptions,
        source: Searcher,
        entries: Callable[[], Sequence[Any]],
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.options = options
        self.source = source
        self.entries = entries
        self._timer: Timer | None = None
        self._pending: str | None = None  # typed, not yet shown in the list

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
        self._stop_timer()
        self.workers.cancel_group(self, "search")
        self._pending = None
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

    def set_options(self, options: TextOptions) -> None:
        if self.is_open:
            self.set_preview(self.value, options)
        else:
            self.options = options

    @property
    def settled(self) -> bool:
        """The last ``FilterChanged`` was for what is in the box now."""
        return self._pending is None

    # -- searching -------------------------------------------------------

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def warm(self) -> None:
        """Fold every title while the user types the first letters, so the
        first query does not pay for it (folding runs in chunks: the UI keeps going)."""
        self.source.warm_titles(self.entries())

    @on(Input.Changed, "#filter-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._pending = event.value.strip()
        self.set_preview(event.value, self.options)
        self._stop_timer()
        self._timer = self.set_timer(SEARCH_DELAY, lambda: self.search(event.value))

    @on(Input.Submitted, "#filter-input")
    def _submitted(self, event: Input.Submitted) -> None:
        # (on up to the screen, which clears an empty filter and moves the focus)
        self._stop_timer()
        if event.value.strip() and self._pending is not None:  # typed faster than the filter ran
            self.search(event.value)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def search(self, query: str) -> None:
        """Filter the list by ``query`` (again: the rows may have changed)."""
        query = query.strip()
        if not query:
            self._pending = None
            self.set_count("")
            self.post_message(self.FilterChanged("", None))
            return
        self._search_worker(query, self.entries())

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search_worker(self, query: str, entries: Sequence[Any]) -> None:
        worker = get_current_worker()
        try:
            ids, failure = search_ids(self.source, query, entries)
        finally:
            self.source.close_thread()
        if not worker.is_cancelled:
            self.app.call_from_thread(self._found, query, ids, failure)

    def _found(self, query: str, ids: list[str], failure: str) -> None:
        if not self.is_open:
            return  # closed meanwhile
        if self._pending == query:
            self._pending = None
        self.post_message(self.FilterChanged(query, ids, failure))
