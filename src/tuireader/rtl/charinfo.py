"""Per-character facts as one ASCII code per character.

Bidi class, cell width and Arabic joining type are packed into a single code
(class * 9 + width * 3 + joining), so one str.translate over a paragraph (a
plain dict, filled on demand) yields everything, and the per-fact strings
come from ASCII-to-ASCII translations, which CPython runs in a fast path.
Level resolution and wrapping then work on these ASCII strings.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.cells import get_character_cell_size

from . import joining

CLASS_LETTERS = "LRAEstNcmbBSWO"
# Bidi_Class -> one-letter code used by the resolver (levels.py).
BIDI_CODE = {
    "L": "L", "R": "R", "AL": "A", "EN": "E", "ES": "s", "ET": "t", "AN": "N",
    "CS": "c", "NSM": "m", "BN": "b", "B": "B", "S": "S", "WS": "W", "ON": "O",
    # Explicit embeddings, overrides and isolates never survive cleaning;
    # should one slip through, it is removed like a BN (rule X9).
    "LRE": "b", "RLE": "b", "LRO": "b", "RLO": "b", "PDF": "b",
    "LRI": "b", "RLI": "b", "FSI": "b", "PDI": "b",
}  # fmt: skip
JOIN_LETTERS = "DRU"


def char_width(char: str) -> int:
    """Cells taken by one code point on its own (0, 1 or 2)."""
    cat = unicodedata.category(char)
    if cat in ("Mn", "Me", "Cc") or (cat == "Cf" and unicodedata.bidirectional(char) != "AN"):
        return 0
    return get_character_cell_size(char)


_TABLE: dict[int, str] = {}


def _fill(cps) -> None:
    for cp in cps:
        ch = chr(cp)
        bidi = BIDI_CODE.get(unicodedata.bidirectional(ch), "O")
        join = joining.join_type(ch)
        width = char_width(ch)
        _TABLE[cp] = chr(CLASS_LETTERS.index(bidi) * 9 + width * 3 + JOIN_LETTERS.index(join))
        if join == "U":
            joining.GLYPHS.setdefault(cp, ch)


# Filled with the characters met, not up front (filling the Latin, Arabic and
# Hebrew blocks took 10 ms of every start; a screen of titles meets a hundred
# characters or so). ASCII is filled now: an ASCII character missing from the
# table would come out of translate() unchanged, and so look like a code.
_fill(range(0x80))


@lru_cache(maxsize=64)  # paragraph_direction() and prepare() ask in turn
def codes(text: str) -> str:
    """One ASCII code per code point of ``text``."""
    out = text.translate(_TABLE)
    if not out.isascii():  # characters missing from the table stay as they are
        _fill({ord(ch) for ch in text} - _TABLE.keys())
        out = text.translate(_TABLE)
    return out


_ALL = [chr(c) for c in range(len(CLASS_LETTERS) * 9)]
TO_CLASS = str.maketrans({c: CLASS_LETTERS[ord(c) // 9] for c in _ALL})
TO_WIDTH = str.maketrans({c: chr(ord(c) % 9 // 3) for c in _ALL})
TO_JOIN = str.maketrans({c: JOIN_LETTERS[ord(c) % 3] for c in _ALL})


def classes(text: str) -> str:
    """One bidi class letter (see BIDI_CODE) per code point of ``text``."""
    return codes(text).translate(TO_CLASS)
