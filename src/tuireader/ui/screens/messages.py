"""The messages screen: every problem found at start-up (config file, state
file, directory), in one scrollable notice, also reachable from the command
palette (*Messages*). Toasts stacked past the top of an 80x24 screen and
vanished after a few seconds with nowhere to read them again."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tuireader.ui.screens.scrolling_modal import ScrollingModal


class MessagesScreen(ScrollingModal):
    DEFAULT_CSS = """
    MessagesScreen { align: center middle; }
    MessagesScreen > VerticalScroll {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    MessagesScreen Static { margin-bottom: 1; }
    """

    BODY = "messages-body"
    BINDINGS = [Binding("escape,q,enter", "close", "Close", id="messages_close")]

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__()
        self.messages = list(messages)

    def compose(self) -> ComposeResult:
        body = VerticalScroll(id="messages-body")
        count = len(self.messages)
        body.border_title = f"{count} message{'s' if count != 1 else ''}" if count else "Messages"
        body.border_subtitle = "Esc to close · Ctrl+P › Messages shows them again"
        with body:
            if not self.messages:
                yield Static(Text("No messages."))
            for message in self.messages:
                # (Text, not markup: messages quote file names and config values)
                yield Static(Text(message), classes="message")

    def action_close(self) -> None:
        self.dismiss(None)
