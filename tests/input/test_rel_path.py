"""Article ids rest on ``rel_path``: its shortcut for files inside the root
gives what ``os.path.relpath`` gives (the reference kept here)."""

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.articles.loader import rel_path


def ref_rel_path(path, root=None):
    p = os.path.abspath(os.fspath(path))
    if root is not None:
        r = os.path.abspath(os.fspath(root))
        try:
            rel = os.path.relpath(p, r)
        except ValueError:
            rel = p
        if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
            p = rel
    return Path(p).as_posix()


part = st.sampled_from(["a", "b", "..", ".", "", "x y", "كتاب", "..a", "a..", "\udcff", "~", "-"])
path = st.builds(
    lambda lead, parts: lead + "/".join(parts),
    st.sampled_from(["", "/", "//", "///"]),
    st.lists(part, max_size=5),
)


@settings(max_examples=200, deadline=None)
@given(path, st.one_of(st.none(), path))
def test_rel_path_agrees_with_relpath(p, root):
    assert rel_path(p, root) == ref_rel_path(p, root)


def test_ids_of_files_inside_and_outside_the_root(tmp_path):
    root = tmp_path / "lib"
    assert rel_path(root / "sub" / "1.txt", root) == "sub/1.txt"
    assert rel_path(str(root) + "/sub/../2.txt", str(root) + "/") == "2.txt"
    assert rel_path(tmp_path / "other.txt", root) == (tmp_path / "other.txt").as_posix()
