"""In app mode no unshaped Arabic letter reaches the screen: toasts quoting
file names, the reader's messages, the help screen, the command palette."""

from __future__ import annotations

import unicodedata

from .conftest import is_shaped_arabic, loaded, screen_text, wait_for


def unshaped_arabic(text: str) -> list[str]:
    return [
        ch
        for ch in text
        if 0x0600 <= ord(ch) <= 0x08FF and unicodedata.category(ch) == "Lo"  # (not tatweel)
    ]


async def test_messages_and_help_quote_arabic_names_shaped(make_app, tmp_path):
    library = tmp_path / "مقالات الأسبوع"
    library.mkdir()
    config = tmp_path / "إعدادات" / "config.toml"
    app = make_app(
        directory=library,
        config_path=config,
        problems=(f"{config}: line 3: unknown key 'لون'",),
    )
    async with app.run_test(size=(120, 70), notifications=True) as pilot:
        app.animation_level = "none"
        screen = app.screen
        await wait_for(pilot, lambda: "No articles in" in screen_text(app))
        await wait_for(pilot, lambda: "line 3" in screen_text(app))  # the toast
        assert "ﺕﺍﺩﺍﺪﻋﺇ" in screen_text(app)  # the folder's name, shaped, in the toast
        shown = screen_text(app)
        assert not unshaped_arabic(shown), unshaped_arabic(shown)
        assert is_shaped_arabic("".join(w for w in shown.split() if not w.isascii()))
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: "Config file" in screen_text(app))
        shown = screen_text(app)
        assert not unshaped_arabic(shown), unshaped_arabic(shown)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen is not screen)
        await pilot.press(*"خبر")
        await wait_for(pilot, lambda: "ﺮﺒﺧ" in screen_text(app))
        assert not unshaped_arabic(screen_text(app))
        # Escape stops the palette's search before closing it; leaving with the
        # search still running would let it reach the palette's list while the
        # test's app is torn down.
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)


async def test_the_seed_library_shows_no_unshaped_arabic(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        assert not unshaped_arabic(screen_text(app))


def test_a_message_quoting_an_arabic_folder_is_shaped_and_cut_at_its_end():
    from tuireader.rtl import TextOptions
    from tuireader.ui.visual import message_line, visual_text

    line = message_line("No articles in /srv/مقالات الأسبوع", 40, TextOptions())
    assert line == "No articles in /srv/ﻉﻮﺒﺳﻷﺍ ﺕﻻﺎﻘﻣ"
    assert message_line("No articles in /srv/مقالات الأسبوع", 22, TextOptions()).endswith("…")
    assert visual_text("ملف: تقرير.txt", TextOptions(mode="terminal")) == "ملف: تقرير.txt"
