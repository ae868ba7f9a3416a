"""Load one article file into an `Article`. Never raises.

Which parser: `.md` and `.markdown` files are Markdown with optional YAML
front matter; every other file is the scraped text format, except that a
file of any extension that begins with a ``---`` front matter block holding a
YAML mapping is read as Markdown (the scraped format never starts with
``---``; a hand-written article that does means front matter).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from tuireader.articles.decode import DEFAULT_MAX_BYTES, read_text
from tuireader.articles.model import Article
from tuireader.articles.parse_markdown import has_front_matter, parse_markdown
from tuireader.articles.parse_text import ParsedArticle, parse_text
from tuireader.articles.sanitize import clean_line
from tuireader.settings.paths import article_id as id_of_rel

__all__ = ["MARKDOWN_SUFFIXES", "article_id", "load_article", "parse_article_text", "rel_path"]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
# A comment count beyond a 64-bit integer is not a count, and the index
# (SQLite) cannot store it: one such file would stop the whole refresh.
_MAX_COMMENTS = 2**63 - 1


def rel_path(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> str:
    """The path relative to `root` with "/" separators; the absolute path when
    there is no root or the file lies outside it."""
    p = os.path.abspath(os.fspath(path))
    if root is not None:
        r = os.path.abspath(os.fspath(root))
        if os.sep == "/" and type(p) is str and type(r) is str:
            # A file inside the root (the index asks this for every file): the
            # rest of the normalized path is what relpath would give.
            prefix = r if r.endswith("/") else r + "/"
            if p.startswith(prefix) and len(p) > len(prefix) and p[len(prefix)] != "/":
                return p[len(prefix) :]
        try:
            rel = os.path.relpath(p, r)
        except ValueError:  # another drive on Windows
            rel = p
        if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
            p = rel
    return Path(p).as_posix()


def article_id(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> str:
    """Stable id: SHA-1 (hex) of the path relative to the library root."""
    return id_of_rel(rel_path(path, root))


def _fallback_title(path: Path) -> str:
    name = path.stem if path.suffix else path.name
    return clean_line(name) or clean_line(path.name) or "untitled"


def parse_article_text(text: str, *, markdown: bool) -> ParsedArticle:
    """Parse decoded text with the parser for its format (see module doc)."""
    if markdown or has_front_matter(text):
        return parse_markdown(text)
    return parse_text(text)


def load_article(
    path: str | os.PathLike[str],
    root: str | os.PathLike[str] | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read, decode and parse the article at `path`. Problems become
    `Article.error` (unreadable file) or `Article.notices` (oddities)."""
    p = Path(path)
    try:
        aid = article_id(p, root)
    except Exception:  # pragma: no cover - fsencode of a str path cannot fail
        aid = hashlib.sha1(repr(p).encode("utf-8", "replace")).hexdigest()
    try:
        fallback = _fallback_title(p)
    except Exception:  # pragma: no cover
        fallback = "untitled"
    try:
        decoded = read_text(p, max_bytes=max_bytes)
        notices = tuple(clean_line(n) for n in decoded.notices)
        if decoded.error is not None:
            return Article(id=aid, path=p, title=fallback, error=clean_line(decoded.error),
                           notices=notices)
        parsed = parse_article_text(decoded.text, markdown=p.suffix.lower() in MARKDOWN_SUFFIXES)
        return Article(
            id=aid,
            path=p,
            title=parsed.title or fallback,
            blocks=parsed.blocks,
            meta_caption=parsed.meta_caption,
            metadata=parsed.metadata,
            comments=parsed.comments if (parsed.comments or 0) <= _MAX_COMMENTS else None,
            comment_line=parsed.comment_line,
            lang=parsed.lang,
            direction=parsed.direction,
            notices=notices + tuple(clean_line(n) for n in parsed.notices),
        )
    except Exception as exc:  # one bad file must never take the reader down
        return Article(id=aid, path=p, title=fallback,
                       error=clean_line(f"could not read the article ({type(exc).__name__})"))
