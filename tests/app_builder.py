"""The one way the tests build the reader app: real settings, every file it
writes in the test's own folders, no timer polling the library (a test asks
for a refresh when it wants one, so timing never decides an outcome)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tuireader.index.source import Source
from tuireader.settings.config import Settings
from tuireader.ui.app import TuiReaderApp


def build_app(
    directory: Path,
    places: Mapping[str, Path],
    *,
    source: Source | None = None,
    **overrides: Any,
) -> TuiReaderApp:
    """The app on ``directory`` with its files at ``places`` (``state_dir``,
    ``cache_dir``, ``config_path``); ``overrides`` replace any setting, and a
    ``source`` stands in for the indexed library."""
    settings = Settings(directory=directory, poll_interval=0, **places)
    return TuiReaderApp(dataclasses.replace(settings, **overrides), source=source)


def flat_places(folder: Path) -> dict[str, Path]:
    """State, cache and config side by side in ``folder``."""
    return {
        "state_dir": folder / "state",
        "cache_dir": folder / "cache",
        "config_path": folder / "config.toml",
    }


def xdg_places(home: Path) -> dict[str, Path]:
    """Where the installed app keeps its files under an XDG ``home``
    (``$XDG_STATE_HOME/tuireader`` …)."""
    return {
        "state_dir": home / "state" / "tuireader",
        "cache_dir": home / "cache" / "tuireader",
        "config_path": home / "config" / "tuireader" / "config.toml",
    }
