"""UAX #9 explicit rules (X1-X10) for a paragraph holding direction controls.

Isolates (LRI, RLI, FSI ... PDI) and embeddings (LRE, RLE ... PDF) are
honoured as the standard says. Overrides (LRO, RLO) count as the embedding of
the same direction: they set the direction of the text they enclose but do not
force the direction of its letters, so "invoice\u202egnp.exe" cannot be made to
read "invoice.exe.png" (see docs/rtl.md). Everything ends with the paragraph:
the engine lays out each paragraph (and each title, metadata field, list row)
on its own, so an unterminated control never reaches the next one.

Levels stay single digits: nesting deeper than MAX_DEPTH (7, where UAX #9
allows 125) overflows as the standard describes for its own limit.

Only paragraphs with such controls come here; the rest take the faster path
of levels.py (one isolating run sequence at the paragraph level).
"""

from __future__ import annotations

from bisect import bisect_left

MAX_DEPTH = 7
_OPEN_EMBEDDING = "xyXY"  # LRE RLE LRO RLO
_OPEN_ISOLATE = "ijf"  # LRI RLI FSI
_PDF, _PDI = "p", "q"
_REMOVED = "xyXYpb"  # X9: embeddings, overrides, PDF and BN
_STRONG_RTL = "RA"


def _matching_pdis(cls: str) -> dict[int, int]:
    """BD9: isolate initiator position -> its matching PDI position."""
    stack: list[int] = []
    out: dict[int, int] = {}
    for i, c in enumerate(cls):
        if c in _OPEN_ISOLATE:
            stack.append(i)
        elif c == _PDI and stack:
            out[stack.pop()] = i
    return out


def _first_strong_is_rtl(cls: str, start: int, end: int, match: dict[int, int]) -> bool:
    """P2/P3 on cls[start:end], skipping nested isolates (for FSI)."""
    i = start
    while i < end:
        c = cls[i]
        if c in "LRA":
            return c in _STRONG_RTL
        if c in _OPEN_ISOLATE:
            if i not in match:
                return False
            i = match[i]
        i += 1
    return False


def explicit_levels(cls: str, rtl: bool) -> tuple[list[int], dict[int, int]]:
    """X1-X8: the embedding level of every char, and the matching PDIs."""
    base = 1 if rtl else 0
    match = _matching_pdis(cls)
    n = len(cls)
    levels = [base] * n
    stack: list[tuple[int, bool]] = [(base, False)]  # (level, is an isolate)
    overflow_isolates = overflow_embeddings = valid_isolates = 0
    for i, c in enumerate(cls):
        level = stack[-1][0]
        if c in _OPEN_EMBEDDING or c in _OPEN_ISOLATE:
            isolate = c in _OPEN_ISOLATE
            if c == "f":
                to_rtl = _first_strong_is_rtl(cls, i + 1, match.get(i, n), match)
            else:
                to_rtl = c in "yYj"
            new = (level + 1) | 1 if to_rtl else (level + 2) & ~1
            levels[i] = level
            if new <= MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                if isolate:
                    valid_isolates += 1
                stack.append((new, isolate))
            elif isolate:
                overflow_isolates += 1
            elif overflow_isolates == 0:
                overflow_embeddings += 1
        elif c == _PDI:
            if overflow_isolates:
                overflow_isolates -= 1
            elif valid_isolates:
                overflow_embeddings = 0
                while not stack[-1][1]:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            levels[i] = stack[-1][0]
        elif c == _PDF:
            if overflow_isolates:
                pass
            elif overflow_embeddings:
                overflow_embeddings -= 1
            elif not stack[-1][1] and len(stack) > 1:
                stack.pop()
            levels[i] = stack[-1][0]
        else:
            levels[i] = level
    return levels, match


def _sequences(
    kept: list[int], levels: list[int], cls: str, match: dict[int, int]
) -> list[list[int]]:
    """BD13: isolating run sequences, as lists of positions (X9 chars left out)."""
    runs: list[list[int]] = []
    for i in kept:
        if runs and levels[runs[-1][-1]] == levels[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    run_of_start = {run[0]: k for k, run in enumerate(runs)}
    pdis = set(match.values())
    used = [False] * len(runs)
    out: list[list[int]] = []
    for k, run in enumerate(runs):
        if used[k]:
            continue
        if cls[run[0]] == _PDI and run[0] in pdis:
            continue  # continues the sequence of its initiator
        seq: list[int] = []
        while True:
            used[k] = True
            seq += run
            last = run[-1]
            if cls[last] in _OPEN_ISOLATE and last in match:
                k = run_of_start.get(match[last], -1)
                if k < 0:
                    break
                run = runs[k]
            else:
                break
        out.append(seq)
    return out


def resolve_explicit(text: str, rtl: bool, cls: str) -> str:
    """Levels (one digit per char) of a paragraph holding explicit controls."""
    # Imported here: levels.py imports this module lazily, and only for
    # paragraphs that need it.
    from .levels import levels_from_types_at, resolve_classes

    base = 1 if rtl else 0
    levels, match = explicit_levels(cls, rtl)
    kept = [i for i, c in enumerate(cls) if c not in _REMOVED]
    final = list(levels)
    for seq in _sequences(kept, levels, cls, match):
        level = levels[seq[0]]
        first, last = seq[0], seq[-1]
        k = bisect_left(kept, first)
        before = levels[kept[k - 1]] if k else base
        k = bisect_left(kept, last) + 1
        after = levels[kept[k]] if k < len(kept) and cls[last] not in _OPEN_ISOLATE else base
        sos = "R" if max(level, before) % 2 else "L"
        eos = "R" if max(level, after) % 2 else "L"
        emb = "R" if level % 2 else "L"
        sub_cls = []
        for k, i in enumerate(seq):
            c = cls[i]
            if c in _OPEN_ISOLATE or c == _PDI:
                c = "O"  # isolate controls are neutrals of the sequence
            elif c == "m" and k and cls[seq[k - 1]] in "ijfq":
                c = "O"  # W1: a mark after an isolate control
            sub_cls.append(c)
        sub_text = "".join(text[i] for i in seq)
        types = resolve_classes(sub_text, "".join(sub_cls), sos == "R", eos, emb)
        for i, lv in zip(seq, levels_from_types_at(types, level), strict=True):
            final[i] = lv
    # X9 chars take the level of the char before them (they are not drawn).
    previous = base
    for i, c in enumerate(cls):
        if c in _REMOVED:
            final[i] = previous
        previous = final[i]
    return "".join(map(str, final))
