"""The list's view (every article, the unread or the starred ones) and its
order, as the keys switch them on the main screen: the order is remembered
for the next start, and each switch is said."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tuireader.index.list_order import SORT_NAMES, next_sort, save_sort

if TYPE_CHECKING:  # (the screen imports this module)
    from tuireader.ui.screens.main import MainScreen


class ListModes:
    """Switches ``screen.view`` and ``screen.sort`` (their watchers rebuild the list)."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def next_sort(self) -> None:
        screen = self.screen
        screen.sort = next_sort(screen.sort)
        save_sort(screen.store.state_dir, screen.sort)
        screen.notices.say(f"Sorted by {SORT_NAMES[screen.sort]}.", timeout=2)

    def toggle_view(self, view: str) -> None:
        """Show only ``view`` ("unread", "starred"), or everything if it is shown."""
        screen = self.screen
        screen.view = "all" if screen.view == view else view
        shown = "all articles" if screen.view == "all" else f"{screen.view} articles only"
        screen.notices.say(f"Showing {shown}.", timeout=2)
