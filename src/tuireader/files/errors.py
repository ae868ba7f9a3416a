"""What went wrong with a file or folder, in words a person can act on ("… is
a file, not a folder", "the disk is full"), not the bare ``strerror`` ("File
exists"): ``describe_os_error`` for an article file or a path given on the
command line, ``describe_place_error`` for a folder the reader keeps its own
files in. Pure."""

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
    return _plain(exc)


def describe_os_error(exc: OSError) -> str:
    """A short, user-facing description of an OS error (no path in it)."""
    code = exc.errno
    if code == errno.ENOENT:
        return "no such file (it may have been moved or deleted)"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.ELOOP:
        return "symbolic link loop"
    if code == errno.EISDIR:
        return "is a directory"
    if code == errno.ENOTDIR:
        return "a parent of the path is not a directory"
    if code == errno.ENAMETOOLONG:
        return "file name too long"
    if code in (errno.ENXIO, errno.ENODEV):
        return "no such device"
    if code == errno.EIO:
        return "input/output error"
    return _plain(exc)


def _plain(exc: OSError) -> str:
    """The system's own words for ``exc``, as the end of a sentence."""
    code = exc.errno
    reason = exc.strerror or (os.strerror(code) if code else type(exc).__name__)
    return reason[:1].lower() + reason[1:]
