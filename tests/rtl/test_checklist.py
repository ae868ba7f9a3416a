"""The DESIGN.md checklist, one test per item.

UPPERCASE in the checklist stands for right-to-left letters; Hebrew letters are
used (one cell each, no joining forms), so the expected screen strings can be
written by reversing the letters by hand.
"""

from tuireader.articles.model import Direction
from tuireader.rtl import TextOptions, layout_paragraph, truncate

RTL = Direction.RTL
LTR = Direction.LTR
NOSHAPE = TextOptions(shape=False)

# A B C D E F G H I  ->  Hebrew letters
A, B, C, D, E, F, G, H, I = "אבגדהוזחט"  # noqa: E741


def screen(text, width, direction=RTL, options=NOSHAPE):
    return [
        line.padded(width)
        for line in layout_paragraph(text, width, direction=direction, options=options)
    ]


def test_rtl_word_is_reversed_and_flush_right():
    assert screen(A + B + C, 6) == ["   " + C + B + A]


def test_latin_word_keeps_its_order_between_rtl_words():
    assert screen(f"{A}{B}{C} def {G}{H}{I}", 11) == [f"{I}{H}{G} def {C}{B}{A}"]


def test_number_keeps_its_order_between_rtl_words():
    assert screen(f"{A}{B}{C} 123 {D}{E}{F}", 11) == [f"{F}{E}{D} 123 {C}{B}{A}"]


def test_final_punctuation_goes_to_the_left_end():
    assert screen(f"{A}{B}{C}!", 4) == [f"!{C}{B}{A}"]


def test_leading_latin_word_in_rtl_paragraph_is_at_the_right():
    assert screen(f"cnn {A}{B}{C}", 7) == [f"{C}{B}{A} cnn"]


def test_wrap_in_logical_order_then_reorder_each_line():
    assert screen(f"{A}{B} {C}{D} {E}{F}", 5) == [f"{D}{C} {B}{A}", f"   {F}{E}"]


def test_truncation_keeps_the_logical_start_and_puts_ellipsis_at_the_left():
    assert truncate(f"{A}{B} {C}{D} {E}{F}", 6, direction=RTL, options=NOSHAPE) == (
        f"…{D}{C} {B}{A}"
    )


def test_brackets_are_mirrored_inside_rtl_text():
    assert screen(f"{A}{B} ({C}{D})", 7) == [f"({D}{C}) {B}{A}"]


def test_line_of_digits_in_rtl_paragraph_is_right_aligned():
    assert screen("123", 10) == ["       123"]
    assert layout_paragraph("123", 10, direction=RTL)[0].align == "right"


def test_ltr_line_is_flush_left():
    assert screen("abc", 6, LTR) == ["abc   "]
