"""Arabic joining for a whole paragraph at once.

Joining types come from Unicode's own data (ArabicShaping.txt, through the
regex module's ``Joining_Type`` property): D joins on both sides, R only to
the letter before it, L only to the one after, C (ZWJ, tatweel) causes
joining on both sides, U never joins, and T (every Mn, Me and Cf: harakat,
hamza above, soft hyphen, LRM, ALM, word joiner...) is transparent: joining
looks through it. Presentation forms are arabic-reshaper's
(``arabic_reshaper.letters``), which hold every form Unicode encodes; a letter
whose form Unicode does not encode (ۃ final, ں initial) is drawn as itself,
and its neighbours still join it.

The work runs in C: transparent characters are set aside, the form of each
remaining character follows from two bit strings (joins the one before,
joins the one after), one translate() turns each (letter, form) key into its
glyph, and a lam followed by an alef becomes one lam-alef ligature (the four
of ligature_names.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right

import regex
from arabic_reshaper.letters import FINAL, INITIAL, ISOLATED, LETTERS_ARABIC, MEDIAL
from arabic_reshaper.ligatures import LIGATURES

from .ligature_names import LAM_ALEF_NAMES

ZWJ = "\u200d"
_TYPES = {t: regex.compile(rf"\p{{Joining_Type={t}}}") for t in "TDRCL"}


def join_type(char: str) -> str:
    """Unicode joining type of ``char`` (one of D R L C U T).

    Characters outside the BMP that join are taken as U: no Arabic letter of
    Unicode 15 is there, and form keys (see GLYPHS) must stay unambiguous.
    """
    for t, pattern in _TYPES.items():
        if pattern.match(char):
            return t if t == "T" or ord(char) < 0x10000 else "U"
    return "U"


# form digit (2 * joins_before + joins_after) -> arabic-reshaper form index
_FORM_OF_DIGIT = {0: ISOLATED, 1: INITIAL, 2: FINAL, 3: MEDIAL}
_PLANE = 0x10000
# (code point + digit * 0x10000) -> glyph. Every character met is registered
# (register(), called by charinfo) for each form it can take, so translate()
# never misses, which is slow.
GLYPHS: dict[int, str] = {}
for _letter, _letter_forms in LETTERS_ARABIC.items():
    if len(_letter) == 1 and _letter != ZWJ:
        for _digit, _form in _FORM_OF_DIGIT.items():
            if _letter_forms[_form]:
                GLYPHS[ord(_letter) + _digit * _PLANE] = _letter_forms[_form]


def register(char: str, jtype: str) -> None:
    """Make sure every form ``char`` can take has a glyph (itself if Unicode
    encodes no presentation form for it)."""
    cp = ord(char)
    if cp >= _PLANE:
        return  # never keyed (see _forms); its code is some BMP letter's form key
    for digit in range(4) if jtype in "DRLC" else (0,):
        GLYPHS.setdefault(cp + digit * _PLANE, char)


_DIGIT_VALUE = bytes.maketrans(b"0123", b"\0\1\2\3")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_BEFORE = str.maketrans("DRLCU", "11010")  # may join the char before it
_AFTER = str.maketrans("DRLCU", "10110")  # may join the char after it
_T_RUN = re.compile("T+")

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


def _forms(text: str, joins: str) -> str:
    """Each char of ``text`` (no transparent chars) in its contextual form."""
    n = len(text)
    if not n:
        return text
    before = int(joins.translate(_BEFORE), 2)
    after = int(joins.translate(_AFTER), 2)
    # Bit i (from the left) of joins_prev: char i joins char i-1.
    joins_prev = before & (after >> 1)
    joins_next = (joins_prev << 1) & ((1 << n) - 1)
    # Read the two bit strings as hex so that 2*a+b is one digit per char.
    digits = int(format(joins_prev, f"0{n}b"), 16) * 2 + int(format(joins_next, f"0{n}b"), 16)
    # Key each char by its form: the form digit goes into the plane byte of
    # its UTF-32 code, then one translate() turns every (letter, form) key
    # into its glyph.
    form = format(digits, f"0{n}x").encode("ascii").translate(_DIGIT_VALUE)
    # Characters of other planes never join and are never keyed: the code of
    # one (U+20627, a CJK ideograph) is a BMP letter's key (alef, final form).
    # They stand aside as U+FFFD and come back after.
    astral = [(mo.start(), mo.group()) for mo in _ASTRAL.finditer(text)]
    if astral:
        text = _ASTRAL.sub("\ufffd", text)
    utf32 = bytearray(text.encode("utf-32-le"))
    utf32[2::4] = form
    out = utf32.decode("utf-32-le").translate(GLYPHS)
    if astral:
        chars = list(out)
        for i, char in astral:
            chars[i] = char
        out = "".join(chars)
    return out


def shape(text: str, joins: str) -> tuple[str, list[int]]:
    """Joined forms and lam-alef ligatures for ``text``.

    ``joins`` holds the joining type (D/R/L/C/U/T) of each char. Returns the
    shaped text and the positions (in ``text``) of the alefs that ligatures
    absorbed; transparent chars between a lam and its alef follow the ligature.
    """
    runs = [mo.span() for mo in _T_RUN.finditer(joins)] if "T" in joins else []
    if not runs:
        formed = _forms(text, joins)
        shaped = formed
    else:
        parts: list[str] = []
        pos = 0
        for a, b in runs:
            parts.append(text[pos:a])
            pos = b
        parts.append(text[pos:])
        formed = _forms("".join(parts), joins.replace("T", ""))
        parts = []
        pos = k = 0
        for a, b in runs:  # put the transparent chars back
            parts += [formed[k : k + a - pos], text[a:b]]
            k += a - pos
            pos = b
        parts.append(formed[k:])
        shaped = "".join(parts)
    ligatures = [mo.start() for mo in _LAM_ALEF_RE.finditer(formed)]
    if not ligatures:
        return shaped, []
    # reduced position -> position in text: add the transparent chars before it
    at = []  # reduced position before which each run sits
    total = []  # transparent chars up to and including each run
    seen = 0
    for a, b in runs:
        at.append(a - seen)
        seen += b - a
        total.append(seen)

    def full(r: int) -> int:
        k = bisect_right(at, r)
        return r + (total[k - 1] if k else 0)

    out: list[str] = []
    cuts: list[int] = []
    pos = 0
    for r in ligatures:
        lam, alef = full(r), full(r + 1)
        out += [shaped[pos:lam], _LAM_ALEF[formed[r : r + 2]], shaped[lam + 1 : alef]]
        cuts.append(alef)
        pos = alef + 1
    out.append(shaped[pos:])
    return "".join(out), cuts
