"""Paragraph direction (``Direction``, owned here) by the dominant strong direction.

First-strong detection (python-bidi's and ICU's default) makes an Arabic
paragraph that opens with a Latin dateline left-to-right; counting strong
characters does not.
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache

from .charinfo import classes


class Direction(str, Enum):
    """A paragraph's or an article's base direction."""

    LTR = "ltr"
    RTL = "rtl"


def strong_counts(text: str) -> tuple[int, int]:
    """(left-to-right, right-to-left) strong characters in ``text``."""
    cls = classes(text)
    return cls.count("L"), cls.count("R") + cls.count("A")


@lru_cache(maxsize=8192)
def paragraph_direction(text: str, fallback: Direction) -> Direction:
    """RTL if right-to-left letters outnumber left-to-right ones; ties -> fallback."""
    ltr, rtl = strong_counts(text)
    if rtl > ltr:
        return Direction.RTL
    if ltr > rtl:
        return Direction.LTR
    return Direction(fallback)
