"""Run tuireader on a pseudo-terminal and keep every byte it writes to it.

Every wait is bounded (``TIMEOUT``) and the child is killed on the way out,
so a hang fails the test instead of blocking the suite.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import termios
import time
from collections.abc import Sequence
from pathlib import Path

from cli.pty_session import end_child, hermetic_env, tuireader_command

TIMEOUT = 30.0


def command() -> list[str]:
    """The installed console script (what users run), else ``python -m``."""
    return tuireader_command()


def environment(home: Path, **extra: str) -> dict[str, str]:
    return hermetic_env(home, **{"COLORTERM": "truecolor", **extra})


class Pty:
    """A child process on a pseudo-terminal of a fixed size."""

    def __init__(self, argv: Sequence[str | bytes], env: dict[str, str], cols: int = 100,
                 rows: int = 30, cwd: str | os.PathLike[str] | None = None) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

        def controlling_terminal() -> None:
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(
            list(argv), stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
            preexec_fn=controlling_terminal, close_fds=True,
        )
        os.close(slave)
        self.raw = bytearray()
        self.eof = False

    def pump(self, timeout: float = 0.05) -> int:
        """Read what is there (waiting up to ``timeout``); the number of bytes read."""
        if self.eof:
            return 0
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return 0
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:  # EIO: the child side is closed
            data = b""
        if not data:
            self.eof = True
            return 0
        self.raw += data
        return len(data)

    def wait_for(self, needle: bytes, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        start = 0
        while needle not in self.raw[start:]:
            if time.monotonic() > deadline or self.eof:
                raise AssertionError(f"never saw {needle!r}; last output: "
                                     f"{bytes(self.raw[-600:])!r}")
            self.pump()

    def settle(self, quiet: float = 0.1, timeout: float = 3.0) -> None:
        """Read until nothing arrives for ``quiet`` seconds (or ``timeout``)."""
        deadline = time.monotonic() + timeout
        last = time.monotonic()
        while time.monotonic() < deadline and not self.eof:
            if self.pump(quiet / 2):
                last = time.monotonic()
            elif time.monotonic() - last >= quiet:
                return

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            code = self.proc.poll()
            if code is not None:
                while self.pump(0.05):
                    pass
                return code
        raise AssertionError(f"did not exit; last output: {bytes(self.raw[-600:])!r}")

    def close(self) -> None:
        end_child(self.proc, self.master)

    def __enter__(self) -> Pty:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# Writes to the first row (the header: "≡ tuireader — <title>"). Textual only
# redraws the cells that changed, from wherever they start.
_ROW1 = re.compile(rb"\x1b\[1;(\d+)H((?:[^\x1b\r\n]|\x1b\[[0-9;]*m)*)")
_SGR = re.compile(rb"\x1b\[[0-9;]*m")


class HeaderRow:
    """The header row as the terminal shows it, rebuilt from the output."""

    def __init__(self, cols: int) -> None:
        self.cells = [" "] * cols

    def copy(self) -> HeaderRow:
        other = HeaderRow(0)
        other.cells = list(self.cells)
        return other

    def feed(self, data: bytes | bytearray, start: int = 0) -> HeaderRow:
        from rich.cells import cell_len

        for match in _ROW1.finditer(data, start):
            col = int(match.group(1)) - 1
            for ch in _SGR.sub(b"", match.group(2)).decode("utf-8", "replace"):
                width = cell_len(ch)
                if width == 0:
                    if 0 < col <= len(self.cells):
                        self.cells[col - 1] += ch
                    continue
                if 0 <= col < len(self.cells):
                    self.cells[col] = ch
                    if width == 2 and col + 1 < len(self.cells):
                        self.cells[col + 1] = ""
                col += width
        return self

    @property
    def text(self) -> str:
        return "".join(self.cells)


def walk(p: Pty, count: int, cols: int, open_every: int = 4, wait=lambda step: True,
         timeout: float = 10.0) -> tuple[list[int], str]:
    """Press j ``count`` times. After the steps ``wait`` selects, wait until the
    next article is on screen (the header, which shows the article's title,
    changed); open every ``open_every``-th one (Enter, G, Shift+Tab). Returns
    the steps at which the header did not change, and the last header."""
    missed = []
    row = HeaderRow(cols)
    fed = 0
    for step in range(count):
        if step % open_every == 0:
            # Enter opens (the reader takes focus), G goes to its end, Shift+Tab
            # goes back to the list (a lone Esc could merge with the next key).
            # Focus moves a moment after the key: give it time, or the next key
            # goes to the old pane.
            for key, quiet in ((b"\r", 0.1), (b"G", 0.05), (b"\x1b[Z", 0.1)):
                p.send(key)
                p.settle(quiet)
        mark = len(p.raw)
        row.feed(p.raw[:mark], fed)
        fed = mark
        p.send(b"j")
        if not wait(step) and step + 1 < count:
            p.pump(0.01)
            continue
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            p.pump()
            if p.eof:
                raise AssertionError("the app exited during the walk")
            if row.copy().feed(p.raw, mark).text != row.text:
                break
        else:
            missed.append(step)
        p.settle(0.03)
    p.settle(0.3)  # let queued keys finish before reading the last header
    row.feed(p.raw, fed)
    return missed, row.text
