"""A text box that shows Arabic and Hebrew as they read.

Textual's Input draws what it holds in logical order, unshaped: an Arabic
query reads backwards, its letters apart. In app mode this box draws the
value through the RTL engine (rtl.editing: shaped, visual order, right-to-left
text flush right) with the caret where the next letter will appear. Left and
Right (and Shift+Left/Right, selecting) move visually; everything else (Home,
End, Backspace, Delete, Ctrl+W, typing, pasting) stays Input's logical
editing. In terminal mode the terminal reorders by itself, so Input draws as
usual.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.geometry import Offset
from textual.strip import Strip
from textual.widgets import Input
from textual.widgets.input import Selection

from tuireader.rtl import TextOptions
from tuireader.rtl.editing import FieldView, caret_for_cell, field_view, move_visually


class BidiInput(Input):
    def __init__(self, options: TextOptions, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.options = options

    def set_options(self, options: TextOptions) -> None:
        self.options = options
        self.refresh()

    @property
    def _visual(self) -> bool:
        return self.options.mode == "app" and bool(self.value) and not self.password

    def view(self) -> FieldView:
        width = max(1, self.scrollable_content_region.width)
        return field_view(self.value, self.cursor_position, width, self.options)

    def render_line(self, y: int) -> Strip:
        if y != 0 or not self._visual:
            return super().render_line(y)
        view = self.view()
        text = Text(no_wrap=True, overflow="ignore", end="")
        caret_at = None
        start, end = sorted(self.selection)
        selected = self.get_component_rich_style("input--selection") if start < end else None
        for x, (cell, src) in enumerate(view.cells):
            if x == view.caret:
                caret_at = len(text.plain) if cell else len(text.plain) - 1
            # a selection (Shift+arrows, logical) lights the cells it covers
            text.append(cell, selected if selected and start <= src < end else None)
        if self.has_focus and self._cursor_visible and caret_at is not None:
            cursor_style = self.get_component_rich_style("input--cursor")
            text.stylize(cursor_style, caret_at, caret_at + 1)
        console = self.app.console
        options = self.app.console_options.update_width(len(view.cells))
        strip = Strip(list(console.render(text, options)))
        return strip.extend_cell_length(self.size.width).apply_style(self.rich_style)

    @property
    def cursor_screen_offset(self) -> Offset:
        if not self._visual:
            return super().cursor_screen_offset
        x, y, _width, _height = self.content_region
        return Offset(x + self.view().caret, y)

    def action_cursor_left(self, select: bool = False) -> None:
        if not self._visual:
            return super().action_cursor_left(select)
        self._move(-1, select)

    def action_cursor_right(self, select: bool = False) -> None:
        if not self._visual:
            return super().action_cursor_right(select)
        self._move(1, select)

    def _move(self, step: int, select: bool) -> None:
        """One step on screen; with ``select``, the selection's moving end."""
        start, end = self.selection
        moved = move_visually(self.value, end, step, self.options)
        self.selection = Selection(start, moved) if select else Selection.cursor(moved)

    def _cell_offset_to_index(self, offset: int) -> int:
        if not self._visual:
            return super()._cell_offset_to_index(offset)
        width = max(1, self.scrollable_content_region.width)
        return caret_for_cell(self.value, offset, width, self.cursor_position, self.options)
