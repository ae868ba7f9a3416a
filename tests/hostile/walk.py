"""Walk the article list of the real program on a pseudo-terminal, reading the
header row (which shows the highlighted article's title) from the raw output."""

from __future__ import annotations

import re
import time

from cli.pty_session import PtySession

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


def walk(p: PtySession, count: int, cols: int, open_every: int = 4, wait=lambda step: True,
         timeout: float = 30.0, last: str = "") -> tuple[list[int], str]:
    """Press j ``count`` times. After the steps ``wait`` selects, wait until the
    next article is on screen (the header, which shows the article's title,
    changed); open every ``open_every``-th one (Enter, G, Shift+Tab). At the
    end, wait (bounded) until the header holds ``last``, the title the walk
    should end on: keys not waited for may still be queued. Returns the steps
    at which the header did not change, and the last header."""
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
    deadline = time.monotonic() + timeout
    while (last not in row.copy().feed(p.raw, fed).text and time.monotonic() < deadline
           and not p.eof):
        p.pump()
    p.settle(0.3)
    row.feed(p.raw, fed)
    return missed, row.text
