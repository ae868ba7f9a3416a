"""The Textual application and its entry point ``run_app``."""

from __future__ import annotations

import asyncio
import gc
import re
import sys
from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.widgets import Input

from tuireader.articles.sanitize import clean_line
from tuireader.index.source import Source
from tuireader.settings.check import theme_problem
from tuireader.settings.config import Settings, default_cache_dir, default_state_dir
from tuireader.settings.state import StateStore, save_failed_note
from tuireader.terminal.detect import Probe, Verdict
from tuireader.terminal.env import environment
from tuireader.terminal.signals import EXIT_SIGNALS_HANDLER, exit_status
from tuireader.ui.bidi_commands import BidiMemoryProvider
from tuireader.ui.commands import ActionsProvider
from tuireader.ui.driver import TerminalIdentified, probing_driver
from tuireader.ui.feed_commands import FeedsProvider
from tuireader.ui.palette import ArticlesProvider, BidiCommandPalette, screen_options
from tuireader.ui.screens.main import MainScreen
from tuireader.ui.tmux_notice import TmuxNotice
from tuireader.ui.visual import toast_width, visual_text

MESSAGE_LINES = 4  # start-up messages named in the toast (all are in *Messages*)
MESSAGE_CELLS = 70  # each cut to this
_DIRECTORIES = re.compile(r"(?<![\w.])(?:~|\.{1,2})?/(?:[^\s/,:]+/)*")


def _one_line(message: str) -> str:
    """A message on one line, paths shortened to their last part (the
    directories are in *Messages*)."""
    text = " ".join(_DIRECTORIES.sub("", message).split())
    return text if len(text) <= MESSAGE_CELLS else text[: MESSAGE_CELLS - 1] + "…"


class TuiReaderApp(App[int]):
    """Article list | reader | details, for a directory of articles."""

    CSS_PATH = "tuireader.tcss"
    TITLE = "tuireader"
    COMMANDS = App.COMMANDS | {
        ActionsProvider, BidiMemoryProvider, ArticlesProvider, FeedsProvider
    }
    ENABLE_COMMAND_PALETTE = True
    # ctrl+q stays as Textual's quit; every other key lives on the main screen
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(
        self, settings: Settings, *, source: Source | None = None, probe: Probe | None = None
    ) -> None:
        super().__init__(driver_class=probing_driver(probe))
        self.bidi_probe = probe  # bidi = "auto": the terminal is being asked
        self._early_verdict: Verdict | None = None
        self.tmux_notice = TmuxNotice(self)
        self.settings = settings
        root = Path(settings.directory or ".").expanduser()
        self.source = source or Source(root, settings.cache_dir or default_cache_dir())
        self.store = StateStore(settings.state_dir or default_state_dir(), root)
        self.keymap = dict(settings.keymap)
        self._state_notices: list[str] = []
        self.messages: list[str] = []  # start-up problems, for *Messages*
        self.exit_notes: list[str] = []  # printed after the screen is restored

    def get_default_screen(self) -> MainScreen:
        # the main screen is the default one: no empty screen to build and leave
        self._state_notices = self.store.load()
        screen = MainScreen(self.settings, self.source, self.store)
        if self.bidi_probe is not None and self.bidi_probe.initial is not None:
            screen.adopt_terminal_verdict(self.bidi_probe.initial)  # kept modes apply
        if self._early_verdict is not None:  # answered before the screen existed
            screen.adopt_terminal_verdict(self._early_verdict)
        return screen

    def on_terminal_identified(self, message: TerminalIdentified) -> None:
        screen = self.screen_stack[0] if self.screen_stack else None
        if isinstance(screen, MainScreen):
            screen.adopt_terminal_verdict(message.verdict)
        else:
            self._early_verdict = message.verdict

    def on_mount(self) -> None:
        self.set_keymap(self.keymap)
        theme_problem = self._set_theme(self.settings.theme)
        # once the screen (and its toast rack) exists, say what went wrong at startup
        problems = [*self.settings.problems, *([theme_problem] if theme_problem else [])]
        index_notice = getattr(getattr(self.source, "catalog", None), "notice", None)
        self.call_after_refresh(self._startup_notices, problems, self._state_notices, index_notice)
        if self.settings.bidi_mode != "terminal" and not self.is_headless:
            self.tmux_notice.check(environment())  # under tmux: is passthrough on?

    def _startup_notices(
        self, problems: list[str], state_notices: list[str], index_notice: str | None = None
    ) -> None:
        """One toast, however many problems (several would stack past the
        top of the screen and vanish); each is kept whole for *Messages*, a
        scrollable screen in the command palette."""
        self.messages += [*problems, *state_notices, *([index_notice] if index_notice else [])]
        options, room = screen_options(self.screen), toast_width(self.size.width)
        if len(self.messages) == 1:
            title = "Config" if problems else ("State" if state_notices else "Index")
            only = visual_text(self.messages[0], options, room)
            self.notify(only, title=title, severity="warning", timeout=12, markup=False)
        elif self.messages:
            # one toast naming each (cut to a line), the whole text in *Messages*
            lines = [
                visual_text(_one_line(m), options, room) for m in self.messages[:MESSAGE_LINES]
            ]
            if len(self.messages) > MESSAGE_LINES:
                lines.append(f"… and {len(self.messages) - MESSAGE_LINES} more")
            self.notify(
                "\n".join(lines),
                title=f"{len(self.messages)} problems at start-up · Ctrl+P › Messages",
                severity="warning",
                timeout=20,
                markup=False,
            )

    def action_messages(self) -> None:
        """Show every start-up message (also from the command palette)."""
        from tuireader.ui.screens.messages import MessagesScreen

        options = screen_options(self.screen)  # (Arabic names shaped, as in toasts)
        self.push_screen(MessagesScreen([visual_text(m, options) for m in self.messages]))

    def _set_theme(self, theme: str) -> str | None:
        """Apply the configured theme; return a problem message if it is unknown."""
        if theme in self.available_themes:
            self.theme = theme
            return None
        return theme_problem(self.settings, self.available_themes, self.theme)

    def on_key(self, event: events.Key) -> None:
        """Type-ahead: keys that came in the same burst as the one that focused a
        text box (say "/" then a word, over SSH) were already sent to the pane
        that had focus; the box is where the user meant them to go."""
        self.tmux_notice.dismiss()
        box = self.focused
        if isinstance(box, Input) and event.is_printable and event.character:
            box.insert_text_at_cursor(event.character)

    def action_command_palette(self) -> None:
        # Textual's palette, with a box that draws Arabic shaped (ui/palette.py)
        open_ = BidiCommandPalette.is_open(self)  # type: ignore[arg-type]  # (App[None])
        if self.use_command_palette and not open_:
            options = screen_options(self.screen)
            self.push_screen(BidiCommandPalette(options, id="--command-palette"))

    def on_load(self) -> None:
        # from here on a terminating signal quits through the same path as `q`
        EXIT_SIGNALS_HANDLER.attach(asyncio.get_running_loop(), self.quit_for_signal)

    def action_quit(self) -> None:  # type: ignore[override]  # (Textual takes a plain method)
        self._save_and_exit(0)

    def quit_for_signal(self, signum: int) -> None:
        self._save_and_exit(exit_status(signum))

    def _save_and_exit(self, code: int) -> None:
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is not None:
            main.save_state(at_quit=True)
        self.exit(code)

    def on_unmount(self) -> None:
        try:
            self.store.save()
        except OSError as exc:
            self.note_at_exit(save_failed_note(self.store, exc))

    def note_at_exit(self, note: str) -> None:
        """Say ``note`` on the terminal once the screen is restored."""
        if note not in self.exit_notes:
            self.exit_notes.append(note)


def settle_imports() -> None:
    """Hide what is loaded so far (modules, classes, tables: alive until exit)
    from the garbage collector, so that its passes while the first screen is
    built do not walk all of it again and again."""
    gc.freeze()
    gc.enable()


def run_app(settings: Settings, probe: Probe | None = None) -> int:
    """Run the reader full-screen; return the process exit status. ``probe``:
    the terminal is asked which it is (``bidi = "auto"``)."""
    settle_imports()
    app = TuiReaderApp(settings, probe=probe)
    EXIT_SIGNALS_HANDLER.defer()  # until the app attaches: see signals.py
    result = app.run(mouse=settings.mouse)
    for note in app.exit_notes:
        print(f"tuireader: {clean_line(note)}", file=sys.stderr)
    if isinstance(result, int):
        return result
    return app.return_code or 0
