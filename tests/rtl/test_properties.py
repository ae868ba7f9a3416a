"""Property tests: invariants of the layout on generated mixed-script text."""

import unicodedata
from collections import Counter

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from regex import compile as regex_compile

from tuireader.articles.model import Direction
from tuireader.rtl import TextOptions, cell_width, layout_paragraph, truncate_line
from tuireader.rtl.classes import MIRRORED
from tuireader.rtl.compose import compose
from tuireader.rtl.shaping import HARAKAT

from . import oracles

RTL, LTR = Direction.RTL, Direction.LTR
EXT_PICT = regex_compile(r"\p{Extended_Pictographic}")
CLUSTER = regex_compile(r"\X")
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
OPTIONS = st.sampled_from(
    [
        TextOptions(),
        TextOptions(harakat=True),
        TextOptions(shape=False),
        TextOptions(mode="terminal"),
        TextOptions(mode="terminal", harakat=True),
    ]
)
DIRECTIONS = st.sampled_from([RTL, LTR])


def word(alphabet, min_size=1, max_size=8):
    return st.text(alphabet=alphabet, min_size=min_size, max_size=max_size)


ARABIC = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيپچژکگیلالا"
TOKENS = st.one_of(
    word(ARABIC),
    word(ARABIC + "\u064e\u064f\u0650\u0651\u0652"),  # with harakat
    word("אבגדהוזחטיכלמנסעפצקרשת"),
    word("abcdefghijXYZ"),
    word("0123456789", max_size=5),
    word("٠١٢٣٤٥٦٧٨٩", max_size=4),
    st.sampled_from(list(",.:;!?-+/%$#()[]{}«»\"'…،؛؟")),
    st.sampled_from([" ", " ", " ", "  ", "\t", "\n", "\u00a0"]),
    st.sampled_from(["中文", "😀", "e\u0301", "❤\ufe0f", "\u200d", "\u200c", "\u200e", "\u200f"]),
    st.sampled_from(["👍🏽", "👨\u200d👩\u200d👧\u200d👦", "👩🏾\u200d💻", "🇯🇵", "1\ufe0f\u20e3"]),
    st.sampled_from(["\u202e", "\u2066", "\x1b", "\x07", "\x9b", "\u00ad"]),
)
MIXED = st.lists(TOKENS, max_size=30).map("".join)
WIDTHS = st.integers(min_value=1, max_value=50)

# What the engine may legitimately leave out of the screen text.
_NOT_DRAWN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}


def _layout(text, width, direction, options):
    return layout_paragraph(text, width, direction=direction, options=options)


def _lam_alef_partner(text, i):
    """True when text[i] is an alef that a lam before it (marks between)
    may have absorbed into a ligature."""
    if text[i] not in "آأإا":
        return False
    k = i - 1
    while k >= 0 and HARAKAT.match(text[k]):
        k -= 1
    return k >= 0 and text[k] == "ل"


@SETTINGS
@given(MIXED, WIDTHS, DIRECTIONS, OPTIONS)
def test_no_line_is_wider_than_the_width(text, width, direction, options):
    for line in _layout(text, width, direction, options):
        assert line.width <= width
        assert cell_width(line.text) == line.width
        assert len(line.source) == len(line.text)


def _cluster_at(text, i):
    """The grapheme cluster text[i] belongs to."""
    return next(mo.group() for mo in CLUSTER.finditer(text) if mo.start() <= i < mo.end())


def _cluster_base(text, i):
    """Index of the first character of the grapheme cluster of text[i]."""
    for mo in CLUSTER.finditer(text):
        if mo.start() <= i < mo.end():
            i = mo.start()
    while i > 0 and cell_width(text[i]) == 0:  # a mark after a dropped control
        i -= 1
    return i


@SETTINGS
@given(MIXED, WIDTHS, DIRECTIONS, OPTIONS)
def test_no_character_is_lost_or_duplicated(text, width, direction, options):
    lines = _layout(text, width, direction, options)
    drawn = Counter(s for line in lines for s in line.source if s >= 0)
    # a cluster too wide for a one-cell line is shown as "…" (source: its base)
    ellipsis_bases = {line.source[0] for line in lines if line.text == "…" and width == 1}
    for i, n in drawn.items():
        if text[i] != "\t":  # a tab becomes several spaces
            assert n == 1, (i, text[i])
    composed, composed_src = compose(text)
    # marks that canonical composition merged into their letter ("e\u0301")
    absorbed = set() if composed_src is None else set(range(len(text))) - set(composed_src)
    for i, ch in enumerate(text):
        if i in drawn or i in absorbed:
            continue
        assert (
            ch.isspace()  # at a line break, or leading/trailing
            or unicodedata.category(ch) in _NOT_DRAWN_CATEGORIES
            or (HARAKAT.match(ch) and not options.harakat)
            or (options.mode == "app" and options.shape and _lam_alef_partner(text, i))
            or _cluster_base(text, i) in ellipsis_bases
        ), (i, ch)


@SETTINGS
@given(MIXED, WIDTHS, DIRECTIONS, OPTIONS)
def test_each_char_shows_its_source(text, width, direction, options):
    for line in _layout(text, width, direction, options):
        for ch, s in zip(line.text, line.source, strict=True):
            if s < 0:
                continue
            src = text[s]
            assert (
                ch == src
                or ch == MIRRORED.get(src)
                or (src == "\t" and ch == " ")
                # a soft hyphen the line was broken at (the line's logical end)
                or (src == "\u00ad" and ch == "-" and s == max(line.source))
                or unicodedata.normalize("NFKC", ch)[:1] == src
                or unicodedata.normalize("NFD", ch)[:1] == src  # composed from it
                # a two-cell char in a one-cell line is shown as "…"
                or (ch == "…" and width == 1 and cell_width(_cluster_at(text, s)) == 2)
            ), (ch, src)


@SETTINGS
@given(MIXED, WIDTHS, DIRECTIONS, OPTIONS)
def test_lines_come_in_reading_order(text, width, direction, options):
    previous = -1
    for line in _layout(text, width, direction, options):
        used = [s for s in line.source if s >= 0]
        if used:
            assert min(used) > previous
            previous = max(used)


@SETTINGS
@given(MIXED, WIDTHS, DIRECTIONS)
def test_app_mode_emits_no_controls(text, width, direction):
    for line in _layout(text, width, direction, TextOptions()):
        for i, ch in enumerate(line.text):
            if ch == "\u200d":  # only inside an emoji sequence, part of its glyph
                assert 0 < i < len(line.text) - 1
                assert EXT_PICT.match(line.text, i + 1) and line.source[i - 1] < line.source[i]
                continue
            assert unicodedata.category(ch) not in ("Cc", "Cf", "Cs"), hex(ord(ch))


@SETTINGS
@given(MIXED, WIDTHS, DIRECTIONS)
def test_terminal_mode_emits_only_balanced_isolates(text, width, direction):
    for line in _layout(text, width, direction, TextOptions(mode="terminal")):
        depth = 0
        for ch in line.text:
            if ch == "\u2067":
                depth += 1
                assert depth == 1
            elif ch == "\u2069":
                depth -= 1
                assert depth == 0
            else:
                assert unicodedata.category(ch) != "Cc"
                assert ch not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2068\u200e\u200f\u061c"
        assert depth == 0


LATIN_WORDS = st.lists(word("abcdefghijklmnopqrstuvwxyzABC0123456789.,;:!?'-"), min_size=1)


@SETTINGS
@given(LATIN_WORDS, st.integers(min_value=12, max_value=60))
def test_pure_ltr_text_is_left_alone(words, width):
    text = " ".join(words)
    assume(all(len(w) <= width for w in words))
    lines = _layout(text, width, LTR, TextOptions())
    assert " ".join(line.text for line in lines) == text
    for line in lines:
        assert line.source == tuple(range(line.source[0], line.source[0] + len(line.text)))
    # idempotent: laying out a screen line again changes nothing
    for line in lines:
        (again,) = _layout(line.text, width, LTR, TextOptions())
        assert again.text == line.text


@SETTINGS
@given(st.lists(word("אבגדהוזחטיכלמנסעפצקרשת"), min_size=1), WIDTHS)
def test_pure_rtl_lines_are_their_logical_text_reversed(words, width):
    text = " ".join(words)
    for line in _layout(text, width, RTL, TextOptions()):
        logical = "".join(text[i] for i in sorted(line.source))
        assert line.text == logical[::-1]
        assert line.align == "right"


ANYTHING = st.text(alphabet=st.characters(blacklist_categories=()), max_size=200)


@settings(max_examples=200, deadline=None)
@given(ANYTHING, st.integers(min_value=-2, max_value=80), DIRECTIONS, OPTIONS)
def test_never_raises_on_arbitrary_text(text, width, direction, options):
    lines = _layout(text, width, direction, options)
    assert lines
    line = truncate_line(text, width, direction=direction, options=options)
    assert line.width <= max(width, 0)


@SETTINGS
@given(MIXED, st.integers(min_value=0, max_value=40), DIRECTIONS, OPTIONS)
def test_truncation_fits_and_marks_the_cut(text, width, direction, options):
    line = truncate_line(text, width, direction=direction, options=options)
    assert line.width <= width
    assert cell_width(line.text) == line.width
    full = _layout(text.replace("\n", " "), 10_000, direction, options)
    if len(full) == 1 and full[0].width <= width:
        assert "…" not in line.text or "…" in text
    elif width >= 1 and full[0].width > width:
        assert "…" in line.text


ORACLE_TOKENS = st.one_of(
    word(ARABIC),
    word("אבגדהוזחט"),
    word("abcXYZ"),
    word("0123456789", max_size=4),
    word("٠١٢٣", max_size=3),
    st.sampled_from(list(',.:/-+%$#()[]{}«»"!؟،')),
    st.just(" "),
)


@pytest.mark.skipif(oracles.LIBFRIBIDI is None, reason="libfribidi not installed")
@settings(max_examples=200, deadline=None)
@given(st.lists(ORACLE_TOKENS, max_size=25).map("".join), WIDTHS, DIRECTIONS)
def test_random_lines_match_libfribidi(text, width, direction):
    options = TextOptions(shape=False)
    lines = _layout(text, width, direction, options)
    for line in lines:
        used = [s for s in line.source if s >= 0]
        if not used:
            continue
        start, end = min(used), max(used) + 1
        visual, vmap = oracles.libfribidi_line(text, direction is RTL, start, end, False)
        assert line.text == visual
        assert list(line.source) == vmap


@SETTINGS
@given(MIXED, WIDTHS, DIRECTIONS)
def test_widths_agree_with_rich_on_what_the_app_draws(text, width, direction):
    """The UI pads with our widths and Textual measures with Rich's: they
    must agree on every line the engine emits in app mode."""
    from rich.cells import cell_len

    for line in _layout(text, width, direction, TextOptions(harakat=True)):
        assert cell_len(line.text) == line.width


PYTHON_BIDI_TOKENS = st.one_of(
    word(ARABIC),
    word("אבגדהוזחט"),
    word("abcXYZ"),
    word("0123456789", max_size=4),
    word("٠١٢٣", max_size=3),
    st.sampled_from(list(',.:/-+%$#"!؟،')),  # no mirrored characters
    st.just(" "),
)


@SETTINGS
@given(st.lists(PYTHON_BIDI_TOKENS, max_size=25).map("".join), DIRECTIONS)
def test_single_lines_match_python_bidi(text, direction):
    """On one line without brackets or marks, python-bidi's get_display (L1
    and L2 only) is a valid oracle too."""
    from bidi import get_display

    text = text.strip(" ")
    assume(text and "  " not in text)
    (line,) = _layout(text, 10_000, direction, TextOptions(shape=False))
    assert line.text == get_display(text, base_dir="R" if direction is RTL else "L")
