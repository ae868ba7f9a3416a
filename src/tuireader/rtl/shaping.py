"""Arabic shaping (joining forms), keeping a source map.

Shaping happens in logical order, before any reordering. Only the four
lam-alef ligatures are enabled: every Arabic font has them and Arabic is hard
to read without them, whereas the other ligatures (ALLAH, the word and
sentence ligatures, rare letter pairs) are missing from most terminal fonts or
squeeze a whole word into one cell.

joining.py shapes a paragraph at a time with Unicode's joining types and
arabic-reshaper's presentation forms. Should it ever fail, each Arabic word
goes through arabic-reshaper's reshape() instead (cached per word).
reshape() does not report which input character each output character came
from, and it fails on some inputs (IndexError on "ب\u200dلا"): every result
is re-aligned with its input and checked, and a failure falls back to the
word without its ZWJs, then to the unshaped word.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from . import joining
from .charinfo import TO_JOIN
from .ligature_names import LAM_ALEF_NAMES
from .seqs import cut

Reshape = Callable[[str], str]  # arabic-reshaper's reshape (untyped library)

ZWJ = "\u200d"
# Arabic letters, marks and joiners: the characters a word's shaping can see.
# (Joiners with no Arabic character are left alone: they belong to emoji.)
_ARABIC_CHARS = "\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
ARABIC_RUN = re.compile(f"([\u200c\u200d]*[{_ARABIC_CHARS}][{_ARABIC_CHARS}\u200c\u200d]*)")
# Vowel and cantillation marks, dropped unless kept. Not U+0653-U+0655 (madda,
# hamza above and below): they are part of the letter they sit on (NFD
# spells "أ" as alef + U+0654; the Persian ezafe is heh + U+0654).
HARAKAT = re.compile(
    "[\u0610-\u061a\u064b-\u0652\u0656-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u08d4-\u08e1\u08e3-\u08ff]"
)
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d5]")
LAM_ALEF_LIGATURES = frozenset(chr(c) for c in range(0xFEF5, 0xFEFD))
LAM = "\u0644"
ALEFS = frozenset("\u0622\u0623\u0625\u0627")


class _FixedConfig:
    """Read-only, memoized stand-in for arabic-reshaper's config section."""

    def __init__(self, section: Any) -> None:
        self._section = section
        self._values: dict[tuple[str, str], object] = {}

    def _memo(self, kind: str, key: str) -> object:
        try:
            return self._values[kind, key]
        except KeyError:
            value = getattr(self._section, kind)(key)
            self._values[kind, key] = value
            return value

    def get(self, key: str) -> object:
        return self._memo("get", key)

    def getboolean(self, key: str) -> object:
        return self._memo("getboolean", key)


def _make_reshaper() -> Reshape | None:
    try:
        from arabic_reshaper import ArabicReshaper
        from arabic_reshaper.ligatures import LIGATURES

        config: dict[str, object] = {name: False for name, _ in LIGATURES}
        config.update(dict.fromkeys(LAM_ALEF_NAMES, True))
        config.update(
            language="Arabic",
            support_ligatures=True,
            delete_harakat=False,  # harakat are removed (or kept) before shaping
            delete_tatweel=False,
            support_zwj=True,
            shift_harakat_position=False,
            use_unshaped_instead_of_isolated=False,
        )
        # An explicit (empty) configuration file keeps a user's
        # PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE from changing our output.
        reshaper = ArabicReshaper(configuration=config, configuration_file=os.devnull)
        reshaper.reshape("\u0644\u0627")  # build its ligature table now
        # reshape() reads its settings through configparser on every call,
        # which costs more than the shaping itself: answer from a dict.
        reshaper.configuration = _FixedConfig(reshaper.configuration)
        reshape: Reshape = reshaper.reshape
        return reshape
    except Exception:  # pragma: no cover - broken installation: no shaping
        return None


_RESHAPER: list[Reshape | None] = []  # (built on first use: most text is shaped without it)


def _reshaper() -> Reshape | None:
    if not _RESHAPER:
        _RESHAPER.append(_make_reshaper())
    return _RESHAPER[0]


def _align(word: str, shaped: str) -> tuple[int, ...] | None:
    """Index in ``word`` of each char of ``shaped``, or None if they do not line up.

    arabic-reshaper emits one char per input char except: ZWJ (dropped) and a
    lam + alef pair (one ligature at the lam's place; marks between them follow
    the ligature).
    """
    pending = [i for i, ch in enumerate(word) if ch != ZWJ]
    out: list[int] = []
    k = 0
    for ch in shaped:
        if k >= len(pending):
            return None
        i = pending[k]
        src = word[i]
        if ch in LAM_ALEF_LIGATURES:
            if src != LAM:
                return None
            # drop the alef this ligature swallowed
            for m in range(k + 1, len(pending)):
                if not HARAKAT.match(word[pending[m]]):
                    if word[pending[m]] not in ALEFS:
                        return None
                    del pending[m]
                    break
            else:
                return None
        elif HARAKAT.match(src) or HARAKAT.match(ch):
            if ch != src:
                return None
        out.append(i)
        k += 1
    if k != len(pending):
        return None
    return tuple(out)


@lru_cache(maxsize=32768)
def shape_word(word: str) -> tuple[str, tuple[int, ...] | None]:
    """Shaped ``word`` and, per output char, the index of its source char
    (None when each output char comes from the input char at its place)."""
    reshape = _reshaper()
    if reshape is not None:
        for candidate in (word, word.replace(ZWJ, "")) if ZWJ in word else (word,):
            try:
                shaped = reshape(candidate)
            except Exception:
                continue
            mapping = _align(candidate, shaped)
            if mapping is None:
                continue
            if candidate is not word:
                kept = [i for i, ch in enumerate(word) if ch != ZWJ]
                mapping = tuple(kept[i] for i in mapping)
            if len(mapping) == len(word):
                return shaped, None
            return shaped, mapping
    return word, None


def shape_by_word(text: str, src: list[int]) -> tuple[str, list[int]]:
    """Shape each Arabic word with arabic-reshaper's reshape() (cached)."""
    pieces = ARABIC_RUN.split(text)
    if len(pieces) == 1:
        return text, src
    # pieces alternate: other text, Arabic word, other text, ...
    shaped = list(map(shape_word, pieces[1::2]))
    out = pieces[:]
    out[1::2] = [s for s, _ in shaped]
    if all(m is None for _, m in shaped):
        return "".join(out), src
    out_src: list[int] = []
    pos = 0
    for k, piece in enumerate(pieces):
        n = len(piece)
        mapping = shaped[k // 2][1] if k % 2 else None
        if mapping is None:
            out_src.extend(src[pos : pos + n])
        else:
            out_src.extend([src[pos + i] for i in mapping])
        pos += n
    return "".join(out), out_src


def shape(text: str, src: list[int], text_codes: str) -> tuple[str, list[int], str | None]:
    """Shape the Arabic letters of ``text`` (``src`` maps chars to the input).

    Returns the shaped text, its source map and its character codes (see
    charinfo), or None for the codes when they must be computed afresh.
    """
    if not _ARABIC_LETTER.search(text):
        return text, src, text_codes
    try:
        shaped, cuts = joining.shape(text, text_codes.translate(TO_JOIN))
    except Exception:  # pragma: no cover - a bug there: use the library
        pass
    else:
        if not cuts:
            return shaped, src, text_codes
        return shaped, cut(src, cuts), cut(text_codes, cuts)
    shaped, out_src = shape_by_word(text, src)
    return shaped, out_src, None
