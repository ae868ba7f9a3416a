"""The library's name as the list's frame shows it: where am I reading?

Pure. The home directory is written ``~``; a path too long for the frame
keeps its last folder, ``…/news``, which is what tells two libraries apart."""

from __future__ import annotations

import os
from pathlib import Path

ELLIPSIS = "…"


def library_label(root: Path, width: int, home: str | None = None) -> str:
    """``root`` shortened to at most ``width`` characters (never below its
    last folder's name, cut with an ellipsis)."""
    home = home if home is not None else os.path.expanduser("~")
    text = str(root)
    if home and home != "/" and (text == home or text.startswith(home.rstrip("/") + "/")):
        text = "~" + text[len(home.rstrip("/")):]
    if len(text) <= width:
        return text
    name = root.name or text
    short = f"{ELLIPSIS}/{name}"
    if len(short) <= width:
        return short
    return name[: max(1, width - 1)] + ELLIPSIS
