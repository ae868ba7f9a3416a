"""``R`` fetches the feeds: progress in the list's frame, an error line for the
feed that failed, and the new items in the list without a restart."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from .conftest import loaded, wait_for
from .screen_text import screen_text

FEED = (Path(__file__).parent.parent / "feeds" / "fixtures" / "arabic_rss.xml").read_bytes()


@pytest.fixture
def servers(monkeypatch):
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    started = [HTTPServer(host="127.0.0.1", port=0, threaded=True) for _ in range(2)]
    for srv in started:
        srv.start()
    yield started
    for srv in started:
        srv.clear()
        srv.stop()


def subtitle(screen) -> str:
    return str(screen.article_list.border_subtitle)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_R_fetches_with_progress_and_an_error_line(make_app, tmp_path, articles, servers):
    good, bad = servers
    release = threading.Event()

    def slow_feed(request: Request) -> Response:
        release.wait(60)  # held until the test has seen the progress
        return Response(FEED, content_type="application/rss+xml")

    good.expect_request("/ar").respond_with_handler(slow_feed)
    bad.expect_request("/gone").respond_with_data("", status=404)
    config = tmp_path / "config.toml"
    config.write_text(
        f'[[feeds]]\nurl = "{good.url_for("/ar")}"\nname = "Arabic"\n\n'
        f'[[feeds]]\nurl = "{bad.url_for("/gone")}"\nname = "Al Jazeera"\n',
        encoding="utf-8",
    )
    app = make_app(config_path=config)
    try:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            screen = await loaded(pilot)
            before = len(screen.article_list.rows)
            await pilot.press("R")
            # the failing feed is done, the slow one is not: 1 of 2
            await wait_for(pilot, lambda: subtitle(screen) == "feeds 1/2 · 0 new")
            release.set()
            error = f"Al Jazeera: 404 Not Found at {bad.url_for('/gone')}"
            await wait_for(pilot, lambda: error in messages(app))
            # and on the screen, as a toast (its words may wrap: compare without spaces)
            await wait_for(pilot, lambda: "AlJazeera:404NotFound" in "".join(
                screen_text(app).split()))
            assert "Feeds: 2 new from 1 of 2; 1 failed" in messages(app)
            # the new items reach the list through the library rescan
            await wait_for(pilot, lambda: len(screen.article_list.rows) == before + 2)
            rels = [r.rel for r in screen.article_list.rows]
            assert sum(r.startswith("feeds/arabic/") for r in rels) == 2
            assert not screen.fetching_feeds
    finally:
        release.set()
    assert len(list((articles / "feeds" / "arabic").glob("*.md"))) == 2


async def test_R_without_feeds_says_how_to_add_one(make_app, tmp_path):
    app = make_app(config_path=tmp_path / "none.toml")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("R")
        await wait_for(pilot, lambda: any("No feeds yet" in m for m in messages(app)))


async def test_palette_add_feed(make_app, tmp_path):
    from tuireader.feeds.subscriptions import load_feeds
    from tuireader.ui.feed_commands import AddFeedScreen

    config = tmp_path / "config.toml"
    app = make_app(config_path=config)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Add feed")
        await wait_for(pilot, lambda: "subscribe to a feed" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AddFeedScreen))
        await pilot.press(*"ftp://x", "enter")
        await wait_for(pilot, lambda: "not a web address" in str(
            app.screen.query_one("#feed-problem").render()))
        app.screen.query_one("#feed-url").value = ""
        await pilot.press(*"https://news.example/rss", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, AddFeedScreen))
        assert [f.url for f in load_feeds(config).feeds] == ["https://news.example/rss"]


async def test_interval_from_the_config_fetches_while_running(make_app, tmp_path, servers):
    servers[0].expect_request("/ar").respond_with_data(FEED, content_type="application/rss+xml")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[fetch]\ninterval = 0.005   # minutes\n\n[[feeds]]\nurl = "{servers[0].url_for("/ar")}"'
        '\nname = "Arabic"\n',
        encoding="utf-8",
    )
    app = make_app(config_path=config)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        # no key pressed: the timer fetches, the rescan lists the items
        await wait_for(pilot, lambda: any(
            r.rel.startswith("feeds/arabic/") for r in screen.article_list.rows))
