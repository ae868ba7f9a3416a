"""The help screen: every action with the keys bound to it now."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tuireader.rtl import TextOptions
from tuireader.rtl.options import Mode
from tuireader.settings.config import KEY_ACTIONS
from tuireader.settings.paths import display_path
from tuireader.ui.keys import display_keys
from tuireader.ui.screens.scrolling_modal import ScrollingModal
from tuireader.ui.visual import visual_text

MARKERS = (
    ("●", "unread"),
    ("★", "starred"),
    ("!", "the file could not be read (the reader says why)"),
    ("12", "number of comments"),
)


class HelpScreen(ScrollingModal):
    """Keys, list markers and where the settings live."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80%; max-width: 84; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    BODY = "help-body"
    BINDINGS = [Binding("escape,q,question_mark", "dismiss_help", "Close", id="help_close")]

    def __init__(self, keymap: Mapping[str, str], config_path: Path | None, mode: Mode) -> None:
        super().__init__()
        self.keymap = keymap
        self.config_path = config_path
        self.mode = mode

    def compose(self) -> ComposeResult:
        scroll = VerticalScroll(id="help-body")
        scroll.border_title = "Help"
        scroll.border_subtitle = "Esc to close"
        with scroll:
            yield Static(self._keys_table(), id="help-keys")
            yield Static(self._notes(), id="help-notes")

    def _keys_table(self) -> Table:
        table = Table(box=None, show_header=True, header_style="bold", expand=True, padding=(0, 1))
        table.add_column(Text("Keys"), no_wrap=True, style="bold")
        table.add_column(Text("Action"))
        table.add_column(Text("Id (for [keys] in the config)"), style="dim")
        for action in KEY_ACTIONS:
            keys = display_keys(self.app.get_key_display, action, self.keymap)
            table.add_row(Text(self._shown(keys)), Text(action.description), Text(action.id))
        return table

    def _notes(self) -> Text:
        text = Text("\nList markers\n", style="bold")
        for mark, meaning in MARKERS:
            text.append(f"  {mark:>3}  ", style="bold")
            text.append(meaning + "\n")
        text.append("\nBidi mode: ", style="bold")
        text.append(
            f"{self.mode}. In 'app' mode tuireader shapes and reorders right-to-left "
            "text itself; choose 'terminal' if your terminal reorders text on its own "
            "(letters then appear reversed in 'app' mode).\n"
        )
        text.append("\nSearch ", style="bold")
        text.append(
            self._shown(
                "ignores harakat and tatweel, unifies alef forms, ى/ي, ة/ه, Persian ی/ک, "
                "and Arabic-Indic digits."
            )
            + "\n"
        )
        if self.config_path is not None:
            text.append("\nConfig file: ", style="bold")
            text.append(self._shown(display_path(self.config_path)) + "\n")
        return text

    def _shown(self, text: str) -> str:
        """Arabic letters shaped and in visual order (app mode)."""
        return visual_text(text, TextOptions(mode=self.mode))

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
