"""The library scan (``scan_stamps``) as entries that know their file's path,
for tests that go on to read the files found."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tuireader.articles.scan import scan_stamps


@dataclass(frozen=True)
class Found:
    path: Path
    rel: str
    size: int | None = None
    mtime: float | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def scan(root: str | os.PathLike[str], max_depth: int | None = None) -> list[Found]:
    """Every file ``scan_stamps`` finds under ``root``; a root that is not a
    folder (a single file, or missing) is its own one entry."""
    root = Path(root)
    stamps = scan_stamps(root) if max_depth is None else scan_stamps(root, max_depth)
    whole = not os.path.isdir(root)
    return [Found(root if whole else root / rel, rel, size, mtime, error)
            for rel, size, mtime, error in stamps]
