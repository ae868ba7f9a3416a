"""A Line API pane's scrollable size changed without laying the screen out again."""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


def set_virtual_size(widget: Widget, size: Size) -> None:
    """Give ``widget`` its new content size. A pane whose own size never
    follows its content (its height is a share of the screen, its gutter is
    stable) needs only its scrollbar updated; assigning ``virtual_size`` would
    lay the whole screen out again, which costs as much as drawing the first
    screen of an article. A layout is still asked for when the scrollbar
    appears or goes."""
    if size == widget.virtual_size:
        return
    overflow = widget.styles.overflow_y
    height = widget.container_size.height - widget.scrollbar_size_horizontal
    shows = overflow == "scroll" or (overflow == "auto" and size.height > height)
    if not widget.is_mounted or shows != widget.show_vertical_scrollbar:
        widget.virtual_size = size
        return
    widget.set_reactive(type(widget).virtual_size, size)
    if shows:
        bar = widget.vertical_scrollbar
        bar.window_virtual_size = size.height
        bar.window_size = height
    if widget.scroll_y > widget.max_scroll_y:
        widget.scroll_y = widget.max_scroll_y
