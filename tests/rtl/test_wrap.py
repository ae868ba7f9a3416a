"""Cell widths, wrapping, truncation and padding."""

import unicodedata

import pytest

from tuireader.articles.model import Direction
from tuireader.rtl import (
    TextOptions,
    VisualLine,
    cell_width,
    layout_paragraph,
    truncate,
    truncate_line,
)

RTL, LTR = Direction.RTL, Direction.LTR
PLAIN = TextOptions(shape=False)


DEFAULT = TextOptions()


def lines(text, width, direction=RTL, options=DEFAULT):
    return layout_paragraph(text, width, direction=direction, options=options)


# --- cell widths -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("abc", 3),
        ("ب\u200dتث", 3),  # ZWJ draws nothing: three letters, three cells
        ("e\u0301", 1),  # combining acute
        ("بَ", 1),  # fatha
        ("中文", 4),
        ("😀", 2),
        ("\ufefb", 1),  # lam-alef ligature
        ("\u2067x\u2069", 1),  # isolates draw nothing
        ("", 0),
    ],
)
def test_cell_width(text, cells):
    assert cell_width(text) == cells


def test_width_is_measured_after_shaping():
    # "لا" is two letters but one cell once shaped; unshaped it takes two.
    assert lines("لا لا لا", 5)[0].width == 5
    assert [line.width for line in lines("لا لا لا", 5, options=PLAIN)] == [5, 2]


# --- wrapping --------------------------------------------------------------


def test_no_line_wider_than_the_width_and_widths_are_true():
    text = "كوريا الشمالية تعد روسيا بدعم لا يتزعزع في حرب أوكرانيا (ATACMS) 10،000"
    for width in range(1, 40):
        for line in lines(text, width):
            assert line.width <= width
            assert cell_width(line.text) == line.width


def test_word_longer_than_the_line_is_broken():
    out = lines("abcdefghij xy", 4, LTR)
    assert [line.text for line in out] == ["abcd", "efgh", "ij", "xy"]


def test_a_letter_is_never_split_from_its_marks():
    text = "كَتَبَ" * 3
    for width in (1, 2, 4):
        for line in lines(text, width, options=TextOptions(harakat=True)):
            assert not unicodedata.combining(line.text[0])
            assert line.width <= width


def test_cjk_and_emoji_take_two_cells():
    out = lines("中文字符😀", 5, LTR)
    assert [line.text for line in out] == ["中文", "字符", "😀"]
    assert [line.width for line in out] == [4, 4, 2]


def test_wide_char_in_a_one_cell_line_does_not_overflow():
    out = lines("a中b", 1, LTR)
    assert all(line.width <= 1 for line in out)
    assert [line.source for line in out] == [(0,), (1,), (2,)]


def test_tabs_are_expanded_to_spaces():
    (line,) = lines("a\tb", 20, LTR)
    assert line.text == "a       b"
    assert line.source == (0, 1, 1, 1, 1, 1, 1, 1, 2)


def test_spaces_at_breaks_are_dropped_and_inner_spaces_kept():
    out = lines("ab  cd   ef", 5, LTR)
    assert [line.text for line in out] == ["ab", "cd", "ef"]
    assert [line.text for line in lines("ab  cd", 10, LTR)] == ["ab  cd"]


def test_no_break_space_does_not_break():
    out = lines("10\u00a0km away", 6, LTR)
    assert out[0].text == "10\u00a0km"


def test_zero_or_negative_width_does_not_raise():
    for width in (0, -3):
        assert lines("שלום עולם", width)


# --- padding ---------------------------------------------------------------


def test_padded_aligns_by_direction():
    right = VisualLine("בא", 2, "right", (1, 0))
    left = VisualLine("ab", 2, "left", (0, 1))
    assert right.padded(5) == "   בא"
    assert left.padded(5) == "ab   "
    assert right.padded(1) == "בא"


# --- truncation ------------------------------------------------------------


def test_truncating_an_arabic_title_cuts_its_end_at_the_left():
    title = "كوريا الشمالية تعد روسيا بدعم لا يتزعزع"
    out = truncate(title, 12, direction=RTL)
    assert out.startswith("…")
    assert cell_width(out) <= 12
    line = truncate_line(title, 12, direction=RTL)
    assert line.source[0] == -1 and min(s for s in line.source if s >= 0) == 0
    # the kept part is the beginning of the title: "كوريا الشمالية"[...]
    assert max(line.source) < 14


def test_truncating_ltr_text_cuts_at_the_right():
    out = truncate("Hello wonderful world", 10, direction=LTR)
    assert out == "Hello won…"
    assert cell_width(out) == 10


def test_truncate_leaves_short_text_alone_and_guesses_direction():
    assert truncate("שלום", 10) == "םולש"
    assert truncate("abc", 10) == "abc"


def test_truncate_never_exceeds_width():
    text = "中文 كلمات (ATACMS) 123 abc"
    for width in range(0, 30):
        for direction in (RTL, LTR):
            assert cell_width(truncate(text, width, direction=direction)) <= max(width, 0)


def test_truncate_in_terminal_mode_is_logical_with_isolates():
    out = truncate("אבג דהו זחט", 6, direction=RTL, options=TextOptions(mode="terminal"))
    assert out == "\u2067אבג ד…\u2069"


def test_truncate_newlines_become_spaces():
    assert truncate("ab\ncd", 10, direction=LTR) == "ab cd"


def test_an_engine_failure_still_shows_the_text(monkeypatch):
    from tuireader.rtl import layout

    def broken(*_args):
        raise RuntimeError("bug")

    monkeypatch.setattr(layout, "_layout", broken)
    out = layout_paragraph("سلام\x1b[2J abc", 4, direction=RTL)
    assert "".join(line.text for line in out) == "سلام[2J abc"
    assert all(line.width <= 4 and line.align == "right" for line in out)
