"""The article list: a Line API ScrollView that renders only the visible rows.

One row per article: unread marker, star, the title (shaped, reordered and cut
at its logical end by the RTL engine) and the comment count. Rows are cached
as Strips, so scrolling 10,000 articles only ever formats what is on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tuireader.articles.model import Direction
from tuireader.index.list_rows import Row
from tuireader.layout.title_cut import cut_title
from tuireader.rtl import TextOptions, cell_width

UNREAD_MARK = "●"
STAR_MARK = "★"
ERROR_MARK = "!"
COUNT_WIDTH = 4  # "999+"


def count_text(comments: int | None) -> str:
    if not comments:
        return ""
    return str(comments) if comments < 1000 else "999+"


class ArticleList(ScrollView, can_focus=True, inherit_bindings=False):
    """The list of articles; ``cursor`` is the highlighted row."""


    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--marker",
        "article-list--star",
        "article-list--count",
        "article-list--error",
    }

    DEFAULT_CSS = """
    ArticleList {
        overflow-x: hidden;
    }
    ArticleList > .article-list--cursor { background: $panel; color: $text; text-style: bold; }
    ArticleList:focus > .article-list--cursor {
        background: $accent; color: $background; text-style: bold;
    }
    ArticleList > .article-list--unread { text-style: bold; }
    ArticleList > .article-list--read { color: $text-muted; }
    ArticleList > .article-list--marker { color: $accent; }
    ArticleList > .article-list--star { color: $warning; }
    ArticleList > .article-list--count { color: $text-muted; }
    ArticleList > .article-list--error { color: $error; }
    """

    # (no repaint of its own: watch_cursor repaints the two rows that changed)
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    class Highlighted(Message):
        """The cursor moved to another article (or the same one after a reload)."""

        def __init__(self, row: Row | None) -> None:
            super().__init__()
            self.row = row

    class Opened(Message):
        """The user opened the highlighted article (Enter or a double click)."""

        def __init__(self, row: Row) -> None:
            super().__init__()
            self.row = row

    def __init__(
        self,
        *,
        is_read: Callable[[str], bool],
        is_starred: Callable[[str], bool],
        options: TextOptions,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.rows: list[Row] = []
        self._index: dict[str, int] = {}
        self.is_read = is_read
        self.is_starred = is_starred
        self.options = options
        self._cache: LRUCache[tuple, list[Segment]] = LRUCache(2048)
        self._strips: LRUCache[tuple, Strip] = LRUCache(512)  # painted rows

    # -- data ------------------------------------------------------------

    @property
    def current(self) -> Row | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    def set_rows(self, rows: Sequence[Row], keep_id: str | None = None) -> None:
        """Replace the rows, keeping the cursor on ``keep_id`` (or the same
        position, clamped) so that a refresh never loses the user's place."""
        old_cursor = self.cursor
        old_id = keep_id if keep_id is not None else (self.current.id if self.current else None)
        self.rows = list(rows)
        self._index = {row.id: i for i, row in enumerate(self.rows)}
        self._cache.clear()
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))
        target = self._index.get(old_id, min(old_cursor, len(self.rows) - 1)) if old_id else 0
        self._set_cursor(max(0, target), force=True)
        self.refresh()

    def select_id(self, article_id: str) -> bool:
        index = self._index.get(article_id)
        if index is None:
            return False
        self._set_cursor(index)
        return True

    def refresh_row(self, article_id: str | None = None) -> None:
        """Redraw after a read/star change (one row, or all of them)."""
        # read/star state is part of the cache keys: nothing to drop
        index = self._index.get(article_id) if article_id is not None else None
        if index is None:
            self.refresh()
        else:
            self.refresh_line(index)

    def set_options(self, options: TextOptions) -> None:
        self.options = options
        self.refresh_row()

    # -- movement --------------------------------------------------------

    def _set_cursor(self, index: int, force: bool = False) -> None:
        if not self.rows:
            if force:
                self.cursor = 0
            return
        index = max(0, min(index, len(self.rows) - 1))
        if index != self.cursor or force:
            self.cursor = index

    def watch_cursor(self, old: int, new: int) -> None:
        top = self.scroll_y
        self._scroll_cursor_visible()
        if self.scroll_y == top:  # only the two rows changed
            self.refresh_line(old)
            self.refresh_line(new)
        else:
            self.refresh()
        self.post_message(self.Highlighted(self.current))

    def on_focus(self) -> None:
        self.refresh_line(self.cursor)  # the cursor row's colour depends on focus

    def on_blur(self) -> None:
        self.refresh_line(self.cursor)

    def _scroll_cursor_visible(self) -> None:
        if not self.scrollable_content_region.height:
            # not laid out yet (the row to reopen is set before the first frame):
            # scrolled into a pane of no height, the list opened one row down.
            # on_resize scrolls once the pane has its size.
            return
        if self.rows:
            width = max(1, self.scrollable_content_region.width)
            self.scroll_to_region(
                Region(0, self.cursor, width, 1), animate=False, force=True, immediate=True
            )

    def move_to(self, index: int) -> None:
        """Put the cursor on row ``index`` (clamped to the list)."""
        self._set_cursor(index)

    def move(self, delta: int) -> None:
        self._set_cursor(self.cursor + delta)

    def page(self, fraction: float) -> None:
        step = max(1, int(self.scrollable_content_region.height * abs(fraction)))
        self.move(step if fraction > 0 else -step)

    def home(self) -> None:
        self._set_cursor(0)

    def end(self) -> None:
        self._set_cursor(len(self.rows) - 1)

    def find_unread(self, step: int, start: int | None = None) -> int | None:
        """Index of the next (step=1) or previous (step=-1) unread row after
        ``start`` (default: the cursor)."""
        i = (self.cursor if start is None else start) + step
        while 0 <= i < len(self.rows):
            if not self.is_read(self.rows[i].id):
                return i
            i += step
        return None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = int(self.scroll_y) + offset.y
        if 0 <= row < len(self.rows):
            self._set_cursor(row)
            if event.chain >= 2:
                self.post_message(self.Opened(self.rows[row]))

    # -- rendering -------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))
        self._scroll_cursor_visible()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        base = self.rich_style
        if not 0 <= index < len(self.rows) or width <= 0:
            return Strip.blank(width, base)
        row = self.rows[index]
        cursor = index == self.cursor
        key = (*self._row_key(row, width), cursor, cursor and self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            segments = self._row_segments(row, width)
            if cursor:
                # the cursor's colours win over the markers' own, for contrast in 16 colours
                over = self.get_component_rich_style("article-list--cursor")
                segments = [Segment(seg.text, (seg.style or Style()) + over) for seg in segments]
            strip = Strip(segments).adjust_cell_length(width, over if cursor else None)
            strip = strip.apply_style(base).simplify()
            self._strips[key] = strip
        return strip

    def _row_key(self, row: Row, width: int) -> tuple:
        return (
            row.id,
            row.title,
            row.comments,
            row.error,
            width,
            self.is_read(row.id),
            self.is_starred(row.id),
            self.options,
        )

    def _row_segments(self, row: Row, width: int) -> list[Segment]:
        read = self.is_read(row.id)
        starred = self.is_starred(row.id)
        key = self._row_key(row, width)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        def style(name: str) -> Style:
            # partial: without the widget background, so the cursor row shows through
            return self.get_component_rich_style(name, partial=True)

        text_style = style("article-list--read" if read else "article-list--unread")
        if row.error:
            marker = Segment(ERROR_MARK, style("article-list--error"))
        elif not read:
            marker = Segment(UNREAD_MARK, style("article-list--marker"))
        else:
            marker = Segment(" ")
        star = Segment(STAR_MARK, style("article-list--star")) if starred else Segment(" ")
        count = count_text(row.comments)
        count_w = COUNT_WIDTH + 1 if width >= 30 else 0
        title_w = max(1, width - 4 - count_w)
        title, title_cells = _title_cells(row, title_w, self.options)
        pad = " " * max(0, title_w - title_cells)
        title_style = style("article-list--error") + text_style if row.error else text_style
        if row.direction is Direction.RTL:
            title_segments = [Segment(pad), Segment(title, title_style)]
        else:
            title_segments = [Segment(title, title_style), Segment(pad)]
        segments = [Segment(" "), marker, star, Segment(" "), *title_segments]
        if count_w:
            segments.append(
                Segment(" " + count.rjust(COUNT_WIDTH), style("article-list--count"))
            )
        self._cache[key] = segments
        return segments


def _title_cells(row: Row, width: int, options: TextOptions) -> tuple[str, int]:
    title = " ".join(row.title.split()) or "(untitled)"
    visual = cut_title(title, width, direction=row.direction, options=options)
    return visual, cell_width(visual)

