"""The main screen: article list | reader | side panes, and every key.

The screen owns the state (the rows, the filter, the text options, the open
article) and hands it down to the panes; panes post messages up. All keys are
bound here, once, from the key table, so the config's [keys] table rebinds them
and the footer, the help screen and the command palette list the same thing.
Parts live in their own modules: keeping the list in step with the
directory (``library_updates``), the live filter (``filtering``) and
fetching feeds (``feed_fetching``).
"""

from __future__ import annotations

import contextlib
import time
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import get_current_worker

from tuireader.articles.model import Article
from tuireader.index.list_order import (
    SORT_NAMES,
    in_view,
    load_sort,
    next_sort,
    save_sort,
    sort_rows,
)
from tuireader.index.source import Source
from tuireader.rtl import TextOptions, truncate
from tuireader.settings.config import Settings
from tuireader.settings.state import StateStore, save_failed_note
from tuireader.ui.frame_labels import set_subtitle, set_title
from tuireader.ui.keys import main_bindings
from tuireader.ui.screens.auto_bidi import AutoBidi
from tuireader.ui.screens.feed_fetching import FeedFetching
from tuireader.ui.screens.filtering import Filtering
from tuireader.ui.screens.library_updates import LibraryUpdates
from tuireader.ui.visual import message_line
from tuireader.ui.widgets.article_list import ArticleList, Row
from tuireader.ui.widgets.bars import KeyBar, TitleBar
from tuireader.ui.widgets.details import MetadataPane
from tuireader.ui.widgets.filter_bar import FilterBar
from tuireader.ui.widgets.reader import LaidOut, ReaderView, layout_for

WIDE = 130  # from this width the side panes sit beside the reader
MIN_WIDTH, MIN_HEIGHT = 64, 22  # below this the panes give way to a message
SAVE_DELAY = 1.0  # at most this long between a scroll and its save
MARK_SAVE_DELAY = 0.25  # a mark or a star: deliberate, so on disk sooner
ARTICLE_CACHE = 32
VERIFY_DELAY = 0.5  # seconds after start before the disk is checked against the index
HEAD_ROWS = 300  # a longer list is shown in two steps: these rows first
SYNC_LOAD_BYTES = 64 * 1024  # smaller files are read on the spot, larger ones in a thread
# The title bar names the open article once the keys pause: laying the title
# out on every press of a burst would be work nobody sees.
LIST_LABEL_CELLS = 20  # the library's label before the list has a width
TITLE_DELAY = 0.25  # seconds without a new article before the title follows


class MainScreen(LibraryUpdates, Filtering, AutoBidi, FeedFetching, inherit_bindings=False):
    # ctrl+c quits while the terminal is too small (otherwise Textual's hint runs)
    BINDINGS = [*main_bindings(), Binding("ctrl+c", "small_quit", show=False)]
    AUTO_FOCUS = "#list"

    def __init__(self, settings: Settings, source: Source, store: StateStore) -> None:
        super().__init__()
        self.settings = settings
        self.source = source
        self.store = store
        self.options = TextOptions(
            mode="terminal" if settings.bidi_mode == "terminal" else "app",  # auto: app first
            shape=settings.shaping,
            harakat=settings.harakat,
        )
        self.entries: list[Row] = []
        self.filter_query = ""
        self.filter_ids: set[str] | None = None
        self.article: Article | None = None
        self._shown: tuple[str, Any] | None = None  # (id, stamp) of the article shown
        self._loading: tuple[str, Any] | None = None  # (id, stamp) being read
        self._articles: OrderedDict[tuple[str, Any], Article] = OrderedDict()
        self._restore: tuple[str, int] | None = None
        self._loaded_once = False
        self._search_timer: Timer | None = None
        self._pending_query: str | None = None  # typed, not yet applied to the list
        self._save_timer: Timer | None = None
        self._title_timer: Timer | None = None
        self._save_failed = False
        self._refreshing = False
        self._too_small = False
        self._focus_before_small: Any = None
        self._filter_bar: FilterBar | None = None
        self._list_partial = False  # the list holds only its first rows so far
        self._filter_mounted: Any = None  # (awaitable: the filter box is composed)
        self._opened_before_refresh: tuple[str, str] | None = None  # (id, title)
        self._moved_checked = False  # looked for the marks of a moved library
        self.sort = load_sort(store.state_dir)  # the list's order, remembered
        self.view = "all"  # or "unread", "starred"
        self._dates: dict[str, float] | None = None  # metadata dates (date order)

    # -- layout ----------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The layout classes are set before the panes exist: set later, they
        # would restyle every widget once more before the first paint.
        self._set_layout_class(self.app.size.width)
        yield TitleBar(icon="≡")
        with Horizontal(id="body"):
            yield ArticleList(
                is_read=self.store.is_read,
                is_starred=self.store.is_starred,
                options=self.options,
                id="list",
            )
            with Container(id="content"):
                yield ReaderView(options=self.options, matcher=self.source.matches, id="reader")
                with Container(id="side"):
                    yield MetadataPane(options=self.options, id="metadata")
        yield KeyBar()
        yield Static(id="too-small", markup=False)

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
        if self._filter_bar is None:
            self._mount_filter_bar()
        assert self._filter_bar is not None
        return self._filter_bar

    def _mount_filter_bar(self) -> None:
        """The filter box stays hidden until ``/``: it is built after the first
        paint rather than before it (it is a fair part of the screen's widgets)."""
        if self._filter_bar is None and self.is_attached:
            self._filter_bar = FilterBar(self.options, id="filter")
            self._filter_mounted = self.mount(self._filter_bar, after="#body")

    async def filter_bar_ready(self) -> FilterBar:
        bar = self.filter_bar
        if self._filter_mounted is not None:
            await self._filter_mounted
        return bar

    def on_mount(self) -> None:
        self._label_library()
        self.reader._show_position()
        self.metadata.border_title = Text("Metadata")
        self._update_mode_label()
        self._apply_size(self.size.width, self.size.height)
        if self.store.last_article:
            self._restore = (self.store.last_article, self.store.last_scroll)
        if self.settings.open_file is not None:  # `tuireader FILE`: that one first
            self._restore = (self._file_id(self.settings.open_file), 0)
        # The index fills the list before the first paint (a long list: its
        # first rows, the rest right after); then the disk is checked behind it.
        try:
            entries = self._first_entries()
        except Exception as exc:  # noqa: BLE001 - report, keep the app alive
            entries = []
            self.call_after_refresh(self._report, f"Could not read the index: {exc}")
        if entries:
            self._set_entries(entries)
            self._refreshing = True  # (so the poll does not start another meanwhile)
            if self._list_partial:
                # (after the first frame: reading the rest holds the interpreter)
                self.call_after_refresh(self._rest_worker)
            else:
                self._schedule_verify()
        else:
            self.reader.show_message("Loading articles…")
            self._refresh_worker(initial=True)
        if self.settings.poll_interval > 0:
            self.set_interval(self.settings.poll_interval, self._poll)
        self.call_after_refresh(self._mount_filter_bar)

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

    @property
    def list_complete(self) -> bool:
        """The list holds every row of the index, not only the first ones."""
        return not self._list_partial

    def _first_entries(self) -> list[Row]:
        """The rows of the first frame. Reading 100,000 rows takes most of a
        second, so a long list shows its first rows (one indexed query) and
        reads the rest in a thread once they are on screen; unless the article
        to reopen lies further down, where it would be a jump the reader sees."""
        head = self.source.first_entries(HEAD_ROWS)
        if len(head) < HEAD_ROWS:
            return head  # (that is the whole list)
        restore = self._restore[0] if self._restore else None
        if restore is not None and all(row.id != restore for row in head):
            return self.source.entries()
        self._list_partial = True
        return head

    @work(thread=True, group="list", exit_on_error=False)
    def _rest_worker(self) -> None:
        try:
            entries = self.source.entries()
        except Exception as exc:  # noqa: BLE001 - report, keep the app alive
            self.app.call_from_thread(self._report, f"Could not read the index: {exc}")
            entries = None
        finally:
            self.source.close_thread()
        self.app.call_from_thread(self._whole_list, entries)

    def _whole_list(self, entries: list[Row] | None) -> None:
        self._list_partial = False
        if entries:
            self._set_entries(entries)
            if self.filter_query:  # (it ran over the first rows only)
                self._start_search(self.filter_query)
        self._update_counts()
        self._schedule_verify()

    def _schedule_verify(self) -> None:
        # once the first screen is drawn: the scan competes with drawing
        self.set_timer(VERIFY_DELAY, lambda: self._refresh_worker(initial=False))

    def on_resize(self, event: Any) -> None:
        self._apply_size(event.size.width, event.size.height)

    def _apply_size(self, width: int, height: int) -> None:
        self._apply_too_small(width, height)
        self._set_layout_class(width)
        self.call_after_refresh(self._label_library)  # (once the list has its width)

    def _set_layout_class(self, width: int) -> None:
        wide = width >= WIDE
        if self.has_class("-wide") != wide or self.has_class("-narrow") == wide:
            # (a class change restyles every widget: only when it changes)
            self.set_class(wide, "-wide")
            self.set_class(not wide, "-narrow")

    def _apply_too_small(self, width: int, height: int) -> None:
        """Below the minimum the panes would be unreadable: hide them (they keep
        their selection and scroll) and say what size is needed."""
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if small:
            self.query_one("#too-small", Static).update(
                Text(
                    f"Terminal too small: {width}×{height} —\n"
                    f"tuireader needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n\n"
                    "Enlarge the window, or read one article with:\n"
                    "tuireader --print FILE"
                )
            )
        if small == self._too_small:
            return
        self._too_small = small
        if small:
            self._focus_before_small = self.focused
        self.set_class(small, "-too-small")
        if not small:
            previous, self._focus_before_small = self._focus_before_small, None
            if previous is not None and previous.is_attached:
                self.set_focus(previous)
            elif self.focused is None:
                self.set_focus(self.article_list)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit":
            return True
        if action == "small_quit":
            return self._too_small
        # nothing else is on screen to act on while the terminal is too small
        return not self._too_small

    def _rebuild_rows(self, keep_id: str | None = None) -> None:
        ids = self.filter_ids
        rows = self.entries if ids is None else [e for e in self.entries if e.id in ids]
        rows = self._arranged(rows)
        lst = self.article_list
        if keep_id is None and lst.current is not None:
            keep_id = lst.current.id
        lst.set_rows(rows, keep_id=keep_id)
        if not rows:
            self._show_none()

    def _arranged(self, rows: list[Row]) -> list[Row]:
        """The rows in the chosen order, in the chosen view (see ``list_order``)."""
        if self.view != "all":
            shows = in_view(self.view, self.store.is_read, self.store.is_starred)
            rows = [r for r in rows if shows(r)]
        if self.sort == "file":
            return rows  # (the index keeps them by file name)
        if self.sort == "date" and self._dates is None:
            try:
                self._dates = self.source.metadata_dates()
            except Exception:  # noqa: BLE001 - the files' times then
                self._dates = {}
        try:
            return sort_rows(rows, self.sort, self._dates)
        except (AttributeError, TypeError):  # (rows of another shape: keep their order)
            return rows

    def _show_none(self) -> None:
        if self.view != "all" and self.filter_ids is None and self.entries:
            message = f"No {self.view} articles. Press the key again for all of them."
        elif self.filter_ids is not None:
            message = "No article matches the filter. Esc clears it."
        elif self._loaded_once or self.entries:
            message = f"No articles in {self.source.root}"
        else:
            message = "Loading articles…"
        self.article = None
        self._shown = None
        self.reader.show_message(message)
        self.metadata.show(None)
        self.query_one(TitleBar).show_title(None)
        self._set_sub_title("")

    def _update_counts(self) -> None:
        if self._list_partial:
            set_subtitle(self.article_list, "listing…")
            return
        # (a row the scan could not even stat is an error line, not an article)
        unread = sum(
            1 for e in self.entries if not self.store.is_read(e.id) and getattr(e, "size", 0) != -1
        )
        total = len(self.entries)
        shown = len(self.article_list.rows)
        label = f"{unread} unread · {total}"
        if self.view != "all":
            label = f"{self.view}: {shown} · {total}"
        if self.sort != "file":
            label += f" · by {SORT_NAMES[self.sort]}"
        if self.filter_ids is not None:
            label = f"{shown} of {total} match"
            self.filter_bar.set_count(f"{shown} of {total}")
        set_subtitle(self.article_list, label)

    # -- showing an article ----------------------------------------------

    @on(ArticleList.Highlighted)
    def _highlighted(self, event: ArticleList.Highlighted) -> None:
        row = event.row
        if row is None:
            self._show_none()
            return
        stamp = _stamp(row)
        if (row.id, stamp) in (self._shown, self._loading):
            return
        cached = self._articles.get((row.id, stamp))
        size = getattr(row, "size", None)
        if cached is None and isinstance(size, int) and size <= SYNC_LOAD_BYTES:
            # a small file reads faster than a worker thread starts: show it in this frame
            cached = self._read_article(row)
        if cached is not None:
            self._show_article(row, stamp, cached)
        else:
            self._loading = (row.id, stamp)
            self._load_worker(row, stamp, self.reader.layout_key())

    def _read_article(self, row: Row) -> Article:
        try:
            return self.source.article(row)
        except Exception as exc:  # noqa: BLE001 - show the failure in the reader
            return Article(
                id=row.id,
                path=Path(getattr(row, "rel", row.id)),
                title=row.title,
                error=f"could not load this article ({type(exc).__name__}: {exc})",
            )

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _load_worker(self, row: Row, stamp: Any, layout_key: Any) -> None:
        worker = get_current_worker()
        try:
            article = self._read_article(row)
        finally:
            self.source.close_thread()
        if worker.is_cancelled:
            return
        # a long article is laid out here too, so the screen never waits for it
        laid_out = layout_for(article, layout_key)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_article, row, stamp, article, laid_out)

    def _show_article(
        self, row: Row, stamp: Any, article: Article, laid_out: LaidOut | None = None
    ) -> None:
        if self._loading == (row.id, stamp):
            self._loading = None
        current = self.article_list.current
        if current is None or current.id != row.id or self._shown == (row.id, stamp):
            return  # the user moved on meanwhile, or it is already on screen
        self._articles[(row.id, stamp)] = article
        self._articles.move_to_end((row.id, stamp))
        while len(self._articles) > ARTICLE_CACHE:
            self._articles.popitem(last=False)
        same = self._shown is None and self.article is not None and self.article.id == row.id
        scroll = self.reader.top_line if same else 0
        if self._restore and self._restore[0] == row.id:
            scroll = self._restore[1]
        self._restore = None
        self.article = article
        self._shown = (row.id, stamp)
        self.reader.set_query(self.filter_query)
        self.reader.show(article, scroll=scroll, laid_out=laid_out, keep_place=same)
        if self.filter_query and not scroll:
            self.reader.scroll_to_first_match()
        self.metadata.show(article)
        # the title bar follows in the same frame as the list and the article
        # (it waited for the keys to pause, and lagged ~270 ms behind them)
        self._update_window_title()
        self.store.set_last(row.id, scroll)
        self._schedule_save()

    def _schedule_title(self) -> None:
        if self._title_timer is not None:
            self._title_timer.stop()
        self._title_timer = self.set_timer(TITLE_DELAY, self._update_window_title)

    @property
    def title_settled(self) -> bool:
        """The header shows the title of the article on screen."""
        return self._title_timer is None

    def _update_window_title(self) -> None:
        if self._title_timer is not None:
            self._title_timer.stop()
            self._title_timer = None
        bar = self.query_one(TitleBar)
        if self.article is None:
            bar.show_title(None)
            self._set_sub_title("")
            return
        bar.show_title(self.article.title, self.article.direction, self.options)
        try:
            title = truncate(
                " ".join(self.article.title.split()),
                60,
                direction=self.article.direction,
                options=self.options,
            )
        except Exception:  # noqa: BLE001
            title = ""
        self._set_sub_title(title)

    def _set_sub_title(self, title: str) -> None:
        """The app's sub_title (the title bar draws it without an article) set
        without repainting the whole screen, which assigning it does; the
        title bar has been told already."""
        self.app.set_reactive(type(self.app).sub_title, title)

    @on(ReaderView.Scrolled)
    def _reader_scrolled(self, event: ReaderView.Scrolled) -> None:
        if self.article is not None:
            self.store.set_last(self.article.id, event.line)
            self._schedule_save()

    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.action_open()

    # -- state -----------------------------------------------------------

    _save_due = 0.0  # (monotonic time the pending save runs at)

    def _schedule_save(self, delay: float = SAVE_DELAY) -> None:
        # Counted from the first unsaved change, not the last: a user who keeps
        # reading still has every change on disk within ``delay``.
        due = time.monotonic() + delay
        if self._save_timer is not None:
            if self._save_due <= due:
                return
            self._save_timer.stop()
        self._save_due = due
        self._save_timer = self.set_timer(delay, self.save_state)

    def save_state(self, at_quit: bool = False) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not at_quit:
            # (in a thread: with a large state file a save takes a tenth of a
            # second, which keys pressed meanwhile should not wait for)
            self._save_worker()
            return
        try:
            self.store.save()  # (after any save still running: the store orders them)
        except OSError as exc:
            # said on the terminal once the screen is restored
            getattr(self.app, "note_at_exit", self._report)(save_failed_note(self.store, exc))

    @work(thread=True, group="save", exit_on_error=False)
    def _save_worker(self) -> None:
        result: OSError | None = None
        try:
            self.store.save()
        except OSError as exc:
            result = exc
        with contextlib.suppress(RuntimeError):  # (the app ended meanwhile)
            self.app.call_from_thread(self._save_result, result)

    def _save_result(self, exc: OSError | None) -> None:
        if exc is not None:
            if not self._save_failed:
                self._report(save_failed_note(self.store, exc))
            self._save_failed = True
            return
        if self._save_failed:
            self._say("Read marks are saved again.", timeout=4)
        self._save_failed = False

    def _mark_read(self, row: Row | None, read: bool = True) -> None:
        if row is None:
            return
        if self.store.is_read(row.id) != read:
            self.store.set_read(row.id, read)
            self.article_list.refresh_row(row.id)
            self._update_counts()
            self._schedule_save(MARK_SAVE_DELAY)

    # -- focus helpers ---------------------------------------------------

    def _focus(self, widget: Any) -> None:
        """Focus now, not after a refresh (``Widget.focus`` waits): keys typed in
        the same burst, over SSH say, must reach the pane the previous key chose."""
        self.set_focus(widget)

    def _panes(self) -> list[Any]:
        panes: list[Any] = []
        if not self.has_class("-no-list"):
            panes.append(self.article_list)
        panes.append(self.reader)
        if not self.has_class("-no-side"):
            panes.append(self.metadata)
        return panes

    def _focused_pane(self) -> Any:
        focused = self.focused
        if focused in (self.reader, self.metadata):
            return focused
        if self.has_class("-no-list"):
            return self.reader
        return self.article_list

    def _page_target(self) -> Any:
        return self.metadata if self.focused is self.metadata else self.reader

    # -- actions ---------------------------------------------------------

    def action_down(self) -> None:
        self._focused_pane().move(1)

    def action_up(self) -> None:
        self._focused_pane().move(-1)

    def action_top(self) -> None:
        self._focused_pane().home()

    def action_bottom(self) -> None:
        self._focused_pane().end()

    def action_page_down(self) -> None:
        self._page_target().page(1)

    def action_page_up(self) -> None:
        self._page_target().page(-1)

    def action_half_down(self) -> None:
        self._page_target().page(0.5)

    def action_half_up(self) -> None:
        self._page_target().page(-0.5)

    def action_open(self) -> None:
        row = self.article_list.current
        if row is None:
            return
        self._mark_read(row)
        self._focus(self.reader)

    def action_next_pane(self) -> None:
        self._cycle(1)

    def action_previous_pane(self) -> None:
        self._cycle(-1)

    def _cycle(self, step: int) -> None:
        panes = self._panes()
        current = self.focused
        index = panes.index(current) if current in panes else (-1 if step > 0 else 0)
        self._focus(panes[(index + step) % len(panes)])

    def _jump_unread(self, step: int) -> None:
        lst = self.article_list
        index = lst.find_unread(step)
        if index is None:
            # wrap around, as newsboat does, and say so
            index = lst.find_unread(step, start=-1 if step > 0 else len(lst.rows))
            if index is None or index == lst.cursor:
                none = "No unread articles." if index is None else "No other unread article."
                self._say(none)
                return
            self._say("Wrapped to the top." if step > 0 else "Wrapped to the bottom.", timeout=2)
        lst._set_cursor(index)
        self._mark_read(lst.current)

    def action_next_unread(self) -> None:
        self._jump_unread(1)

    def action_previous_unread(self) -> None:
        self._jump_unread(-1)

    def action_toggle_read(self) -> None:
        row = self.article_list.current
        if row is not None:
            self._mark_read(row, not self.store.is_read(row.id))

    def action_star(self) -> None:
        row = self.article_list.current
        if row is None:
            return
        self.store.toggle_star(row.id)
        self.article_list.refresh_row(row.id)
        self._schedule_save(MARK_SAVE_DELAY)  # the row's ★ is the feedback

    def action_refresh(self) -> None:
        if self._refreshing:
            self._say("Already refreshing…", timeout=2)
            return
        self._refresh_worker(initial=False, manual=True)

    def action_sort(self) -> None:
        self.sort = next_sort(self.sort)
        self._dates = None  # (read again: files may have changed)
        save_sort(self.store.state_dir, self.sort)
        self._rebuild_rows()
        self._update_counts()
        self._say(f"Sorted by {SORT_NAMES[self.sort]}.", timeout=2)

    def action_view_unread(self) -> None:
        self._set_view("unread")

    def action_view_starred(self) -> None:
        self._set_view("starred")

    def _set_view(self, view: str) -> None:
        self.view = "all" if self.view == view else view
        self._rebuild_rows()
        self._update_counts()
        shown = "all articles" if self.view == "all" else f"{self.view} articles only"
        self._say(f"Showing {shown}.", timeout=2)

    def action_info(self) -> None:
        self.toggle_class("-no-side")
        if self.has_class("-no-side") and self.focused is self.metadata:
            self._focus(self.reader)

    def action_zoom(self) -> None:
        self.toggle_class("-no-list")
        if self.has_class("-no-list") and self.focused is self.article_list:
            self._focus(self.reader)

    def action_bidi_mode(self) -> None:
        mode = "terminal" if self.options.mode == "app" else "app"
        self.user_chose_bidi()
        self._set_options(replace(self.options, mode=mode))
        self._tell_terminal(mode)  # the reader's border shows the mode
        detail = "tuireader lays out" if mode == "app" else "the terminal lays out"
        self._say(f"Bidi mode: {mode} ({detail} right-to-left text).", timeout=3)

    def action_harakat(self) -> None:
        self._set_options(replace(self.options, harakat=not self.options.harakat))
        shown = "shown" if self.options.harakat else "hidden"
        self._say(f"Harakat (Arabic vowel marks) {shown}.", timeout=3)

    def action_shaping(self) -> None:
        self._set_options(replace(self.options, shape=not self.options.shape))
        state = "on" if self.options.shape else "off"
        self._say(f"Letter shaping {state}.", timeout=3)

    def _set_options(self, options: TextOptions) -> None:
        self.options = options
        self.article_list.set_options(options)
        self.reader.set_options(options)
        self.metadata.set_options(options)
        if self._filter_bar is not None and self._filter_bar.is_open:
            self._filter_bar.set_preview(self._filter_bar.value, options)
        elif self._filter_bar is not None:
            self._filter_bar.options = options
        self._update_window_title()
        self._update_mode_label()

    def _update_mode_label(self) -> None:
        o = self.options
        parts = [f"bidi {o.mode}", *([self.bidi_reason] if self.bidi_reason else [])]
        if not o.shape:
            parts.append("unshaped")
        if o.harakat:
            parts.append("harakat")
        set_subtitle(self.reader, " · ".join(parts))

    def _tell_terminal(self, mode: str) -> None:
        """Switch the terminal's own bidi (CSI 8 l / 8 h) along with the app's."""
        if self.app.is_headless:
            return
        with contextlib.suppress(Exception):
            from tuireader.terminal.tty import HANDSHAKE

            sequence = HANDSHAKE.switched(mode)
            driver = self.app._driver
            if driver is not None and sequence:
                driver.write(sequence)

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



def _stamp(row: Row) -> Any:
    return (getattr(row, "mtime_ns", None), getattr(row, "size", None))
