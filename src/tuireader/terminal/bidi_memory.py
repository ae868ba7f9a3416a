"""Bidi modes the user asked to keep, per terminal: ``{"Konsole": "app"}``.

``bidi = "auto"`` picks a mode from what the terminal says it is; a user whose
Konsole has bidi rendering turned off wants ``app`` there every time. Kept in
one small JSON file in the state directory. Pure (no Textual). The file is
untrusted input: anything that is not a short name with a known mode is left
out, and a file that cannot be read counts as empty.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

FILE = "bidi-terminals.json"
MODES = ("app", "terminal")
MAX_NAME = 64


def load(state_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((Path(state_dir) / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        name: mode
        for name, mode in data.items()
        if isinstance(name, str) and 0 < len(name) <= MAX_NAME and mode in MODES
    }


def save(state_dir: Path, memory: dict[str, str]) -> None:
    """Atomically (a crash leaves the old file). Raises OSError."""
    folder = Path(state_dir)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".bidi-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(memory, out, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(tmp, folder / FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remember(state_dir: Path, terminal: str, mode: str) -> None:
    memory = load(state_dir)
    memory[terminal] = mode
    save(state_dir, memory)


def forget(state_dir: Path, terminal: str) -> None:
    memory = load(state_dir)
    if memory.pop(terminal, None) is not None:
        save(state_dir, memory)
