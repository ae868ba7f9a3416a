"""term_detect: from the answers each real terminal gave (DESIGN.md) to the mode
auto chooses, and the probe's timing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuireader.terminal.detect import (
    QUERIES,
    UNKNOWN,
    Probe,
    Verdict,
    passthrough,
    tmux_passthrough_notice,
    verdict_from_env,
    verdict_from_replies,
)
from tuireader.terminal.replies import ReplyFilter

from .fake_terminals import ANSWERS


def replies_of(data: bytes):
    f = ReplyFilter()
    assert f.feed(data) + f.flush() == b""
    return f.replies


@pytest.mark.parametrize(
    ("terminal", "expected"),
    [
        ("VTE", Verdict("app", "VTE")),
        ("Konsole", Verdict("terminal", "Konsole")),
        ("xterm", Verdict("app", "xterm")),
        ("mlterm", Verdict("terminal", "mlterm")),
        ("tmux", Verdict("app", "tmux", wrap="tmux")),
    ],
)
def test_each_real_terminals_answers_choose_its_mode(terminal, expected):
    answer = b"".join(ANSWERS[terminal].values())
    assert verdict_from_replies(replies_of(answer), {}) == expected


def test_konsole_is_known_by_its_da2_alone():
    assert verdict_from_replies(replies_of(b"\x1b[>1;115;0c\x1b[?62;1;4c"), {}).mode == "terminal"


def test_a_terminal_that_knows_bidi_mode_8_gets_app_mode():
    found = verdict_from_replies(replies_of(b"\x1b[>1;9999;0c\x1b[8;2$y\x1b[?62c"), {})
    assert found.mode == "app" and "bidi mode 8" in found.terminal


@pytest.mark.parametrize(
    "garbage",
    [b"", b"\x1b[?1;2c", b"\x1b[>c", b"\x1b[>x;y;zc", b"\x1bP>|\x1b\\", b"\x1bP>|Zork 9\x1b\\"],
)
def test_silence_half_answers_and_garbage_mean_unknown_and_app_mode(garbage):
    f = ReplyFilter()
    f.feed(garbage)
    f.flush()
    assert verdict_from_replies(f.replies, {}) == Verdict("app", UNKNOWN)


@given(st.binary(max_size=120))
def test_random_bytes_never_choose_terminal_mode_by_themselves(data):
    f = ReplyFilter()
    f.feed(data)
    f.flush()
    found = verdict_from_replies(f.replies, {})
    # only the names of terminals that reorder may choose terminal mode
    assert found.mode == "app" or found.terminal in {"Konsole", "iTerm2", "PuTTY", "mlterm"}


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"VTE_VERSION": "7006"}, Verdict("app", "VTE")),
        ({"KONSOLE_VERSION": "221203"}, Verdict("terminal", "Konsole")),
        ({"TERM_PROGRAM": "iTerm.app"}, Verdict("terminal", "iTerm2")),
        ({"TERM_PROGRAM": "Apple_Terminal"}, Verdict("terminal", "macOS Terminal")),
        ({"WT_SESSION": "x"}, Verdict("app", "Windows Terminal")),
        ({"TMUX": "/tmp/tmux-0/default,1,0"}, Verdict("app", "tmux", "tmux")),
        (
            {"TMUX": "/tmp/t,1,0", "KONSOLE_VERSION": "221203"},
            Verdict("terminal", "tmux in Konsole", "tmux"),
        ),
        ({"STY": "123.pts-0.host"}, Verdict("app", "GNU screen", "screen")),
        ({"TERM": "xterm-256color"}, None),
    ],
)
def test_environment_hints(env, expected):
    assert verdict_from_env(env) == expected


def test_answers_win_over_environment_hints_but_hints_fill_silence():
    vte = replies_of(b"".join(ANSWERS["VTE"].values()))
    assert verdict_from_replies(vte, {"KONSOLE_VERSION": "1"}).terminal == "VTE"
    assert verdict_from_replies([], {"KONSOLE_VERSION": "1"}).terminal == "Konsole"


def test_tmux_passthrough_doubles_every_escape():
    assert passthrough("\x1b[8l", "tmux") == "\x1bPtmux;\x1b\x1b[8l\x1b\\"
    assert passthrough("\x1b[8h", "screen") == "\x1bP\x1b[8h\x1b\\"
    assert passthrough("\x1b[8l", None) == ""


def test_probe_decides_at_the_last_answer_and_only_once():
    probe = Probe({})
    assert probe.queries == QUERIES
    probe.sent(100.0)
    answer = b"".join(ANSWERS["Konsole"].values())
    assert probe.feed(answer[:20], 100.2) == b""
    assert probe.poll(100.2) == b"" and probe.take_verdict() is None
    assert probe.feed(answer[20:] + b"j", 101.5) == b"j"
    probe.poll(101.5)
    assert probe.take_verdict() == Verdict("terminal", "Konsole")
    assert probe.take_verdict() is None


def test_probe_gives_up_waiting_for_a_silent_terminal():
    probe = Probe({}, answer_wait=4.0)
    probe.sent(0.0)
    probe.poll(3.9)
    assert probe.take_verdict() is None
    probe.poll(4.0)
    assert probe.take_verdict() == Verdict("app", UNKNOWN)


def test_after_the_last_answer_an_escape_key_is_not_held():
    probe = Probe({})
    probe.sent(0.0)
    probe.feed(b"\x1b[?62;1;4c", 0.1)
    assert probe.feed(b"\x1b", 0.2) == b"\x1b"


def test_while_answers_are_due_an_escape_key_waits_a_moment():
    probe = Probe({})
    probe.sent(0.0)
    assert probe.feed(b"\x1b", 0.1) == b""
    assert probe.poll(0.5) == b"\x1b"


def test_macos_terminal_is_not_asked():
    assert Probe({"TERM_PROGRAM": "Apple_Terminal"}).queries == ""


@pytest.mark.parametrize(
    ("output", "code", "notice"),
    [("off\n", 0, True), ("on\n", 0, False), ("all\n", 0, False), ("", 1, False)],
)
def test_tmux_notice_only_when_passthrough_is_off(output, code, notice):
    text = tmux_passthrough_notice(output, code)
    assert bool(text) == notice
    if text:
        assert "set -g allow-passthrough on" in text and "~/.tmux.conf" in text
        assert "press B" in text
