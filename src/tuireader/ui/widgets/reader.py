"""The reader: one article as display lines, drawn with the Line API.

The reader owns its whole pipeline. ``open(row)`` gets the row's article
(``reader_pipeline``: cache, read on the spot or in a worker, restore, keep
place) and announces it with ``ArticleShown``. ``tuireader.layout.document``
lays the article out for the pane width (the same layout ``--print`` uses):
the first screenful at once, the rest in a worker thread once that screen is
drawn, so a long article opens as fast as a short one. What the lines mean
(the text at the top, search matches, the position label) is worked out by
``tuireader.layout.reading``; this widget draws the visible rows (caching
each as a Strip) and scrolls.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tuireader.articles.model import Article
from tuireader.layout.document import ArticlePart, DisplayLine
from tuireader.layout.reading import FIRST_SCREENS, Anchor, Matcher, ReadingLines, page_step
from tuireader.rtl import TextOptions
from tuireader.ui.frame_labels import set_title
from tuireader.ui.widgets.reader_paint import LinePainter
from tuireader.ui.widgets.reader_pipeline import (
    ArticleShown,
    ArticleSource,
    LaidOut,
    LayoutKey,
    ReaderPipeline,
    lay_out,
)
from tuireader.ui.widgets.scroll_size import set_virtual_size

MAX_MEASURE = 100  # longest line in cells: wider text is hard to read


class ReaderView(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one article; scrolls by line, page and half page."""

    COMPONENT_CLASSES = LinePainter.COMPONENT_CLASSES
    DEFAULT_CSS = LinePainter.DEFAULT_CSS

    class Scrolled(Message):
        """The reader's top line changed (for saving the last position)."""

        def __init__(self, line: int) -> None:
            super().__init__()
            self.line = line

    ArticleShown = ArticleShown

    def __init__(
        self, *, options: TextOptions, matcher: Matcher, source: ArticleSource, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.options = options
        self.matcher = matcher
        self.pipeline = ReaderPipeline(self, source)
        self.empty_message = "No article selected."
        self.text = ReadingLines(matcher=matcher)
        self._measure = 0
        self._generation = 0  # bumped by every new layout: a late rest is dropped
        # a position asked for beyond the first part: (wanted line, or None for
        # the first match; the top line then), taken up when the rest arrives
        # unless the reader has been scrolled meanwhile
        self._pending: tuple[int | None, int] | None = None
        # End was the last move: the end stays in view when the pane's height
        # changes right after (a new article's details table, a resize)
        self._at_end = False
        self._painter = LinePainter(self)

    # -- content ---------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self.text.article

    @property
    def lines(self) -> list[DisplayLine]:
        return self.text.lines

    @property
    def query_text(self) -> str:
        return self.text.query

    @property
    def measure(self) -> int:
        """Width the text is laid out for: the pane width, capped for readability."""
        return max(1, min(self.scrollable_content_region.width, MAX_MEASURE))

    @property
    def complete(self) -> bool:
        """Every line of the article is laid out (the rest of a long one comes
        from a worker thread shortly after its first screen)."""
        return self.text.complete

    def _rows(self) -> int:
        """Lines that fill the pane (the first part of a long article)."""
        return max(1, self.scrollable_content_region.height or self.app.size.height)

    def layout_key(self) -> LayoutKey:
        """What a first part laid out elsewhere must match to be used."""
        return self.measure, self.options, self._rows()

    def open(self, row: Any) -> None:
        """Show the article of the list's ``row`` (see ``ReaderPipeline``)."""
        self.pipeline.open(row)

    def show(
        self,
        article: Article | None,
        scroll: int = 0,
        laid_out: LaidOut | None = None,
        keep_place: bool = False,
    ) -> None:
        """Display ``article`` from line ``scroll``. ``laid_out`` may carry its first
        part already computed (in a worker). ``keep_place`` (a new version of
        the article on screen) keeps the text at the top instead."""
        anchor = self.text.anchor(self.top_line) if keep_place else None
        self._relayout(article, laid_out=laid_out, anchor=anchor, new=anchor is None)
        if anchor is not None:
            return
        self.scroll_to(y=scroll, animate=False, immediate=True, force=True)
        if scroll > 0 and not self.complete and scroll + self._rows() > len(self.lines):
            self._pending = (scroll, self.top_line)

    def show_message(self, message: str) -> None:
        self.pipeline.cleared()
        self.empty_message = message
        self._relayout(None, new=True)

    def set_options(self, options: TextOptions) -> None:
        self.options = options
        self._relayout(self.article, anchor=self.text.anchor(self.top_line))

    def set_query(self, query: str) -> None:
        self.text.set_query(query)
        self._painter.clear()
        self.refresh()

    def _relayout(
        self,
        article: Article | None,
        laid_out: LaidOut | None = None,
        anchor: Anchor | None = None,
        new: bool = False,
    ) -> None:
        if new:
            self._at_end = False  # another article, or a message
        self._generation += 1
        self._pending = None
        self._measure = self.measure
        self.text = ReadingLines(article, self.matcher, self.text.query)
        if article is None:
            part = ArticlePart([])
        elif laid_out is not None and laid_out[0][:2] == (self._measure, self.options):
            part = laid_out[1]
        else:
            first = FIRST_SCREENS * self._rows()
            part = lay_out(article, self._measure, self.options, min_lines=first)
        self.text.add(part)
        # the top line must be laid out now to keep it
        while anchor is not None and self.text.lacks(anchor, self._rows()):
            self._lay_out_now()
        self._painter.clear()
        self._set_height()
        if anchor is not None:
            y = self.text.line_of(anchor)
            self.scroll_to(y=y, animate=False, immediate=True, force=True)
        self.refresh()
        self.show_position()
        if not self.complete:
            # after the first screen is drawn: the worker competes with drawing
            self.call_after_refresh(self._start_rest, self._generation)

    def _lay_out_now(self) -> None:
        article, start = self.article, self.text.resume
        assert article is not None and start is not None
        self.text.add(lay_out(article, self._measure, self.options, start, self._rows()))

    def _start_rest(self, generation: int) -> None:
        article, start = self.article, self.text.resume
        if generation == self._generation and article is not None and start is not None:
            self.pipeline.lay_out_rest(article, self._measure, self.options, start, generation)

    def add_rest(self, generation: int, part: ArticlePart) -> None:
        """The rest of the article arrived: append it; the view stays where it is."""
        if generation != self._generation:
            return  # another article or width since
        # (rows already on screen do not change: repaint only if some were empty)
        short = len(self.lines) < self.top_line + self.scrollable_content_region.height
        self.text.add(part)
        self._set_height()
        pending, self._pending = self._pending, None
        if pending is not None and self.top_line == pending[1]:
            if pending[0] is None:
                self.scroll_to_first_match()
            else:
                self.scroll_to(y=pending[0], animate=False, immediate=True, force=True)
        if short:
            self.refresh()
        self.show_position()
        if not self.complete:  # (only if a part stops early)
            self._start_rest(generation)

    def _set_height(self) -> None:
        set_virtual_size(self, Size(self.scrollable_content_region.width, len(self.lines)))

    @property
    def match_lines(self) -> list[int]:
        """Indices of lines holding at least one search match."""
        return self.text.match_lines()

    def scroll_to_first_match(self) -> bool:
        lines = self.match_lines
        if not lines:
            if not self.complete:  # it may be further down: look again with the rest
                self._pending = (None, self.top_line)
            return False
        target = max(0, lines[0] - 2)
        self.scroll_to(y=target, animate=False, immediate=True, force=True)
        if self.top_line != target and not self.complete:
            self._pending = (target, self.top_line)  # too near the end of the part so far
        return True

    # -- where the reader is ----------------------------------------------

    def position_label(self) -> str:
        return self.text.position_label(self.top_line, self.scrollable_content_region.height)

    def show_position(self) -> None:
        """The frame's title says how far through the article the reader is."""
        set_title(self, self.position_label())

    # -- movement --------------------------------------------------------

    @property
    def top_line(self) -> int:
        return int(self.scroll_y)

    def move(self, delta: int) -> None:
        self.scroll_to(y=self.scroll_y + delta, animate=False, immediate=True, force=True)

    def page(self, fraction: float) -> None:
        self.move(page_step(self.scrollable_content_region.height, fraction))

    def home(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def end(self) -> None:
        if not self.complete:
            # the end was asked for before the rest arrived: lay it out now
            self._generation += 1  # (the worker's copy is dropped)
            while not self.complete:
                self._lay_out_now()
            self._set_height()
            self.refresh()
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True, force=True)
        self._at_end = True
        self.show_position()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value < self.max_scroll_y:
            self._at_end = False  # scrolled up since (keys, wheel, scrollbar)
        if int(old_value) != int(new_value):
            self.post_message(self.Scrolled(int(new_value)))
            self.show_position()

    # -- rendering -------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        at_end = self._at_end
        if self.measure != self._measure:
            self._relayout(self.article, anchor=self.text.anchor(self.top_line))
        else:
            self._painter.clear()
            self._set_height()
            self.refresh()
        if at_end:
            self.end()
        self.show_position()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._painter.styles_changed()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if not self.lines:
            return self._painter.empty(y, width, self.empty_message, self.options)
        return self._painter.row(self.text, self.top_line + y, width, self._measure)
