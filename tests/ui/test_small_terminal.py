"""Below 64x22 the panes give way to a clear "terminal too small" message;
growing the window brings the panes back at once, where the user left them."""

from __future__ import annotations

from .conftest import burst, loaded, screen_text, wait_for


def shows_too_small(app) -> bool:
    return "Terminal too small" in screen_text(app)


async def test_60x20_says_the_terminal_is_too_small_and_q_quits(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await loaded(pilot)
        text = screen_text(app)
        assert "Terminal too small" in text
        assert "60×20" in text and "64×22" in text
        assert "--print FILE" in text
        # no pane is drawn behind the message
        assert not screen.article_list.display or screen.article_list.region.area == 0
        assert screen.reader.region.area == 0
        assert "Articles" not in text
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_c_quits_while_too_small(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 0


async def test_80x24_shows_the_panes_not_the_message(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert not shows_too_small(app)
        assert screen.article_list.region.area > 0 and screen.reader.region.area > 0


async def test_keys_do_nothing_unseen_while_too_small(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await loaded(pilot)
        first = screen.article_list.cursor
        await pilot.press("j", "j", "m", "s")
        await pilot.pause()
        assert screen.article_list.cursor == first
        assert app.is_running


async def test_resize_from_too_small_and_back_keeps_selection_and_scroll(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await loaded(pilot)
        assert shows_too_small(app)

        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not shows_too_small(app)
        assert screen.article_list.region.area > 0 and screen.reader.region.area > 0
        await pilot.press("j", "j")  # the long article
        screen = await loaded(pilot)
        chosen = screen.article_list.current.id
        reader = screen.reader
        burst(app, "enter", *["j"] * 12)
        await wait_for(pilot, lambda: reader.scroll_y == 12)
        top = reader.lines[reader.top_line].block
        assert screen.focused is reader

        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert shows_too_small(app)
        assert "60×20" in screen_text(app)

        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not shows_too_small(app)
        assert screen.article_list.current.id == chosen
        assert reader.scroll_y == 12
        assert reader.lines[reader.top_line].block == top
        assert screen.focused is reader
        await pilot.press("j")
        await wait_for(pilot, lambda: reader.scroll_y == 13)


async def test_message_follows_the_size_while_too_small(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await loaded(pilot)
        await pilot.resize_terminal(70, 18)
        await pilot.pause()
        text = screen_text(app)
        assert "70×18" in text and "60×20" not in text
