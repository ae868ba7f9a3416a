"""What an error from the index's SQLite file means for the user.

Pure. Only a damaged file is rebuilt; a full, read-only, busy or unreachable
disk leaves a good index alone (it is still read, and the write is tried
again later). ``IndexUnavailable`` carries the kind and a sentence to show.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tuireader.files.errors import describe_place_error

CORRUPT, FULL, READONLY, BUSY, UNAVAILABLE, OTHER = (
    "corrupt", "full", "read-only", "busy", "unavailable", "other"
)

# SQLite primary result codes (sqlite3.h)
_CODES = {
    11: CORRUPT,  # SQLITE_CORRUPT
    26: CORRUPT,  # SQLITE_NOTADB
    13: FULL,  # SQLITE_FULL
    8: READONLY,  # SQLITE_READONLY
    5: BUSY,  # SQLITE_BUSY
    6: BUSY,  # SQLITE_LOCKED
    10: UNAVAILABLE,  # SQLITE_IOERR
    14: UNAVAILABLE,  # SQLITE_CANTOPEN
    3: UNAVAILABLE,  # SQLITE_PERM
    23: UNAVAILABLE,  # SQLITE_AUTH
    15: UNAVAILABLE,  # SQLITE_PROTOCOL
}
# For errors without a code (raised by hand, or an old Python): by message.
_WORDS = (
    ("malformed", CORRUPT),
    ("not a database", CORRUPT),
    ("disk is full", FULL),
    ("readonly", READONLY),
    ("read-only", READONLY),
    ("locked", BUSY),
    ("busy", BUSY),
    ("unable to open", UNAVAILABLE),
    ("disk i/o error", UNAVAILABLE),
)

_SAID = {
    FULL: "the disk is full",
    READONLY: "it is read-only",
    BUSY: "another program holds it locked",
    UNAVAILABLE: "it cannot be opened",
}


def kind_of(exc: BaseException) -> str:
    """CORRUPT, FULL, READONLY, BUSY, UNAVAILABLE or OTHER."""
    if isinstance(exc, OSError):
        return UNAVAILABLE
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _CODES:
        return _CODES[code & 0xFF]
    text = str(exc).lower()
    for words, kind in _WORDS:
        if words in text:
            return kind
    return OTHER


def is_corrupt(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.DatabaseError) and kind_of(exc) == CORRUPT


def why(exc: BaseException, folder: Path | None = None) -> str:
    """A few words on what is wrong, for a message."""
    if isinstance(exc, OSError):
        return describe_place_error(exc, folder)
    kind = kind_of(exc)
    if kind in (READONLY, UNAVAILABLE, FULL) and folder is not None:
        # SQLite only says "readonly" or "unable to open": the folder tells why
        found = _folder_trouble(Path(folder))
        if found:
            return found
    return _SAID.get(kind) or str(exc) or type(exc).__name__


def _folder_trouble(folder: Path) -> str | None:
    try:
        fs = os.statvfs(folder)
        if fs.f_flag & os.ST_RDONLY:
            return "the disk is mounted read-only"
        if not os.access(folder, os.W_OK | os.X_OK):
            return "permission denied (check the folder's owner and permissions)"
        if fs.f_bavail == 0:
            return "the disk is full"
    except OSError as exc:
        return describe_place_error(exc, folder)
    return None


class IndexUnavailable(Exception):
    """The index could not be written (or read) for a reason other than damage.

    Nothing was deleted; ``message`` says what is wrong and what still works.
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
