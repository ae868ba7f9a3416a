"""The article model shared by the parser, the library, the index and the UI.

Pure data: no I/O, no Textual. Every string in an Article has already been
through the sanitizer, so widgets may display it without further cleaning
(but still never as markup).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from tuireader.rtl.direction import Direction as Direction  # the text engine owns it


class BlockKind(str, Enum):
    PARAGRAPH = "paragraph"
    SUBHEADING = "subheading"


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One parsed article.

    ``id`` is stable across runs for the same file (derived from its path
    relative to the library root). ``error`` is set when the file could not be
    read or parsed; such an article still appears in the list so that the user
    sees what is wrong with which file. ``comments`` is the count (for sorting
    and the list); ``comment_line`` keeps the words around it as written.
    ``notices`` are non-fatal remarks shown with the article ("decoded as
    windows-1256", "truncated at 4 MiB").
    """

    id: str
    path: Path
    title: str
    blocks: tuple[Block, ...] = ()
    meta_caption: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()
    comments: int | None = None
    #: the comment-count line as the article wrote it ("تعليقات (12)"), if it had one
    comment_line: str | None = None
    lang: str | None = None
    direction: Direction = Direction.LTR
    error: str | None = None
    notices: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind is BlockKind.PARAGRAPH)

    @property
    def subheadings(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind is BlockKind.SUBHEADING)
