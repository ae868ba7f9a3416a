"""Getting the highlighted row's article onto the reader (a part the reader owns).

A recently shown article comes from a small cache; a small file is read and
laid out on the spot (faster than a worker thread starts, so it shows in the
same frame as the list's cursor); a larger one is read and its first
screenful laid out in the reader's worker, and a result for a row the user
has left since is dropped. The rest of a long article is laid out in another
worker once its first screen is drawn. The remembered scroll position is
restored when its article opens; an article re-opened after its file changed
keeps the text at the top. Each article shown is announced with
``ArticleShown``.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from textual.message import Message
from textual.worker import get_current_worker

from tuireader.articles.model import Article
from tuireader.layout.document import ArticlePart, article_part
from tuireader.layout.reading import FIRST_SCREENS, failure_lines, failure_text
from tuireader.rtl import TextOptions

if TYPE_CHECKING:
    from tuireader.ui.widgets.reader import ReaderView

ARTICLE_CACHE = 32  # articles kept read (going back and forth reads nothing)
SYNC_LOAD_BYTES = 64 * 1024  # smaller files are read on the spot, larger ones in a thread

#: What a layout was made for: (measure, options, rows of the pane).
LayoutKey = tuple[int, TextOptions, int]
#: A layout key and the first part of the article laid out for it.
LaidOut = tuple[LayoutKey, ArticlePart]
#: (id, stamp): an article as a file's version (a changed file is another one)
Version = tuple[str, Any]


@dataclass
class ArticleShown(Message):
    """An opened row's article is on screen, from line ``scroll``."""

    article: Article
    row_id: str
    scroll: int


class ArticleSource(Protocol):
    def article(self, row: Any) -> Article: ...
    def close_thread(self) -> None: ...


def stamp(row: Any) -> Any:
    return (getattr(row, "mtime_ns", None), getattr(row, "size", None))


def lay_out(
    article: Article,
    width: int,
    options: TextOptions,
    start: int = 0,
    min_lines: int | None = None,
) -> ArticlePart:
    """``document.article_part`` for the reader (thread-safe): the one place
    where an unexpected layout failure becomes a visible message saying what
    failed, instead of taking the app down. (The layout is built, and
    property-tested, never to raise: this is for the unforeseen.)"""
    try:
        return article_part(article, width, options, start=start, min_lines=min_lines)
    except Exception as exc:  # noqa: BLE001 - see the docstring
        return ArticlePart(failure_lines(failure_text("lay out this article", exc), width))


def layout_rest(article: Article, width: int, options: TextOptions, start: int) -> ArticlePart:
    """The lines after a first part (run in a worker thread)."""
    return lay_out(article, width, options, start)


def read(source: ArticleSource, row: Any) -> Article:
    """``row``'s article (thread-safe). The source is built never to raise;
    should it, the article says what failed in its own place."""
    try:
        return source.article(row)
    except Exception as exc:  # noqa: BLE001 - see the docstring
        path = Path(getattr(row, "rel", row.id))
        error = failure_text("load this article", exc)
        return Article(id=row.id, path=path, title=getattr(row, "title", ""), error=error)


def read_and_lay_out(source: ArticleSource, row: Any, key: LayoutKey) -> tuple[Article, LaidOut]:
    """``row``'s article and its first screenful for ``key`` (thread-safe)."""
    measure, options, rows = key
    article = read(source, row)
    return article, (key, lay_out(article, measure, options, min_lines=FIRST_SCREENS * rows))


class ReaderPipeline:
    """Which article the reader shows, and getting it there."""

    def __init__(self, reader: ReaderView, source: ArticleSource) -> None:
        self.reader = reader
        self.source = source
        self._wanted: str | None = None  # the id of the row asked for last
        self._shown: Version | None = None
        self._loading: Version | None = None
        self._articles: OrderedDict[Version, Article] = OrderedDict()
        self._restore: tuple[str, int] | None = None

    def open(self, row: Any) -> None:
        """Show ``row``'s article (at once when it can be)."""
        self._wanted = row.id
        version = (row.id, stamp(row))
        if version in (self._shown, self._loading):
            return
        found = self._articles.get(version)
        laid_out: LaidOut | None = None
        size = getattr(row, "size", None)
        if found is None and isinstance(size, int) and size <= SYNC_LOAD_BYTES:
            # a small file reads faster than a worker thread starts: show it in this frame
            found, laid_out = read_and_lay_out(self.source, row, self.reader.layout_key())
        if found is not None:
            self._arrived(row, version, found, laid_out)
            return
        self._loading = version
        key = self.reader.layout_key()
        self.reader.run_worker(
            lambda: self._worker(row, version, key),
            thread=True,
            exclusive=True,
            group="article",
            exit_on_error=False,
        )

    def _worker(self, row: Any, version: Version, key: LayoutKey) -> None:
        worker = get_current_worker()
        try:
            article, laid_out = read_and_lay_out(self.source, row, key)
        finally:
            self.source.close_thread()
        if not worker.is_cancelled:
            self.reader.app.call_from_thread(self._arrived, row, version, article, laid_out)

    def _arrived(
        self, row: Any, version: Version, article: Article, laid_out: LaidOut | None
    ) -> None:
        if self._loading == version:
            self._loading = None
        if self._wanted != row.id or self._shown == version:
            return  # the user moved on meanwhile, or it is already on screen
        self._articles[version] = article
        self._articles.move_to_end(version)
        while len(self._articles) > ARTICLE_CACHE:
            self._articles.popitem(last=False)
        reader = self.reader
        # the same article again, its file changed: the text at the top stays
        same = self._shown is None and reader.article is not None and reader.article.id == row.id
        scroll = reader.top_line if same else 0
        if self._restore and self._restore[0] == row.id:
            scroll = self._restore[1]
        self._restore = None
        self._shown = version
        reader.show(article, scroll=scroll, laid_out=laid_out, keep_place=same)
        if reader.query_text and not scroll:
            reader.scroll_to_first_match()
        # (to the screen straight, not bubbled up through the containers: each
        # hop waits a turn of the event loop, and the panes the screen updates
        # from it then often followed the article a frame later)
        reader.screen.post_message(ArticleShown(article, row.id, scroll))

    def lay_out_rest(
        self, article: Article, width: int, options: TextOptions, start: int, generation: int
    ) -> None:
        """Lay out the article from block ``start`` on in the reader's worker;
        the reader takes it (``add_rest``) unless it has laid out anew since."""
        self.reader.run_worker(
            lambda: self._rest_worker(article, width, options, start, generation),
            thread=True,
            exclusive=True,
            group="reader-rest",
            exit_on_error=False,
        )

    def _rest_worker(
        self, article: Article, width: int, options: TextOptions, start: int, generation: int
    ) -> None:
        part = layout_rest(article, width, options, start)
        if get_current_worker().is_cancelled:
            return
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.reader.app.call_from_thread(self.reader.add_rest, generation, part)

    def cleared(self) -> None:
        """No article is on screen any more (a message is)."""
        self._wanted = None
        self._shown = None

    def forget(self, ids: set[str]) -> None:
        """The files of ``ids`` changed: read them again when next opened (the
        one on screen at once if it is highlighted again, keeping its place)."""
        for version in [v for v in self._articles if v[0] in ids]:
            del self._articles[version]
        if self._shown and self._shown[0] in ids:
            self._shown = None

    def restore(self, article_id: str, line: int) -> None:
        """Open ``article_id`` at ``line`` when it is next shown (the last
        article read, or the file named on the command line)."""
        self._restore = (article_id, line)

    @property
    def restoring(self) -> str | None:
        """The article waiting to be restored, if any."""
        return self._restore[0] if self._restore else None
