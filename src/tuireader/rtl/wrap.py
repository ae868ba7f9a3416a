"""Greedy wrapping in logical order by terminal cells.

Lines break at spaces (whitespace of bidi class WS; no-break spaces are not
WS); the spaces at a break belong to no line, and a paragraph's leading and
trailing spaces are dropped. A word wider than the line is cut between
grapheme clusters (a letter never leaves its marks); text without spaces, such
as CJK, fills each line. A soft hyphen is a break opportunity too: a line
broken there ends at it (layout draws it as "-"). Each line costs a few C-level searches (bisect on
the cells prefix sums, rfind for the last space), not a walk over its words.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .paragraph import Prepared

_NOT_SPACE = re.compile("[^W]")


def fit(prefix: tuple[int, ...], start: int, end: int, cells: int) -> int:
    """Largest cut in [start, end] whose text[start:cut] fits ``cells``.

    Zero-width characters after the cut point are taken along, so a cut never
    separates a base character from its marks.
    """
    return min(bisect_right(prefix, prefix[start] + cells, start) - 1, end)


def next_cluster(prefix: tuple[int, ...], start: int, end: int) -> int:
    """End of the grapheme cluster starting at ``start``."""
    return min(bisect_right(prefix, prefix[start + 1], start + 1) - 1, end)


def content_span(cls: str) -> tuple[int, int]:
    """(start, end) of a paragraph without its leading and trailing spaces."""
    mo = _NOT_SPACE.search(cls)
    if mo is None:
        return 0, 0
    return mo.start(), len(cls.rstrip("W"))


def wrap(prep: Prepared, width: int) -> list[tuple[int, int]]:
    """Line ranges (start, end) into ``prep.text``; at least one line."""
    width = max(width, 1)
    cls, prefix = prep.cls, prep.prefix
    hyphens = "h" in cls  # soft hyphens (break opportunities)
    a, last = content_span(cls)
    lines: list[tuple[int, int]] = []
    while a < last:
        e = fit(prefix, a, last, width)
        if e == last:
            lines.append((a, last))
            break
        if cls[e] == "W":  # the line ends right before a space
            end = e
        else:
            end = cls.rfind("W", a, e)  # the last space that fits
            if hyphens and cls.find("h", a, e) >= 0:  # a soft hyphen, with room for "-"
                hyphen = cls.rfind("h", a + 1, fit(prefix, a, last, width - 1) + 1)
                if hyphen > end:
                    lines.append((a, hyphen))
                    a = hyphen + 1
                    continue
            if end < 0:  # a word longer than the line: cut it
                end = e if e > a else next_cluster(prefix, a, last)
        lines.append((a, a + len(cls[a:end].rstrip("W"))))
        mo = _NOT_SPACE.search(cls, end)
        a = mo.start() if mo else last
    return lines or [(0, 0)]
