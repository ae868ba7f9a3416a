"""Per-line reordering, UAX #9 rules L1-L4, on levels resolved for the paragraph."""

from __future__ import annotations

import re

from .classes import MIRRORABLE, MIRRORED

_RUNS = {k: re.compile(f"[{k}-9]+") for k in range(1, 10)}
_TRAILING_WS = re.compile(r"[WSB]+$")
RLI, PDI = "\u2067", "\u2069"


def line_levels(levels: str, cls: str, rtl: bool) -> str:
    """L1: whitespace at the end of the line goes to the paragraph level."""
    mo = _TRAILING_WS.search(cls)
    if mo is None:
        return levels
    base = "1" if rtl else "0"
    return levels[: mo.start()] + base * (mo.end() - mo.start())


def visual_order(levels: str, cls: str) -> list[int]:
    """L2 + L3: logical indices of a line's characters in visual order.

    A base character and the marks that follow it move as one unit, so the
    marks stay after their base on screen (L3).
    """
    n = len(levels)
    top = max(levels, default="0")
    if top == "0":
        return list(range(n))
    if "m" in cls:
        starts = [i for i in range(n) if i == 0 or cls[i] != "m" or levels[i] != levels[i - 1]]
        unit_levels = "".join(levels[i] for i in starts)
        units = _reverse_runs(unit_levels, int(top))
        starts.append(n)
        return [i for u in units for i in range(starts[u], starts[u + 1])]
    return _reverse_runs(levels, int(top))


def _reverse_runs(levels: str, top: int) -> list[int]:
    order = list(range(len(levels)))
    for k in range(top, 0, -1):
        for mo in _RUNS[k].finditer(levels):
            a, b = mo.span()
            order[a:b] = order[a:b][::-1]
    return order


def reorder(text: str, levels: str, cls: str, rtl: bool) -> tuple[str, list[int]]:
    """Visual string (mirrored per L4) and its order of logical indices."""
    levels = line_levels(levels, cls, rtl)
    order = visual_order(levels, cls)
    chars = [text[i] for i in order]
    if not MIRRORABLE.isdisjoint(text):
        for p, i in enumerate(order):
            if levels[i] in "13579" and text[i] in MIRRORABLE:
                chars[p] = MIRRORED[text[i]]
    return "".join(chars), order


def isolate(text: str, levels: str, cls: str, rtl: bool) -> tuple[str, list[int]]:
    """Terminal mode: logical text with right-to-left segments in RLI…PDI.

    An RTL line is one segment (the terminal's per-row reordering with a
    left-to-right base then draws it as an RTL paragraph); in an LTR line each
    run above the paragraph level is one (so numbers stay with the Arabic
    words they belong to, as app mode draws them). Returns the text and, per
    output char, the logical index or -1 for an isolate control.
    """
    n = len(text)
    if n == 0:
        return "", []
    if rtl:
        return RLI + text + PDI, [-1, *range(n), -1]
    levels = line_levels(levels, cls, rtl)
    if levels.count("0") == n:
        return text, list(range(n))
    parts: list[str] = []
    order: list[int] = []
    pos = 0
    for mo in _RUNS[1].finditer(levels):
        a, b = mo.span()
        parts.append(text[pos:a])
        order.extend(range(pos, a))
        parts.append(RLI + text[a:b] + PDI)
        order.extend([-1, *range(a, b), -1])
        pos = b
    parts.append(text[pos:])
    order.extend(range(pos, n))
    return "".join(parts), order
