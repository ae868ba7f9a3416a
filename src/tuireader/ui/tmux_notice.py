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

from textual.app import App

from tuireader.term_detect import tmux_passthrough_notice

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


def check_tmux_passthrough(app: App, env: Mapping[str, str]) -> None:
    """In a thread (the first frame does not wait): read, then maybe notify."""
    if not env.get("TMUX"):
        return

    def work() -> None:
        result = read_passthrough(env)
        notice = tmux_passthrough_notice(*result) if result else None
        if notice:
            app.call_from_thread(
                app.notify,
                notice,
                title="tmux: allow-passthrough is off",
                severity="warning",
                timeout=NOTICE_SECONDS,
                markup=False,
            )

    app.run_worker(work, thread=True, exit_on_error=False, group="tmux-passthrough")
