"""How the reader paints its rows: each line in its role's style, the search
matches highlighted, right-aligned lines flush right in the measure, the
measure centred in the pane; painted rows are cached as Strips."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip
from textual.widget import Widget

from tuireader.layout.document import DisplayLine
from tuireader.layout.reading import ReadingLines
from tuireader.rtl import TextOptions
from tuireader.ui.visual import message_line

_ROLE_CLASSES = {
    "title": "reader--title",
    "subheading": "reader--subheading",
    "notice": "reader--notice",
    "error": "reader--error",
}


class LinePainter:
    """Strips for a reader widget's lines, in its component styles."""

    COMPONENT_CLASSES = {*_ROLE_CLASSES.values(), "reader--match", "reader--empty"}

    DEFAULT_CSS = """
    ReaderView { overflow-x: hidden; padding: 0 1; }
    ReaderView > .reader--title { color: $accent; text-style: bold; }
    ReaderView > .reader--subheading { color: $text-primary; text-style: bold; }
    ReaderView > .reader--notice { color: $warning; text-style: italic; }
    ReaderView > .reader--error { color: $error; text-style: bold; }
    ReaderView > .reader--match { background: $warning; color: $background; }
    ReaderView > .reader--empty { color: $text-muted; }
    """

    def __init__(self, widget: Widget) -> None:
        self.widget = widget
        # styles looked up once per style change, not per painted line (each
        # lookup walks the widget's ancestors)
        self._styles: dict[str, Style] = {}
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(512)

    def clear(self) -> None:
        """Forget the painted rows (the lines or their matches changed)."""
        self._strips.clear()

    def styles_changed(self) -> None:
        self._strips.clear()
        self._styles.clear()

    def row(self, text: ReadingLines, index: int, width: int, measure: int) -> Strip:
        """Line ``index`` of ``text`` in ``width`` cells (blank past the end)."""
        if not 0 <= index < len(text.lines) or width <= 0:
            return self.blank(width)
        key = (index, width)
        strip = self._strips.get(key)
        if strip is None:
            line = text.lines[index]
            strip = self.paint(line, width, measure, text.hits(line))
            self._strips[key] = strip
        return strip

    def style(self, name: str) -> Style:
        """A component style, or the widget's own for "" (cached)."""
        style = self._styles.get(name)
        if style is None:
            widget = self.widget
            own = widget.rich_style
            style = widget.get_component_rich_style(name, partial=True) if name else own
            self._styles[name] = style
        return style

    def blank(self, width: int) -> Strip:
        return Strip.blank(width, self.style(""))

    def empty(self, y: int, width: int, message: str, options: TextOptions) -> Strip:
        """Row ``y`` of a pane without an article: the message on its second row."""
        if y == 1 and width > 0:
            text = message_line(message, width, options)
            strip = Strip([Segment(text.center(width), self.style("reader--empty"))])
            return strip.apply_style(self.style(""))
        return self.blank(width)

    def paint(self, line: DisplayLine, width: int, measure: int, hits: set[int]) -> Strip:
        """``line`` in ``width`` cells; the characters at ``hits`` highlighted."""
        margin = max(0, (width - measure) // 2)
        name = _ROLE_CLASSES.get(line.role)
        style = self.style(name) if name else Style()
        gap = max(0, measure - line.width)
        lead = margin + (gap if line.align == "right" else 0)
        segments = [Segment(" " * lead)] if lead else []
        if hits:
            match_style = style + self.style("reader--match")
            run_start = 0
            text = line.text
            for i in range(1, len(text) + 1):
                if i == len(text) or ((i in hits) != (run_start in hits)):
                    chunk = text[run_start:i]
                    segments.append(Segment(chunk, match_style if run_start in hits else style))
                    run_start = i
        elif line.text:
            segments.append(Segment(line.text, style))
        strip = Strip(segments).adjust_cell_length(width)
        return strip.apply_style(self.style("")).simplify()
