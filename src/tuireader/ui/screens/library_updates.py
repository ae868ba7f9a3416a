"""Keeping the article list in step with the directory (a part of MainScreen).

A worker thread asks the catalog to re-scan (every couple of seconds, and at
once on ``r``); the rows it returns replace the list's, with the selection kept.
"""

from __future__ import annotations

import time
from typing import Any

from textual import work
from textual.screen import Screen
from textual.worker import get_current_worker

from tuireader.index.faults import IndexUnavailable
from tuireader.ui.frame_labels import set_subtitle
from tuireader.ui.visual import toast_width, visual_text
from tuireader.ui.widgets.article_list import Row

RETRY_FIRST, RETRY_MAX = 2.0, 60.0  # seconds before a failed refresh is tried again
PROGRESS_LIST_EVERY = 1.0  # seconds between list updates while a first index is built
# A list update runs in the indexing thread and holds up the index meanwhile
# (about 1 s for 100,000 rows): wait this many times as long as the last one took.
PROGRESS_LIST_COST = 5.0


class LibraryUpdates(Screen[None]):
    """Refreshing from the catalog. MainScreen supplies the panes and the state."""

    # A refresh that fails (full or read-only disk, a folder gone): said once,
    # then tried again less and less often, up to every RETRY_MAX seconds.
    _trouble: str | None = None
    _retry_at = 0.0
    _backoff = 0.0

    def _poll(self) -> None:
        if self.store.reload_if_changed():  # another instance saved marks
            self.article_list.refresh_row()
            self._update_counts()
        if not self._refreshing and time.monotonic() >= self._retry_at:
            self._refresh_worker(initial=False)

    @work(thread=True, group="refresh", exit_on_error=False)
    def _refresh_worker(self, initial: bool, manual: bool = False) -> None:
        self._refreshing = True
        worker = get_current_worker()
        try:
            shown_at = [time.monotonic()] if not initial else [0.0]
            every = [PROGRESS_LIST_EVERY]

            def progress(done: int, total: int) -> None:
                if not total or worker.is_cancelled:
                    return
                self.app.call_from_thread(self._progress, done, total)
                # a first index: list the files at once, then their titles as they come
                if initial and time.monotonic() - shown_at[0] > every[0]:
                    started = time.monotonic()
                    self.app.call_from_thread(self._set_entries, self.source.entries())
                    shown_at[0] = time.monotonic()
                    took = shown_at[0] - started
                    every[0] = max(PROGRESS_LIST_EVERY, PROGRESS_LIST_COST * took)

            changes = self.source.refresh(progress, lambda: worker.is_cancelled)
            if worker.is_cancelled:
                return
            if changes or initial:
                entries = self.source.entries()
                ids = self._search_ids(self.filter_query) if self.filter_query else None
                self.app.call_from_thread(self._set_entries, entries, changes, ids)
                if not initial:
                    self.app.call_from_thread(self._announce, changes)
            else:
                self.app.call_from_thread(self._progress, 0, 0)
                if manual:
                    self.app.call_from_thread(self._say, "No new, changed or deleted files.",
                                              timeout=3)
        except IndexUnavailable as exc:
            self.app.call_from_thread(self._refresh_failed, exc.message, exc.kind)
        except Exception as exc:  # noqa: BLE001 - report, keep the app alive
            self.app.call_from_thread(self._refresh_failed, f"Could not read the library: {exc}")
        else:
            if self._trouble is not None:
                self.app.call_from_thread(self._refresh_recovered)
        finally:
            self.source.close_thread()
            self._refreshing = False

    def _announce(self, changes: Any) -> None:
        """Say what a check found: files appear and vanish in the list, which
        is easy to miss; the open article going away even more so."""
        added = len(getattr(changes, "added", ()) or ())
        removed_ids = set(getattr(changes, "removed", ()) or ())
        parts = []
        if added:
            parts.append(f"{added} new article{'s' if added != 1 else ''}")
        if removed_ids:
            n = len(removed_ids)
            parts.append(f"{n} article{'s' if n != 1 else ''} deleted")
        if not parts:
            return
        message = "Library: " + "; ".join(parts) + "."
        opened = self._opened_before_refresh
        if opened is not None and opened[0] in removed_ids:
            # (the title on a line of its own: an Arabic one is laid out whole)
            message += "\nThe open article was deleted:\n" + " ".join(opened[1].split())
        self._say(message, timeout=6)

    def _carry_over_marks(self) -> None:
        """Once, with the whole list: a library moved or renamed since the last
        run finds its marks again (see ``StateStore.adopt_moved_library``)."""
        self._moved_checked = True
        try:
            message = self.store.adopt_moved_library({row.id for row in self.entries})
        except OSError:
            return
        if message:
            if self.store.last_article and not self._loaded_once:
                self.reader.pipeline.restore(self.store.last_article, self.store.last_scroll)
            self._schedule_save()
            self._say(message, timeout=6)
    def _refresh_failed(self, message: str, kind: str = "") -> None:
        if message != self._trouble:
            self._report(message, severity="warning" if kind == "missing" else "error")
        self._trouble = message
        # (a folder gone is looked for at a steady pace: it is often back soon)
        grown = RETRY_FIRST if kind == "missing" else self._backoff * 2
        self._backoff = min(RETRY_MAX, max(RETRY_FIRST, grown))
        self._retry_at = time.monotonic() + self._backoff
        if kind == "missing":
            set_subtitle(self.article_list, "folder missing")
        elif not self._list_partial:
            self._update_counts()

    def _refresh_recovered(self) -> None:
        self._trouble = None
        self._backoff = self._retry_at = 0.0
        self._say("The library and its index are in order again.", timeout=4)

    def _report(self, message: str, severity: str = "error") -> None:
        self._say(message, severity=severity)

    def _say(self, message: str, **kwargs: Any) -> None:
        """Notify without markup: messages may quote file names and article text
        (shaped and in visual order in app mode). A message still on screen is
        not shown again (a held key repeats it)."""
        message = visual_text(message, self.options, toast_width(self.app.size.width))
        if any(n.message == message for n in self.app._notifications):
            return
        self.app.notify(message, markup=False, **kwargs)

    def _progress(self, done: int, total: int) -> None:
        if total and done < total:
            set_subtitle(self.article_list, f"indexing {done}/{total}")
        else:
            self._update_counts()

    def _set_entries(
        self, entries: list[Row], changes: Any = None, ids: list[str] | None = None
    ) -> None:
        shown = getattr(self, "article", None)
        self._opened_before_refresh = (shown.id, shown.title) if shown is not None else None
        self.entries = entries
        if ids is not None and self.filter_query:
            self.filter_ids = set(ids)
        changed = set(getattr(changes, "changed", ()) or ())
        self.reader.pipeline.forget(changed)  # (the open one reloads, keeping its place)
        if not self._moved_checked and not self._list_partial:
            self._carry_over_marks()
        keep = None
        if not self._loaded_once and self.reader.pipeline.restoring:
            keep = self.reader.pipeline.restoring
        self._rebuild_rows(keep)
        self._loaded_once = True
        self._update_counts()
