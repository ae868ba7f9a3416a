"""Keeping the article list in step with the directory: a part of the main
screen that draws nothing.

It reads the index for the first frame (a long list: its first rows, the rest
in a thread right after), then asks the catalog to re-scan: once after start,
every ``poll_interval`` seconds, and on ``r``. Each result is posted as
``EntriesChanged``; a refresh that fails is said once, then tried again less
and less often, and its recovery is said too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from textual import work
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget
from textual.worker import get_current_worker

from tuireader.index.faults import IndexUnavailable
from tuireader.index.list_rows import INDEX_ERRORS
from tuireader.settings.state import StateStore
from tuireader.ui.screens.notices import Notices
from tuireader.ui.widgets.article_list import Row
from tuireader.ui.widgets.filter_bar import Searcher, search_ids

HEAD_ROWS = 300  # a longer list is shown in two steps: these rows first
VERIFY_DELAY = 0.5  # seconds after start before the disk is checked against the index
RETRY_FIRST, RETRY_MAX = 2.0, 60.0  # seconds before a failed refresh is tried again
PROGRESS_LIST_EVERY = 1.0  # seconds between list updates while a first index is built
# A list update holds up the index meanwhile (about 1 s for 100,000 rows):
# wait this many times as long as the last one took before the next.
PROGRESS_LIST_COST = 5.0
LISTING_WAIT = 30.0  # seconds at most the index waits for a list update


class Library(Searcher, Protocol):
    """What the watcher asks of the catalog (``ui.source.Source`` fits)."""

    def first_entries(self, n: int) -> list[Any]: ...
    def entries(self) -> list[Any]: ...
    def refresh(self, progress: Any = None, cancel: Any = None) -> Any: ...


class LibraryWatcher(Widget):
    """Posts the library's rows as they are read and as the directory changes."""

    DEFAULT_CSS = "LibraryWatcher { display: none; }"

    #: the filter in force (bound from the screen): a refresh filters its rows
    #: in the same thread, so the list never shows them unfiltered
    filter_query: var[str] = var("")

    @dataclass
    class EntriesChanged(Message):
        """Every row of the library, new or read again."""

        entries: list[Row] | None  # None: none could be read (keep the list)
        changes: Any = None  # the catalog's changes (added, removed, changed ids)
        ids: list[str] | None = None  # the filter's matches among them (None: not run)
        announce: bool = False  # a check found them: say what came and went
        filter_again: bool = False  # the filter ran over fewer rows: run it again
        #: set by the handler once the rows are listed (the indexing thread
        #: waits for it: what listing costs paces the next listing)
        listed: threading.Event = field(default_factory=threading.Event)

    @dataclass
    class Progress(Message):
        """Indexing ``done`` of ``total`` files (0, 0: nothing to index)."""

        done: int
        total: int

    @dataclass
    class Failed(Message):
        """A refresh failed (the user has been told); ``kind`` as in index.faults."""

        kind: str

    class MarksReloaded(Message):
        """Another instance saved read marks or stars: they were read in."""

    def __init__(
        self, source: Library, store: StateStore, notices: Notices, poll_interval: float
    ) -> None:
        super().__init__()
        self.source = source
        self.store = store
        self.notices = notices
        self.poll_interval = poll_interval
        self.refreshing = False
        self.complete = True  # the list holds every row of the index
        # A refresh that fails (full or read-only disk, a folder gone): said
        # once, then tried again less and less often, up to every RETRY_MAX s.
        self.trouble: str | None = None
        self.retry_at = 0.0
        self.backoff = 0.0

    # -- the first frame -------------------------------------------------

    def first_entries(self, restore: str | None) -> list[Row]:
        """The rows of the first frame. Reading 100,000 rows takes most of a
        second, so a long list shows its first rows (one indexed query) and
        reads the rest in a thread once they are on screen; unless the article
        to reopen (``restore``) lies further down, where it would be a jump
        the reader sees. Empty if the index cannot be read (said)."""
        try:
            head: list[Row] = self.source.first_entries(HEAD_ROWS)
            if len(head) < HEAD_ROWS:
                return head  # (that is the whole list)
            if restore is not None and all(row.id != restore for row in head):
                return self.source.entries()
        except INDEX_ERRORS as exc:
            self.call_after_refresh(self.notices.report, f"Could not read the index: {exc}")
            return []
        self.complete = False
        return head

    def start(self, listed: bool) -> None:
        """Once the first rows are listed (or none could be): complete the
        list, check the disk behind it, and keep checking."""
        if listed:
            self.refreshing = True  # (so the poll does not start another meanwhile)
            if not self.complete:
                # (after the first frame: reading the rest holds the interpreter)
                self.call_after_refresh(self._rest_worker)
            else:
                self._schedule_verify()
        else:
            self._refresh_worker(initial=True)
        if self.poll_interval > 0:
            self.set_interval(self.poll_interval, self.poll)

    @work(thread=True, group="list", exit_on_error=False)
    def _rest_worker(self) -> None:
        entries: list[Row] | None = None
        try:
            entries = self.source.entries()
        except Exception as exc:  # noqa: BLE001 - a worker: said, the first rows stay
            self.app.call_from_thread(self.notices.report, f"Could not read the index: {exc}")
        finally:
            self.source.close_thread()
        self.app.call_from_thread(self._whole_list, entries)

    def _whole_list(self, entries: list[Row] | None) -> None:
        self.complete = True
        self.post_message(self.EntriesChanged(entries or None, filter_again=True))
        self._schedule_verify()

    def _schedule_verify(self) -> None:
        # once the first screen is drawn: the scan competes with drawing
        self.set_timer(VERIFY_DELAY, self.refresh_library)

    # -- checking the disk -----------------------------------------------

    def poll(self) -> None:
        if self.store.reload_if_changed():  # another instance saved marks
            self.post_message(self.MarksReloaded())
        if not self.refreshing and time.monotonic() >= self.retry_at:
            self.refresh_library()

    def refresh_by_key(self) -> None:
        """``r``: re-scan now, unless a scan is under way (then say so)."""
        if self.refreshing:
            self.notices.say("Already refreshing…", timeout=2)
        else:
            self.refresh_library(manual=True)

    def refresh_library(self, manual: bool = False) -> None:
        """Re-scan the directory now (``manual``: say so if nothing changed)."""
        self._refresh_worker(initial=False, manual=manual)

    @work(thread=True, group="refresh", exit_on_error=False)
    def _refresh_worker(self, initial: bool, manual: bool = False) -> None:
        self.refreshing = True
        worker = get_current_worker()
        try:
            changes = self.source.refresh(
                self._progress_reporter(initial, lambda: worker.is_cancelled),
                lambda: worker.is_cancelled,
            )
            if worker.is_cancelled:
                return
            if changes or initial:
                entries = self.source.entries()
                query = self.filter_query
                ids = search_ids(self.source, query, entries)[0] if query else None
                self.post_message(
                    self.EntriesChanged(entries, changes, ids, announce=not initial)
                )
            else:
                self.post_message(self.Progress(0, 0))
                if manual:
                    self.app.call_from_thread(
                        self.notices.say, "No new, changed or deleted files.", timeout=3
                    )
        except IndexUnavailable as exc:
            self.app.call_from_thread(self._failed, exc.message, exc.kind)
        except Exception as exc:  # noqa: BLE001 - a worker: said, the list stays
            self.app.call_from_thread(self._failed, f"Could not read the library: {exc}")
        else:
            if self.trouble is not None:
                self.app.call_from_thread(self._recovered)
        finally:
            self.source.close_thread()
            self.refreshing = False

    def _progress_reporter(
        self, initial: bool, cancelled: Callable[[], bool]
    ) -> Callable[[int, int], None]:
        shown_at = 0.0 if initial else time.monotonic()
        every = PROGRESS_LIST_EVERY

        def progress(done: int, total: int) -> None:
            nonlocal shown_at, every
            if not total or cancelled():
                return
            self.post_message(self.Progress(done, total))
            # a first index: list the files at once, then their titles as they come
            if initial and time.monotonic() - shown_at > every:
                started = time.monotonic()
                message = self.EntriesChanged(self.source.entries())
                self.post_message(message)
                while not (message.listed.wait(0.1) or cancelled()):
                    if time.monotonic() - started > LISTING_WAIT:
                        break
                shown_at = time.monotonic()
                every = max(PROGRESS_LIST_EVERY, PROGRESS_LIST_COST * (shown_at - started))

        return progress

    def _failed(self, message: str, kind: str = "") -> None:
        if message != self.trouble:
            self.notices.report(message, severity="warning" if kind == "missing" else "error")
        self.trouble = message
        # (a folder gone is looked for at a steady pace: it is often back soon)
        grown = RETRY_FIRST if kind == "missing" else self.backoff * 2
        self.backoff = min(RETRY_MAX, max(RETRY_FIRST, grown))
        self.retry_at = time.monotonic() + self.backoff
        self.post_message(self.Failed(kind))

    def _recovered(self) -> None:
        self.trouble = None
        self.backoff = self.retry_at = 0.0
        self.notices.say("The library and its index are in order again.", timeout=4)


def announcement(changes: Any, opened: tuple[str, str] | None) -> str | None:
    """What a check found, in words: files appear and vanish in the list,
    which is easy to miss; the open article (``opened``: id, title) going
    away even more so."""
    added = len(getattr(changes, "added", ()) or ())
    removed_ids = set(getattr(changes, "removed", ()) or ())
    parts = []
    if added:
        parts.append(f"{added} new article{'s' if added != 1 else ''}")
    if removed_ids:
        n = len(removed_ids)
        parts.append(f"{n} article{'s' if n != 1 else ''} deleted")
    if not parts:
        return None
    message = "Library: " + "; ".join(parts) + "."
    if opened is not None and opened[0] in removed_ids:
        # (the title on a line of its own: an Arabic one is laid out whole)
        message += "\nThe open article was deleted:\n" + " ".join(opened[1].split())
    return message
