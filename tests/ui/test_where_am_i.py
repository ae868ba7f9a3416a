"""Where am I: the list's frame names the library, the article's frame says
how far in the reader is, and marks follow a library that moved."""

from __future__ import annotations

import shutil
from pathlib import Path

from tuireader.layout.library_label import library_label
from tuireader.settings.state import StateStore

from .conftest import burst, loaded, screen_text, wait_for


def test_library_label_shortens_home_and_long_paths():
    assert library_label(Path("/home/ann/news"), 30, home="/home/ann") == "~/news"
    assert library_label(Path("/srv/a/very/long/way/to/the/news"), 12, home="/home/ann") == "…/news"
    assert library_label(Path("/srv/news"), 30, home="/home/ann") == "/srv/news"
    assert library_label(Path("/x/abcdefghijklmnop"), 8, home="/") == "abcdefg…"
    assert library_label(Path("/home/anna/news"), 30, home="/home/ann") == "/home/anna/news"


async def test_list_frame_names_the_library(make_app, tmp_path):
    library = tmp_path / "my-news"
    shutil.copytree(Path(__file__).parent / "fixtures" / "articles", library)
    app = make_app(directory=library)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: "my-news" in screen_text(app).splitlines()[1])


async def test_article_frame_shows_the_reading_position(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        reader = screen.reader
        while screen.article_list.current.rel != "003_ar_space_long.txt":
            await pilot.press("j")
        screen = await loaded(pilot)
        assert "Article · " in str(reader.border_title) and "%" in str(reader.border_title)
        first = int(str(reader.border_title).split("· ")[1].rstrip("%"))
        await pilot.press("enter")
        burst(app, "space")
        await wait_for(pilot, lambda: reader.top_line > 0)
        await pilot.pause()
        now = int(str(reader.border_title).split("· ")[1].rstrip("%"))
        assert now > first
        await pilot.press("G")
        await wait_for(pilot, lambda: "end ■" in screen_text(app).splitlines()[1])


def test_marks_follow_a_moved_library(tmp_path):
    old, new = tmp_path / "news", tmp_path / "renamed"
    old.mkdir()
    before = StateStore(tmp_path / "state", old)
    before.load()
    before.set_read("a")
    before.toggle_star("b")
    before.set_last("b", 7)
    before.save()
    old.rename(new)
    after = StateStore(tmp_path / "state", new)
    after.load()
    assert not after.is_read("a")
    message = after.adopt_moved_library({"a", "b", "c"})
    assert message and str(old) in message
    assert after.is_read("a") and after.is_starred("b") and after.last_article == "b"
    after.save()
    again = StateStore(tmp_path / "state", new)
    again.load()
    assert again.is_read("a") and again.is_starred("b")


def test_marks_of_a_library_still_there_are_not_taken(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    first = StateStore(tmp_path / "state", one)
    first.load()
    first.set_read("a")
    first.save()
    other = StateStore(tmp_path / "state", two)
    other.load()
    assert other.adopt_moved_library({"a"}) is None and not other.is_read("a")


def test_a_symlinked_path_is_the_same_library(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    first = StateStore(tmp_path / "state", real)
    first.load()
    first.toggle_star("a")
    first.save()
    via_link = StateStore(tmp_path / "state", link)
    via_link.load()
    assert via_link.is_starred("a")


async def test_moving_the_library_keeps_read_marks_in_the_reader(make_app, tmp_path):
    library = tmp_path / "lib"
    shutil.copytree(Path(__file__).parent / "fixtures" / "articles", library)
    app = make_app(directory=library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        marked = screen.article_list.current.id
        await pilot.press("s", "q")
    moved = tmp_path / "moved"
    library.rename(moved)
    app = make_app(directory=moved)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: screen.store.is_starred(marked))
        assert any("carried over" in n.message for n in app._notifications)
