"""Shared by the fault tests: a small library, the real program on a pty, the
state file as the next start would read it, and the terminal modes read back
from the bytes the program wrote."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

from cli.pty_session import PtySession, hermetic_env, tuireader_command

ALT_SCREEN = (b"\x1b[?1049h", b"\x1b[?1049l")  # (set, reset)
BIDI = (b"\x1b[8l", b"\x1b[8h")  # explicit (app), implicit (the terminal's default)


def make_library(root: Path, n: int = 6) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(1, n + 1):
        (root / f"a{i:02}.txt").write_text(
            f"Article number {i}\n\nThe body of article {i}.\n" * 1, encoding="utf-8"
        )
    return root


def state_file(home: Path) -> Path:
    return home / "state" / "tuireader" / "state.json"


def saved_marks(home: Path, root: Path) -> set[str]:
    """The read marks the next start would see for ``root`` (none if no file)."""
    try:
        data = json.loads(state_file(home).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return set()
    section = data.get("libraries", {}).get(str(root.resolve()), {})
    return set(section.get("read", []))


def start(home: Path, root: Path, *args: str, cols: int = 100, rows: int = 30,
          **env: str) -> PtySession:
    return PtySession([*tuireader_command(), str(root), *args], child_env(home, **env),
                      cols=cols, rows=rows)


def child_env(home: Path, **env: str) -> dict[str, str]:
    """A hermetic environment that still runs the code under test (PYTHONPATH)."""
    if os.environ.get("PYTHONPATH"):
        env.setdefault("PYTHONPATH", os.environ["PYTHONPATH"])
    return hermetic_env(home, **env)


_UNREAD = re.compile(r"(\d+) unread · (\d+)")


def unread_count(session: PtySession) -> int | None:
    match = _UNREAD.search(session.text())
    return int(match.group(1)) if match else None


def wait_unread(session: PtySession, n: int) -> None:
    session.wait_for(lambda: unread_count(session) == n, f"'{n} unread' on screen")


def restored(raw: bytes, set_seq: bytes, reset_seq: bytes) -> bool:
    """The mode is off at the end: reset after the last time it was set (or never set)."""
    last_set = raw.rfind(set_seq)
    return last_set < 0 or raw.rfind(reset_seq) > last_set


_PRIVATE_MODE = re.compile(rb"\x1b\[\?(\d+)[hl]")
# Modes on by default that an app turns off (autowrap, the cursor): restored by "h".
_ON_BY_DEFAULT = {b"7", b"25"}
_KITTY_PUSH, _KITTY_POP = re.compile(rb"\x1b\[>\d*u"), b"\x1b[<u"


def modes_left_on(raw: bytes) -> list[str]:
    """The terminal modes left changed after everything ``raw`` did: every
    private mode the program set (alternate screen, mouse, bracketed paste,
    focus events, ...) reset, every default it cleared (cursor, autowrap) set
    again, the kitty keyboard mode popped and the bidi mode back to implicit."""
    left = []
    for mode in sorted(set(_PRIVATE_MODE.findall(raw))):
        on, off = b"\x1b[?" + mode + b"h", b"\x1b[?" + mode + b"l"
        changed, back = (off, on) if mode in _ON_BY_DEFAULT else (on, off)
        if not restored(raw, changed, back):
            left.append(f"mode ?{mode.decode()}" + (" (cursor hidden)" if mode == b"25" else ""))
    pushes = [m.start() for m in _KITTY_PUSH.finditer(raw)]
    if pushes and raw.rfind(_KITTY_POP) < pushes[-1]:
        left.append("kitty keyboard mode")
    if not restored(raw, *BIDI):
        left.append("explicit bidi (CSI 8 h never sent)")
    return left


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


WAIT = 60.0  # a ceiling against hangs, never a speed requirement


def wait_until(predicate, what: str, session: PtySession | None = None,
               timeout: float = WAIT) -> None:
    """Poll ``predicate`` (reading the terminal meanwhile, if any) until it holds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        if session is not None and not session.eof:
            session.pump(0.05)
        else:
            time.sleep(0.05)  # (a poll interval: the condition is what is waited for)
