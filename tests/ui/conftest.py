"""Fixtures for the UI tests: a fixed article directory, private state and
cache directories, and helpers that wait for the app's workers."""

from __future__ import annotations

import contextlib
import shutil
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.css.query import NoMatches
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerCancelled, WorkerFailed

from app_builder import build_app, flat_places
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.main import MainScreen

from .screen_text import screen_text

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
SEED = "000_d5d7dac400910391.txt"
SEED_TITLE = "كوريا الشمالية تعد روسيا بدعم لا يتزعزع في حرب أوكرانيا"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A private copy of the fixture articles (tests may add, change, delete)."""
    target = tmp_path / "articles"
    shutil.copytree(FIXTURES, target)
    return target


@pytest.fixture
def make_app(tmp_path: Path, articles: Path) -> Callable[..., TuiReaderApp]:
    def make(directory: Path | None = None, **overrides) -> TuiReaderApp:
        return build_app(directory or articles, flat_places(tmp_path), **overrides)

    return make


async def drain(pilot: Pilot) -> None:
    """Wait for the app's background workers (a superseded one is cancelled: fine)."""
    for worker in list(pilot.app.workers):
        with contextlib.suppress(WorkerCancelled, WorkerFailed):
            await worker.wait()


async def settle(pilot: Pilot, rounds: int = 3) -> None:
    """Let background workers finish and their results reach the screen."""
    for _ in range(rounds):
        await drain(pilot)
        await pilot.pause()


async def wait_for(pilot: Pilot, predicate: Callable[[], bool], timeout: float = 60.0) -> None:
    """Pump the app until ``predicate`` holds (bounded; fails the test otherwise).

    Bounded by time, not by a number of rounds: on a loaded machine a worker
    thread may need many rounds. The bound only guards against a hang.
    """
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            assert predicate(), "the app never reached the expected state"
            return
        await drain(pilot)
        await pilot.pause(0.01)


async def wait_unheld(pilot: Pilot, predicate: Callable[[], bool], timeout: float = 60.0) -> None:
    """Like ``wait_for``, without waiting for the workers: for a test that holds
    one of them on purpose. Bounded by time; the bound only guards against a hang."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "the app never reached the expected state"
        await pilot.pause(0.01)


async def loaded(pilot: Pilot) -> MainScreen:
    """Wait until the list is filled and the highlighted article is shown, laid out whole."""
    app = pilot.app

    def ready() -> bool:
        screen = app.screen
        if not isinstance(screen, MainScreen) or not screen.is_mounted:
            return False
        try:
            lst = screen.article_list
        except NoMatches:  # not composed yet
            return False
        return (
            bool(lst.rows)
            and screen.article is not None
            and lst.current is not None
            and screen.article.id == lst.current.id
            and screen.title_settled
            and screen.list_complete
            and screen.reader.complete
        )

    await wait_for(pilot, ready)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def burst(app, *keys: str) -> None:
    """Deliver keys together, as a fast typist or an SSH connection does (and
    without the pilot's wait for an idle screen after each one)."""
    from textual import events

    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


def region_rows(app, widget: Widget) -> list[str]:
    """The screen text inside ``widget``'s content region, one string per row."""
    rows = screen_text(app).splitlines()
    region = widget.scrollable_content_region  # without the scrollbar gutter
    return [cell_slice(row, region.x, region.right) for row in rows[region.y : region.bottom]]


def cell_slice(row: str, start: int, end: int) -> str:
    """Characters of ``row`` in cells [start, end); zero-width marks stay with
    their base, wide characters count two cells."""
    out = []
    pos = 0
    for ch in row:
        width = cell_len(ch)
        if start <= pos < end or (width == 0 and start < pos <= end and out):
            out.append(ch)
        pos += width
    return "".join(out)


def is_shaped_arabic(text: str) -> bool:
    """Arabic letters appear only as presentation forms (joined glyphs)."""
    letters = [c for c in text if unicodedata.category(c).startswith("L") and not c.isascii()]
    return bool(letters) and all(0xFB50 <= ord(c) <= 0xFEFF for c in letters)


def logical_from_visual(visual: str) -> str:
    """Undo display order and shaping of a purely right-to-left line: reverse the
    cells, then map presentation forms back to letters (NFKC). Independent of
    the engine under test."""
    return unicodedata.normalize("NFKC", visual.strip()[::-1])
