"""The main screen: article list | reader | side panes, and every key.

The screen holds the state the panes show (the text options, the filter
query, the open article) as reactives and hands it down; the panes and the
screen's parts post messages up. All keys are bound here, once, from the key
table, so the config's [keys] table rebinds them and the footer, the help
screen and the command palette list the same thing; each action is one line
handing the key to a part. The parts, each in its own module: keeping the
list in step with the directory (``library_watcher``) and its rows arriving
(``library_sync``), what the list shows (``list_content``, ``list_rows``), its
view and order (``list_modes``), the filter box (``list_filter``,
``widgets.filter_bar``), the article on screen and its marks (``reading``),
fetching feeds (``feed_fetcher``), saving the state
(``state_saver``), the text options (``text_switches``) and the terminal's bidi
verdict (``auto_bidi``), the notices (``notices``), the size (``size_guard``)
and the panes' focus (``pane_focus``).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Input, Static

from tuireader.articles.model import Article
from tuireader.index.list_order import load_sort
from tuireader.index.list_rows import ListRows
from tuireader.index.source import Source
from tuireader.rtl import TextOptions
from tuireader.settings.config import Settings
from tuireader.settings.state import StateStore
from tuireader.terminal.detect import Verdict
from tuireader.ui.keys import main_bindings
from tuireader.ui.screens.auto_bidi import AutoBidi
from tuireader.ui.screens.feed_fetcher import FeedFetcher
from tuireader.ui.screens.library_sync import LibrarySync
from tuireader.ui.screens.library_watcher import LibraryWatcher
from tuireader.ui.screens.list_content import ListContent
from tuireader.ui.screens.list_filter import ListFilter
from tuireader.ui.screens.list_modes import ListModes
from tuireader.ui.screens.notices import Notices
from tuireader.ui.screens.pane_focus import PaneFocus
from tuireader.ui.screens.reading import Reading
from tuireader.ui.screens.size_guard import SizeGuard, set_layout_class
from tuireader.ui.screens.state_saver import StateSaver
from tuireader.ui.screens.text_switches import TextSwitches, initial_options
from tuireader.ui.widgets.article_list import ArticleList, Row
from tuireader.ui.widgets.bars import KeyBar, TitleBar
from tuireader.ui.widgets.details import MetadataPane
from tuireader.ui.widgets.filter_bar import FilterBar
from tuireader.ui.widgets.reader import ReaderView
from tuireader.ui.widgets.reader_pipeline import ArticleShown


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
        self.set_reactive(MainScreen.options, initial_options(settings))
        self.notices = Notices(self.app, lambda: self.options)
        self.rows = ListRows(store, source, self.notices.report)
        self.set_reactive(MainScreen.sort, load_sort(store.state_dir))  # remembered
        self.rows.set_sort(self.sort)
        self.library = LibraryWatcher(source, store, self.notices, settings.poll_interval)
        self.reading = Reading(self)
        self.content = ListContent(
            lambda: self.article_list, self.rows, lambda: self.filter_bar, self.reading.show_none
        )
        self.feeds = FeedFetcher(settings, self.notices)
        self.saver = StateSaver(store, self.notices)
        self.bidi = AutoBidi(self.app, store.state_dir)
        self.switches = TextSwitches(self)
        self.sync = LibrarySync(self)
        self.filtering = ListFilter(self)
        self.modes = ListModes(self)
        self.size_guard = SizeGuard(self, lambda: self.article_list)
        self.panes = PaneFocus(self, "#list", "#reader", "#metadata")
        self.article: Article | None = None  # the article on screen

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

    def on_mount(self) -> None:
        self.sync.label_library()
        self.reader.show_position()
        self.metadata.border_title = Text("Metadata")
        self.switches.update_label()
        self.on_resize()
        self.sync.start()
        self.call_after_refresh(lambda: self.filter_bar)
        self.switches.mounted()

    def on_resize(self) -> None:
        self.size_guard.apply(self.size.width, self.size.height)
        self.call_after_refresh(self.sync.label_library)  # (once the list has its width)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.size_guard.allows(action)

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
        self.sync.entries_changed(event)

    @on(LibraryWatcher.Progress)
    def _indexing(self, event: LibraryWatcher.Progress) -> None:
        self.content.indexing(event.done, event.total)

    @on(LibraryWatcher.Failed)
    def _refresh_failed(self, event: LibraryWatcher.Failed) -> None:
        self.content.refresh_failed(event.kind)

    @on(LibraryWatcher.MarksReloaded)
    def _marks_reloaded(self) -> None:
        self.sync.marks_reloaded()

    def watch_view(self, view: str) -> None:
        self.content.set_view(view)

    def watch_sort(self, sort: str) -> None:
        self.content.set_sort(sort)

    # -- the filter ------------------------------------------------------

    @property
    def filter_bar(self) -> FilterBar:
        return self.filtering.bar

    @property
    def filter_ids(self) -> set[str] | None:
        return self.rows.filter_ids

    @property
    def filter_settled(self) -> bool:
        """The list shows the result of what is in the filter box now."""
        return self.filtering.settled

    def watch_filter_query(self, query: str) -> None:
        self.reader.set_query(query)

    @on(FilterBar.FilterChanged)
    def _filter_changed(self, event: FilterBar.FilterChanged) -> None:
        self.filtering.changed(event)

    @on(Input.Submitted, "#filter-input")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.filtering.submitted(event.value)

    def go_to_article(self, article_id: str) -> None:
        """Highlight (and so show) an article, clearing a filter that hides it."""
        self.filtering.go_to(article_id)

    # -- the article -----------------------------------------------------

    @on(ArticleList.Highlighted)
    def _highlighted(self) -> None:
        self.reading.highlighted()

    @on(ArticleShown)
    def _article_shown(self, event: ArticleShown) -> None:
        self.reading.shown(event)

    @on(ReaderView.Scrolled)
    def _reader_scrolled(self, event: ReaderView.Scrolled) -> None:
        self.reading.scrolled(event.line)

    @on(ArticleList.Opened)
    def _opened(self) -> None:
        self.reading.open()

    @property
    def title_settled(self) -> bool:
        """The title bar names the article on screen."""
        return self.reading.title_settled

    def save_state(self, at_quit: bool = False) -> None:
        self.saver.save(at_quit)

    # -- feeds -----------------------------------------------------------

    @property
    def fetching_feeds(self) -> bool:
        return self.feeds.fetching

    @on(FeedFetcher.Progress)
    def _feed_progress(self, event: FeedFetcher.Progress) -> None:
        self.content.feeds_progress(event.done, event.total, event.new)

    @on(FeedFetcher.Done)
    def _feeds_done(self) -> None:
        self.sync.feeds_done()

    # -- text options and bidi -------------------------------------------

    def watch_options(self, options: TextOptions) -> None:
        self.switches.show(options)

    @property
    def bidi_terminal(self) -> str | None:
        """The terminal the verdict named (None: not known, or not asked)."""
        return self.bidi.terminal

    def adopt_terminal_verdict(self, verdict: Verdict) -> None:
        self.switches.adopt(verdict)

    def keep_bidi_for_terminal(self) -> None:
        """Keep the mode in force for this terminal (asked from the palette)."""
        self.switches.keep()

    def forget_bidi_for_terminal(self) -> None:
        self.bidi.forget()

    # -- actions (one per key; Textual looks them up on the screen) -------

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
        self.reading.open()

    def action_next_unread(self) -> None:
        self.reading.jump_unread(1)

    def action_previous_unread(self) -> None:
        self.reading.jump_unread(-1)

    def action_toggle_read(self) -> None:
        self.reading.toggle_read()

    def action_star(self) -> None:
        self.reading.toggle_star()

    def action_refresh(self) -> None:
        self.library.refresh_by_key()

    async def action_filter(self) -> None:
        await self.filtering.open()

    def action_clear(self) -> None:
        self.filtering.escape()

    def action_sort(self) -> None:
        self.modes.next_sort()

    def action_view_unread(self) -> None:
        self.modes.toggle_view("unread")

    def action_view_starred(self) -> None:
        self.modes.toggle_view("starred")

    def action_fetch_feeds(self) -> None:
        self.feeds.fetch()

    def action_bidi_mode(self) -> None:
        self.switches.toggle_mode()

    def action_harakat(self) -> None:
        self.switches.toggle_harakat()

    def action_shaping(self) -> None:
        self.switches.toggle_shaping()

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

