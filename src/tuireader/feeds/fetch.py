"""Fetching the subscribed feeds into the library: a few at a time, each on its own.

Every feed ends in a ``FeedResult`` with one line for the user: how many
items are new, or what went wrong and where (``Al Jazeera: 404 Not Found at
https://…``). One feed failing, whatever it sends, affects no other feed and
writes nothing outside its own folder.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tuireader.articles.sanitize import clean_line
from tuireader.feeds import fulltext
from tuireader.feeds.convert import text_to_markdown
from tuireader.feeds.http import FetchError, HttpClient
from tuireader.feeds.parse import NotAFeed, ParsedFeed, parse_feed
from tuireader.feeds.store import FeedWriter, Memory, UnsafePath, render_item
from tuireader.feeds.subscriptions import Feed, FetchOptions, folder_names, replace_url

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass
class FeedResult:
    feed: Feed
    ok: bool
    message: str  # without the feed's name
    new: int = 0
    updated: int = 0
    not_modified: bool = False
    skipped: bool = False
    moved_to: str | None = None

    @property
    def line(self) -> str:
        """The line shown to the user (already safe for a terminal)."""
        return clean_line(f"{self.feed.label}: {self.message}")


Progress = Callable[[FeedResult, int, int], None]


def fetch_feeds(
    feeds: Sequence[Feed],
    library: Path,
    state_dir: Path,
    options: FetchOptions,
    *,
    config_path: Path | None = None,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
    force: bool = False,
    restore_deleted: bool = False,
    transport=None,
) -> list[FeedResult]:
    """Fetch ``feeds`` into ``library``; results in the order of ``feeds``.

    ``force``: fetch even feeds whose ``every`` has not passed yet.
    ``config_path``: where a permanent redirect updates the subscription.
    """
    memory = Memory(state_dir, library)
    folders = folder_names(list(feeds))
    stop = stop or threading.Event()
    results: dict[int, FeedResult] = {}
    done = 0
    with HttpClient(options, stop=stop, transport=transport) as http:
        job = _Job(http, memory, library, options, config_path, force, restore_deleted)
        with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
            futures = {
                pool.submit(job.run, feed, folders[feed.url]): i for i, feed in enumerate(feeds)
            }
            for future in as_completed(futures):
                i = futures[future]
                try:
                    result = future.result()
                except Exception as exc:  # noqa: BLE001 - one feed never stops the others
                    result = FeedResult(feeds[i], False, f"failed: {clean_line(str(exc))}")
                results[i] = result
                done += 1
                if result.new or result.updated:  # (files written: remember them now)
                    _save(memory, result)
                if progress is not None:
                    progress(result, done, len(feeds))
    if results:
        _save(memory, results[max(results)])
    return [results[i] for i in range(len(feeds))]


def _save(memory: Memory, result: FeedResult) -> None:
    try:
        memory.save()
    except OSError as exc:
        result.message += f" (could not save {memory.path}: {exc.strerror})"


class _Job:
    def __init__(self, http: HttpClient, memory: Memory, library: Path, options: FetchOptions,
                 config_path: Path | None, force: bool, restore_deleted: bool) -> None:
        self.http = http
        self.memory = memory
        self.library = library
        self.options = options
        self.config_path = config_path
        self.force = force
        self.restore_deleted = restore_deleted

    def run(self, feed: Feed, folder: Path) -> FeedResult:
        record = self.memory.feed(feed.url)
        wait = self._not_due(feed, record)
        if wait is not None:
            return wait
        try:
            response = self.http.get(
                feed.url, etag=record.get("etag"), last_modified=record.get("last_modified")
            )
        except FetchError as exc:
            return FeedResult(feed, False, str(exc))
        moved = self._moved(feed, response.moved_to)
        with self.memory.lock:  # (the memory may be being saved by another thread)
            record["fetched"] = time.time()
        if response.not_modified:
            return FeedResult(feed, True, "no change" + moved, not_modified=True,
                              moved_to=response.moved_to)
        try:
            parsed = parse_feed(response.body, response.content_type, response.url)
        except NotAFeed as exc:
            return FeedResult(feed, False, f"{exc} at {response.url}")
        try:
            writer = FeedWriter(self.library, folder, record, self.memory.lock,
                                self.restore_deleted)
        except UnsafePath as exc:
            return FeedResult(feed, False, f"refused to write: {exc}")
        notes = list(parsed.notes)
        try:
            notes += self._write_items(feed, parsed, writer)
        except (OSError, UnsafePath) as exc:
            return FeedResult(feed, False, f"cannot write into {writer.folder}: {exc}")
        # Remember the validators only once the items are safely written.
        with self.memory.lock:
            record["etag"] = response.etag
            record["last_modified"] = response.last_modified
        message = _summary(writer) + moved + "".join(f"; {n}" for n in notes)
        return FeedResult(feed, True, message, new=writer.new, updated=writer.updated,
                          moved_to=response.moved_to)

    def _not_due(self, feed: Feed, record: dict[str, Any]) -> FeedResult | None:
        """A skip when the feed's ``every`` has not passed since its last fetch."""
        last = record.get("fetched")
        if not self.force and feed.every and isinstance(last, (int, float)):
            due = last + feed.every - time.time()
            if due > 0:
                return FeedResult(feed, True, f"not due for {round(due / 60)} min", skipped=True)
        return None

    def _write_items(self, feed: Feed, parsed: ParsedFeed, writer: FeedWriter) -> list[str]:
        """Write each item (with its page's full text when asked for); notes to
        add to the result. Stops early when the fetch is stopped."""
        want_full = feed.fulltext and fulltext.available()
        for item in parsed.items:
            if self.http.stop.is_set():
                break
            body = self._full_text(item.link) if want_full and item.link else None
            writer.write(item, render_item(item, parsed, body))
        return [fulltext.MISSING] if feed.fulltext and not want_full else []

    def _moved(self, feed: Feed, target: str | None) -> str:
        if not target or target == feed.url:
            return ""
        self.memory.move(feed.url, target)
        if self.config_path is not None:
            try:
                if replace_url(self.config_path, feed.url, target):
                    return f" (moved permanently: subscription updated to {target})"
            except Exception as exc:  # noqa: BLE001 - the fetch itself went fine
                return f" (moved permanently to {target}; could not update the config: {exc})"
        return f" (moved permanently to {target}: update the subscription)"

    def _full_text(self, link: str) -> str | None:
        try:
            page = self.http.get(link, accept=PAGE_ACCEPT)
            text = fulltext.extract(page.body, page.url)
        except Exception:  # noqa: BLE001 - the summary is still there
            return None
        return text_to_markdown(text) if text else None


def _summary(writer: FeedWriter) -> str:
    """"3 new, 1 updated, 1 edited by you, kept": what the fetch wrote."""
    parts = [f"{writer.new} new"]
    if writer.updated:
        parts.append(f"{writer.updated} updated")
    if writer.kept:
        parts.append(f"{writer.kept} edited by you, kept")
    return ", ".join(parts)
