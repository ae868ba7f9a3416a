"""User settings: a TOML file in the user config directory, plus the key table.

Pure (no Textual): the CLI builds ``Settings`` from this module and hands them
to the UI. A bad config never stops the app: every problem becomes a message
naming the file, the line and the key, and the setting falls back to its
default.

Example ``config.toml``::

    directory = "~/news"
    theme = "textual-dark"
    bidi = "auto"         # "auto": ask the terminal; "app": tuireader reorders; "terminal": it does
    harakat = false       # show Arabic vowel marks
    shaping = true
    mouse = true

    [keys]                # action id = "key" or "key1,key2" (Textual key names)
    star = "f"
    toggle_read = "m,x"
"""

from __future__ import annotations

import re
import stat
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tuireader.files.aside import move_aside
from tuireader.settings.keynames import is_key_name, resolve_conflicts, split_keys
from tuireader.settings.paths import APP_NAME
from tuireader.settings.paths import default_cache_dir as default_cache_dir  # the app asks config
from tuireader.settings.schema import BY_KEY, INVALID, sample_lines
from tuireader.settings.schema import DEFAULT_THEME as DEFAULT_THEME  # cli.py asks config


@dataclass(frozen=True)
class KeyAction:
    """One rebindable action: its id (used in the config's [keys] table)."""

    id: str
    keys: str
    description: str
    show: bool = False  # shown in the footer (all are shown on the help screen)


# The single source of truth for the key map; the UI builds its bindings from it.
KEY_ACTIONS: tuple[KeyAction, ...] = (
    KeyAction("down", "j,down", "Move down"),
    KeyAction("up", "k,up", "Move up"),
    KeyAction("top", "g,home", "Go to top"),
    KeyAction("bottom", "G,end", "Go to bottom"),
    KeyAction("open", "enter", "Open article", show=True),
    KeyAction("next_pane", "tab", "Next pane"),
    KeyAction("previous_pane", "shift+tab", "Previous pane"),
    KeyAction("page_down", "space,pagedown", "Page down"),
    KeyAction("page_up", "b,pageup", "Page up"),
    KeyAction("half_down", "d", "Half page down"),
    KeyAction("half_up", "u", "Half page up"),
    KeyAction("next_unread", "n", "Next unread", show=True),
    KeyAction("previous_unread", "p", "Previous unread"),
    KeyAction("filter", "slash", "Filter", show=True),
    KeyAction("clear", "escape", "Clear filter / back"),
    KeyAction("toggle_read", "m", "Toggle read", show=True),
    KeyAction("star", "s", "Star", show=True),
    KeyAction("sort", "o", "Sort the list"),  # file name, date, title, comments
    KeyAction("view_unread", "U", "Unread view on/off"),
    KeyAction("view_starred", "asterisk", "Starred view on/off"),
    KeyAction("refresh", "r", "Refresh now"),
    KeyAction("info", "i", "Show/hide metadata"),
    KeyAction("zoom", "z", "Hide/show list"),
    KeyAction("bidi_mode", "B", "Bidi: app/terminal", show=True),
    KeyAction("harakat", "H", "Harakat on/off"),
    KeyAction("shaping", "S", "Shaping on/off"),
    KeyAction("fetch_feeds", "R", "Fetch feeds now"),
    KeyAction("help", "question_mark", "Help", show=True),
    KeyAction("command_palette", "ctrl+p", "Commands"),
    KeyAction("quit", "q", "Quit", show=True),
)
KEY_IDS = frozenset(a.id for a in KEY_ACTIONS)


@dataclass(frozen=True)
class Settings:
    """Everything the UI needs to start. ``problems`` are shown as notifications."""

    directory: Path | None = None
    bidi_mode: str = "auto"
    harakat: bool = False
    shaping: bool = True
    mouse: bool = True
    theme: str = DEFAULT_THEME
    keymap: dict[str, str] = field(default_factory=dict)
    config_path: Path | None = None
    state_dir: Path | None = None
    cache_dir: Path | None = None
    poll_interval: float = 2.0
    problems: tuple[str, ...] = ()
    # an article to open first (``tuireader FILE``: its folder is the library)
    open_file: Path | None = None
    # line number of each key in the config file ("theme", "keys.star"), so a
    # problem the UI finds later (an unknown theme) can name its line too
    lines: dict[str, int] = field(default_factory=dict)

    def with_problem(self, message: str) -> Settings:
        return replace(self, problems=(*self.problems, message))


def default_config_path() -> Path:
    import platformdirs

    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def default_state_dir() -> Path:
    import platformdirs

    return platformdirs.user_state_path(APP_NAME)


_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def load_config(path: Path | None = None, *, explicit: bool | None = None) -> Settings:
    """Read settings from ``path`` (default: the user config file).

    Never raises. A missing default file is normal; a missing file the user
    named (``--config FILE``, ``explicit``) is a problem. ``explicit`` defaults
    to "a path was given".
    """
    if explicit is None:
        explicit = path is not None
    if path is None:
        path = default_config_path()
    path = Path(path).expanduser()
    settings = Settings(config_path=path)
    raw = _read_file(settings, path, explicit)
    if isinstance(raw, Settings):
        return raw
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return _unreadable(settings, path, f"{path}, line {line}: not UTF-8", explicit)
    data = _parse_toml(text)
    if isinstance(data, str):
        return _unreadable(settings, path, f"{path}, {data}", explicit)
    return _apply(settings, data, text, path)


def _read_file(settings: Settings, path: Path, explicit: bool) -> bytes | Settings:
    """The bytes at ``path``, or ``settings`` with the reason it could not be read."""
    try:
        # (inside the try: a folder may be unreadable, or its name too long)
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block the read
            return settings.with_problem(f"{path}: not a regular file; using defaults")
        return path.read_bytes()
    except FileNotFoundError:
        if explicit:
            return settings.with_problem(f"{path}: config file not found; using defaults")
        return settings
    except OSError as exc:
        return settings.with_problem(f"{path}: cannot read config ({exc.strerror}); using defaults")


def _parse_toml(text: str) -> dict[str, Any] | str:
    """The TOML document, or where and what its syntax error is."""
    # (imported here: most starts have no config file to read)
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        data: dict[str, Any] = tomllib.loads(text)
        return data
    except (tomllib.TOMLDecodeError, RecursionError) as exc:  # RecursionError: deep nesting
        msg = str(exc)
    m = _TOML_POS.search(msg)
    if m:
        where = f"line {m.group(1)}, column {m.group(2)}"
        msg = msg[: m.start()].strip()
    else:
        where = f"line {max(1, text.count(chr(10)) + (0 if text.endswith(chr(10)) else 1))}"
        msg = re.sub(r"\s*\(at end of document\)", " at end of file", msg)
    key = _key_on_line(text, int(m.group(1)) if m else None)
    key_part = f", key '{key}'" if key else ""
    return f"{where}{key_part}: {msg}"


def _unreadable(settings: Settings, path: Path, problem: str, explicit: bool) -> Settings:
    """A config file that cannot be parsed at all: start with defaults.

    The default file is moved aside (kept, not lost) so the next start is clean
    and the user knows where their settings went; a file named with --config
    is the user's explicit choice and stays where it is.
    """
    if explicit:
        return settings.with_problem(f"{problem}; using defaults for the whole file")
    try:
        target = move_aside(path)
    except OSError:
        return settings.with_problem(f"{problem}; using defaults for the whole file")
    return settings.with_problem(
        f"{problem}; moved it to {target.name} and started with defaults"
    )


def _apply(settings: Settings, data: dict[str, Any], text: str, path: Path) -> Settings:
    """``settings`` with each key of ``data`` read through the schema table;
    a value the table refuses becomes a problem and leaves the default."""
    problems: list[str] = []
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key, value in data.items():
        line = _find_line(text, key)
        if line:
            lines[key] = line
        where = f", line {line}" if line else ""
        setting = BY_KEY.get(key)
        if setting is None:  # repr: a key may hold ESC
            problems.append(f"{path}{where}, key {key!r}: unknown setting; ignored")
            continue
        if setting.field is None:
            continue  # read and checked by its owner (the feeds)
        accepted = setting.read(value)
        if accepted is INVALID:
            problems.append(f"{path}{where}, key {key!r}: " + setting.bad.format(got=repr(value)))
            continue
        if setting.field == "keymap":  # a table of its own, checked key by key
            accepted = _keymap(accepted, text, path, problems, lines)
        values[setting.field] = accepted
    return replace(
        settings,
        **values,
        problems=(*settings.problems, *problems),
        lines=lines,
    )


def _keymap(
    table: dict[str, Any], text: str, path: Path, problems: list[str], lines: dict[str, int]
) -> dict[str, str]:
    keymap: dict[str, str] = {}
    for action, keys in table.items():
        line = _find_line(text, action, table="keys")
        if line:
            lines[f"keys.{action}"] = line
        where = f", line {line}" if line else ""
        if action not in KEY_IDS:
            problems.append(
                f"{path}{where}, key {'keys.' + action!r}: unknown action; known actions: "
                + ", ".join(sorted(KEY_IDS))
            )
            continue
        if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str) or not _valid_keys(keys):
            problems.append(
                f"{path}{where}, key 'keys.{action}': expected a key name such as "
                f'"j" or "ctrl+n" (several: "j,down"), got {keys!r}; using the default'
            )
            continue
        known = [k for k in split_keys(keys) if is_key_name(k)]
        unknown = [k for k in split_keys(keys) if not is_key_name(k)]
        if unknown:
            default = next(a.keys for a in KEY_ACTIONS if a.id == action)
            kept = f"keeping {','.join(known)!r}" if known else f"using the default {default!r}"
            problems.append(
                f"{path}{where}, key 'keys.{action}': unknown key name "
                + ", ".join(repr(k) for k in unknown)
                + f' (key names look like "j", "G", "ctrl+n", "pagedown", "question_mark");'
                f" {kept}"
            )
        if known:
            keymap[action] = ",".join(known)
    keymap, conflicts = resolve_conflicts(
        {a.id: a.keys for a in KEY_ACTIONS}, keymap, [a.id for a in KEY_ACTIONS]
    )
    problems += [f"{path}, [keys]: {conflict}" for conflict in conflicts]
    return keymap


def _valid_keys(keys: str) -> bool:
    parts = [k.strip() for k in keys.split(",")]
    # printable: a control character in a key name would reach the help screen raw
    return bool(parts) and all(p and p.isprintable() and " " not in p for p in parts)


def _header(line: str) -> str | None:
    m = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
    return m.group(1).strip().strip("\"'") if m else None


def _find_line(text: str, key: str, table: str | None = None) -> int | None:
    """Line number (1-based) where ``key`` is assigned in ``table`` (None = top level)."""
    current: str | None = None
    pat = re.compile(r"""\s*(["']?)""" + re.escape(key) + r"""\1\s*=""")
    for number, line in enumerate(text.splitlines(), 1):
        header = _header(line)
        if header is not None:
            current = header
            if table is None and header == key:
                return number
            continue
        if current == table and pat.match(line):
            return number
    return None


def _key_on_line(text: str, line: int | None) -> str | None:
    if not line:
        return None
    rows = text.splitlines()
    if not 1 <= line <= len(rows):
        return None
    m = re.match(r"""\s*["']?([A-Za-z0-9_.-]+)["']?\s*=""", rows[line - 1])
    if not m:
        return None
    table = None
    for row in rows[: line - 1]:
        header = _header(row)
        if header is not None:
            table = header
    return f"{table}.{m.group(1)}" if table else m.group(1)


def sample_config() -> str:
    """A commented config file listing every setting and every action id."""
    out = ["# tuireader configuration", *sample_lines(), "", "[keys]"]
    for action in KEY_ACTIONS:
        out.append(f'# {action.id} = "{action.keys}"   # {action.description}')
    return "\n".join(out) + "\n"
