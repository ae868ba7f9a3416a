"""The Metadata pane: the article's comment line, then its metadata table.

Every line goes through the RTL engine (``document.details_lines``); the
comment line is shown as the article wrote it (``تعليقات (12)``), not turned
into English (a separate box for one count cost a pane's worth of space).
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tuireader.articles.model import Article
from tuireader.layout.document import DisplayLine, details_lines
from tuireader.layout.reading import failure_lines, failure_text
from tuireader.rtl import TextOptions
from tuireader.ui.widgets.scroll_size import set_virtual_size


class MetadataPane(ScrollView, can_focus=True, inherit_bindings=False):
    """The comment line and the key/value table scraped with the article,
    drawn with the Line API."""

    COMPONENT_CLASSES = {"metadata--caption", "metadata--key", "metadata--value", "metadata--empty"}

    DEFAULT_CSS = """
    MetadataPane { overflow-x: hidden; }
    MetadataPane > .metadata--caption { text-style: bold; color: $accent; }
    MetadataPane > .metadata--key { color: $text-muted; text-style: bold; }
    MetadataPane > .metadata--value { }
    MetadataPane > .metadata--empty { color: $text-muted; }
    """

    def __init__(self, *, options: TextOptions, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.options = options
        self.lines: list[DisplayLine] = []
        self._width = 0

    def show(self, article: Article | None) -> None:
        self.article = article
        self._relayout()
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def set_options(self, options: TextOptions) -> None:
        self.options = options
        self._relayout()

    def _relayout(self) -> None:
        self._width = width = max(1, self.scrollable_content_region.width)
        lines: list[DisplayLine] = []
        if self.article is not None:
            try:
                lines = details_lines(self.article, width, self.options)
            except Exception as exc:  # noqa: BLE001 - the pane's one boundary: said, not raised
                lines = failure_lines(failure_text("lay out the details", exc), width)
        resized = len(lines) != len(self.lines)
        self.lines = lines
        size = Size(width, max(1, len(lines)))
        # The screen is laid out again only if the pane's height follows its lines
        # (folded under the reader); beside the reader its height is fixed, and a
        # layout on each article opened cost as much as drawing the article.
        height = self.styles.height
        follows = resized and (height is None or height.is_auto)
        if follows:
            self.virtual_size = size
            self.refresh(layout=True)
        else:
            set_virtual_size(self, size)  # (a layout only if the scrollbar appears or goes)
            self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.lines))

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._relayout()

    # -- movement (same protocol as the other panes) ----------------------

    def move(self, delta: int) -> None:
        self.scroll_to(y=self.scroll_y + delta, animate=False, immediate=True, force=True)

    def page(self, fraction: float) -> None:
        step = max(1, int(self.scrollable_content_region.height * abs(fraction)))
        self.move(step if fraction > 0 else -step)

    def home(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def end(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True, force=True)

    # -- rendering -------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = int(self.scroll_y) + y
        if not self.lines:
            if y == 0 and self.article is not None:
                style = self.get_component_rich_style("metadata--empty", partial=True)
                return Strip([Segment("no details", style)]).adjust_cell_length(width).apply_style(
                    base
                )
            return Strip.blank(width, base)
        if not 0 <= index < len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[index]
        gap = max(0, width - line.width)
        lead = gap if line.align == "right" else 0
        segments = [Segment(" " * lead)] if lead else []
        segments += self._styled(line)
        return Strip(segments).adjust_cell_length(width).apply_style(base).simplify()

    def _styled(self, line: DisplayLine) -> list[Segment]:
        def style_of(name: str) -> Style:
            return self.get_component_rich_style(name, partial=True)

        if line.role == "meta_caption":
            return [Segment(line.text, style_of("metadata--caption"))]
        if not line.spans:
            return [Segment(line.text)]
        out: list[Segment] = []
        pos = 0
        for start, end, role in line.spans:
            if start > pos:
                out.append(Segment(line.text[pos:start]))
            name = "metadata--key" if role == "meta_key" else "metadata--value"
            out.append(Segment(line.text[start:end], style_of(name)))
            pos = end
        if pos < len(line.text):
            out.append(Segment(line.text[pos:], Style()))
        return out
