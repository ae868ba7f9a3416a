"""Read marks, stars and the last position survive a restart; config problems
and a corrupt state file are reported and the app starts anyway."""

from __future__ import annotations

from tuireader.settings.config import load_config
from tuireader.settings.state import STATE_FILE

from .conftest import burst, loaded, region_rows, wait_for
from .screen_text import screen_text

LONG = "003_ar_space_long.txt"


async def test_marks_and_position_survive_a_restart(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("j", "j")
        screen = await loaded(pilot)
        assert screen.article.path.name == LONG
        await pilot.press("s", "enter")  # star, open (marks read)
        burst(app, *["j"] * 7)  # scroll the reader
        await wait_for(pilot, lambda: screen.reader.scroll_y == 7)
        long_id = screen.article_list.current.id
        await pilot.press("q")
    assert app.return_code == 0

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert screen.article.path.name == LONG  # the last open article
        assert screen.reader.scroll_y == 7  # at the same line
        assert screen.store.is_read(long_id) and screen.store.is_starred(long_id)
        row = region_rows(again, screen.article_list)[2]
        assert "★" in row and "●" not in row


async def test_corrupt_state_is_moved_aside_and_reported(make_app, tmp_path):
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / STATE_FILE).write_text("{{{", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        # read while the toast is up (it goes after a while): waited for, not timed
        await wait_for(pilot, lambda: "corrupt" in screen_text(app))
        await loaded(pilot)
        assert list((tmp_path / "state").glob(STATE_FILE + ".corrupt*"))
        await pilot.press("m")
        await pilot.press("q")
    # and a fresh, valid file was written
    assert (tmp_path / "state" / STATE_FILE).read_text(encoding="utf-8").startswith("{")


def shown_text(app) -> str:
    """The screen's text with runs of white space (and line breaks) folded."""
    return " ".join(screen_text(app).split())


async def test_bad_config_names_file_line_and_key_and_app_still_runs(make_app, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('theme = "nord"\nharakat = maybe\n', encoding="utf-8")
    settings = load_config(config)
    app = make_app(problems=settings.problems, config_path=config)
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await wait_for(pilot, lambda: "config.toml, line 2" in shown_text(app))
        assert "harakat" in shown_text(app)
        await loaded(pilot)
        await pilot.press("j")
        await loaded(pilot)


async def test_unknown_theme_is_reported_with_its_line(make_app, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('# colours\ntheme = "no-such-theme"\n', encoding="utf-8")
    settings = load_config(config)
    assert settings.problems == ()
    app = make_app(theme=settings.theme, lines=settings.lines, config_path=config)
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await wait_for(pilot, lambda: "no-such-theme" in shown_text(app))
        assert "line 2" in shown_text(app)
        await loaded(pilot)


async def test_keymap_from_config_rebinds_keys(make_app, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[keys]\nstar = "f"\ndown = "ctrl+n,down"\n', encoding="utf-8")
    settings = load_config(config)
    app = make_app(keymap=settings.keymap)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        first = screen.article_list.current.id
        await pilot.press("s")
        assert not screen.store.is_starred(first)
        await pilot.press("f")
        assert screen.store.is_starred(first)
        await pilot.press("j")  # no longer bound
        await pilot.pause()
        assert screen.article_list.cursor == 0
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: screen.article_list.cursor == 1)
        # the footer shows the new key for star
        assert "f Star" in screen_text(app).splitlines()[-1]


async def test_two_instances_keep_each_others_marks(make_app):
    a = make_app()
    b = make_app()
    async with a.run_test(size=(80, 24)) as pa:
        sa = await loaded(pa)
        ids = [r.id for r in sa.article_list.rows]
        async with b.run_test(size=(80, 24)) as pb:
            sb = await loaded(pb)
            await pa.press("enter")  # a reads the first article
            await pb.press("j", "enter")  # b reads the second
            sa.save_state()
            sb.save_state()
            sa.save_state()
    from tuireader.settings.state import StateStore

    store = StateStore(a.settings.state_dir, a.settings.directory)
    store.load()
    assert store.is_read(ids[0]) and store.is_read(ids[1])
