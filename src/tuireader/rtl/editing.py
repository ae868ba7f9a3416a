"""One line of editable text as the screen shows it: shaped, in visual order,
with the caret where the next letter will appear.

A text box holds the logical string and a caret between two logical
characters; this module tells where each caret position is drawn and which
caret position is one step to the left or right on screen, so that Left and
Right move visually in right-to-left text (as desktop text fields do) while
Home, End, Backspace and Delete stay logical. Pure: the widget only draws.

Caret cell: the cell a character typed at the caret would take. After a
right-to-left character that is the cell to its left; after a left-to-right
one, the cell to its right. At the logical start, it is the cell on the start
side of the first character. Right-to-left text is flush right, with one cell
kept free on the left for the caret at its end.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .cells import CLUSTER, cell_width
from .direction import Direction, paragraph_direction
from .options import TextOptions
from .paragraph import prepare
from .reorder import reorder


@dataclass(frozen=True, slots=True)
class FieldView:
    """What a one-line text box of ``width`` cells shows.

    ``cells``: (text, source index or -1) per screen cell, left to right; a
    two-cell character takes its first cell and an empty string the second.
    ``caret``: the caret's cell. ``rtl``: the text's direction.
    """

    cells: tuple[tuple[str, int], ...]
    caret: int
    rtl: bool

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.cells)


@dataclass(frozen=True, slots=True)
class _Line:
    cells: tuple[tuple[str, int], ...]  # whole line, no padding
    carets: tuple[int, ...]  # cell of each caret position 0..len(value)
    rtl: bool


@lru_cache(maxsize=64)
def _line(value: str, options: TextOptions) -> _Line:
    rtl = paragraph_direction(value, Direction.LTR) is Direction.RTL
    n = len(value)
    if not n:
        return _Line((), (0,), rtl)
    prep = prepare(value, rtl, options.mode, options.shape, options.harakat)
    # The whole value is one line, spaces at either end included (wrap()
    # would drop them, but a caret after a typed space must move).
    visual, source = reorder(prep.text, prep.levels, prep.cls, rtl, prep.src, prep.joined)
    cells: list[tuple[str, int]] = []
    for mo in CLUSTER.finditer(visual):
        a = mo.start()
        width = cell_width(mo.group())
        if width == 0 and cells:  # a mark whose base was dropped: keep it with the last
            text, src = cells[-1]
            cells[-1] = (text + mo.group(), src)
            continue
        cells.append((mo.group(), source[a]))
        cells.extend([("", source[a])] * (width - 1))
    level_of: dict[int, int] = {}  # source index -> level of the char drawn for it
    for i, s in enumerate(prep.src):
        level_of.setdefault(s, int(prep.levels[i]))
    first_cell: dict[int, int] = {}
    last_cell: dict[int, int] = {}
    for x, (_text, s) in enumerate(cells):
        first_cell.setdefault(s, x)
        last_cell[s] = x
    shift = 1 if rtl else 0  # the free cell on the left of right-to-left text
    end_cell = len(cells) + shift
    carets: list[int] = []
    for p in range(n + 1):
        k = p - 1
        while k >= 0 and k not in first_cell:  # not drawn (a control, an absorbed alef)
            k -= 1
        if k >= 0:
            odd = level_of[k] % 2
            carets.append(first_cell[k] - 1 + shift if odd else last_cell[k] + 1 + shift)
            continue
        nxt = next((j for j in range(p, n) if j in first_cell), None)
        if nxt is None:
            carets.append(0 if not rtl else end_cell - 1)
        elif level_of[nxt] % 2:  # the start side of a right-to-left char: its right
            carets.append(last_cell[nxt] + 1 + shift)
        else:
            carets.append(first_cell[nxt] + shift)
    if rtl:
        cells.insert(0, (" ", -1))
    else:
        cells.append((" ", -1))
    return _Line(tuple(cells), tuple(min(max(c, 0), len(cells) - 1) for c in carets), rtl)


def field_view(value: str, caret: int, width: int, options: TextOptions) -> FieldView:
    """The box's cells (exactly ``width``) and caret cell for ``value`` with
    the caret at logical position ``caret``; scrolled to keep the caret in
    view, right-to-left text showing its start (right end) when it can."""
    width = max(1, width)
    line = _line(value, options)
    caret = min(max(caret, 0), len(value))
    cells = list(line.cells)
    x = line.carets[caret]
    total = len(cells)
    if total <= width:
        pad = [(" ", -1)] * (width - total)
        cells = pad + cells if line.rtl else cells + pad
        x += width - total if line.rtl else 0
        return FieldView(tuple(cells), x, line.rtl)
    # scroll: start from the reading start, then bring the caret into view
    offset = total - width if line.rtl else 0
    if x < offset:
        offset = x
    elif x >= offset + width:
        offset = x - width + 1
    shown = cells[offset : offset + width]
    # a wide character cut at either edge shows as a space
    if shown and shown[0][0] == "":
        shown[0] = (" ", shown[0][1])
    if offset + width < total and cells[offset + width][0] == "" and shown[-1][0]:
        shown[-1] = (" ", shown[-1][1])
    return FieldView(tuple(shown), x - offset, line.rtl)


def _stops(value: str) -> list[int]:
    """Caret positions at grapheme cluster boundaries."""
    stops = [mo.start() for mo in CLUSTER.finditer(value)]
    return [*stops, len(value)]


def move_visually(value: str, caret: int, step: int, options: TextOptions) -> int:
    """The caret position one step left (``step`` -1) or right (+1) on
    screen: the nearest cluster boundary whose caret cell lies that way."""
    line = _line(value, options)
    caret = min(max(caret, 0), len(value))
    here = line.carets[caret]
    best: int | None = None
    for p in _stops(value):
        cell = line.carets[p]
        if p == caret or (cell - here) * step <= 0:
            continue
        if best is None or abs(cell - here) < abs(line.carets[best] - here):
            best = p
    return caret if best is None else best


def caret_for_cell(value: str, cell: int, width: int, caret: int, options: TextOptions) -> int:
    """The caret position drawn nearest to screen cell ``cell`` (a click)."""
    view = field_view(value, caret, width, options)
    line = _line(value, options)
    offset = line.carets[min(max(caret, 0), len(value))] - view.caret
    target = cell + offset
    return min(_stops(value), key=lambda p: (abs(line.carets[p] - target), p))
