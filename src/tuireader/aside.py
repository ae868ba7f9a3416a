"""Moving a damaged file out of the way without losing it."""

from __future__ import annotations

import os
from pathlib import Path


def move_aside(path: Path) -> Path:
    """Rename ``path`` to the first free ``<name>.corrupt[.N]`` beside it.

    Returns the new path; raises OSError when the rename fails. The file is
    kept, never deleted, so the user can mend it and put it back.
    """
    n = 0
    while True:
        target = path.with_name(f"{path.name}.corrupt{'' if n == 0 else f'.{n}'}")
        if not target.exists():
            break
        n += 1
    os.replace(path, target)
    return target
