"""The environment variables that change what tuireader does, read (or set)
here and nowhere else, with a table the docs list.

Pure (no Textual). The terminal's own variables (``TERM``, ``TMUX``, ``SSH_*``…)
belong to ``tuireader.terminal.env``; ``XDG_*`` are read by platformdirs, and
``NO_COLOR`` and ``TEXTUAL_COLOR_SYSTEM`` by Textual itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EnvVar:
    name: str
    help: str


CACHE_DIR = EnvVar(
    "TUIREADER_CACHE_DIR", "where the article index lives (else the user cache directory)"
)
COLUMNS = EnvVar("COLUMNS", "the width of --print output when --width is not given")
ANIMATIONS = EnvVar(
    "TEXTUAL_ANIMATIONS",
    "Textual's animations; set to none over SSH (every frame is terminal traffic) unless set",
)

ENV_VARS: tuple[EnvVar, ...] = (CACHE_DIR, COLUMNS, ANIMATIONS)


def cache_dir() -> Path | None:
    """``$TUIREADER_CACHE_DIR`` (``~`` expanded), or None when unset or empty."""
    value = os.environ.get(CACHE_DIR.name)
    return Path(value).expanduser() if value else None


def columns() -> int | None:
    """``$COLUMNS`` as a positive width, or None (unset, or not a number)."""
    value = os.environ.get(COLUMNS.name, "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def quiet_animations() -> None:
    """Turn Textual's animations off unless the user chose otherwise.

    Textual reads the variable when it is imported, so call this before the
    interface is imported."""
    os.environ.setdefault(ANIMATIONS.name, "none")
