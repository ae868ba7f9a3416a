"""Best-effort language and direction of an article from its letters.

Direction: right-to-left when right-to-left letters (Arabic script, Hebrew,
Syriac, Thaana, N'Ko) outnumber left-to-right letters. Language: inside the
Arabic script, Urdu is told by its own letters (ٹ ڈ ڑ ں ے ہ), Persian by
پ چ ژ گ and the Persian forms ی ک outnumbering the Arabic-only letters
(ي ك ة ى); Hebrew by its block; Latin-script languages by common words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .article import Direction

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

    rtl = ltr = arabic = hebrew = latin = 0
    urdu = persian = arabic_only = 0
    for ch in sample:
        if not ch.isalpha():
            continue
        cp = ord(ch)
        if _is_rtl_letter(cp):
            rtl += 1
            if 0x0590 <= cp <= 0x05FF or 0xFB1D <= cp <= 0xFB4F:
                hebrew += 1
            else:
                arabic += 1
                if ch in _URDU:
                    urdu += 1
                elif ch in _PERSIAN:
                    persian += 1
                elif ch in _ARABIC_ONLY:
                    arabic_only += 1
        else:
            ltr += 1
            if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF:
                latin += 1

    direction = Direction.RTL if rtl > ltr else Direction.LTR
    lang: str | None = None
    if rtl > ltr:
        if hebrew > arabic:
            lang = "he"
        elif urdu >= 3 and urdu * 100 >= arabic:
            lang = "ur"
        elif persian > arabic_only:
            lang = "fa"
        else:
            lang = "ar"
    elif latin and latin * 2 >= ltr:
        lang = _latin_language(sample)
    return lang, direction


def _latin_language(sample: str) -> str | None:
    counts = dict.fromkeys(_STOPWORDS, 0)
    for word in _WORD.findall(sample.casefold()):
        for lang, words in _STOPWORDS.items():
            if word in words:
                counts[lang] += 1
    best = max(counts, key=lambda k: counts[k])
    if counts[best] < 2:
        return None
    return best
