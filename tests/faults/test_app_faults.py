"""What the user sees when the disk misbehaves while the reader runs: one clear
message (not one every poll), the list and the position kept."""

from __future__ import annotations

from tuireader.index.catalog import Catalog
from tuireader.index.faults import IndexUnavailable
from ui.conftest import loaded, wait_for
from ui.screen_text import screen_text


def messages(app, words: str) -> list[str]:
    return [n.message for n in app._notifications if words in n.message]


async def test_a_cache_folder_that_is_a_file(make_app, tmp_path):
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: messages(app, "is a file, not a folder"))
        await wait_for(pilot, lambda: all(not r.pending for r in screen.article_list.rows))
        assert len(messages(app, "article index")) == 1
        titles = [r.title for r in screen.article_list.rows]
        assert not any(t.startswith("000_") for t in titles), "titles fell back to file names"
        await pilot.press("slash")
        await pilot.press(*"Pyongyang")
        await wait_for(pilot, lambda: "match" in str(screen.article_list.border_subtitle))
        assert screen.filter_ids, "full-text search found nothing"


async def test_a_failing_refresh_is_said_once_and_backs_off(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: not screen.library.refreshing)
        rows = [r.title for r in screen.article_list.rows]
        calls = []

        def full(self, progress=None, cancel=None):
            calls.append(1)
            raise IndexUnavailable("full", "Could not update the article index (disk full)")

        monkeypatch.setattr(Catalog, "refresh", full)
        for n in range(1, 4):
            screen.library.retry_at = 0.0  # (as if the back-off had passed)
            screen.library.poll()
            await wait_for(pilot, lambda n=n: len(calls) == n and not screen.library.refreshing)
        screen.library.poll()  # within the back-off: not tried again
        assert len(calls) == 3
        assert screen.library.backoff >= 8
        assert len(messages(app, "disk full")) == 1
        assert [r.title for r in screen.article_list.rows] == rows
        monkeypatch.undo()
        screen.library.retry_at = 0.0
        screen.library.poll()
        await wait_for(pilot, lambda: messages(app, "in order again"))


async def test_a_library_folder_gone_for_a_while(make_app, articles):
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: not screen.library.refreshing)
        await pilot.press("j", "j", "enter")
        await wait_for(pilot, lambda: screen.article is not None
                       and screen.article.id == screen.article_list.current.id)
        here = screen.article_list.current.id
        rows = [r.id for r in screen.article_list.rows]
        away = articles.with_name("articles-away")
        articles.rename(away)
        screen.library.poll()
        await wait_for(pilot, lambda: "folder missing" in screen_text(app))
        assert [r.id for r in screen.article_list.rows] == rows
        assert screen.article_list.current.id == here
        assert len(messages(app, "cannot be reached")) == 1
        away.rename(articles)
        screen.library.retry_at = 0.0
        screen.library.poll()
        await wait_for(pilot, lambda: "unread ·" in screen_text(app))
        assert [r.id for r in screen.article_list.rows] == rows
        assert screen.article_list.current.id == here
        assert screen.store.last_article == here


async def test_a_row_that_is_only_an_error_is_not_counted_unread(make_app, articles):
    total = len([p for p in articles.iterdir() if p.is_file()])
    (articles / "zz-gone.txt").symlink_to(articles / "no-such-file")  # listed, cannot be read
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: not screen.library.refreshing
                       and len(screen.article_list.rows) == total + 1)
        await wait_for(pilot, lambda: f"{total} unread · {total + 1}" in screen_text(app))
