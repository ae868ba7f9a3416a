"""Fetching feeds from the app (a part of MainScreen): ``R``, the palette, a timer.

The fetch runs in a worker thread; its progress (feeds done / total, new
items) is shown in the list's frame, each feed that failed gets a notice with
its line, and the new files reach the list the usual way: the library is
re-scanned once the fetch is over.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.screen import Screen

from tuireader.feeds.subscriptions import FeedsConfig, SubscriptionError, load_feeds
from tuireader.settings.config import default_config_path, default_state_dir
from tuireader.settings.paths import bundled_samples

ERROR_TIMEOUT = 30  # seconds a failed feed's notice stays


class FeedFetching(Screen[None]):
    """MainScreen supplies ``settings``, ``article_list``, ``_say`` and the refresh."""

    _feeds_stop: threading.Event | None = None

    def on_mount(self) -> None:
        # (Textual calls each class's on_mount: this one only starts the timer)
        loaded = self._feeds_config(quiet=True)
        if loaded is not None and loaded.feeds and loaded.options.interval > 0:
            self.set_interval(loaded.options.interval, self._timed_fetch)

    def on_unmount(self) -> None:
        if self._feeds_stop is not None:
            self._feeds_stop.set()

    @property
    def fetching_feeds(self) -> bool:
        return self._feeds_stop is not None

    def _config_path(self) -> Path:
        return self.settings.config_path or default_config_path()

    def _feeds_config(self, quiet: bool = False) -> FeedsConfig | None:
        try:
            return load_feeds(self._config_path())
        except SubscriptionError as exc:
            if not quiet:
                self._say(str(exc), severity="error", timeout=ERROR_TIMEOUT)
            return None

    def _timed_fetch(self) -> None:
        if not self.fetching_feeds:
            self.action_fetch_feeds(quiet=True)

    def action_fetch_feeds(self, quiet: bool = False) -> None:
        if self.fetching_feeds:
            self._say("Already fetching feeds…", timeout=2)
            return
        loaded = self._feeds_config(quiet)
        if loaded is None:
            return
        for problem in loaded.problems:
            self._say(problem, severity="warning", timeout=ERROR_TIMEOUT)
        if not loaded.feeds:
            self._say("No feeds yet: Ctrl+P → Add feed…, or tuireader feeds add URL", timeout=8)
            return
        library = Path(self.settings.directory or ".").expanduser()
        samples = bundled_samples()
        if samples is not None and library.resolve() == samples.resolve():
            self._say(
                "Feeds need a library of your own: set directory = \"~/news\" in "
                f"{self._config_path()} (the bundled samples are read-only)",
                severity="warning", timeout=ERROR_TIMEOUT,
            )
            return
        self._feeds_stop = threading.Event()
        self._show_feed_progress(0, len(loaded.feeds), 0)
        self._fetch_worker(loaded, library, self._feeds_stop, not quiet)

    @work(thread=True, group="feeds", exit_on_error=False)
    def _fetch_worker(self, loaded: FeedsConfig, library: Path, stop: threading.Event,
                      force: bool) -> None:
        from tuireader.feeds.fetch import fetch_feeds

        new = [0]

        def progress(result: Any, done: int, total: int) -> None:
            new[0] += result.new
            self.app.call_from_thread(self._show_feed_progress, done, total, new[0])

        try:
            results = fetch_feeds(
                loaded.feeds, library, self.settings.state_dir or default_state_dir(),
                loaded.options, config_path=self._config_path(), progress=progress,
                stop=stop, force=force,
            )
        except Exception as exc:  # noqa: BLE001 - report, keep the app alive
            self.app.call_from_thread(self._feeds_done, [], f"Could not fetch feeds: {exc}")
            return
        self.app.call_from_thread(self._feeds_done, results, None)

    def _show_feed_progress(self, done: int, total: int, new: int) -> None:
        self.article_list.border_subtitle = Text(f"feeds {done}/{total} · {new} new")

    def _feeds_done(self, results: list[Any], failure: str | None) -> None:
        self._feeds_stop = None
        if failure:
            self._say(failure, severity="error", timeout=ERROR_TIMEOUT)
        failed = [r for r in results if not r.ok]
        for result in failed:
            self._say(result.line, severity="error", timeout=ERROR_TIMEOUT)
        if results:
            new = sum(r.new for r in results)
            summary = f"Feeds: {new} new from {len(results) - len(failed)} of {len(results)}"
            self._say(summary + (f"; {len(failed)} failed" if failed else ""), timeout=5)
        self._update_counts()
        if not self._refreshing:  # the new files reach the list through a rescan
            self._refresh_worker(initial=False)
