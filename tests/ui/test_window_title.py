"""The header carries the open article's title; during a burst of keys it
follows once the keys pause, and then names the article on screen."""

from __future__ import annotations

from .conftest import burst, loaded, screen_text, wait_for


async def test_header_names_the_article_reached_by_a_burst_of_keys(make_app):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await loaded(pilot)
        rows = screen.article_list.rows
        target = next(i for i, r in enumerate(rows) if r.title.startswith("Museum pairs"))
        burst(app, *["j"] * target)
        await wait_for(pilot, lambda: screen.article_list.cursor == target)
        screen = await loaded(pilot)
        shown = app.sub_title.rstrip("…")  # (cut to fit the window title)
        assert len(shown) >= 40 and rows[target].title.startswith(shown)
        assert shown in screen_text(app).splitlines()[0]
