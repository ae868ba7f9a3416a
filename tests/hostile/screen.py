"""Drive the real app over the hostile corpus and read what it shows."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from app_builder import build_app, xdg_places
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.main import MainScreen


def make_app(root: Path, home: Path, **overrides) -> TuiReaderApp:
    """The app on ``root``, its files where the installed app keeps them under ``home``."""
    return build_app(root, xdg_places(home), **overrides)


def screen_strips(app):
    """The strips of the composed screen, as the terminal would get them.

    Also asserts that no control segment (raw terminal codes) is among them.
    """
    strips = app.screen._compositor.render_strips()
    for strip in strips:
        for segment in strip:
            assert not segment.control, f"control segment on screen: {segment!r}"
    return strips


def screen_rows(app) -> list[str]:
    return [strip.text for strip in screen_strips(app)]


def screen_text(app) -> str:
    return "\n".join(screen_rows(app))


def region_text(app, widget, strips=None) -> str:
    """The cells inside ``widget``'s content region (cut as Textual cuts cells)."""
    region = widget.content_region
    strips = (strips or screen_strips(app))[region.y : region.bottom]
    return "\n".join(strip.crop(region.x, region.right).text for strip in strips)


async def wait_for(pilot: Pilot, predicate: Callable[[], bool], what: str,
                   timeout: float = 60.0) -> None:
    """Let the app run until ``predicate`` holds (bounded, so a hang fails; the
    bound is generous, as indexing the corpus on a loaded machine is slow).

    Sleeps instead of ``Pilot.pause``, which forces a full screen refresh on
    every call; the tests read the screen with a fresh render anyway.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            assert predicate(), f"the app never got to: {what}"
        await asyncio.sleep(0.005)
    del pilot


async def workers_done(app) -> None:
    """Wait for the app's background workers. One that a newer worker of its
    group replaced ends cancelled, which is how exclusive workers work, not an
    error (and how soon that happens depends on the machine's load); a worker
    that failed still fails the test."""
    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


def main_screen(app) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), f"not on the main screen: {screen!r}"
    return screen


async def listed(pilot: Pilot, count: int) -> MainScreen:
    """Wait until the list holds ``count`` fully indexed rows."""

    def ready() -> bool:
        s = pilot.app.screen
        return (
            isinstance(s, MainScreen)
            and len(s.article_list.rows) == count
            and not any(getattr(r, "pending", False) for r in s.article_list.rows)
        )

    await wait_for(pilot, ready, f"{count} indexed rows in the list")
    return main_screen(pilot.app)


async def shown(pilot: Pilot) -> MainScreen:
    """Wait until the highlighted row's article is the one in the reader."""

    def ready() -> bool:
        s = pilot.app.screen
        if not isinstance(s, MainScreen):
            return False
        cur, art = s.article_list.current, s.article
        return cur is not None and art is not None and art.id == cur.id

    await wait_for(pilot, ready, "the highlighted article in the reader")
    return main_screen(pilot.app)


def send_key(app, key: str) -> None:
    """Deliver a key press through the driver, as a terminal would.

    Unlike ``Pilot.press`` this does not wait for the process to look idle
    (which costs a quarter second per key on a busy machine); callers wait for
    the state they expect instead.
    """
    from textual import events

    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app._driver.send_message(event)
