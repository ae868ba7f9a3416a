"""The main screen's parts talk through messages: the filter box posts the
result of the query typed last only, the library watcher's rows arrive
filtered by the filter in force, the feed fetcher's progress reaches the
list's frame."""

from __future__ import annotations

import threading

from tuireader.index.source import Source
from tuireader.ui.widgets.filter_bar import FilterBar

from .conftest import loaded, wait_for, wait_unheld
from .screen_text import screen_text


async def test_the_filter_box_posts_only_the_query_typed_last(make_app, monkeypatch):
    started, gate = threading.Event(), threading.Event()
    real = Source.search

    def slow_for_the_first(self, query, entries):
        if query == "Pyong":  # held until the user has typed on
            started.set()
            gate.wait(60)
        return real(self, query, entries)

    monkeypatch.setattr(Source, "search", slow_for_the_first)
    posted: dict[int, str] = {}  # (a message is seen again as it bubbles up)

    def hook(message):
        if isinstance(message, FilterBar.FilterChanged):
            posted[id(message)] = message.query

    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        screen = await loaded(pilot)
        await pilot.press("slash", *"Pyong")
        await wait_unheld(pilot, started.is_set)
        await pilot.press(*"yang")
        await wait_unheld(pilot, lambda: screen.filter_query == "Pyongyang")
        gate.set()  # the search for "Pyong" ends now: too late to be shown
        await wait_for(pilot, lambda: screen.filter_settled)
        await wait_for(pilot, lambda: all(w.is_finished for w in app.workers))
        await pilot.pause()
        # (the queries typed on the way may have been searched and shown: not "Pyong")
        assert "Pyong" not in posted.values()
        assert list(posted.values())[-1] == "Pyongyang"
        assert screen.filter_query == "Pyongyang"
        assert screen.article_list.rows
        assert "match" in str(screen.article_list.border_subtitle)


async def test_a_new_article_that_matches_the_filter_joins_the_filtered_list(
    make_app, articles
):
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await loaded(pilot)
        await pilot.press("slash", *"Pyongyang", "enter")
        await wait_for(pilot, lambda: screen.filter_settled and screen.filter_query == "Pyongyang")
        before = [row.id for row in screen.article_list.rows]
        assert before
        (articles / "zz-new.txt").write_text(
            "Pyongyang opens a new railway line\n\nA body about trains.\n", encoding="utf-8"
        )
        await pilot.press("r")
        said = lambda: [" ".join(n.message.split()) for n in app._notifications]  # noqa: E731
        await wait_for(pilot, lambda: any("1 new article" in m for m in said()))
        titles = [row.title for row in screen.article_list.rows]
        assert "Pyongyang opens a new railway line" in titles, titles
        assert len(titles) == len(before) + 1
        assert f"{len(before) + 1} of" in str(screen.article_list.border_subtitle)


async def test_feed_progress_shows_in_the_lists_frame_until_the_fetch_is_over(make_app):
    from tuireader.ui.screens.feed_fetcher import FeedFetcher

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        counts = str(screen.article_list.border_subtitle)
        screen.feeds.post_message(FeedFetcher.Progress(1, 3, 2))
        await wait_for(pilot, lambda: "feeds 1/3 · 2 new" in screen_text(app))
        screen.feeds.post_message(FeedFetcher.Done())
        await wait_for(pilot, lambda: str(screen.article_list.border_subtitle) == counts)
