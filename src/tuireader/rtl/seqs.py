"""Small sequence helpers that keep the work in C slices."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import Any, TypeVar, overload

_S = TypeVar("_S", bound=Sequence[Any])


@overload
def cut(seq: range, positions: Sequence[int]) -> list[int]: ...
@overload
def cut(seq: _S, positions: Sequence[int]) -> _S: ...
def cut(seq: Any, positions: Sequence[int]) -> Any:
    """``seq`` (str, list, tuple or range) without the items at the sorted
    ``positions`` (a range comes back as a list)."""
    if not positions:
        return list(seq) if isinstance(seq, range) else seq
    parts: list[Any] = []
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
