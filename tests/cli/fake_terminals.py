"""Fake terminals on a pseudo-terminal: they answer the program's queries byte for
byte as the real ones did (DESIGN.md, *Terminals*), at once, late, split in two
writes, or not at all.

The answers are written when the program's query is seen in its output, in the
order the queries came, the way a terminal answers: the fake is serviced from
``pump`` so every condition a test waits for keeps it answering.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from .pty_session import PtySession

CSI, DCS, ST = b"\x1b[", b"\x1bP", b"\x1b\\"
DECRQM_BIDI, XTVERSION, DA2, DA1 = b"\x1b[8$p", b"\x1b[>0q", b"\x1b[>c", b"\x1b[c"

#: query -> answer, per terminal; a missing query is one it does not answer.
ANSWERS: dict[str, dict[bytes, bytes]] = {
    "VTE": {
        DA2: CSI + b">65;7006;1c",
        DECRQM_BIDI: CSI + b"8;1$y",
        DA1: CSI + b"?65;1;9c",
    },
    "Konsole": {
        DA2: CSI + b">1;115;0c",
        XTVERSION: DCS + b">|Konsole 22.12.3" + ST,
        DA1: CSI + b"?62;1;4c",
    },
    "xterm": {
        DA2: CSI + b">41;379;0c",
        XTVERSION: DCS + b">|XTerm(379)" + ST,
        DECRQM_BIDI: CSI + b"8;0$y",
        DA1: CSI + b"?64;1;2;6;9;15;16;17;18;21;22;28c",
    },
    "mlterm": {
        DA2: CSI + b">24;279;0c",
        DECRQM_BIDI: CSI + b"8;0$y",
        DA1: CSI + b"?63;1;2;3;4;6;7;15;18;22;29c",
    },
    "tmux": {
        DA2: CSI + b">84;0;0c",
        XTVERSION: DCS + b">|tmux 3.3a" + ST,
        DECRQM_BIDI: CSI + b"8;0$y",
        DA1: CSI + b"?1;2c",
    },
}

#: Broken terminals: half an answer (its end never comes), then silence.
BROKEN: dict[str, dict[bytes, bytes]] = {
    "half-Konsole": {XTVERSION: DCS + b">|Konsole 22.1"},
}

QUERIES = (DECRQM_BIDI, XTVERSION, DA2, DA1)


@dataclass
class Timing:
    """``delay``: seconds after the queries before answering; ``split``: the
    answer in two writes, cut in its middle, ``gap`` seconds apart; ``silent``:
    no answer at all; ``after``: answer only once this holds (and the delay
    passed), for tests that must act before the answer."""

    delay: float = 0.0
    split: bool = False
    gap: float = 0.05
    silent: bool = False
    after: Callable[[FakeTerminal], bool] | None = None


class FakeTerminal(PtySession):
    """A PtySession that answers like ``name`` when the program asks."""

    def __init__(self, name: str, timing: Timing, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.name = name
        self.timing = timing
        self.asked: list[bytes] = []  # queries seen, in order
        self.answer = b""  # all it answered (or will)
        self._scanned = 0
        self._due: list[tuple[float, bytes]] = []  # (when, bytes) still to write
        self.screen_at_answer: list[str] | None = None  # the screen when it answered

    def pump(self, timeout: float = 0.05) -> int:
        if self._due:
            timeout = min(timeout, max(0.0, self._due[0][0] - time.monotonic()))
        count = super().pump(timeout)
        self._notice_queries()
        self._write_due()
        return count

    def _notice_queries(self) -> None:
        raw = bytes(self.raw)
        # the four queries go out together: answer once all are seen
        found = []
        for query in QUERIES:
            at = raw.find(query, self._scanned)
            if at >= 0:
                found.append((at, query))
        if len(found) < len(QUERIES):
            return
        found.sort()
        self._scanned = found[-1][0] + len(found[-1][1])
        self.asked = [query for _, query in found]
        if self.timing.silent:
            return
        table = {**ANSWERS, **BROKEN}[self.name]
        answer = b"".join(table.get(query, b"") for query in self.asked)
        self.answer += answer
        when = time.monotonic() + self.timing.delay
        if self.timing.split:
            half = len(answer) // 2
            self._due += [(when, answer[:half]), (when + self.timing.gap, answer[half:])]
        else:
            self._due.append((when, answer))

    def _write_due(self) -> None:
        gate = self.timing.after
        if self._due and gate is not None and not gate(self):
            return
        now = time.monotonic()
        while self._due and self._due[0][0] <= now:
            _, data = self._due.pop(0)
            if self.screen_at_answer is None:
                self.screen_at_answer = self.lines()
            self.send(data)
