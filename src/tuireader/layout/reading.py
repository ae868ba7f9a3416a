"""What the reader pane works out about an article's lines, without Textual.

``ReadingLines`` holds the lines laid out so far (a long article arrives in
parts), the search query's matches per block, and answers the pane's
questions: which text is at the top (to keep it there across a re-wrap),
which lines hold a match, what the frame's position label says. The pane
itself only draws and scrolls.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tuireader.articles.model import Article
from tuireader.articles.sanitize import clean_line
from tuireader.layout.document import TITLE_BLOCK, ArticlePart, DisplayLine

#: Screenfuls laid out before a long article's first frame (the rest follows
#: later): two, so that the first page-down answers before the rest arrives.
FIRST_SCREENS = 2

#: Ranges of the query's words in a text: ``(start, end)`` source indices.
Matcher = Callable[[str, str], Sequence[tuple[int, int]]]

#: The top line's place in the text: (block, first source index, lines above it).
Anchor = tuple[int, int, int]


def _sources(line: DisplayLine) -> list[int]:
    return [s for s in line.source if s >= 0]


@dataclass
class ReadingLines:
    """One article's display lines for one width, as far as laid out."""

    article: Article | None = None
    matcher: Matcher | None = None
    query: str = ""
    lines: list[DisplayLine] = field(default_factory=list)
    #: the first block not laid out yet; None once every block is
    resume: int | None = None
    #: block -> ranges of the query in its text (blocks without a match absent)
    matches: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    _searched: set[int] = field(default_factory=set)

    @property
    def complete(self) -> bool:
        return self.resume is None

    def add(self, part: ArticlePart) -> None:
        """Append the next part of the article."""
        self.lines += part.lines
        self.resume = part.resume
        self._find(part.lines)

    def set_query(self, query: str) -> None:
        self.query = query.strip()
        self.matches = {}
        self._searched = set()
        self._find(self.lines)

    # -- keeping the place across a re-wrap ---------------------------------

    def anchor(self, top: int) -> Anchor | None:
        """Where line ``top``'s text starts: (block, first source index, lead).
        A line without text of its own (the blank between paragraphs, a rule)
        is anchored on the next line that has some, ``lead`` lines above it:
        anchoring it on itself would find the first blank of the article, at
        its top. Below the last paragraph, ``lead`` is negative: the view stays
        as far below that paragraph."""
        if not 0 <= top < len(self.lines):
            return None
        for lead, line in enumerate(self.lines[top:]):
            if line.block is not None and (sources := _sources(line)):
                return line.block, min(sources), lead
        # below the last paragraph (the metadata table): the last text above
        for back, line in enumerate(reversed(self.lines[:top]), start=1):
            if line.block is not None and (sources := _sources(line)):
                return line.block, min(sources), -back
        return None

    def line_of(self, anchor: Anchor) -> int:
        """The line that now holds the anchor's character (less its lead)."""
        block, start, lead = anchor
        fallback: int | None = None
        for i, line in enumerate(self.lines):
            if line.block != block:
                continue
            if fallback is None:
                fallback = i
            if any(s >= start for s in line.source):
                return max(0, i - lead)
        return max(0, (fallback or 0) - lead)

    def lacks(self, anchor: Anchor, rows: int) -> bool:
        """More must be laid out before ``anchor`` can be the top line of a
        full pane of ``rows``: its block, and a screenful after it."""
        if self.resume is None:
            return False
        return anchor[0] >= self.resume or len(self.lines) - self.line_of(anchor) < rows

    # -- search matches -------------------------------------------------------

    def block_text(self, block: int | None) -> str | None:
        article = self.article
        if article is None or block is None:
            return None
        if block == TITLE_BLOCK:
            return article.title
        if 0 <= block < len(article.blocks):
            return article.blocks[block].text
        return None

    def _find(self, lines: Sequence[DisplayLine]) -> None:
        """Find the query in the blocks ``lines`` come from (not searched before)."""
        if not self.query or self.matcher is None or self.article is None:
            return
        blocks = {line.block for line in lines if line.block is not None} - self._searched
        for block in blocks:
            self._searched.add(block)
            text = self.block_text(block)
            ranges = list(self.matcher(self.query, text)) if text else []
            if ranges:
                self.matches[block] = ranges

    def hits(self, line: DisplayLine) -> set[int]:
        """Indices in ``line.text`` of the characters inside a match."""
        ranges = self.matches.get(line.block) if line.block is not None else None
        if not ranges:
            return set()
        return {
            i for i, s in enumerate(line.source) if s >= 0 and any(a <= s < b for a, b in ranges)
        }

    def match_lines(self) -> list[int]:
        """Indices of lines holding at least one match."""
        return [i for i, line in enumerate(self.lines) if self.hits(line)]

    # -- where the reader is ------------------------------------------------

    def position_label(self, top: int, height: int) -> str:
        """The frame's title: how far through the article the bottom row is,
        and ``end`` when the last line is on screen."""
        total = len(self.lines)
        if self.article is None or not total:
            return "Article"
        if not self.complete:
            return "Article · …"  # (the rest is being laid out)
        if total <= height:
            return "Article · all ■"
        if top >= total - height:
            return "Article · end ■"
        return f"Article · {min(99, 100 * (top + height) // total)}%"


def page_step(height: int, fraction: float) -> int:
    """Lines a page (``fraction`` 1) or half page (0.5) moves, signed: a whole
    page keeps one line of the last one in view."""
    step = max(1, int(height * abs(fraction)) - (1 if abs(fraction) >= 1 else 0))
    return step if fraction > 0 else -step


def failure_lines(message: str, width: int) -> list[DisplayLine]:
    """``message`` as error lines that need nothing of the text engine (which
    may be what failed): one line of control-free ASCII, wrapped to ``width``."""
    text = clean_line(message).encode("ascii", "backslashreplace").decode("ascii")
    rows = textwrap.wrap(text, max(1, width), break_long_words=True) or [""]
    return [DisplayLine("error", row, len(row), "left", None, (-1,) * len(row)) for row in rows]


def failure_text(what: str, exc: BaseException) -> str:
    """What failed and how, for the person reading, on one clean line (an
    exception may quote article text): "could not lay out this article
    (ValueError: …)"."""
    detail = str(exc)
    name = type(exc).__name__
    text = f"could not {what} ({name}: {detail})" if detail else f"could not {what} ({name})"
    return clean_line(text)
