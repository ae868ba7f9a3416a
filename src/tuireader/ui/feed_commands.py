"""Command palette entries for feeds: "Add feed…" (a small dialog).

"Fetch feeds now" is an ordinary action (``R``) and is listed with the others.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tuireader.feeds.subscriptions import Feed, SubscriptionError, add_feeds, check_url
from tuireader.settings.config import default_config_path

ADD_FEED = "Add feed…"
ADD_HELP = "subscribe to a feed by its address (RSS, Atom, JSON Feed)"


class AddFeedScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    AddFeedScreen { align: center middle; }
    AddFeedScreen > Vertical {
        width: 80%; max-width: 90; height: auto;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = ADD_FEED
            box.border_subtitle = "Enter to add · Esc to cancel"
            yield Static("Feed address (https://…):", markup=False)
            yield Input(placeholder="https://example.org/feed.xml", id="feed-url")
            yield Static("", id="feed-problem", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        settings = getattr(self.app, "settings", None)
        config = getattr(settings, "config_path", None) or default_config_path()
        try:
            feed = Feed(url=check_url(event.value))
            added = add_feeds(config, [feed])
        except SubscriptionError as exc:
            self.query_one("#feed-problem", Static).update(str(exc))
            return
        except OSError as exc:
            self.query_one("#feed-problem", Static).update(f"{config}: {exc.strerror or exc}")
            return
        message = f"Subscribed to {feed.url}; R fetches it" if added else (
            f"Already subscribed to {feed.url}")
        self.app.notify(message, markup=False, timeout=6)
        self.dismiss()


class FeedsProvider(Provider):
    def _open(self) -> None:
        self.app.push_screen(AddFeedScreen())

    async def discover(self) -> Hits:
        yield DiscoveryHit(ADD_FEED, self._open, help=ADD_HELP)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        score = matcher.match(ADD_FEED)  # (not the help: "star" would find "subScribe To A…R")
        if score > 0:
            yield Hit(score, matcher.highlight(ADD_FEED), self._open, help=ADD_HELP)
