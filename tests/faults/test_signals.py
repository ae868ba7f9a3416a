"""Signals to the real reader on a pseudo-terminal: SIGTERM, SIGHUP, SIGINT and
SIGQUIT quit the way `q` does. The mark made just before is on disk, every
terminal mode the app set is reset in the bytes it wrote (alternate screen
left, cursor shown, mouse reporting off, CSI 8 h sent), the exit status is
128 + the signal's number and nothing else reaches the terminal."""

from __future__ import annotations

import signal

import pytest

from .helpers import make_library, modes_left_on, saved_marks, start, wait_unread

SIGNALS = [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGQUIT]


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_a_signal_right_after_a_mark_quits_like_q(tmp_path, sig):
    home, root = tmp_path / "home", make_library(tmp_path / "lib")
    with start(home, root) as p:
        wait_unread(p, 6)
        p.send("m")
        wait_unread(p, 5)
        p.proc.send_signal(sig)  # at once: well inside the save delay
        code = p.wait_exit()
    raw = bytes(p.raw)
    assert code == 128 + sig
    assert len(saved_marks(home, root)) == 1, "the mark made before the signal was lost"
    assert not modes_left_on(raw), modes_left_on(raw)
    tail = raw[raw.rfind(b"\x1b[?1049l"):]
    assert b"Traceback" not in raw and b"Error" not in tail, tail[-800:]


def test_a_signal_while_the_help_screen_is_open(tmp_path):
    home, root = tmp_path / "home", make_library(tmp_path / "lib")
    with start(home, root) as p:
        wait_unread(p, 6)
        p.send("m")
        wait_unread(p, 5)
        p.send("?")
        p.wait_for(lambda: "quit" in p.text().lower() and "help" in p.text().lower(), "help")
        p.proc.send_signal(signal.SIGTERM)
        code = p.wait_exit()
    assert code == 128 + signal.SIGTERM
    assert len(saved_marks(home, root)) == 1
    assert not modes_left_on(bytes(p.raw))


def test_the_terminal_going_away_saves_and_ends(tmp_path):
    """An SSH link that drops: the terminal closes under the app (the kernel
    sends SIGHUP). Nothing can be drawn any more, but the mark is kept and the
    process ends instead of lingering."""
    home, root = tmp_path / "home", make_library(tmp_path / "lib")
    p = start(home, root)
    try:
        wait_unread(p, 6)
        p.send("m")
        wait_unread(p, 5)
        import os

        os.close(p.master)  # hang up
        p.eof = True
        code = p.proc.wait(timeout=60)  # a hang guard, not a speed bound
    finally:
        p.master = -1
        p.close()
    assert code == 128 + signal.SIGHUP
    assert len(saved_marks(home, root)) == 1


def test_a_signal_while_the_reader_is_starting(tmp_path):
    """The first thing the reader writes is the bidi handshake (CSI 8 l), before
    the interface is even imported: a signal then still ends it cleanly."""
    home, root = tmp_path / "home", make_library(tmp_path / "lib")
    with start(home, root) as p:
        p.wait_for_bytes(b"\x1b[8l")
        p.proc.send_signal(signal.SIGTERM)
        code = p.wait_exit()
    raw = bytes(p.raw)
    assert code == 128 + signal.SIGTERM
    assert not modes_left_on(raw), modes_left_on(raw)
    assert b"Traceback" not in raw
