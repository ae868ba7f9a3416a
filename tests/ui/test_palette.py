"""The command palette reads Arabic: its box shows the query shaped, and
"go to article" finds an article by its title and opens it."""

from __future__ import annotations

from textual.command import CommandList

from .conftest import (
    SEED_TITLE,
    is_shaped_arabic,
    loaded,
    logical_from_visual,
    region_rows,
    screen_text,
    wait_for,
)


async def test_go_to_article_by_an_arabic_title(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.animation_level = "none"
        screen = await loaded(pilot)
        start = screen.article.title
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.query("CommandInput"))
        palette = app.screen
        field = palette.query_one("CommandInput")
        await pilot.press(*"روسيا")
        await wait_for(pilot, lambda: field.value == "روسيا")
        results = palette.query_one(CommandList)
        await wait_for(pilot, lambda: results.option_count > 0)
        await pilot.pause()
        # the box: shaped, right to left
        typed = region_rows(app, field)[0].strip()
        assert is_shaped_arabic(typed) and logical_from_visual(typed) == "روسيا"
        # the hit: the title as the list draws it (shaped, in visual order)
        shown = "\n".join(region_rows(app, results))
        title_words = SEED_TITLE.split()[:3]
        assert any(logical_from_visual(w) in title_words for w in shown.split())
        assert all(
            is_shaped_arabic(word) for word in shown.split() if not word.isascii()
        ), shown
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: screen.article and "روسيا" in screen.article.title)
        assert screen.article.title != start or "روسيا" in start
        assert "روسيا" not in screen_text(app)  # no unshaped Arabic on screen
