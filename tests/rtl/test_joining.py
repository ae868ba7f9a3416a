"""Joining by Unicode's joining types: transparent characters, letters
arabic-reshaper's table lacks, and every Arabic-script letter of Unicode 15
in its four contextual forms."""

import unicodedata

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.articles.model import Direction
from tuireader.rtl import layout_paragraph, truncate
from tuireader.rtl.joining import join_type
from tuireader.rtl.paragraph import prepare

from . import oracles

RTL = Direction.RTL
BEH = "ب"
BEH_INITIAL, BEH_MEDIAL, BEH_FINAL = "\ufe91", "\ufe92", "\ufe90"


def shaped(text, harakat=True):
    """Logical shaped text, as drawn (invisible characters left out)."""
    return prepare(text, True, "app", True, harakat).text


def names(text):
    return [unicodedata.name(ch) for ch in text]


# Soft hyphen, LRM, ALM, word joiner, U+08D3, hamza above, a fatha, ZWNBSP's
# successor... : each of joining type T, each transparent.
TRANSPARENT = ["\u00ad", "\u200e", "\u061c", "\u2060", "\u08d3", "\u0654", "\u064e", "\u0670"]


@pytest.mark.parametrize("mark", TRANSPARENT, ids=[f"U+{ord(c):04X}" for c in TRANSPARENT])
def test_transparent_characters_do_not_break_the_join(mark):
    out = shaped(BEH + mark + BEH).replace(mark, "")
    assert out == BEH_INITIAL + BEH_FINAL
    out = shaped(BEH + mark + BEH + BEH).replace(mark, "")
    assert out == BEH_INITIAL + BEH_MEDIAL + BEH_FINAL


def test_soft_hyphen_inside_a_word_keeps_it_joined():
    word = "الاستراتيجيات"
    with_shy = "الاستراتيجي\u00adات"
    (line,) = layout_paragraph(with_shy, 40, direction=RTL)
    (plain,) = layout_paragraph(word, 40, direction=RTL)
    assert line.text == plain.text  # no final yeh mid-word, no visible hyphen
    assert "\u00ad" not in line.text


def test_soft_hyphen_draws_a_hyphen_only_at_a_break_there():
    text = "hyphen\u00adation works"
    lines = [line.text for line in layout_paragraph(text, 8, direction=Direction.LTR)]
    assert lines == ["hyphen-", "ation", "works"]
    assert [line.text for line in layout_paragraph(text, 40, direction=Direction.LTR)] == [
        "hyphenation works"
    ]
    # in right-to-left text the hyphen ends the line's first part, on its left
    lines = layout_paragraph("كلمة الاستراتي\u00adجيات", 10, direction=RTL)
    assert [line.text[:1] for line in lines] == ["ﺔ", "-", "ﺕ"]
    assert truncate("hyphen\u00adation works", 9, direction=Direction.LTR) == "hyphenat…"


def test_urdu_heh_goal_hamza_and_teh_marbuta_goal_are_joined_to():
    # رحمۃ: the meem before the teh marbuta goal is medial, not final
    assert names(shaped("رحمۃ"))[2] == "ARABIC LETTER MEEM MEDIAL FORM"
    assert names(shaped("رحمۂ"))[2] == "ARABIC LETTER MEEM MEDIAL FORM"
    assert join_type("ۃ") == "R" and join_type("ۂ") == "D"


def test_noon_ghunna_joins_the_letter_after_it():
    out = shaped("ںب")
    assert out[1] == BEH_FINAL
    assert names(shaped("بں"))[0] == "ARABIC LETTER BEH INITIAL FORM"


def test_nfd_and_transparent_marks_with_harakat_dropped_or_kept():
    for harakat in (True, False):
        out = shaped("خانه\u0654\u200eی", harakat)
        assert "\u0654" in out  # hamza above is kept either way


# --- every Arabic-script letter of Unicode 15 --------------------------------

_FORM_TAGS = {"<isolated>": 0, "<initial>": 1, "<final>": 2, "<medial>": 3}


def _presentation_forms():
    """letter -> {form: presentation form}, from Unicode's decompositions."""
    forms: dict[str, dict[int, str]] = {}
    for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and parts[0] in _FORM_TAGS:
            forms.setdefault(chr(int(parts[1], 16)), {})[_FORM_TAGS[parts[0]]] = chr(cp)
    return forms


ARABIC_BLOCKS = [*range(0x0600, 0x0700), *range(0x0750, 0x0780), *range(0x0870, 0x0900),
                 *range(0x10EC0, 0x10F00)]  # fmt: skip
_ICU_JT = "UCDLRT"  # ICU's UJoiningType values 0-5


def _unicode15_letters():
    """(letter, joining type) for every Arabic-script letter with a joining
    type in Unicode 15: from ICU 72+ (Unicode 15) when installed, else from
    the regex module's data limited to letters Python's own tables know."""
    icu = oracles.icu
    out = []
    for cp in ARABIC_BLOCKS:
        ch = chr(cp)
        if not regex.match(r"\p{Script=Arabic}", ch) or not regex.match(r"\p{L}", ch):
            continue
        if icu is not None:
            major = int(str(icu.Char.charAge(ch)).split(".")[0])
            if major == 0 or major > 15:  # unassigned, or newer than Unicode 15
                continue
            jt = _ICU_JT[icu.Char.getIntPropertyValue(ch, icu.UProperty.JOINING_TYPE)]
        else:
            if unicodedata.category(ch) == "Cn":
                continue
            jt = join_type(ch)
        if jt in "DRLC":
            out.append((ch, jt))
    return out


LETTERS = _unicode15_letters()
FORMS = _presentation_forms()


def test_the_letter_list_is_complete():
    assert len(LETTERS) >= 260
    assert {"ب", "ۃ", "ۂ", "ں", "ی", "ڭ", "ࢠ"} <= {ch for ch, _ in LETTERS}


@pytest.mark.parametrize(("letter", "jt"), LETTERS, ids=[f"U+{ord(c):04X}" for c, _ in LETTERS])
def test_every_letter_joins_and_takes_its_four_forms(letter, jt):
    assert join_type(letter) == jt  # the engine's joining type is Unicode's
    forms = FORMS.get(letter, {})
    joins_before = jt in "DRC"  # joins a dual-joining letter before it
    joins_after = jt in "DLC"
    # isolated
    assert shaped(letter) == forms.get(0, letter)
    # after a beh
    out = shaped(BEH + letter)
    assert out[0] == (BEH_INITIAL if joins_before else "\ufe8f")
    assert out[1] == (forms.get(2, letter) if joins_before else forms.get(0, letter))
    # before a beh
    out = shaped(letter + BEH)
    assert out[1] == (BEH_FINAL if joins_after else "\ufe8f")
    assert out[0] == (forms.get(1, letter) if joins_after else forms.get(0, letter))
    # between two
    out = shaped(BEH + letter + BEH)
    expected = {(1, 1): 3, (1, 0): 2, (0, 1): 1, (0, 0): 0}[joins_before, joins_after]
    assert out[1] == forms.get(expected, letter)


# --- property: transparent characters never change how letters join ----------

WORD_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةىپچژکگیۃۂںےھ"
MARKS = ["\u00ad", "\u200e", "\u061c", "\u2060", "\u08d3", "\u064e", "\u0651", "\u0670"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORD_LETTERS), st.lists(st.sampled_from(MARKS),
                                                                max_size=2)),
                min_size=1, max_size=10))  # fmt: skip
def test_transparent_characters_never_change_the_joining(letters):
    plain = "".join(letter for letter, _ in letters)
    marked = "".join(letter + "".join(marks) for letter, marks in letters)
    assert "".join(ch for ch in shaped(marked) if ch not in MARKS) == shaped(plain)


# A character of another plane has a code equal to some BMP letter's form key
# (U+20627, a CJK ideograph = alef's final form key): it must stay itself.
ASTRAL = st.characters(
    min_codepoint=0x10000, categories=("Lo", "Lu", "Ll", "So", "Nd", "No")
).filter(lambda c: unicodedata.normalize("NFC", c) == c)  # (compatibility ideographs compose)


@given(ASTRAL)
@settings(max_examples=300, deadline=None)
def test_a_character_of_another_plane_beside_arabic_stays_itself(char):
    for text in (BEH + char, char + BEH, BEH + char + BEH, "\u0627" + char + "\u0778"):
        out = shaped(text)
        assert [c for c in out if ord(c) >= 0x10000] == [char], (text, out)


def test_a_cjk_ideograph_is_not_taken_for_a_final_alef():
    assert shaped(BEH + "\U00020627") == "\ufe8f\U00020627"  # beh alone, the ideograph as is


def test_meeting_an_ideograph_first_does_not_change_a_letter_met_after():
    """In a fresh process, so the order is sure: U+20778 laid out before ݸ
    (U+0778, whose final form key it is) must not take that key from it."""
    import subprocess
    import sys

    code = (
        "from tuireader.rtl.paragraph import prepare\n"
        "prepare('\\U00020778', True, 'app', True, True)\n"
        "print(ascii(prepare('\\u0628\\u0778', True, 'app', True, True).text))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ascii("\ufe91\u0778")
