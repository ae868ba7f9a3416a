"""An article as display lines: the one layout shared by the reader pane and --print.

Pure: no Textual, no I/O. Every line of article text goes through the RTL engine
(``tuireader.rtl``), so the reader pane and ``tuireader --print`` show the same
cells. Each ``DisplayLine`` carries its role (for styling), its alignment, the
block it came from and, per character, the index of the source character in that
block's text (for search highlighting).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from tuireader.articles.comment_count import comment_text
from tuireader.articles.model import Article, BlockKind, Direction
from tuireader.layout.metadata_labels import readable_key
from tuireader.rtl import (
    TextOptions,
    VisualLine,
    layout_paragraph,
    paragraph_direction,
    truncate_line,
)

Role = Literal[
    "title",
    "body",
    "subheading",
    "blank",
    "notice",
    "error",
    "meta_caption",
    "meta_row",
    "comments",
]
Align = Literal["left", "right"]

#: ``DisplayLine.block`` of title lines; their ``source`` indexes ``Article.title``.
TITLE_BLOCK = -1

#: Space between the key and value columns of the metadata table.
META_GAP = 2
#: A metadata value longer than this many lines is cut (in logical order) with "…".
META_VALUE_MAX_LINES = 4
#: Below this width the metadata table stacks each key above its value.
META_MIN_TABLE_WIDTH = 12


@dataclass(frozen=True, slots=True)
class DisplayLine:
    """One screen row of an article, not yet padded to the pane width.

    ``text`` is in visual order (or, with ``TextOptions(mode="terminal")``,
    logical text with the engine's isolates); ``width`` is its width in cells.
    ``block`` is the index in ``Article.blocks`` (``TITLE_BLOCK`` for the title,
    ``None`` for lines not taken from article text). ``source[i]`` is the index,
    in that block's text, of the character ``text[i]`` came from, -1 when none.
    ``spans`` marks sub-ranges of ``text`` with their own role (the key and value
    cells of a metadata row) as ``(start, end, role)``.
    """

    role: Role
    text: str = ""
    width: int = 0
    align: Align = "left"
    block: int | None = None
    source: tuple[int, ...] = ()
    spans: tuple[tuple[int, int, str], ...] = ()

    def padded(self, width: int) -> str:
        """The line placed in ``width`` cells: right-aligned lines get leading spaces."""
        gap = max(0, width - self.width)
        if self.align == "right":
            return " " * gap + self.text
        return self.text + " " * gap


BLANK = DisplayLine("blank")
_UNDISPLAYABLE = "(this paragraph could not be displayed)"


def _align_of(direction: Direction) -> Align:
    return "right" if direction is Direction.RTL else "left"


def _safe_layout(
    text: str, width: int, direction: Direction, options: TextOptions
) -> list[VisualLine] | None:
    """Lay out one paragraph; a failure in a text library must not take down the article."""
    try:
        return layout_paragraph(text, width, direction=direction, options=options)
    except Exception:  # noqa: BLE001 - any library error on one paragraph
        if options.shape:
            try:
                plain = dataclasses.replace(options, shape=False)
                return layout_paragraph(text, width, direction=direction, options=plain)
            except Exception:  # noqa: BLE001
                pass
    return None


def _paragraph(
    text: str,
    width: int,
    fallback: Direction,
    options: TextOptions,
    role: Role,
    block: int | None,
) -> list[DisplayLine]:
    direction = paragraph_direction(text, fallback)
    visual = _safe_layout(text, width, direction, options)
    if visual is None:
        # ASCII only, so it needs no layout (which just failed).
        note = _UNDISPLAYABLE[:width]
        return [DisplayLine("error", note, len(note), "left", block, (-1,) * len(note))]
    return [
        DisplayLine(
            role=role,
            text=v.text,
            width=v.width,
            align=v.align,
            block=block,
            source=tuple(v.source),
        )
        for v in visual
    ]


def _message(role: Role, text: str, width: int, options: TextOptions) -> list[DisplayLine]:
    """An interface message (English, left-to-right) that may quote article text."""
    lines = _paragraph(text, width, Direction.LTR, options, role, None) if text else []
    return [dataclasses.replace(line, source=(-1,) * len(line.text)) for line in lines]


@dataclass(frozen=True, slots=True)
class ArticlePart:
    """Some of an article's lines, top down. ``resume`` is the index in
    ``Article.blocks`` to continue from (``article_part(..., start=resume)``),
    ``None`` once the article is complete."""

    lines: list[DisplayLine]
    resume: int | None = None


def article_lines(
    article: Article, width: int, options: TextOptions | None = None
) -> list[DisplayLine]:
    """Title (once), a blank line, notices and errors, then the blocks with blank lines
    between them. ``width`` is the pane width in cells (at least 1)."""
    return article_part(article, width, options).lines


def article_part(
    article: Article,
    width: int,
    options: TextOptions | None = None,
    *,
    start: int = 0,
    min_lines: int | None = None,
) -> ArticlePart:
    """The lines of ``article_lines`` in parts, so that a screenful can be shown
    before a long article is laid out. From ``start`` = 0 (the title on) or a
    ``resume`` of an earlier part; with ``min_lines``, stops after the block that
    brings the part to that many lines. The parts joined equal ``article_lines``."""
    options = options or TextOptions()
    width = max(1, width)
    fallback = article.direction
    out: list[DisplayLine] = []
    title = article.title.strip()
    if start <= 0:
        start = 0
        if title:
            out += _paragraph(article.title, width, fallback, options, "title", TITLE_BLOCK)
        messages: list[DisplayLine] = []
        if article.error:
            messages += _message("error", article.error, width, options)
        for notice in article.notices:
            messages += _message("notice", notice, width, options)
        if messages:
            if out:
                out.append(BLANK)
            out += messages
    # a part resumed after another follows lines already shown: it opens with a blank
    after_text = start > 0
    blocks = article.blocks
    for index in range(start, len(blocks)):
        block = blocks[index]
        # Scrapers repeat the title; the parser drops the copy, and so do we if one slips by.
        if index == 0 and title and block.text.strip() == title:
            continue
        if not block.text.strip():
            continue
        role: Role = "subheading" if block.kind is BlockKind.SUBHEADING else "body"
        if out or after_text:
            out.append(BLANK)
        out += _paragraph(block.text, width, fallback, options, role, index)
        if min_lines is not None and out and len(out) >= min_lines and index + 1 < len(blocks):
            return ArticlePart(out, index + 1)
    return ArticlePart(out)


def comments_line(
    article: Article, width: int, options: TextOptions | None = None
) -> DisplayLine | None:
    """The comment count as the article wrote it (``comment_count.comment_text``),
    on one line on the article's reading side, cut at its logical end; None when
    the article gives no count."""
    text = comment_text(article)
    if text is None:
        return None
    cell = _cell(text, max(1, width), article.direction, options or TextOptions())
    return _cell_line("comments", cell, _align_of(article.direction))


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str
    width: int


def _cell(text: str, width: int, fallback: Direction, options: TextOptions) -> _Cell:
    """One table cell on one line, cut at its logical end when it does not fit."""
    direction = paragraph_direction(text, fallback)
    for opts in (options, _unshaped(options)):
        try:
            visual = truncate_line(text, width, direction=direction, options=opts)
        except Exception:  # noqa: BLE001 - see _safe_layout
            continue
        return _Cell(visual.text, visual.width)
    return _Cell("…", 1)


def _unshaped(options: TextOptions) -> TextOptions:
    return dataclasses.replace(options, shape=False)


_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S+$", re.IGNORECASE)


def _url_pieces(url: str) -> list[str]:
    """A URL split after each "/" (the only places it may wrap)."""
    return [p for p in re.split(r"(?<=/)(?!/)", url) if p]


def _url_cells(url: str, width: int, options: TextOptions) -> list[_Cell]:
    """A URL whole when it fits; else wrapped only after a "/", a piece wider
    than the column (and the last line, when lines run out) cut with "…" —
    never broken at an arbitrary character."""
    lines: list[str] = []
    for piece in _url_pieces(url):
        if lines and len(lines[-1]) + len(piece) <= width:
            lines[-1] += piece
        else:
            lines.append(piece)
    if len(lines) > META_VALUE_MAX_LINES:
        lines = [*lines[: META_VALUE_MAX_LINES - 1], "".join(lines[META_VALUE_MAX_LINES - 1 :])]
    cells = [_cell(line, width, Direction.LTR, options) for line in lines]
    return _as_block(cells, Direction.LTR)


def _value_cells(text: str, width: int, fallback: Direction, options: TextOptions) -> list[_Cell]:
    """A value wrapped to ``width``; after META_VALUE_MAX_LINES the rest is cut with "…"."""
    if _URL.match(text):
        return _url_cells(text, width, options)
    direction = paragraph_direction(text, fallback)
    visual = _safe_layout(text, width, direction, options)
    if not visual:
        return [_cell(text, width, fallback, options)]
    if len(visual) <= META_VALUE_MAX_LINES:
        return _as_block([_Cell(v.text, v.width) for v in visual], direction)
    kept = [_Cell(v.text, v.width) for v in visual[: META_VALUE_MAX_LINES - 1]]
    # Lines are wrapped in logical order, so the last kept line starts at the
    # smallest source index it holds; cut from there to the end in logical order.
    rest_sources = [i for i in visual[META_VALUE_MAX_LINES - 1].source if i >= 0]
    start = min(rest_sources) if rest_sources else 0
    kept.append(_cell(text[start:], width, direction, options))
    return _as_block(kept, direction)


def _as_block(cells: list[_Cell], direction: Direction) -> list[_Cell]:
    """Pad the lines of a wrapped value to one width, aligned on the value's own
    side, so that the block reads as one (a URL in an Arabic table stays flush
    left inside its block while the block sits where the table puts it)."""
    if len(cells) < 2:
        return cells
    block = max(c.width for c in cells)
    if direction is Direction.RTL:
        return [_Cell(" " * (block - c.width) + c.text, block) for c in cells]
    return [_Cell(c.text + " " * (block - c.width), block) for c in cells]


def _cell_line(
    role: Role, cell: _Cell, align: Align, spans: tuple[tuple[int, int, str], ...] = ()
) -> DisplayLine:
    """One table cell as a line of its own (caption, or a stacked key/value)."""
    return DisplayLine(
        role=role,
        text=cell.text,
        width=cell.width,
        align=align,
        source=(-1,) * len(cell.text),
        spans=spans,
    )


def _row(
    left: tuple[_Cell, int, str], right: tuple[_Cell, int, str], right_align_cells: bool
) -> DisplayLine:
    """Join two cells (each with its column width and role) into one row."""
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for i, (cell, column, role) in enumerate((left, right)):
        if i:
            parts.append(" " * META_GAP)
            pos += META_GAP
        gap = max(0, column - cell.width)
        lead = gap if right_align_cells else 0
        trail = 0 if right_align_cells else gap
        parts.append(" " * lead)
        pos += lead
        if cell.text:
            spans.append((pos, pos + len(cell.text), role))
        parts.append(cell.text)
        pos += len(cell.text)
        parts.append(" " * trail)
        pos += trail
    joined = "".join(parts)
    # Strip the outer padding so that `padded()` can place the row like any other line.
    if right_align_cells:
        text = joined.lstrip(" ")
        shift = len(joined) - len(text)
        spans = [(s - shift, e - shift, r) for s, e, r in spans]
    else:
        text = joined.rstrip(" ")
    # a wrapped value's block padding may have been stripped with the rest
    n = len(text)
    spans = [(max(0, s), min(e, n), r) for s, e, r in spans if min(e, n) > max(0, s)]
    total = sum(column for _, column, _ in (left, right)) + META_GAP
    width = total - (len(joined) - len(text))
    return DisplayLine(
        role="meta_row",
        text=text,
        width=width,
        align="right" if right_align_cells else "left",
        source=(-1,) * len(text),
        spans=tuple(spans),
    )


def metadata_lines(
    article: Article, width: int, options: TextOptions | None = None
) -> list[DisplayLine]:
    """The metadata table: an optional caption line, then one or more lines per
    (key, value) row. In a right-to-left article the keys are on the right."""
    options = options or TextOptions()
    width = max(1, width)
    fallback = article.direction
    rtl = fallback is Direction.RTL
    align = _align_of(fallback)
    out: list[DisplayLine] = []
    if article.meta_caption and article.meta_caption.strip():
        caption = _cell(article.meta_caption, width, fallback, options)
        out.append(_cell_line("meta_caption", caption, align))
    rows = [(readable_key(k), v) for k, v in article.metadata if k.strip() or v.strip()]
    if not rows:
        return out
    if width < META_MIN_TABLE_WIDTH:
        return out + _stacked(rows, width, fallback, options)
    natural = max(_cell(k, width, fallback, options).width for k, _ in rows)
    key_col = max(1, min(natural, (width - META_GAP) * 2 // 5))
    value_col = width - META_GAP - key_col
    for key, value in rows:
        key_cell = _cell(key, key_col, fallback, options)
        values = _value_cells(value, value_col, fallback, options) if value else [_Cell("", 0)]
        for i, value_cell in enumerate(values):
            k = key_cell if i == 0 else _Cell("", 0)
            if rtl:
                line = _row((value_cell, value_col, "meta_value"), (k, key_col, "meta_key"), True)
            else:
                line = _row((k, key_col, "meta_key"), (value_cell, value_col, "meta_value"), False)
            out.append(line)
    return out


def _stacked(
    rows: Sequence[tuple[str, str]], width: int, fallback: Direction, options: TextOptions
) -> list[DisplayLine]:
    """A table too narrow for two columns: each key on its own line above its value."""
    out: list[DisplayLine] = []
    align = _align_of(fallback)
    for key, value in rows:
        for text, role in ((key, "meta_key"), (value, "meta_value")):
            if not text:
                continue
            cells = (
                [_cell(text, width, fallback, options)]
                if role == "meta_key"
                else (_value_cells(text, width, fallback, options))
            )
            for c in cells:
                spans = ((0, len(c.text), role),) if c.text else ()
                out.append(_cell_line("meta_row", c, align, spans))
    return out


def details_lines(
    article: Article, width: int, options: TextOptions | None = None
) -> list[DisplayLine]:
    """The Metadata pane: the comment line first (so that a pane of a few rows
    still shows it), then the metadata table."""
    comments = comments_line(article, width, options)
    table = metadata_lines(article, width, options)
    return [comments, *table] if comments is not None else table


def print_lines(
    article: Article, width: int, options: TextOptions | None = None
) -> list[DisplayLine]:
    """Everything the reader pane shows, top to bottom: the article, then the
    metadata table, then the comment line as the article wrote it (what
    ``tuireader --print`` writes; nothing for a count the article does not give)."""
    out = article_lines(article, width, options)
    meta = metadata_lines(article, width, options)
    if meta:
        if out:
            out.append(BLANK)
        out += meta
    comments = comments_line(article, max(1, width), options)
    if comments is not None:
        if out:
            out.append(BLANK)
        out.append(comments)
    return out


def render_text(
    lines: Sequence[DisplayLine],
    width: int,
    style: Callable[[DisplayLine, str], str] | None = None,
) -> str:
    """Plain text of ``lines`` placed in ``width`` columns, one line each, without
    trailing spaces. ``style`` may wrap each padded line (e.g. in SGR codes)."""
    out = []
    for line in lines:
        text = line.padded(width).rstrip(" ")
        out.append(style(line, text) if style and text else text)
    return "\n".join(out) + "\n"
