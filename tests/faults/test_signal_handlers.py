"""The signal handlers in-process: before the app runs a signal unwinds the
start-up (so every ``finally`` restores the terminal); once it runs, the
signal is handed to its loop; the handlers are put back afterwards."""

from __future__ import annotations

import os
import signal

import pytest

from tuireader.terminal.signals import EXIT_SIGNALS, ExitSignals, SignalExit, exit_status


class Loop:
    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def call_soon_threadsafe(self, fn, *args) -> None:
        self.calls.append((fn, args))

    call_soon = call_soon_threadsafe


def test_before_the_app_a_signal_unwinds_with_its_status():
    handlers = ExitSignals()
    before = signal.getsignal(signal.SIGTERM)
    handlers.install()
    try:
        with pytest.raises(SignalExit) as caught:
            os.kill(os.getpid(), signal.SIGTERM)
        assert caught.value.status == 128 + signal.SIGTERM
    finally:
        handlers.uninstall()
    assert signal.getsignal(signal.SIGTERM) == before


def test_while_starting_a_signal_waits_for_the_app_then_quits_it():
    handlers, loop, quits = ExitSignals(), Loop(), []
    handlers.install()
    try:
        handlers.defer()
        os.kill(os.getpid(), signal.SIGHUP)  # nothing raised: held
        handlers.attach(loop, quits.append)
        assert loop.calls == [(quits.append, (signal.SIGHUP,))]
        assert handlers.status == exit_status(signal.SIGHUP) == 129
    finally:
        handlers.uninstall()


def test_once_the_app_runs_a_signal_goes_to_its_loop():
    handlers, loop, quits = ExitSignals(), Loop(), []
    handlers.install()
    try:
        handlers.attach(loop, quits.append)
        os.kill(os.getpid(), signal.SIGINT)
        assert loop.calls == [(quits.append, (signal.SIGINT,))]
    finally:
        handlers.uninstall()


def test_every_exit_signal_is_handled():
    assert {signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGQUIT} <= set(EXIT_SIGNALS)


def test_the_terminal_mode_check_can_fail():
    from .helpers import modes_left_on

    quit_cleanly = (b"\x1b[8l\x1b[?1049h\x1b[?25l\x1b[?7l\x1b[>25u\x1b[?1000h\x1b[?2004h"
                    b"\x1b[?2004l\x1b[?1000l\x1b[<u\x1b[?7h\x1b[?1049l\x1b[?25h\x1b[8h")
    assert modes_left_on(quit_cleanly) == []
    killed = quit_cleanly[: quit_cleanly.index(b"\x1b[?2004l")]
    assert set(modes_left_on(killed)) == {
        "mode ?1049", "mode ?25 (cursor hidden)", "mode ?7", "mode ?1000", "mode ?2004",
        "kitty keyboard mode", "explicit bidi (CSI 8 h never sent)"}
