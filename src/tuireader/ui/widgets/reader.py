"""The reader: one article as display lines, drawn with the Line API.

``tuireader.document.article_lines`` lays the article out for the pane width
(the same layout ``--print`` uses); this widget only paints the visible rows,
caching each painted row as a Strip. Search matches are highlighted through
each line's ``source`` mapping (visual cell -> index in the block's text), so
highlighting works in right-to-left lines too.
"""

from __future__ import annotations

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

from tuireader.article import Article
from tuireader.document import TITLE_BLOCK, DisplayLine, article_lines
from tuireader.rtl import TextOptions

MAX_MEASURE = 100  # longest line in cells: wider text is hard to read

Matcher = Callable[[str, str], Sequence[tuple[int, int]]]


LaidOut = tuple[tuple[int, TextOptions], list[DisplayLine]]


def layout_for(article: Article, key: tuple[int, TextOptions]) -> LaidOut:
    """Lay ``article`` out for ``key`` (see ``ReaderView.layout_key``); thread-safe."""
    measure, options = key
    return key, _layout(article, measure, options)


def _layout(article: Article, width: int, options: TextOptions) -> list[DisplayLine]:
    try:
        return article_lines(article, width, options)
    except Exception as exc:  # noqa: BLE001 - one bad article must not take the app down
        text = f"This article could not be displayed ({type(exc).__name__})."
        return [DisplayLine("error", text, len(text), "left", None, (-1,) * len(text))]


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
        self._matches: dict[int, list[tuple[int, int]]] = {}
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(512)

    # -- content ---------------------------------------------------------

    @property
    def measure(self) -> int:
        """Width the text is laid out for: the pane width, capped for readability."""
        return max(1, min(self.scrollable_content_region.width, MAX_MEASURE))

    def show(
        self, article: Article | None, scroll: int = 0, laid_out: LaidOut | None = None
    ) -> None:
        """Display ``article`` from line ``scroll``. ``laid_out`` may carry lines
        already computed (in a worker, for a long article) by ``layout_for``."""
        self.article = article
        self._relayout(keep_position=False, laid_out=laid_out)
        self.scroll_to(y=scroll, animate=False, immediate=True, force=True)

    def layout_key(self) -> tuple[int, TextOptions]:
        """What a precomputed layout must match to be used."""
        return self.measure, self.options

    def show_message(self, message: str) -> None:
        self.article = None
        self.empty_message = message
        self._relayout(keep_position=False)

    def set_options(self, options: TextOptions) -> None:
        self.options = options
        self._relayout(keep_position=True)

    def set_query(self, query: str) -> None:
        self.query_text = query.strip()
        self._compute_matches()
        self._cache.clear()
        self.refresh()

    def _relayout(self, keep_position: bool, laid_out: LaidOut | None = None) -> None:
        anchor = self._anchor() if keep_position else None
        self._measure = self.measure
        if self.article is None:
            self.lines = []
        elif laid_out is not None and laid_out[0] == (self._measure, self.options):
            self.lines = laid_out[1]
        else:
            self.lines = _layout(self.article, self._measure, self.options)
        self._compute_matches()
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.lines))
        if anchor is not None:
            self.scroll_to(y=self._find_anchor(anchor), animate=False, immediate=True, force=True)
        self.refresh()

    def _anchor(self) -> tuple[int | None, int] | None:
        """The top line's block and first source index, to keep across a re-wrap."""
        top = int(self.scroll_y)
        if not 0 <= top < len(self.lines):
            return None
        line = self.lines[top]
        sources = [s for s in line.source if s >= 0]
        return line.block, (min(sources) if sources else -1)

    def _find_anchor(self, anchor: tuple[int | None, int]) -> int:
        block, start = anchor
        fallback = 0
        for i, line in enumerate(self.lines):
            if line.block != block:
                continue
            fallback = fallback or i
            if start < 0 or any(s >= start for s in line.source):
                return i
        return fallback

    def _block_text(self, block: int | None) -> str | None:
        if self.article is None or block is None:
            return None
        if block == TITLE_BLOCK:
            return self.article.title
        if 0 <= block < len(self.article.blocks):
            return self.article.blocks[block].text
        return None

    def _compute_matches(self) -> None:
        self._matches = {}
        if not self.query_text or self.article is None:
            return
        blocks = {line.block for line in self.lines if line.block is not None}
        for block in blocks:
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
            return False
        self.scroll_to(y=max(0, lines[0] - 2), animate=False, immediate=True, force=True)
        return True

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
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True, force=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if int(old_value) != int(new_value):
            self.post_message(self.Scrolled(int(new_value)))

    # -- rendering -------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self.measure != self._measure:
            self._relayout(keep_position=True)
        else:
            self._cache.clear()
            self.virtual_size = Size(self.scrollable_content_region.width, len(self.lines))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        base = self.rich_style
        if not self.lines:
            if y == 1 and width > 0:
                style = self.get_component_rich_style("reader--empty", partial=True)
                msg = self.empty_message[:width]
                return Strip([Segment(msg.center(width), style)]).apply_style(base)
            return Strip.blank(width, base)
        if not 0 <= index < len(self.lines) or width <= 0:
            return Strip.blank(width, base)
        key = (index, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._paint(self.lines[index], width).apply_style(base).simplify()
            self._cache[key] = strip
        return strip

    def _role_style(self, role: str) -> Style:
        name = {
            "title": "reader--title",
            "subheading": "reader--subheading",
            "notice": "reader--notice",
            "error": "reader--error",
        }.get(role)
        return self.get_component_rich_style(name, partial=True) if name else Style()

    def _paint(self, line: DisplayLine, width: int) -> Strip:
        measure = self._measure
        margin = max(0, (width - measure) // 2)
        style = self._role_style(line.role)
        gap = max(0, measure - line.width)
        lead = margin + (gap if line.align == "right" else 0)
        segments = [Segment(" " * lead)] if lead else []
        hits = self._line_hits(line)
        if hits:
            match_style = style + self.get_component_rich_style("reader--match", partial=True)
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
