"""The terminal around the app: can we run a TUI here, in which encoding, and the
bidi handshake that stops terminals from reordering our already-visual text.

Pure (no Textual). Textual's Linux driver draws on ``sys.__stderr__`` and reads
``sys.__stdin__``; the handshake goes to the same stream so that it reaches the
same terminal, in order, before the driver switches to the alternate screen.
"""

from __future__ import annotations

import atexit
import codecs
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO

from tuireader.terminal.detect import passthrough
from tuireader.terminal.env import environment, is_dumb

#: ECMA-48 BDSM reset: explicit bidi mode. VTE (GNOME Terminal & co.) and mintty
#: stop reordering rows, so visual text laid out by the app is shown as is.
BIDI_EXPLICIT = "\x1b[8l"
#: BDSM set: implicit bidi mode, the terminal's default, restored on exit.
BIDI_IMPLICIT = "\x1b[8h"


def is_ssh(env: Mapping[str, str] | None = None) -> bool:
    """True inside an SSH session (the UI turns animations off there)."""
    env = environment(env)
    return bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY") or env.get("SSH_CLIENT"))


def _isatty(stream: object) -> bool:
    try:
        return bool(stream is not None and stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def tui_refusal(
    env: Mapping[str, str] | None = None,
    stdin: object = None,
    stdout: object = None,
    stderr: object = None,
) -> str | None:
    """Why the full-screen reader cannot run here, or None if it can."""
    env = environment(env)
    hint = "to print an article instead, use: tuireader --print FILE"
    if is_dumb(env):
        return f"this terminal (TERM=dumb) cannot show the reader; {hint}"
    streams = (
        ("standard input", sys.__stdin__ if stdin is None else stdin),
        ("standard output", sys.__stdout__ if stdout is None else stdout),
        ("standard error", sys.__stderr__ if stderr is None else stderr),
    )
    for name, stream in streams:
        if not _isatty(stream):
            return f"{name} is not a terminal, so the reader cannot start; {hint}"
    return None


def _is_utf8(stream: TextIO) -> bool:
    try:
        return codecs.lookup(stream.encoding or "ascii").name == "utf-8"
    except LookupError:
        return False


def ensure_utf8_output() -> None:
    """Write UTF-8 whatever the locale says.

    Over SSH the locale is often C/POSIX. Python then switches to UTF-8 by itself
    (PEP 538/540), but not with ``PYTHONUTF8=0`` or ``PYTHONIOENCODING=ascii``,
    and an ASCII stream cannot carry a single Arabic letter. The articles are
    Unicode and virtually every terminal speaks UTF-8, so we do too.
    """
    seen: set[int] = set()
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        if stream is None or id(stream) in seen:
            continue
        seen.add(id(stream))
        if not _is_utf8(stream) and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


def locale_is_utf8(env: Mapping[str, str] | None = None) -> bool:
    """Whether the environment's locale names UTF-8 (LC_ALL > LC_CTYPE > LANG)."""
    env = environment(env)
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = env.get(name)
        if value:
            low = value.lower().replace("-", "")
            return "utf8" in low
    return False


class BidiHandshake:
    """Puts the terminal in explicit bidi mode for the lifetime of the app.

    ``start()`` writes ``CSI 8 l`` (call it before the driver enters the alternate
    screen); ``stop()`` writes ``restore_sequence()``. Under tmux or GNU screen
    (``wrap``) each sequence also goes out wrapped in the multiplexer's
    passthrough, so that it reaches the terminal outside. ``stop()`` is also
    registered with atexit, so the terminal is restored even if the app dies
    with an exception that escapes every ``finally``. Idempotent.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream
        self._active = False
        self.wrap: str | None = None  # "tmux", "screen" or None

    @property
    def stream(self) -> TextIO:
        return self._stream or sys.__stderr__  # type: ignore[return-value]

    def _send(self, sequence: str) -> None:
        try:
            self.stream.write(sequence)
            self.stream.flush()
        except (OSError, ValueError):
            pass  # the terminal is gone; nothing left to restore

    def _both(self, sequence: str) -> str:
        return sequence + passthrough(sequence, self.wrap)

    def explicit_sequence(self) -> str:
        """``CSI 8 l``, and its passthrough form under a multiplexer."""
        return self._both(BIDI_EXPLICIT)

    def restore_sequence(self) -> str:
        """What puts the terminal back: ``CSI 8 h``, and its passthrough form
        under a multiplexer; empty if explicit mode was never asked for."""
        return self._both(BIDI_IMPLICIT) if self._active else ""

    def start(self, wrap: str | None = None) -> None:
        if self._active:
            return
        self.wrap = wrap
        self._active = True
        self._send(self.explicit_sequence())
        atexit.register(self.stop)

    def stop(self) -> None:
        if not self._active:
            return
        sequence = self.restore_sequence()
        self._active = False
        self._send(sequence)
        atexit.unregister(self.stop)

    @property
    def active(self) -> bool:
        return self._active

    def switched(self, mode: str) -> str:
        """For a bidi mode switch while the app runs: returns the sequence the UI must
        write through its own driver (never straight to the stream, which the
        driver's writer thread owns) and remembers whether exit must restore."""
        if mode == "app":
            if not self._active:
                self._active = True
                atexit.register(self.stop)
            return self.explicit_sequence()
        if self._active:
            sequence = self.restore_sequence()
            self._active = False
            atexit.unregister(self.stop)
            return sequence
        return self._both(BIDI_IMPLICIT)

    def rewrapped(self, wrap: str | None) -> str:
        """A multiplexer found out late (from its answer): what to write through
        the driver now, so the outer terminal hears what was already sent."""
        if wrap == self.wrap:
            return ""
        self.wrap = wrap
        return passthrough(BIDI_EXPLICIT, wrap) if self._active else ""


#: The process-wide handshake: the CLI starts it, the UI reports mode switches to it.
HANDSHAKE = BidiHandshake()


def restore_terminal() -> None:
    """Undo what the handshake did to the terminal (``CSI 8 h``, also through
    tmux/screen). Every exit path calls this: normal exit, an exception, atexit,
    and signal handlers. Safe to call more than once."""
    HANDSHAKE.stop()


@contextmanager
def bidi_explicit_mode(enabled: bool = True, stream: TextIO | None = None) -> Iterator[None]:
    """Run the body in explicit bidi mode (if ``enabled``), restoring it afterwards."""
    if not enabled:
        yield
        return
    handshake = BidiHandshake(stream)
    handshake.start()
    try:
        yield
    finally:
        handshake.stop()
