"""The real program on a pseudo-terminal: every byte it writes is checked.

The corpus plants a unique ``PWNED-...`` marker inside each escape sequence it
hides in an article, a file name or a value. Whatever the app draws, no escape
sequence in its output may carry one, every escape sequence must be one the
app itself emits (Textual's drawing and modes, the bidi handshake), and no C1
control or bidi override may appear at all.
"""

from __future__ import annotations

import io
import os
import re
import sys
import threading
from collections import Counter

import pytest

from cli.pty_session import PtySession, hermetic_env, tuireader_command
from tuireader import cli

from .checks import BIDI_CONTROLS, c1_in_output, disallowed_sequences, escape_sequences
from .corpus import Corpus
from .walk import walk

COLS, ROWS = 80, 24
_WINDOW_TITLE = re.compile(rb"\x1b\][012];")
# Textual sets the mouse pointer shape (OSC 22) with fixed names, nothing else.
_OSC_POINTER = re.compile(rb"\x1b\]22;[a-z-]+\x07")


def check_stream(raw: bytes, markers: list[str], *, isolates: bool = False) -> None:
    """Everything a terminal would act on in ``raw`` is the app's own."""
    sequences = escape_sequences(raw)
    for seq in sequences:
        for marker in markers:
            assert marker.encode() not in seq, f"content reached the terminal: {seq!r}"
    bad = [s for s in disallowed_sequences(raw) if not _OSC_POINTER.fullmatch(s)]
    assert not bad, f"escape sequences the app does not emit: {Counter(bad).most_common(8)}"
    assert not _WINDOW_TITLE.search(raw), "the window title was set"
    assert not c1_in_output(raw), "C1 controls in the output"
    text = raw.decode("utf-8", "replace")
    allowed = {"\u2067", "\u2069"} if isolates else set()
    found = {ch for ch in text if ch in BIDI_CONTROLS} - allowed
    assert not found, f"bidi controls in the output: {sorted(found)!r}"
    # Outside escape sequences only text, CR and LF.
    rest = re.sub(rb"\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
                  rb"|\x1b[\x20-\x7e]", b"", raw)
    controls = Counter(chr(b) for b in rest if (b < 0x20 and b not in (10, 13)) or b == 0x7F)
    assert not controls, f"control bytes in the output: {controls}"


def test_reader_on_a_pty_never_forwards_escapes_from_articles(corpus: Corpus, tmp_path):
    listed = sum(1 for c in corpus.entries if c.listed)
    naughty = next(i for i, c in enumerate(sorted_listed(corpus)) if "naughty/" in c)
    argv = [*tuireader_command(), str(corpus.root)]
    env = hermetic_env(tmp_path / "home", COLORTERM="truecolor")
    with PtySession(argv, env, cols=COLS, rows=ROWS) as p:
        p.wait_for_bytes(b"GOOD-PLAIN")
        p.settle(0.2)
        # Default (app) bidi mode: every special file is shown, some opened.
        missed, _ = walk(p, naughty, COLS, open_every=10)
        # Terminal bidi mode (B): the app adds RLI/PDI itself, no other bidi
        # control may get out. Of the naughty strings (each also walked through
        # the app in test_app_pilot) every fourth is waited for.
        switch = len(p.raw)
        p.send(b"B")
        p.settle(0.2)
        more, last = walk(p, listed - 1 - naughty, COLS, open_every=12,
                          wait=lambda step: step % 4 == 0, last="NAUGHTY-65")
        # a few titles may coincide; many misses would mean articles stopped showing
        assert len(missed + more) <= 3, f"no new article shown at steps {missed + more}"
        assert "NAUGHTY-65" in last  # the walk got to the end of the list
        p.send(b"q")
        assert p.wait_exit() == 0
    raw = bytes(p.raw)
    check_stream(raw[:switch], corpus.markers)
    check_stream(raw[switch:], corpus.markers, isolates=True)
    assert "\u2067".encode() in raw[switch:], "terminal mode never isolated a right-to-left run"


def sorted_listed(corpus: Corpus) -> list[str]:
    """The listed entries in list order (natural order of their paths)."""
    from tuireader.articles.scan import natural_key

    return sorted((c.name for c in corpus.entries if c.listed), key=natural_key)


# -- tuireader --print -------------------------------------------------------------


def print_on_pty(monkeypatch, args: list[str]) -> tuple[int, bytes]:
    """Run ``tuireader ARGS`` in this process with stdout and stderr on a pty."""
    master, slave = os.openpty()
    out = bytearray()

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            out.extend(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    stream = io.TextIOWrapper(io.FileIO(slave, "w", closefd=False), encoding="utf-8",
                              line_buffering=True)
    monkeypatch.setattr(sys, "stdout", stream)
    monkeypatch.setattr(sys, "stderr", stream)
    try:
        code = cli.main(args)
    finally:
        stream.flush()
        monkeypatch.undo()
        os.close(slave)
    reader.join(10)
    os.close(master)
    return code, bytes(out)


def test_print_every_file_on_a_pty(corpus: Corpus, home, monkeypatch):
    for case in corpus.entries:
        if not case.listed:
            continue
        path = corpus.path(case)
        with monkeypatch.context() as m:
            m.setenv("TERM", "xterm-256color")
            m.delenv("COLUMNS", raising=False)
            code, out = print_on_pty(m, ["--print", str(path), "--width", "60"])
        check_stream(out, corpus.markers)
        text = out.decode("utf-8", "replace")
        if case.good:
            assert code == 0, (case.name, text)
            if case.title_marker:
                assert case.title_marker in text, (case.name, text)
            if case.body_marker:
                assert case.body_marker in text, (case.name, text)
        else:
            assert code == cli.EXIT_USAGE, (case.name, text)
            assert text.startswith("tuireader: "), text
            assert any(w in text for w in case.error_words), (case.name, text)
            assert case.name[:4] in text, (case.name, text)  # it names the file


@pytest.mark.parametrize("name", ["003_escapes.txt", "004_markup.txt",
                                  "034_fifo\x1b]0;PWNED-FIFO-NAME\x07.txt"])
def test_print_as_a_real_process(corpus: Corpus, tmp_path, name):
    """The installed command, not just main(): what a user's terminal receives."""
    assert any(c.name == name for c in corpus.entries)
    argv = [*tuireader_command(), "--print", os.fsencode(corpus.root / name)]
    env = hermetic_env(tmp_path / "home", COLORTERM="truecolor")
    with PtySession(argv, env, cols=COLS, rows=ROWS) as p:
        code = p.wait_exit()
    check_stream(bytes(p.raw), corpus.markers)
    assert code == (2 if "fifo" in name else 0), bytes(p.raw)


@pytest.mark.parametrize("leak", [
    b"\x1b]0;PWNED-TITLE-OSC0\x07",  # window title
    b"\x1b]52;c;aGk=\x07",  # clipboard
    b"\x1b]8;;https://x\x1b\\y\x1b]8;;\x1b\\",  # hyperlink
    b"\x1bPq#0~\x1b\\",  # DCS (sixel)
    b"\x1b_x\x1b\\",  # APC
    b"\x1b[6n",  # a query the terminal would answer on our input
    b"\x1bc",  # full reset
    "\u009b2J".encode(),  # 8-bit CSI
    "\u202eevil".encode(),  # bidi override
    b"a\x07b",  # bell
    b"a\x08b",  # backspace
])
def test_the_stream_check_catches_leaks(leak):
    """The checks above must be able to fail: each of these slips through none."""
    clean = b"\x1b[8l\x1b[?1049h\x1b[1;1H\x1b[38;2;1;2;3mtext\x1b[0m\r\n\x1b[?1049l\x1b[8h"
    check_stream(clean, ["PWNED-TITLE-OSC0"])
    with pytest.raises(AssertionError):
        check_stream(clean[:20] + leak + clean[20:], ["PWNED-TITLE-OSC0"])
