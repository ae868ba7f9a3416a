"""Greedy wrapping in logical order by terminal cells.

Lines break at spaces; the spaces at a break belong to no line. A word wider
than the line is split between grapheme clusters (a letter never leaves its
marks), filling the rest of the current line first, which is also how CJK
text without spaces wraps.
"""

from __future__ import annotations

from bisect import bisect_right

from .paragraph import Prepared


def fit(prefix: tuple[int, ...], start: int, end: int, cells: int) -> int:
    """Largest cut in (start, end] whose text[start:cut] fits ``cells``, or start.

    Zero-width characters after the cut point are taken along, so a cut never
    separates a base character from its marks.
    """
    return min(bisect_right(prefix, prefix[start] + cells, start) - 1, end)


def next_cluster(prefix: tuple[int, ...], start: int, end: int) -> int:
    """End of the grapheme cluster starting at ``start``."""
    return min(bisect_right(prefix, prefix[start + 1], start + 1) - 1, end)


def wrap(prep: Prepared, width: int) -> list[tuple[int, int]]:
    """Line ranges (start, end) into ``prep.text``; at least one line."""
    width = max(width, 1)
    prefix = prep.prefix
    lines: list[tuple[int, int]] = []
    ls = le = -1
    for a, b in prep.words:
        if ls >= 0:
            if prefix[b] - prefix[ls] <= width:
                le = b
                continue
            if prefix[b] - prefix[a] <= width:
                lines.append((ls, le))
                ls, le = a, b
                continue
            # A word wider than any line: fill what is left of this one.
            cut = fit(prefix, a, b, width - (prefix[a] - prefix[ls]))
            if cut > a:
                lines.append((ls, cut))
                a = cut
            else:
                lines.append((ls, le))
            ls = -1
        while prefix[b] - prefix[a] > width:
            cut = fit(prefix, a, b, width)
            if cut == a:  # one cluster wider than the whole line (width 1)
                cut = next_cluster(prefix, a, b)
            lines.append((a, cut))
            a = cut
        if a < b:
            ls, le = a, b
    if ls >= 0:
        lines.append((ls, le))
    return lines or [(0, 0)]
