"""Best-effort language and direction of an article from its letters.

Direction: right-to-left when right-to-left letters (Arabic script, Hebrew,
Syriac, Thaana, N'Ko) outnumber left-to-right letters. Language: inside the
Arabic script, Urdu is told by its own letters (ٹ ڈ ڑ ں ے ہ), Persian by
پ چ ژ گ and the Persian forms ی ک outnumbering the Arabic-only letters
(ي ك ة ى); Hebrew by its block; Latin-script languages by common words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from tuireader.articles.model import Direction

__all__ = ["RTL_LANGS", "detect", "direction_for_lang"]

_SAMPLE = 20_000

RTL_LANGS = frozenset({"ar", "fa", "ur", "he", "yi", "ps", "sd", "ug", "ckb", "dv", "ku", "syr"})

_URDU = frozenset("\u0679\u0688\u0691\u06ba\u06d2\u06c1\u06be")  # ٹ ڈ ڑ ں ے ہ ھ
_PERSIAN = frozenset("\u067e\u0686\u0698\u06af\u06a9\u06cc")  # پ چ ژ گ ک ی
_ARABIC_ONLY = frozenset("\u064a\u0643\u0629\u0649")  # ي ك ة ى

_STOPWORDS = {
    "en": {"the", "and", "of", "to", "is", "in", "that", "for", "with", "was", "on", "are"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "ein", "eine", "den", "von", "auf",
           "für", "sich", "des", "im", "dem", "zu"},
    "fr": {"le", "la", "les", "des", "et", "est", "une", "dans", "pour", "que", "du", "au",
           "sur", "pas", "qui"},
    "es": {"el", "la", "los", "las", "de", "que", "y", "en", "del", "por", "una", "con",
           "para", "es", "se"},
}
_WORD = re.compile(r"[^\W\d_]+")


def direction_for_lang(lang: str | None) -> Direction | None:
    if not lang:
        return None
    primary = lang.replace("_", "-").split("-")[0].lower()
    if not primary.isascii() or not primary.isalpha():
        return None
    return Direction.RTL if primary in RTL_LANGS else Direction.LTR


def _is_rtl_letter(cp: int) -> bool:
    return (
        0x0590 <= cp <= 0x08FF  # Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan...
        or 0xFB1D <= cp <= 0xFDFF  # Hebrew and Arabic presentation forms A
        or 0xFE70 <= cp <= 0xFEFF  # Arabic presentation forms B
        or 0x10800 <= cp <= 0x10FFF
        or 0x1E800 <= cp <= 0x1EFFF
    )


def letter_class(ch: str) -> str:
    """The class ``detect`` counts one character in: "" (not a letter), "h"
    Hebrew, "u" Urdu, "p" Persian, "o" Arabic-only, "a" other right-to-left,
    "l" Latin, "x" other left-to-right letter."""
    if not ch.isalpha():
        return ""
    cp = ord(ch)
    if _is_rtl_letter(cp):
        if 0x0590 <= cp <= 0x05FF or 0xFB1D <= cp <= 0xFB4F:
            return "h"
        if ch in _URDU:
            return "u"
        if ch in _PERSIAN:
            return "p"
        if ch in _ARABIC_ONLY:
            return "o"
        return "a"
    if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF:
        return "l"
    return "x"


# Classifying a sample one character at a time in Python cost most of an
# article's parse. Instead every character of the blocks below is classified
# once (by ``letter_class``, so the counts cannot differ) and the classes
# become regular expressions that delete runs of characters in C; the length
# of what is left gives a count. Each class is chosen so that its runs are
# long in ordinary text (a sub() costs far more per run than per character).
# Characters of other blocks are rare in these articles and are classified
# one by one.
_KNOWN_BLOCKS = ((0x0000, 0x08FF), (0x1E00, 0x206F), (0xFB00, 0xFEFF))


def _ranges(cps: Iterable[int]) -> str:
    """The inside of a regular expression character class holding ``cps``."""
    ordered = sorted(cps)
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        lo, hi = ordered[i], ordered[j]
        parts.append(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}")
        i = j + 1
    return "".join(parts)


def _runs(cps: Iterable[int], *, negate: bool = False) -> re.Pattern[str]:
    inside = _ranges(cps)
    if not inside:  # an empty class: matches nothing, or anything when negated
        return re.compile("[\\s\\S]+" if negate else "[^\\s\\S]")
    return re.compile(("[^" if negate else "[") + inside + "]+")


class _Tables:
    """Compiled classes, built on first use (a few milliseconds)."""

    def __init__(self) -> None:
        by_class: dict[str, list[int]] = {k: [] for k in ("", *"huopalx")}
        known: list[int] = []
        for lo, hi in _KNOWN_BLOCKS:
            for cp in range(lo, hi + 1):
                known.append(cp)
                by_class[letter_class(chr(cp))].append(cp)
        rtl = [cp for k in "huopa" for cp in by_class[k]]
        # Deleting these leaves the left-to-right letters of the known
        # blocks and the characters of other blocks.
        self.rtl_or_other = _runs(rtl + by_class[""])
        self.latin = _runs(by_class["l"])
        self.known = _runs(known)
        # Deleting these leaves the known non-letters except the space
        # (counted apart): punctuation, digits, marks, line ends.
        self.not_marks = _runs((cp for cp in by_class[""] if cp != 0x20), negate=True)
        self.not_hebrew = _runs(by_class["h"], negate=True)
        self.urdu = tuple(map(chr, by_class["u"]))
        self.persian = tuple(map(chr, by_class["p"]))
        self.arabic_only = tuple(map(chr, by_class["o"]))
        self.ascii_non_letters = bytes(cp for cp in by_class[""] if cp < 0x80)


_tables: _Tables | None = None


def _get_tables() -> _Tables:
    global _tables
    if _tables is None:
        _tables = _Tables()  # two threads may both build it: same result
    return _tables


def _counts(sample: str) -> tuple[int, int, int]:
    """(right-to-left letters, left-to-right letters, Latin letters)."""
    tables = _get_tables()
    if sample.isascii():
        letters = len(sample.encode("ascii").translate(None, tables.ascii_non_letters))
        return 0, letters, letters
    ltr_or_other = tables.rtl_or_other.sub("", sample)
    other = tables.latin.sub("", ltr_or_other)
    latin = len(ltr_or_other) - len(other)
    unknown = tables.known.sub("", other) if other else ""
    ltr = latin + len(other) - len(unknown)
    non_letters = len(tables.not_marks.sub("", sample)) + sample.count(" ")
    rtl = len(sample) - len(ltr_or_other) - non_letters
    for ch in unknown:
        kind = letter_class(ch)
        if kind == "a":
            rtl += 1
        elif kind:  # only "a" and "x" occur outside the known blocks
            ltr += 1
    return rtl, ltr, latin


def detect(texts: Iterable[str]) -> tuple[str | None, Direction]:
    """Guess (language, direction) from the given pieces of text."""
    sample_parts: list[str] = []
    total = 0
    for t in texts:
        sample_parts.append(t[: _SAMPLE - total])
        total += len(sample_parts[-1])
        if total >= _SAMPLE:
            break
    sample = "\n".join(sample_parts)

    rtl, ltr, latin = _counts(sample)
    direction = Direction.RTL if rtl > ltr else Direction.LTR
    lang: str | None = None
    if rtl > ltr:
        tables = _get_tables()
        hebrew = len(tables.not_hebrew.sub("", sample))
        arabic = rtl - hebrew
        urdu = sum(map(sample.count, tables.urdu))
        if hebrew > arabic:
            lang = "he"
        elif urdu >= 3 and urdu * 100 >= arabic:
            lang = "ur"
        elif sum(map(sample.count, tables.persian)) > sum(
            map(sample.count, tables.arabic_only)
        ):
            lang = "fa"
        else:
            lang = "ar"
    elif latin and latin * 2 >= ltr:
        lang = _latin_language(sample)
    return lang, direction


def _latin_language(sample: str) -> str | None:
    found = Counter(_WORD.findall(sample.casefold()))
    counts = {lang: sum(found[w] for w in words) for lang, words in _STOPWORDS.items()}
    best = max(counts, key=lambda k: counts[k])
    if counts[best] < 2:
        return None
    return best
