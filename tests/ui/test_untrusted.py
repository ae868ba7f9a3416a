"""Article text is never markup: it shows literally everywhere and runs nothing."""

from __future__ import annotations

from .conftest import loaded, region_rows, wait_for
from .screen_text import screen_text

HOSTILE_TITLE = "[bold]Bold[/bold] [link=https://example.org]L[/link] [@click=app.quit]Q[/]"
HOSTILE_BODY = "Body [red]red[/red] and [@click=app.quit]quit[/] and [link=x]x[/link] here."
HOSTILE_ARTICLE = (
    f"{HOSTILE_TITLE}\n{HOSTILE_TITLE}\n{HOSTILE_BODY}\n"
    "Details [b] | |\n---|---|\n[i]Key[/i] | [@click=app.quit]Value[/] |\n"
    "Comments (3)\n"
)


async def test_markup_in_title_body_and_metadata_is_literal(make_app, articles):
    for f in articles.iterdir():
        f.unlink()
    (articles / "[bold]evil[@click=app.quit].txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    (articles / "esc.txt").write_text(
        "Esc \x1b]0;pwned\x07title \x1b[2J\nEsc title\nText \x9b31m with C1 \x1b[31m.\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await loaded(pilot)
        text = screen_text(app)
        reader = "\n".join(region_rows(app, screen.reader))
        for piece in ("[bold]Bold[/bold]", "[link=https://example.org]L[/link]",
                      "[@click=app.quit]Q[/]"):
            assert piece in reader
        assert "[bold]Bold[/bold]" in "\n".join(region_rows(app, screen.article_list))
        reader = "\n".join(region_rows(app, screen.reader))
        assert "[red]red[/red]" in reader and "[@click=app.quit]quit[/]" in reader
        meta = "\n".join(region_rows(app, screen.metadata))
        assert "[i]Key[/i]" in meta and "[@click=app.quit]" in meta and "Details [b]" in meta
        assert "Comments (3)" in meta.splitlines()[0]  # as the article wrote it
        # the window title (sub_title) carries the title literally too
        assert app.sub_title.startswith("[bold]Bold[/bold]")
        assert "[bold]Bold[/bold]" in text.splitlines()[0]
        # clicking the would-be action does nothing
        await pilot.click(screen.reader, offset=(10, 0))
        await pilot.click(screen.metadata, offset=(3, 1))
        await pilot.pause()
        assert app.is_running
        # escape sequences never reach the screen
        await pilot.press("escape", "j")
        await loaded(pilot)
        text = screen_text(app)
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
        assert "title" in "\n".join(region_rows(app, screen.reader))
        # starring (a notification) and the help screen still work
        await pilot.press("k", "s", "question_mark")
        await pilot.pause()
        assert app.is_running


async def test_markup_in_file_names_and_config_paths_in_notifications(make_app, tmp_path):
    config = tmp_path / "[bold]conf[@click=app.quit].toml"
    config.write_text('bidi = "[@click=app.quit]x[/]"\n', encoding="utf-8")
    from tuireader.settings.config import load_config

    settings = load_config(config)
    app = make_app(problems=settings.problems, config_path=config)
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        # read while the toast is up (it goes after a while): waited for, not timed
        await wait_for(pilot, lambda: "[bold]conf[@click=app.quit].toml" in screen_text(app))
        assert "[@click=app.quit]x[/]" in screen_text(app)
        await loaded(pilot)
        assert app.is_running
