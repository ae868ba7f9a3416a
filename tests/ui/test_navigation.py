"""Navigation that used to surprise: n/p wrap around (and say so), a message
is not shown twice while a key repeats, `tuireader FILE` selects that
article, g/G work in help, Enter in an empty command palette runs nothing."""

from __future__ import annotations

from textual.command import CommandPalette

from tuireader.ui.screens.help import HelpScreen

from .conftest import loaded, wait_for


async def test_n_wraps_to_unread_articles_above_and_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await loaded(pilot)
        lst, store = screen.article_list, screen.store
        ids = [r.id for r in lst.rows]
        for aid in ids[2:]:
            store.set_read(aid)
        await pilot.press("end")
        await wait_for(pilot, lambda: lst.cursor == len(ids) - 1)
        await pilot.press("n")
        await wait_for(pilot, lambda: lst.cursor in (0, 1))
        assert any("Wrapped to the top" in n.message for n in app._notifications)


async def test_a_repeated_key_does_not_repeat_its_message(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await loaded(pilot)
        for row in screen.article_list.rows:
            screen.store.set_read(row.id)
        await pilot.press("n", "n", "n", "n")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert said.count("No unread articles.") == 1, said


async def test_opening_a_file_selects_that_article(make_app, articles):
    target = sorted(articles.iterdir())[-1]
    app = make_app(open_file=target)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert screen.article_list.current.rel == target.name
        assert screen.article_list.cursor > 0


async def test_g_and_G_in_help(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        body = app.screen.query_one("#help-body")
        await wait_for(pilot, lambda: body.max_scroll_y > 0)
        await pilot.press("G")
        await wait_for(pilot, lambda: body.scroll_y == body.max_scroll_y)
        await pilot.press("g")
        await wait_for(pilot, lambda: body.scroll_y == 0)


async def test_enter_in_an_empty_palette_runs_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert screen.article_list.cursor == 0
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.article_list.cursor == 0


async def test_relaunch_keeps_the_first_rows_in_view(make_app, tmp_path):
    """Reopening on the sixth article of a list longer than the pane shows
    the list from its first row (it used to open scrolled down one row)."""
    import shutil

    from tuireader.settings.paths import bundled_samples

    library = tmp_path / "library"
    shutil.copytree(bundled_samples(), library)
    app = make_app(directory=library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert len(screen.article_list.rows) > screen.article_list.size.height
        await pilot.press(*["j"] * 5)
        await loaded(pilot)
        await pilot.press("q")
    app = make_app(directory=library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert screen.article_list.cursor == 5
        assert screen.article_list.scroll_y == 0


async def test_title_bar_follows_in_the_same_frame(make_app):
    from tuireader.ui.widgets.bars import TitleBar

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await loaded(pilot)
        bar = app.screen.query_one(TitleBar)
        first = screen.article.id
        await pilot.press("j")
        await wait_for(pilot, lambda: screen.article is not None and screen.article.id != first)
        # no timer pending: the bar already names the article on screen
        assert screen.title_settled
        assert bar._article is not None
        assert bar._article[0] == " ".join(screen.article.title.split())
