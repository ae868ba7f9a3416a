"""End (G) shows the end of the article, also when the reader's height changes
right after: a new article's details table, or a window made shorter. A key
can arrive before the screen is laid out again, as it does on a busy machine
or over SSH; the end must not slip out of view then."""

from __future__ import annotations

from .conftest import loaded, region_rows, wait_for

LONG = "003_ar_space_long.txt"


async def open_long(pilot):
    screen = await loaded(pilot)
    row = next(r for r in screen.article_list.rows if r.rel == LONG)
    screen.article_list.select_id(row.id)
    await wait_for(pilot, lambda: screen.article is not None and screen.article.id == row.id)
    screen = await loaded(pilot)
    await pilot.press("enter")
    await wait_for(pilot, lambda: screen.focused is screen.reader)
    return screen


def last_text_line(reader) -> str:
    return next(line.text for line in reversed(reader.lines) if line.text.strip())


async def test_the_end_stays_in_view_when_the_reader_gets_shorter(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_long(pilot)
        reader = screen.reader
        await pilot.press("G")
        await wait_for(pilot, lambda: reader.scroll_y == reader.max_scroll_y > 0)
        await pilot.resize_terminal(100, 30)
        await wait_for(pilot, lambda: reader.scrollable_content_region.height < 30)
        await pilot.pause()
        assert reader.scroll_y == reader.max_scroll_y
        assert last_text_line(reader).strip() in "\n".join(region_rows(app, reader))


async def test_after_scrolling_up_a_shorter_reader_keeps_the_top_line(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_long(pilot)
        reader = screen.reader
        await pilot.press("G", "k", "k", "k")
        await wait_for(pilot, lambda: 0 < reader.scroll_y == reader.max_scroll_y - 3)
        top = reader.top_line
        await pilot.resize_terminal(100, 30)
        await wait_for(pilot, lambda: reader.scrollable_content_region.height < 30)
        await pilot.pause()
        assert reader.top_line == top
