"""Readable labels for metadata keys.

Pure. Front matter keys are identifiers (``date``, ``source``, ``url``,
``published_at``); the table shows them as labels (Date, Source, URL,
Published at). A key the article wrote as a label — in its own language
(``التاريخ``, ``Ort``), capitalised or with spaces — is kept exactly as written.
"""

from __future__ import annotations

import re

_IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*")
_WORDS = {"url": "URL", "id": "ID", "isbn": "ISBN", "doi": "DOI", "rss": "RSS"}


def readable_key(key: str) -> str:
    """``published_at`` -> ``Published at``, ``url`` -> ``URL``; others unchanged."""
    if not _IDENTIFIER.fullmatch(key):
        return key
    words = [_WORDS.get(w, w) for w in re.split(r"[_-]", key)]
    first = words[0] if words[0].isupper() else words[0].capitalize()
    return " ".join([first, *words[1:]])
