"""Per-character facts as one ASCII code per character.

Bidi class, cell width and Arabic joining type are packed into a single code,
one per distinct (class, width, joining type) combination met (all of Unicode
has about sixty), so one str.translate over a paragraph (a plain dict, filled
on demand) yields everything, and the per-fact strings come from
ASCII-to-ASCII translations, which CPython runs in a fast path. Level
resolution and wrapping then work on these ASCII strings.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rich.cells import get_character_cell_size

from . import joining

# Bidi_Class -> one-letter code used by the resolver (levels.py).
BIDI_CODE = {
    "L": "L", "R": "R", "AL": "A", "EN": "E", "ES": "s", "ET": "t", "AN": "N",
    "CS": "c", "NSM": "m", "BN": "b", "B": "B", "S": "S", "WS": "W", "ON": "O",
    # explicit embeddings, overrides and isolates (see levels.py)
    "LRE": "x", "RLE": "y", "LRO": "X", "RLO": "Y", "PDF": "p",
    "LRI": "i", "RLI": "j", "FSI": "f", "PDI": "q",
}  # fmt: skip
# Joining types (ArabicShaping.txt): D dual, R right, L left, C join-causing,
# U non-joining, T transparent.
JOIN_LETTERS = "DRLCUT"


def char_width(char: str) -> int:
    """Cells taken by one code point on its own (0, 1 or 2)."""
    cat = unicodedata.category(char)
    if cat in ("Mn", "Me", "Cc") or (cat == "Cf" and unicodedata.bidirectional(char) != "AN"):
        return 0
    return get_character_cell_size(char)


_TABLE: dict[int, str] = {}
# code char -> bidi class letter / width (as chr(0..2)) / joining type letter
TO_CLASS: dict[int, str] = {}
TO_WIDTH: dict[int, str] = {}
TO_JOIN: dict[int, str] = {}
_CODE_OF: dict[tuple[str, int, str], str] = {}


def _code(bidi: str, width: int, join: str) -> str:
    key = (bidi, width, join)
    code = _CODE_OF.get(key)
    if code is None:
        if len(_CODE_OF) >= 128:  # cannot happen with Unicode 16's data
            return _code(bidi, width, "U") if join != "U" else _code(bidi, 1, "U")
        code = _CODE_OF[key] = chr(len(_CODE_OF))
        TO_CLASS[ord(code)], TO_WIDTH[ord(code)], TO_JOIN[ord(code)] = bidi, chr(width), join
    return code


# Layout runs on the UI thread and in workers at once: one filler at a time
# (two could give two combinations the same code), and a character enters
# _TABLE only once its glyphs are registered, since a code in the table is
# what tells shaping the glyphs are there (a lookup needs no lock).
_FILL_LOCK = threading.Lock()


def _fill(cps: Iterable[int]) -> None:
    with _FILL_LOCK:
        for cp in cps:
            if cp in _TABLE:
                continue
            ch = chr(cp)
            bidi = BIDI_CODE.get(unicodedata.bidirectional(ch), "O")
            join = joining.join_type(ch)
            joining.register(ch, join)
            _TABLE[cp] = _code(bidi, char_width(ch), join)


# Filled with the characters met, not up front (filling the Latin, Arabic and
# Hebrew blocks would take 10 ms of every start; a screen of titles meets a hundred
# characters or so). ASCII is filled at import: an ASCII character missing from the
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


def classes(text: str) -> str:
    """One bidi class letter (see BIDI_CODE) per code point of ``text``."""
    return codes(text).translate(TO_CLASS)
