"""The facade the screen uses, built as the app builds it: the filter finds
words in the index (prefixes, titles and text) and inside titles, in list
order; the reader highlights every word of the query."""

from __future__ import annotations

from tuireader.index.source import Source


def test_search_joins_the_index_and_the_titles_in_list_order(library, cache):
    source = Source(library, cache)
    source.refresh()
    entries = source.entries()
    by_rel = {e.rel: e.id for e in entries}
    source.warm_titles(entries)
    # in the text only (the index), as a prefix: "المحصول"
    assert source.search("المحص", entries) == [by_rel["1.txt"]]
    # inside a title word only (the title scan): "والكتاب" is not indexed as "كتاب…"
    assert source.search("تاب", entries) == [by_rel["sub/10.txt"]]
    # both at once, in list order, each word required
    assert source.search("voters", entries) == [by_rel["2.txt"]]
    assert source.search("voters مصر", entries) == []
    # only the entries given are answered
    others = [e for e in entries if e.rel != "1.txt"]
    assert source.search("المحص", others) == []
    source.close_thread()


def test_matches_cover_every_word_with_its_marks():
    text = "كِتَابٌ جَدِيدٌ عن التاريخ"
    ranges = Source.matches("كتاب تاريخ", text)
    assert [text[a:b] for a, b in ranges] == ["كِتَابٌ", "تاريخ"]
    assert Source.matches("   ", text) == []
