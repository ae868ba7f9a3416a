"""`/` filters the list live, Arabic-aware; the query reads correctly; matches light up."""

from __future__ import annotations

import unicodedata

from textual import events

from .conftest import is_shaped_arabic, loaded, logical_from_visual, region_rows, wait_for

WITH_PRICES = ["002_ar_economy_medium.txt", "016_ar_comments_not_a_number.txt"]


def rels(screen) -> list[str]:
    return [r.rel for r in screen.article_list.rows]


async def type_filter(pilot, screen, query: str) -> None:
    await pilot.press("slash")
    assert screen.focused is screen.filter_bar.input
    if any(unicodedata.combining(c) for c in query):
        # the pilot cannot type combining marks; a terminal sends them (or a paste)
        screen.filter_bar.input.post_message(events.Paste(query))
    else:
        await pilot.press(*query)
    await wait_for(pilot, lambda: screen.filter_settled and screen.filter_query == query.strip())


QUERIES = [
    "الأسعار",  # as written
    "الاسعار",  # bare alef for أ
    "الأَسْعار",  # with harakat
    "الأســعار",  # with tatweel
]


async def test_filter_is_arabic_aware(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        for query in QUERIES:
            await type_filter(pilot, screen, query)
            assert rels(screen) == WITH_PRICES, query
            if query in QUERIES[:2]:  # (tatweel stays visible; harakat hidden by default)
                check_preview(app, screen, query)
            if not any(unicodedata.combining(c) for c in query):
                # (Textual's Input counts a combining mark as a cell, which pushes
                # the rest of that row off screen; the preview below is unaffected)
                # (the count is drawn a frame after the list: its width changes)
                await wait_for(
                    pilot, lambda: "2 of 8" in "\n".join(region_rows(app, screen.filter_bar))
                )
            await pilot.press("escape")
            await pilot.pause()
            assert len(rels(screen)) == 8


async def test_persian_letters_and_digits_match_arabic(make_app, articles):
    (articles / "100_ar_digits.txt").write_text(
        "عنوان تجريبي\nعنوان تجريبي\nوصل عدد الزوار إلى ٣٥٠٠ زائر في مدينة كرمان.\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await type_filter(pilot, screen, "کرمان")  # Persian keheh
        assert rels(screen) == ["100_ar_digits.txt"]
        await pilot.press("escape")
        await type_filter(pilot, screen, "3500")  # ASCII digits find Arabic-Indic ones
        assert rels(screen) == ["100_ar_digits.txt"]


def check_preview(app, screen, query: str) -> None:
    """The box itself shows the query shaped and in visual order (so the
    preview line under it, needed in terminal mode, stays hidden)."""
    visual = region_rows(app, screen.filter_bar.input)[0].strip()
    assert is_shaped_arabic(visual)
    assert logical_from_visual(visual) == query
    assert not screen.query_one("#filter-preview").display


async def test_matches_are_highlighted_in_the_reader(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await loaded(pilot)
        await type_filter(pilot, screen, "الأسعار")
        await loaded(pilot)
        check_preview(app, screen, "الأسعار")
        reader = screen.reader
        match_bg = reader.get_component_rich_style("reader--match", partial=True).bgcolor
        highlighted = []
        for y in range(reader.scrollable_content_region.height):
            strip = reader.render_line(y)
            run = "".join(seg.text for seg in strip if seg.style and seg.style.bgcolor == match_bg)
            if run:
                highlighted.append(run)
        assert highlighted, "no match highlighted on screen"
        # the article was scrolled to its first match, and each lit run is the word
        for run in highlighted:
            assert logical_from_visual(run) in ("الأسعار",), run


async def test_escape_clears_and_enter_keeps(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await type_filter(pilot, screen, "الأسعار")
        await pilot.press("j")  # j is text in the box: typed, not a move
        assert screen.filter_bar.value.endswith("j")
        await pilot.press("backspace")
        await wait_for(pilot, lambda: screen.filter_settled and rels(screen) == WITH_PRICES)
        await pilot.press("down")  # down moves the list while typing
        await loaded(pilot)
        assert screen.article.path.name == WITH_PRICES[1]
        await pilot.press("enter")
        assert screen.focused is screen.article_list
        assert rels(screen) == WITH_PRICES and screen.filter_bar.is_open
        await pilot.press("escape")
        await pilot.pause()
        assert len(rels(screen)) == 8 and not screen.filter_bar.is_open
        assert screen.article_list.current.rel == WITH_PRICES[1]  # selection kept
        assert not screen.reader.match_lines
        await type_filter(pilot, screen, "zzzqqq")
        assert rels(screen) == []
        assert "No article matches" in "\n".join(region_rows(app, screen.reader))


async def test_filter_cursor_is_steady_when_animations_are_off(make_app):
    # Over SSH animations are off: a blinking cursor would redraw twice a second.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        screen = await loaded(pilot)
        await pilot.press("slash", "x")
        box = screen.filter_bar.input
        for _ in range(4):
            await pilot.pause(0.3)
            assert box._cursor_visible, "the cursor went dark: it is blinking"


async def test_filter_cursor_blinks_when_animations_are_on(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "full"
        screen = await loaded(pilot)
        await pilot.press("slash", "x")
        box = screen.filter_bar.input
        seen = {box._cursor_visible}

        def blinked() -> bool:
            seen.add(box._cursor_visible)
            return seen == {True, False}

        # sampled until both states show (a busy machine may delay the timer)
        await wait_for(pilot, blinked)
