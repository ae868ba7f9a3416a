"""Small sequence helpers that keep the work in C slices."""

from __future__ import annotations

from itertools import chain


def cut(seq, positions):
    """``seq`` (str, list, tuple or range) without the items at the sorted
    ``positions`` (a range comes back as a list)."""
    if not positions:
        return list(seq) if isinstance(seq, range) else seq
    parts = []
    pos = 0
    for p in positions:
        parts.append(seq[pos:p])
        pos = p + 1
    parts.append(seq[pos:])
    if isinstance(seq, str):
        return "".join(parts)
    if isinstance(seq, range):
        return list(chain.from_iterable(parts))
    return type(seq)(chain.from_iterable(parts))
