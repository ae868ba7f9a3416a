"""Textual bindings built from the key table in ``tuireader.settings.config``.

Each action is bound once, on the main screen, with an ``id`` so that the
config file's ``[keys]`` table (applied as the App's keymap) can rebind it.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding

from tuireader.settings.config import KEY_ACTIONS, KeyAction

# Short labels for the footer, where space is tight.
FOOTER_LABELS = {
    "open": "Open",
    "next_unread": "Unread",
    "filter": "Filter",
    "toggle_read": "Read",
    "star": "Star",
    "bidi_mode": "Bidi",
    "help": "Help",
    "quit": "Quit",
}


def action_name(action: KeyAction) -> str:
    if action.id == "command_palette":
        return "app.command_palette"
    return action.id


def main_bindings() -> list[Binding]:
    return [
        Binding(
            a.keys,
            action_name(a),
            FOOTER_LABELS.get(a.id, a.description),
            show=a.show,
            id=a.id,
            tooltip=a.description,
        )
        for a in KEY_ACTIONS
    ]


def display_keys(app_key_display, action: KeyAction, keymap: Mapping[str, str]) -> str:
    """The keys currently bound to ``action``, as the footer would write them."""
    keys = keymap.get(action.id, action.keys)
    shown = []
    for key in keys.split(","):
        key = key.strip()
        if key:
            shown.append(app_key_display(Binding(key, action.id)))
    return ", ".join(shown)
