"""``bidi = "auto"`` on the main screen (a part of MainScreen): the terminal's
verdict switches the mode once, and the mode label says why.

The verdict comes from the driver (``ui.driver``) whenever the terminal
answers: possibly before this screen is mounted (kept until it is), possibly
seconds later (the panes are then laid out again, once). A mode the user chose
with ``B`` is never overridden.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace

from textual import events, on
from textual.screen import Screen

from tuireader.term_detect import Verdict


class AutoBidi(Screen[None]):
    """The verdict's part. MainScreen supplies the options and the label."""

    #: why the mode in force was chosen, shown after it ("bidi app · VTE")
    bidi_reason: str | None = None
    _bidi_chosen_by_user = False
    _pending_verdict: Verdict | None = None

    def user_chose_bidi(self) -> None:
        self._bidi_chosen_by_user = True
        self.bidi_reason = None

    def adopt_terminal_verdict(self, verdict: Verdict) -> None:
        if not self.is_mounted:
            self._pending_verdict = verdict
            return
        if self._bidi_chosen_by_user:
            return
        self.bidi_reason = verdict.reason
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
            self.call_after_refresh(self.adopt_terminal_verdict, verdict)

    def _rewrap(self, wrap: str | None) -> str:
        if self.app.is_headless:
            return ""
        from tuireader.terminal import HANDSHAKE

        return HANDSHAKE.rewrapped(wrap)

    def _write_to_terminal(self, sequence: str) -> None:
        if not sequence or self.app.is_headless:
            return
        with contextlib.suppress(Exception):
            driver = self.app._driver
            if driver is not None:
                driver.write(sequence)
