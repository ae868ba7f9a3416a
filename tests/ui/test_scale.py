"""10,000 articles: the list formats only the rows on screen."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import NamedTuple

from app_builder import build_app, flat_places
from tuireader.articles.model import Article, Block, BlockKind, Direction
from tuireader.index.source import Source
from tuireader.ui.widgets.article_list import ArticleList

from .conftest import loaded, wait_for
from .screen_text import screen_text

N = 10_000


class Row(NamedTuple):
    id: str
    rel: str
    title: str
    comments: int | None
    error: str | None
    direction: Direction
    mtime_ns: int = 0
    size: int = 0


class FakeSource(Source):
    """Many articles without reading any article file (its index, empty, is in
    ``cache``)."""

    def __init__(self, n: int, cache: Path) -> None:
        super().__init__(Path("/nonexistent"), cache)
        self.rows = [
            Row(
                f"id{i}",
                f"{i:05d}.txt",
                f"مقال رقم {i} عن الأخبار" if i % 2 else f"Article number {i}",
                i % 7,
                None,
                Direction.RTL if i % 2 else Direction.LTR,
            )
            for i in range(n)
        ]

    def entries(self):
        return self.rows

    def first_entries(self, n):
        return self.rows[:n]

    def refresh(self, progress=None, cancel=None):
        return None

    def article(self, row) -> Article:
        return Article(
            id=row.id,
            path=Path(row.rel),
            title=row.title,
            blocks=(Block(BlockKind.PARAGRAPH, f"Body of {row.title}."),),
            direction=row.direction,
        )

    def search(self, query, entries):
        return [e.id for e in entries if query in e.title]

    def close_thread(self) -> None:
        pass


async def test_ten_thousand_articles(tmp_path, monkeypatch):
    formatted = []
    real = ArticleList._row_segments

    def counting(self, row, width):
        formatted.append(row.id)
        return real(self, row, width)

    monkeypatch.setattr(ArticleList, "_row_segments", counting)
    source = FakeSource(N, tmp_path / "cache")
    app = build_app(
        Path("/nonexistent"), flat_places(tmp_path), source=source, state_dir=tmp_path / "s"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert len(screen.article_list.rows) == N
        await pilot.press("G")
        screen = await loaded(pilot)
        assert screen.article.id == f"id{N - 1}"
        await pilot.press("k", "g", "space", "end", "home")
        await loaded(pilot)
        # only rows that were on screen were ever formatted
        assert len(set(formatted)) < 200
        await pilot.press("slash", *"number 99")
        await wait_for(pilot, lambda: screen.filter_settled and screen.filter_query == "number 99")
        assert {r.id for r in screen.article_list.rows} == {
            f"id{i}" for i in range(0, N, 2) if str(i).startswith("99")
        }


class SlowSource(FakeSource):
    """``entries()`` waits until the test lets it go (a long list being read)."""

    def __init__(self, n: int, cache: Path) -> None:
        super().__init__(n, cache)
        self.release = threading.Event()
        self.whole_reads = 0

    def entries(self):
        self.whole_reads += 1
        assert self.release.wait(60), "the test never released the list"
        return self.rows


def slow_app(tmp_path, source, state_dir=None):
    return build_app(
        Path("/nonexistent"), flat_places(tmp_path), source=source,
        state_dir=state_dir or tmp_path / "s",
    )


async def test_a_long_list_shows_its_first_rows_before_the_rest_is_read(tmp_path):
    source = SlowSource(N, tmp_path / "cache")
    app = slow_app(tmp_path, source)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: bool(screen.article_list.rows) and screen.article)
        # the first screen is there while the whole list is still being read
        assert 0 < len(screen.article_list.rows) < N
        assert not screen.list_complete
        assert "listing…" in screen_text(app)
        assert screen.article.id == "id0"
        await pilot.press("j", "j", "j")
        await wait_for(pilot, lambda: screen.article.id == "id3")
        source.release.set()
        screen = await loaded(pilot)
        assert len(screen.article_list.rows) == N
        assert screen.article.id == "id3"  # the selection stayed where the keys put it
        assert f"{N} unread · {N}" in screen_text(app)
        await pilot.press("G")
        screen = await loaded(pilot)
        assert screen.article.id == f"id{N - 1}"


async def test_reopening_an_article_further_down_reads_the_whole_list_first(tmp_path):
    from tuireader.settings.state import StateStore

    state = tmp_path / "s"
    store = StateStore(state, Path("/nonexistent"))
    store.load()
    store.set_last("id5000", 0)
    store.save()
    source = SlowSource(N, tmp_path / "cache")
    source.release.set()
    app = slow_app(tmp_path, source, state)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        # no first step with the wrong article highlighted: one read, then the row
        assert source.whole_reads == 1
        assert screen.article.id == "id5000"
        assert len(screen.article_list.rows) == N
