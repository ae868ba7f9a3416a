"""The main screen: article list | reader | side panes, and every key.

The screen holds the state the panes show (the text options, the filter
query, the open article) as reactives and hands it down; the panes and the
screen's parts post messages up. All keys are bound here, once, from the key
table, so the config's [keys] table rebinds them and the footer, the help
screen and the command palette list the same thing. The parts, each in its
own module: keeping the list in step with the directory (``library_watcher``),
what the list shows (``list_content``, ``list_rows``), the live filter
(``widgets.filter_bar``), fetching feeds (``feed_fetcher``), saving the state
(``state_saver``), the terminal's bidi verdict (``auto_bidi``), the notices
(``notices``), the size (``size_guard``) and the panes' focus (``pane_focus``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import Input, Static

from tuireader.articles.model import Article
from tuireader.index.list_order import SORT_NAMES, load_sort, next_sort, save_sort
from tuireader.index.list_rows import ListRows
from tuireader.index.source import Source
from tuireader.rtl import TextOptions
from tuireader.rtl.options import Mode
from tuireader.settings.config import Settings
from tuireader.settings.state import StateStore
from tuireader.terminal.detect import Verdict
from tuireader.ui.frame_labels import set_subtitle, set_title
from tuireader.ui.keys import main_bindings
from tuireader.ui.screens.auto_bidi import AutoBidi
from tuireader.ui.screens.feed_fetcher import FeedFetcher
from tuireader.ui.screens.library_watcher import LibraryWatcher, announcement
from tuireader.ui.screens.list_content import ListContent
from tuireader.ui.screens.notices import Notices
from tuireader.ui.screens.pane_focus import PaneFocus, next_unread
from tuireader.ui.screens.size_guard import SizeGuard, set_layout_class
from tuireader.ui.screens.state_saver import MARK_SAVE_DELAY, SAVE_DELAY, StateSaver
from tuireader.ui.visual import message_line
from tuireader.ui.widgets.article_list import ArticleList, Row
from tuireader.ui.widgets.bars import KeyBar, TitleBar
from tuireader.ui.widgets.details import MetadataPane
from tuireader.ui.widgets.filter_bar import FilterBar
from tuireader.ui.widgets.reader import ReaderView
from tuireader.ui.widgets.reader_pipeline import ArticleShown

LIST_LABEL_CELLS = 20  # the library's label before the list has a width


class MainScreen(Screen[None], inherit_bindings=False):
    # ctrl+c quits while the terminal is too small (otherwise Textual's hint runs)
    BINDINGS = [*main_bindings(), Binding("ctrl+c", "small_quit", show=False)]
    AUTO_FOCUS = "#list"

    options: var[TextOptions] = var(TextOptions(), init=False)
    filter_query: var[str] = var("", init=False)  # the filter in force ("": none)
    view: var[str] = var("all", init=False)  # or "unread", "starred"
    sort: var[str] = var("file", init=False)  # the list's order (see list_order)

    def __init__(self, settings: Settings, source: Source, store: StateStore) -> None:
        super().__init__()
        self.settings, self.source, self.store = settings, source, store
        self.set_reactive(MainScreen.options, TextOptions(
            mode="terminal" if settings.bidi_mode == "terminal" else "app",  # auto: app first
            shape=settings.shaping,
            harakat=settings.harakat,
        ))
        self.notices = Notices(self.app, lambda: self.options)
        self.rows = ListRows(store, source, self.notices.report)
        self.set_reactive(MainScreen.sort, load_sort(store.state_dir))  # remembered
        self.rows.set_sort(self.sort)
        self.library = LibraryWatcher(source, store, self.notices, settings.poll_interval)
        self.content = ListContent(
            lambda: self.article_list, self.rows, lambda: self.filter_bar, self._show_none
        )
        self.feeds = FeedFetcher(settings, self.notices)
        self.saver = StateSaver(store, self.notices)
        self.bidi = AutoBidi(self.app, store.state_dir)
        self.size_guard = SizeGuard(self, lambda: self.article_list)
        self.panes = PaneFocus(self, "#list", "#reader", "#metadata")
        self.article: Article | None = None
        self._loaded_once = False
        self._moved_checked = False  # looked for the marks of a moved library
        self._pending_verdict: Verdict | None = None  # (kept until mounted)
        self._filter_bar: FilterBar | None = None
        self._filter_mounted: AwaitMount | None = None  # (the filter box is composed)

    def compose(self) -> ComposeResult:
        # The layout classes are set before the panes exist: set later, they
        # would restyle every widget once more before the first paint.
        set_layout_class(self, self.app.size.width)
        yield TitleBar(icon="≡")
        with Horizontal(id="body"):
            yield ArticleList(
                is_read=self.store.is_read, is_starred=self.store.is_starred,
                options=self.options, id="list",
            )
            with Container(id="content"):
                yield ReaderView(
                    options=self.options,
                    matcher=self.source.matches,
                    source=self.source,
                    id="reader",
                )
                with Container(id="side"):
                    yield MetadataPane(options=self.options, id="metadata")
        yield KeyBar()
        yield Static(id="too-small", markup=False)
        yield self.library.data_bind(MainScreen.filter_query)
        yield self.feeds
        yield self.saver

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#list", ArticleList)

    @property
    def reader(self) -> ReaderView:
        return self.query_one("#reader", ReaderView)

    @property
    def metadata(self) -> MetadataPane:
        return self.query_one("#metadata", MetadataPane)

    @property
    def filter_bar(self) -> FilterBar:
        """The filter box stays hidden until ``/``: it is built after the first
        paint rather than before it (it is a fair part of the screen's widgets)."""
        if self._filter_bar is None:
            self._filter_bar = FilterBar(
                self.options, self.source, lambda: self.rows.entries, id="filter"
            )
            self._filter_mounted = self.mount(self._filter_bar, after="#body")
        return self._filter_bar

    async def filter_bar_ready(self) -> FilterBar:
        bar = self.filter_bar
        if self._filter_mounted is not None:
            await self._filter_mounted
        return bar

    def on_mount(self) -> None:
        self._label_library()
        self.reader.show_position()
        self.metadata.border_title = Text("Metadata")
        self._update_mode_label()
        self.on_resize()
        if self.store.last_article:
            self.reader.pipeline.restore(self.store.last_article, self.store.last_scroll)
        if self.settings.open_file is not None:  # `tuireader FILE`: that one first
            self.reader.pipeline.restore(self._file_id(self.settings.open_file), 0)
        # The index fills the list before the first paint (a long list: its
        # first rows, the rest right after); then the disk is checked behind it.
        entries = self.library.first_entries(self.reader.pipeline.restoring)
        self.content.complete = self.library.complete
        if entries:
            self._set_entries(entries)
        else:
            self.reader.show_message("Loading articles…")
        self.library.start(listed=bool(entries))
        self.call_after_refresh(lambda: self.filter_bar)
        verdict, self._pending_verdict = self._pending_verdict, None
        if verdict is not None:
            self._apply_verdict(verdict)  # the panes exist: composed before Mount

    def _file_id(self, path: Path) -> str:
        from tuireader.settings.paths import article_id

        return article_id(path.name)

    def _label_library(self) -> None:
        """The list's frame names the library (which directory is open)."""
        from tuireader.layout.library_label import library_label

        room = max(8, self.article_list.size.width - 6 or LIST_LABEL_CELLS)
        label = library_label(Path(self.source.root), room)
        # (a folder name may be Arabic: shaped and in visual order like the rest)
        set_title(self.article_list, message_line(label, room, self.options))

    def on_resize(self) -> None:
        self.size_guard.apply(self.size.width, self.size.height)
        self.call_after_refresh(self._label_library)  # (once the list has its width)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit":
            return True
        # small_quit only while the terminal is too small; nothing else then
        # (nothing else is on screen to act on)
        return self.size_guard.too_small == (action == "small_quit")

    # -- the list --------------------------------------------------------

    @property
    def entries(self) -> list[Row]:
        """Every row of the library (the list shows those the filter and view keep)."""
        return self.rows.entries

    @property
    def list_complete(self) -> bool:
        """The list holds every row of the index, not only the first ones."""
        return self.content.complete

    @on(LibraryWatcher.EntriesChanged)
    def _entries_changed(self, event: LibraryWatcher.EntriesChanged) -> None:
        self.content.complete = True  # (each is the whole index)
        if event.entries is None:  # (the list stays as it is)
            self.content.update_counts()
            event.listed.set()
            return
        shown = self.article
        opened = (shown.id, shown.title) if shown is not None else None
        self._set_entries(event.entries, event.changes, event.ids)
        if event.filter_again and self.filter_query:  # (it ran over the first rows only)
            self.filter_bar.search(self.filter_query)
        said = announcement(event.changes, opened) if event.announce else None
        if said:
            self.notices.say(said, timeout=6)
        event.listed.set()

    def _set_entries(
        self, entries: list[Row], changes: Any = None, ids: list[str] | None = None
    ) -> None:
        changed = set(getattr(changes, "changed", ()) or ())
        self.reader.pipeline.forget(changed)  # (the open one reloads, keeping its place)
        if not self._moved_checked and self.content.complete:
            self._moved_checked = True
            self._carry_over_marks({row.id for row in entries})
        keep = self.reader.pipeline.restoring if not self._loaded_once else None
        self.content.set_entries(entries, ids, keep)
        self._loaded_once = True

    def _carry_over_marks(self, ids: set[str]) -> None:
        """A library moved or renamed since the last run finds its marks
        again (see ``StateStore.adopt_moved_library``)."""
        try:
            message = self.store.adopt_moved_library(ids)
        except OSError as exc:
            self.notices.report(f"Could not look for the marks of a moved library: {exc}")
            return
        if message:
            if self.store.last_article and not self._loaded_once:
                self.reader.pipeline.restore(self.store.last_article, self.store.last_scroll)
            self._schedule_save()
            self.notices.say(message, timeout=6)

    @on(LibraryWatcher.Progress)
    def _indexing(self, event: LibraryWatcher.Progress) -> None:
        self.content.indexing(event.done, event.total)

    @on(LibraryWatcher.Failed)
    def _refresh_failed(self, event: LibraryWatcher.Failed) -> None:
        self.content.refresh_failed(event.kind)

    @on(LibraryWatcher.MarksReloaded)
    def _marks_reloaded(self) -> None:
        self.article_list.refresh_row()
        self.content.update_counts()

    def _show_none(self) -> None:
        self.article = None
        self.reader.show_message(self.rows.empty_message(self.source.root, self._loaded_once))
        self.metadata.show(None)
        self._update_window_title()

    # -- the filter ------------------------------------------------------

    @property
    def filter_ids(self) -> set[str] | None:
        return self.rows.filter_ids

    @property
    def filter_settled(self) -> bool:
        """The list shows the result of what is in the filter box now."""
        return self._filter_bar is None or self._filter_bar.settled

    def watch_filter_query(self, query: str) -> None:
        self.reader.set_query(query)

    @on(FilterBar.FilterChanged)
    def _filter_changed(self, event: FilterBar.FilterChanged) -> None:
        if event.failure:
            self.notices.report(event.failure)
        self.filter_query = event.query
        self.content.filter(event.ids)
        if event.query and self.article is not None:
            self.reader.scroll_to_first_match()

    @on(Input.Submitted, "#filter-input")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self._clear_filter()
        self.panes.focus(self.article_list)

    def _clear_filter(self) -> None:
        self.filter_bar.close()
        self.filter_query = ""
        self.content.filter(None)

    def go_to_article(self, article_id: str) -> None:
        """Highlight (and so show) an article, clearing a filter that hides it."""
        if not self.article_list.select_id(article_id) and (
            self.filter_bar.is_open or self.rows.filter_ids is not None
        ):
            self._clear_filter()
            self.article_list.select_id(article_id)
        self.panes.focus(self.article_list)

    # -- showing an article ----------------------------------------------

    @on(ArticleList.Highlighted)
    def _highlighted(self, event: ArticleList.Highlighted) -> None:
        # (in a burst of keys the event may name a row the cursor has left)
        row = self.article_list.current
        if row is None:
            self._show_none()
        else:
            self.reader.open(row)

    @on(ArticleShown)
    def _article_shown(self, event: ArticleShown) -> None:
        if event.article is not self.reader.article:
            return  # (another article, or a message, is on screen since)
        self.article = event.article
        self.metadata.show(event.article)
        # the title bar follows the article at once, not once the keys pause
        # (that would lag ~270 ms behind them)
        self._update_window_title()
        self.store.set_last(event.row_id, event.scroll)
        self._schedule_save()

    @property
    def title_settled(self) -> bool:
        """The title bar names the article on screen."""
        shown = self.query_one(TitleBar).shown_title
        return shown == (" ".join(self.article.title.split()) or None if self.article else None)

    def _update_window_title(self) -> None:
        self.query_one(TitleBar).show_article(self.article, self.options)

    @on(ReaderView.Scrolled)
    def _reader_scrolled(self, event: ReaderView.Scrolled) -> None:
        if self.article is not None:
            self.store.set_last(self.article.id, event.line)
            self._schedule_save()

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.action_open()

    # -- state -----------------------------------------------------------

    def _schedule_save(self, delay: float = SAVE_DELAY) -> None:
        self.saver.schedule(delay)

    def save_state(self, at_quit: bool = False) -> None:
        self.saver.save(at_quit)

    def _mark_read(self, row: Row | None, read: bool = True) -> None:
        if row is not None and self.store.is_read(row.id) != read:
            self.store.set_read(row.id, read)
            self.article_list.refresh_row(row.id)
            self.content.update_counts()
            self._schedule_save(MARK_SAVE_DELAY)

    # -- actions ---------------------------------------------------------

    def action_down(self) -> None:
        self.panes.moving().move(1)

    def action_up(self) -> None:
        self.panes.moving().move(-1)

    def action_top(self) -> None:
        self.panes.moving().home()

    def action_bottom(self) -> None:
        self.panes.moving().end()

    def action_page_down(self) -> None:
        self.panes.paging().page(1)

    def action_page_up(self) -> None:
        self.panes.paging().page(-1)

    def action_half_down(self) -> None:
        self.panes.paging().page(0.5)

    def action_half_up(self) -> None:
        self.panes.paging().page(-0.5)

    def action_next_pane(self) -> None:
        self.panes.cycle(1)

    def action_previous_pane(self) -> None:
        self.panes.cycle(-1)

    def action_info(self) -> None:
        self.panes.toggle("-no-side")

    def action_zoom(self) -> None:
        self.panes.toggle("-no-list")

    def action_open(self) -> None:
        row = self.article_list.current
        if row is not None:
            self._mark_read(row)
            self.panes.focus(self.reader)

    def action_next_unread(self) -> None:
        self._jump_unread(1)

    def action_previous_unread(self) -> None:
        self._jump_unread(-1)

    def _jump_unread(self, step: int) -> None:
        index, said = next_unread(self.article_list, step)
        if said:
            self.notices.say(said, timeout=None if index is None else 2)
        if index is not None:
            self.article_list.move_to(index)
            self._mark_read(self.article_list.current)

    def action_toggle_read(self) -> None:
        row = self.article_list.current
        if row is not None:
            self._mark_read(row, not self.store.is_read(row.id))

    def action_star(self) -> None:
        row = self.article_list.current
        if row is not None:
            self.store.toggle_star(row.id)
            self.article_list.refresh_row(row.id)
            self._schedule_save(MARK_SAVE_DELAY)  # the row's ★ is the feedback

    def action_refresh(self) -> None:
        if self.library.refreshing:
            self.notices.say("Already refreshing…", timeout=2)
        else:
            self.library.refresh_library(manual=True)

    async def action_filter(self) -> None:
        bar = await self.filter_bar_ready()
        bar.open()
        self.panes.focus(bar.input)
        bar.warm()

    def action_clear(self) -> None:
        if self.filter_bar.is_open or self.rows.filter_ids is not None:
            self._clear_filter()
            self.panes.focus(self.article_list)
        elif self.focused is not self.article_list and not self.has_class("-no-list"):
            self.panes.focus(self.article_list)

    def action_sort(self) -> None:
        self.sort = next_sort(self.sort)
        save_sort(self.store.state_dir, self.sort)
        self.notices.say(f"Sorted by {SORT_NAMES[self.sort]}.", timeout=2)

    def action_view_unread(self) -> None:
        self._toggle_view("unread")

    def action_view_starred(self) -> None:
        self._toggle_view("starred")

    def _toggle_view(self, view: str) -> None:
        self.view = "all" if self.view == view else view
        shown = "all articles" if self.view == "all" else f"{self.view} articles only"
        self.notices.say(f"Showing {shown}.", timeout=2)

    def watch_view(self, view: str) -> None:
        self.rows.view = view
        self.content.rebuild()

    def watch_sort(self, sort: str) -> None:
        self.rows.set_sort(sort)
        self.content.rebuild()

    # -- feeds -----------------------------------------------------------

    def action_fetch_feeds(self) -> None:
        self.feeds.fetch()

    @property
    def fetching_feeds(self) -> bool:
        return self.feeds.fetching

    @on(FeedFetcher.Progress)
    def _feed_progress(self, event: FeedFetcher.Progress) -> None:
        label = f"feeds {event.done}/{event.total} · {event.new} new"
        self.article_list.border_subtitle = Text(label)

    @on(FeedFetcher.Done)
    def _feeds_done(self) -> None:
        self.content.update_counts()
        if not self.library.refreshing:  # the new files reach the list through a rescan
            self.library.refresh_library()

    # -- text options and bidi -------------------------------------------

    def action_bidi_mode(self) -> None:
        mode: Mode = "terminal" if self.options.mode == "app" else "app"
        self.bidi.user_switched(mode)
        self.options = replace(self.options, mode=mode)  # the reader's border shows it
        detail = "tuireader lays out" if mode == "app" else "the terminal lays out"
        self.notices.say(f"Bidi mode: {mode} ({detail} right-to-left text).", timeout=3)

    def action_harakat(self) -> None:
        self.options = replace(self.options, harakat=not self.options.harakat)
        shown = "shown" if self.options.harakat else "hidden"
        self.notices.say(f"Harakat (Arabic vowel marks) {shown}.", timeout=3)

    def action_shaping(self) -> None:
        self.options = replace(self.options, shape=not self.options.shape)
        state = "on" if self.options.shape else "off"
        self.notices.say(f"Letter shaping {state}.", timeout=3)

    def watch_options(self, options: TextOptions) -> None:
        self.article_list.set_options(options)
        self.reader.set_options(options)
        self.metadata.set_options(options)
        if self._filter_bar is not None:
            self._filter_bar.set_options(options)
        self._update_window_title()
        self._update_mode_label()

    def _update_mode_label(self) -> None:
        o = self.options
        parts = [f"bidi {o.mode}", *([self.bidi.reason] if self.bidi.reason else [])]
        parts += [*(["unshaped"] if not o.shape else []), *(["harakat"] if o.harakat else [])]
        set_subtitle(self.reader, " · ".join(parts))

    @property
    def bidi_terminal(self) -> str | None:
        """The terminal the verdict named (None: not known, or not asked)."""
        return self.bidi.terminal

    def adopt_terminal_verdict(self, verdict: Verdict) -> None:
        if self.is_mounted:
            self._apply_verdict(verdict)
        else:
            self._pending_verdict = verdict  # (a later verdict replaces an earlier one)

    def _apply_verdict(self, verdict: Verdict) -> None:
        mode = self.bidi.adopt(verdict, self.options.mode)
        if mode is not None:
            self.options = replace(self.options, mode=mode)
        else:
            self._update_mode_label()

    def keep_bidi_for_terminal(self) -> None:
        """Keep the mode in force for this terminal (asked from the palette)."""
        self.bidi.keep(self.options.mode)
        self._update_mode_label()

    def forget_bidi_for_terminal(self) -> None:
        self.bidi.forget()

    # -- leaving ---------------------------------------------------------

    def action_help(self) -> None:
        from tuireader.ui.screens.help import HelpScreen

        self.app.push_screen(
            HelpScreen(self.settings.keymap, self.settings.config_path, self.options.mode)
        )

    def action_quit(self) -> None:
        self.save_state(at_quit=True)
        self.app.exit(0)

    def action_small_quit(self) -> None:
        self.action_quit()

