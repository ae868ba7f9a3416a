"""The sanitizer: nothing that drives a terminal survives, text does."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuireader.articles.sanitize import TAB_WIDTH, clean, clean_line, is_clean

BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
KEPT_FORMAT = "\u200e\u200f\u061c\u200d\u200c"  # LRM RLM ALM ZWJ ZWNJ


def assert_terminal_safe(out: str, bidi: bool = False) -> None:
    """``bidi``: explicit bidi controls may stay (multi-line article text keeps
    them for the layout engine, which honours them and never draws them)."""
    for ch in out:
        cp = ord(ch)
        assert not (unicodedata.category(ch) == "Cc" and ch != "\n"), repr(ch)
        assert bidi or ch not in BIDI_CONTROLS, repr(ch)
        assert not 0xD800 <= cp <= 0xDFFF, repr(ch)
        assert ch != "\ufeff"


@pytest.mark.parametrize(
    "dirty, expected",
    [
        ("a\x1b]0;evil title\x07b", "ab"),  # OSC window title, BEL-terminated
        ("a\x1b]52;c;ZXZpbA==\x1b\\b", "ab"),  # OSC 52 clipboard, ST-terminated
        ("\x1b]8;;http://x.example\x1b\\link\x1b]8;;\x1b\\", "link"),  # OSC 8 hyperlink
        ("a\x1b]0;never terminated", "a"),  # unterminated OSC eats its line only
        ("a\x1b]0;cut\nnext line", "a\nnext line"),
        ("x\x1b[2J\x1b[H\x1b[31;1my", "xy"),  # CSI clear, home, SGR
        ("x\x1b[?1049h\x1b[?25ly", "xy"),  # private parameters
        ("x\x1b[>0;1cy", "xy"),
        ("x\x1b[1 qy", "xy"),  # intermediate byte
        ("x\x1b[12", "x"),  # truncated CSI
        ("x\x9b2Jy", "xy"),  # 8-bit CSI
        ("x\x9d0;title\x9cy", "xy"),  # 8-bit OSC with 8-bit ST
        ("x\x9d0;title\x07y", "xy"),
        ("x\x1bPq#0;2;0;0;0#0~~\x1b\\y", "xy"),  # DCS (sixel)
        ("x\x90payload\x9cy", "xy"),
        ("x\x1b_apc payload\x1b\\y", "xy"),  # APC
        ("x\x1b^pm payload\x1b\\y", "xy"),  # PM
        ("x\x1bXsos payload\x1b\\y", "xy"),  # SOS
        ("x\x1b(By", "xy"),  # nF: designate charset
        ("x\x1b#8y", "xy"),  # DECALN
        ("x\x1bcy", "xy"),  # RIS (full reset)
        ("x\x1b7y\x1b8", "xy"),  # save/restore cursor
        ("x\x1b", "x"),  # lone ESC at the end
        ("x\x1b\x1b[0my", "xy"),
        ("a\x00b\x07c\x08d\x7fe", "abcde"),  # NUL, BEL, BS, DEL
        ("a\x86b\x81c\x9f apc string", "abc"),  # C1; U+009F starts an APC string
        ("a\x85b\x0bc\x0cd", "a\nb\nc\nd"),  # NEL, VT, FF: line breaks
        ("a\r\nb\rc", "a\nb\nc"),
        ("a\u2028b\u2029c", "a\nb\nc"),
        ("\u202eevil\u202c \u2067x\u2069", "\u202eevil\u202c \u2067x\u2069"),  # for the engine
        ("\ufeffa\ufeffb", "ab"),
        ("a\ud800b", "a\ufffdb"),  # lone surrogate from an undecodable name
        ("x\ufeff\x1bP+q\x1b\\y", "xy"),  # a removed character right before ESC
        ("x\x00\x1b]0;t\x07y", "xy"),
        ("x\x86\x9d0;t\x07y", "xy"),
    ],
)
def test_clean_removes(dirty, expected):
    assert clean(dirty) == expected


def test_clean_line_removes_bidi_controls():
    # single-line text also reaches places the layout engine does not lay out
    assert clean_line("\u202eevil\u202c \u2067x\u2069 \u202a\u202b\u202d\u2066\u2068") == "evil x"


def test_clean_keeps_markup_like_text():
    text = "[bold]x[/bold] [link=http://e.example]y[/link] [@click=app.quit]z[/]"
    assert clean(text) == text
    assert clean_line(text) == text


def test_clean_keeps_persian_and_arabic_format_characters():
    text = "می\u200cخواهم \u200fمرحبا\u200e abc \u061c١٢ ب\u200dت"
    assert clean(text) == text


def test_tabs_expand_to_tab_stops():
    assert clean("\tx") == " " * TAB_WIDTH + "x"
    assert clean("ab\tx") == "ab" + " " * (TAB_WIDTH - 2) + "x"
    assert clean("a\n\tx") == "a\n" + " " * TAB_WIDTH + "x"
    assert TAB_WIDTH in (4, 8)


def test_clean_line_folds_newlines_and_spaces():
    assert clean_line("  Title\r\n  second\tpart \x1b[31m ") == "Title second part"


def test_is_clean():
    assert is_clean("مرحبا\nworld")
    assert not is_clean("a\x1b[0m")
    assert not is_clean("a\tb")


ARABIC_PERSIAN = st.text(
    alphabet=st.sampled_from(
        list("ابتثجحخدذرسشصضطظعغفقكلمنهوية ءآأإؤئىپچژگکیۀ٠١٢٣۴۵ًٌٍَُِّْٰـ،؛؟.!:«»()\n-")
        + list(KEPT_FORMAT)
        + ["\u00a0", "\u200b", "A", "z", "1"]
    ),
    max_size=200,
)


@given(ARABIC_PERSIAN)
def test_arabic_and_persian_text_unchanged(text):
    assert clean(text) == text


@given(st.text())
def test_no_control_characters_out(text):
    assert_terminal_safe(clean(text), bidi=True)
    assert_terminal_safe(clean_line(text))
    assert "\n" not in clean_line(text)


# Text salted with the start of every kind of sequence.
HOSTILE = st.lists(
    st.one_of(
        st.text(max_size=8),
        st.sampled_from(
            ["\x1b", "\x1b[", "\x1b]", "\x1bP", "\x1b_", "\x1b\\", "\x07", "\x9b", "\x9d", "\x9c",
             "\x18", "\r", "\t", "\u202e", "\u2066", "\ufeff", "\ud83d", ";", "[", "0", "m"]
        ),
    ),
    max_size=40,
).map("".join)


@given(HOSTILE)
def test_no_escape_survives_and_clean_is_idempotent(text):
    out = clean(text)
    assert_terminal_safe(out, bidi=True)
    assert_terminal_safe(clean_line(text))
    assert clean(out) == out
    assert clean_line(clean_line(text)) == clean_line(text)
    assert is_clean(out)


@given(st.text())
def test_idempotent(text):
    once = clean(text)
    assert clean(once) == once


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp"))))
def test_ordinary_text_untouched(text):
    assert clean(text) == text


PLAIN = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp")))
SEQUENCES = st.sampled_from([
    "\x1b]0;title\x07", "\x1b]52;c;ZXZpbA==\x1b\\", "\x1b]8;;http://x\x1b\\", "\x1b[31;1m",
    "\x1b[?1049h", "\x1b[2J", "\x9b0m", "\x9d0;t\x9c", "\x1bPq#0\x1b\\", "\x1b_apc\x1b\\",
    "\x1b^pm\x07", "\x1bXsos\x1b\\", "\x1b(B", "\x1bc", "\x1b7", "\x90dcs\x9c",
])
SINGLES = st.text(alphabet="\x00\x01\x07\x08\x7f\x86\x81\ufeff", max_size=3)


@given(PLAIN, SINGLES, SEQUENCES, SINGLES, PLAIN)
def test_whole_sequences_vanish_and_neighbours_survive(a, junk1, seq, junk2, b):
    assert clean(a + junk1 + seq + junk2 + b) == a + b


def test_clean_line_keeps_no_break_spaces():
    assert clean_line("«\u00a0oui\u00a0» 25\u202f000\n") == "«\u00a0oui\u00a0» 25\u202f000"
