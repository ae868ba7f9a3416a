"""The index is a cache: a cache folder that cannot be used never stops the
reader, and a full, read-only or busy disk never destroys a good index.

Faults are injected at the calls that meet the disk (ENOSPC, EROFS, EACCES,
SQLite's own full/read-only/busy errors); tests/faults/test_real_disks.py
makes the same faults real (a full tmpfs, a read-only folder seen by an
unprivileged user)."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from tuireader.index.catalog import Catalog
from tuireader.index.faults import IndexUnavailable
from tuireader.index.store import IndexDB

from .helpers import make_library


def write_articles(root, start: int, n: int, word: str) -> None:
    for i in range(start, start + n):
        (root / f"b{i:04}.txt").write_text(
            f"Headline {i}\n\nA body that mentions {word} once.\n", encoding="utf-8"
        )


def good_catalog(tmp_path, cache=None) -> Catalog:
    root = make_library(tmp_path / "lib", 0)
    write_articles(root, 0, 20, "zanzibar")
    cat = Catalog(root, cache or tmp_path / "cache", workers=1)
    cat.refresh()
    return cat


def assert_still_good(cat: Catalog, n: int = 20) -> None:
    entries = cat.entries()
    assert len(entries) >= n
    assert all(e.title.startswith("Headline") for e in entries[:n]), "titles fell back"
    assert len(cat.search("zanzibar")) == n, "the search lost the index"


def sqlite_error(cls, message: str, code: int):
    exc = cls(message)
    exc.sqlite_errorcode = code
    return exc


@pytest.mark.parametrize(
    ("message", "code", "kind"),
    [
        ("database or disk is full", 13, "full"),
        ("attempt to write a readonly database", 8, "read-only"),
        ("database is locked", 5, "busy"),
        ("disk I/O error", 10, "unavailable"),
    ],
)
def test_a_failing_write_keeps_the_index(tmp_path, monkeypatch, message, code, kind):
    cat = good_catalog(tmp_path)
    size = cat.db_path.stat().st_size
    write_articles(cat.root, 100, 5, "zanzibar")  # new files: the refresh must write

    def refuse(self):
        raise sqlite_error(sqlite3.OperationalError, message, code)

    monkeypatch.setattr(IndexDB, "transaction", refuse)
    with pytest.raises(IndexUnavailable) as caught:
        cat.refresh()
    assert caught.value.kind == kind
    assert str(cat.db_path.parent) in caught.value.message
    monkeypatch.undo()
    assert cat.db_path.exists() and cat.db_path.stat().st_size >= size
    assert_still_good(cat)
    cat.refresh()  # the disk is back: the new files arrive
    assert len(cat.search("zanzibar")) == 25


def test_real_corruption_is_still_rebuilt(tmp_path):
    cat = good_catalog(tmp_path)
    cat.close()
    cat.db_path.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm", "-entries"):
        (cat.db_path.parent / (cat.db_path.name + suffix)).unlink(missing_ok=True)
    again = Catalog(cat.root, tmp_path / "cache", workers=1)
    again.refresh()
    assert again.notice is None
    assert_still_good(again)


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.ENAMETOOLONG])
def test_an_unusable_cache_folder_falls_back_to_memory(tmp_path, monkeypatch, err):
    root = make_library(tmp_path / "lib", 0)
    write_articles(root, 0, 20, "zanzibar")

    def fail(self):
        raise OSError(err, "injected")

    monkeypatch.setattr(IndexDB, "_connect", fail)
    cat = Catalog(root, tmp_path / "cache", workers=1)
    assert cat.notice and str(tmp_path / "cache") in cat.notice
    assert "injected" not in cat.notice  # said in words, not the bare strerror
    cat.refresh()
    assert_still_good(cat)


@pytest.mark.parametrize("shape", ["cache-is-a-file", "home-is-a-file"])
def test_a_cache_path_through_a_file(tmp_path, shape):
    root = make_library(tmp_path / "lib", 0)
    write_articles(root, 0, 20, "zanzibar")
    blocker = tmp_path / ("cache" if shape == "cache-is-a-file" else "home")
    blocker.write_text("a file")
    cache = blocker if shape == "cache-is-a-file" else blocker / ".cache" / "tuireader"
    cat = Catalog(root, cache, workers=1)
    assert cat.notice and "is a file, not a folder" in cat.notice
    cat.refresh()
    assert_still_good(cat)


def test_a_full_disk_at_open_is_not_corruption(tmp_path, monkeypatch):
    """An error at open that is not damage (here: full) must not delete the file."""
    cat = good_catalog(tmp_path)
    cat.close()
    real = IndexDB._valid

    def full(self):
        if not self.memory:
            raise sqlite_error(sqlite3.OperationalError, "database or disk is full", 13)
        return real(self)

    monkeypatch.setattr(IndexDB, "_valid", full)
    again = Catalog(cat.root, tmp_path / "cache", workers=1)
    assert again.notice and "disk is full" in again.notice
    assert_still_good(again)  # (its copy, read from the file)
    monkeypatch.undo()
    assert_still_good(Catalog(cat.root, tmp_path / "cache", workers=1))


def test_a_missing_library_folder_keeps_the_index(tmp_path):
    cat = good_catalog(tmp_path)
    away = cat.root.with_name("lib-away")
    cat.root.rename(away)
    with pytest.raises(IndexUnavailable) as caught:
        cat.refresh()
    assert caught.value.kind == "missing" and str(cat.root) in caught.value.message
    away.rename(cat.root)
    changes = cat.refresh()
    assert not changes  # nothing was dropped, so nothing comes back as new
    assert_still_good(cat)


def test_a_rebuild_never_deletes_the_file_another_reader_holds(tmp_path):
    """An index of an older schema is emptied in place: a second reader that has
    it open keeps working on the same file (a deleted file would leave it
    writing into a file nobody else sees)."""
    cat = good_catalog(tmp_path)
    inode = cat.db_path.stat().st_ino
    con = sqlite3.connect(cat.db_path)
    con.execute("UPDATE meta SET value='1:old' WHERE key='schema'")
    con.commit()
    con.close()
    newer = Catalog(cat.root, tmp_path / "cache", workers=1)  # rebuilds
    assert cat.db_path.stat().st_ino == inode
    newer.refresh()
    assert_still_good(newer)
    assert_still_good(cat)  # the first reader sees the rebuilt index
