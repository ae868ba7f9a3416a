"""Writing files so that a crash never leaves half of one, and names safe everywhere."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from tuireader.files.atomic import write_atomic as _write_atomic

# Bytes, not characters: most filesystems limit a name to 255 bytes, and an
# Arabic letter takes two of them in UTF-8.
SLUG_MAX_BYTES = 80
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, making its folder first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(path, data)


def slug(text: str, max_bytes: int = SLUG_MAX_BYTES) -> str:
    """Letters, marks and digits of ``text`` (any script) joined by ``-``.

    What remains cannot hold a path separator, ``..``, a control or format
    character (bidi overrides), a Windows-reserved character or a leading dot,
    and fits in ``max_bytes`` of UTF-8 without cutting a character.
    """
    text = unicodedata.normalize("NFC", text)
    kept: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] in "LN" or (cat[0] == "M" and kept):
            kept.append(ch)
        elif ch == "_" or cat[0] in "CZPS":
            kept.append(" ")
    words = _NOT_WORD.sub(" ", "".join(kept)).replace("_", " ").split()
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate.encode("utf-8")) > max_bytes:
            if not out:  # one very long word: cut it at a character boundary
                out = word.encode("utf-8")[:max_bytes].decode("utf-8", "ignore")
            break
        out = candidate
    return out.lower()


def short_hash(text: str, length: int = 10) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
