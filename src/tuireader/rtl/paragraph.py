"""Width-independent preparation of one paragraph, cached.

Cleaning, shaping, level resolution, cell widths and word boundaries do not
depend on the line width, so a resize only re-wraps and re-reorders lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from .cells import char_widths
from .classes import classes
from .levels import resolve_levels
from .shaping import HARAKAT, shape

# Never reach the screen: C0/C1 controls (newlines are split off before) and
# explicit bidi embeddings, overrides and isolates.
_REMOVE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TAB = "\t"
TAB_SIZE = 8
LRM, RLM, ALM, ZWNJ = "\u200e", "\u200f", "\u061c", "\u200c"
_MARKS_ONLY = frozenset((LRM, RLM, ALM))
# Spaces that allow a line break (no-break spaces excluded).
BREAK_SPACES = " \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
_TOKENS = re.compile(f"([{BREAK_SPACES}]+)|[^{BREAK_SPACES}]+")


@dataclass(frozen=True, slots=True)
class Prepared:
    """One paragraph (no line separators) ready to be wrapped.

    All sequences are indexed by position in ``text``, which holds only what
    may be drawn: shaped (in app mode with shaping) logical characters.
    """

    text: str
    src: tuple[int, ...]  # index in the caller's string of each char
    levels: str  # resolved embedding level of each char, as a digit
    cls: str  # original bidi class letter of each char (after shaping)
    prefix: tuple[int, ...]  # prefix[i] = cells of text[:i]
    words: tuple[tuple[int, int], ...]  # non-space runs, in logical order
    rtl: bool


def clean(text: str, harakat: bool) -> tuple[str, list[int]]:
    """Drop controls (and harakat unless kept), expand tabs; keep a source map."""
    needs = _REMOVE.search(text) or _TAB in text or (not harakat and HARAKAT.search(text))
    if not needs:
        return text, list(range(len(text)))
    out: list[str] = []
    src: list[int] = []
    col = 0
    for i, ch in enumerate(text):
        if ch == _TAB:
            n = TAB_SIZE - col % TAB_SIZE
            out.append(" " * n)
            src.extend([i] * n)
            col += n
        elif _REMOVE.match(ch) or (not harakat and HARAKAT.match(ch)):
            continue
        else:
            out.append(ch)
            src.append(i)
            col += 1
    return "".join(out), src


@lru_cache(maxsize=4096)
def prepare(text: str, rtl: bool, mode: str, do_shape: bool, harakat: bool) -> Prepared:
    """Prepare one paragraph; ``text`` must not contain line separators."""
    s, src = clean(text, harakat)
    if mode == "app" and do_shape:
        s, src = shape(s, src)
    cls = classes(s)
    levels = resolve_levels(s, rtl, cls)
    # Invisible format characters have done their work (joining, direction)
    # and are not drawn. A terminal that shapes needs ZWNJ, so it stays there.
    if "b" in cls or not _MARKS_ONLY.isdisjoint(s):
        keep_zwnj = mode == "terminal"
        keep = [
            i
            for i, (ch, c) in enumerate(zip(s, cls, strict=True))
            if not (c == "b" and not (keep_zwnj and ch == ZWNJ)) and ch not in _MARKS_ONLY
        ]
        if len(keep) != len(s):
            s = "".join(s[i] for i in keep)
            src = [src[i] for i in keep]
            levels = "".join(levels[i] for i in keep)
            cls = "".join(cls[i] for i in keep)
    prefix = tuple(accumulate(char_widths(s), initial=0))
    words = tuple(mo.span() for mo in _TOKENS.finditer(s) if mo.group(1) is None)
    return Prepared(s, tuple(src), levels, cls, prefix, words, rtl)
