"""Arabic-aware text folding for search.

`normalize(text)` returns the folded text and, for each folded character, the
index of the character of `text` it came from, so that matches found in the
folded text can be highlighted in the original.

Rules (applied per character, so the map stays exact):

* combining marks are dropped: Arabic harakat, shadda, sukun, superscript
  alef, Quranic marks, Hebrew niqqud, Latin combining accents;
* tatweel (U+0640) and invisible format characters (ZWJ, ZWNJ, LRM, RLM,
  ALM, soft hyphen, ...) are dropped;
* alef forms أ إ آ ٱ ٲ ٳ -> ا; ى -> ي; ة -> ه; Persian ی -> ي, ک -> ك;
* Arabic-Indic (٠-٩) and Persian (۰-۹) digits, and every other decimal
  digit, -> ASCII 0-9;
* Arabic presentation forms (shaped letters, ligatures such as ﻻ) are
  decomposed first (NFKC), then folded as above;
* everything is case-folded (``str.casefold``: ß -> ss);
* every run of whitespace becomes one space.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "fold_char", "normalize"]

_LETTERS = {
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ
    "\u0672": "\u0627",  # ٲ
    "\u0673": "\u0627",  # ٳ
    "\u0649": "\u064a",  # ى -> ي
    "\u06cc": "\u064a",  # Persian ی -> ي
    "\u0629": "\u0647",  # ة -> ه
    "\u06a9": "\u0643",  # Persian ک -> ك
    "\u0640": "",  # tatweel
}


def _is_presentation_form(ch: str) -> bool:
    cp = ord(ch)
    return 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF or 0xFB1D <= cp <= 0xFB4F


def _fold_simple(ch: str) -> str:
    if ch in _LETTERS:
        return _LETTERS[ch]
    if ch.isspace():
        return " "
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Cf"):
        return ""
    if category == "Nd":
        return str(unicodedata.digit(ch, 0))
    folded = ch.casefold()
    if folded == ch:
        return ch
    return "".join(_fold_simple(c) if c != ch else c for c in folded)


class _FoldTable(dict):
    """Character -> folded string, computed on first use (also usable as a
    `str.translate` table, keyed by code point)."""

    def __missing__(self, key: int | str) -> str:
        ch = key if isinstance(key, str) else chr(key)
        decomposed = unicodedata.normalize("NFKC", ch) if _is_presentation_form(ch) else ch
        if decomposed != ch:
            value = "".join(_fold_simple(c) for c in decomposed)
        else:
            value = _fold_simple(ch)
        self[key] = value
        return value


_TABLE = _FoldTable()
_SPACE_RUN = re.compile(" {2,}")


def fold_char(ch: str) -> str:
    """The folded form of one character ("" when it is ignored)."""
    return _TABLE[ch]


def normalize(text: str) -> tuple[str, list[int]]:
    """(folded text, index_map): ``index_map[i]`` is the index in `text` of the
    character that produced folded character ``i``. The map is non-decreasing."""
    table = _TABLE
    out: list[str] = []
    index_map: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        piece = table[ch]
        if not piece:
            continue
        if piece == " ":
            if prev_space:
                continue
            prev_space = True
            out.append(" ")
            index_map.append(i)
            continue
        prev_space = False
        out.append(piece)
        if len(piece) == 1:
            index_map.append(i)
        else:
            index_map.extend([i] * len(piece))
    return "".join(out), index_map


def _other_chars() -> re.Pattern[str]:
    """Runs of characters that may fold to something else.

    Most characters of Arabic and ASCII text fold to themselves; fold()
    rewrites only the others. The set of those is computed from the table
    itself, so it cannot disagree with it (once, on first use: a few ms).
    """
    global _OTHER
    if _OTHER is None:
        candidates = [*range(0x20, 0x250), *range(0x600, 0x700), *range(0x2000, 0x2070)]
        same = [chr(c) for c in candidates if _TABLE[c] == chr(c)]
        _OTHER = re.compile("[^" + "".join(re.escape(c) for c in same) + "]+")
    return _OTHER


_OTHER: re.Pattern[str] | None = None
# Frequent characters that do not fold to themselves, replaced with one
# str.replace each (a C loop) before anything character by character.
_FREQUENT = tuple(
    (ch, _TABLE[ord(ch)])
    for ch in "\n\u0629\u0623\u0625\u0622\u0649\u064e\u0652\u064c\u064f\u0650\u064b\u064d\u0651"
)


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_TABLE)


def fold(text: str) -> str:
    """The folded text alone (same as ``normalize(text)[0]``, faster).

    Same result as ``text.translate(_TABLE)`` with runs of spaces collapsed;
    the frequent changes are made by ``str.replace`` and only runs of the
    remaining characters that change go through the table.
    """
    for ch, folded in _FREQUENT:
        if ch in text:
            text = text.replace(ch, folded)
    other = _OTHER or _other_chars()
    if other.search(text) is not None:
        text = other.sub(_fold_run, text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    return text
