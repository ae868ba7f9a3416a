"""Small sequence helpers that keep the work in C slices."""

from __future__ import annotations

from itertools import chain


def cut(seq, positions):
    """``seq`` (str, list or tuple) without the items at the sorted ``positions``."""
    if not positions:
        return seq
    parts = []
    pos = 0
    for p in positions:
        parts.append(seq[pos:p])
        pos = p + 1
    parts.append(seq[pos:])
    if isinstance(seq, str):
        return "".join(parts)
    return type(seq)(chain.from_iterable(parts))
