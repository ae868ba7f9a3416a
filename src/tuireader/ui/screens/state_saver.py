"""Saving read marks, stars and the reading position: a part of the main
screen that draws nothing.

Changes are saved a moment after they happen, in a thread (with a large
state file a save takes a tenth of a second, which keys pressed meanwhile
should not wait for); at quit, on the spot. A failed save is said once, and
so is the next one that works.
"""

from __future__ import annotations

import contextlib
import time

from textual import work
from textual.timer import Timer
from textual.widget import Widget

from tuireader.settings.state import StateStore, save_failed_note
from tuireader.ui.screens.notices import Notices

SAVE_DELAY = 1.0  # at most this long between a scroll and its save
MARK_SAVE_DELAY = 0.25  # a mark or a star: deliberate, so on disk sooner


class StateSaver(Widget):
    DEFAULT_CSS = "StateSaver { display: none; }"

    def __init__(self, store: StateStore, notices: Notices) -> None:
        super().__init__()
        self.store = store
        self.notices = notices
        self._timer: Timer | None = None
        self._due = 0.0  # (monotonic time the pending save runs at)
        self._failed = False

    def schedule(self, delay: float = SAVE_DELAY) -> None:
        # Counted from the first unsaved change, not the last: a user who keeps
        # reading still has every change on disk within ``delay``.
        due = time.monotonic() + delay
        if self._timer is not None:
            if self._due <= due:
                return
            self._timer.stop()
        self._due = due
        self._timer = self.set_timer(delay, self.save)

    def save(self, at_quit: bool = False) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not at_quit:
            self._save_worker()
            return
        try:
            self.store.save()  # (after any save still running: the store orders them)
        except OSError as exc:
            # said on the terminal once the screen is restored
            note_at_exit = getattr(self.app, "note_at_exit", self.notices.report)
            note_at_exit(save_failed_note(self.store, exc))

    @work(thread=True, group="save", exit_on_error=False)
    def _save_worker(self) -> None:
        result: OSError | None = None
        try:
            self.store.save()
        except OSError as exc:
            result = exc
        with contextlib.suppress(RuntimeError):  # (the app ended meanwhile)
            self.app.call_from_thread(self._result, result)

    def _result(self, exc: OSError | None) -> None:
        if exc is not None:
            if not self._failed:
                self.notices.report(save_failed_note(self.store, exc))
            self._failed = True
            return
        if self._failed:
            self.notices.say("Read marks are saved again.", timeout=4)
        self._failed = False
