"""The environment variables that describe the terminal around the app: the
one place ``terminal/`` (and the CLI, for the terminal) reads them, and the
table of which ones count and why.

Pure (no Textual). Functions elsewhere in ``terminal/`` take an ``env`` mapping
(tests pass their own); ``None`` there means this process's environment, from
``environment()``. The whole environment is handed on, not only the names
below: the tmux query runs ``tmux`` with it (its socket, ``PATH``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

#: name -> what it tells the app
TERMINAL_VARIABLES: dict[str, str] = {
    "TERM": "dumb: no full-screen reader, and --print writes plain text",
    "SSH_CONNECTION": "an SSH session: no animations",
    "SSH_CLIENT": "an SSH session: no animations",
    "SSH_TTY": "an SSH session: no animations",
    "TMUX": "inside tmux: bidi sequences go out wrapped in its passthrough",
    "STY": "inside GNU screen: bidi sequences go out wrapped in its passthrough",
    "TERM_PROGRAM": "the terminal's name (Apple Terminal, iTerm2, WezTerm…)",
    "VTE_VERSION": "a VTE terminal (GNOME Terminal & co.)",
    "KONSOLE_VERSION": "Konsole",
    "WT_SESSION": "Windows Terminal",
    "KITTY_WINDOW_ID": "kitty",
    "LC_ALL": "the locale's encoding (first of LC_ALL, LC_CTYPE, LANG that is set)",
    "LC_CTYPE": "the locale's encoding",
    "LANG": "the locale's encoding",
}


def environment(env: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """``env`` if given, else this process's environment."""
    return os.environ if env is None else env


def is_dumb(env: Mapping[str, str] | None = None) -> bool:
    """``TERM=dumb``: a terminal that takes no escape sequences."""
    return environment(env).get("TERM", "") == "dumb"
