"""Run a program on a pseudo-terminal, keep every byte it writes, and read the
screen a user would see through pyte (a terminal emulator in Python).

Shared by the pseudo-terminal tests here and the SSH test in tests/ssh.
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
# A guard against hangs, not a speed requirement.
WAIT = 30.0


def set_winsize(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def tuireader_command() -> list[str]:
    """The installed console script when present (what users run), else -m."""
    script = Path(sys.executable).with_name("tuireader")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "tuireader"]


def hermetic_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with config, state and cache under ``home``."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
    }
    env.update(extra)
    return env


class PtySession:
    def __init__(
        self,
        argv: Sequence[str],
        env: dict[str, str],
        cols: int = 100,
        rows: int = 30,
        cwd: str | os.PathLike[str] | None = None,
    ) -> None:
        self.cols, self.rows = cols, rows
        self.master, slave = os.openpty()
        set_winsize(slave, cols, rows)

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
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.Stream(self.screen)
        self._decode = codecs.getincrementaldecoder("utf-8")("replace").decode

    # -- reading -------------------------------------------------------------

    def pump(self, timeout: float = 0.1) -> bool:
        """Read what is available; False at end of output."""
        if self.eof:
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the other side closed
            data = b""
        if not data:
            self.eof = True
            return False
        self.raw += data
        self.stream.feed(self._decode(data))
        return True

    def wait_for(self, predicate: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline or (self.eof and not predicate()):
                raise AssertionError(
                    f"timed out waiting for {what}; screen:\n{self.dump()}\n"
                    f"last bytes: {bytes(self.raw[-400:])!r}"
                )
            self.pump()

    def wait_for_text(self, text: str, timeout: float = WAIT) -> None:
        self.wait_for(lambda: text in self.text(), repr(text), timeout)

    def settle(self, quiet: float = 0.5, timeout: float = WAIT) -> None:
        """Read until nothing arrives for ``quiet`` seconds (the app is idle)."""
        deadline = time.monotonic() + timeout
        last = len(self.raw)
        quiet_since = time.monotonic()
        while time.monotonic() < deadline and not self.eof:
            self.pump(0.05)
            if len(self.raw) != last:
                last = len(self.raw)
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet:
                return

    def wait_exit(self, timeout: float = WAIT) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            code = self.proc.poll()
            if code is not None and (self.eof or not self.pump(0.2)):
                return code
        raise AssertionError(f"program did not exit; screen:\n{self.dump()}")

    # -- writing -------------------------------------------------------------

    def send(self, data: bytes | str) -> None:
        os.write(self.master, data.encode() if isinstance(data, str) else data)

    def resize(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        set_winsize(self.master, cols, rows)
        self.screen.resize(rows, cols)
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGWINCH)

    # -- the screen ----------------------------------------------------------

    def lines(self) -> list[str]:
        return list(self.screen.display)

    def text(self) -> str:
        return "\n".join(self.lines())

    def dump(self) -> str:
        return "\n".join(f"{i:2}|{line}|" for i, line in enumerate(self.lines()))

    def close(self) -> None:
        end_child(self.proc, self.master)


def end_child(proc: subprocess.Popen, master: int) -> None:
    """Kill the child's process group if it still runs, and close its terminal."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)
    try:
        os.close(master)
    except OSError:
        pass


def logical(visual: str) -> str:
    """Screen cells of a right-to-left run back in reading order, unshaped:
    reverse the cells, then NFKC folds presentation forms (and lam-alef
    ligatures) back into plain letters. Independent of the app's engine."""
    return unicodedata.normalize("NFKC", visual[::-1])


def strip_marks(text: str) -> str:
    """Drop combining marks (harakat): the app hides them by default."""
    return "".join(c for c in text if not unicodedata.combining(c))
