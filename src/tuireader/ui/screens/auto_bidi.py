"""``bidi = "auto"`` on the main screen (a part of MainScreen): the terminal's
verdict switches the mode once, and the mode label says why.

The verdict comes from the driver (``ui.driver``) whenever the terminal
answers: possibly before this screen is mounted (kept until it is), possibly
seconds later (the panes are then laid out again, once). A mode the user chose
with ``B`` is never overridden; one they asked to keep for this terminal (from
the command palette) wins over the verdict's.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace

from textual import events, on
from textual.screen import Screen

from tuireader.terminal import bidi_memory
from tuireader.terminal.detect import Verdict


class AutoBidi(Screen[None]):
    """The verdict's part. MainScreen supplies the options and the label."""

    #: why the mode in force was chosen, shown after it ("bidi app · VTE")
    bidi_reason: str | None = None
    #: the terminal the verdict named (None: not known, or not asked)
    bidi_terminal: str | None = None
    _bidi_chosen_by_user = False
    _pending_verdict: Verdict | None = None

    def user_chose_bidi(self) -> None:
        self._bidi_chosen_by_user = True
        self.bidi_reason = None

    def adopt_terminal_verdict(self, verdict: Verdict) -> None:
        if not self.is_mounted:
            self._pending_verdict = verdict  # a later verdict replaces an earlier one
            return
        self._apply_verdict(verdict)

    def _apply_verdict(self, verdict: Verdict) -> None:
        if self._bidi_chosen_by_user:
            return
        self.bidi_terminal = verdict.terminal
        self.bidi_reason = verdict.reason
        kept = bidi_memory.load(self.store.state_dir).get(verdict.terminal)
        if kept:
            verdict = replace(verdict, mode=kept)
            self.bidi_reason = f"{verdict.terminal} (kept)"
        self._write_to_terminal(self._rewrap(verdict.wrap))
        if verdict.mode != self.options.mode:
            self._set_options(replace(self.options, mode=verdict.mode))
            self._tell_terminal(verdict.mode)
        else:
            self._update_mode_label()

    @on(events.Mount)
    def _adopt_pending_verdict(self) -> None:
        verdict, self._pending_verdict = self._pending_verdict, None
        if verdict is not None:
            self._apply_verdict(verdict)  # the panes exist: composed before Mount

    def keep_bidi_for_terminal(self) -> None:
        """Keep the mode in force for this terminal (asked from the palette)."""
        name, mode = self.bidi_terminal, self.options.mode
        if not name:
            return
        try:
            bidi_memory.remember(self.store.state_dir, name, mode)
        except OSError as exc:
            self.notify(f"could not save: {exc}", title="Bidi", severity="error", markup=False)
            return
        self.bidi_reason = f"{name} (kept)"
        self._update_mode_label()
        self.notify(f"bidi {mode} from now on in {name}", title="Bidi", markup=False)

    def forget_bidi_for_terminal(self) -> None:
        name = self.bidi_terminal
        if not name:
            return
        try:
            bidi_memory.forget(self.store.state_dir, name)
        except OSError as exc:
            self.notify(f"could not save: {exc}", title="Bidi", severity="error", markup=False)
            return
        self.notify(f"{name}: bidi auto again from the next start", title="Bidi", markup=False)

    def _rewrap(self, wrap: str | None) -> str:
        if self.app.is_headless:
            return ""
        from tuireader.terminal.tty import HANDSHAKE

        return HANDSHAKE.rewrapped(wrap)

    def _write_to_terminal(self, sequence: str) -> None:
        if not sequence or self.app.is_headless:
            return
        with contextlib.suppress(Exception):
            driver = self.app._driver
            if driver is not None:
                driver.write(sequence)
