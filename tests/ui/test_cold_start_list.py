"""A first start (empty index) lists the files as soon as they are found, while
their articles are still being parsed, instead of waiting for the whole index."""

from __future__ import annotations

import threading
import time

from tuireader.index import parse_pool

from .conftest import wait_for


async def test_files_are_listed_while_the_index_is_built(make_app, monkeypatch):
    gate = threading.Event()
    real_parse = parse_pool._parse_chunk

    def held_parse(jobs):
        gate.wait(300)  # (released below, or at teardown; the bound is a hang guard)
        return real_parse(jobs)

    monkeypatch.setattr(parse_pool, "_parse_chunk", held_parse)
    app = make_app()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            deadline = time.monotonic() + 60  # a hang guard: parsing is held, not slow
            while not screen.article_list.rows and time.monotonic() < deadline:
                await pilot.pause(0.01)
            listed = list(screen.article_list.rows)
            # parsing has not run yet, and the files are on the list already
            assert not gate.is_set()
            assert listed and all(row.pending for row in listed)
            assert screen.library.refreshing

            gate.set()
            await wait_for(
                pilot,
                lambda: screen.article_list.rows
                and not any(row.pending for row in screen.article_list.rows),
            )
            parsed = list(screen.article_list.rows)
            assert [r.rel for r in parsed] == [r.rel for r in listed]
            # the real titles replaced the file names
            assert [r.title for r in parsed] != [r.title for r in listed]
    finally:
        gate.set()
