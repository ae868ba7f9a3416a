"""``bidi = "auto"`` in the app: a verdict switches the mode once and the label
says why; the user's B wins; the tmux notice goes at the next key."""

from __future__ import annotations

from tuireader.terminal.detect import Probe, Verdict
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.driver import TerminalIdentified

from .conftest import loaded, region_rows, wait_for
from .screen_text import screen_text


def auto_app(make_app, **env: str) -> TuiReaderApp:
    app = make_app(bidi_mode="auto")
    app.bidi_probe = Probe(env)
    return app


async def test_a_konsole_verdict_switches_to_terminal_mode_and_says_why(make_app):
    app = auto_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert screen.options.mode == "app"
        rows_app = region_rows(app, screen.reader)
        app.post_message(TerminalIdentified(Verdict("terminal", "Konsole")))
        await wait_for(pilot, lambda: "bidi terminal · Konsole" in screen_text(app))
        assert screen.options.mode == "terminal"
        assert region_rows(app, screen.reader) != rows_app  # laid out again, logical


async def test_a_vte_verdict_keeps_app_mode_and_names_the_terminal(make_app):
    app = auto_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        rows_app = region_rows(app, screen.reader)
        app.post_message(TerminalIdentified(Verdict("app", "VTE")))
        await wait_for(pilot, lambda: "bidi app · VTE" in screen_text(app))
        assert region_rows(app, screen.reader) == rows_app


async def test_a_verdict_before_the_screen_exists_is_kept_for_it(make_app):
    app = auto_app(make_app)
    app._early_verdict = Verdict("terminal", "Konsole")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: "bidi terminal · Konsole" in screen_text(app))
        assert screen.options.mode == "terminal"


async def test_the_users_b_wins_over_a_later_verdict(make_app):
    app = auto_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("B")
        await wait_for(pilot, lambda: screen.options.mode == "terminal")
        await pilot.press("B")
        await wait_for(pilot, lambda: screen.options.mode == "app")
        app.post_message(TerminalIdentified(Verdict("terminal", "Konsole")))
        await pilot.pause()
        await pilot.pause()
        assert screen.options.mode == "app"
        assert "Konsole" not in screen_text(app)


async def test_the_environment_names_the_terminal_from_the_first_frame(make_app):
    app = auto_app(make_app, VTE_VERSION="7006")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: "bidi app · VTE" in screen_text(app))


async def test_the_tmux_notice_closes_at_the_next_key_b_included(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        app.tmux_notice._show("tmux does not pass … set -g allow-passthrough on")
        await wait_for(pilot, lambda: len(app._notifications) == 1)
        await pilot.press("B")
        await wait_for(pilot, lambda: len(app._notifications) == 0)
        assert screen.options.mode == "terminal"  # and B did what B does


async def test_a_mode_kept_for_a_terminal_wins_over_its_verdict_next_time(make_app):
    from tuireader.terminal import bidi_memory
    from tuireader.ui.bidi_commands import BidiMemoryProvider

    app = auto_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        app.post_message(TerminalIdentified(Verdict("terminal", "Konsole")))
        await wait_for(pilot, lambda: screen.options.mode == "terminal")
        await pilot.press("B")  # this Konsole has its own bidi turned off
        await wait_for(pilot, lambda: screen.options.mode == "app")
        commands = [text for text, _run, _help in BidiMemoryProvider(screen)._commands()]
        assert commands == ["Keep bidi app for Konsole"]
        screen.keep_bidi_for_terminal()
        await wait_for(pilot, lambda: "bidi app · Konsole (kept)" in screen_text(app))
        state_dir = screen.store.state_dir
    assert bidi_memory.load(state_dir) == {"Konsole": "app"}

    again = auto_app(make_app)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        again.post_message(TerminalIdentified(Verdict("terminal", "Konsole")))
        await wait_for(pilot, lambda: "bidi app · Konsole (kept)" in screen_text(again))
        assert screen.options.mode == "app"
        commands = [text for text, _run, _help in BidiMemoryProvider(screen)._commands()]
        assert "Forget the bidi mode kept for Konsole" in commands
        screen.forget_bidi_for_terminal()
        await pilot.pause()
    assert bidi_memory.load(state_dir) == {}


async def test_the_palette_offers_to_keep_the_mode_for_the_terminal(make_app):
    from textual.command import CommandList

    app = auto_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        app.post_message(TerminalIdentified(Verdict("app", "xterm")))
        await wait_for(pilot, lambda: screen.bidi_terminal == "xterm")
        await pilot.press("ctrl+p")
        await pilot.press(*"Keep bidi")
        await wait_for(pilot, lambda: "Keep bidi app for xterm" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "bidi app · xterm (kept)" in screen_text(app))
        assert not app.screen.query(CommandList)
