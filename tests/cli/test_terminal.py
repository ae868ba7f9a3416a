"""terminal.py: when the reader refuses to start, SSH detection, the bidi handshake."""

import io
import os

import pytest

from tuireader.terminal.tty import (
    BIDI_EXPLICIT,
    BIDI_IMPLICIT,
    BidiHandshake,
    bidi_explicit_mode,
    is_ssh,
    locale_is_utf8,
    tui_refusal,
)


class FakeStream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def ttys(**overrides):
    streams = {name: FakeStream(True) for name in ("stdin", "stdout", "stderr")}
    streams.update(overrides)
    return streams


def test_a_terminal_with_a_usable_term_may_run_the_reader():
    assert tui_refusal({"TERM": "xterm-256color"}, **ttys()) is None


def test_term_dumb_is_refused_and_points_at_print():
    message = tui_refusal({"TERM": "dumb"}, **ttys())
    assert message and "TERM=dumb" in message and "--print" in message


@pytest.mark.parametrize("name", ["stdin", "stdout", "stderr"])
def test_a_stream_that_is_not_a_terminal_is_refused(name):
    message = tui_refusal({"TERM": "xterm"}, **ttys(**{name: FakeStream(False)}))
    assert message and "not a terminal" in message and "--print" in message
    spelled = {"stdin": "standard input", "stdout": "standard output", "stderr": "standard error"}
    assert spelled[name] in message


def test_ssh_is_detected_from_the_variables_sshd_sets():
    assert is_ssh({"SSH_CONNECTION": "127.0.0.1 5000 127.0.0.1 22"})
    assert is_ssh({"SSH_TTY": "/dev/pts/3"})
    assert not is_ssh({"TERM": "xterm", "SSH_TTY": ""})


@pytest.mark.parametrize(
    ("env", "utf8"),
    [
        ({"LANG": "C"}, False),
        ({"LANG": "en_US.UTF-8"}, True),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "POSIX"}, False),
        ({"LC_CTYPE": "C.utf8", "LANG": "C"}, True),
        ({}, False),
    ],
)
def test_locale_names_utf8(env, utf8):
    assert locale_is_utf8(env) is utf8


def test_handshake_sends_explicit_mode_then_restores_it_once():
    out = FakeStream(True)
    handshake = BidiHandshake(out)
    handshake.start()
    handshake.start()
    assert out.getvalue() == BIDI_EXPLICIT
    handshake.stop()
    handshake.stop()
    assert out.getvalue() == BIDI_EXPLICIT + BIDI_IMPLICIT


def test_handshake_is_restored_when_the_body_raises():
    out = FakeStream(True)
    with pytest.raises(RuntimeError), bidi_explicit_mode(stream=out):
        assert out.getvalue() == BIDI_EXPLICIT
        raise RuntimeError("app crashed")
    assert out.getvalue() == BIDI_EXPLICIT + BIDI_IMPLICIT


def test_no_handshake_in_terminal_mode():
    out = FakeStream(True)
    with bidi_explicit_mode(enabled=False, stream=out):
        pass
    assert out.getvalue() == ""


def test_a_mode_switch_inside_the_app_decides_what_exit_restores():
    out = FakeStream(True)
    handshake = BidiHandshake(out)
    # started in terminal mode, switched to app mode by the user, then quit
    assert handshake.switched("app") == BIDI_EXPLICIT
    handshake.stop()
    assert out.getvalue() == BIDI_IMPLICIT
    # started in app mode, switched to terminal mode: nothing to restore at exit
    out2 = FakeStream(True)
    handshake2 = BidiHandshake(out2)
    handshake2.start()
    assert handshake2.switched("terminal") == BIDI_IMPLICIT
    handshake2.stop()
    assert out2.getvalue() == BIDI_EXPLICIT


def test_handshake_survives_a_closed_terminal():
    out = FakeStream(True)
    handshake = BidiHandshake(out)
    handshake.start()
    out.close()
    handshake.stop()  # must not raise: the terminal went away


def test_sequences_are_ecma48_bdsm():
    assert BIDI_EXPLICIT == "\x1b[8l" and BIDI_IMPLICIT == "\x1b[8h"
    assert os.linesep not in BIDI_EXPLICIT
