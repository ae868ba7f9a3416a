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
from bisect import bisect_left, insort

from .classes import BRACKET_RE, CANON, OPENING, classes
from .seqs import cut

_BN = re.compile("b")
_EXPLICIT = re.compile("[xyXYpijfq]")
_W1_LEADING = re.compile(r"^m+")
_W1 = re.compile(r"(.)(m+)")
_E_RUN = re.compile(r"E+")
_W4_EN = re.compile(r"E[sc](?=E)")
_W4_AN = re.compile(r"Nc(?=N)")
_W5_BEFORE = re.compile(r"t+(?=E)")
_W5_AFTER = re.compile(r"Et+")
_W6 = str.maketrans("stc", "OOO")
_NEUTRALS = re.compile(r"[BSWO]+")
_AS_STRONG = {"L": "L", "R": "R", "E": "R", "N": "R"}  # numbers count as R in N1
_STRONG_FOR_N0 = str.maketrans("EN", "RR")
_I_EVEN = str.maketrans("LREN", "0122")
_I_ODD = str.maketrans("LREN", "2122")


def _same(mo: re.Match[str], ch: str) -> str:
    return ch * (mo.end() - mo.start())


_STRONG = {t: re.compile(f"[{t}]") for t in ("LRA", "LR", "LREN")}


def _numbers_after(s: str, strong: str, sos: str, after: str, new: str) -> str:
    """European-number runs whose last preceding strong type (among
    ``strong``) is ``after`` become ``new`` (rules W2 and W7)."""
    parts: list[str] = []
    pos = 0
    n = len(s)
    backwards = s[::-1]  # regular expressions only search forwards
    find = _STRONG[strong].search
    last, last_end = sos, 0
    for mo in _E_RUN.finditer(s):
        # Look back only as far as the previous run: beyond it the answer is
        # the previous run's (this keeps the whole pass linear).
        found = find(backwards, n - mo.start(), n - last_end)
        if found is not None:
            last = found.group()
        last_end = mo.end()
        if last == after:
            parts += [s[pos : mo.start()], new * (mo.end() - mo.start())]
            pos = mo.end()
    if not parts:
        return s
    parts.append(s[pos:])
    return "".join(parts)


def resolve_classes(
    text: str, cls: str, rtl: bool, eos: str | None = None, emb: str | None = None
) -> str:
    """Resolved types (L, R, E, N only) for ``text`` whose classes are ``cls``.

    ``cls`` must not contain BN ('b'): remove those first (X9). ``text`` is
    one isolating run sequence whose sos is the direction ``rtl`` gives; its
    eos and embedding direction ("L"/"R") default to the same.
    """
    sos = "R" if rtl else "L"
    eos = eos or sos
    emb = emb or sos
    s = cls
    # W1: a mark takes the type of the character before it (sos at the start).
    if "m" in s:
        s = _W1_LEADING.sub(lambda mo: _same(mo, sos), s)
        s = _W1.sub(lambda mo: mo.group(1) * (mo.end() - mo.start()), s)
    # W2: European digits after Arabic letters are Arabic numbers.
    if "A" in s and "E" in s:
        s = _numbers_after(s, "LRA", sos, "A", "N")
    # W3
    s = s.replace("A", "R")
    # W4: a single separator between two numbers of the same kind joins them.
    if "s" in s or "c" in s:
        s = _W4_EN.sub("EE", s)
        s = _W4_AN.sub("NN", s)
    # W5: terminators next to European numbers (e.g. "%", "$") are numbers.
    if "t" in s:
        s = _W5_BEFORE.sub(lambda mo: _same(mo, "E"), s)
        s = _W5_AFTER.sub(lambda mo: _same(mo, "E"), s)
    # W6
    s = s.translate(_W6)
    # W7: European numbers after Latin text (or at the start of an LTR
    # paragraph) are Latin.
    if "E" in s:
        s = _numbers_after(s, "LR", sos, "L", "L")
    # N0: paired brackets.
    if "O" in s and BRACKET_RE.search(text):
        s = _resolve_brackets(text, cls, s, sos, emb)
    # N1: neutrals between two runs of the same direction take it (numbers
    # count as right-to-left); N2: the rest take the paragraph direction.
    if "O" in s or "W" in s or "S" in s or "B" in s:
        s = _resolve_neutrals(s, sos, eos, emb)
    return s


def _resolve_neutrals(s: str, sos: str, eos: str, emb: str) -> str:
    """N1/N2 on a run sequence; ``emb`` is its embedding direction."""
    s = sos + s + eos
    # The bulk, single spaces between words of one direction, in C first.
    for strong in ("RWR", "LWL"):
        s = s.replace(strong, strong[0] * 3).replace(strong, strong[0] * 3)
    parts: list[str] = []
    pos = 0
    for mo in _NEUTRALS.finditer(s):
        a, b = mo.span()
        before, after = _AS_STRONG[s[a - 1]], _AS_STRONG[s[b]]
        parts += [s[pos:a], (before if before == after else emb) * (b - a)]
        pos = b
    if parts:
        parts.append(s[pos:])
        s = "".join(parts)
    return s[1:-1]


def levels_from_types(types: str, rtl: bool) -> str:
    """I1/I2: one level digit per resolved type."""
    return types.translate(_I_ODD if rtl else _I_EVEN)


def levels_from_types_at(types: str, level: int) -> list[int]:
    """I1/I2 for an isolating run sequence at embedding ``level``."""
    if level % 2:
        up = {"L": level + 1, "R": level, "E": level + 1, "N": level + 1}
    else:
        up = {"L": level, "R": level + 1, "E": level + 2, "N": level + 2}
    return [up[t] for t in types]


def resolve_levels(
    text: str, rtl: bool, cls: str | None = None, explicit: bool | None = None
) -> str:
    """Embedding level (as a digit) of every code point of one paragraph.

    BN characters (ZWJ, ZWNJ, soft hyphen...) are removed for resolution (X9)
    and given the level of the character before them.
    """
    if cls is None:
        cls = classes(text)
    if explicit or (explicit is None and _EXPLICIT.search(cls)):
        from .explicit import resolve_explicit

        return resolve_explicit(text, rtl, cls)
    if "b" not in cls:
        return levels_from_types(resolve_classes(text, cls, rtl), rtl)
    bn = [mo.start() for mo in _BN.finditer(cls)]
    sub = levels_from_types(resolve_classes(cut(text, bn), cls.replace("b", ""), rtl), rtl)
    parts: list[str] = []
    pos = 0
    for k, p in enumerate(bn):
        at = p - k  # where the BN would sit in the reduced string
        parts.append(sub[pos:at])
        parts.append(sub[at - 1] if at > 0 else ("1" if rtl else "0"))
        pos = at
    parts.append(sub[pos:])
    return "".join(parts)


def _bracket_pairs(text: str, s: str) -> list[tuple[int, int]]:
    """BD16: pairs of matching brackets (both still neutral), by opening position."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for mo in BRACKET_RE.finditer(text):
        i = mo.start()
        ch = text[i]
        if s[i] != "O":
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


def _resolve_brackets(text: str, cls: str, s: str, sos: str, emb: str) -> str:
    pairs = _bracket_pairs(text, s)
    if not pairs:
        return s
    opp = "L" if emb == "R" else "R"
    changed: dict[int, str] = {}  # bracket position -> its new type
    changed_at: list[int] = []  # the same positions, sorted
    backwards = s[::-1]
    for o, c in pairs:
        # Brackets are handled in order of their opening one, so none inside
        # this pair has been changed yet: ``s`` can be read as it is.
        inside = s[o + 1 : c].translate(_STRONG_FOR_N0)
        if emb in inside:
            new = emb
        elif opp in inside:
            # Context before the opening bracket, with brackets already set.
            mo = _STRONG["LREN"].search(backwards, len(s) - o)
            k = -1 if mo is None else len(s) - 1 - mo.start()
            prev = sos if k < 0 else s[k].translate(_STRONG_FOR_N0)
            j = bisect_left(changed_at, o) - 1
            if j >= 0 and changed_at[j] > k:
                prev = changed[changed_at[j]]
            new = opp if prev == opp else emb
        else:
            continue
        changed[o] = changed[c] = new
        insort(changed_at, o)
        insort(changed_at, c)
    if not changed:
        return s
    types = list(s)
    for pos, new in changed.items():
        types[pos] = new
        # Marks on a bracket follow its new type.
        k = pos + 1
        while k < len(cls) and cls[k] == "m":
            types[k] = new
            k += 1
    return "".join(types)
