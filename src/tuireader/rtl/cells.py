"""Terminal cell widths.

Widths follow Rich's tables (Textual measures and crops with them, and the UI
pads with ours, so the two must agree), with one deliberate difference:
zero-width joiners and other invisible format characters count as zero and are
never emitted by the engine, because Rich takes a ZWJ between Arabic letters
for an emoji joiner and undercounts the line ("ب\u200dتث" is three cells on a
terminal, two for Rich).
"""

from __future__ import annotations

import re

import regex

from .charinfo import TO_WIDTH, char_width, codes

try:  # Rich >= 14: characters that VS16 turns into two-cell emoji
    from rich._unicode_data import load as _load_cell_table

    _NARROW_TO_WIDE: frozenset[str] = frozenset(_load_cell_table("auto").narrow_to_wide)
except Exception:  # pragma: no cover - older Rich
    _NARROW_TO_WIDE = frozenset()

VS16 = "\ufe0f"
ZWJ = "\u200d"
# Characters that make a grapheme cluster wider than its first character
# would suggest (emoji ZWJ sequences, skin-tone modifiers, flags, keycaps, tag
# sequences). Text without them is measured code point by code point.
_CLUSTERY_ASTRAL = re.compile("[\U0001f1e6-\U0001f1ff\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")


def clustery(text: str) -> bool:
    """Whether ``text`` holds any of those (``in`` is much faster than a
    character class with both BMP and astral ranges)."""
    return (
        "\u200d" in text
        or "\ufe0f" in text
        or "\u20e3" in text
        or _CLUSTERY_ASTRAL.search(text) is not None
    )


CLUSTER = regex.compile(r"\X")

__all__ = ["cell_width", "char_width", "widths_from_codes"]


def widths_from_codes(text: str, text_codes: str, known: bool | None = None) -> bytes:
    """Per code point widths of ``text`` (VS16 widens the emoji before it).

    ``known``: clustery(text), if known."""
    widths = text_codes.translate(TO_WIDTH).encode("ascii")
    if VS16 in text and _NARROW_TO_WIDE:
        # The emoji itself becomes two cells wide (so that wrapping never
        # separates it from its selector), the selector stays zero.
        fixed = bytearray(widths)
        last = -1
        for i, ch in enumerate(text):
            if ch == VS16:
                if last >= 0 and text[last] in _NARROW_TO_WIDE:
                    fixed[last] = 2
                last = -1
            elif fixed[i]:
                last = i
        widths = bytes(fixed)
    if known or (known is None and clustery(text)):
        widths = _per_cluster(text, widths)
    return widths


def _per_cluster(text: str, widths: bytes) -> bytes:
    """A multi-character cluster's whole width on its first character.

    Zero on the others keeps wrapping (which cuts after zero-width characters)
    from splitting it. Inside a cluster the character after a ZWJ adds
    nothing: the terminal draws the sequence as one glyph (Rich counts it so).
    """
    fixed = bytearray(widths)
    for mo in CLUSTER.finditer(text):
        a, b = mo.span()
        if b - a < 2:
            continue
        total = sum(fixed[a:b])
        total -= sum(fixed[i + 1] for i in range(a, b - 1) if text[i] == ZWJ)
        fixed[a] = total
        fixed[a + 1 : b] = bytes(b - a - 1)
    return bytes(fixed)


def cell_width(visual_text: str) -> int:
    """Cells the terminal uses to draw ``visual_text``."""
    if visual_text.isascii() and visual_text.isprintable():
        return len(visual_text)
    return sum(widths_from_codes(visual_text, codes(visual_text)))


def cluster_starts(text: str, known: bool | None = None) -> str:
    """"+" for each character that continues the grapheme cluster of the one
    before it, "." otherwise; "" when only letters and their marks cluster
    (the reorderer keeps marks with their base by their bidi class)."""
    if not (known or (known is None and clustery(text))):
        return ""
    flags = bytearray(b"+" * len(text))
    for mo in CLUSTER.finditer(text):
        flags[mo.start()] = 0x2E
    return flags.decode("ascii")
