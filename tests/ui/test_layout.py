"""The three panes at 80x24 and 160x50, and what they show for the seed article."""

from __future__ import annotations

import pytest

from .conftest import (
    SEED_TITLE,
    burst,
    is_shaped_arabic,
    loaded,
    logical_from_visual,
    region_rows,
    wait_for,
)
from .screen_text import screen_text


def check_reader_title(app, screen) -> None:
    """The seed's title: shaped, flush right, each line in visual order."""
    rows = [r for r in region_rows(app, screen.reader) if r.strip()]
    title_rows = []
    for row in rows:
        if "Pyongyang" in row:
            break
        title_rows.append(row)
    assert title_rows, rows
    for row in title_rows:
        assert is_shaped_arabic(row), row
        assert row == row.rstrip() or len(row) - len(row.rstrip()) <= 1  # flush right
    # each line reversed is the next piece of the title in logical order
    assert " ".join(logical_from_visual(r) for r in title_rows) == SEED_TITLE


def check_list_title(app, screen) -> None:
    """The first row: unread, and the title cut at its logical end (the left)."""
    first = region_rows(app, screen.article_list)[0]
    assert "●" in first
    title_part = first.split("●", 1)[1].strip().rstrip("0123456789 ")
    if "…" in title_part:
        assert title_part.startswith("…")
        kept = logical_from_visual(title_part[1:])
        assert SEED_TITLE.startswith(kept) and len(kept) >= 8
    else:
        assert logical_from_visual(title_part) == SEED_TITLE
    assert is_shaped_arabic(title_part)


async def test_80x24_side_panes_fold_under_the_reader(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        lst, reader, meta = screen.article_list, screen.reader, screen.metadata
        for pane in (lst, reader, meta):
            assert pane.region.width > 0 and pane.region.height > 0
        assert lst.region.right <= reader.region.x
        assert meta.region.y >= reader.region.bottom
        # no box for a lone count: the Metadata strip takes the reader's width
        assert meta.region.x == reader.region.x and meta.region.width == reader.region.width
        assert reader.region.height >= 10
        check_reader_title(app, screen)
        check_list_title(app, screen)
        rows = [r.strip() for r in region_rows(app, meta) if r.strip()]
        # the count as the article wrote it, first, then the table, all in view
        assert rows[:3] == ["Kommentare (0)", "Details", "Pyongyang, Nordkorea  Ort"]
        assert "comments" not in screen_text(app)


async def test_160x50_side_panes_beside_the_reader(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await loaded(pilot)
        reader, meta = screen.reader, screen.metadata
        assert meta.region.x >= reader.region.right
        # the reader gets the height of the body, and room for long lines
        assert reader.region.height >= 40
        assert reader.content_region.width >= 70
        assert screen.article_list.region.width >= 40
        check_reader_title(app, screen)
        check_list_title(app, screen)
        # the Latin dateline opens an Arabic paragraph: it sits on the right
        line = next(r for r in region_rows(app, reader) if "Pyongyang" in r)
        assert line.rstrip().endswith("Pyongyang, Nordkorea")
        text = "\n".join(region_rows(app, meta))
        assert "Ort" in text and "Pyongyang, Nordkorea" in text
        assert text.splitlines()[0].strip() == "Kommentare (0)"


@pytest.mark.parametrize("size", [(160, 50)])
async def test_comment_counts_and_arabic_metadata(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await loaded(pilot)
        seen = {}
        for _ in screen.article_list.rows:
            await loaded(pilot)
            name = screen.article.path.name
            seen[name] = next(r for r in region_rows(app, screen.metadata) if r.strip()).strip()
            if name == "002_ar_economy_medium.txt":
                rows = [r.rstrip() for r in region_rows(app, screen.metadata) if r.strip()]
                row = next(r for r in rows if "2024-11-03" in r)
                # the key "التاريخ" (date) is right of its value, shaped
                key = row.split()[-1]
                assert is_shaped_arabic(key) and logical_from_visual(key) == "التاريخ"
                assert row.index("2024-11-03") < row.index(key)
            await pilot.press("j")
        # each article's comment line as it wrote it, first in the Metadata pane
        assert seen["000_d5d7dac400910391.txt"] == "Kommentare (0)"
        arabic = seen["002_ar_economy_medium.txt"]
        assert arabic.startswith("(12) ") and "comments" not in arabic
        word = arabic.removeprefix("(12) ")
        assert is_shaped_arabic(word) and logical_from_visual(word) == "تعليقات"
        assert seen["016_ar_comments_not_a_number.txt"] == "Kommentare (n/a)"


async def test_reader_rewraps_on_resize_and_keeps_the_place(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("j", "j")  # the long article
        screen = await loaded(pilot)
        reader = screen.reader
        burst(app, "enter", *["j"] * 30)
        await wait_for(pilot, lambda: reader.scroll_y == 30)
        top = reader.lines[reader.top_line]
        wide_count, wide_measure = len(reader.lines), reader.measure
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        assert reader.measure < wide_measure
        assert len(reader.lines) > wide_count  # re-wrapped into more lines
        assert all(line.width <= reader.measure for line in reader.lines)
        assert all(len(r.rstrip()) <= reader.scrollable_content_region.width
                   for r in region_rows(app, reader))
        # the same paragraph is still at the top
        assert reader.lines[reader.top_line].block == top.block
