"""Marks reach the disk within about a second of the key however busy the user
is, and kill -9 (which nothing can handle) loses none that were on screen a
moment before."""

from __future__ import annotations

import os
import signal

from .helpers import make_library, saved_marks, start, wait_until

MARKS = 10


def test_marks_are_on_disk_while_the_user_keeps_reading(tmp_path):
    home, root = tmp_path / "home", make_library(tmp_path / "lib", 14)
    with start(home, root, rows=40) as p:
        p.wait_for(lambda: "14 unread" in p.text(), "the list")
        for i in range(MARKS):
            p.send("m")
            p.wait_for(lambda i=i: f"{13 - i} unread" in p.text(), f"mark {i + 1}")
            p.send("j")
        # Keep busy (the reader scrolls, the highlight moves) while waiting for
        # the file: every key restarted the save delay before, so a user who
        # never paused had nothing on disk.
        keys = iter("jkjkjkjk" * 10_000)

        def all_saved() -> bool:
            p.send(next(keys))
            return len(saved_marks(home, root)) == MARKS

        wait_until(all_saved, f"{MARKS} marks in the state file while keys keep coming", p)
        os.kill(p.proc.pid, signal.SIGKILL)
        p.proc.wait(timeout=60)
    assert len(saved_marks(home, root)) == MARKS
