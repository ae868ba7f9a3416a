"""Key names the config's [keys] table may use, and the checks made on it.

Pure (no Textual). A key name Textual does not know is accepted by Textual
without a word and then never fires: ``quit = "ctrl+qq"`` left the reader with
no key to quit. So each name is checked here against the names Textual uses
(a character, a named key such as ``enter`` or ``pagedown``, a character's
Unicode name such as ``question_mark``, with ``ctrl+``/``shift+``/``alt+``
modifiers); unknown ones are reported and dropped. A key given to two actions
is reported too: the action the config file names keeps it (quit always keeps
its key), and the other action loses it, so help lists each key once.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
NAMED = frozenset(
    {
        "escape", "enter", "return", "tab", "space", "backspace", "delete", "insert",
        "home", "end", "pageup", "pagedown", "up", "down", "left", "right",
        *(f"f{n}" for n in range(1, 25)),
    }
)
# Textual's own names for a few characters (its KEY_NAME_REPLACEMENTS)
CHARACTER_NAMES = {
    "slash": "/", "backslash": "\\", "at": "@", "minus": "-", "plus": "+", "underscore": "_",
}
QUIT = "quit"


def is_key_name(key: str) -> bool:
    """``key`` is a key Textual can bind: ``j``, ``G``, ``ctrl+n``, ``question_mark``."""
    *mods, base = key.split("+") if key not in ("+",) else ["+"]
    if any(m not in MODIFIERS for m in mods) or len(set(mods)) != len(mods):
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace()
    if base in NAMED or base in CHARACTER_NAMES:
        return True
    try:
        return len(unicodedata.lookup(base.replace("_", " "))) == 1
    except KeyError:
        return False


def split_keys(keys: str) -> list[str]:
    return [k.strip() for k in keys.split(",") if k.strip()]


def resolve_conflicts(
    defaults: Mapping[str, str], configured: Mapping[str, str], order: Sequence[str]
) -> tuple[dict[str, str], list[str]]:
    """The keymap with each key given to one action, and a message per conflict.

    ``defaults`` are every action's default keys, ``configured`` the config's
    bindings (already checked), ``order`` the action ids in table order. A key
    the config gives to an action is taken from any other action (from quit
    only if quit keeps another key); the result holds every action whose keys
    changed.
    """
    keys = {a: split_keys(configured.get(a, defaults.get(a, ""))) for a in order}
    problems: list[str] = []
    for action in order:
        if action not in configured:
            continue
        for key in list(keys[action]):
            for other in order:
                if other == action or key not in keys[other]:
                    continue
                if other == QUIT and len(keys[QUIT]) == 1:
                    keys[action].remove(key)
                    problems.append(
                        f"'{key}' is the only key of quit: quit keeps it, {action} does not get it"
                    )
                    break
                keys[other].remove(key)
                left = ", ".join(keys[other]) or "no key (the command palette still runs it)"
                problems.append(f"'{key}' is bound to {action} and {other}: {action} keeps it; "
                                f"{other} now has {left}")
    if not keys.get(QUIT):  # (cannot happen from the rules above; kept as a promise)
        keys[QUIT] = split_keys(defaults.get(QUIT, "q"))
    changed = {
        a: ",".join(k) for a, k in keys.items() if split_keys(defaults.get(a, "")) != k
    }
    return changed, problems
