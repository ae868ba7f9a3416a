"""``first_entries``: the head of the list, for the first screen of a long one."""

from __future__ import annotations

from pathlib import Path

from tuireader.index import snapshot as snapshot_mod
from tuireader.index.catalog import Catalog

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


def _library_of(tmp_path, n):
    root = tmp_path / "lib"
    for i in range(n):
        write_article(root, f"{i}.txt", f"عنوان {i}", "نص.")
    return root


def test_the_list_snapshot_in_many_pieces_reads_back_whole(tmp_path, monkeypatch):
    # Long lists are stored in pieces (so a thread reading one lets the
    # interface run between them); every row comes back, in order.
    monkeypatch.setattr(snapshot_mod, "SNAPSHOT_CHUNK", 3)
    root = _library_of(tmp_path, 11)
    cat = Catalog(root, tmp_path / "cache")
    cat.refresh()
    from_index = Catalog(root, tmp_path / "cache")._list_rows()
    snapshot = Catalog(root, tmp_path / "cache")._snapshot.read()
    assert snapshot is not None and [tuple(r) for r in snapshot] == from_index
    assert Catalog(root, tmp_path / "cache").entries() == cat.first_entries(100)


def test_a_snapshot_cut_inside_a_piece_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setattr(snapshot_mod, "SNAPSHOT_CHUNK", 3)
    root = _library_of(tmp_path, 11)
    cat = Catalog(root, tmp_path / "cache")
    cat.refresh()
    want = cat.entries()
    path = Path(str(cat.db_path) + snapshot_mod.SNAPSHOT_SUFFIX)
    data = path.read_bytes()
    for cut in (len(data) // 2, len(data) - 1, 20):
        path.write_bytes(data[:cut])
        fresh = Catalog(root, tmp_path / "cache")
        assert fresh._snapshot.read() is None
        assert fresh.entries() == want  # (read from the index instead)
