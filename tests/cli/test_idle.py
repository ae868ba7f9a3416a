"""Over a slow or metered link every byte counts: with no input and no change
in the library, the reader writes nothing to the terminal; a key repaints only
what it changed. Measured on the real program on a pseudo-terminal."""

from __future__ import annotations

import re
import time
from pathlib import Path

from tuireader.settings.paths import bundled_samples

from .pty_session import PtySession, hermetic_env, tuireader_command

IDLE = 10.0  # seconds watched (five periodic library checks at the default 2 s)


def start(tmp_path: Path, cols: int, rows: int) -> PtySession:
    return PtySession(
        [*tuireader_command(), str(bundled_samples())],
        hermetic_env(tmp_path / "home"),
        cols=cols,
        rows=rows,
    )


def settled(session: PtySession) -> None:
    """The list is indexed (its frame counts the unread), the bidi mode is
    decided (the reader's frame gives the reason once the terminal answered
    or did not) and the screen is quiet."""
    session.wait_for(lambda: " unread · " in session.text(), "the list's unread count")
    session.wait_for(lambda: re.search(r"bidi \w+ · ", session.text()) is not None,
                     "the bidi verdict")
    session.settle(0.5)


def watch(session: PtySession, seconds: float) -> int:
    """Bytes written during ``seconds`` of reading (an observation window, not a wait)."""
    before = len(session.raw)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        session.pump(min(0.1, max(0.0, end - time.monotonic())))
    return len(session.raw) - before


def test_idle_reader_writes_nothing_for_ten_seconds(tmp_path):
    with start(tmp_path, 80, 24) as session:
        settled(session)
        written = watch(session, IDLE)
        assert written == 0, f"{written} bytes written while idle: {bytes(session.raw[-300:])!r}"
        session.send("q")
        assert session.wait_exit() == 0


def test_j_writes_what_changed_not_the_whole_screen(tmp_path):
    """``j`` in the list moves the cursor and opens the next article: the list
    rows that changed, the article and its panes are written, and nothing more
    once the screen is quiet again."""
    with start(tmp_path, 80, 24) as session:
        settled(session)
        before = len(session.raw)
        session.send("j")
        session.settle(1.0)
        written = len(session.raw) - before
        print(f"j at 80x24: {written} bytes")
        # a whole 80x24 screen of these panes is over 20 KB; j used to write 23-34 KB
        assert 0 < written < 12_000
        assert watch(session, 3.0) == 0
        session.send("q")
        assert session.wait_exit() == 0
