"""The author's direction marks: isolates, LRM/RLM/ALM, embeddings honoured
(UAX #9 X1-X10) and never drawn; overrides count as embeddings; nothing
leaves its paragraph."""

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tuireader.articles.model import Direction
from tuireader.rtl import TextOptions, layout_paragraph, truncate_line
from tuireader.rtl.levels import resolve_levels

from . import oracles
from .test_properties import ARABIC

RTL, LTR = Direction.RTL, Direction.LTR
LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
CONTROLS = set(LRE + RLE + PDF + LRO + RLO + LRI + RLI + FSI + PDI + LRM + RLM + ALM)
PLAIN = TextOptions(shape=False)
PHONE = "+81-3-1234-5678"


def screen(text, width=80, direction=RTL, options=PLAIN):
    lines = layout_paragraph(text, width, direction=direction, options=options)
    return [line.text for line in lines]


def test_an_isolated_phone_number_reads_left_to_right():
    (line,) = screen(f"رقم هاتفه {LRI}{PHONE}{PDI} لمن", options=TextOptions())
    assert PHONE in line
    # without the isolate, the Unicode algorithm makes each group an Arabic
    # number after the Arabic words: the groups come out in reverse order
    (bare,) = screen(f"رقم هاتفه {PHONE} لمن")
    assert PHONE not in bare


def test_fsi_takes_the_direction_of_its_first_strong_letter():
    (line,) = screen(f"قال {FSI}hello world{PDI} أمس")
    assert line == "سمأ hello world لاق"
    (line,) = screen(f"he said {FSI}שלום עולם{PDI} today", direction=LTR)
    assert line == "he said םלוע םולש today"


def test_rli_inside_ltr_text_keeps_the_rtl_phrase_and_its_number_together():
    (line,) = screen(f"the title {RLI}שלום 2024{PDI} was shown", direction=LTR)
    assert line == "the title 2024 םולש was shown"


def test_marks_decide_direction_and_are_not_drawn():
    # RLM after "!" ties it to the Hebrew before it in an LTR paragraph
    (with_rlm,) = screen(f"abc שלום!{RLM} def", direction=LTR)
    (plain,) = screen("abc שלום! def", direction=LTR)
    assert plain == "abc םולש! def"
    assert with_rlm == "abc !םולש def"
    (with_alm,) = screen(f"abc שלום!{ALM} def", direction=LTR)
    assert with_alm == with_rlm


def test_embeddings_and_isolates_are_honoured():
    # inside a right-to-left embedding or isolate, the "!" after a Latin word
    # takes the right-to-left direction and goes to the word's left
    assert screen(f"x {RLE}abc!{PDF} y", direction=LTR) == ["x !abc y"]
    assert screen(f"x {RLI}abc!{PDI} y", direction=LTR) == ["x !abc y"]
    assert screen("x abc! y", direction=LTR) == ["x abc! y"]


def test_an_override_does_not_reverse_letters():
    """Decision (docs/rtl.md): RLO/LRO act as RLE/LRE. The enclosed text
    gets the direction, but letters keep their own: a file name cannot be
    made to read as another."""
    (line,) = screen(f"invoice{RLO}gnp.exe{PDF}", direction=LTR)
    assert "gnp.exe" in line and "exe.png" not in line
    (line,) = screen(f"{LRO}שלום{PDF} abc", direction=LTR)
    assert line == "םולש abc"
    # the override still embeds: an Arabic number after it stays with it
    embedded = screen(f"abc {RLE}1 2{PDF}", direction=LTR)
    assert screen(f"abc {RLO}1 2{PDF}", direction=LTR) == embedded


@pytest.mark.parametrize("control", [RLO, RLE, RLI, LRO, LRE, LRI, FSI])
def test_an_unterminated_control_ends_with_its_paragraph(control):
    text = f"first line {control}abc שלום\nsecond abc שלום xyz"
    _, second = screen(text, direction=LTR)
    assert second == screen("second abc שלום xyz", direction=LTR)[0]
    # and a truncated title is laid out on its own
    title = truncate_line(f"abc {control}שלום עולם ומלואו", 10, direction=LTR, options=PLAIN)
    assert title.text.endswith("…") and title.align == "left"


def test_no_control_is_drawn_in_either_mode():
    text = f"{RLO}a{LRE}b{PDF}{PDF} {LRI}c{RLI}ד{FSI}e{PDI}{PDI}{PDI}{LRM}{RLM}{ALM} שלום"
    for options in (TextOptions(), PLAIN, TextOptions(mode="terminal")):
        for direction in (RTL, LTR):
            for line in layout_paragraph(text, 5, direction=direction, options=options):
                # (terminal mode wraps right-to-left runs in isolates of its own)
                authors = [c for c, s in zip(line.text, line.source, strict=True) if s >= 0]
                assert not CONTROLS & set(authors), line.text


def test_deep_nesting_overflows_without_breaking():
    text = (RLI + "a ") * 200 + "שלום" + PDI * 250
    levels = resolve_levels(text, False)
    assert set(levels) <= set("0123456789")
    assert screen(text, 20)


# --- properties -------------------------------------------------------------

CONTROL_TOKENS = st.one_of(
    st.text(alphabet="abc xyz", min_size=1, max_size=6),
    st.text(alphabet=ARABIC[:10], min_size=1, max_size=6),
    st.text(alphabet="0123456789-+.", min_size=1, max_size=4),
    st.sampled_from(sorted(CONTROLS) + [" ", "(", ")", "!"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CONTROL_TOKENS, max_size=20).map("".join), st.integers(1, 30),
       st.sampled_from([RTL, LTR]))  # fmt: skip
def test_controls_never_reach_the_screen_and_nothing_leaks(text, width, direction):
    follower = "after ok"
    lines = layout_paragraph(text + "\n" + follower, width, direction=direction)
    assert lines[-1].text == follower if width >= 8 else True
    for line in lines:
        assert not CONTROLS & set(line.text)
        assert line.width <= width


# --- ICU, paragraph-level resolution then each line (setPara + setLine) -------

EXPLICIT_CORPUS = [
    f"رقم هاتفه {LRI}{PHONE}{PDI} لمن يريد الاتصال بالمكتب في طوكيو",
    f"قال المتحدث {FSI}the quick brown fox{PDI} ثم غادر القاعة بعد 20 دقيقة",
    f"The committee {RLI}لجنة الانتخابات 2024{PDI} met on Monday (in Cairo).",
    f"He wrote {RLE}שלום עולם 12 ({PDF}and left), then {LRE}abc אבג{PDF} again.",
    f"مرحبا{LRM}! كيف الحال{RLM}؟ ok{ALM}, 42% من {LRI}ACME Inc.{PDI}",
    f"نص {RLI}متداخل {LRI}nested [1] text {RLI}عميق{PDI} end{PDI} نهاية{PDI} أخير",
    f"unterminated {RLI}عربي 123 و abc",
    f"نص {LRI}unterminated ltr 5 - 6",
    f"{PDI}stray {PDF}closers {LRM}at (start) ونهاية",
    f"x {RLE}abc!{PDF} y {RLI}def?{PDI} z {LRE}عربي!{PDF}",
    f"ملف {FSI}report-2024.pdf{PDI} و {FSI}تقرير.pdf{PDI} مرفقان",
    # new cases without explicit embeddings: marks that are part of letters
    # (NFD hamza, the Persian ezafe), LRM/ALM/RLM between numbers and letters
    "ا\u0654علن الري\u0654يس 2024 عن خانه\u0654 كتاب (ABC) في 10:30",
    f"السعر 25{ALM}% و 30{LRM}$ ثم GDP{RLM}، أخيرا",
]
WIDTHS = (11, 23, 47, 120)


def _spans(text, lines):
    starts = [min(s for s in line.source if s >= 0) for line in lines]
    ends = [len(text[:end].rstrip("".join(CONTROLS) + " ")) for end in [*starts[1:], len(text)]]
    return list(zip(starts, ends, strict=True))


@pytest.mark.skipif(oracles.icu is None, reason="PyICU not installed (pip install '.[oracle]')")
@pytest.mark.parametrize("text", EXPLICIT_CORPUS)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("direction", [RTL, LTR])
def test_explicit_controls_match_icu(text, width, direction):
    rtl = direction is RTL
    lines = layout_paragraph(text, width, direction=direction, options=PLAIN)
    for line, (start, end) in zip(lines, _spans(text, lines), strict=True):
        visual, vmap = oracles.icu_line(text, rtl, start, end)
        # (ICU keeps decomposed text decomposed; the engine composes it first)
        expected = unicodedata.normalize("NFC", oracles.normalize(visual, shaped=False))
        assert line.text == expected, (start, end)
        if not any(unicodedata.combining(ch) for ch in text):  # (ICU maps marks first)
            assert list(line.source) == [i for i in vmap if text[i] not in CONTROLS]


@pytest.mark.skipif(oracles.icu is None, reason="PyICU not installed (pip install '.[oracle]')")
@pytest.mark.parametrize("text", EXPLICIT_CORPUS)
@pytest.mark.parametrize("direction", [RTL, LTR])
def test_explicit_levels_match_icu(text, direction):
    rtl = direction is RTL
    ours = resolve_levels(text, rtl)
    theirs = oracles.icu_levels(text, rtl)
    for i, ch in enumerate(text):
        if ch not in CONTROLS and not ch.isspace():
            assert int(ours[i]) == theirs[i], (i, ch)
