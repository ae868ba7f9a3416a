"""State file faults: injected ENOSPC/EROFS/EACCES at the calls that write, two
instances and a position not saved yet, the corrupt-file race, and messages a
person can act on."""

from __future__ import annotations

import errno
import json
import os
import tempfile

import pytest

import tuireader.settings.state as state_mod
from tuireader.files.aside import move_aside
from tuireader.files.errors import describe_place_error
from tuireader.settings.state import STATE_FILE, StateStore, save_failed_note


@pytest.mark.parametrize(
    ("err", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "read-only"),
        (errno.EACCES, "permission denied"),
    ],
)
@pytest.mark.parametrize("call", ["mkstemp", "replace"])
def test_an_injected_write_error_keeps_the_last_file(tmp_path, monkeypatch, err, words, call):
    store = StateStore(tmp_path / "state", tmp_path)
    store.set_read("first")
    store.save()

    def fail(*args, **kwargs):
        raise OSError(err, os.strerror(err))

    target = tempfile if call == "mkstemp" else os
    monkeypatch.setattr(target, call, fail)
    store.set_read("second")
    with pytest.raises(OSError) as caught:
        store.save()
    note = save_failed_note(store, caught.value)
    assert words in note and str(store.path) in note
    monkeypatch.undo()
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert list(data["libraries"].values())[0]["read"] == ["first"]
    assert store.dirty  # kept for the next try
    store.save()
    assert set(list(json.loads(store.path.read_text())["libraries"].values())[0]["read"]) == {
        "first", "second"}


def test_another_instances_save_keeps_this_ones_unsaved_position(tmp_path):
    mine, other = StateStore(tmp_path, "/lib"), StateStore(tmp_path, "/lib")
    mine.load()
    other.load()
    mine.set_last("article-mine", 12)
    other.set_last("article-other", 3)
    other.set_read("x")
    other.save()
    assert mine.reload_if_changed()
    assert (mine.last_article, mine.last_scroll) == ("article-mine", 12)
    assert mine.is_read("x")  # the other instance's marks are taken
    mine.save()
    fresh = StateStore(tmp_path, "/lib")
    fresh.load()
    assert fresh.last_article == "article-mine"


def test_a_corrupt_file_replaced_meanwhile_is_not_moved_aside(tmp_path):
    path = tmp_path / STATE_FILE
    path.write_bytes(b"{{{")
    corrupt = path.read_bytes()
    path.write_text('{"version": 1, "libraries": {}}')  # another instance saved a good one
    assert move_aside(path, expected=corrupt) is None
    assert path.read_text().startswith('{"version"')
    assert not list(tmp_path.glob("*.corrupt*"))


def test_move_aside_never_overwrites_an_earlier_corrupt_copy(tmp_path):
    path = tmp_path / STATE_FILE
    (tmp_path / (STATE_FILE + ".corrupt")).write_text("first")
    path.write_text("second")
    target = move_aside(path)
    assert target.name == STATE_FILE + ".corrupt.1"
    assert (tmp_path / (STATE_FILE + ".corrupt")).read_text() == "first"


def test_a_state_folder_that_is_a_file_is_said_in_words(tmp_path):
    (tmp_path / "state").write_text("x")
    store = StateStore(tmp_path / "state" / "tuireader", tmp_path)
    (notice,) = store.load()  # said once at start, in words
    assert f"{tmp_path / 'state'} is a file, not a folder" in notice
    store.set_read("a")
    with pytest.raises(OSError) as caught:
        store.save()
    note = save_failed_note(store, caught.value)
    assert f"{tmp_path / 'state'} is a file, not a folder" in note
    assert "File exists" not in note and "Not a directory" not in note


def test_place_errors_name_the_cause():
    assert "too long" in describe_place_error(OSError(errno.ENAMETOOLONG, "x"))
    assert "quota" in describe_place_error(OSError(errno.EDQUOT, "x"))


def test_a_change_made_while_a_save_runs_stays_pending(tmp_path, monkeypatch):
    """Saves run in a worker thread while keys keep coming: a mark made in the
    middle of one is neither lost nor taken as saved."""
    store = StateStore(tmp_path, "/lib")
    store.set_read("early")
    real = state_mod._atomic_write

    def write_while_a_key_comes(path, text):
        store.set_read("late")  # (the key, between the snapshot and the file)
        store.set_read("early", False)
        real(path, text)

    monkeypatch.setattr(state_mod, "_atomic_write", write_while_a_key_comes)
    store.save()
    monkeypatch.undo()
    assert store.is_read("late") and not store.is_read("early")
    assert store.dirty
    store.save()
    fresh = StateStore(tmp_path, "/lib")
    fresh.load()
    assert fresh.read == {"late"}
