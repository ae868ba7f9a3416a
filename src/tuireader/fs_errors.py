"""What went wrong with a folder the reader keeps its files in, in words a
person can act on ("… is a file, not a folder", "the disk is full"), not the
bare ``strerror`` ("File exists"). Pure."""

from __future__ import annotations

import errno
import os
from pathlib import Path

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


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


def describe_place_error(exc: OSError, folder: Path | None = None) -> str:
    """Why ``folder`` (or a file in it) cannot be read or written."""
    code = exc.errno
    if code in (errno.EEXIST, errno.ENOTDIR) and folder is not None:
        blocker = blocking_file(Path(folder))
        if blocker is not None:
            return f"{blocker} is a file, not a folder (move it away or rename it)"
    if code in _FULL:
        return "the disk is full" if code == errno.ENOSPC else "the disk quota is used up"
    if code == errno.EROFS:
        return "the disk is mounted read-only"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied (check the folder's owner and permissions)"
    if code == errno.ENAMETOOLONG:
        return "a name in the path is too long for the file system"
    if code == errno.ENOENT:
        return "the folder does not exist"
    if code == errno.EIO:
        return "input/output error (is the disk or network share still there?)"
    reason = exc.strerror or (os.strerror(code) if code else type(exc).__name__)
    return reason[:1].lower() + reason[1:]
