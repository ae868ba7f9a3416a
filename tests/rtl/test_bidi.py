"""Paragraph direction, per-line reordering (L1-L4) and the terminal mode."""

import re
from pathlib import Path

import pytest

from tuireader.articles.model import Direction
from tuireader.rtl import TextOptions, layout_paragraph, paragraph_direction

RTL, LTR = Direction.RTL, Direction.LTR
PLAIN = TextOptions(shape=False)
TERMINAL = TextOptions(mode="terminal")
RLI, PDI = "\u2067", "\u2069"
SEED = Path(__file__).resolve().parents[2] / "articles" / "000_d5d7dac400910391.txt"
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def lines(text, width, direction=RTL, options=PLAIN):
    return layout_paragraph(text, width, direction=direction, options=options)


def texts(text, width, direction=RTL, options=PLAIN):
    return [line.text for line in lines(text, width, direction, options)]


def seed_paragraphs():
    return SEED.read_text(encoding="utf-8").splitlines()


# --- paragraph direction ---------------------------------------------------


def test_dateline_does_not_make_an_arabic_paragraph_ltr():
    para = seed_paragraphs()[2]
    assert para.startswith("Pyongyang, Nordkorea - ")
    assert paragraph_direction(para, LTR) is RTL


@pytest.mark.parametrize(
    ("text", "fallback", "expected"),
    [
        ("The exhibition الخط العربي opens in March", RTL, LTR),
        ("كتب John Smith مقالاً جديداً", LTR, RTL),
        ("שלום world", RTL, LTR),  # 5 Latin letters outnumber 4 Hebrew ones
        ("abc אבג", RTL, RTL),  # tie: the article's direction
        ("abc אבג", LTR, LTR),
        ("123 456 !?", RTL, RTL),  # no strong letters at all
        ("", LTR, LTR),
    ],
)
def test_dominant_strong_direction_with_fallback_on_ties(text, fallback, expected):
    assert paragraph_direction(text, fallback) is expected


def test_seed_dateline_sits_at_the_right_end_of_the_first_line():
    para = seed_paragraphs()[2]
    first = lines(para, 60, options=TextOptions())[0]
    assert first.align == "right"
    assert first.text.endswith("Pyongyang, Nordkorea")
    # and the Arabic that follows it in logical order is to its left
    assert first.text.rstrip().endswith("- Pyongyang, Nordkorea")


def test_every_seed_line_fits_and_rtl_lines_align_right():
    for para in seed_paragraphs()[:8]:
        direction = paragraph_direction(para, RTL)
        for line in lines(para, 60, direction, TextOptions()):
            assert line.width <= 60
            assert line.align == ("right" if direction is RTL else "left")


# --- reordering ----------------------------------------------------------


def test_lines_are_reordered_one_by_one_not_the_whole_paragraph():
    # Reordering the paragraph first and wrapping after would put the last
    # words on the first line.
    out = texts("אחת שתיים שלוש ארבע", 10)
    assert out == ["םייתש תחא", "עברא שולש"]


def test_latin_and_numbers_keep_their_order_inside_rtl_lines():
    assert texts("קנה iPhone 16 Pro ב-999 דולר", 40) == ["רלוד 999-ב iPhone 16 Pro הנק"]


def test_european_digits_after_arabic_letters_stay_left_to_right():
    line = lines("أكثر من 10،000 جندي", 40, options=TextOptions())[0]
    assert "10،000" in line.text


def test_percent_and_currency_stay_with_their_number():
    assert texts("עלה ב-15% היום", 30) == ["םויה 15%-ב הלע"]
    assert texts("מחיר $73.5 לחבית", 30) == ["תיבחל $73.5 ריחמ"]


def test_arabic_indic_digits_keep_their_order():
    assert texts("عام ١٩٩٨ م", 30) == ["م ١٩٩٨ ماع"]


def test_brackets_are_mirrored_around_latin_inside_arabic():
    line = lines("أنظمة (ATACMS) ضد", 40, options=TextOptions())[0]
    assert "(ATACMS)" in line.text
    assert ")ATACMS(" not in line.text


def test_nested_and_square_brackets_are_mirrored():
    assert texts("אב [גד (הו)] זח", 30) == ["חז [(וה) דג] בא"]


def test_quotes_and_guillemets_in_rtl():
    assert texts("אמר «שלום» לכולם", 30) == ["םלוכל «םולש» רמא"]


def test_ltr_paragraph_keeps_arabic_words_reversed_in_place():
    assert texts("The word שלום means peace", 40, LTR) == ["The word םולש means peace"]
    assert lines("The word שלום means peace", 40, LTR)[0].align == "left"


def test_ltr_brackets_are_not_mirrored():
    assert texts("see (אב) here", 30, LTR) == ["see (בא) here"]


def test_line_break_inside_text_starts_a_new_line():
    assert texts("אב\nגד", 10) == ["בא", "דג"]
    assert [line.source for line in lines("אב\nגד", 10)] == [(1, 0), (4, 3)]


def test_empty_paragraph_is_one_empty_line():
    (line,) = lines("", 10)
    assert (line.text, line.width, line.source) == ("", 0, ())


# --- never emit controls -------------------------------------------------


def test_bidi_controls_in_the_text_never_reach_the_screen():
    text = "\u202eabc\u202c \u2067אבג\u2069 \u200fד\u200e e\u061c"
    for options in (TextOptions(), PLAIN):
        for line in lines(text, 40, options=options):
            assert not BIDI_CONTROLS.search(line.text)
            assert all(ch.isprintable() for ch in line.text)


def test_c0_c1_controls_are_dropped():
    (line,) = lines("אב\x1b[2Jגד\x9b\x07", 20)
    assert sorted(line.text) == sorted("אב]2Jגד")  # the unpaired "[" is mirrored
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in line.text)
    assert sorted(line.source) == [0, 1, 3, 4, 5, 6, 7]


def test_lrm_rlm_act_on_direction_but_are_not_drawn():
    # At the end of an RTL paragraph a "!" after a Latin word takes the
    # paragraph's direction (it goes to the far left); an LRM after it ties it
    # to the Latin word instead. The LRM itself is not drawn.
    with_lrm = lines("אב abc!\u200e", 20)[0]
    plain = lines("אב abc!", 20)[0]
    assert plain.text == "!abc בא"
    assert with_lrm.text == "abc! בא"
    assert "\u200e" not in with_lrm.text


# --- terminal mode ---------------------------------------------------------


def test_terminal_mode_sends_logical_unshaped_text_in_an_isolate():
    (line,) = lines("مرحبا (ATACMS)", 40, options=TERMINAL)
    assert line.text == RLI + "مرحبا (ATACMS)" + PDI
    assert line.align == "right" and line.width == 14
    assert line.padded(20) == "      " + line.text  # padding outside the isolate
    assert line.source == (-1, *range(14), -1)


def test_terminal_mode_isolates_only_the_rtl_runs_of_an_ltr_line():
    (line,) = lines("read שלום 12 now", 40, LTR, TERMINAL)
    assert line.text == f"read {RLI}שלום 12{PDI} now"
    assert line.align == "left"


def test_terminal_mode_emits_no_other_controls():
    text = "\u202eabc\u202c אב\u200fגד \u200dx"
    for direction in (RTL, LTR):
        for line in lines(text, 40, direction, TERMINAL):
            stripped = line.text.replace(RLI, "").replace(PDI, "")
            assert not BIDI_CONTROLS.search(stripped)


def test_terminal_mode_keeps_zwnj_for_terminals_that_shape():
    (line,) = lines("می\u200cشود", 40, options=TERMINAL)
    assert "\u200c" in line.text


def test_terminal_mode_wraps_in_logical_order():
    out = [line.text for line in lines("אחת שתיים שלוש", 10, options=TERMINAL)]
    assert out == [RLI + "אחת שתיים" + PDI, RLI + "שלוש" + PDI]
