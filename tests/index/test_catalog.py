"""The catalog: warm start from the index, incremental refresh, damage recovery."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

import tuireader.index.catalog as catalog_mod
from tuireader.articles.loader import load_article
from tuireader.articles.model import Direction
from tuireader.index import parse_pool, schema
from tuireader.index import snapshot as snapshot_mod
from tuireader.index import store as index_db
from tuireader.index.catalog import Catalog
from tuireader.settings import paths

from .conftest import write_article


def titles(cat: Catalog) -> list[str]:
    return [e.title for e in cat.entries()]


def test_first_refresh_lists_every_article_with_parsed_fields(library, cache):
    cat = Catalog(library, cache)
    assert cat.entries() == []
    changes = cat.refresh()
    entries = cat.entries()
    assert len(entries) == 3 and len(changes.added) == 3
    for e in entries:
        art = load_article(e.path, library)
        assert (e.id, e.title, e.comments, e.direction) == (
            art.id,
            art.title,
            art.comments,
            art.direction,
        )
        assert not e.pending and e.error is None
    assert {e.rel for e in entries} == {"1.txt", "2.txt", "sub/10.txt"}


def test_entries_follow_the_library_order_including_later_additions(library, cache):
    cat = Catalog(library, cache)
    cat.refresh()
    write_article(library, "10.txt", "Ten", "Body ten.")
    write_article(library, "3.txt", "Three", "Body three.")
    cat.refresh()
    from input.scanned import scan

    assert [e.rel for e in cat.entries()] == [s.rel for s in scan(library)]


def test_warm_start_reads_the_index_without_parsing_files(library, cache, load_calls):
    Catalog(library, cache).refresh()
    parsed_cold = len(load_calls)
    assert parsed_cold == 3
    warm = Catalog(library, cache)
    assert sorted(titles(warm)) == sorted(
        load_article(p, library).title for p in library.rglob("*.txt")
    )
    assert len(load_calls) == parsed_cold  # the test's own loads above are not counted
    changes = warm.refresh()
    assert not changes
    assert len(load_calls) == parsed_cold  # nothing changed: nothing parsed


def test_warm_entries_do_not_touch_the_files(library, cache):
    Catalog(library, cache).refresh()
    for p in library.rglob("*.txt"):
        p.chmod(0)  # unreadable: any attempt to read would show as an error
    try:
        entries = Catalog(library, cache).entries()
        assert len(entries) == 3 and all(e.error is None for e in entries)
    finally:
        for p in library.rglob("*.txt"):
            p.chmod(0o644)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda p: p.unlink(),
        lambda p: p.write_bytes(b"junk"),
        lambda p: p.write_bytes(p.read_bytes()[:-20]),
    ],
    ids=["missing", "junk", "truncated"],
)
def test_list_snapshot_is_only_a_shortcut(library, cache, spoil):
    cat = Catalog(library, cache)
    cat.refresh()
    want = cat.entries()
    snapshot = Path(str(cat.db_path) + snapshot_mod.SNAPSHOT_SUFFIX)
    assert snapshot.exists()
    spoil(snapshot)
    assert Catalog(library, cache).entries() == want


def test_stale_list_snapshot_is_not_used(library, cache, monkeypatch):
    cat = Catalog(library, cache)
    cat.refresh()
    old = Path(str(cat.db_path) + snapshot_mod.SNAPSHOT_SUFFIX).read_bytes()
    (library / "2.txt").unlink()
    cat.refresh()
    Path(str(cat.db_path) + snapshot_mod.SNAPSHOT_SUFFIX).write_bytes(old)
    assert "2.txt" not in {e.rel for e in Catalog(library, cache).entries()}


def test_changed_file_is_parsed_again(library, cache, load_calls):
    cat = Catalog(library, cache)
    cat.refresh()
    path = write_article(
        library, "2.txt", "Municipal results in Lyon", "Counting ended.", mtime=time.time() + 5
    )
    load_calls.clear()
    changes = cat.refresh()
    assert load_calls == [path]
    entry = next(e for e in cat.entries() if e.rel == "2.txt")
    assert entry.title == "Municipal results in Lyon"
    assert changes.changed == (entry.id,) and not changes.added and not changes.removed
    assert cat.search("lyon") == [entry.id]
    assert cat.search("france") == []


def test_same_size_new_mtime_counts_as_changed(library, cache, load_calls):
    cat = Catalog(library, cache)
    cat.refresh()
    path = library / "2.txt"
    os.utime(path, (time.time() + 10, time.time() + 10))
    load_calls.clear()
    assert len(cat.refresh().changed) == 1
    assert load_calls == [path]


def test_deleted_file_is_removed(library, cache):
    cat = Catalog(library, cache)
    cat.refresh()
    gone = next(e for e in cat.entries() if e.rel == "1.txt")
    (library / "1.txt").unlink()
    changes = cat.refresh()
    assert changes.removed == (gone.id,)
    assert "1.txt" not in {e.rel for e in cat.entries()}
    assert cat.search("الزراعة") == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b"this is not a database" * 100),
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
        lambda p: p.write_bytes(b""),
    ],
    ids=["garbage", "truncated", "empty"],
)
def test_damaged_index_is_rebuilt(library, cache, damage):
    cat = Catalog(library, cache)
    cat.refresh()
    want = sorted(titles(cat))
    cat.close()
    for suffix in ("-wal", "-shm"):
        Path(str(cat.db_path) + suffix).unlink(missing_ok=True)
    damage(cat.db_path)
    again = Catalog(library, cache)
    again.entries()  # must not raise, whatever it finds
    again.refresh()
    assert sorted(titles(again)) == want
    assert again.search("الزراعة")


def test_deleting_the_cache_is_safe(library, cache):
    cat = Catalog(library, cache)
    cat.refresh()
    cat.close()
    for f in cache.rglob("*"):
        f.unlink()
    again = Catalog(library, cache)
    assert again.entries() == []
    again.refresh()
    assert len(again.entries()) == 3


def test_schema_version_bump_rebuilds(library, cache, load_calls, monkeypatch):
    Catalog(library, cache).refresh()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    newer = Catalog(library, cache)
    assert newer.entries() == []
    load_calls.clear()
    newer.refresh()
    assert len(load_calls) == 3 and len(newer.entries()) == 3


def test_one_index_per_library_root(tmp_path, library, cache):
    other = tmp_path / "other"
    write_article(other, "x.txt", "Other library", "Text.")
    a, b = Catalog(library, cache), Catalog(other, cache)
    a.refresh()
    b.refresh()
    assert a.db_path != b.db_path
    assert titles(b) == ["Other library"] and len(a.entries()) == 3
    # The same root spelled differently shares the index.
    assert Catalog(library / "sub" / "..", cache).db_path == a.db_path


def test_cache_dir_defaults_to_the_environment_override(library, tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "envcache"))
    cat = Catalog(library)
    assert cat.db_path.parent == tmp_path / "envcache"


def test_article_loads_the_full_text_lazily(library, cache):
    cat = Catalog(library, cache)
    cat.refresh()
    entry = next(e for e in cat.entries() if e.rel == "1.txt")
    article = cat.article(entry)
    assert article == load_article(library / "1.txt", library)
    assert article.direction is Direction.RTL and article.blocks


def test_new_files_are_listed_before_they_are_parsed(library, cache):
    cat = Catalog(library, cache)
    seen: list[list] = []

    def progress(done, total):
        if done == 0:
            seen.append(cat.entries())
            seen.append([catalog_mod.CatalogEntry(*r) for r in cat._list_rows()])  # SQLite's

    cat.refresh(progress=progress)
    stubs, stored = seen
    assert len(stubs) == 3 and all(e.pending for e in stubs)
    assert stubs == stored
    final = {e.rel: e.id for e in cat.entries()}
    # An entry keeps its id once parsed (the loader's id), so a selection survives.
    assert {e.rel: e.id for e in stubs} == final


def test_progress_counts_up_to_the_files_parsed(library, cache, monkeypatch):
    monkeypatch.setattr(parse_pool, "BATCH", 2)
    calls = []
    Catalog(library, cache).refresh(progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_cancelled_refresh_keeps_its_work_and_the_next_one_finishes(library, cache, monkeypatch):
    monkeypatch.setattr(parse_pool, "BATCH", 1)
    cat = Catalog(library, cache)
    done = []
    changes = cat.refresh(progress=lambda d, t: done.append(d), cancel=lambda: len(done) >= 2)
    assert changes.cancelled
    assert sum(not e.pending for e in cat.entries()) == 1
    cat.refresh()
    assert not any(e.pending for e in cat.entries())


def test_refresh_in_a_thread_while_the_list_is_read(library, cache):
    for i in range(60):
        write_article(library, f"bulk/{i}.txt", f"مقال رقم {i}", "نص المقال " * 20)
    cat = Catalog(library, cache)
    errors: list[BaseException] = []

    def worker():
        try:
            cat.refresh()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        cat.entries()
        cat.search("مقال")
    for t in threads:
        t.join()
    assert errors == []
    entries = cat.entries()
    assert len(entries) == 63 and len({e.rel for e in entries}) == 63
    assert len(cat.search("مقال")) == 60


def test_parsing_in_worker_processes_gives_the_same_index(library, cache, tmp_path, monkeypatch):
    for i in range(12):
        write_article(library, f"bulk/{i}.txt", f"خبر {i}", "نص الخبر.")
    monkeypatch.setattr(parse_pool, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(parse_pool, "_CHUNK", 4)
    pooled = Catalog(library, cache, workers=2)
    pooled.refresh()
    single = Catalog(library, tmp_path / "cache2", workers=1)
    single.refresh()
    strip = [e[1:-1] for e in single.entries()]  # all but rowid and root
    assert [e[1:-1] for e in pooled.entries()] == strip
    assert pooled.search("خبر") == single.search("خبر")


def test_unreadable_and_odd_files_are_listed_with_an_error(library, cache):
    (library / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    os.mkfifo(library / "pipe.txt")
    cat = Catalog(library, cache)
    cat.refresh()
    by_rel = {e.rel: e for e in cat.entries()}
    assert by_rel["pipe.txt"].error and by_rel["bin.txt"].error
    assert by_rel["1.txt"].error is None


def test_many_rewrites_compact_the_search_table(library, cache, monkeypatch):
    monkeypatch.setattr(index_db, "COMPACT_MIN_DEAD", 2)
    cat = Catalog(library, cache)
    cat.refresh()
    for n in range(4):
        write_article(library, "2.txt", f"Version{n} news", "Text.", mtime=time.time() + 10 + n)
        write_article(library, "1.txt", f"Edition{n} news", "Text.", mtime=time.time() + 10 + n)
        cat.refresh()
    assert len(cat.entries()) == 3
    assert len(cat.search("version3")) == 1 and cat.search("version2") == []
    assert len(cat.search("news")) == 2


class _CapturedStderr:
    """Like the stream an app framework puts in sys.stderr: no real descriptor."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return -1


def test_worker_processes_start_under_a_captured_stderr(library, cache, monkeypatch):
    for i in range(6):
        write_article(library, f"bulk/{i}.txt", f"خبر {i}", "نص الخبر.")
    monkeypatch.setattr(parse_pool, "POOL_MIN_FILES", 1)
    started = []
    real_start = parse_pool._start_pool

    def recording(n):
        pool = real_start(n)
        started.append(pool is not None)
        return pool

    monkeypatch.setattr(parse_pool, "_start_pool", recording)
    monkeypatch.setattr("sys.stderr", _CapturedStderr())
    cat = Catalog(library, cache, workers=2)
    cat.refresh()
    assert started == [True]
    assert len(cat.entries()) == 9 and not any(e.pending for e in cat.entries())


def test_without_worker_processes_parsing_happens_in_the_thread(library, cache, monkeypatch):
    monkeypatch.setattr(parse_pool, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(parse_pool, "_start_pool", lambda n: None)
    cat = Catalog(library, cache, workers=2)
    cat.refresh()
    assert len(cat.entries()) == 3 and not any(e.pending for e in cat.entries())
