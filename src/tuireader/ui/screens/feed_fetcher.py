"""Fetching feeds from the app: ``R``, the palette, a timer. A part of the
main screen that draws nothing.

The fetch runs in a worker thread; its progress (feeds done / total, new
items) is posted for the list's frame, each feed that failed gets a notice
with its line, and the new files reach the list the usual way: ``Done`` tells
the screen to re-scan the library.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import work
from textual.message import Message
from textual.widget import Widget

from tuireader.feeds.subscriptions import FeedsConfig, SubscriptionError, load_feeds
from tuireader.settings.config import Settings, default_config_path, default_state_dir
from tuireader.settings.paths import bundled_samples
from tuireader.ui.screens.notices import Notices

ERROR_TIMEOUT = 30  # seconds a failed feed's notice stays


class FeedFetcher(Widget):
    """Fetches the subscribed feeds into the library, one fetch at a time."""

    DEFAULT_CSS = "FeedFetcher { display: none; }"

    @dataclass
    class Progress(Message):
        done: int  # feeds fetched so far
        total: int
        new: int  # new articles so far

    class Done(Message):
        """The fetch is over (its results have been said)."""

    def __init__(self, settings: Settings, notices: Notices) -> None:
        super().__init__()
        self.settings = settings
        self.notices = notices
        self._stop: threading.Event | None = None

    def on_mount(self) -> None:
        loaded = self._feeds_config(quiet=True)
        if loaded is not None and loaded.feeds and loaded.options.interval > 0:
            self.set_interval(loaded.options.interval, self._timed_fetch)

    def on_unmount(self) -> None:
        if self._stop is not None:
            self._stop.set()

    @property
    def fetching(self) -> bool:
        return self._stop is not None

    def _config_path(self) -> Path:
        return self.settings.config_path or default_config_path()

    def _feeds_config(self, quiet: bool = False) -> FeedsConfig | None:
        try:
            return load_feeds(self._config_path())
        except SubscriptionError as exc:
            if not quiet:
                self.notices.say(str(exc), severity="error", timeout=ERROR_TIMEOUT)
            return None

    def _timed_fetch(self) -> None:
        if not self.fetching:
            self.fetch(quiet=True)

    def fetch(self, quiet: bool = False) -> None:
        """Fetch every feed (``quiet``: timed, so only failures are said)."""
        say = self.notices.say
        if self.fetching:
            say("Already fetching feeds…", timeout=2)
            return
        loaded = self._feeds_config(quiet)
        if loaded is None:
            return
        for problem in loaded.problems:
            say(problem, severity="warning", timeout=ERROR_TIMEOUT)
        if not loaded.feeds:
            say("No feeds yet: Ctrl+P → Add feed…, or tuireader feeds add URL", timeout=8)
            return
        library = Path(self.settings.directory or ".").expanduser()
        samples = bundled_samples()
        if samples is not None and library.resolve() == samples.resolve():
            say(
                "Feeds need a library of your own: set directory = \"~/news\" in "
                f"{self._config_path()} (the bundled samples are read-only)",
                severity="warning", timeout=ERROR_TIMEOUT,
            )
            return
        self._stop = threading.Event()
        self.post_message(self.Progress(0, len(loaded.feeds), 0))
        self._fetch_worker(loaded, library, self._stop, not quiet)

    @work(thread=True, group="feeds", exit_on_error=False)
    def _fetch_worker(self, loaded: FeedsConfig, library: Path, stop: threading.Event,
                      force: bool) -> None:
        from tuireader.feeds.fetch import fetch_feeds

        new = 0

        def progress(result: Any, done: int, total: int) -> None:
            nonlocal new
            new += result.new
            self.post_message(self.Progress(done, total, new))

        try:
            results = fetch_feeds(
                loaded.feeds, library, self.settings.state_dir or default_state_dir(),
                loaded.options, config_path=self._config_path(), progress=progress,
                stop=stop, force=force,
            )
        except Exception as exc:  # noqa: BLE001 - a worker: said, the app goes on
            self.app.call_from_thread(self._done, [], f"Could not fetch feeds: {exc}")
            return
        self.app.call_from_thread(self._done, results, None)

    def _done(self, results: list[Any], failure: str | None) -> None:
        self._stop = None
        say = self.notices.say
        if failure:
            say(failure, severity="error", timeout=ERROR_TIMEOUT)
        failed = [r for r in results if not r.ok]
        for result in failed:
            say(result.line, severity="error", timeout=ERROR_TIMEOUT)
        if results:
            new = sum(r.new for r in results)
            summary = f"Feeds: {new} new from {len(results) - len(failed)} of {len(results)}"
            say(summary + (f"; {len(failed)} failed" if failed else ""), timeout=5)
        self.post_message(self.Done())
