"""Per-character codes: the table is filled as characters are met, and a
character met for the first time gets the same facts as one known before."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import get_character_cell_size

from tuireader.rtl import charinfo
from tuireader.rtl.charinfo import TO_CLASS, TO_JOIN, TO_WIDTH, classes, codes


def expected_class(ch: str) -> str:
    return charinfo.BIDI_CODE.get(unicodedata.bidirectional(ch), "O")


def expected_width(ch: str) -> int:
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cc") or (cat == "Cf" and unicodedata.bidirectional(ch) != "AN"):
        return 0
    return get_character_cell_size(ch)


TEXT = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=0x7F),
        st.characters(min_codepoint=0x590, max_codepoint=0x6FF),
        st.characters(min_codepoint=0x2000, max_codepoint=0x206F),
        st.characters(min_codepoint=0xFB1D, max_codepoint=0xFEFF),
        st.characters(),
    ),
    max_size=40,
)


@given(TEXT)
def test_codes_give_each_characters_bidi_class_and_width(text):
    cls = codes(text).translate(TO_CLASS)
    widths = codes(text).translate(TO_WIDTH)
    assert len(cls) == len(text)
    for ch, c, w in zip(text, cls, widths, strict=True):
        assert c == expected_class(ch), (ch, hex(ord(ch)))
        assert ord(w) == expected_width(ch), (ch, hex(ord(ch)))


def test_latin_first_then_arabic_in_one_text_are_both_classified():
    # (a text whose first characters are known and whose others are not)
    text = "The exhibition \u0627\u0644\u062e\u0637 \u05e9\u05dc\u05d5\u05dd opens"
    assert classes(text) == "".join(expected_class(ch) for ch in text)
    assert set(codes(text).translate(TO_JOIN)) <= set("DRU")


def test_a_character_is_in_the_table_only_once_its_glyphs_are_there(monkeypatch):
    """Layout runs in several threads: one that finds a character's code in the
    table shapes it at once, so its glyphs must already be registered (else a
    final form came out as the CJK character its key happens to be)."""
    from tuireader.rtl import joining
    from tuireader.rtl.paragraph import prepare

    letter = "\u0778"  # ݸ: right-joining, no presentation forms
    monkeypatch.delitem(charinfo._TABLE, ord(letter), raising=False)
    for digit in range(4):
        monkeypatch.delitem(joining.GLYPHS, ord(letter) + digit * 0x10000, raising=False)
    codes.cache_clear()
    prepare.cache_clear()
    register, seen = joining.register, []

    def spy(char: str, jtype: str) -> None:
        seen.append((char, ord(char) in charinfo._TABLE))
        register(char, jtype)

    monkeypatch.setattr(joining, "register", spy)
    shaped = prepare("ب" + letter, True, "app", True, True).text
    assert (letter, False) in seen and (letter, True) not in seen
    assert shaped == "\ufe91" + letter  # beh initial, the letter as itself
    codes.cache_clear()
    prepare.cache_clear()
