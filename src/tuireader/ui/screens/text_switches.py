"""The main screen's text options: the keys that switch them, the terminal's
bidi verdict (through ``auto_bidi``), and the panes and labels that follow a
change."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tuireader.rtl import TextOptions
from tuireader.rtl.options import Mode
from tuireader.settings.config import Settings
from tuireader.terminal.detect import Verdict
from tuireader.ui.frame_labels import set_subtitle

if TYPE_CHECKING:  # (the screen imports this module)
    from tuireader.ui.screens.main import MainScreen


def initial_options(settings: Settings) -> TextOptions:
    """The options at start; ``bidi = "auto"`` starts in app mode until the
    terminal's verdict arrives."""
    mode: Mode = "terminal" if settings.bidi_mode == "terminal" else "app"
    return TextOptions(mode=mode, shape=settings.shaping, harakat=settings.harakat)


class TextSwitches:
    """Switches ``screen.options``; ``screen.bidi`` decides what a verdict changes."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._pending: Verdict | None = None  # (kept until mounted)

    def toggle_mode(self) -> None:
        screen = self.screen
        mode: Mode = "terminal" if screen.options.mode == "app" else "app"
        screen.bidi.user_switched(mode)
        screen.options = replace(screen.options, mode=mode)  # the reader's border shows it
        detail = "tuireader lays out" if mode == "app" else "the terminal lays out"
        screen.notices.say(f"Bidi mode: {mode} ({detail} right-to-left text).", timeout=3)

    def toggle_harakat(self) -> None:
        screen = self.screen
        screen.options = replace(screen.options, harakat=not screen.options.harakat)
        shown = "shown" if screen.options.harakat else "hidden"
        screen.notices.say(f"Harakat (Arabic vowel marks) {shown}.", timeout=3)

    def toggle_shaping(self) -> None:
        screen = self.screen
        screen.options = replace(screen.options, shape=not screen.options.shape)
        state = "on" if screen.options.shape else "off"
        screen.notices.say(f"Letter shaping {state}.", timeout=3)

    def show(self, options: TextOptions) -> None:
        """Every pane, the filter box and the labels in ``options``."""
        screen = self.screen
        screen.article_list.set_options(options)
        screen.reader.set_options(options)
        screen.metadata.set_options(options)
        screen.filtering.set_options(options)
        screen.reading.update_title()
        self.update_label()

    def update_label(self) -> None:
        """The reader's frame names the mode in force, why, and the other options."""
        o, reason = self.screen.options, self.screen.bidi.reason
        parts = [f"bidi {o.mode}", *([reason] if reason else [])]
        parts += [*(["unshaped"] if not o.shape else []), *(["harakat"] if o.harakat else [])]
        set_subtitle(self.screen.reader, " · ".join(parts))

    def adopt(self, verdict: Verdict) -> None:
        if self.screen.is_mounted:
            self._apply(verdict)
        else:
            self._pending = verdict  # (a later verdict replaces an earlier one)

    def mounted(self) -> None:
        """The panes exist (composed before Mount): a verdict kept waiting applies."""
        verdict, self._pending = self._pending, None
        if verdict is not None:
            self._apply(verdict)

    def _apply(self, verdict: Verdict) -> None:
        screen = self.screen
        mode = screen.bidi.adopt(verdict, screen.options.mode)
        if mode is not None:
            screen.options = replace(screen.options, mode=mode)
        else:
            self.update_label()

    def keep(self) -> None:
        """Keep the mode in force for this terminal."""
        self.screen.bidi.keep(self.screen.options.mode)
        self.update_label()
