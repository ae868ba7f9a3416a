"""The title bar and the key bar: one widget each, one line each.

Textual's Header and Footer build a widget per part (icon, title, clock
space; one per key), each styled, laid out and painted on its own, and the
Footer rebuilds all of its children whenever the focus moves. These two draw
the same line themselves, which takes a good part of the start-up and of
every Tab off the interface's work.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

from tuireader.articles.model import Article, Direction
from tuireader.rtl import TextOptions, truncate

ICON_CELLS = 8  # the icon's place at the left (clicking it opens the palette)
RIGHT_CELLS = 10  # kept free at the right, so the title sits centred between
SEPARATOR = " — "
MIN_TITLE_CELLS = 4  # narrower than this, the bar names the app alone
ELLIPSIS = "…"
TEXT = TextOptions()


class TitleBar(Widget, can_focus=False):
    """``≡   tuireader — <open article>``, the title centred, cut with an ellipsis."""

    DEFAULT_CSS = """
    TitleBar { dock: top; width: 100%; height: 1; background: $panel; color: $foreground; }
    """

    def __init__(self, icon: str = "≡", **kwargs) -> None:
        super().__init__(**kwargs)
        self.icon = icon
        # the open article's title as written (logical order), its direction
        # and the text options: laid out for the room there is at each draw
        self._article: tuple[str, Direction, TextOptions] | None = None

    def show_title(
        self, title: str | None, direction: Direction = Direction.LTR, options: TextOptions = TEXT
    ) -> None:
        self._article = (" ".join(title.split()), direction, options) if title else None
        self.refresh()

    def show_article(self, article: Article | None, options: TextOptions) -> None:
        """Name ``article`` (None: none is open), here and in the app's sub_title."""
        if article is None:
            self.show_title(None)
            sub_title = ""
        else:
            self.show_title(article.title, article.direction, options)
            title = " ".join(article.title.split())
            sub_title = truncate(title, 60, direction=article.direction, options=options)
        # (set_reactive: assigning it would repaint the whole screen; this
        # bar, which draws it when no article is named, knows already)
        self.app.set_reactive(type(self.app).sub_title, sub_title)

    @property
    def shown_title(self) -> str | None:
        """The article title the bar names (on one line), if any."""
        return self._article[0] if self._article else None

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._changed, init=False)
        self.watch(self.app, "sub_title", self._changed, init=False)
        self.tooltip = "Open the command palette" if self.app.ENABLE_COMMAND_PALETTE else None

    def _changed(self) -> None:
        self.refresh()

    def render(self) -> Text:
        width = self.size.width
        room = max(0, width - ICON_CELLS - RIGHT_CELLS)
        title = Text(self.app.title)
        if self._article is not None:
            # Cut by the RTL engine, at the title's logical end: cutting the
            # drawn line at its right edge would drop the start of an Arabic
            # title, which is drawn at the right.
            text, direction, options = self._article
            left_for_it = room - title.cell_len - len(SEPARATOR)
            if left_for_it >= MIN_TITLE_CELLS:
                title.append(SEPARATOR, "dim")
                title.append(_visual(text, left_for_it, direction, options), "dim")
        elif self.app.sub_title:
            title.append(SEPARATOR, "dim")
            title.append(self.app.sub_title, "dim")
        title = fit(title, room)
        left = (room - title.cell_len) // 2
        line = Text(" " + self.icon)
        line.pad_right(ICON_CELLS - line.cell_len + left)
        line.append_text(title)
        line.pad_right(max(0, width - line.cell_len))
        return line

    def on_click(self, event: events.Click) -> None:
        if event.x < ICON_CELLS and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            self.app.action_command_palette()


def _visual(text: str, width: int, direction: Direction, options: TextOptions) -> str:
    return truncate(text, width, direction=direction, options=options)


def fit(text: Text, width: int) -> Text:
    """``text`` cut to ``width`` cells, an ellipsis marking the cut."""
    if text.cell_len <= width:
        return text
    if width <= 0:
        return Text()
    cut = text.copy()
    cut.truncate(width - 1)
    while cut.cell_len > width - 1:  # (a wide character at the edge)
        cut.right_crop(1)
    cut.append(ELLIPSIS)
    return cut


class KeyItem(NamedTuple):
    key: str  # the key to simulate on a click
    display: str  # how the key is written
    description: str
    enabled: bool
    tooltip: str


class Span(NamedTuple):
    start: int
    end: int
    item: KeyItem


class KeyBar(Widget, can_focus=False):
    """The keys of the focused pane and the screen, and the palette key at the right.

    The same bindings Textual's Footer shows (``show=True``, one per action),
    dimmed when the action is unavailable; a click presses the key.
    """

    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--rule"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom; width: 100%; height: 1;
        color: $footer-foreground; background: $footer-background;
    }
    KeyBar > .keybar--key { color: $footer-foreground; text-style: bold; }
    KeyBar > .keybar--description { color: $footer-description-foreground; }
    KeyBar > .keybar--rule { color: $foreground 20%; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[Span] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen) -> None:
        self.refresh()

    def items(self) -> tuple[list[KeyItem], KeyItem | None]:
        """What the bar shows now: the keys, and the palette key (or None)."""
        app = self.app
        active = self.screen.active_bindings
        seen: set[str] = set()
        keys: list[KeyItem] = []
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append(
                KeyItem(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    enabled,
                    tooltip or binding.description,
                )
            )
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = KeyItem(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                enabled,
                binding.tooltip or binding.description,
            )
        return keys, palette

    def render(self) -> Text:
        width = self.size.width
        keys, palette = self.items()
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        text_style = self.get_component_rich_style("keybar--description", partial=True)
        dim = Style(dim=True)
        right = Text()
        right_spans: list[Span] = []
        if palette is not None:
            right.append("▏", self.get_component_rich_style("keybar--rule"))
            start = right.cell_len
            _append_item(right, palette, key_style, text_style, dim, lead="")
            right_spans.append(Span(start, right.cell_len, palette))
            right.append(" ")
        room = max(0, width - right.cell_len)
        line = Text()
        spans: list[Span] = []
        for item in keys:
            piece = Text()
            _append_item(piece, item, key_style, text_style, dim)
            piece.append(" ")
            if line.cell_len + piece.cell_len > room:
                break  # (the keys that do not fit are in the help screen)
            spans.append(Span(line.cell_len, line.cell_len + piece.cell_len - 1, item))
            line.append_text(piece)
        offset = width - right.cell_len
        line.pad_right(max(0, offset - line.cell_len))
        line.append_text(right)
        self._spans = spans + [Span(s.start + offset, s.end + offset, s.item) for s in right_spans]
        return line

    def item_at(self, x: int) -> KeyItem | None:
        for span in self._spans:
            if span.start <= x < span.end:
                return span.item
        return None

    def on_click(self, event: events.Click) -> None:
        item = self.item_at(event.x)
        if item is None:
            return
        event.stop()
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self.item_at(event.x)
        self.tooltip = item.tooltip if item is not None else None


def _append_item(
    line: Text, item: KeyItem, key_style: Style, text_style: Style, dim: Style, lead: str = " "
) -> None:
    extra = Style() if item.enabled else dim
    line.append(f"{lead}{item.display} ", key_style + extra)
    if item.description:
        line.append(item.description, text_style + extra)

