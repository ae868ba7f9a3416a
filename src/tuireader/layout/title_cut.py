"""Titles cut to fit a list row at a word boundary, shaped after the cut.

Pure (no Textual); built on the RTL engine's public ``truncate``. The engine
cuts the shaped line at a cell: a letter at the edge keeps the joining form
of a neighbour that is gone (``…ﺒﺜﺗ``), and ``زلزال بقوة 4.2`` could end in
``….4``. Here the logical text is cut first — after the last whole word when
that keeps most of the room, else between characters but never inside a
number — and the kept part is laid out on its own, so its last letter takes
the form it has at the end of a word.
"""

from __future__ import annotations

from tuireader.articles.model import Direction
from tuireader.rtl import TextOptions, cell_width, truncate

ELLIPSIS = "…"
NUMBER_JOINERS = ".,:/٫٬"  # inside a number between two digits: 4.2, 12:30, ١٬٢٠٠


def _laid_out(text: str, direction: Direction | None, options: TextOptions) -> str:
    # the whole of ``text`` (room enough): shaped and ordered as one piece
    return truncate(text, 4 * len(text) + 8, direction=direction, options=options)


def _fits(text: str, width: int, direction: Direction | None, options: TextOptions) -> bool:
    return cell_width(_laid_out(text, direction, options)) <= width


def _in_number(text: str, i: int) -> bool:
    """A cut before ``text[i]`` falls inside a number."""
    if not 0 < i < len(text):
        return False
    before, after = text[i - 1], text[i]
    if before.isdigit() and after.isdigit():
        return True
    if before.isdigit() and after in NUMBER_JOINERS and i + 1 < len(text):
        return text[i + 1].isdigit()
    if before in NUMBER_JOINERS and after.isdigit() and i >= 2:
        return text[i - 2].isdigit()
    return False


def cut_title(
    text: str,
    width: int,
    *,
    direction: Direction | None = None,
    options: TextOptions = TextOptions(),  # noqa: B008 - frozen
    reach: int | None = None,
) -> str:
    """``text`` in visual order in at most ``width`` cells, cut (with "…" at
    its logical end) after a whole word when one ends within ``reach`` cells
    of the edge (default: a third of the width), else between characters
    outside any number."""
    cut = cut_index(text, width, direction=direction, options=options, reach=reach)
    if cut is None:
        return truncate(text, width, direction=direction, options=options)
    kept = text[:cut].rstrip()
    if not kept:
        return ELLIPSIS  # (only part of a number would fit: none of it)
    return truncate(kept + ELLIPSIS, width, direction=direction, options=options)


def cut_index(
    text: str,
    width: int,
    *,
    direction: Direction | None = None,
    options: TextOptions = TextOptions(),  # noqa: B008 - frozen
    reach: int | None = None,
) -> int | None:
    """Where ``cut_title`` cuts ``text`` (logical index), None if it fits whole
    (or the room is too narrow to choose)."""
    whole = truncate(text, width, direction=direction, options=options)
    if width <= 1 or ELLIPSIS not in whole or ELLIPSIS in text:
        return None
    reach = max(3, width // 3) if reach is None else reach
    room = width - 1  # for the ellipsis
    # the longest character prefix that fits (binary search: widths only grow)
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _fits(text[:mid].rstrip(), room, direction, options):
            lo = mid
        else:
            hi = mid - 1
    cut = lo
    space = text.rfind(" ", 0, cut + 1)
    if space > 0:
        kept = text[:space].rstrip()
        lost = cell_width(_laid_out(text[:cut].rstrip(), direction, options)) - cell_width(
            _laid_out(kept, direction, options)
        )
        if kept and lost <= reach:
            cut = len(kept)
    while _in_number(text, cut):
        cut -= 1
    return cut
