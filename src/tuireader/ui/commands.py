"""The command palette (Ctrl+P): every action of the key table, by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tuireader.settings.config import KEY_ACTIONS
from tuireader.ui.keys import action_name, display_keys

MESSAGES = "Messages"


class ActionsProvider(Provider):
    """Lists each action with the keys bound to it."""

    def _commands(self):
        keymap = getattr(self.app, "keymap", {})
        for action in KEY_ACTIONS:
            if action.id == "command_palette":
                continue
            keys = display_keys(self.app.get_key_display, action, keymap)
            run = partial(self.screen.run_action, action_name(action))
            yield action.description, run, f"{action.id} · {keys}"
        count = len(getattr(self.app, "messages", ()))
        yield MESSAGES, partial(self.app.run_action, "messages"), (
            f"config and state problems found on opening ({count})"
            if count
            else "config and state problems found on opening (none)"
        )

    async def discover(self) -> Hits:
        for name, run, help_text in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._commands():
            # (the Messages entry by its name only: its help is prose that
            # every short query would match loosely)
            by_help = 0.0 if name == MESSAGES else matcher.match(help_text) * 0.8
            score = max(matcher.match(name), by_help)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
