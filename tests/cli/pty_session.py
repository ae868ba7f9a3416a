"""Run a program on a pseudo-terminal, keep every byte it writes, and read the
screen a user would see through pyte (a terminal emulator in Python).

The one way the tests run the real program on a terminal: the pseudo-terminal
tests here, the hostile-input tests in tests/hostile and the SSH test in
tests/ssh. Every wait is for a condition, bounded by ``WAIT`` so that a hang
fails the test (with the screen) instead of blocking the suite; the child is
killed on the way out.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import pyte

# How long any single wait may last before the test fails with a screen dump.
# A guard against hangs, not a speed requirement: generous, for loaded machines.
WAIT = 60.0


def tuireader_command() -> list[str]:
    """The installed console script when present (what users run), else -m."""
    script = Path(sys.executable).with_name("tuireader")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "tuireader"]


def home_env(home: Path) -> dict[str, str]:
    """HOME and the XDG directories (config, state, cache, data) under ``home``."""
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
    }


def hermetic_env(home: Path, **extra: str) -> dict[str, str]:
    """A whole environment with config, state and cache under ``home``."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        **home_env(home),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
    }
    if os.environ.get("PYTHONPATH"):  # the tree under test, when not installed
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    env.update(extra)
    return env


class PtySession:
    """A child process on a pseudo-terminal of ``cols`` x ``rows`` cells.

    ``raw`` holds every byte it wrote; ``screen`` is what a terminal shows
    (fed from ``raw`` when read, so tests that only check bytes pay nothing
    for it). Use as a context manager, or call ``close()``.
    """

    def __init__(
        self,
        argv: Sequence[str | bytes],
        env: dict[str, str],
        cols: int = 100,
        rows: int = 30,
        cwd: str | os.PathLike[str] | None = None,
    ) -> None:
        self.cols, self.rows = cols, rows
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

        def become_session_leader() -> None:
            # A session of its own with the pty as controlling terminal, like a
            # shell in a real terminal (SIGWINCH and job control work).
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            preexec_fn=become_session_leader,
            close_fds=True,
        )
        os.close(slave)
        self.raw = bytearray()
        self.eof = False
        self._screen = pyte.Screen(cols, rows)
        self._stream = pyte.Stream(self._screen)
        self._decode = codecs.getincrementaldecoder("utf-8")("replace").decode
        self._fed = 0  # how much of ``raw`` the screen has seen

    def __enter__(self) -> PtySession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------

    def pump(self, timeout: float = 0.05) -> int:
        """Read what is there (waiting up to ``timeout``); the number of bytes read."""
        if self.eof:
            return 0
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return 0
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:  # EIO: every holder of the child side closed it
            data = b""
        if not data:
            self.eof = True
            return 0
        self.raw += data
        return len(data)

    def wait_for(self, predicate: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
        """Read until ``predicate`` holds; fail with the screen if it never does."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline or self.eof:
                if predicate():  # (the last read may have brought it)
                    return
                raise AssertionError(
                    f"timed out waiting for {what}; screen:\n{self.dump()}\n"
                    f"last bytes: {bytes(self.raw[-600:])!r}"
                )
            self.pump()

    def wait_for_text(self, text: str, timeout: float = WAIT) -> None:
        """Until ``text`` is on the screen."""
        self.wait_for(lambda: text in self.text(), repr(text), timeout)

    def wait_for_bytes(self, needle: bytes, timeout: float = WAIT) -> None:
        """Until the program has written ``needle`` (anywhere in its output)."""
        self.wait_for(lambda: needle in self.raw, repr(needle), timeout)

    def settle(self, quiet: float = 0.1, timeout: float = WAIT) -> None:
        """Read until nothing arrives for ``quiet`` seconds (the app looks idle).

        Not a proof of anything: wait for what a test checks, then settle if a
        later read should not see a redraw still on its way.
        """
        deadline = time.monotonic() + timeout
        last = time.monotonic()
        while time.monotonic() < deadline and not self.eof:
            if self.pump(min(quiet / 2, 0.05)):
                last = time.monotonic()
            elif time.monotonic() - last >= quiet:
                return

    def wait_exit(self, timeout: float = WAIT) -> int:
        """The exit status, once the program ended and its output is read."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            code = self.proc.poll()
            if code is not None:
                # all it wrote is in the terminal's buffer: read to the end
                # (or to a pause, should something it started keep the terminal)
                while self.pump(0.2):
                    pass
                return code
        raise AssertionError(f"program did not exit; screen:\n{self.dump()}")

    # -- writing -------------------------------------------------------------

    def send(self, data: bytes | str) -> None:
        os.write(self.master, data.encode() if isinstance(data, str) else data)

    # -- the screen ----------------------------------------------------------

    @property
    def screen(self) -> pyte.Screen:
        """The terminal's screen after everything read so far."""
        if self._fed < len(self.raw):
            self._stream.feed(self._decode(bytes(self.raw[self._fed :])))
            self._fed = len(self.raw)
        return self._screen

    def lines(self) -> list[str]:
        return list(self.screen.display)

    def text(self) -> str:
        return "\n".join(self.lines())

    def dump(self) -> str:
        return "\n".join(f"{i:2}|{line}|" for i, line in enumerate(self.lines()))

    def close(self) -> None:
        """Kill the child's process group if it still runs; close the terminal."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=10)
        try:
            os.close(self.master)
        except OSError:
            pass


def logical(visual: str) -> str:
    """Screen cells of a right-to-left run back in reading order, unshaped:
    reverse the cells, then NFKC folds presentation forms (and lam-alef
    ligatures) back into plain letters. Independent of the app's engine."""
    return unicodedata.normalize("NFKC", visual[::-1])
