"""Every top-level key of ``config.toml`` in one table: what it fills, which
values it takes, its default and its help.

Pure (no Textual). ``config.load_config`` reads a file through this table,
``config.sample_config`` and the docs list it, so a new setting is one row here
and one field on ``config.Settings``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BIDI_MODES = ("auto", "app", "terminal")
DEFAULT_THEME = "textual-dark"


class _Invalid:
    """What a reader returns for a value it refuses (``None`` can be a value)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


@dataclass(frozen=True)
class Setting:
    """One key of the config file."""

    key: str
    #: the ``Settings`` field it fills; None: another part reads it (feeds)
    field: str | None
    #: the value to use for a value from the file, or ``INVALID``
    read: Callable[[Any], Any]
    #: the problem reported for an ``INVALID`` value; ``{got}`` is its repr
    bad: str
    help: str
    #: the value in ``Settings`` when the key is absent
    default: Any = None
    #: the line in the sample config ("" when the key is not shown there)
    sample: str = ""
    aliases: tuple[str, ...] = ()


def _directory(value: Any) -> Any:
    if isinstance(value, str) and value.strip():
        return Path(value).expanduser()
    return INVALID


def _bidi(value: Any) -> Any:
    return value if value in BIDI_MODES else INVALID


def _bool(value: Any) -> Any:
    return value if isinstance(value, bool) else INVALID


def _theme(value: Any) -> Any:
    return value.strip() if isinstance(value, str) and value.strip() else INVALID


def _seconds(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return float(value)
    return INVALID


def _table(value: Any) -> Any:
    return value if isinstance(value, dict) else INVALID


def _owned_elsewhere(value: Any) -> Any:
    return value


def _flag(key: str, default: bool, help: str) -> Setting:
    word = str(default).lower()
    return Setting(
        key, key, _bool, f"expected true or false, got {{got}}; using {word}", help,
        default=default, sample=f"{key} = {word}",
    )


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "directory", "directory", _directory,
        "expected a directory path as a string; ignored",
        "the article directory opened when none is given",
        sample='# directory = "~/news"',
    ),
    Setting(
        "theme", "theme", _theme,
        f"expected a theme name, got {{got}}; using {DEFAULT_THEME!r}",
        "a Textual theme name",
        default=DEFAULT_THEME, sample=f'theme = "{DEFAULT_THEME}"',
    ),
    Setting(
        "bidi", "bidi_mode", _bidi,
        'expected "auto", "app" or "terminal", got {got}; using "auto"',
        '"auto": ask the terminal; "app": tuireader reorders; "terminal": it does',
        default="auto", sample='bidi = "auto"', aliases=("bidi_mode",),
    ),
    _flag("harakat", False, "show Arabic vowel marks"),
    _flag("shaping", True, "join Arabic letters in their contextual forms"),
    _flag("mouse", True, "take mouse input (false: fewer round trips over slow links)"),
    Setting(
        "poll_interval", "poll_interval", _seconds,
        "expected a positive number of seconds, got {got}; ignored",
        "seconds between looks for new, changed and deleted files",
        default=2.0, sample="poll_interval = 2.0",
    ),
    Setting(
        "keys", "keymap", _table, "expected a table: [keys]; ignored",
        'action id = "key" or "key1,key2" (Textual key names)',
        default={},
    ),
    Setting(
        "feeds", None, _owned_elsewhere, "",
        "feed subscriptions (see Feeds); read by the feeds, not here",
    ),
    Setting(
        "fetch", None, _owned_elsewhere, "",
        "feed fetching options (see Feeds); read by the feeds, not here",
    ),
)

#: every key the file may hold, aliases included
BY_KEY: dict[str, Setting] = {
    name: setting for setting in SETTINGS for name in (setting.key, *setting.aliases)
}


def sample_lines() -> list[str]:
    """The sample config's lines for the top-level settings, with their help."""
    out = []
    for setting in SETTINGS:
        if setting.sample:
            out.append(f"{setting.sample:<20}  # {setting.help}")
    return out
