"""Real faulty places for the fault tests: a small tmpfs that fills up or turns
read-only (needs root and mount: CI runs as root; elsewhere the tests skip and
say so), and code run as an unprivileged user (root ignores permissions, so a
permission test as root would prove nothing)."""

from __future__ import annotations

import contextlib
import errno
import os
import pickle
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

NOBODY = 65534


@contextlib.contextmanager
def small_tmpfs(size: str = "2m") -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mnt = Path(tempfile.mkdtemp(prefix="tuireader-tmpfs-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs",
                           str(mnt)], capture_output=True, text=True)
    if done.returncode != 0:
        mnt.rmdir()
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); CI can")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)
        with contextlib.suppress(OSError):
            mnt.rmdir()


def remount_read_only(mnt: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True, capture_output=True)


def fill(mnt: Path) -> Path:
    """Write one file until the file system is full; returns it."""
    filler = mnt / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        for size in (1 << 16, 1 << 10, 1):  # big pieces, then the last few bytes
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


@contextlib.contextmanager
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user can reach (pytest's tmp_path is private)."""
    path = Path(tempfile.mkdtemp(prefix="tuireader-fault-"))
    os.chmod(path, 0o777)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def as_unprivileged(fn: Callable[[], object]) -> object:
    """``fn()`` in a forked child that dropped root for user ``nobody``; its
    return value (or the exception it raised) comes back pickled. Everything
    ``fn`` imports must be imported before (the interpreter's own folder may
    be closed to that user)."""
    if os.geteuid() != 0:
        pytest.skip("dropping privileges needs root (CI runs as root)")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            assert os.geteuid() == NOBODY
            result: object = ("ok", fn())
        except BaseException as exc:  # noqa: BLE001 - handed to the parent
            result = ("error", repr(exc))
        with os.fdopen(write, "wb") as out:
            out.write(pickle.dumps(result))
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as src:
        data = src.read()
    os.waitpid(pid, 0)
    status, value = pickle.loads(data)
    assert status == "ok", value
    return value


def as_ordinary_user(fn: Callable[[], object]) -> object:
    """``fn()`` without root's right to read anything: as ``nobody`` when the
    suite runs as root (as CI does), else as the user running it."""
    return as_unprivileged(fn) if os.geteuid() == 0 else fn()
