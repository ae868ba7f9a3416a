"""The command palette, where Enter on an empty prompt runs nothing.

Textual's palette highlights the first command as soon as it lists them, so
Ctrl+P then Enter ran *Move down*. Here Enter runs a command only once the user
has typed something or moved through the list."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.command import CommandPalette
from textual.widgets import Button, Input


class Palette(CommandPalette):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._chosen = False  # the user moved through the list

    def _action_cursor_down(self) -> None:
        self._chosen = True
        super()._action_cursor_down()

    def _action_cursor_up(self) -> None:
        self._chosen = True
        super()._action_cursor_up()

    def _action_command_list(self, action: str) -> None:
        if action != "select":
            self._chosen = True
        super()._action_command_list(action)

    @on(Input.Submitted)
    @on(Button.Pressed)
    def _select_or_command(self, event: Any = None) -> None:
        if event is not None:
            event.prevent_default()  # (the base class's handler is this one's)
        if not self._chosen and not self.query_one(Input).value.strip():
            if event is not None:
                event.stop()
            return
        super()._select_or_command(event)
