"""Under tmux: is ``allow-passthrough`` on? If not, tell the user once.

Our ``CSI 8 l`` reaches the terminal outside tmux only through tmux's
passthrough, which tmux 3.3+ blocks by default. We only read the setting
(``tmux show -gv allow-passthrough``, on the machine where tmux runs, which is
this one when ``$TMUX`` is set); we never change it.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import replace

from textual.app import App
from textual.notifications import Notification, Notify

from tuireader.terminal.detect import tmux_passthrough_notice

TMUX_TIMEOUT = 5.0  # seconds; tmux answers in milliseconds when it answers at all
NOTICE_SECONDS = 60  # long enough to read and act on; a click dismisses it


def read_passthrough(env: Mapping[str, str]) -> tuple[str, int] | None:
    """``tmux show -gv allow-passthrough``: (output, status), or None if not run."""
    if not env.get("TMUX"):
        return None
    tmux = shutil.which("tmux", path=env.get("PATH"))
    if tmux is None:
        return None
    try:
        done = subprocess.run(
            [tmux, "show", "-gv", "allow-passthrough"],
            capture_output=True,
            text=True,
            timeout=TMUX_TIMEOUT,
            env=dict(env),
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout, done.returncode


class TmuxNotice:
    """The one notice: shown if passthrough is off, gone at the next key press
    (or a click, or after ``NOTICE_SECONDS``)."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._shown: Notification | None = None

    def check(self, env: Mapping[str, str]) -> None:
        """In a thread (the first frame does not wait): read, then maybe notify."""
        if env.get("TMUX"):
            self.app.run_worker(
                lambda: self._work(env), thread=True, exit_on_error=False, group="tmux"
            )

    def _work(self, env: Mapping[str, str]) -> None:
        result = read_passthrough(env)
        notice = tmux_passthrough_notice(*result) if result else None
        if notice:
            self.app.call_from_thread(self._show, notice + " Any key closes this.")

    def _show(self, text: str) -> None:
        title = "tmux: allow-passthrough is off"
        self._shown = Notification(text, title, "warning", NOTICE_SECONDS, markup=False)
        self.app.post_message(Notify(self._shown))

    def dismiss(self) -> None:
        shown, self._shown = self._shown, None
        if shown is not None:
            # The same notice (same identity) again, already expired: Textual
            # replaces the one on screen with it and drops it as expired.
            self.app.post_message(Notify(replace(shown, timeout=0)))
