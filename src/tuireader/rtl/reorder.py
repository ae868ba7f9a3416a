"""Per-line reordering, UAX #9 rules L1-L4, on levels resolved for the paragraph.

The common case works run by run with string and tuple slices: the visual
order of same-level runs is found by reversing runs (L2), and a run at an odd
level is reversed as a whole. Lines holding combining marks take the
per-character path so each mark stays after its base (L3).
"""

from __future__ import annotations

import re
from itertools import chain

from .classes import MIRRORED

_RUN = re.compile(r"0+|1+|2+|3+|4+|5+|6+|7+|8+|9+")
_RUNS_AT_LEAST = {k: re.compile(f"[{k}-9]+") for k in range(1, 10)}
_TRAILING_WS = re.compile(r"[WSB]+$")
_MIRRORABLE = re.compile("[" + "".join(map(re.escape, MIRRORED)) + "]")
RLI, PDI = "\u2067", "\u2069"


def _mirror(text: str) -> str:
    """L4: mirror image of every mirrorable char (for a run at an odd level)."""
    if _MIRRORABLE.search(text) is None:
        return text
    return _MIRRORABLE.sub(lambda mo: MIRRORED[mo.group()], text)


def line_levels(levels: str, cls: str, rtl: bool) -> str:
    """L1: whitespace at the end of the line goes to the paragraph level."""
    if not cls or cls[-1] not in "WSB":
        return levels
    mo = _TRAILING_WS.search(cls)
    assert mo is not None
    return levels[: mo.start()] + ("1" if rtl else "0") * (mo.end() - mo.start())


def reorder(
    text: str, levels: str, cls: str, rtl: bool, src: tuple[int, ...], joined: str = ""
) -> tuple[str, tuple[int, ...]]:
    """Visual string of one line (mirrored per L4) and the source of each char.

    ``joined`` marks with "+" each char continuing the grapheme cluster before
    it (see cells.cluster_starts); such a cluster moves as one unit.
    """
    if cls[-1:] in ("W", "S", "B"):
        levels = line_levels(levels, cls, rtl)
    if "m" in cls or "+" in joined:
        order = visual_order(levels, cls, joined)
        chars = [MIRRORED.get(text[i], text[i]) if levels[i] in "13579" else text[i] for i in order]
        return "".join(chars), tuple(map(src.__getitem__, order))
    if not levels:
        return text, src
    first = levels[0]
    if levels.count(first) == len(levels):  # one level throughout
        if first in "02468":
            return text, src
        return _mirror(text[::-1]), src[::-1]
    runs = _RUN.findall(levels)
    run_levels = [int(r[0]) for r in runs]
    starts = [0]
    for r in runs:
        starts.append(starts[-1] + len(r))
    parts: list[str] = []
    sources: list[tuple[int, ...]] = []
    for r in _reverse(run_levels):
        a, b = starts[r], starts[r + 1]
        if run_levels[r] % 2:
            parts.append(_mirror(text[a:b][::-1]))
            sources.append(src[a:b][::-1])
        else:
            parts.append(text[a:b])
            sources.append(src[a:b])
    return "".join(parts), tuple(chain.from_iterable(sources))


def _reverse(run_levels: list[int]) -> list[int]:
    """L2 on runs: from the highest level down to 1, reverse every maximal
    sequence of runs at that level or higher. Returns run indices in visual order."""
    items = list(range(len(run_levels)))
    n = len(items)
    for k in range(max(run_levels), 0, -1):
        i = 0
        while i < n:
            if run_levels[items[i]] >= k:
                j = i + 1
                while j < n and run_levels[items[j]] >= k:
                    j += 1
                items[i:j] = items[i:j][::-1]
                i = j
            else:
                i += 1
    return items


def visual_order(levels: str, cls: str, joined: str = "") -> list[int]:
    """L2 + L3 per character: logical indices of a line in visual order.

    A base character and the marks that follow it move as one unit, so the
    marks stay after their base on screen (L3); so does every grapheme
    cluster marked in ``joined``.
    """
    n = len(levels)
    top = max(levels, default="0")
    if top == "0":
        return list(range(n))
    if "m" in cls or "+" in joined:
        glued = joined or "." * n
        starts = [
            i
            for i in range(n)
            if i == 0
            or (cls[i] != "m" and glued[i] != "+")
            or levels[i] != levels[i - 1]
        ]
        unit_levels = "".join(levels[i] for i in starts)
        units = _reverse_chars(unit_levels, int(top))
        starts.append(n)
        return [i for u in units for i in range(starts[u], starts[u + 1])]
    return _reverse_chars(levels, int(top))


def _reverse_chars(levels: str, top: int) -> list[int]:
    order = list(range(len(levels)))
    for k in range(top, 0, -1):
        for mo in _RUNS_AT_LEAST[k].finditer(levels):
            a, b = mo.span()
            order[a:b] = order[a:b][::-1]
    return order


def isolate(
    text: str, levels: str, cls: str, rtl: bool, src: tuple[int, ...]
) -> tuple[str, tuple[int, ...]]:
    """Terminal mode: logical text with right-to-left segments in RLI…PDI.

    An RTL line is one segment (a terminal's per-row reordering with a
    left-to-right base then draws it as an RTL paragraph would be); in an LTR
    line each run above the paragraph level is one (so numbers stay with the
    Arabic words they belong to, as app mode draws them). Returns the text and
    the source of each char (-1 for an isolate control).
    """
    if not text:
        return "", ()
    if rtl:
        return RLI + text + PDI, (-1, *src, -1)
    levels = line_levels(levels, cls, rtl)
    if "1" not in levels and "2" not in levels:
        return text, src
    parts: list[str] = []
    sources: list[tuple[int, ...]] = []
    pos = 0
    for mo in _RUNS_AT_LEAST[1].finditer(levels):
        a, b = mo.span()
        parts += [text[pos:a], RLI, text[a:b], PDI]
        sources += [src[pos:a], (-1,), src[a:b], (-1,)]
        pos = b
    parts.append(text[pos:])
    sources.append(src[pos:])
    return "".join(parts), tuple(chain.from_iterable(sources))
