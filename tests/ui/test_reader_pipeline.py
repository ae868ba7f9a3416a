"""The reader opens the highlighted row itself and says so with
``ArticleShown``: the Metadata pane, the title bar and the remembered last
article follow that message. A large file is read in the reader's worker; a
result that arrives after the user moved on is dropped, never shown over
the article moved to. What fails is said in the article's place."""

from __future__ import annotations

import threading
from pathlib import Path

import tuireader.ui.widgets.reader_pipeline as pipeline_module
from tuireader.ui.widgets.reader import ReaderView
from tuireader.ui.widgets.reader_pipeline import SYNC_LOAD_BYTES

from .conftest import loaded, region_rows, wait_for, wait_unheld


def library(tmp_path: Path) -> Path:
    """A small article, a large one (read in a worker), another small one."""
    root = tmp_path / "lib"
    root.mkdir()
    (root / "a_small.txt").write_text("Alpha title\nAlpha title\nAlpha body.\n", encoding="utf-8")
    paragraph = "Bravo words " * 40
    count = SYNC_LOAD_BYTES // len(paragraph) + 10
    body = "\n".join(f"{i} {paragraph}" for i in range(count))
    (root / "b_large.txt").write_text(f"Bravo title\nBravo title\n{body}\n", encoding="utf-8")
    (root / "c_small.txt").write_text(
        "Charlie title\nCharlie title\nCharlie body.\n", encoding="utf-8"
    )
    return root


class HeldSource:
    """The app's source, counting reads, holding back the read of ``held``
    until ``release`` is set (on the worker thread), or failing with ``fail``."""

    def __init__(self, real, held: str | None = None, fail: Exception | None = None) -> None:
        self.real = real
        self.held = held
        self.fail = fail
        self.release = threading.Event()
        self.reads: list[str] = []

    def article(self, row):
        self.reads.append(row.rel)
        if row.rel == self.held:
            self.release.wait(timeout=120)  # (a guard only: the test sets it)
        if self.fail is not None:
            raise self.fail
        return self.real.article(row)

    def close_thread(self) -> None:
        self.real.close_thread()



def row_named(screen, rel: str):
    return next(r for r in screen.article_list.rows if r.rel == rel)


async def test_each_article_shown_is_announced_and_the_panes_follow_it(make_app, tmp_path):
    shown: list[ReaderView.ArticleShown] = []

    def hook(message) -> None:
        # (a message is seen at each widget it bubbles through: once is enough)
        if isinstance(message, ReaderView.ArticleShown) and all(m is not message for m in shown):
            shown.append(message)

    app = make_app(library(tmp_path))
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        screen = await loaded(pilot)
        await pilot.press("j", "j")
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: screen.article.path.name == "c_small.txt")
        await wait_for(pilot, lambda: shown and shown[-1].row_id == row_named(
            screen, "c_small.txt").id)
        names = [m.article.path.name for m in shown]
        assert names == ["a_small.txt", "b_large.txt", "c_small.txt"]
        assert all(m.scroll == 0 for m in shown)
        last = shown[-1]
        assert screen.metadata.article is last.article
        assert screen.store.last_article == last.row_id
        assert "Charlie title" in screen.query_one("TitleBar").render().plain


async def test_a_late_read_never_replaces_the_article_moved_to(make_app, tmp_path):
    shown: list[str] = []

    def hook(message) -> None:
        if isinstance(message, ReaderView.ArticleShown):
            shown.append(message.article.path.name)

    app = make_app(library(tmp_path))
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        screen = await loaded(pilot)
        reader = screen.reader
        held = HeldSource(reader.pipeline.source, held="b_large.txt")
        reader.pipeline.source = held
        await pilot.press("j")  # the large one: read in the worker, held there
        await wait_unheld(pilot, lambda: "b_large.txt" in held.reads)
        assert reader.article.path.name == "a_small.txt"  # still on screen meanwhile
        await pilot.press("j")  # moved on before it arrived
        await wait_unheld(
            pilot, lambda: screen.article and screen.article.path.name == "c_small.txt"
        )
        held.release.set()
        for worker in [w for w in app.workers if w.group == "article"]:
            await worker.wait()
        await pilot.pause()
        await pilot.pause()
        assert reader.article.path.name == "c_small.txt"
        assert screen.article.path.name == "c_small.txt"
        assert screen.metadata.article.path.name == "c_small.txt"
        assert screen.store.last_article == row_named(screen, "c_small.txt").id
        assert shown[-1] == "c_small.txt" and "b_large.txt" not in shown
        assert "Charlie body." in "\n".join(region_rows(app, reader))
        assert "Bravo" not in "\n".join(region_rows(app, reader))


async def test_going_back_to_an_article_being_read_shows_it_when_it_arrives(make_app, tmp_path):
    app = make_app(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        reader = screen.reader
        held = HeldSource(reader.pipeline.source, held="b_large.txt")
        reader.pipeline.source = held
        await pilot.press("j")
        await wait_unheld(pilot, lambda: "b_large.txt" in held.reads)
        await pilot.press("j", "k")  # away and back while it is still being read
        await wait_unheld(pilot, lambda: screen.article_list.current.rel == "b_large.txt")
        held.release.set()
        await wait_unheld(
            pilot, lambda: screen.article and screen.article.path.name == "b_large.txt"
        )
        assert held.reads.count("b_large.txt") == 1  # read once, not again on coming back
        await wait_for(pilot, lambda: reader.complete)
        assert "Bravo title" in "\n".join(region_rows(app, reader))


async def test_articles_seen_recently_are_not_read_again(make_app, tmp_path):
    app = make_app(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        counted = HeldSource(screen.reader.pipeline.source)
        screen.reader.pipeline.source = counted
        await pilot.press("j", "j")
        await loaded(pilot)
        await pilot.press("k", "k")
        screen = await loaded(pilot)
        assert screen.article.path.name == "a_small.txt"
        assert sorted(counted.reads) == ["b_large.txt", "c_small.txt"]


async def test_a_failed_read_is_shown_in_the_article_s_place(make_app, tmp_path):
    app = make_app(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        screen.reader.pipeline.source = HeldSource(
            screen.reader.pipeline.source, fail=OSError("disk \x1b[2J on fire")
        )
        await pilot.press("j", "j")  # the large one (worker), then a small one (here)
        screen = await loaded(pilot)
        assert screen.article.path.name == "c_small.txt"
        assert screen.article.error == "could not load this article (OSError: disk on fire)"
        text = "\n".join(region_rows(app, screen.reader))
        assert "could not load this article (OSError: disk on fire)" in text
        assert "Charlie title" in text  # the row's title still heads it
        await pilot.press("k")
        screen = await loaded(pilot)
        assert "could not load this article" in screen.article.error


async def test_a_layout_failure_says_so_and_the_app_goes_on(make_app, tmp_path, monkeypatch):
    app = make_app(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        real = pipeline_module.article_part

        def broken(article, *args, **kwargs):
            if article.path.name == "c_small.txt":
                raise ValueError("no room")
            return real(article, *args, **kwargs)

        monkeypatch.setattr(pipeline_module, "article_part", broken)
        await pilot.press("j", "j")
        await wait_for(pilot, lambda: screen.article and screen.article.path.name == "c_small.txt")
        message = "could not lay out this article (ValueError: no room)"
        assert message in "\n".join(region_rows(app, screen.reader))
        await pilot.resize_terminal(90, 30)  # laid out again for the new width: said again
        await wait_for(pilot, lambda: screen.reader.measure == screen.reader.layout_key()[0])
        await pilot.pause()
        assert message in "\n".join(region_rows(app, screen.reader))
        monkeypatch.setattr(pipeline_module, "article_part", real)
        await pilot.press("k")
        screen = await loaded(pilot)
        assert screen.article.path.name == "b_large.txt" and screen.article.error is None
