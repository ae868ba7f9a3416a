"""The list snapshot: the list rows, marshalled into one file beside the index.

Pure (no Textual). Written after each refresh; a warm start loads 100,000
rows from it several times faster than SQLite hands them out row by row.
The index's ``list_gen`` (bumped by every write that changes the list) is
stored in the header and tells whether the snapshot is current; anything
else (missing, cut short, foreign) reads as no snapshot.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tuireader.index.store import IndexDB

SNAPSHOT_SUFFIX = "-entries"
_MAGIC = b"TRLIST2\n"
# Rows per marshalled piece: unmarshalling holds the interpreter, so 100,000
# rows in one piece would freeze the interface for most of a second while a
# thread loads them; a piece takes a few ms.
SNAPSHOT_CHUNK = 4000
_LEN = 4  # bytes of each piece's length


def snapshot_path_for(db_path: Path) -> Path:
    return Path(str(db_path) + SNAPSHOT_SUFFIX)


class ListSnapshot:
    """The snapshot file of one index (none for an index kept in memory)."""

    def __init__(self, db: IndexDB) -> None:
        self._db = db
        self.path = snapshot_path_for(db.path)

    def read(self, *, header_only: bool = False) -> list | None:
        """The snapshot's rows if it matches the index, else None.

        With ``header_only`` only the generation is checked ([] if current).
        """
        if self._db.memory:
            return None
        try:
            with open(self.path, "rb") as f:
                head = f.read(len(_MAGIC) + 8)
                if head[: len(_MAGIC)] != _MAGIC:
                    return None
                gen = int.from_bytes(head[len(_MAGIC) :], "little")
                if gen != self._db.list_gen():
                    return None
                if header_only:
                    return []
                data = memoryview(f.read())
            return _unpack(data)
        except (OSError, ValueError, EOFError, TypeError, sqlite3.Error):
            return None

    def write(self, rows: list) -> None:
        """Write ``rows`` (marshallable tuples) as the current snapshot."""
        if self._db.memory:
            return
        gen = self._db.list_gen()
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as f:
                f.write(_MAGIC + gen.to_bytes(8, "little"))
                for start in range(0, len(rows), SNAPSHOT_CHUNK):
                    piece = marshal.dumps(rows[start : start + SNAPSHOT_CHUNK])
                    f.write(len(piece).to_bytes(_LEN, "little"))
                    f.write(piece)
            os.replace(tmp, self.path)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _unpack(data: memoryview) -> list | None:
    """The rows of the pieces after the header (None if any piece is cut or odd)."""
    rows: list = []
    pos = 0
    while pos < len(data):
        size = int.from_bytes(data[pos : pos + _LEN], "little")
        end = pos + _LEN + size
        if size == 0 or end > len(data):
            return None
        piece = marshal.loads(data[pos + _LEN : end])
        if not isinstance(piece, list):
            return None
        rows += piece
        pos = end
    return rows
