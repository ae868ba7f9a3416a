"""Command palette entries for bidi auto: keep the mode in force for the
terminal the reader detected, or forget a kept one."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tuireader.terminal import bidi_memory


class BidiMemoryProvider(Provider):
    def _commands(self):
        screen = self.screen
        name = getattr(screen, "bidi_terminal", None)
        if not name:
            return
        mode = screen.options.mode
        yield (
            f"Keep bidi {mode} for {name}",
            screen.keep_bidi_for_terminal,
            "used at every start in this terminal",
        )
        if name in bidi_memory.load(screen.store.state_dir):
            yield (
                f"Forget the bidi mode kept for {name}",
                screen.forget_bidi_for_terminal,
                "bidi auto decides again",
            )

    async def discover(self) -> Hits:
        for text, run, help_text in self._commands():
            yield DiscoveryHit(text, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, run, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), run, help=help_text)
