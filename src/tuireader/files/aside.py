"""Moving a damaged file out of the way without losing it."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import overload


@overload
def move_aside(path: Path, expected: None = None) -> Path: ...
@overload
def move_aside(path: Path, expected: bytes) -> Path | None: ...
def move_aside(path: Path, expected: bytes | None = None) -> Path | None:
    """Rename ``path`` to the first free ``<name>.corrupt[.N]`` beside it.

    Returns the new path; raises OSError when the move fails. The file is
    kept, never deleted, so the user can mend it and put it back. With
    ``expected``, the file is moved only if it still holds those bytes (else
    None: someone replaced it meanwhile, with a good file perhaps). An
    existing ``.corrupt`` file is never overwritten, even by a racing mover.
    """
    if expected is not None:
        try:
            if path.read_bytes() != expected:
                return None
        except FileNotFoundError:
            return None
    n = 0
    while True:
        target = path.with_name(f"{path.name}.corrupt{'' if n == 0 else f'.{n}'}")
        try:
            os.link(path, target)  # fails if the target exists: no check-then-replace
        except FileExistsError:
            n += 1
            continue
        except OSError:  # no hard links here (some network and FAT file systems)
            if os.path.lexists(target):
                n += 1
                continue
            os.replace(path, target)
            return target
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        return target
