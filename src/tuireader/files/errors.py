"""What went wrong with a file or folder, in words a person can act on ("… is
a file, not a folder", "the disk is full"), not the bare ``strerror`` ("File
exists"): ``describe_os_error`` for an article file or a path given on the
command line, ``describe_place_error`` for a folder the reader keeps its own
files in. Pure."""

from __future__ import annotations

import errno
import os
from pathlib import Path


def blocking_file(folder: Path) -> Path | None:
    """The nearest of ``folder`` and its parents that exists but is not a
    folder (so nothing can be created below it), or None."""
    for part in (folder, *folder.parents):
        try:
            if part.exists():
                return None if part.is_dir() else part
        except OSError:
            return None
    return None


# errno -> (about an article file or a path given, about a folder of our own).
# None: that kind of path has no words of its own for it; the system's are used.
_WORDS: dict[int, tuple[str | None, str | None]] = {
    errno.ENOENT: ("no such file (it may have been moved or deleted)", "the folder does not exist"),
    errno.EACCES: (
        "permission denied",
        "permission denied (check the folder's owner and permissions)",
    ),
    errno.ELOOP: ("symbolic link loop", None),
    errno.EISDIR: ("is a directory", None),
    errno.ENOTDIR: ("a parent of the path is not a directory", None),
    errno.ENAMETOOLONG: (
        "file name too long",
        "a name in the path is too long for the file system",
    ),
    errno.ENXIO: ("no such device", None),
    errno.ENODEV: ("no such device", None),
    errno.EIO: (
        "input/output error",
        "input/output error (is the disk or network share still there?)",
    ),
    errno.ENOSPC: (None, "the disk is full"),
    errno.EROFS: (None, "the disk is mounted read-only"),
}
_WORDS[errno.EPERM] = _WORDS[errno.EACCES]
if getattr(errno, "EDQUOT", errno.ENOSPC) != errno.ENOSPC:
    _WORDS[errno.EDQUOT] = (None, "the disk quota is used up")


def describe_place_error(exc: OSError, folder: Path | None = None) -> str:
    """Why ``folder`` (or a file in it) cannot be read or written."""
    if exc.errno in (errno.EEXIST, errno.ENOTDIR) and folder is not None:
        blocker = blocking_file(Path(folder))
        if blocker is not None:
            return f"{blocker} is a file, not a folder (move it away or rename it)"
    return _WORDS.get(exc.errno or 0, (None, None))[1] or _plain(exc)


def describe_os_error(exc: OSError) -> str:
    """A short, user-facing description of an OS error (no path in it)."""
    return _WORDS.get(exc.errno or 0, (None, None))[0] or _plain(exc)


def _plain(exc: OSError) -> str:
    """The system's own words for ``exc``, as the end of a sentence."""
    code = exc.errno
    reason = exc.strerror or (os.strerror(code) if code else type(exc).__name__)
    return reason[:1].lower() + reason[1:]
