"""The terminal driver for ``bidi = "auto"``: Textual's Linux driver, asking the
terminal which it is and keeping its answers away from the key bindings.

The questions go out once the terminal is in raw mode (so no answer is echoed
onto the user's shell); the first frame does not wait for them. Every read from
the terminal passes through the probe's reply filter before Textual's key
parser sees it, and the verdict is posted to the app as a message.

The same driver, probing or not, is the one way a control sequence of ours
reaches the terminal while the app runs (``write_to_terminal``): the driver's
writer thread owns the output stream.
"""

from __future__ import annotations

import os
import selectors
import sys
import time
import weakref
from codecs import getincrementaldecoder
from typing import Any

from textual import constants
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from tuireader.terminal.detect import Probe, Verdict


class TerminalIdentified(Message):
    """The terminal answered (or stayed silent long enough): its verdict."""

    def __init__(self, verdict: Verdict) -> None:
        super().__init__()
        self.verdict = verdict


# Each running app's driver, when it is ours (not under run_test, whose
# headless driver has no terminal to write to).
_DRIVERS: weakref.WeakKeyDictionary[App[Any], ProbingDriver] = weakref.WeakKeyDictionary()


def probing_driver(probe: Probe | None) -> type[ProbingDriver] | None:
    """The driver class for the app: None (Textual's choice) on Windows or
    when $TEXTUAL_DRIVER names another; without a probe, one that only writes."""
    if sys.platform == "win32" or (probe is None and constants.DRIVER is not None):
        return None
    return ProbingDriver.with_probe(probe) if probe is not None else ProbingDriver


def write_to_terminal(app: App[Any], sequence: str) -> None:
    """Send ``sequence`` (a bidi switch, say) to the terminal in order with the
    frames: through the driver, never straight to the stream it writes from
    another thread. Nothing to do headless or under a driver not ours."""
    driver = _DRIVERS.get(app)
    if driver is not None and sequence:
        driver.write(sequence)


class ProbingDriver(LinuxDriver):
    """Sends the probe's questions after entering application mode and filters
    every read through it. Set ``probe`` on the class (``with_probe``)."""

    probe: Probe | None = None

    def __init__(self, app: App[Any], **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        _DRIVERS[app] = self

    @classmethod
    def with_probe(cls, probe: Probe) -> type[ProbingDriver]:
        return type("ProbingDriver", (cls,), {"probe": probe})

    def start_application_mode(self) -> None:
        super().start_application_mode()
        probe = self.probe
        if probe is not None and probe.queries and self.input_tty:
            self.write(probe.queries)
            self.flush()
            probe.sent(time.monotonic())

    def _tell_app(self, verdict: Verdict) -> None:
        try:
            self.send_message(TerminalIdentified(verdict))
        except RuntimeError:
            pass  # the app is closing: nothing left to switch

    def run_input_thread(self) -> None:
        """Textual's input loop with the probe's filter in front of the parser."""
        probe = self.probe
        if probe is None:
            super().run_input_thread()
            return
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def hand_on(keys: bytes, final: bool = False) -> None:
            text = decode(keys, final=final)
            if text:
                for event in parser.feed(text):
                    self.process_message(event)

        def one_round(final: bool = False) -> None:
            for _key, mask in selector.select(0.1):
                if mask & selectors.EVENT_READ:
                    data = os.read(self.fileno, 1024 * 4)
                    if not data:
                        break  # standard input piped and ended (as Textual does)
                    hand_on(probe.feed(data, time.monotonic()))
            hand_on(probe.poll(time.monotonic()), final=final)
            verdict = probe.take_verdict()
            if verdict is not None:
                self._tell_app(verdict)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                one_round()
            selector.unregister(self.fileno)
            one_round(final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
