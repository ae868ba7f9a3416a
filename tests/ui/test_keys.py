"""Every key of the main screen, at 80x24 and at 160x50.

Starting the app costs more than any key, so each test runs several
scenarios in one session; ``fresh`` puts the screen back in its start state
(list focused, first article, nothing read, all panes shown) between them.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.command import CommandList, CommandPalette

from tuireader.settings.config import KEY_ACTIONS
from tuireader.ui.commands import ActionsProvider
from tuireader.ui.screens.help import HelpScreen

from .conftest import burst, loaded, region_rows, settle, wait_for
from .screen_text import screen_text

SIZES = [(80, 24), (160, 50)]
ORDER = [
    "000_d5d7dac400910391.txt",
    "002_ar_economy_medium.txt",
    "003_ar_space_long.txt",
    "005_ar_calligraphy_poetry.txt",
    "008_fa_book_fair.txt",
    "010_he_cranes.txt",
    "011_en_calligraphy_exhibition.txt",
    "016_ar_comments_not_a_number.txt",
]
LONG = ORDER.index("003_ar_space_long.txt")


async def shown(pilot) -> str:
    screen = await loaded(pilot)
    return screen.article.path.name


async def fresh(pilot):
    screen = await loaded(pilot)
    screen.remove_class("-no-side", "-no-list")
    for row in screen.article_list.rows:
        screen.store.set_read(row.id, False)
    screen.article_list.refresh_row()
    screen.article_list.focus()
    await pilot.press("home")
    await loaded(pilot)
    screen.reader.home()
    await pilot.pause()
    return screen


# -- scenarios ---------------------------------------------------------------


async def move_in_the_list(pilot, app, screen) -> None:
    assert [r.rel for r in screen.article_list.rows] == ORDER
    assert await shown(pilot) == ORDER[0]
    await pilot.press("j")
    assert await shown(pilot) == ORDER[1]  # highlighting shows it at once
    await pilot.press("down")
    assert await shown(pilot) == ORDER[2]
    await pilot.press("k")
    assert await shown(pilot) == ORDER[1]
    await pilot.press("up")
    assert await shown(pilot) == ORDER[0]
    await pilot.press("k")  # stays at the top
    assert await shown(pilot) == ORDER[0]
    await pilot.press("G")
    assert await shown(pilot) == ORDER[-1]
    await pilot.press("g")
    assert await shown(pilot) == ORDER[0]
    await pilot.press("end")
    assert await shown(pilot) == ORDER[-1]
    await pilot.press("home")
    assert await shown(pilot) == ORDER[0]
    assert screen.focused is screen.article_list


async def enter_opens_and_tab_cycles_panes(pilot, app, screen) -> None:
    first = screen.article_list.current.id
    assert not screen.store.is_read(first)
    await pilot.press("enter")
    assert screen.focused is screen.reader
    assert screen.store.is_read(first)
    await pilot.press("tab")
    assert screen.focused is screen.metadata
    await pilot.press("tab")
    assert screen.focused is screen.article_list
    await pilot.press("tab")
    assert screen.focused is screen.reader
    await pilot.press("shift+tab")
    assert screen.focused is screen.article_list
    await pilot.press("shift+tab")
    assert screen.focused is screen.metadata
    await pilot.press("escape")  # backs out to the list
    assert screen.focused is screen.article_list


async def paging_the_reader(pilot, app, screen) -> None:
    burst(app, *["j"] * LONG)
    await wait_for(pilot, lambda: screen.article_list.cursor == LONG)
    assert await shown(pilot) == ORDER[LONG]
    reader = screen.reader
    height = reader.scrollable_content_region.height
    assert len(reader.lines) > 3 * height  # a long article
    # from the list, Space pages the reader
    await pilot.press("space")
    await settle(pilot)
    page = reader.scroll_y
    assert height - 2 <= page <= height
    await pilot.press("pagedown")
    assert reader.scroll_y == 2 * page
    await pilot.press("b")
    assert reader.scroll_y == page
    await pilot.press("pageup")
    assert reader.scroll_y == 0
    await pilot.press("d")
    half = reader.scroll_y
    assert height // 2 - 1 <= half <= height // 2 + 1
    await pilot.press("d")
    assert reader.scroll_y == 2 * half
    await pilot.press("u")
    assert reader.scroll_y == half
    # in the reader, j/k scroll by a line and g/G jump to the ends
    await pilot.press("enter")
    await pilot.press("j")
    assert reader.scroll_y == half + 1
    await pilot.press("k", "k")
    assert reader.scroll_y == half - 1
    await pilot.press("G")
    assert reader.scroll_y == reader.max_scroll_y > 0
    await pilot.press("g")
    assert reader.scroll_y == 0
    assert await shown(pilot) == ORDER[LONG]  # the list did not move


async def keys_in_one_burst_reach_the_pane_the_first_chose(pilot, app, screen) -> None:
    burst(app, *["j"] * LONG)
    await wait_for(pilot, lambda: screen.article_list.cursor == LONG)
    await loaded(pilot)
    burst(app, "enter", "G")  # open, then the end of the opened article
    await wait_for(pilot, lambda: screen.reader.scroll_y > 0)
    assert screen.article_list.cursor == LONG
    burst(app, "escape", "j", "slash", "x", "y")  # back, next article, filter "xy"
    await wait_for(pilot, lambda: screen.filter_bar.value == "xy")
    assert screen.article_list.cursor == LONG + 1
    await pilot.press("escape")


async def side_panes_and_list_hide_behind_keys(pilot, app, screen) -> None:
    width_before = screen.reader.region.width
    height_before = screen.reader.region.height
    await pilot.press("i")
    await pilot.pause()
    assert not screen.metadata.region.area
    assert (
        screen.reader.region.width > width_before or screen.reader.region.height > height_before
    )
    await pilot.press("tab", "tab")  # the hidden pane is skipped
    assert screen.focused is screen.article_list
    await pilot.press("i")
    await pilot.pause()
    assert screen.metadata.region.area > 0
    await pilot.press("z")
    await pilot.pause()
    assert not screen.article_list.region.area
    assert screen.focused is screen.reader
    await pilot.press("z")
    await pilot.pause()
    assert screen.article_list.region.area > 0


async def mouse_click_selects_and_focuses(pilot, app, screen) -> None:
    lst = screen.article_list
    top = lst.content_region.y - lst.region.y
    # a double click on a row opens it (marks it read, focuses the reader)
    await pilot.click(lst, offset=(5, top + 3), times=2)
    assert await shown(pilot) == ORDER[3]
    await pilot.pause()
    assert screen.store.is_read(lst.current.id)
    assert screen.focused is screen.reader
    # a single click highlights and shows (the long article)
    await pilot.click(lst, offset=(5, top + 2))
    assert await shown(pilot) == ORDER[2]
    assert not screen.store.is_read(lst.current.id)
    await pilot.click(screen.reader, offset=(5, 5))
    await pilot.pause()
    assert screen.focused is screen.reader
    # the wheel scrolls the reader
    await pilot._post_mouse_events([events.MouseScrollDown], screen.reader, (5, 5))
    await pilot.pause()
    assert screen.reader.scroll_y > 0


async def unread_read_and_star(pilot, app, screen) -> None:
    store, lst = screen.store, screen.article_list
    ids = [r.id for r in lst.rows]
    store.set_read(ids[1])
    store.set_read(ids[2])
    await pilot.press("n")  # skips the two read ones, opens the next unread
    assert await shown(pilot) == ORDER[3]
    assert store.is_read(ids[3])
    await pilot.press("n")
    assert await shown(pilot) == ORDER[4]
    await pilot.press("p")
    assert await shown(pilot) == ORDER[0]
    await pilot.press("p")  # nothing unread above: wraps to the last unread, says so
    assert await shown(pilot) == ORDER[-1]
    assert any("Wrapped to the bottom" in n.message for n in app._notifications)
    await pilot.press("home")
    assert await shown(pilot) == ORDER[0]
    # m toggles read; the row's marker follows
    await pilot.press("home")
    first_row = lambda: region_rows(app, lst)[0]  # noqa: E731
    assert store.is_read(ids[0]) and "●" not in first_row()  # opened by p
    await pilot.press("m")
    await pilot.pause()
    assert not store.is_read(ids[0]) and "●" in first_row()
    await pilot.press("m")
    await pilot.pause()
    assert store.is_read(ids[0]) and "●" not in first_row()
    await pilot.press("s")
    await pilot.pause()
    assert store.is_starred(ids[0]) and "★" in first_row()
    await pilot.press("s")
    await pilot.pause()
    assert not store.is_starred(ids[0]) and "★" not in first_row()


async def help_screen_lists_every_action(pilot, app, screen) -> None:
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    seen = screen_text(app)
    for _ in range(8):  # page through it as a user would
        await pilot.press("space")
        await pilot.pause()
        seen += screen_text(app)
    for action in KEY_ACTIONS:
        assert action.description in seen, action.id
        assert action.id in seen
    assert "[keys]" in seen  # the config table's name, shown literally
    await pilot.press("escape")
    await pilot.pause()
    assert not isinstance(app.screen, HelpScreen)


async def command_palette_lists_and_runs_every_action(pilot, app, screen) -> None:
    provider = ActionsProvider(screen)
    names = [hit.text async for hit in provider.discover()]
    expected = {a.description for a in KEY_ACTIONS if a.id != "command_palette"}
    assert expected <= set(names)
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*"Star")
    await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
    # the best match ("Star", before "Starred view on/off") is highlighted: Enter runs it
    await wait_for(pilot, lambda: app.screen.query_one(CommandList).highlighted == 0)
    await pilot.press("enter")
    await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))
    await wait_for(pilot, lambda: screen.store.is_starred(screen.article_list.current.id))


async def bidi_mode_and_harakat_flip_live(pilot, app, screen) -> None:
    rows_app = "\n".join(region_rows(app, screen.reader))
    assert "كوريا" not in rows_app  # app mode: shaped, visual order
    await pilot.press("B")
    await pilot.pause()
    assert screen.options.mode == "terminal"
    rows_terminal = "\n".join(region_rows(app, screen.reader))
    # terminal mode: logical, unshaped text; the terminal reorders it
    assert "كوريا" in rows_terminal
    assert "bidi terminal" in screen_text(app)
    await pilot.press("B")
    await pilot.pause()
    assert screen.options.mode == "app"
    assert "\n".join(region_rows(app, screen.reader)) == rows_app

    # harakat: the vowelled calligraphy article shows its marks only when asked
    target = ORDER.index("005_ar_calligraphy_poetry.txt")
    burst(app, *["j"] * target)
    await wait_for(pilot, lambda: screen.article_list.cursor == target)
    await loaded(pilot)

    def marks() -> bool:
        return any("\u064b" <= c <= "\u0652" for line in screen.reader.lines for c in line.text)

    assert not marks()
    await pilot.press("H")
    await pilot.pause()
    assert screen.options.harakat and marks()
    await pilot.press("H")
    await pilot.pause()
    assert not screen.options.harakat and not marks()

    # shaping off: base letters instead of presentation forms
    await pilot.press("S")
    await pilot.pause()
    assert not screen.options.shape
    assert any("\u0621" <= c <= "\u064a" for line in screen.reader.lines for c in line.text)
    await pilot.press("S")
    await pilot.pause()
    assert screen.options.shape


# -- tests -------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_moving_opening_paging_panes_and_mouse(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        for scenario in (
            move_in_the_list,
            enter_opens_and_tab_cycles_panes,
            paging_the_reader,
            keys_in_one_burst_reach_the_pane_the_first_chose,
            side_panes_and_list_hide_behind_keys,
            mouse_click_selects_and_focuses,
        ):
            screen = await fresh(pilot)
            await scenario(pilot, app, screen)


@pytest.mark.parametrize("size", SIZES)
async def test_marks_help_palette_and_text_options(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        for scenario in (
            unread_read_and_star,
            help_screen_lists_every_action,
            command_palette_lists_and_runs_every_action,
            bidi_mode_and_harakat_flip_live,
        ):
            screen = await fresh(pilot)
            await scenario(pilot, app, screen)


async def test_q_quits(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_refresh_key_picks_up_a_new_file(make_app, articles):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await loaded(pilot)
        (articles / "999_new.txt").write_text(
            "A brand new article\nA brand new article\nIt arrived late.\n", encoding="utf-8"
        )
        await pilot.press("r")
        await wait_for(pilot, lambda: any(r.rel == "999_new.txt" for r in screen.article_list.rows))
        assert screen.article_list.current.rel == ORDER[0]  # selection kept
