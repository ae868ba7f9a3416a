"""The reader: one article as display lines, drawn with the Line API.

``tuireader.layout.document.article_part`` lays the article out for the pane width
(the same layout ``--print`` uses): the first screenful at once, the rest in a
worker thread once that screen is drawn, so a long article opens as fast as a
short one. This widget only paints the visible rows, caching each painted row
as a Strip. Search matches are highlighted through
each line's ``source`` mapping (visual cell -> index in the block's text), so
highlighting works in right-to-left lines too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from tuireader.articles.model import Article
from tuireader.layout.document import TITLE_BLOCK, ArticlePart, DisplayLine, article_part
from tuireader.rtl import TextOptions
from tuireader.ui.frame_labels import set_title
from tuireader.ui.visual import message_line

MAX_MEASURE = 100  # longest line in cells: wider text is hard to read
# Screenfuls laid out before a long article's first frame (the rest follows from
# a worker): two, so that the first page-down answers before the rest arrives.
FIRST_SCREENS = 2

Matcher = Callable[[str, str], Sequence[tuple[int, int]]]


#: The top line's place in the text: (block, first source index, lines above it).
Anchor = tuple[int, int, int]

#: (measure, options, rows) and the first part of the article laid out for them.
LaidOut = tuple[tuple[int, TextOptions, int], ArticlePart]


def layout_for(article: Article, key: tuple[int, TextOptions, int]) -> LaidOut:
    """Lay out the first screenful of ``article`` for ``key`` (see
    ``ReaderView.layout_key``); thread-safe. The reader lays out the rest."""
    measure, options, rows = key
    return key, layout_part(article, measure, options, 0, FIRST_SCREENS * rows)


def layout_part(
    article: Article, width: int, options: TextOptions, start: int, min_lines: int | None
) -> ArticlePart:
    """``document.article_part`` that never raises (thread-safe)."""
    try:
        return article_part(article, width, options, start=start, min_lines=min_lines)
    except Exception as exc:  # noqa: BLE001 - one bad article must not take the app down
        text = f"This article could not be displayed ({type(exc).__name__})."
        return ArticlePart([DisplayLine("error", text, len(text), "left", None, (-1,) * len(text))])


def layout_rest(article: Article, width: int, options: TextOptions, start: int) -> ArticlePart:
    """The lines after a first part (run in a worker thread)."""
    return layout_part(article, width, options, start, None)


class ReaderView(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one article; scrolls by line, page and half page."""


    COMPONENT_CLASSES = {
        "reader--title",
        "reader--subheading",
        "reader--notice",
        "reader--error",
        "reader--match",
        "reader--empty",
    }

    DEFAULT_CSS = """
    ReaderView { overflow-x: hidden; padding: 0 1; }
    ReaderView > .reader--title { color: $accent; text-style: bold; }
    ReaderView > .reader--subheading { color: $text-primary; text-style: bold; }
    ReaderView > .reader--notice { color: $warning; text-style: italic; }
    ReaderView > .reader--error { color: $error; text-style: bold; }
    ReaderView > .reader--match { background: $warning; color: $background; }
    ReaderView > .reader--empty { color: $text-muted; }
    """

    class Scrolled(Message):
        """The reader's top line changed (for saving the last position)."""

        def __init__(self, line: int) -> None:
            super().__init__()
            self.line = line

    def __init__(self, *, options: TextOptions, matcher: Matcher, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.options = options
        self.matcher = matcher
        self.query_text = ""
        self.empty_message = "No article selected."
        self.lines: list[DisplayLine] = []
        self._measure = 0
        self._resume: int | None = None  # first block not laid out yet (None: all are)
        self._generation = 0  # bumped by every new layout: a late rest is dropped
        # a position asked for beyond the first part: (wanted line, or None for
        # the first match; the top line then), taken up when the rest arrives
        # unless the reader has been scrolled meanwhile
        self._pending: tuple[int | None, int] | None = None
        # End was the last move: the end stays in view when the pane's height
        # changes right after (a new article's details table, a resize)
        self._at_end = False
        self._matches: dict[int, list[tuple[int, int]]] = {}
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(512)
        # styles looked up once per style change, not per painted line (each
        # lookup walks the widget's ancestors)
        self._styles: dict[str, Style] = {}

    # -- content ---------------------------------------------------------

    @property
    def measure(self) -> int:
        """Width the text is laid out for: the pane width, capped for readability."""
        return max(1, min(self.scrollable_content_region.width, MAX_MEASURE))

    @property
    def complete(self) -> bool:
        """Every line of the article is laid out (the rest of a long one comes
        from a worker thread shortly after its first screen)."""
        return self._resume is None

    def _rows(self) -> int:
        """Lines that fill the pane (the first part of a long article)."""
        return max(1, self.scrollable_content_region.height or self.app.size.height)

    def show(
        self,
        article: Article | None,
        scroll: int = 0,
        laid_out: LaidOut | None = None,
        keep_place: bool = False,
    ) -> None:
        """Display ``article`` from line ``scroll``. ``laid_out`` may carry its first
        part already computed (in a worker) by ``layout_for``. ``keep_place``
        (a new version of the article on screen) keeps the text at the top instead."""
        anchor = self._anchor() if keep_place else None
        self.article = article
        if anchor is not None:
            self._relayout(keep_position=True, laid_out=laid_out, anchor=anchor)
            return
        self._relayout(keep_position=False, laid_out=laid_out)
        self.scroll_to(y=scroll, animate=False, immediate=True, force=True)
        if scroll > 0 and not self.complete and scroll + self._rows() > len(self.lines):
            self._pending = (scroll, self.top_line)

    def layout_key(self) -> tuple[int, TextOptions, int]:
        """What a precomputed layout must match to be used."""
        return self.measure, self.options, self._rows()

    def show_message(self, message: str) -> None:
        self.article = None
        self.empty_message = message
        self._relayout(keep_position=False)

    def set_options(self, options: TextOptions) -> None:
        self.options = options
        self._relayout(keep_position=True)

    def set_query(self, query: str) -> None:
        self.query_text = query.strip()
        self._matches = {}
        self._add_matches(self.lines)
        self._cache.clear()
        self.refresh()

    def _relayout(
        self, keep_position: bool, laid_out: LaidOut | None = None, anchor: Anchor | None = None
    ) -> None:
        if keep_position and anchor is None:
            anchor = self._anchor()
        if not keep_position:
            self._at_end = False  # another article, or a message
        self._generation += 1
        self._pending = None
        self._measure = self.measure
        article = self.article
        if article is None:
            part = ArticlePart([])
        elif laid_out is not None and laid_out[0][:2] == (self._measure, self.options):
            part = laid_out[1]
        else:
            first = FIRST_SCREENS * self._rows()
            part = layout_part(article, self._measure, self.options, 0, first)
        self.lines, self._resume = list(part.lines), part.resume
        if anchor is not None:
            # the top line must be laid out now to keep it: lay out through its
            # block, and a screenful after it
            while self._resume is not None and (
                anchor[0] >= self._resume
                or len(self.lines) - self._find_anchor(anchor) < self._rows()
            ):
                self._lay_out_now()
        self._matches = {}
        self._add_matches(self.lines)
        self._cache.clear()
        self._update_virtual_size()
        if anchor is not None:
            self.scroll_to(y=self._find_anchor(anchor), animate=False, immediate=True, force=True)
        self.refresh()
        self._show_position()
        if self._resume is not None:
            # after the first screen is drawn: the worker competes with drawing
            self.call_after_refresh(self._start_rest, self._generation)

    def _lay_out_now(self) -> None:
        assert self.article is not None and self._resume is not None
        part = layout_part(self.article, self._measure, self.options, self._resume, self._rows())
        self.lines += part.lines
        self._resume = part.resume

    def _start_rest(self, generation: int) -> None:
        if generation != self._generation or self.article is None or self._resume is None:
            return
        args = (self.article, self._measure, self.options, self._resume, generation)
        self.run_worker(
            lambda: self._rest_worker(*args),
            thread=True,
            exclusive=True,
            group="reader-rest",
            exit_on_error=False,
        )

    def _rest_worker(
        self, article: Any, width: int, options: TextOptions, start: int, generation: int
    ) -> None:
        part = layout_rest(article, width, options, start)
        if get_current_worker().is_cancelled:
            return
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.app.call_from_thread(self._extend, generation, part)

    def _extend(self, generation: int, part: ArticlePart) -> None:
        """The rest of the article arrived: append it; the view stays where it is."""
        if generation != self._generation:
            return  # another article or width since
        # (rows already on screen do not change: repaint only if some were empty)
        short = len(self.lines) < self.top_line + self.scrollable_content_region.height
        self.lines += part.lines
        self._resume = part.resume
        self._add_matches(part.lines)
        self._update_virtual_size()
        pending, self._pending = self._pending, None
        if pending is not None and self.top_line == pending[1]:
            if pending[0] is None:
                self.scroll_to_first_match()
            else:
                self.scroll_to(y=pending[0], animate=False, immediate=True, force=True)
        if short:
            self.refresh()
        self._show_position()
        if self._resume is not None:  # (only if a part stops early)
            self._start_rest(generation)

    def _update_virtual_size(self) -> None:
        """Tell the scrollbar how many lines there are. The pane's own size never
        follows its content (its height is a share of the screen and its gutter is
        stable), so unlike a plain assignment this does not lay the whole screen
        out again, which cost as much as drawing the first screen of an article."""
        size = Size(self.scrollable_content_region.width, len(self.lines))
        if size == self.virtual_size:
            return
        scroll_update = getattr(self, "_scroll_update", None)
        if scroll_update is None or not self.is_mounted:
            self.virtual_size = size
            return
        self.set_reactive(ReaderView.virtual_size, size)
        scroll_update(size)  # scrollbar; a layout only if it appears or goes

    def _anchor(self) -> Anchor | None:
        """Where the top line's text starts: (block, first source index, lead),
        to keep across a re-wrap. A line without text of its own (the blank
        between paragraphs, a rule) is anchored on the next line that has some,
        ``lead`` lines above it: anchoring it on itself would find the first
        blank of the article, at its top. Below the last paragraph, ``lead``
        is negative: the view stays as far below that paragraph."""
        top = int(self.scroll_y)
        if not 0 <= top < len(self.lines):
            return None
        for lead, line in enumerate(self.lines[top:]):
            sources = [s for s in line.source if s >= 0]
            if line.block is not None and sources:
                return line.block, min(sources), lead
        # below the last paragraph (the metadata table): the last text above
        for back, line in enumerate(reversed(self.lines[:top]), start=1):
            sources = [s for s in line.source if s >= 0]
            if line.block is not None and sources:
                return line.block, min(sources), -back
        return None

    def _find_anchor(self, anchor: Anchor) -> int:
        """The line that now holds the anchor's character (less its lead)."""
        block, start, lead = anchor
        fallback: int | None = None
        for i, line in enumerate(self.lines):
            if line.block != block:
                continue
            if fallback is None:
                fallback = i
            if any(s >= start for s in line.source):
                return max(0, i - lead)
        return max(0, (fallback or 0) - lead)

    def _block_text(self, block: int | None) -> str | None:
        if self.article is None or block is None:
            return None
        if block == TITLE_BLOCK:
            return self.article.title
        if 0 <= block < len(self.article.blocks):
            return self.article.blocks[block].text
        return None

    def _add_matches(self, lines: Sequence[DisplayLine]) -> None:
        """Find the query in the blocks ``lines`` come from (not seen before)."""
        if not self.query_text or self.article is None:
            return
        blocks = {line.block for line in lines if line.block is not None}
        for block in blocks - self._matches.keys():
            text = self._block_text(block)
            if not text:
                continue
            try:
                ranges = list(self.matcher(self.query_text, text))
            except Exception:  # noqa: BLE001 - highlighting is a nicety
                ranges = []
            if ranges:
                self._matches[block] = ranges

    @property
    def match_lines(self) -> list[int]:
        """Indices of lines holding at least one search match."""
        return [i for i, line in enumerate(self.lines) if self._line_hits(line)]

    def _line_hits(self, line: DisplayLine) -> set[int]:
        ranges = self._matches.get(line.block) if line.block is not None else None
        if not ranges:
            return set()
        return {
            i for i, s in enumerate(line.source) if s >= 0 and any(a <= s < b for a, b in ranges)
        }

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
        """The frame's title: how far through the article the bottom row is,
        and ``end`` when the last line is on screen."""
        if self.article is None or not self.lines:
            return "Article"
        height = self.scrollable_content_region.height
        if not self.complete:
            return "Article · …"  # (the rest is being laid out)
        if len(self.lines) <= height:
            return "Article · all ■"
        if self.top_line >= len(self.lines) - height:
            return "Article · end ■"
        return f"Article · {min(99, 100 * (self.top_line + height) // len(self.lines))}%"

    def _show_position(self) -> None:
        set_title(self, self.position_label())

    # -- movement --------------------------------------------------------

    @property
    def top_line(self) -> int:
        return int(self.scroll_y)

    def move(self, delta: int) -> None:
        self.scroll_to(y=self.scroll_y + delta, animate=False, immediate=True, force=True)

    def page(self, fraction: float) -> None:
        height = self.scrollable_content_region.height
        step = max(1, int(height * abs(fraction)) - (1 if abs(fraction) >= 1 else 0))
        self.move(step if fraction > 0 else -step)

    def home(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def end(self) -> None:
        if not self.complete:
            # the end was asked for before the rest arrived: lay it out now
            self._generation += 1  # (the worker's copy is dropped)
            while self._resume is not None:
                self._lay_out_now()
            self._add_matches(self.lines)
            self._update_virtual_size()
            self.refresh()
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True, force=True)
        self._at_end = True
        self._show_position()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value < self.max_scroll_y:
            self._at_end = False  # scrolled up since (keys, wheel, scrollbar)
        if int(old_value) != int(new_value):
            self.post_message(self.Scrolled(int(new_value)))
            self._show_position()

    # -- rendering -------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        at_end = self._at_end
        if self.measure != self._measure:
            self._relayout(keep_position=True)
        else:
            self._cache.clear()
            self._update_virtual_size()
            self.refresh()
        if at_end:
            self.end()
        self._show_position()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._styles.clear()

    def _style(self, name: str) -> Style:
        """A component style, or the widget's own for "" (cached; see ``_styles``)."""
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(name, partial=True) if name else self.rich_style
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        if not self.lines:
            base = self._style("")
            if y == 1 and width > 0:
                msg = message_line(self.empty_message, width, self.options)
                empty = self._style("reader--empty")
                return Strip([Segment(msg.center(width), empty)]).apply_style(base)
            return Strip.blank(width, base)
        if not 0 <= index < len(self.lines) or width <= 0:
            return Strip.blank(width, self._style(""))
        key = (index, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._paint(self.lines[index], width).apply_style(self._style("")).simplify()
            self._cache[key] = strip
        return strip

    def _role_style(self, role: str) -> Style:
        name = {
            "title": "reader--title",
            "subheading": "reader--subheading",
            "notice": "reader--notice",
            "error": "reader--error",
        }.get(role)
        return self._style(name) if name else Style()

    def _paint(self, line: DisplayLine, width: int) -> Strip:
        measure = self._measure
        margin = max(0, (width - measure) // 2)
        style = self._role_style(line.role)
        gap = max(0, measure - line.width)
        lead = margin + (gap if line.align == "right" else 0)
        segments = [Segment(" " * lead)] if lead else []
        hits = self._line_hits(line)
        if hits:
            match_style = style + self._style("reader--match")
            run_start = 0
            text = line.text
            for i in range(1, len(text) + 1):
                if i == len(text) or ((i in hits) != (run_start in hits)):
                    chunk = text[run_start:i]
                    segments.append(Segment(chunk, match_style if run_start in hits else style))
                    run_start = i
        elif line.text:
            segments.append(Segment(line.text, style))
        return Strip(segments).adjust_cell_length(width)
