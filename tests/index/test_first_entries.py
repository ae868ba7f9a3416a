"""``first_entries``: the head of the list, for the first screen of a long one."""

from __future__ import annotations

from tuireader.catalog import Catalog

from .conftest import write_article


def test_first_entries_are_the_head_of_the_list_in_its_order(tmp_path):
    root = tmp_path / "lib"
    # natural order (2 before 10), subdirectories, and a later addition
    for i in (10, 2, 33, 1, 7):
        write_article(root, f"{i}.txt", f"مقال {i}", "نص.")
    write_article(root, "sub/5.txt", "Article in a folder", "Text.")
    cat = Catalog(root, tmp_path / "cache")
    cat.refresh()
    write_article(root, "4.txt", "Late arrival", "Text.")
    cat.refresh()
    whole = cat.entries()
    assert [e.rel for e in whole][:3] == ["1.txt", "2.txt", "4.txt"]
    for n in range(len(whole) + 2):
        assert cat.first_entries(n) == whole[:n]


def test_first_entries_of_an_empty_or_damaged_index_are_empty(tmp_path):
    cat = Catalog(tmp_path / "nothing", tmp_path / "cache")
    assert cat.first_entries(10) == []
    cat.close()
    for f in (tmp_path / "cache").glob("*.sqlite3"):
        f.write_bytes(b"this is not a database" * 100)
    assert Catalog(tmp_path / "nothing", tmp_path / "cache").first_entries(10) == []
