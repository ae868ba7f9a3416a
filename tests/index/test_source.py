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


def test_metadata_dates_are_the_dates_the_tables_give(tmp_path, cache):
    from datetime import date

    from tuireader.index.list_order import date_stamp, dates_by_id

    root = tmp_path / "lib"
    root.mkdir()
    table = "Details | |\n---|---|\n{row}\n"
    (root / "dated.txt").write_text(
        "Dated\nDated\nText.\n" + table.format(row="Datum | 2024-11-03 |"), encoding="utf-8"
    )
    (root / "undated.txt").write_text(
        "Undated\nUndated\nText.\n" + table.format(row="Ort | Kairo |"), encoding="utf-8"
    )
    source = Source(root, cache)
    source.refresh()
    ids = {e.rel: e.id for e in source.entries()}
    assert source.metadata_dates() == {ids["dated.txt"]: date_stamp(date(2024, 11, 3))}
    assert dates_by_id([("a", "not json"), ("b", "42"), ("c", '[["date", "2001-02-03"]]')]) == {
        "c": date_stamp(date(2001, 2, 3))
    }
