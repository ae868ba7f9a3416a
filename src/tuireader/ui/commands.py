"""The command palette (Ctrl+P): every action of the key table, by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tuireader.config import KEY_ACTIONS
from tuireader.ui.keys import action_name, display_keys


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
        yield "Messages", partial(self.app.run_action, "messages"), (
            f"start-up problems ({count})" if count else "start-up problems (none)"
        )

    async def discover(self) -> Hits:
        for name, run, help_text in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._commands():
            score = max(matcher.match(name), matcher.match(help_text) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
