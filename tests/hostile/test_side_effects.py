"""Nothing in an article acts outside the app: no browser is started (on a
server, over SSH, that would be a browser on someone else's machine), no file
is written anywhere but the state and cache directories, and clicking text
that looks like Textual markup (``[@click=app.quit]``, ``[link=...]``) does
nothing. Checked on the real program under a pseudo-terminal."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from cli.pty_session import PtySession, hermetic_env, tuireader_command

from .corpus import Corpus

COLS, ROWS = 100, 30
BROWSERS = ["xdg-open", "gio", "gvfs-open", "sensible-browser", "x-www-browser", "www-browser",
            "firefox", "chromium", "google-chrome", "links", "elinks", "lynx", "w3m", "open"]


def tree(*roots: Path, skip: tuple[Path, ...] = ()) -> dict[str, tuple]:
    """Every path under ``roots`` with its type, size and mtime (nothing opened)."""
    out = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            here = Path(dirpath)
            dirnames[:] = [d for d in dirnames if here / d not in skip]
            for name in dirnames + filenames:
                st = os.lstat(here / name)
                kind = stat.S_IFMT(st.st_mode)
                size = st.st_size if stat.S_ISREG(st.st_mode) else 0
                out[str(here / name)] = (kind, size, st.st_mtime_ns if size else 0)
    return out


def fake_browsers(bin_dir: Path, trap: Path) -> None:
    """Executables under every name a browser launcher tries; each leaves a trace."""
    bin_dir.mkdir()
    for name in BROWSERS:
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\necho "{name} $*" >> "{trap}"\n')
        script.chmod(0o755)


def cells(p: PtySession) -> list[str]:
    """The screen's rows, one string item per cell (so an index is a column)."""
    buffer = p.screen.buffer
    return ["".join(buffer[y][x].data or " " for x in range(COLS)) for y in range(ROWS)]


def targets(rows: list[str]) -> list[tuple[int, int]]:
    """Cells on the words that look like links or markup actions."""
    found = []
    for needle in ("QUITME", "LINKY", "SHOT", "[@click", "[link=", "MARKUP-B"):
        for y, row in enumerate(rows):
            if needle in row:
                found.append((row.index(needle) + 1, y))
    return found


def click(p: PtySession, x: int, y: int, times: int = 1) -> None:
    """SGR mouse clicks at 0-based cell (x, y)."""
    for _ in range(times):
        p.send(f"\x1b[<0;{x + 1};{y + 1}M\x1b[<0;{x + 1};{y + 1}m".encode())


def test_article_text_triggers_nothing_outside_the_app(corpus: Corpus, tmp_path, home):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    trap = tmp_path / "browser-was-started"
    fake_browsers(tmp_path / "bin", trap)
    env = hermetic_env(home, COLORTERM="truecolor", BROWSER=str(tmp_path / "bin" / "firefox"),
                       PATH=f"{tmp_path / 'bin'}:{os.environ.get('PATH', '/usr/bin:/bin')}",
                       DISPLAY=":0", WAYLAND_DISPLAY="wayland-0")
    allowed = (home / "state" / "tuireader", home / "cache" / "tuireader")
    before = tree(tmp_path, corpus.root, skip=allowed)

    with PtySession([*tuireader_command(), str(corpus.root)], env, cols=COLS, rows=ROWS,
                    cwd=cwd) as p:
        p.wait_for_bytes(b"GOOD-PLAIN")
        p.settle(0.3)
        p.send(b"jjj")  # 004_markup.txt
        # the article drawn in full (a read as its first bytes arrive would miss some)
        p.wait_for(lambda: len(targets(cells(p))) >= 5, "the markup article's link words")
        p.settle(0.3)
        for x, y in targets(cells(p)):
            click(p, x, y)
            click(p, x, y, times=2)
            p.settle(0.1)
            assert p.proc.poll() is None, f"clicking at {(x, y)} ended the app"
        for key in (b"o", b"\r", b"o", b"\x1b[Z"):  # "o" opens links in other readers
            p.send(key)
            p.settle(0.1)
        time.sleep(0.3)
        p.pump()
        assert p.proc.poll() is None
        p.send(b"q")
        assert p.wait_exit() == 0

    assert not trap.exists(), f"a browser was started: {trap.read_text()}"
    after = tree(tmp_path, corpus.root, skip=allowed)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    # the directories holding the allowed ones change (an entry appears in them)
    changed -= {str(home / "state"), str(home / "cache")}
    changed -= {str(p) for p in allowed}
    assert not changed, f"files written outside the state and cache directories: {changed}"
    assert any(allowed[0].iterdir()), "the read marks were not saved"
