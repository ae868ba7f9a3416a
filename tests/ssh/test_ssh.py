"""Reading articles over a real SSH session.

A throwaway OpenSSH server on 127.0.0.1 (conftest.py), `ssh -tt` from a
pseudo-terminal of 100x30 (ssh forwards the size), the remote locale set to C
as it often is on servers, keys typed as a user types them, and the screen read
with pyte: what the user would see.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import unicodedata
from pathlib import Path

from cli.pty_session import WAIT, PtySession, hermetic_env, logical, tuireader_command
from tuireader.settings.paths import bundled_samples

SAMPLES = bundled_samples()
FIRST, SECOND = sorted(SAMPLES.glob("0*.txt"))[:2]


def title_of(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0].strip()


def no_marks(text: str) -> str:
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def shows_title(session: PtySession, title: str) -> bool:
    """Some screen row, read right to left and unshaped, holds the whole title."""
    want = no_marks(title)
    return any(want in no_marks(logical(line)) for line in session.lines())


def dateline_at_right(session: PtySession) -> bool:
    rows = [line for line in session.lines() if "- Pyongyang, Nordkorea" in line]
    return bool(rows) and rows[0].rstrip(" │").endswith("Pyongyang, Nordkorea")


def remote(tmp_path: Path, *args: str, **env: str) -> str:
    """The command line run on the server: C locale, our program, hermetic dirs."""
    settings = {
        "LANG": "C",
        "TERM": "xterm-256color",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        **env,
    }
    if os.environ.get("PYTHONPATH"):  # the tree under test, not another install
        settings["PYTHONPATH"] = os.environ["PYTHONPATH"]
    assignments = [f"{k}={shlex.quote(v)}" for k, v in settings.items()]
    return " ".join(["env", *assignments, *map(shlex.quote, [*tuireader_command(), *args])])


def without_terminal(command: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    """Run ``command`` with no terminal anywhere (output captured; a hang guard)."""
    return subprocess.run(
        command,
        capture_output=True,
        timeout=WAIT,
        stdin=subprocess.DEVNULL,
        env=hermetic_env(tmp_path),
    )


def test_reading_the_samples_over_ssh(ssh_server, tmp_path):
    command = ssh_server.command(remote(tmp_path, str(SAMPLES)))
    with PtySession(command, hermetic_env(tmp_path / "client"), cols=100, rows=30) as session:
        # The first article opens with the list: title, metadata, comment count.
        session.wait_for(lambda: shows_title(session, title_of(FIRST)), "the first title")
        # Each fact is awaited, not read once: a read can land mid-redraw.
        session.wait_for_text("Pyongyang, Nordkorea")
        session.wait_for_text("Kommentare (0)")
        session.wait_for_text("Ort")
        # Arabic arrives shaped (presentation forms), not as bare letters.
        session.wait_for(
            lambda: any("\ufe70" <= ch <= "\ufeff" for ch in session.text()), "shaped Arabic"
        )
        # Right-to-left: the dateline starts the paragraph, so it sits at the right.
        session.wait_for(lambda: dateline_at_right(session), "the dateline at the right end")

        session.send("j")
        session.send("\r")
        session.wait_for(lambda: shows_title(session, title_of(SECOND)), "the second title")

        session.send("q")
        assert session.wait_exit() == 0, session.dump()
        raw = bytes(session.raw)
        # the terminal is handed back: alternate screen left, bidi mode restored
        assert b"\x1b[?1049l" in raw and raw.rindex(b"\x1b[?1049l") < raw.rindex(b"\x1b[8h")
        assert b"Traceback" not in raw


def test_print_over_ssh_without_a_terminal(ssh_server, tmp_path):
    command = ssh_server.command(remote(tmp_path, "--print", str(FIRST), "--width", "70"))
    command.remove("-tt")
    proc = without_terminal(command, tmp_path)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    out = proc.stdout.decode("utf-8")
    assert "\x1b" not in out
    lines = out.splitlines()
    assert logical(lines[0]).strip() == title_of(FIRST)
    assert any(line.rstrip().endswith("Ort") and "Pyongyang, Nordkorea" in line for line in lines)
    assert lines[-1].strip() == "Kommentare (0)"


def test_the_reader_refuses_without_a_terminal_over_ssh(ssh_server, tmp_path):
    command = ssh_server.command(remote(tmp_path, str(SAMPLES)))
    command.remove("-tt")
    proc = without_terminal([*command[:1], "-T", *command[1:]], tmp_path)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "not a terminal" in err and "--print" in err and "Traceback" not in err
