"""Paragraph layout and truncation: logical text in, screen lines out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .cells import char_width
from .direction import Direction, paragraph_direction
from .options import DEFAULT_OPTIONS, TextOptions
from .paragraph import Prepared, prepare
from .reorder import isolate, reorder
from .wrap import content_span, fit, wrap

ELLIPSIS = "…"
# Line and paragraph separators: each piece is laid out as a paragraph.
_SEPARATORS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SEPARATORS_SET = frozenset(_SEPARATORS)
_LINE_BREAKS = re.compile(f"[{_SEPARATORS}]")


@dataclass(frozen=True, slots=True)
class VisualLine:
    """One screen line.

    ``text`` holds the cells from left to right, unpadded; in app mode it has
    no control characters, in terminal mode only RLI/PDI. ``source[i]`` is the
    index in the laid-out input string of the char ``text[i]`` came from (a
    lam-alef ligature maps to its lam), or -1 for a char the engine inserted.
    """

    text: str
    width: int
    align: Literal["left", "right"]
    source: tuple[int, ...]

    def padded(self, width: int) -> str:
        """The line aligned in ``width`` cells (padding outside any isolate)."""
        pad = " " * max(0, width - self.width)
        return pad + self.text if self.align == "right" else self.text + pad


def _pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) for each line-separated piece of ``text``.

    str.splitlines() breaks at exactly the paragraph and line separators
    (LF, CR, CRLF, VT, FF, FS, GS, RS, NEL, LS, PS). A text ending in one
    gets an empty last piece.
    """
    lines = text.splitlines(True)
    if len(lines) <= 1 and text[-1:] not in _SEPARATORS_SET:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    pos = 0
    for line in lines:
        out.append((pos, line.rstrip(_SEPARATORS)))
        pos += len(line)
    if text[-1] in _SEPARATORS_SET:
        out.append((pos, ""))
    return out


def _prepare(text: str, rtl: bool, options: TextOptions) -> Prepared:
    return prepare(text, rtl, options.mode, options.shape, options.harakat)


def _emit(
    text: str,
    src: tuple[int, ...],
    levels: str,
    cls: str,
    width: int,
    rtl: bool,
    options: TextOptions,
    offset: int,
    joined: str = "",
) -> VisualLine:
    if options.mode == "terminal":
        out, source = isolate(text, levels, cls, rtl, src)
    else:
        out, source = reorder(text, levels, cls, rtl, src, joined)
    if offset:
        source = tuple(-1 if s < 0 else s + offset for s in source)
    return VisualLine(out, width, "right" if rtl else "left", source)


def _line(
    prep: Prepared, a: int, b: int, width: int, options: TextOptions, offset: int
) -> VisualLine:
    cells = prep.prefix[b] - prep.prefix[a]
    if cells > width:
        # A single character wider than the whole line (width 1): show a mark
        # in its place rather than overflow.
        src: tuple[int, ...] = (prep.src[a] + offset,)
        return VisualLine(ELLIPSIS, 1, "right" if prep.rtl else "left", src)
    if prep.cls.find("h", a, b + 1) >= 0:  # soft hyphens on the line or at its break
        broken_at_hyphen = prep.cls[b : b + 1] == "h" and cells < width and b > a
        text, src, levels, cls, joined = _soft_hyphens(prep, a, b, broken_at_hyphen)
        cells += broken_at_hyphen
    else:
        text, src, levels, cls = prep.text[a:b], prep.src[a:b], prep.levels[a:b], prep.cls[a:b]
        joined = prep.joined[a:b]
    return _emit(text, src, levels, cls, cells, prep.rtl, options, offset, joined)


HYPHEN = "-"


def _soft_hyphens(
    prep: Prepared, a: int, b: int, hyphen: bool
) -> tuple[str, tuple[int, ...], str, str, str]:
    """The line's slices without its soft hyphens (never drawn), plus, with
    ``hyphen``, a "-" mapped to the soft hyphen the line was broken at."""
    keep = [i for i in range(a, b) if prep.cls[i] != "h"]
    if hyphen:
        keep.append(b)
    text = "".join(HYPHEN if prep.cls[i] == "h" else prep.text[i] for i in keep)
    src = tuple(prep.src[i] for i in keep)
    levels = "".join(prep.levels[i] for i in keep)  # the hyphen's: the letter's before it
    cls = "".join("O" if prep.cls[i] == "h" else prep.cls[i] for i in keep)
    joined = "".join(prep.joined[i] for i in keep) if prep.joined else ""
    return text, src, levels, cls, joined


@lru_cache(maxsize=2048)
def _layout(text: str, width: int, rtl: bool, options: TextOptions) -> tuple[VisualLine, ...]:
    lines: list[VisualLine] = []
    for offset, piece in _pieces(text):
        prep = _prepare(piece, rtl, options)
        for a, b in wrap(prep, width):
            lines.append(_line(prep, a, b, width, options, offset))
    return tuple(lines)


def layout_paragraph(
    text: str,
    width: int,
    *,
    direction: Direction,
    options: TextOptions = DEFAULT_OPTIONS,
) -> list[VisualLine]:
    """Wrap ``text`` to ``width`` cells and order each line for the screen.

    ``direction`` is the paragraph's base direction (see paragraph_direction).
    Line separators inside ``text`` start new lines; an empty text gives one
    empty line. Spaces at line breaks and at either end of a line are dropped.
    """
    rtl = Direction(direction) is Direction.RTL
    try:
        return list(_layout(text, max(1, int(width)), rtl, options))
    except Exception:  # pragma: no cover - a bug here must not blank the screen
        return _fallback(text, max(1, int(width)), rtl)


def _fallback(text: str, width: int, rtl: bool) -> list[VisualLine]:
    """Last resort if the engine fails on some input: the printable
    characters in logical order, hard-wrapped by their cells."""
    align: Literal["left", "right"] = "right" if rtl else "left"
    lines: list[VisualLine] = []
    chars: list[str] = []
    src: list[int] = []
    cells = 0
    for i, ch in enumerate(text):
        w = char_width(ch) if ch.isprintable() else -1
        if w < 0 or w > width:
            continue
        if cells + w > width:
            lines.append(VisualLine("".join(chars), cells, align, tuple(src)))
            chars, src, cells = [], [], 0
        chars.append(ch)
        src.append(i)
        cells += w
    lines.append(VisualLine("".join(chars), cells, align, tuple(src)))
    return lines


def truncate(
    text: str,
    width: int,
    *,
    direction: Direction | None = None,
    options: TextOptions = DEFAULT_OPTIONS,
) -> str:
    """Visual string of at most ``width`` cells; the logical end is cut and
    marked with "…" (for right-to-left text that is the left edge)."""
    line = truncate_line(text, width, direction=direction, options=options)
    return line.text


def truncate_line(
    text: str,
    width: int,
    *,
    direction: Direction | None = None,
    options: TextOptions = DEFAULT_OPTIONS,
) -> VisualLine:
    """Like truncate() but returns the VisualLine (width, alignment, source)."""
    width = int(width)
    if direction is None:
        direction = paragraph_direction(text, Direction.LTR)
    rtl = Direction(direction) is Direction.RTL
    align: Literal["left", "right"] = "right" if rtl else "left"
    if width <= 0:
        return VisualLine("", 0, align, ())
    try:
        return _truncate(text, width, rtl, options)
    except Exception:  # pragma: no cover - never take the screen down
        line = _fallback(text, width, rtl)[0]
        return line


@lru_cache(maxsize=4096)
def _truncate(text: str, width: int, rtl: bool, options: TextOptions) -> VisualLine:
    # A long text is tried with a generous prefix first; if even the prefix
    # fits (say, it is mostly marks), the whole text is used.
    limit = 8 * width + 256
    if len(text) > limit:
        line, was_cut = _truncate_once(text[:limit], width, rtl, options)
        if was_cut:
            return line
    return _truncate_once(text, width, rtl, options)[0]


def _truncate_once(
    text: str, width: int, rtl: bool, options: TextOptions
) -> tuple[VisualLine, bool]:
    flat = _LINE_BREAKS.sub(" ", text)  # one line: separators become spaces
    prep = _prepare(flat, rtl, options)
    start, end = content_span(prep.cls)
    if start == end:
        return VisualLine("", 0, "right" if rtl else "left", ()), False
    prefix = prep.prefix
    if prefix[end] - prefix[start] <= width:
        return _line(prep, start, end, width, options, 0), False
    cut = fit(prefix, start, end, width - 1)
    while cut > start and prep.cls[cut - 1] in "WS":
        cut -= 1
    s, src, levels, cls, joined = _soft_hyphens(prep, start, cut, False)
    # The kept text keeps the levels it has in the whole text; the ellipsis,
    # a neutral at the logical end, takes the paragraph's.
    s += ELLIPSIS
    src = (*src, -1)
    levels += "1" if rtl else "0"
    cls += "O"
    joined += "." if joined else ""
    cells = prefix[cut] - prefix[start] + 1
    return _emit(s, src, levels, cls, cells, rtl, options, 0, joined), True
