"""``bidi = "auto"`` on the main screen: the terminal's verdict in, the mode
to use out, and why (the mode label says it).

The verdict comes from the driver (``ui.driver``) whenever the terminal
answers: possibly before the screen is mounted (it keeps it until then),
possibly seconds later (the panes are then laid out again, once). A mode the
user chose with ``B`` is never overridden; one they asked to keep for this
terminal (from the command palette) wins over the verdict's. No Textual here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tuireader.terminal import bidi_memory
from tuireader.terminal.detect import Verdict


class AutoBidi:
    """What the verdicts decided, for the state directory ``state_dir``."""

    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        #: why the mode in force was chosen, shown after it ("bidi app · VTE")
        self.reason: str | None = None
        #: the terminal the verdict named (None: not known, or not asked)
        self.terminal: str | None = None
        self._chosen_by_user = False

    def user_chose(self) -> None:
        """The user switched the mode: no verdict overrides it from now on."""
        self._chosen_by_user = True
        self.reason = None

    def adopt(self, verdict: Verdict) -> Verdict | None:
        """The verdict to act on (its mode, a kept one if the user kept one
        for this terminal; its multiplexer), or None: the user's choice stands."""
        if self._chosen_by_user:
            return None
        self.terminal = verdict.terminal
        self.reason = verdict.reason
        kept = bidi_memory.load(self.state_dir).get(verdict.terminal)
        if kept:
            verdict = replace(verdict, mode=kept)
            self.reason = f"{verdict.terminal} (kept)"
        return verdict

    def keep(self, mode: str) -> str | None:
        """Keep ``mode`` for this terminal; what to say (None: no terminal
        known). Raises OSError if it cannot be saved."""
        name = self.terminal
        if not name:
            return None
        bidi_memory.remember(self.state_dir, name, mode)
        self.reason = f"{name} (kept)"
        return f"bidi {mode} from now on in {name}"

    def forget(self) -> str | None:
        """Forget the mode kept for this terminal; what to say (None: no
        terminal known). Raises OSError if it cannot be saved."""
        name = self.terminal
        if not name:
            return None
        bidi_memory.forget(self.state_dir, name)
        return f"{name}: bidi auto again from the next start"
