"""Arabic-aware search: folding and match ranges in original indices."""

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tuireader.index.normalize import fold, normalize
from tuireader.index.search import contains, find_matches

HARAKAT = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
ALEFS = ["\u0627", "\u0623", "\u0625", "\u0622", "\u0671"]


@pytest.mark.parametrize(
    "query, text, found",
    [
        ("الرئيس", "قالَ الرَّئِيسُ إنّ", "الرَّئِيسُ"),  # harakat ignored
        ("الرَّئِيسُ", "قال الرئيس إن", "الرئيس"),  # ...on both sides
        ("كبير", "مهرجان كـــبير للخط", "كـــبير"),  # tatweel ignored
        ("احمد", "قال أحمد", "أحمد"),
        ("أحمد", "قال احمد", "احمد"),
        ("اسلام", "الإسلام", "إسلام"),
        ("القران", "القُرْآن", "القُرْآن"),
        ("ٱلله", "عبد الله", "الله"),
        ("مستشفي", "مستشفى المدينة", "مستشفى"),  # ى / ي
        ("مدرسه", "في المدرسة", "مدرسة"),  # ة / ه
        ("كتاب", "کتاب‌ها", "کتاب"),  # Persian keheh
        ("يک", "یک روز", "یک"),  # Persian yeh
        ("2024", "في عام ٢٠٢٤ م", "٢٠٢٤"),  # Arabic-Indic digits
        ("١٤٠٣", "تاریخ ۱۴۰۳/۰۸", "۱۴۰۳"),  # Persian digits, query in Arabic-Indic
        ("ATACMS", "(atacms) ضد", "atacms"),  # casefold
        ("strasse", "Die Straße", "Straße"),
        ("نرگس احمدی", "خانم نرگس  احمدی، مادر", "نرگس  احمدی"),  # whitespace runs
        ("ميخواهم", "می‌خواهم", "می‌خواهم"),  # ZWNJ ignored
        ("لا", "ﻻ تكيف", "ﻻ"),  # presentation-form ligature
    ],
)
def test_find_matches(query, text, found):
    matches = find_matches(query, text)
    assert matches, (query, text)
    start, end = matches[0]
    assert text[start:end] == found


def test_match_covers_harakat_of_last_letter():
    text = "عَلَّمَ الطُّلَّابَ"
    (start, end), = find_matches("علم", text)
    assert (start, end) == (0, len("عَلَّمَ"))


def test_all_matches_non_overlapping_in_order():
    text = "سلام سلام، وسلامٌ"
    # The last match also covers the tanwin on its final letter.
    assert find_matches("سلام", text) == [(0, 4), (5, 9), (12, 17)]
    assert find_matches("aa", "aaaa") == [(0, 2), (2, 4)]


def test_no_match_and_empty_query():
    assert find_matches("غير", "نص عربي") == []
    assert find_matches("", "text") == []
    assert find_matches("   ", "a b") == []
    assert find_matches("\u064e", "بَ") == []  # a query of marks only is empty


def test_contains():
    assert contains("اسرائيل", "إسرائيل")
    assert not contains("x", "abc")


def test_fold_examples():
    assert fold("إِنَّ الـمَدْرَسَةَ ١٢") == "ان المدرسه 12"
    assert fold("ی ک ى") == "ي ك ي"


@given(st.text(max_size=200))
def test_map_is_monotone_and_in_range(text):
    folded, index_map = normalize(text)
    assert len(folded) == len(index_map)
    assert all(0 <= i < len(text) for i in index_map)
    assert all(a <= b for a, b in zip(index_map, index_map[1:], strict=False))
    assert fold(text) == folded


@given(st.text(max_size=100))
def test_each_folded_char_comes_from_its_source(text):
    folded, index_map = normalize(text)
    for i, ch in enumerate(folded):
        if ch != " ":
            assert ch in fold(text[index_map[i]])


ARABIC_WORD = st.text(alphabet="بتثجحخدذرسشصضطظعغفقكلمنهوي", min_size=2, max_size=8)


@given(ARABIC_WORD, st.data())
def test_found_regardless_of_harakat_and_alef_variants(word, data):
    word = data.draw(st.sampled_from(ALEFS)) + word
    decorated = "".join(
        ch + "".join(data.draw(st.lists(st.sampled_from(HARAKAT + ["\u0640"]), max_size=2)))
        for ch in word
    )
    plain = "\u0627" + word[1:]
    text = "قبل " + decorated + " بعد"
    matches = find_matches(plain, text)
    assert matches
    start, end = matches[0]
    assert start == 4
    # The range ends after the last letter's marks, at the following space.
    assert end == len(text) - len(" بعد")
    assert find_matches(decorated, "قبل " + plain + " بعد") == [(4, 4 + len(plain))]


@given(st.text(max_size=60), st.text(min_size=1, max_size=6), st.text(max_size=60))
def test_inserted_query_is_found(before, query, after):
    assume(fold(query).strip(" "))
    text = before + " " + query + " " + after
    matches = find_matches(query, text)
    assert matches
    for start, end in matches:
        assert 0 <= start < end <= len(text)
        assert fold(query).strip(" ") in fold(text[start:end])


def test_marks_in_text_are_never_split_from_their_letter():
    text = "مُحَمَّدٌ"
    for _start, end in find_matches("محمد", text):
        assert end == len(text) or not unicodedata.combining(text[end])
