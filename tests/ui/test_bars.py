"""The title bar and the key bar: what they say, what a click on them does."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from tuireader.ui.widgets.bars import KeyBar, TitleBar, fit

from .conftest import loaded, logical_from_visual, region_rows, wait_for


def bar_text(app, widget) -> str:
    return region_rows(app, widget)[0]


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_key_bar_names_the_keys_and_the_palette(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await loaded(pilot)
        text = bar_text(app, screen.query_one(KeyBar))
        for label in ("Open", "Filter", "Help", "Quit"):
            assert label in text, text
        assert text.rstrip().endswith("^p palette")
        assert len(text) == size[0]


async def test_key_bar_drops_keys_that_do_not_fit_and_keeps_the_palette(make_app):
    app = make_app()
    async with app.run_test(size=(64, 22)) as pilot:
        screen = await loaded(pilot)
        text = bar_text(app, screen.query_one(KeyBar))
        assert "Open" in text and "Quit" not in text
        assert text.rstrip().endswith("^p palette")
        # (a key is never cut in the middle)
        assert not text.split("▏")[0].rstrip().endswith(("Hel", "He", "H"))


async def test_clicking_a_key_presses_it(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        bar = screen.query_one(KeyBar)
        x = bar_text(app, bar).index("Filter")
        await pilot.click(bar, offset=(x, 0))
        await wait_for(pilot, lambda: screen.focused is screen.filter_bar.input)
        await pilot.press("escape")
        x = bar_text(app, bar).index("palette")
        await pilot.click(bar, offset=(x, 0))
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))


async def test_title_bar_shows_the_article_and_its_icon_opens_the_palette(make_app):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await loaded(pilot)
        bar = screen.query_one(TitleBar)
        text = bar_text(app, bar)
        assert text.startswith(" ≡ ")
        assert "tuireader — " in text and app.sub_title and app.sub_title in text
        await pilot.click(bar, offset=(1, 0))
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))


def test_fit_cuts_with_an_ellipsis_and_never_overflows():
    from rich.text import Text

    assert fit(Text("abcdef"), 6).plain == "abcdef"
    assert fit(Text("abcdef"), 4).plain == "abc…"
    cut = fit(Text("日本語"), 4)  # (a wide character at the edge)
    assert cut.cell_len <= 4 and cut.plain.startswith("日") and cut.plain.endswith("…")
    assert fit(Text("abc"), 0).plain == ""


LONG_TITLE = "أمطار غزيرة متوقعة على المناطق الساحلية نهاية الأسبوع في مدن الشمال والجنوب والوسط"


@pytest.mark.parametrize("width", [80, 100, 160])
async def test_title_bar_keeps_the_start_of_an_arabic_title(make_app, tmp_path, width):
    # An Arabic title is drawn from the right: cut at the bar's right edge it
    # would lose its first words. It is cut at its logical end instead.
    directory = tmp_path / "ar"
    directory.mkdir()
    (directory / "a.txt").write_text(
        f"{LONG_TITLE}\n{LONG_TITLE}\nنص قصير.\n", encoding="utf-8"
    )
    app = make_app(directory)
    async with app.run_test(size=(width, 30)) as pilot:
        screen = await loaded(pilot)
        text = bar_text(app, screen.query_one(TitleBar))
        assert "tuireader — " in text
        shown = logical_from_visual(text.split("tuireader — ", 1)[1])
        assert shown.startswith("أمطار غزيرة"), shown
        if width < 160:  # (too long for the bar: cut, and said so)
            # (NFKC spells the ellipsis as three dots)
            assert shown.endswith("...") and LONG_TITLE.startswith(shown[:-3].rstrip())
        else:
            assert shown == LONG_TITLE
