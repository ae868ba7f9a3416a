"""Where things are: the bundled samples, the default article directory and
the index cache (``$TUIREADER_CACHE_DIR``, through ``settings.env``).

Pure (no Textual). The wheel carries the repository's ``articles/`` as package data
``tuireader/samples``; an editable (development) install uses ``articles/`` next
to ``src/`` instead.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from tuireader.settings.env import CACHE_DIR, cache_dir

_PACKAGE_DIR = Path(__file__).resolve().parent.parent

APP_NAME = "tuireader"  # the name of its folders in the user's config, state and cache dirs
CACHE_ENV = CACHE_DIR.name


def default_cache_dir() -> Path:
    """Where the article index lives: ``$TUIREADER_CACHE_DIR``, else the user
    cache directory (``~/.cache/tuireader`` on Linux)."""
    chosen = cache_dir()
    if chosen is not None:
        return chosen
    import platformdirs  # only here: --print and the tests never need it

    return platformdirs.user_cache_path(APP_NAME)


def article_id(rel: str) -> str:
    """An article's stable id: SHA-1 (hex) of its path relative to the library
    root ("/" separators), so read and starred marks survive a re-index."""
    return hashlib.sha1(os.fsencode(rel)).hexdigest()


def display_path(path: str | os.PathLike[str], home: Path | None = None) -> str:
    """``path`` as a person reads it: under the home directory it starts with ``~``
    (shorter, and the same on every machine for the same place)."""
    path = Path(path)
    try:
        home = home if home is not None else Path.home()
        rest = path.relative_to(home)
    except (RuntimeError, ValueError, KeyError):  # no home, or not under it
        return str(path)
    return "~" if rest == Path() else str(Path("~") / rest)


def bundled_samples() -> Path | None:
    """The sample articles shipped with tuireader, or None if they are missing."""
    packaged = _PACKAGE_DIR / "samples"
    if packaged.is_dir():
        return packaged
    # Development checkout: <repo>/src/tuireader/settings/paths.py -> <repo>/articles
    repo = _PACKAGE_DIR.parent.parent
    if (repo / "pyproject.toml").is_file() and (repo / "articles").is_dir():
        return repo / "articles"
    return None


@dataclass(frozen=True, slots=True)
class Choice:
    """The directory to open and why (shown by ``--help``-level diagnostics)."""

    path: Path | None
    reason: str


def default_directory(config_dir: str | os.PathLike[str] | None, cwd: Path | None = None) -> Choice:
    """The directory to open when none is given on the command line: the one named
    in the config file, else ``./articles`` if present, else the bundled samples."""
    if config_dir:
        return Choice(Path(config_dir).expanduser(), "from the config file")
    here = (cwd or Path.cwd()) / "articles"
    if here.is_dir():
        return Choice(here, "./articles")
    samples = bundled_samples()
    if samples is not None:
        return Choice(samples, "bundled samples")
    return Choice(None, "no directory given, no ./articles and no bundled samples")
