"""The main screen's size: wide (side panes beside the reader) or narrow,
and too small to be read at all (the panes give way to a message)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

WIDE = 130  # from this width the side panes sit beside the reader
MIN_WIDTH, MIN_HEIGHT = 64, 22  # below this the panes give way to a message


def set_layout_class(screen: Screen[Any], width: int) -> None:
    wide = width >= WIDE
    if screen.has_class("-wide") != wide or screen.has_class("-narrow") == wide:
        # (a class change restyles every widget: only when it changes)
        screen.set_class(wide, "-wide")
        screen.set_class(not wide, "-narrow")


class SizeGuard:
    """Below the minimum the panes would be unreadable: they are hidden (they
    keep their selection and scroll) and a message says what size is needed.
    ``home`` is the pane to focus if none had the focus before."""

    def __init__(self, screen: Screen[Any], home: Callable[[], Widget]) -> None:
        self.screen = screen
        self.home = home
        self.too_small = False
        self._focus_before: Widget | None = None

    def apply(self, width: int, height: int) -> None:
        screen = self.screen
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if small:
            screen.query_one("#too-small", Static).update(
                Text(
                    f"Terminal too small: {width}×{height} —\n"
                    f"tuireader needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n\n"
                    "Enlarge the window, or read one article with:\n"
                    "tuireader --print FILE"
                )
            )
        set_layout_class(screen, width)
        if small == self.too_small:
            return
        self.too_small = small
        if small:
            self._focus_before = screen.focused
        screen.set_class(small, "-too-small")
        if not small:
            previous, self._focus_before = self._focus_before, None
            if previous is not None and previous.is_attached:
                screen.set_focus(previous)
            elif screen.focused is None:
                screen.set_focus(self.home())
        screen.refresh_bindings()

    def allows(self, action: str) -> bool:
        """Quitting always; ``small_quit`` only while too small, and nothing
        else then (nothing else is on screen to act on)."""
        return action == "quit" or self.too_small == (action == "small_quit")
