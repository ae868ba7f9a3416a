"""The reader keeps the text at the top of the pane (its paragraph and the
character the top line starts with) through every change of layout: a resize
in either direction, the too-small screen and back, a bidi / harakat /
shaping toggle, and the file changing on disk."""

from __future__ import annotations

import pytest

from .conftest import burst, loaded, wait_for

LONG = "003_ar_space_long.txt"


def first_text(reader):
    """The first line with article text from the top of the pane down (the
    top row may be the blank between two paragraphs), and how far down it is."""
    for lead, line in enumerate(reader.lines[reader.top_line :]):
        if line.block is not None and any(s >= 0 for s in line.source):
            return line, lead
    raise AssertionError("no text below the top line")


def anchor(reader) -> tuple[int, int]:
    """(paragraph, first character) of the first text at the top."""
    line, _ = first_text(reader)
    return line.block, min(s for s in line.source if s >= 0)


def holds(reader, where: tuple[int, int]) -> bool:
    """The first text at the top is the line holding character ``where[1]`` of
    paragraph ``where[0]`` (at most a blank line above it)."""
    line, lead = first_text(reader)
    sources = [s for s in line.source if s >= 0]
    return lead <= 1 and line.block == where[0] and min(sources) <= where[1] <= max(sources)


async def open_long_and_page(pilot, pages: int = 3):
    app = pilot.app
    screen = await loaded(pilot)
    while screen.article_list.current.rel != LONG:
        await pilot.press("j")
    screen = await loaded(pilot)
    reader = screen.reader
    await pilot.press("enter")
    for _ in range(pages):
        burst(app, "space")
    await wait_for(pilot, lambda: reader.top_line > 0 and not reader._pending)
    await pilot.pause()
    return screen, reader


async def test_width_resizes_and_back_keep_the_paragraph_at_the_top(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, reader = await open_long_and_page(pilot)
        where = anchor(reader)
        assert where[0] is not None and where[0] > 0  # past the first paragraph
        for width in (100, 120, 70, 80):
            await pilot.resize_terminal(width, 24)
            await wait_for(
                pilot, lambda: reader._measure == reader.measure and holds(reader, where)
            )
        assert reader.top_line > 0


async def test_height_and_too_small_and_back_keep_the_place(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, reader = await open_long_and_page(pilot)
        where = anchor(reader)
        for size in ((80, 40), (50, 15), (120, 18), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            if size in ((50, 15), (120, 18)):
                continue  # (too small: nothing to see)
            await wait_for(pilot, lambda: holds(reader, where))


@pytest.mark.parametrize("key", ["B", "H", "S"])
async def test_text_option_toggles_keep_the_place(make_app, key):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, reader = await open_long_and_page(pilot)
        where = anchor(reader)
        await pilot.press(key)
        await wait_for(pilot, lambda: holds(reader, where))
        await pilot.press(key)
        await wait_for(pilot, lambda: holds(reader, where))


async def test_live_reload_of_the_open_file_keeps_the_place(make_app, articles):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, reader = await open_long_and_page(pilot)
        where = anchor(reader)
        path = articles / LONG
        text = path.read_text(encoding="utf-8")
        # a change further down the article (the last paragraph gets a sentence)
        path.write_text(text.rstrip("\n") + " وجملة أخيرة.\n", encoding="utf-8")
        screen.action_refresh()
        def reloaded() -> bool:
            article = screen.article
            return article is not None and "وجملة أخيرة" in article.blocks[-1].text

        await wait_for(pilot, reloaded)
        await wait_for(pilot, lambda: holds(reader, where))
