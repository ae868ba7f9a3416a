"""Text from the user or an article, made ready for places that are not laid
out by the RTL engine (toasts, the help screen, messages): in app mode,
right-to-left text is shaped and put in visual order, line by line. The
engine holds on any text (property-tested), so nothing here guards it."""

from __future__ import annotations

import re

from tuireader.articles.model import Direction
from tuireader.rtl import TextOptions, layout_paragraph, paragraph_direction, truncate

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
TOAST_CELLS = 56  # the text room of a Textual toast (60 cells, padding 1 each side)


def visual_text(text: str, options: TextOptions, width: int = 10_000) -> str:
    """``text`` as it reads on screen, wrapped to ``width`` cells where it
    holds right-to-left letters (app mode); otherwise unchanged."""
    if options.mode != "app" or not _RTL.search(text):
        return text
    lines = []
    for piece in text.split("\n"):
        direction = paragraph_direction(piece, Direction.LTR)
        found = layout_paragraph(piece, width, direction=direction, options=options)
        lines += [line.text for line in found]
    return "\n".join(lines)


def toast_width(screen_width: int) -> int:
    """Cells a toast's text has (Textual caps a toast at half the screen)."""
    return max(10, min(TOAST_CELLS, screen_width // 2 - 4))


def message_line(text: str, width: int, options: TextOptions) -> str:
    """One line of ``text`` in ``width`` cells, cut at its logical end (a
    message may quote a folder or file name in any script)."""
    if text.isascii():
        return text[:width]
    direction = paragraph_direction(text, Direction.LTR)
    return truncate(text, width, direction=direction, options=options)
