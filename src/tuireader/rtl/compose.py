"""Canonical composition (NFC) with a source map, the engine's first step.

Text stored decomposed (NFD, common from some CMSs and macOS) spells "أ" as
alef + U+0654 HAMZA ABOVE. Composing first lets shaping, joining and widths
see the letter the author wrote. Each grapheme cluster (UAX #29, the regex
module's ``\\X``) is composed on its own: composition never crosses one.
"""

from __future__ import annotations

import unicodedata

import regex

CLUSTER = regex.compile(r"\X")


def compose(text: str) -> tuple[str, list[int] | None]:
    """NFC of ``text`` and the index in ``text`` of each char of the result
    (None when ``text`` is already NFC). A composed letter maps to its base;
    the marks it absorbed have no char of their own."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out: list[str] = []
    src: list[int] = []
    for mo in CLUSTER.finditer(text):
        cluster, start = mo.group(), mo.start()
        composed = unicodedata.normalize("NFC", cluster)
        out.append(composed)
        if composed == cluster:
            src.extend(range(start, start + len(cluster)))
            continue
        used: set[int] = set()
        for ch in composed:  # reordered marks keep their own source
            k = cluster.find(ch)
            while k in used:
                k = cluster.find(ch, k + 1)
            if k < 0:
                k = 0
            used.add(k)
            src.append(start + k)
    return "".join(out), src
