"""Unicode bidi classes as one-letter codes, bracket pairs and mirror glyphs.

Level resolution runs regular expressions over a string of one-letter class
codes, which keeps the per-character work in C.
"""

from __future__ import annotations

import unicodedata

from bidi.mirror import MIRRORED

# Bidi_Class -> one-letter code used by the resolver.
CODE = {
    "L": "L",
    "R": "R",
    "AL": "A",
    "EN": "E",
    "ES": "s",
    "ET": "t",
    "AN": "N",
    "CS": "c",
    "NSM": "m",
    "BN": "b",
    "B": "B",
    "S": "S",
    "WS": "W",
    "ON": "O",
    # Explicit embeddings/overrides/isolates never survive cleaning; should one
    # slip through, it is removed like a BN (rule X9).
    "LRE": "b",
    "RLE": "b",
    "LRO": "b",
    "RLO": "b",
    "PDF": "b",
    "LRI": "b",
    "RLI": "b",
    "FSI": "b",
    "PDI": "b",
}


class _ClassTable(dict):
    """str.translate table: code point -> class letter, filled on demand."""

    def __missing__(self, cp: int) -> str:
        code = CODE.get(unicodedata.bidirectional(chr(cp)), "O")
        self[cp] = code
        return code


CLASS_TABLE = _ClassTable()


def classes(text: str) -> str:
    """One class letter per code point of ``text``."""
    return text.translate(CLASS_TABLE)


def _bracket_tables() -> tuple[dict[str, str], dict[str, str]]:
    """Opening -> closing and closing -> opening paired brackets (BD14-BD16).

    Paired brackets are the mirrored Ps/Pe characters of class ON; their pair
    is their mirror glyph. U+2329/U+232A are canonically equal to U+3008/U+3009.
    """
    opening: dict[str, str] = {}
    closing: dict[str, str] = {}
    for ch, mate in MIRRORED.items():
        if unicodedata.bidirectional(ch) != "ON":
            continue
        cat = unicodedata.category(ch)
        if cat == "Ps" and unicodedata.category(mate) == "Pe":
            opening[ch] = mate
        elif cat == "Pe" and unicodedata.category(mate) == "Ps":
            closing[ch] = mate
    return opening, closing


OPENING, CLOSING = _bracket_tables()
# Canonical equivalents compare equal when pairing (BD16).
CANON = {"\u2329": "\u3008", "\u232a": "\u3009"}
BRACKETS = frozenset(OPENING) | frozenset(CLOSING)

# L4: characters drawn as their mirror image at odd levels.
MIRROR_TABLE = {ord(k): v for k, v in MIRRORED.items()}
MIRRORABLE = frozenset(MIRRORED)
