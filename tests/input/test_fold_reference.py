"""fold() takes shortcuts (str.replace for frequent letters, the table only for
runs of other characters); it must give exactly what the plain table did."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.index import normalize
from tuireader.index.normalize import fold

_SPACE_RUN = re.compile(" {2,}")


def reference_fold(text: str) -> str:
    """The earlier fold(): every character through the table, then space runs."""
    folded = text.translate(normalize._TABLE)
    if "  " in folded:
        folded = _SPACE_RUN.sub(" ", folded)
    return folded


# Arabic letters and marks, Persian letters, presentation forms, digits,
# Latin with accents and capitals, spaces and format characters: the
# characters the shortcuts treat differently are all in here.
_ALPHABET = st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
    st.characters(min_codepoint=0x2000, max_codepoint=0x206F),
    st.sampled_from(list(" \n\t\r\u00a0\u0640ABCabcßİ0123٠١۲")),
    st.characters(),
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_fold_matches_the_plain_table(text):
    assert fold(text) == reference_fold(text)


@given(st.text(max_size=80))
def test_fold_matches_the_plain_table_on_any_text(text):
    assert fold(text) == reference_fold(text)


def test_fold_changes_the_frequent_letters():
    # (independent of the table: what a reader types must meet what is stored)
    assert fold("مدرسة أإآ ى") == "مدرسه ااا ي"
    assert fold("الْمَدْرَسَةُ\nABC") == "المدرسه abc"
