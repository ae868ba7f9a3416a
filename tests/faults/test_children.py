"""Parser processes during a first index: whatever ends the reader (a signal it
handles, or kill -9 that it cannot), they stop and never write to the user's
terminal (no BrokenPipeError tracebacks, no resource-tracker warnings)."""

from __future__ import annotations

import contextlib
import os
import signal

from .helpers import children_of, make_library, modes_left_on, start, wait_until

FILES = 3000  # enough for the index to parse in worker processes


def indexing(p) -> bool:
    return "indexing" in p.text()


def descendants(pid: int) -> list[int]:
    todo, found = [pid], []
    while todo:
        kids = children_of(todo.pop())
        found += kids
        todo += kids
    return found


def wait_gone(p, pids: list[int]) -> None:
    def gone() -> bool:
        for pid in pids:
            try:
                with open(f"/proc/{pid}/stat", "rb") as f:
                    if f.read().rsplit(b")", 1)[1].split()[0] != b"Z":
                        return False
            except OSError:
                continue
        return True

    wait_until(gone, "the parser processes to end", p)


def test_sigterm_during_a_first_index_is_quiet(tmp_path):
    home, root = tmp_path / "home", make_library(tmp_path / "lib", FILES)
    with start(home, root) as p:
        p.wait_for(lambda: indexing(p), "indexing")
        kids = descendants(p.proc.pid)
        assert kids, "no parser processes: the test no longer covers them"
        terminal = os.readlink(f"/proc/{p.proc.pid}/fd/0")
        for kid in kids:
            for fd in (0, 1, 2):
                with contextlib.suppress(FileNotFoundError):  # (closed: fine)
                    where = os.readlink(f"/proc/{kid}/fd/{fd}")
                    assert where != terminal, f"child {kid} holds the terminal as fd {fd}"
        p.proc.send_signal(signal.SIGTERM)
        code = p.wait_exit()
        wait_gone(p, kids)
        p.settle(0.3)
        raw = bytes(p.raw)
    assert code == 128 + signal.SIGTERM
    assert not modes_left_on(raw), modes_left_on(raw)
    for word in (b"Traceback", b"BrokenPipe", b"resource_tracker", b"leaked"):
        assert word not in raw, raw[-1500:]


def test_kill_9_during_a_first_index_leaves_the_terminal_alone(tmp_path):
    home, root = tmp_path / "home", make_library(tmp_path / "lib", FILES)
    with start(home, root) as p:
        p.wait_for(lambda: indexing(p), "indexing")
        kids = descendants(p.proc.pid)
        assert kids, "no parser processes: the test no longer covers them"
        before = len(p.raw)
        os.kill(p.proc.pid, signal.SIGKILL)
        p.proc.wait(timeout=60)
        wait_gone(p, kids)
        # what the orphans wrote is read to the end: no process holds the
        # terminal any more, so the reads end (EOF) rather than pause
        wait_until(lambda: p.eof, "every process to let go of the terminal", p)
        after = bytes(p.raw[before:])
    for word in (b"Traceback", b"BrokenPipe", b"resource_tracker", b"leaked", b"Error"):
        assert word not in after, after[-1500:]
