"""SVG snapshots of the main screens (pytest-textual-snapshot).

Deterministic: the fixture articles, private state and cache directories, no
clock in the header, no path that depends on where the test runs. Update after
a deliberate change with ``pytest -n 0 tests/ui/test_snapshots.py --snapshot-update``
and look at the SVGs.
"""

from __future__ import annotations

import pytest

from .conftest import loaded, wait_for


@pytest.fixture(autouse=True)
def fixed_home(tmp_path, monkeypatch):
    """Paths on screen (the config file in help) are shown from ``~``; with the
    test's own folder as home they read the same in any clone, on any machine,
    after any number of earlier pytest runs."""
    monkeypatch.setenv("HOME", str(tmp_path))


async def _ready(pilot) -> None:
    await loaded(pilot)


async def _filter(pilot) -> None:
    # A blinking cursor would make the picture depend on when it is taken.
    pilot.app.animation_level = "none"
    screen = await loaded(pilot)
    await pilot.press("slash", *"الاسعار")
    await wait_for(pilot, lambda: screen.filter_settled and screen.filter_query == "الاسعار")
    await loaded(pilot)


async def _typing_mixed(pilot) -> None:
    # An Arabic-Latin query typed into the box, the caret moved one letter left.
    pilot.app.animation_level = "none"
    screen = await loaded(pilot)
    await pilot.press("slash", *"ارتفاع", "space", *"COP29", "home", "left")
    await wait_for(pilot, lambda: screen.filter_settled and screen.filter_query == "ارتفاع COP29")
    await wait_for(pilot, lambda: "0 of 8" in str(screen.query_one("#filter-count").render()))
    await pilot.pause()


async def _help(pilot) -> None:
    await loaded(pilot)
    await pilot.press("question_mark")


async def _terminal_mode(pilot) -> None:
    await loaded(pilot)
    await pilot.press("B")


async def _harakat(pilot) -> None:
    screen = await loaded(pilot)
    await pilot.press("j", "j", "j", "H")
    await loaded(pilot)
    assert screen.options.harakat


async def _read_and_starred(pilot) -> None:
    await loaded(pilot)
    await pilot.press("s", "j", "enter", "space", "tab")
    await loaded(pilot)


def test_main_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_ready)


def test_main_160x50(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(160, 50), run_before=_ready)


def test_filter_arabic_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_filter)


def test_typing_mixed_query_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_typing_mixed)


def test_help_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_help)


def test_terminal_bidi_mode_120x40(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_terminal_mode)


def test_harakat_120x40(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_harakat)


def test_read_starred_paged_160x50(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(160, 50), run_before=_read_and_starred)
