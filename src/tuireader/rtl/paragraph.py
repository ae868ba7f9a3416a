"""Width-independent preparation of one paragraph, cached.

Cleaning, shaping, level resolution, cell widths and word boundaries do not
depend on the line width, so a resize only re-wraps and re-reorders lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import regex

from .cells import CLUSTER, cluster_starts, clustery, widths_from_codes
from .charinfo import TO_CLASS, codes
from .compose import compose
from .levels import resolve_levels
from .seqs import cut
from .shaping import HARAKAT, shape

# Never reach the screen: C0/C1 controls (newlines are split off before) and
# lone surrogates (from undecodable file names; no terminal can be sent one).
# Tabs are expanded. Explicit bidi controls stay until levels are resolved.
_CONTROLS = "\x00-\x1f\x7f-\x9f\ud800-\udfff"
_REMOVE = re.compile(f"[{_CONTROLS}]")
_REMOVE_AND_HARAKAT = re.compile(f"[{_CONTROLS}{HARAKAT.pattern[1:-1]}]")
_TAB = "\t"
TAB_SIZE = 8
LRM, RLM, ALM, ZWNJ, ZWJ = "\u200e", "\u200f", "\u061c", "\u200c", "\u200d"
SHY = "\u00ad"  # soft hyphen
_SHY = re.compile(SHY)
EXT_PICT = regex.compile(r"\p{Extended_Pictographic}")
_MARKS_ONLY = re.compile(f"[{LRM}{RLM}{ALM}]")
# BN and explicit bidi controls (see charinfo.BIDI_CODE): not drawn
_BN = re.compile("[bxyXYpijfq]")
# explicit embeddings, overrides and isolates (classes x y X Y p i j f q)
_EXPLICIT_CHARS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@dataclass(frozen=True, slots=True)
class Prepared:
    """One paragraph (no line separators) ready to be wrapped.

    All sequences are indexed by position in ``text``, which holds only what
    may be drawn: shaped (in app mode with shaping) logical characters.
    """

    text: str
    src: tuple[int, ...]  # index in the caller's string of each char
    levels: str  # resolved embedding level of each char, as a digit
    # original bidi class letter of each char ("W": a space to break at; "h":
    # a soft hyphen, drawn only as "-" at the end of a line broken there)
    cls: str
    prefix: tuple[int, ...]  # prefix[i] = cells of text[:i]
    rtl: bool
    # "+" for a char that continues the grapheme cluster before it (emoji
    # sequences, flags, keycaps); "" when no such cluster (see cells.py)
    joined: str = ""


def clean(text: str, harakat: bool) -> tuple[str, list[int], list[int] | None]:
    """Drop controls (and harakat unless kept), expand tabs; keep a source map.

    Also returns the positions removed from ``text`` (None if tabs were
    expanded), so that facts computed on ``text`` can be carried over.
    """
    drop = _REMOVE if harakat else _REMOVE_AND_HARAKAT
    if _TAB not in text:
        removed = [mo.start() for mo in drop.finditer(text)]
        return cut(text, removed), cut(range(len(text)), removed), removed
    out: list[str] = []
    src: list[int] = []
    pos = 0
    col = 0  # code points since the start, for tab stops
    for mo in drop.finditer(text):
        i = mo.start()
        out.append(text[pos:i])
        src.extend(range(pos, i))
        col += i - pos
        if text[i] == _TAB:
            n = TAB_SIZE - col % TAB_SIZE
            out.append(" " * n)
            src.extend([i] * n)
            col += n
        pos = i + 1
    out.append(text[pos:])
    src.extend(range(pos, len(text)))
    return "".join(out), src, None


@lru_cache(maxsize=4096)
def prepare(text: str, rtl: bool, mode: str, do_shape: bool, harakat: bool) -> Prepared:
    """Prepare one paragraph; ``text`` must not contain line separators."""
    composed, composed_src = compose(text)
    s, src, removed = clean(composed, harakat)
    # codes(text) is usually cached already (paragraph_direction asked for it)
    text_codes = codes(s) if removed is None else cut(codes(composed), removed)
    if mode == "app" and do_shape:
        s, src, shaped_codes = shape(s, src, text_codes)
        text_codes = codes(s) if shaped_codes is None else shaped_codes
    cls = text_codes.translate(TO_CLASS)
    explicit = any(ch in s for ch in _EXPLICIT_CHARS)  # (much faster than a regex)
    levels = resolve_levels(s, rtl, cls, explicit)
    # Invisible format characters have done their work (joining, direction)
    # and are not drawn. A terminal that shapes needs ZWNJ, so it stays there.
    drop = [mo.start() for mo in _BN.finditer(cls)] if explicit or "b" in cls else []
    if drop and mode == "terminal":
        drop = [i for i in drop if s[i] != ZWNJ]
    if drop and ZWJ in s:  # a ZWJ inside an emoji sequence is part of the glyph
        inside = _emoji_joiners(s)
        drop = [i for i in drop if i not in inside]
    if drop and SHY in s:  # a break opportunity: kept (class "h") until wrapped
        drop = [i for i in drop if s[i] != SHY]
    if _MARKS_ONLY.search(s):
        drop = sorted(drop + [mo.start() for mo in _MARKS_ONLY.finditer(s)])
    if drop:
        s, src, levels, cls = cut(s, drop), cut(src, drop), cut(levels, drop), cut(cls, drop)
        text_codes = cut(text_codes, drop)
    if SHY in s:
        cls = _mark_soft_hyphens(s, cls)
    emoji = clustery(s)
    prefix = tuple(accumulate(widths_from_codes(s, text_codes, emoji), initial=0))
    joined = cluster_starts(s, emoji)
    if "+" in joined:  # a cluster moves as one unit: one level for all of it
        unified = list(levels)
        for i, flag in enumerate(joined):
            if flag == "+":
                unified[i] = unified[i - 1]
        levels = "".join(unified)
    if composed_src is not None:
        src = [composed_src[i] for i in src]
    return Prepared(s, tuple(src), levels, cls, prefix, rtl, joined)


def _mark_soft_hyphens(s: str, cls: str) -> str:
    parts: list[str] = []
    pos = 0
    for mo in _SHY.finditer(s):
        parts += [cls[pos : mo.start()], "h"]
        pos = mo.end()
    parts.append(cls[pos:])
    return "".join(parts)


def _emoji_joiners(s: str) -> set[int]:
    """Positions of the ZWJs that join two pictographs of one cluster."""
    return {
        i
        for mo in CLUSTER.finditer(s)
        if ZWJ in mo.group()
        for i in range(mo.start(), mo.end() - 1)
        if s[i] == ZWJ and EXT_PICT.match(s, i + 1)
    }
