"""The three panes at 80x24 and 160x50, and what they show for the seed article."""

from __future__ import annotations

import pytest

from .conftest import (
    SEED_TITLE,
    is_shaped_arabic,
    loaded,
    logical_from_visual,
    region_rows,
)


async def test_all_panes_at_80x24_side_folds_under_reader(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        lst, reader, meta, comments = (
            screen.article_list,
            screen.reader,
            screen.metadata,
            screen.comments,
        )
        for pane in (lst, reader, meta, comments):
            assert pane.region.width > 0 and pane.region.height > 0
        assert lst.region.right <= reader.region.x
        # narrow: the metadata and comment count sit under the reader
        assert meta.region.y >= reader.region.bottom
        assert comments.region.y >= reader.region.bottom
        assert reader.region.height >= 10


async def test_side_panes_beside_reader_at_160x50(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await loaded(pilot)
        reader, meta = screen.reader, screen.metadata
        assert meta.region.x >= reader.region.right
        assert screen.comments.region.x >= reader.region.right
        # the reader gets the height of the body, and more width than at 80 columns
        assert reader.region.height >= 40
        assert reader.content_region.width >= 60
        assert screen.article_list.region.width >= 40


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_reader_title_is_shaped_and_in_visual_order(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await loaded(pilot)
        rows = [r for r in region_rows(app, screen.reader) if r.strip()]
        title_rows = []
        for row in rows:
            if "Pyongyang" in row:
                break
            title_rows.append(row)
        assert title_rows, rows
        for row in title_rows:
            assert is_shaped_arabic(row), row
            # right-to-left lines are flush right
            assert row.rstrip() == row.rstrip(" ") and len(row) - len(row.rstrip()) <= 1
        # each line reversed is the next piece of the title in logical order
        logical = " ".join(logical_from_visual(r) for r in title_rows)
        assert logical == SEED_TITLE


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_list_title_cut_at_its_logical_end(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await loaded(pilot)
        first = region_rows(app, screen.article_list)[0]
        assert "●" in first  # unread
        title_part = first.split("●", 1)[1].strip()
        if title_part[:1].isdigit() or title_part[-1:].isdigit():
            title_part = title_part.rstrip("0123456789 ")
        if "…" in title_part:
            # the ellipsis is on the left: the end of an Arabic sentence
            assert title_part.startswith("…")
            kept = logical_from_visual(title_part[1:])
            assert SEED_TITLE.startswith(kept) and len(kept) >= 8
        else:
            assert logical_from_visual(title_part) == SEED_TITLE
        assert is_shaped_arabic(title_part)


async def test_dateline_paragraph_reads_right_to_left(make_app):
    """The seed's Latin dateline opens an Arabic paragraph: it must sit on the right."""
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await loaded(pilot)
        rows = region_rows(app, screen.reader)
        line = next(r for r in rows if "Pyongyang" in r)
        assert line.rstrip().endswith("Pyongyang, Nordkorea")


async def test_metadata_and_comment_count(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await loaded(pilot)
        meta = "\n".join(region_rows(app, screen.metadata))
        assert "Ort" in meta and "Pyongyang, Nordkorea" in meta
        assert "no comments" in "\n".join(region_rows(app, screen.comments))


async def test_comment_count_labels(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await loaded(pilot)
        seen = {}
        for _ in screen.article_list.rows:
            await loaded(pilot)
            rel = screen.article.path.name
            seen[rel] = "\n".join(region_rows(app, screen.comments)).strip()
            await pilot.press("j")
        assert seen["000_d5d7dac400910391.txt"] == "no comments"
        assert seen["002_ar_economy_medium.txt"] == "12 comments"
        assert seen["016_ar_comments_not_a_number.txt"] == "—"


async def test_arabic_metadata_keys_on_the_right(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("j")
        await loaded(pilot)
        assert screen.article.path.name == "002_ar_economy_medium.txt"
        rows = [r.rstrip() for r in region_rows(app, screen.metadata) if r.strip()]
        row = next(r for r in rows if "2024-11-03" in r)
        # key "التاريخ" (the date) is on the right of its value, shaped
        key = row.split()[-1]
        assert is_shaped_arabic(key) and logical_from_visual(key) == "التاريخ"
        assert row.index("2024-11-03") < row.index(key)
