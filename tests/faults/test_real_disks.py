"""The same faults as test_index_faults, made real: a tmpfs that is full or
read-only, and folders an unprivileged user may not write to."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import tuireader.articles.loader  # noqa: F401
import tuireader.articles.scan  # noqa: F401 - imported before privileges are dropped
import tuireader.index.normalize  # noqa: F401
from tuireader.index.catalog import Catalog
from tuireader.index.faults import IndexUnavailable
from tuireader.settings.state import STATE_FILE, StateStore, save_failed_note

from .disks import as_unprivileged, fill, remount_read_only, shared_dir, small_tmpfs
from .test_index_faults import assert_still_good, write_articles


def library(base) -> Path:
    root = base / "lib"
    root.mkdir()
    write_articles(root, 0, 20, "zanzibar")
    return root


def test_a_full_cache_disk_keeps_a_good_index(tmp_path):
    root = library(tmp_path)
    with small_tmpfs("2m") as mnt:
        cat = Catalog(root, mnt / "cache", workers=1)
        cat.refresh()
        assert_still_good(cat)
        filler = fill(mnt)
        for i in range(100, 400):  # new files: the refresh needs room to write them
            (root / f"n{i}.txt").write_text(f"New {i}\n\n" + "word " * 2000, encoding="utf-8")
        with pytest.raises(IndexUnavailable) as caught:
            cat.refresh()
        assert caught.value.kind == "full" and "disk is full" in caught.value.message
        assert_still_good(cat)
        # a second reader starting now still gets the index, read from the full disk
        other = Catalog(root, mnt / "cache", workers=1)
        assert_still_good(other)
        other.close()
        filler.unlink()
        cat.refresh()  # room again: the new files arrive
        assert len(cat.entries()) == 320
        cat.close()


def test_a_fresh_index_on_a_full_disk_lives_in_memory(tmp_path):
    root = library(tmp_path)
    with small_tmpfs("1m") as mnt:
        fill(mnt)
        cat = Catalog(root, mnt / "cache", workers=1)
        assert cat.notice and "disk is full" in cat.notice
        cat.refresh()
        assert_still_good(cat)


def test_a_read_only_cache_disk_still_reads_and_searches(tmp_path):
    root = library(tmp_path)
    with small_tmpfs("2m") as mnt:
        cat = Catalog(root, mnt / "cache", workers=1)
        cat.refresh()
        cat.close()
        del cat
        remount_read_only(mnt)
        again = Catalog(root, mnt / "cache", workers=1)
        assert again.notice and "read-only" in again.notice
        assert_still_good(again)  # before any refresh: the old index, copied
        write_articles(root, 50, 3, "zanzibar")
        again.refresh()
        assert len(again.search("zanzibar")) == 23


def test_a_full_state_disk_keeps_the_last_good_file(tmp_path):
    with small_tmpfs("1m") as mnt:
        store = StateStore(mnt / "state", tmp_path)
        store.set_read("first")
        store.save()
        fill(mnt)
        store.set_read("second")
        with pytest.raises(OSError) as caught:
            store.save()
        assert "the disk is full" in save_failed_note(store, caught.value)
        data = json.loads((mnt / "state" / STATE_FILE).read_text(encoding="utf-8"))
        assert list(data["libraries"].values())[0]["read"] == ["first"]
        assert not [p for p in (mnt / "state").iterdir() if p.name.endswith(".tmp")]


def test_a_read_only_cache_folder_for_an_unprivileged_user():
    with shared_dir() as base:
        root = library(base)
        cat = Catalog(root, base / "cache", workers=1)
        cat.refresh()
        cat.close()
        for path in (base / "cache").iterdir():
            os.chmod(path, 0o444)
        os.chmod(base / "cache", 0o555)

        def look():
            seen = Catalog(root, base / "cache", workers=1)
            before = [e.title for e in seen.entries()]
            found = len(seen.search("zanzibar"))
            seen.refresh()
            return seen.notice, before, found, len(seen.search("zanzibar"))

        notice, titles, found, after = as_unprivileged(look)
    assert notice and "permission denied" in notice
    assert len(titles) == 20 and all(t.startswith("Headline") for t in titles)
    assert found == 20 and after == 20


def test_an_unreadable_state_folder_mid_session_for_an_unprivileged_user():
    """An NFS home whose ticket expired: the state folder turns unreadable while
    the reader runs. The poll and the save must not crash, and marks made
    meanwhile are not written over marks that could not be read."""
    with shared_dir() as base:
        state = base / "state"

        def session():
            state.mkdir()  # (made by nobody, who may then take its own access away)
            store = StateStore(state, base)
            store.load()
            store.set_read("a")
            store.save()
            os.chmod(state, 0o000)  # (the owner, nobody, loses access)
            store.set_read("b")
            changed = store.reload_if_changed()
            try:
                store.save()
                saved = "saved"
            except OSError as exc:
                saved = save_failed_note(store, exc)
            os.chmod(state, 0o755)
            return changed, sorted(store.read), saved

        changed, marks, saved = as_unprivileged(session)
    assert marks == ["a", "b"], "the marks on screen were dropped"
    assert "permission denied" in saved


def test_a_state_folder_name_too_long(tmp_path):
    store = StateStore(tmp_path / ("x" * 300), tmp_path)
    notices = store.load()  # no crash at start
    assert all("too long" in n for n in notices)
    store.set_read("a")
    with pytest.raises(OSError) as caught:
        store.save()
    assert "too long" in save_failed_note(store, caught.value)
