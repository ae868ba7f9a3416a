"""Terminal cell widths.

Widths follow Rich's tables (Textual measures and crops with them, and the UI
pads with ours, so the two must agree), with one deliberate difference:
zero-width joiners and other invisible format characters count as zero and are
never emitted by the engine, because Rich takes a ZWJ between Arabic letters
for an emoji joiner and undercounts the line.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.cells import get_character_cell_size

try:  # Rich >= 14: characters that VS16 turns into two-cell emoji
    from rich._unicode_data import load as _load_cell_table

    _NARROW_TO_WIDE: frozenset[str] = frozenset(_load_cell_table("auto").narrow_to_wide)
except Exception:  # pragma: no cover - older Rich
    _NARROW_TO_WIDE = frozenset()

VS16 = "\ufe0f"


@lru_cache(maxsize=8192)
def char_width(char: str) -> int:
    """Cells taken by one code point on its own (0, 1 or 2)."""
    cat = unicodedata.category(char)
    if cat in ("Mn", "Me") or (cat == "Cf" and unicodedata.bidirectional(char) != "AN"):
        return 0
    if cat == "Cc":
        return 0
    return get_character_cell_size(char)


def char_widths(text: str) -> list[int]:
    """Per code point widths of ``text`` (VS16 widens the emoji before it)."""
    widths = list(map(char_width, text))
    if VS16 in text and _NARROW_TO_WIDE:
        last = ""
        for i, ch in enumerate(text):
            if ch == VS16:
                if last in _NARROW_TO_WIDE:
                    widths[i] = 1
                last = ""
            elif widths[i]:
                last = ch
    return widths


def cell_width(visual_text: str) -> int:
    """Cells the terminal uses to draw ``visual_text``."""
    if visual_text.isascii() and visual_text.isprintable():
        return len(visual_text)
    return sum(char_widths(visual_text))
