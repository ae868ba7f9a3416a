"""UAX #9 implicit level resolution for one paragraph (rules W1-W7, N0-N2, I1-I2).

Article text reaches the engine without explicit embeddings, overrides or
isolates (the sanitizer strips them, and so does the engine's own cleaning), so
a paragraph is a single isolating run sequence at the paragraph level with
sos = eos = the paragraph direction. LRM, RLM and ALM are ordinary strong
characters here. Most rules are regular-expression rewrites of a string of
one-letter class codes (see classes.py); only bracket pairing (N0) walks
characters, and only when the paragraph holds brackets.

Levels are returned as a string of digits, one per code point.
"""

from __future__ import annotations

import re

from .classes import BRACKETS, CANON, OPENING, classes

_W1_LEADING = re.compile(r"^m+")
_W1 = re.compile(r"(.)(m+)")
_W2 = re.compile(r"A[^LRA]*")
_W4_EN = re.compile(r"(?<=E)[sc](?=E)")
_W4_AN = re.compile(r"(?<=N)c(?=N)")
_W5 = re.compile(r"t+(?=E)|(?<=E)t+")
_W6 = str.maketrans("stc", "OOO")
_W7 = re.compile(r"L[^LR]*")
_N1_R = re.compile(r"(?<=[RNE])[BSWO]+(?=[RNE])")
_N1_L = re.compile(r"(?<=L)[BSWO]+(?=L)")
_NI = re.compile(r"[BSWO]")
_STRONG_FOR_N0 = str.maketrans("EN", "RR")
_I_EVEN = str.maketrans("LREN", "0122")
_I_ODD = str.maketrans("LREN", "2122")


def _same(mo: re.Match[str], ch: str) -> str:
    return ch * (mo.end() - mo.start())


def resolve_classes(text: str, cls: str, rtl: bool) -> str:
    """Resolved types (L, R, E, N only) for ``text`` whose classes are ``cls``.

    ``cls`` must not contain BN ('b'): remove those first (X9).
    """
    sos = "R" if rtl else "L"
    s = cls
    # W1: a mark takes the type of the character before it (sos at the start).
    if "m" in s:
        s = _W1_LEADING.sub(lambda mo: _same(mo, sos), s)
        s = _W1.sub(lambda mo: mo.group(1) * (mo.end() - mo.start()), s)
    # W2: European digits after Arabic letters are Arabic numbers.
    if "A" in s and "E" in s:
        s = _W2.sub(lambda mo: mo.group().replace("E", "N"), s)
    # W3
    s = s.replace("A", "R")
    # W4: a single separator between two numbers of the same kind joins them.
    if "s" in s or "c" in s:
        s = _W4_EN.sub("E", s)
        s = _W4_AN.sub("N", s)
    # W5: terminators next to European numbers (e.g. "%", "$") are numbers.
    if "t" in s:
        s = _W5.sub(lambda mo: _same(mo, "E"), s)
    # W6
    s = s.translate(_W6)
    # W7: European numbers after Latin text (or at the start of an LTR
    # paragraph) are Latin.
    if "E" in s:
        s = _W7.sub(lambda mo: mo.group().replace("E", "L"), sos + s)[1:]
    # N0: paired brackets.
    if "O" in s and not BRACKETS.isdisjoint(text):
        s = _resolve_brackets(text, cls, s, sos)
    # N1: neutrals between two runs of the same direction take it (numbers
    # count as right-to-left); N2: the rest take the paragraph direction.
    if "O" in s or "W" in s or "S" in s or "B" in s:
        s = sos + s + sos
        s = _N1_R.sub(lambda mo: _same(mo, "R"), s)
        s = _N1_L.sub(lambda mo: _same(mo, "L"), s)
        s = _NI.sub(sos, s[1:-1])
    return s


def levels_from_types(types: str, rtl: bool) -> str:
    """I1/I2: one level digit per resolved type."""
    return types.translate(_I_ODD if rtl else _I_EVEN)


def resolve_levels(text: str, rtl: bool, cls: str | None = None) -> str:
    """Embedding level (as a digit) of every code point of one paragraph.

    BN characters (ZWJ, ZWNJ, soft hyphen...) are removed for resolution (X9)
    and given the level of the character before them.
    """
    if cls is None:
        cls = classes(text)
    if "b" not in cls:
        return levels_from_types(resolve_classes(text, cls, rtl), rtl)
    keep = [i for i, c in enumerate(cls) if c != "b"]
    sub_text = "".join(text[i] for i in keep)
    sub_cls = "".join(cls[i] for i in keep)
    sub_levels = levels_from_types(resolve_classes(sub_text, sub_cls, rtl), rtl)
    out = []
    prev = "1" if rtl else "0"
    j = 0
    for c in cls:
        if c == "b":
            out.append(prev)
        else:
            prev = sub_levels[j]
            out.append(prev)
            j += 1
    return "".join(out)


def _bracket_pairs(text: str, s: str) -> list[tuple[int, int]]:
    """BD16: pairs of matching brackets (both still neutral), by opening position."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch not in BRACKETS or s[i] != "O":
            continue
        if ch in OPENING:
            if len(stack) == 63:
                break
            closer = OPENING[ch]
            stack.append((CANON.get(closer, closer), i))
        else:
            key = CANON.get(ch, ch)
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == key:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    pairs.sort()
    return pairs


def _resolve_brackets(text: str, cls: str, s: str, sos: str) -> str:
    pairs = _bracket_pairs(text, s)
    if not pairs:
        return s
    types = list(s)
    emb = sos
    opp = "L" if emb == "R" else "R"
    for o, c in pairs:
        inside = "".join(types[o + 1 : c]).translate(_STRONG_FOR_N0)
        if emb in inside:
            new = emb
        elif opp in inside:
            new = emb
            for k in range(o - 1, -2, -1):
                prev = sos if k < 0 else types[k].translate(_STRONG_FOR_N0)
                if prev in ("L", "R"):
                    new = opp if prev == opp else emb
                    break
        else:
            continue
        for pos in (o, c):
            types[pos] = new
            # Marks on a bracket follow its new type.
            k = pos + 1
            while k < len(cls) and cls[k] == "m":
                types[k] = new
                k += 1
    return "".join(types)
