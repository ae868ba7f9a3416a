"""Frame labels (border title and subtitle) set only when their text changes.

A label is a rich ``Text``, which compares by identity: assigning an equal one
repaints the whole pane. The periodic library check sets the list's counts
every couple of seconds, and an idle reader must write nothing to the terminal.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


def set_subtitle(widget: Widget, label: str) -> None:
    current = widget.border_subtitle
    if current is None or _plain(current) != label:
        widget.border_subtitle = Text(label)


def set_title(widget: Widget, label: str) -> None:
    current = widget.border_title
    if current is None or _plain(current) != label:
        widget.border_title = Text(label)


def _plain(value: object) -> str:
    return value.plain if isinstance(value, Text) else str(value)
