"""``bidi = "auto"`` on a pseudo-terminal, against fake terminals that answer
byte for byte as the real ones did (DESIGN.md, *Terminals*): at once, 1.5 s
late, split in two writes, or not at all.

Each run checks the mode chosen (the label in the reader's border), the bytes
sent to the terminal, the screen (pyte), and that no byte of the answer reached
a key binding: nothing starred, nothing marked, no filter, no help, still on
the first article, and ``q`` still quits.
"""

from __future__ import annotations

import json
import os
import signal
import stat
from pathlib import Path

import pytest

from .fake_terminals import FakeTerminal, Timing
from .pty_session import hermetic_env, tuireader_command
from .test_pty import ALT_OFF, ALT_ON, EXPLICIT, IMPLICIT, SAMPLES, seed_drawn

WRAPPED_EXPLICIT = b"\x1bPtmux;\x1b\x1b[8l\x1b\\"
WRAPPED_IMPLICIT = b"\x1bPtmux;\x1b\x1b[8h\x1b\\"
EXPECTED = {  # terminal -> (mode, label)
    "VTE": ("app", "bidi app · VTE"),
    "Konsole": ("terminal", "bidi terminal · Konsole"),
    "xterm": ("app", "bidi app · xterm"),
    "mlterm": ("terminal", "bidi terminal · mlterm"),
    "tmux": ("app", "bidi app · tmux"),
}
TIMINGS = {
    "at-once": Timing(),
    "late": Timing(delay=1.5),
    "split": Timing(split=True),
}


def launch(home: Path, terminal: str, timing: Timing, **env: str) -> FakeTerminal:
    return FakeTerminal(
        terminal,
        timing,
        [*tuireader_command(), str(SAMPLES)],
        hermetic_env(home, **env),
        cols=100,
        rows=30,
    )


def assert_no_key_was_pressed(session: FakeTerminal, home: Path) -> None:
    """Konsole's answer holds s, n, o, l, e; xterm's r and m; DA1 has ?: none of
    them may have acted."""
    screen = session.text()
    assert "★" not in screen, "an answer byte starred an article"
    assert "21 unread · 21" in screen, "an answer byte marked or moved"
    assert "filter titles" not in screen and "Esc to close" not in screen
    session.send("q")
    assert session.wait_exit() == 0
    state = home / "state" / "tuireader" / "state.json"
    if state.exists():
        assert not any_starred(json.loads(state.read_text(encoding="utf-8")))


def any_starred(data: object) -> bool:
    if isinstance(data, dict):
        return any(
            (key == "starred" and bool(value)) or any_starred(value) for key, value in data.items()
        )
    if isinstance(data, list):
        return any(any_starred(item) for item in data)
    return False


def wait_for_label(session: FakeTerminal, label: str) -> None:
    """The label and the article drawn in the chosen mode, then idle."""
    mode = "app" if label.startswith("bidi app") else "terminal"
    session.wait_for(
        lambda: label in session.text() and seed_drawn(session.lines(), mode == "app"),
        f"{label!r} with the article drawn",
    )
    session.settle(0.3)


@pytest.mark.parametrize("timing", sorted(TIMINGS))
@pytest.mark.parametrize("terminal", sorted(EXPECTED))
def test_auto_mode_follows_the_terminals_answer(tmp_path, terminal, timing):
    mode, label = EXPECTED[terminal]
    with launch(tmp_path, terminal, TIMINGS[timing]) as session:
        wait_for_label(session, label)
        assert session.asked == [b"\x1b[8$p", b"\x1b[>0q", b"\x1b[>c", b"\x1b[c"]
        if timing == "late":
            # the first frame did not wait: the article was up before the answer
            assert session.screen_at_answer is not None
            assert seed_drawn(session.screen_at_answer, app_mode=True)
            assert "bidi app ─" in "\n".join(session.screen_at_answer)
        assert_no_key_was_pressed(session, tmp_path)
        raw = bytes(session.raw)
    # explicit mode before the alternate screen, always (auto starts as app)
    assert raw.index(EXPLICIT) < raw.index(ALT_ON)
    if mode == "terminal":
        # switched once: CSI 8 h after the answer, nothing more at exit
        assert raw.count(IMPLICIT) == 1 and raw.index(ALT_ON) < raw.index(IMPLICIT)
        assert raw.rindex(IMPLICIT) < raw.rindex(ALT_OFF)
    else:
        assert raw.rindex(ALT_OFF) < raw.rindex(IMPLICIT)
    if terminal == "tmux":
        # known from its DA2 only (no $TMUX, as over SSH): passthrough sent once
        # known, and the restore goes through it too
        assert raw.index(ALT_ON) < raw.index(WRAPPED_EXPLICIT)
        assert raw.count(WRAPPED_EXPLICIT) == 1
        assert raw[raw.rindex(ALT_OFF) :].endswith(IMPLICIT + WRAPPED_IMPLICIT)
    else:
        assert b"\x1bPtmux;" not in raw


def test_a_silent_terminal_gets_app_mode_and_the_reader_still_works(tmp_path):
    with launch(tmp_path, "xterm", Timing(silent=True)) as session:
        wait_for_label(session, "bidi app · unknown terminal")
        assert session.asked  # it was asked, and answered nothing
        assert_no_key_was_pressed(session, tmp_path)
        raw = bytes(session.raw)
    assert raw.count(EXPLICIT) == 1 and raw.index(EXPLICIT) < raw.index(ALT_ON)
    assert raw.rindex(ALT_OFF) < raw.rindex(IMPLICIT)


def test_half_an_answer_means_unknown_and_none_of_it_is_typed(tmp_path):
    # "Konsole 22.1" and no end: its s would star, its n would move
    with launch(tmp_path, "half-Konsole", Timing()) as session:
        wait_for_label(session, "bidi app · unknown terminal")
        assert session.answer.startswith(b"\x1bP>|Konsole")
        assert_no_key_was_pressed(session, tmp_path)


def fake_tmux(bin_dir: Path, passthrough: str) -> None:
    """A ``tmux`` that answers ``show -gv allow-passthrough`` (and nothing else)."""
    bin_dir.mkdir()
    script = bin_dir / "tmux"
    script.write_text(f'#!/bin/sh\n[ "$*" = "show -gv allow-passthrough" ] && echo {passthrough}\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


@pytest.mark.parametrize("passthrough", ["off", "on"])
def test_inside_tmux_passthrough_goes_first_and_off_gets_one_notice(tmp_path, passthrough):
    fake_tmux(tmp_path / "bin", passthrough)
    env = {
        "TMUX": "/tmp/tmux-1000/default,4242,0",
        "PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
    }
    with launch(tmp_path, "tmux", Timing(), **env) as session:
        if passthrough == "off":
            notice = ("allow-passthrough is off", "set -g allow-passthrough on", "press B")
            session.wait_for(
                lambda: all(part in session.text() for part in notice), "the whole notice"
            )
            session.settle(0.5)
            screen = session.text()
            assert "~/.tmux.conf" in screen
            assert screen.count("allow-passthrough is off") == 1
            session.send("x")  # any key closes it (x does nothing else)
            session.wait_for(
                lambda: "allow-passthrough" not in session.text(), "the notice to close"
            )
        wait_for_label(session, "bidi app · tmux")
        if passthrough == "on":
            session.settle(1.0)
            assert "allow-passthrough" not in session.text()
        assert_no_key_was_pressed(session, tmp_path)
        raw = bytes(session.raw)
    # before the first frame, both plain and through tmux; restored both ways
    assert raw.index(EXPLICIT) < raw.index(WRAPPED_EXPLICIT) < raw.index(ALT_ON)
    assert raw.count(WRAPPED_EXPLICIT) == 1
    assert raw[raw.rindex(ALT_OFF) :].endswith(IMPLICIT + WRAPPED_IMPLICIT)


def test_pressing_b_before_a_late_answer_keeps_the_users_choice(tmp_path):
    # Konsole answers only once the user's B has taken effect
    timing = Timing(after=lambda term: "bidi terminal ─" in term.text())
    with launch(tmp_path, "Konsole", timing) as session:
        session.wait_for(lambda: seed_drawn(session.lines(), True), "the first frame")
        session.send("B")  # the user picks terminal mode before Konsole answers
        session.wait_for_text("bidi terminal ─")
        session.wait_for(lambda: session.screen_at_answer is not None, "the late answer")
        session.send("B")  # and back to app: the answer must not undo it

        def app_mode_label() -> bool:
            # B's notice covers the frame's corner for a while: read the label
            # once it is gone (how long it stays up depends on the machine)
            text = session.text()
            return "bidi app ─" in text and "Bidi mode:" not in text

        session.wait_for(app_mode_label, "the app-mode label, with B's notice gone")
        session.settle(0.5)
        assert "Konsole" not in session.text()
        assert app_mode_label()
        session.send("q")
        assert session.wait_exit() == 0


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_under_tmux_restores_through_the_passthrough_too(tmp_path, signum):
    fake_tmux(tmp_path / "bin", "on")
    env = {
        "TMUX": "/tmp/tmux-1000/default,4242,0",
        "PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
    }
    with launch(tmp_path, "tmux", Timing(), **env) as session:
        wait_for_label(session, "bidi app · tmux")
        session.proc.send_signal(signum)
        session.wait_exit()
        raw = bytes(session.raw)
    assert raw[raw.rindex(ALT_OFF) :].endswith(IMPLICIT + WRAPPED_IMPLICIT)
