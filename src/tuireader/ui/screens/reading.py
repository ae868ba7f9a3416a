"""The article on the main screen: showing the highlighted row, the title
bar naming it, where it was left, and its read and starred marks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tuireader.ui.screens.pane_focus import next_unread
from tuireader.ui.screens.state_saver import MARK_SAVE_DELAY
from tuireader.ui.widgets.article_list import Row
from tuireader.ui.widgets.bars import TitleBar
from tuireader.ui.widgets.reader_pipeline import ArticleShown

if TYPE_CHECKING:  # (the screen imports this module)
    from tuireader.ui.screens.main import MainScreen


class Reading:
    """Keeps ``screen.article`` (the article on screen) and the panes that
    show it in step with the list's cursor."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def highlighted(self) -> None:
        # (in a burst of keys the event may name a row the cursor has left)
        row = self.screen.article_list.current
        if row is None:
            self.show_none()
        else:
            self.screen.reader.open(row)

    def show_none(self) -> None:
        screen = self.screen
        screen.article = None
        screen.reader.show_message(
            screen.rows.empty_message(screen.source.root, screen.sync.loaded_once)
        )
        screen.metadata.show(None)
        self.update_title()

    def shown(self, event: ArticleShown) -> None:
        screen = self.screen
        if event.article is not screen.reader.article:
            return  # (another article, or a message, is on screen since)
        screen.article = event.article
        screen.metadata.show(event.article)
        # the title bar follows the article at once, not once the keys pause
        # (that would lag ~270 ms behind them)
        self.update_title()
        screen.store.set_last(event.row_id, event.scroll)
        screen.saver.schedule()

    def scrolled(self, line: int) -> None:
        screen = self.screen
        if screen.article is not None:
            screen.store.set_last(screen.article.id, line)
            screen.saver.schedule()

    @property
    def title_settled(self) -> bool:
        """The title bar names the article on screen."""
        shown = self.screen.query_one(TitleBar).shown_title
        article = self.screen.article
        return shown == (" ".join(article.title.split()) or None if article else None)

    def update_title(self) -> None:
        self.screen.query_one(TitleBar).show_article(self.screen.article, self.screen.options)

    # -- marks -----------------------------------------------------------

    def mark_read(self, row: Row | None, read: bool = True) -> None:
        screen = self.screen
        if row is not None and screen.store.is_read(row.id) != read:
            screen.store.set_read(row.id, read)
            screen.article_list.refresh_row(row.id)
            screen.content.update_counts()
            screen.saver.schedule(MARK_SAVE_DELAY)

    def open(self) -> None:
        """Read the highlighted article: marked read, the reader focused."""
        row = self.screen.article_list.current
        if row is not None:
            self.mark_read(row)
            self.screen.panes.focus(self.screen.reader)

    def jump_unread(self, step: int) -> None:
        lst = self.screen.article_list
        index, said = next_unread(lst, step)
        if said:
            self.screen.notices.say(said, timeout=None if index is None else 2)
        if index is not None:
            lst.move_to(index)
            self.mark_read(lst.current)

    def toggle_read(self) -> None:
        row = self.screen.article_list.current
        if row is not None:
            self.mark_read(row, not self.screen.store.is_read(row.id))

    def toggle_star(self) -> None:
        screen = self.screen
        row = screen.article_list.current
        if row is not None:
            screen.store.toggle_star(row.id)
            screen.article_list.refresh_row(row.id)
            screen.saver.schedule(MARK_SAVE_DELAY)  # the row's ★ is the feedback
