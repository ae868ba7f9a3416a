"""Arabic shaping: joined forms, lam-alef, ALLAH off, harakat, ZWJ edge cases."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.articles.model import Direction
from tuireader.rtl import (
    TextOptions,
    cell_width,
    joining,
    layout,
    layout_paragraph,
    paragraph,
    shaping,
)
from tuireader.rtl.charinfo import TO_JOIN, codes

RTL = Direction.RTL
KEEP = TextOptions(harakat=True)


DEFAULT = TextOptions()


def one_line(text, options=DEFAULT, width=200):
    (line,) = layout_paragraph(text, width, direction=RTL, options=options)
    return line


def names(visual):
    return [unicodedata.name(ch) for ch in visual]


def test_letters_take_their_joined_forms():
    # "بيت" (house): beh initial, yeh medial, teh final; screen order reversed.
    line = one_line("بيت")
    assert names(line.text) == [
        "ARABIC LETTER TEH FINAL FORM",
        "ARABIC LETTER YEH MEDIAL FORM",
        "ARABIC LETTER BEH INITIAL FORM",
    ]


def test_right_joining_letter_breaks_the_word():
    # "دار": dal and alef never join the letter after them, so all three
    # letters stand alone; "سار": seen joins the alef, which then stands alone
    # before the reh.
    assert names(one_line("دار").text) == [
        "ARABIC LETTER REH ISOLATED FORM",
        "ARABIC LETTER ALEF ISOLATED FORM",
        "ARABIC LETTER DAL ISOLATED FORM",
    ]
    assert names(one_line("سار").text) == [
        "ARABIC LETTER REH ISOLATED FORM",
        "ARABIC LETTER ALEF FINAL FORM",
        "ARABIC LETTER SEEN INITIAL FORM",
    ]


def test_lam_alef_is_one_cell_mapped_to_the_lam():
    line = one_line("لا")
    assert names(line.text) == ["ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM"]
    assert line.width == 1 == cell_width(line.text)
    assert line.source == (0,)


def test_lam_alef_after_a_joining_letter_takes_the_final_form():
    line = one_line("بلا")  # "without"
    assert names(line.text) == [
        "ARABIC LIGATURE LAM WITH ALEF FINAL FORM",
        "ARABIC LETTER BEH INITIAL FORM",
    ]
    assert line.source == (1, 0)


def test_allah_is_not_squeezed_into_one_cell():
    line = one_line("الله")
    assert "\ufdf2" not in line.text
    assert line.width == 4


def test_no_other_ligatures_than_lam_alef():
    # Pairs arabic-reshaper can ligate (e.g. beh+meem, lam+meem) stay apart.
    line = one_line("بم لم")
    assert line.width == 5
    assert all(
        n.endswith(("ISOLATED FORM", "INITIAL FORM", "MEDIAL FORM", "FINAL FORM"))
        and "LIGATURE" not in n
        for n in names(line.text.replace(" ", ""))
    )


def test_harakat_are_dropped_by_default():
    line = one_line("كَتَبَ")
    assert not any(unicodedata.combining(ch) for ch in line.text)
    assert line.width == 3


def test_kept_harakat_follow_their_letter_on_screen():
    text = "كَتَبَ"  # kaf fatha teh fatha beh fatha
    line = one_line(text, KEEP)
    assert line.width == 3
    # Visual order: beh, fatha, teh, fatha, kaf, fatha - each mark right after
    # (to the right of, in memory after) the letter it belongs to.
    assert [text[s] for s in line.source] == ["ب", "َ", "ت", "َ", "ك", "َ"]
    for i, ch in enumerate(line.text):
        if unicodedata.combining(ch):
            assert line.source[i] == line.source[i - 1] + 1


def test_harakat_between_lam_and_alef_stay_with_the_ligature():
    line = one_line("لَا", KEEP)
    assert names(line.text)[0] == "ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM"
    assert line.text[1] == "\u064e" and line.source == (0, 1)


@pytest.mark.parametrize("text", ["ب\u200dلا", "ب\u200d لا", "\u200dلا", "لا\u200d", "ب\u200d"])
def test_zwj_inputs_that_break_arabic_reshaper_still_shape(text):
    line = one_line(text)
    assert "\u200d" not in line.text
    if "لا" in text:  # the lam-alef is never lost
        assert any("LAM WITH ALEF" in n for n in names(line.text))


def test_zwj_forces_the_joining_form():
    line = one_line("ب\u200d")
    assert names(line.text) == ["ARABIC LETTER BEH INITIAL FORM"]
    assert line.source == (0,)


def test_zwnj_stops_joining_and_is_not_drawn():
    line = one_line("می\u200cشود")  # Persian "becomes"
    assert "\u200c" not in line.text
    assert names(line.text)[-2:] == [
        "ARABIC LETTER FARSI YEH FINAL FORM",
        "ARABIC LETTER MEEM INITIAL FORM",
    ]
    assert names(line.text)[-3] == "ARABIC LETTER SHEEN INITIAL FORM"


def test_shaping_off_keeps_base_letters():
    line = one_line("بلا", TextOptions(shape=False))
    assert line.text == "الب"


def test_a_failing_shaper_falls_back_to_unshaped_text(monkeypatch):
    def broken(_text):
        raise IndexError("boom")

    monkeypatch.setattr(shaping, "_reshaper", lambda: broken)
    monkeypatch.setattr(joining, "shape", broken)
    for cached in (shaping.shape_word, paragraph.prepare, layout._layout):
        cached.cache_clear()
    try:
        line = one_line("مرحبا بكم")
        assert line.text == "مكب ابحرم"
    finally:
        for cached in (shaping.shape_word, paragraph.prepare, layout._layout):
            cached.cache_clear()


ARABIC_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيپچژکگیـ"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ARABIC_LETTERS + " .،1a(", max_size=40))
def test_paragraph_joining_matches_arabic_reshaper(text):
    """The paragraph-at-once joiner gives what arabic-reshaper's reshape() gives."""
    shaped, cuts = joining.shape(text, codes(text).translate(TO_JOIN)) if text else ("", [])
    assert shaped == shaping._reshaper()(text)
    assert len(shaped) == len(text) - len(cuts)
