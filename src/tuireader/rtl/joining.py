"""Arabic joining for a whole paragraph at once, with arabic-reshaper's tables.

arabic-reshaper's reshape() walks letters in Python (about 30 µs per word
here) and a 100 KB article has thousands of distinct words. This module
applies the same rules, with the same letter table (arabic_reshaper.letters)
and the same lam-alef ligatures (arabic_reshaper.ligatures), using string and
integer operations that run in C:

- a letter joins the one before it when it has a final (or medial) form and
  its predecessor has an initial (or medial) form; any other character
  (space, Latin, digit, punctuation, a letter outside the table) stops joining;
- its form follows from (joins before, joins after): isolated, initial,
  final, medial;
- a lam followed by an alef becomes one lam-alef ligature.

Only text without harakat and ZWJ takes this path (see shaping.shape); the
tests hold it to arabic-reshaper's reshape().
"""

from __future__ import annotations

import re

from arabic_reshaper.letters import FINAL, INITIAL, ISOLATED, LETTERS_ARABIC, MEDIAL
from arabic_reshaper.ligatures import LIGATURES

from .ligature_names import LAM_ALEF_NAMES

ZWJ = "\u200d"
# Joining type: D joins both ways, R only to the letter before (alef, dal,
# reh, waw...), U never.
_JOIN_TYPE: dict[str, str] = {}
for _letter, _forms in LETTERS_ARABIC.items():
    if len(_letter) == 1 and _letter != ZWJ:  # ZWJ text goes through reshape()
        _before = bool(_forms[FINAL] or _forms[MEDIAL])
        _after = bool(_forms[INITIAL] or _forms[MEDIAL])
        _JOIN_TYPE[_letter] = "D" if _before and _after else "R" if _before else "U"


def join_type(char: str) -> str:
    return _JOIN_TYPE.get(char, "U")


# form digit (2 * joins_before + joins_after) -> arabic-reshaper form index
_FORM_OF_DIGIT = {0: ISOLATED, 1: INITIAL, 2: FINAL, 3: MEDIAL}
_PLANE = 0x10000
# (code point + digit * 0x10000) -> presentation form; every other character
# seen is registered (by charinfo) as mapping to itself, so that translate()
# never misses, which is slow.
GLYPHS: dict[int, str] = {}
for _letter in _JOIN_TYPE:
    for _digit, _form in _FORM_OF_DIGIT.items():
        if LETTERS_ARABIC[_letter][_form]:
            GLYPHS[ord(_letter) + _digit * _PLANE] = LETTERS_ARABIC[_letter][_form]
_DIGIT_VALUE = bytes.maketrans(b"0123", b"\0\1\2\3")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_BEFORE = str.maketrans("DRU", "110")
_AFTER = str.maketrans("DRU", "100")

# lam (initial/medial form) + alef (final form) -> the lam-alef ligature
# (isolated/final form), from arabic-reshaper's ligature table.
_LAM_ALEF: dict[str, str] = {}
for _name, (_match, _lig_forms) in LIGATURES:
    if _name in LAM_ALEF_NAMES:
        _lam, _alef = _match
        _alef_final = LETTERS_ARABIC[_alef][FINAL]
        _LAM_ALEF[LETTERS_ARABIC[_lam][INITIAL] + _alef_final] = _lig_forms[ISOLATED]
        _LAM_ALEF[LETTERS_ARABIC[_lam][MEDIAL] + _alef_final] = _lig_forms[FINAL]
_LAM_ALEF_RE = re.compile(
    "[" + "".join({k[0] for k in _LAM_ALEF}) + "][" + "".join({k[1] for k in _LAM_ALEF}) + "]"
)


def shape(text: str, joins: str) -> tuple[str, list[int]]:
    """Joined forms and lam-alef ligatures for ``text`` (no harakat, no ZWJ).

    ``joins`` holds the joining type (D/R/U) of each char. Returns the shaped
    text and the positions (in ``text``) of the alefs that ligatures absorbed.
    """
    n = len(text)
    before = int(joins.translate(_BEFORE), 2)
    after = int(joins.translate(_AFTER), 2)
    # Bit i (from the left) of joins_prev: char i joins char i-1.
    joins_prev = before & (after >> 1)
    joins_next = (joins_prev << 1) & ((1 << n) - 1)
    # Read the two bit strings as hex so that 2*a+b is one digit per char.
    digits = int(format(joins_prev, f"0{n}b"), 16) * 2 + int(format(joins_next, f"0{n}b"), 16)
    # Key each char by its form: the form digit goes into the plane byte of
    # its UTF-32 code (letters are all in the BMP), then one translate()
    # turns every (letter, form) key into its presentation form.
    form = format(digits, f"0{n}x").encode("ascii").translate(_DIGIT_VALUE)
    if _ASTRAL.search(text):  # keep other planes intact: add instead of set
        keyed = int.from_bytes(text.encode("utf-32-le"), "little")
        spread = bytearray(4 * n)
        spread[2::4] = form
        keyed += int.from_bytes(spread, "little")
        utf32 = bytearray(keyed.to_bytes(4 * n, "little"))
    else:
        utf32 = bytearray(text.encode("utf-32-le"))
        utf32[2::4] = form
    shaped = utf32.decode("utf-32-le").translate(GLYPHS)
    parts: list[str] = []
    cuts: list[int] = []
    pos = 0
    for mo in _LAM_ALEF_RE.finditer(shaped):
        a = mo.start()
        parts += [shaped[pos:a], _LAM_ALEF[mo.group()]]
        cuts.append(a + 1)  # the alef
        pos = a + 2
    if not cuts:
        return shaped, cuts
    parts.append(shaped[pos:])
    return "".join(parts), cuts
