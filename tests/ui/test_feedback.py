"""Every key that changes something says what it did, and so does the
library when files come and go (the open article above all)."""

from __future__ import annotations

import pytest

from .conftest import loaded, wait_for


def said(app) -> list[str]:
    # (a toast's text is wrapped to its width: compared on one line)
    return [" ".join(n.message.split()) for n in app._notifications]


async def test_r_with_nothing_changed_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: not screen.library.refreshing)
        await pilot.press("r")
        await wait_for(pilot, lambda: "No new, changed or deleted files." in said(app))


@pytest.mark.parametrize(
    ("key", "words"),
    [("B", "Bidi mode: terminal"), ("H", "Harakat (Arabic vowel marks) shown"),
     ("S", "Letter shaping off")],
)
async def test_text_option_keys_say_what_they_did(make_app, key, words):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press(key)
        await wait_for(pilot, lambda: any(words in m for m in said(app)))


async def test_new_and_deleted_files_are_announced(make_app, articles):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: not screen.library.refreshing)
        (articles / "new.txt").write_text("A new title\n\nBody.\n", encoding="utf-8")
        await pilot.press("r")
        await wait_for(pilot, lambda: any("1 new article" in m for m in said(app)))


async def test_deleting_the_open_article_says_so(make_app, articles):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: not screen.library.refreshing)
        current = screen.article_list.current
        (articles / current.rel).unlink()
        await pilot.press("r")
        await wait_for(pilot, lambda: any("The open article was deleted" in m for m in said(app)))
        assert any("1 article deleted" in m for m in said(app))
