"""Text stored decomposed (NFD) shows the same letters as composed text.

Hamza above/below (U+0654/U+0655) and madda (U+0653) are part of the letter
they sit on, not vowel marks: they are never dropped with the harakat.
"""

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tuireader.articles.model import Direction
from tuireader.rtl import TextOptions, layout_paragraph

from .test_properties import MIXED, OPTIONS

RTL = Direction.RTL
DEFAULT = TextOptions()


def screen(text, width=80, options=DEFAULT):
    return [line.text for line in layout_paragraph(text, width, direction=RTL, options=options)]


def test_decomposed_alef_with_hamza_shows_the_composed_letter():
    assert screen("ا\u0654علن") == screen("أعلن")
    assert "\ufe83" in screen("ا\u0654علن")[0]  # ALEF WITH HAMZA ABOVE ISOLATED FORM


def test_decomposed_yeh_with_hamza_joins_as_one_letter():
    assert screen("ري\u0654يس") == screen("رئيس")
    names = [unicodedata.name(ch) for ch in screen("ري\u0654يس")[0]]
    assert "ARABIC LETTER YEH WITH HAMZA ABOVE INITIAL FORM" in names


def test_madda_and_hamza_below_compose():
    assert screen("ا\u0653ن") == screen("آن")
    assert screen("ا\u0655سلام") == screen("إسلام")


def test_persian_ezafe_hamza_is_kept_after_its_heh():
    # "خانهٔ من": heh + U+0654 has no composed form; the sign stays on screen,
    # right after its letter, with harakat dropped or kept alike.
    for options in (TextOptions(), TextOptions(harakat=True), TextOptions(shape=False)):
        (line,) = screen("خانه\u0654 من", options=options)
        assert "\u0654" in line
        assert unicodedata.name(line[line.index("\u0654") - 1]).startswith("ARABIC LETTER HEH")


def test_nfd_and_nfc_paragraphs_render_alike():
    text = "أعلن الرئيس إطلاق «آفاق» في مؤتمر، وقالت المؤسسة: نتائج جيدة."
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    for options in (TextOptions(), TextOptions(harakat=True), TextOptions(mode="terminal")):
        for width in (9, 20, 80):
            assert screen(nfd, width, options) == screen(text, width, options)


def test_source_of_a_composed_letter_is_its_base():
    (line,) = layout_paragraph("ا\u0654ب", 10, direction=RTL)
    assert sorted(line.source) == [0, 2]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MIXED, st.integers(1, 50), st.sampled_from([RTL, Direction.LTR]), OPTIONS)
def test_nfd_input_renders_as_nfc_input(text, width, direction, options):
    def draw(t):
        lines = layout_paragraph(t, width, direction=direction, options=options)
        return [(line.text, line.width) for line in lines]

    assert draw(unicodedata.normalize("NFD", text)) == draw(unicodedata.normalize("NFC", text))
