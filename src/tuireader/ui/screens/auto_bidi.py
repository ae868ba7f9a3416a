"""``bidi = "auto"`` on the main screen: the terminal's verdict in, the mode
to use out, and why (the mode label says it).

The verdict comes from the driver (``ui.driver``) whenever the terminal
answers: possibly before the screen is mounted (it keeps it until then),
possibly seconds later (the panes are then laid out again, once). A mode the
user chose with ``B`` is never overridden; one they asked to keep for this
terminal (from the command palette) wins over the verdict's. The terminal's
own bidi is switched along with the app's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.app import App
from textual.notifications import SeverityLevel

from tuireader.rtl.options import Mode
from tuireader.terminal import bidi_memory
from tuireader.terminal.detect import Verdict
from tuireader.terminal.tty import HANDSHAKE
from tuireader.ui.driver import write_to_terminal


class AutoBidi:
    """What the verdicts decided, for the state directory ``state_dir``."""

    def __init__(self, app: App[Any], state_dir: Path) -> None:
        self.app = app
        self.state_dir = state_dir
        #: why the mode in force was chosen, shown after it ("bidi app · VTE")
        self.reason: str | None = None
        #: the terminal the verdict named (None: not known, or not asked)
        self.terminal: str | None = None
        self._chosen_by_user = False

    def user_switched(self, mode: Mode) -> None:
        """The user switched to ``mode``: no verdict overrides it from now on."""
        self._chosen_by_user = True
        self.reason = None
        self._tell_terminal(mode)

    def adopt(self, verdict: Verdict, mode: Mode) -> Mode | None:
        """The mode to switch to from ``mode`` (a kept one if the user kept
        one for this terminal), or None: no switch."""
        if self._chosen_by_user:
            return None
        self.terminal = verdict.terminal
        self.reason = verdict.reason
        kept = bidi_memory.load(self.state_dir).get(verdict.terminal)
        if kept:
            verdict = replace(verdict, mode=kept)
            self.reason = f"{verdict.terminal} (kept)"
        if not self.app.is_headless:
            write_to_terminal(self.app, HANDSHAKE.rewrapped(verdict.wrap))
        adopted: Mode = "terminal" if verdict.mode == "terminal" else "app"
        if adopted == mode:
            return None
        self._tell_terminal(adopted)
        return adopted

    def _tell_terminal(self, mode: str) -> None:
        """Switch the terminal's own bidi (CSI 8 l / 8 h) along with the app's."""
        if not self.app.is_headless:  # (the handshake remembers what it sent)
            write_to_terminal(self.app, HANDSHAKE.switched(mode))

    def keep(self, mode: str) -> None:
        """Keep ``mode`` for this terminal (asked from the palette)."""
        name = self.terminal
        if name and self._remember(bidi_memory.remember, name, mode):
            self.reason = f"{name} (kept)"
            self._notify(f"bidi {mode} from now on in {name}")

    def forget(self) -> None:
        """Forget the mode kept for this terminal (asked from the palette)."""
        name = self.terminal
        if name and self._remember(bidi_memory.forget, name):
            self._notify(f"{name}: bidi auto again from the next start")

    def _remember(self, change: Callable[..., None], *args: str) -> bool:
        try:
            change(self.state_dir, *args)
        except OSError as exc:
            self._notify(f"could not save: {exc}", severity="error")
            return False
        return True

    def _notify(self, message: str, severity: SeverityLevel = "information") -> None:
        self.app.notify(message, title="Bidi", severity=severity, markup=False)
