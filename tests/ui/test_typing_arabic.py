"""Typing Arabic in the filter box: the box itself shows the query shaped, in
visual order, with the caret where the next letter appears; Left/Right move
visually, Home/End/Backspace/Ctrl+W logically. Read from the screen's cells."""

from __future__ import annotations

from .conftest import is_shaped_arabic, loaded, logical_from_visual, region_rows, wait_for

MIXED = "ارتفاع COP29"


def keys(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


async def open_and_type(pilot, screen, text: str):
    await pilot.press("slash", *keys(text))
    field = screen.filter_bar.input
    await settled(pilot, screen, text)
    return field


async def settled(pilot, screen, text: str) -> None:
    """The filter ran and its match count is drawn (it narrows the box)."""
    await wait_for(pilot, lambda: screen.filter_settled and screen.filter_query == text.strip())
    await wait_for(
        pilot, lambda: " of " in "".join(region_rows(pilot.app, screen.filter_bar))
    )


def box(app, field) -> str:
    """The input's cells as drawn (one row)."""
    return region_rows(app, field)[0]


def caret_cell(field) -> int:
    return field.cursor_screen_offset.x - field.content_region.x


async def test_an_arabic_query_is_shaped_right_aligned_with_the_caret_where_the_next_letter_goes(
    make_app,
):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        screen = await loaded(pilot)
        field = await open_and_type(pilot, screen, "ارتفاع")
        row = box(app, field)
        assert is_shaped_arabic(row.strip())
        assert logical_from_visual(row) == "ارتفاع"
        assert row.rstrip() == row  # flush right: the word ends at the box's right edge
        # the caret is the free cell left of the word: the next letter goes there
        caret = caret_cell(field)
        assert caret == len(row) - len(row.strip()) - 1
        await pilot.press("ة")
        await settled(pilot, screen, "ارتفاعة")
        row = box(app, field)
        assert row[caret] == "\ufe94"  # TEH MARBUTA FINAL FORM, where the caret was
        assert logical_from_visual(row) == "ارتفاعة"
        assert "preview" not in [w.id for w in screen.query("#filter-preview") if w.display]


async def test_mixed_query_reads_right_and_keys_move_as_expected(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        screen = await loaded(pilot)
        field = await open_and_type(pilot, screen, MIXED)
        row = box(app, field).strip()
        latin, arabic = row.split(" ")
        assert latin == "COP29"  # left of the Arabic word, in its own order
        assert is_shaped_arabic(arabic) and logical_from_visual(arabic) == "ارتفاع"
        # at the end, after "9": the caret is just right of the 9
        row = box(app, field)
        assert row[caret_cell(field) - 1] == "9"
        # Home is the logical start: the first Arabic letter, at the right end
        await pilot.press("home")
        assert field.cursor_position == 0
        start = caret_cell(field)
        assert start == len(row.rstrip()) - 1
        # Left moves left on screen, which in Arabic is forward in the text
        await pilot.press("left")
        assert field.cursor_position == 1 and caret_cell(field) == start - 1
        await pilot.press("right")
        assert field.cursor_position == 0 and caret_cell(field) == start
        await pilot.press("right")  # nothing further right
        assert field.cursor_position == 0
        # End, Backspace and Ctrl+W are logical
        await pilot.press("end", "backspace")
        await wait_for(pilot, lambda: field.value == "ارتفاع COP2")
        await pilot.press("ctrl+w")
        await wait_for(pilot, lambda: field.value == "ارتفاع ")
        await pilot.press("ctrl+w")
        await wait_for(pilot, lambda: field.value == "")


async def test_terminal_mode_leaves_the_box_to_the_terminal(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        screen = await loaded(pilot)
        await pilot.press("B")
        field = await open_and_type(pilot, screen, "ارتفاع")
        assert box(app, field).startswith("ارتفاع")  # logical, for the terminal to shape


async def test_a_selection_lights_the_cells_of_the_letters_it_covers(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        screen = await loaded(pilot)
        field = await open_and_type(pilot, screen, MIXED)
        # from the logical start (right end), Shift+Left twice: the first two letters
        await pilot.press("home", "shift+left", "shift+left")
        await pilot.pause()
        assert tuple(field.selection) == (0, 2)
        selected = field.get_component_rich_style("input--selection").bgcolor
        strip = field.render_line(0)
        lit = "".join(seg.text for seg in strip if seg.style and seg.style.bgcolor == selected)
        assert logical_from_visual(lit) == "ار"
