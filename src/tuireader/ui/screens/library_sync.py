"""The library's rows arriving on the main screen (from ``library_watcher``):
onto the list, the filter run again over them, the changes announced, and the
marks of a moved library found again."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tuireader.ui.frame_labels import set_title
from tuireader.ui.screens.library_watcher import LibraryWatcher, announcement
from tuireader.ui.visual import message_line
from tuireader.ui.widgets.article_list import Row

if TYPE_CHECKING:  # (the screen imports this module)
    from tuireader.ui.screens.main import MainScreen

LIST_LABEL_CELLS = 20  # the library's label before the list has a width


class LibrarySync:
    """Puts the rows ``screen.library`` posts on ``screen``'s list."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.loaded_once = False  # the list has had rows once
        self._moved_checked = False  # looked for the marks of a moved library

    def start(self) -> None:
        """The article left open last (or the one named on the command line)
        is asked for first; the index fills the list before the first paint (a
        long list: its first rows, the rest right after); then the disk is
        checked behind it."""
        from tuireader.settings.paths import article_id

        screen, store = self.screen, self.screen.store
        pipeline = screen.reader.pipeline
        if store.last_article:
            pipeline.restore(store.last_article, store.last_scroll)
        if screen.settings.open_file is not None:  # `tuireader FILE`: that one first
            pipeline.restore(article_id(screen.settings.open_file.name), 0)
        entries = screen.library.first_entries(pipeline.restoring)
        screen.content.complete = screen.library.complete
        if entries:
            self.set_entries(entries)
        else:
            screen.reader.show_message("Loading articles…")
        screen.library.start(listed=bool(entries))

    def label_library(self) -> None:
        """The list's frame names the library (which directory is open)."""
        from tuireader.layout.library_label import library_label

        lst = self.screen.article_list
        room = max(8, lst.size.width - 6 or LIST_LABEL_CELLS)
        label = library_label(Path(self.screen.source.root), room)
        # (a folder name may be Arabic: shaped and in visual order like the rest)
        set_title(lst, message_line(label, room, self.screen.options))

    def entries_changed(self, event: LibraryWatcher.EntriesChanged) -> None:
        screen = self.screen
        screen.content.complete = True  # (each is the whole index)
        if event.entries is None:  # (the list stays as it is)
            screen.content.update_counts()
            event.listed.set()
            return
        shown = screen.article
        opened = (shown.id, shown.title) if shown is not None else None
        self.set_entries(event.entries, event.changes, event.ids)
        if event.filter_again and screen.filter_query:  # (it ran over the first rows only)
            screen.filter_bar.search(screen.filter_query)
        said = announcement(event.changes, opened) if event.announce else None
        if said:
            screen.notices.say(said, timeout=6)
        event.listed.set()

    def set_entries(
        self, entries: list[Row], changes: Any = None, ids: list[str] | None = None
    ) -> None:
        pipeline = self.screen.reader.pipeline
        changed = set(getattr(changes, "changed", ()) or ())
        pipeline.forget(changed)  # (the open one reloads, keeping its place)
        if not self._moved_checked and self.screen.content.complete:
            self._moved_checked = True
            self._carry_over_marks({row.id for row in entries})
        keep = pipeline.restoring if not self.loaded_once else None
        self.screen.content.set_entries(entries, ids, keep)
        self.loaded_once = True

    def _carry_over_marks(self, ids: set[str]) -> None:
        """A library moved or renamed since the last run finds its marks
        again (see ``StateStore.adopt_moved_library``)."""
        screen, store = self.screen, self.screen.store
        try:
            message = store.adopt_moved_library(ids)
        except OSError as exc:
            screen.notices.report(f"Could not look for the marks of a moved library: {exc}")
            return
        if message:
            if store.last_article and not self.loaded_once:
                screen.reader.pipeline.restore(store.last_article, store.last_scroll)
            screen.saver.schedule()
            screen.notices.say(message, timeout=6)

    def feeds_done(self) -> None:
        self.screen.content.update_counts()
        library = self.screen.library
        if not library.refreshing:  # the new files reach the list through a rescan
            library.refresh_library()

    def marks_reloaded(self) -> None:
        self.screen.article_list.refresh_row()
        self.screen.content.update_counts()
