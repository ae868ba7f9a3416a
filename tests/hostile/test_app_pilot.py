"""The hostile corpus through the real app (``App.run_test``): every entry is
walked and opened, the filter gets hostile queries, markup-like text is shown
literally and clicking it does nothing."""

from __future__ import annotations

import webbrowser

import pytest
from textual import events
from textual.widgets import Input

from .checks import assert_safe
from .corpus import Corpus
from .screen import (
    listed,
    make_app,
    region_text,
    screen_rows,
    screen_strips,
    send_key,
    shown,
    wait_for,
    workers_done,
)

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def no_browser(monkeypatch):
    """Nothing from an article may open a browser (on a server, over SSH)."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"a browser was opened: {args!r}")

    monkeypatch.setattr(webbrowser, "open", refuse)
    monkeypatch.setattr(webbrowser, "open_new", refuse)
    monkeypatch.setattr(webbrowser, "open_new_tab", refuse)


def assert_screen_safe(app, where: str):
    """Check the whole screen; return its strips for further reading."""
    strips = screen_strips(app)
    assert_safe("\n".join(strip.text for strip in strips), where)
    return strips


async def test_walk_and_open_every_entry(corpus: Corpus, home):
    listed_cases = {c.name: c for c in corpus.entries if c.listed}
    app = make_app(corpus.root, home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await listed(pilot, len(listed_cases))
        rows = screen.article_list.rows
        assert {r.rel for r in rows} == set(listed_cases), "the list lost or invented entries"
        opened = []
        for index in range(len(rows)):
            row = screen.article_list.current
            assert screen.article_list.cursor == index
            case = listed_cases[row.rel]
            if row.rel.startswith("naughty/") and index % 3:
                # Every third naughty string is shown and checked here (all of
                # them are in the list rows on screen, and go through the
                # pipeline in test_pipeline); waiting for each costs seconds.
                send_key(app, "j")
                if index + 1 < len(rows):
                    await wait_for(pilot, lambda i=index: screen.article_list.cursor == i + 1,
                                   "j")
                continue
            await shown(pilot)
            strips = assert_screen_safe(app, f"screen showing {row.rel!r}")
            reader = region_text(app, screen.reader, strips)
            flat = " ".join(reader.split())
            if case.good:
                assert screen.article.error is None, (row.rel, screen.article.error)
                if case.title_marker:
                    assert case.title_marker in reader, (row.rel, reader)
                if case.body_marker:
                    assert case.body_marker in reader, (row.rel, reader)
            else:
                # the error is on screen, under a title that names the file
                error = screen.article.error
                assert error and any(w in error for w in case.error_words), (row.rel, error)
                assert error.split("(")[0].strip() in flat, (row.rel, reader)
                assert row.rel[:3] in flat, (row.rel, reader)  # "033_fifo", ...
            if (case.good and not case.body_marker and index % 4) or (
                    row.rel.startswith("naughty/") and index % 9):
                send_key(app, "j")  # the list and reader are checked; opening costs time
                if index + 1 < len(rows):
                    await wait_for(pilot, lambda i=index: screen.article_list.cursor == i + 1,
                                   "j")
                continue
            # open it (Enter marks it read, focuses the reader), to the end, back out
            send_key(app, "enter")
            await wait_for(pilot, lambda: app.focused is screen.reader, "reader focused")
            send_key(app, "G")
            await wait_for(pilot, lambda: screen.reader.scroll_y == screen.reader.max_scroll_y,
                           "reader at its end")
            assert_screen_safe(app, f"end of {row.rel!r}")
            send_key(app, "escape")
            await wait_for(pilot, lambda: app.focused is screen.article_list, "list focused")
            opened.append(row.id)
            send_key(app, "j")
            if index + 1 < len(rows):
                await wait_for(pilot, lambda i=index: screen.article_list.cursor == i + 1, "j")
        assert all(app.store.is_read(i) for i in opened)
        await pilot.press("q")
    assert app.return_code == 0


async def test_markup_like_text_is_literal_and_clicking_it_does_nothing(corpus: Corpus, home):
    listed_count = sum(1 for c in corpus.entries if c.listed)
    app = make_app(corpus.root, home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await listed(pilot, listed_count)
        for name, needles in [
            ("004_markup.txt", ["[@click=app.quit]QUITME[/]", "[bold]MARKUP-B[/bold]",
                                "[link=https://x]LINKY[/link]"]),
            ("026_[@click=app.quit]EMPTYCLICK.txt", ["[@click=app.quit]EMPTYCLICK"]),
        ]:
            index = next(i for i, r in enumerate(screen.article_list.rows) if r.rel == name)
            screen.article_list.select_id(screen.article_list.rows[index].id)
            await shown(pilot)
            rows = screen_rows(app)
            for needle in needles:
                hits = [(y, row.index(needle)) for y, row in enumerate(rows) if needle in row]
                assert hits, f"{needle!r} is not shown literally:\n" + "\n".join(rows)
                for y, x in hits:
                    # click the middle of the would-be link, then double-click it
                    target = (x + len(needle) // 2, y)
                    await pilot.click(offset=target)
                    await pilot.click(offset=target, times=2)
                    await pilot.pause()
                    assert app.is_running and app.return_code is None, f"{needle!r} quit the app"
                    assert_screen_safe(app, "after clicking markup")
        # the Markdown title's markup is literal too
        assert "[bold]" in region_text(app, screen.article_list)
        await pilot.press("q")
    assert app.return_code == 0


HOSTILE_QUERIES = [
    "GOOD-PLAIN",
    "[@click=app.quit]",
    "[bold]",
    "[red",
    '"',
    "NEAR(a b) *",
    "'; DROP TABLE articles; --",
    "\u0628\u200d\u0644\u0627",
    "\u0640\u0640\u0640",
    "\U0001F468\u200d\U0001F469",
    "A" * 400,
    "\u0627\u0644\u0637\u0642\u0633",
]

# Pasted text may carry what typing cannot.
HOSTILE_PASTES = [
    "\x1b]0;PWNED-QUERY\x07x",
    "\x1b[2Jclear",
    "\u009b2J\u009d0;PWNED-QUERY-C1\u009c",
    "\u202eevil\u202c",
    "a\x00b\x07c\x08",
    "\ud800",
]


async def open_filter(pilot, field: Input) -> None:
    send_key(pilot.app, "slash")
    await wait_for(pilot, lambda: pilot.app.focused is field, "the filter box focused")


async def close_filter(pilot, screen, listed_count: int) -> None:
    """Esc: the box closes and the whole list is back."""
    send_key(pilot.app, "escape")
    await wait_for(pilot, lambda: len(screen.article_list.rows) == listed_count
                   and not screen.filter_bar.is_open, "the filter cleared")


async def run_queries(corpus: Corpus, home, queries: list[str], typed: tuple[str, ...] = ()):
    listed_count = sum(1 for c in corpus.entries if c.listed)
    app = make_app(corpus.root, home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await listed(pilot, listed_count)
        field = screen.query_one("#filter-input", Input)
        for query in queries:
            await open_filter(pilot, field)
            if field.value:
                send_key(app, "ctrl+u")  # clear the previous query
                await wait_for(pilot, lambda: field.value == "", "the box cleared")
            if query in typed:
                await pilot.press(*[_key(ch) for ch in query])
            else:
                field.post_message(events.Paste(query))  # what a terminal paste delivers
                await wait_for(pilot, lambda q=query: field.value == q.splitlines()[0],
                               "the paste in the box")
            send_key(app, "enter")
            await wait_for(pilot, lambda q=query: screen.filter_query == q.strip()
                           and app.focused is screen.article_list, f"the filter {query!r} applied")
            await workers_done(app)
            assert app.is_running, query
            assert_screen_safe(app, f"after filtering for {query!r}")
            if query == "GOOD-PLAIN":
                assert [r.rel for r in screen.article_list.rows] == ["001_good_plain.txt"]
        await close_filter(pilot, screen, listed_count)
        await pilot.press("q")
    assert app.return_code == 0


async def test_filter_with_hostile_queries(corpus: Corpus, home):
    await run_queries(corpus, home, HOSTILE_QUERIES, typed=("GOOD-PLAIN", "[@click=app.quit]"))


async def test_filter_box_never_holds_pasted_control_characters(corpus: Corpus, home):
    """Textual's Input draws its value raw: a pasted OSC 0 would set the window
    title. The box refuses (or cleans) such pastes; the screen stays clean."""
    listed_count = sum(1 for c in corpus.entries if c.listed)
    app = make_app(corpus.root, home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await listed(pilot, listed_count)
        field = screen.query_one("#filter-input", Input)
        for query in HOSTILE_PASTES:
            await open_filter(pilot, field)
            field.post_message(events.Paste(query))
            await pilot.pause()
            assert_safe(field.value, f"the filter box after pasting {query!r}")
            assert_screen_safe(app, f"after pasting {query!r}")
            send_key(app, "enter")
            await wait_for(pilot, lambda: app.focused is screen.article_list, "list focused")
            await workers_done(app)
            await pilot.pause()
            assert_screen_safe(app, f"after filtering for {query!r}")
            await close_filter(pilot, screen, listed_count)
        assert app.is_running
        await pilot.press("q")


def _key(ch: str) -> str:
    names = {" ": "space", "[": "left_square_bracket", "]": "right_square_bracket",
             "\\": "backslash", '"': "quotation_mark", "*": "asterisk", "-": "minus",
             "^": "circumflex_accent", ":": "colon", "'": "apostrophe", ";": "semicolon",
             "%": "percent_sign", "(": "left_parenthesis", ")": "right_parenthesis",
             "=": "equals_sign", "/": "slash", "@": "at", ".": "full_stop"}
    return names.get(ch, ch)


async def test_vanished_and_swapped_files_after_listing(tmp_path, home):
    """Files deleted, or replaced by a FIFO, between listing and opening."""
    import os

    root = tmp_path / "lib"
    root.mkdir()
    for name in ("a_good.txt", "b_gone.txt", "c_fifo.txt", "d_good.txt"):
        (root / name).write_text(f"{name} GOOD\n{name} GOOD\nBody of {name}.\n")
    app = make_app(root, home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await listed(pilot, 4)
        os.unlink(root / "b_gone.txt")
        os.unlink(root / "c_fifo.txt")
        os.mkfifo(root / "c_fifo.txt")
        for expected in ("a_good", "b_gone", "c_fifo", "d_good"):
            await shown(pilot)
            reader = " ".join(region_text(app, screen.reader).split())
            assert expected in reader, reader
            if expected == "b_gone":
                assert screen.article.error and "no such file" in screen.article.error
                assert "no such file" in reader
            if expected == "c_fifo":
                assert screen.article.error and "pipe" in screen.article.error
                assert "pipe" in reader
            await pilot.press("j")
        assert app.is_running
        await pilot.press("q")


async def test_undecodable_file_name_does_not_empty_the_list(tmp_path, home):
    from .test_pipeline import _undecodable_library

    app = make_app(_undecodable_library(tmp_path), home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await listed(pilot, 2)
        await workers_done(app)  # the index built: titles, not file names
        await pilot.pause()
        assert_screen_safe(app, "a library with an undecodable file name")
        titles = sorted(r.title for r in screen.article_list.rows)
        assert titles == ["GOOD-LEGACY-NAME", "GOOD-NEIGHBOUR"]


async def test_keys_typed_right_after_enter_act_on_the_opened_article(tmp_path, home):
    """Keys in one burst (a fast typist, or keys arriving together over SSH):
    the key after Enter acts on the article Enter opened, not on the list."""
    root = tmp_path / "long"
    root.mkdir()
    for i in range(30):
        body = "\n".join(f"Paragraph {k} of article {i}." for k in range(80))
        (root / f"{i:02d}.txt").write_text(f"Title {i}\nTitle {i}\n{body}\n")
    app = make_app(root, home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await listed(pilot, 30)
        await shown(pilot)
        send_key(app, "enter")
        send_key(app, "G")  # in the same burst, as a fast typist or SSH delivers them
        await wait_for(pilot, lambda: app.focused is screen.reader, "reader focused")
        await pilot.pause()
        assert screen.article_list.cursor == 0, "G moved the list, not the opened article"
        assert screen.reader.scroll_y > 0


async def test_a_line_larger_than_the_size_cap(tmp_path, home):
    """One 4 MiB+ line: read up to the cap, the cut is announced, the app goes on."""
    from .corpus import Corpus, add_huge

    root = tmp_path / "huge"
    root.mkdir()
    corpus = Corpus(root)
    huge = add_huge(corpus)
    (root / "099_after.txt").write_text("GOOD-AFTER\nGOOD-AFTER\nBody after.\n")
    app = make_app(root, home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await listed(pilot, 2)
        await shown(pilot)
        assert screen.article_list.current.rel == huge.name
        assert any("truncated" in n for n in screen.article.notices)
        reader = " ".join(region_text(app, screen.reader).split())
        assert "GOOD-HUGE" in reader and "truncated" in reader, reader
        send_key(app, "j")
        await wait_for(pilot, lambda: screen.article_list.cursor == 1, "moved on")
        await shown(pilot)
        assert "GOOD-AFTER" in region_text(app, screen.reader)
        await pilot.press("q")


async def test_resizing_around_hostile_articles(corpus: Corpus, home):
    """Every size re-lays out the list and the reader; tiny and huge must hold."""
    listed_count = sum(1 for c in corpus.entries if c.listed)
    app = make_app(corpus.root, home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await listed(pilot, listed_count)
        for name in ("003_escapes.txt", "naughty/05_zalgo.txt", "naughty/62_long-word.txt"):
            row = next(r for r in screen.article_list.rows if r.rel == name)
            screen.article_list.select_id(row.id)
            await shown(pilot)
            for size in ((1, 1), (12, 5), (37, 9), (250, 70), SIZE):
                await pilot.resize_terminal(*size)
                await pilot.pause()
                assert app.is_running, (name, size)
                assert_screen_safe(app, f"{name} at {size}")
        await pilot.press("q")
    assert app.return_code == 0
