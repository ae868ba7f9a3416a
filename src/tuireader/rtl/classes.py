"""Unicode bidi classes as one-letter codes, bracket pairs and mirror glyphs.

Level resolution runs regular expressions over a string of one-letter class
codes, which keeps the per-character work in C.
"""

from __future__ import annotations

import re
import unicodedata

from bidi.mirror import MIRRORED

from .charinfo import classes

__all__ = ["BRACKETS", "BRACKET_RE", "CANON", "CLOSING", "MIRRORED", "OPENING", "classes"]


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
BRACKET_RE = re.compile("[" + "".join(map(re.escape, sorted(BRACKETS))) + "]")

# L4: characters drawn as their mirror image at odd levels.
MIRROR_TABLE = {ord(k): v for k, v in MIRRORED.items()}
MIRRORABLE = frozenset(MIRRORED)
