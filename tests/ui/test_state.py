"""Read marks, stars and the last position: persisted, atomic, merged across instances."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.settings.state import STATE_FILE, StateStore


def store(tmp_path: Path, root: str = "lib") -> StateStore:
    s = StateStore(tmp_path / "state", tmp_path / root)
    s.load()
    return s


def test_round_trip(tmp_path):
    a = store(tmp_path)
    a.set_read("x")
    a.toggle_star("y")
    a.set_last("x", 17)
    a.save()
    b = store(tmp_path)
    assert b.is_read("x") and not b.is_read("y")
    assert b.is_starred("y") and not b.is_starred("x")
    assert (b.last_article, b.last_scroll) == ("x", 17)


def test_libraries_are_kept_apart(tmp_path):
    a = store(tmp_path, "one")
    a.set_read("x")
    a.save()
    assert not store(tmp_path, "two").is_read("x")


def test_two_instances_do_not_lose_each_others_marks(tmp_path):
    a = store(tmp_path)
    b = store(tmp_path)
    a.set_read("from-a")
    b.set_read("from-b")
    b.toggle_star("star-b")
    a.save()
    b.save()  # b never saw a's mark, but must not drop it
    c = store(tmp_path)
    assert c.is_read("from-a") and c.is_read("from-b") and c.is_starred("star-b")
    # and an explicit "unread" in one instance wins over the old value
    a.set_read("from-b", False)
    a.save()
    assert not store(tmp_path).is_read("from-b")
    assert store(tmp_path).is_read("from-a")


def test_corrupt_file_is_moved_aside_with_a_notice(tmp_path):
    (tmp_path / "state").mkdir()
    path = tmp_path / "state" / STATE_FILE
    path.write_text("{ not json", encoding="utf-8")
    s = StateStore(tmp_path / "state", tmp_path / "lib")
    notices = s.load()
    assert len(notices) == 1 and "corrupt" in notices[0]
    aside = list((tmp_path / "state").glob(STATE_FILE + ".corrupt*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{ not json"
    s.set_read("x")
    s.save()
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1


def test_wrong_shapes_inside_valid_json_are_ignored(tmp_path):
    (tmp_path / "state").mkdir()
    root = str((tmp_path / "lib").resolve())
    (tmp_path / "state" / STATE_FILE).write_text(
        json.dumps({"libraries": {root: {"read": "x", "starred": [1, "ok"], "last": 5}}}),
        encoding="utf-8",
    )
    s = store(tmp_path)
    assert s.read == set() and s.starred == {"ok"} and s.last_article is None


def test_crash_mid_write_keeps_the_old_file(tmp_path, monkeypatch):
    a = store(tmp_path)
    a.set_read("kept")
    a.save()
    before = (tmp_path / "state" / STATE_FILE).read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    a.set_read("lost")
    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        a.save()
    assert (tmp_path / "state" / STATE_FILE).read_bytes() == before
    # no temp files left behind
    assert sorted(p.name for p in (tmp_path / "state").iterdir()) == sorted(
        [STATE_FILE, STATE_FILE + ".lock"]
    )


def test_file_is_written_atomically_with_fsync(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd)))
    monkeypatch.setattr(
        os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))
    )
    a = store(tmp_path)
    a.set_read("x")
    a.save()
    assert calls[:2] == ["fsync", "replace"]


ids = st.sampled_from([f"a{i}" for i in range(6)])
ops = st.lists(st.tuples(st.sampled_from(["read", "unread", "star"]), ids), max_size=12)


@settings(max_examples=60, deadline=None)
@given(ops, ops)
def test_merge_keeps_every_instances_last_word(tmp_path_factory, ops_a, ops_b):
    """Each instance's own changes survive the other's save: an id's final
    state is what the instance that saved last did to it, else the other's."""
    tmp = tmp_path_factory.mktemp("merge")
    a, b = store(tmp), store(tmp)
    for who, ops_ in ((a, ops_a), (b, ops_b)):
        for op, key in ops_:
            if op == "read":
                who.set_read(key, True)
            elif op == "unread":
                who.set_read(key, False)
            else:
                who.toggle_star(key)
    a_read = dict(a._read_changes)
    b_read = dict(b._read_changes)
    a_star = dict(a._star_changes)
    b_star = dict(b._star_changes)
    a.save()
    b.save()
    expected_read = {**a_read, **b_read}
    expected_star = {**a_star, **b_star}
    final = store(tmp)
    for key, value in expected_read.items():
        assert final.is_read(key) == value
    for key, value in expected_star.items():
        assert final.is_starred(key) == value
    assert final.read == {k for k, v in expected_read.items() if v}


def test_reload_picks_up_another_instances_save(tmp_path):
    a, b = store(tmp_path), store(tmp_path)
    assert not a.reload_if_changed()
    b.set_read("x")
    b.save()
    assert a.reload_if_changed() and a.is_read("x")
    assert not a.reload_if_changed()
