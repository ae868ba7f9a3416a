"""Signals that end the reader end it the way ``q`` does.

SIGTERM (``kill``), SIGHUP (an SSH connection that drops), SIGINT and SIGQUIT
(``kill -INT``/``-QUIT`` from another shell; on the reader's own terminal
Ctrl+C and Ctrl+\\ are keys) all save the read marks, leave the alternate
screen, show the cursor, stop mouse reporting, put the terminal's bidi mode
back and stop the workers; the exit status is then the conventional 128 + the
signal's number, as a shell reports a program ended by that signal.

Pure (no Textual). Before the app's event loop runs, a signal unwinds the
start-up (``SignalExit``) so that every ``finally`` restores what was set;
once the app runs, the handler only hands the signal to the loop, which quits
through the same path as ``q``.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from typing import Any

#: The signals that end the reader, in the order a user is likely to meet them.
EXIT_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name)
    for name in ("SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT")
    if hasattr(signal, name)
)


def exit_status(signum: int) -> int:
    """The status a shell shows for a program ended by ``signum``."""
    return 128 + int(signum)


class SignalExit(BaseException):
    """A terminating signal arrived before the app could quit by itself.

    A BaseException, like KeyboardInterrupt: nothing on the way may swallow it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = int(signum)

    @property
    def status(self) -> int:
        return exit_status(self.signum)


class ExitSignals:
    """Install with ``install()``; the app calls ``attach(loop, quit)`` once its
    event loop runs, and ``uninstall()`` restores the previous handlers."""

    def __init__(self) -> None:
        self.received: int | None = None
        self._loop: Any = None
        self._quit: Callable[[int], None] | None = None
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        self.received = None
        for sig in EXIT_SIGNALS:
            try:
                self._previous[sig] = signal.signal(sig, self._handle)
            except (ValueError, OSError):  # not the main thread, or not settable here
                pass

    def uninstall(self) -> None:
        for sig, previous in self._previous.items():
            try:
                signal.signal(sig, previous if previous is not None else signal.SIG_DFL)
            except (ValueError, OSError, TypeError):
                pass
        self._previous.clear()
        self._loop = self._quit = None

    def attach(self, loop: Any, quit: Callable[[int], None]) -> None:
        """From now on a signal quits through ``quit(signum)`` on ``loop``. A
        signal that arrived while the app was starting is acted on now."""
        self._loop, self._quit = loop, quit
        if self.received is not None:
            loop.call_soon(quit, self.received)

    def defer(self) -> None:
        """The app is about to start: hold signals until it ``attach``es, rather
        than unwinding through the middle of its start-up."""
        self._loop = self._loop or _DEFERRED

    @property
    def status(self) -> int | None:
        return None if self.received is None else exit_status(self.received)

    def _handle(self, signum: int, _frame: Any) -> None:
        if self.received is not None:
            # already on the way out and asked again: the user insists (an exit
            # that hangs, say), so the signal does what it does by default
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        self.received = signum
        loop, quit = self._loop, self._quit
        if loop is None:
            raise SignalExit(signum)
        if loop is _DEFERRED or quit is None:
            return  # ``attach`` acts on it
        try:
            loop.call_soon_threadsafe(quit, signum)
        except RuntimeError:  # the loop has closed: the app is ending anyway
            pass


_DEFERRED = object()

#: The process-wide handlers: the CLI installs them, the app attaches to them.
EXIT_SIGNALS_HANDLER = ExitSignals()
