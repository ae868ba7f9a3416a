"""The filter's title match (words found anywhere inside a title, Arabic-aware)
agrees with checking every title one by one, however the titles change."""

from __future__ import annotations

from typing import NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.index.search import LibrarySearch, contains, fold_query, query_words
from tuireader.index.search.titles import TitleScan


class Entry(NamedTuple):
    id: str
    title: str


ALPHABET = "ابتةهىيأإآکی كالمد ٣3aBß\x00 ـَ"
titles = st.lists(st.text(alphabet=ALPHABET, max_size=12), max_size=30)
queries = st.text(alphabet=ALPHABET, min_size=1, max_size=8)


def expected(words: list[str], entries: list[Entry]) -> set[str]:
    return {e.id for e in entries if all(contains(w, e.title) for w in words)}


@settings(max_examples=300, deadline=None)
@given(titles, titles, queries)
def test_title_hits_match_a_title_by_title_check(before, after, query):
    scan = TitleScan()
    words = [w for w in (fold_query(w) for w in query_words(query)) if w]
    for batch, names in ((before, "a"), (after, "b")):
        # ids reused with new titles: the cache must not answer with an old title
        entries = [Entry(f"{names}{i % 5}" if i % 2 else f"x{i}", t) for i, t in enumerate(batch)]
        entries = list({e.id: e for e in entries}.values())
        if words:
            assert scan.hits(words, entries) == expected(words, entries)


def test_a_word_inside_an_arabic_word_is_found():
    scan = TitleScan()
    entries = [Entry("1", "والكتاب الجديد"), Entry("2", "مدرسة"), Entry("3", "كتب")]
    assert scan.hits(["كتاب"], entries) == {"1"}
    assert scan.hits(["مدرسه"], entries) == {"2"}  # ة matches ه
    assert scan.hits(["كتاب", "جديد"], entries) == {"1"}
    assert scan.hits(["كتاب", "مدرس"], entries) == set()


def test_the_search_joins_index_hits_and_title_hits_in_list_order():
    entries = [Entry("1", "مدرسة"), Entry("2", "Body only"), Entry("3", "والكتاب")]
    asked = []

    def in_index(query):
        asked.append(query)
        return ["2", "gone"]  # an id no longer on the list is dropped

    search = LibrarySearch(in_index)
    assert search.search("كتاب", entries) == ["2", "3"]
    assert search.search("  ", entries) == [] and asked == ["كتاب"]  # (no words: no query)
