"""The index's scan (`scan_stamps`): natural order, links followed once, problems
listed; `natural_key` keeps the order of its plain reference loop."""

import os
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.articles.scan import natural_key, scan_stamps


def ref_natural_key(rel):
    parts = []
    for component in rel.split("/"):
        key = []
        for n, chunk in enumerate(re.split(r"(\d+)", component)):
            key.append(int(chunk) if n % 2 else chunk.casefold())
        parts.append(tuple(key))
    return (tuple(parts), rel)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab AB/.-_09٣۴ßẞ"), max_size=30))
def test_natural_key_agrees_with_reference(rel):
    assert natural_key(rel) == ref_natural_key(rel)
    assert natural_key(rel) == ref_natural_key(rel)  # again, from the cache


def _tree(root):
    def touch(rel, text="x"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    for rel in ["10.txt", "2.txt", "Item 9.md", "item 10.md", "sub2/a.txt", "sub10/b.txt",
                "d/e/f/g.txt", "x.txt/inner.txt", "README", ".hidden/h.txt", "٣.txt"]:
        touch(rel)
    (root / "link").symlink_to(root / "sub10")  # listed once, under its real path
    outside = root.parent / "outside"
    outside.mkdir()
    (outside / "o.txt").write_text("o")
    (root / "elsewhere").symlink_to(outside)
    (root / "sub2" / "up").symlink_to(root)  # a cycle
    (root / "broken.txt").symlink_to(root / "missing.txt")
    os.mkfifo(root / "pipe.txt")


def test_scan_stamps_lists_a_tree_in_natural_order(tmp_path):
    root = tmp_path / "lib"
    _tree(root)
    shallow = [rel for rel, *_ in scan_stamps(root, 0)]
    assert "2.txt" in shallow and not any("/" in rel for rel in shallow)
    stamps = scan_stamps(root)
    rels = [rel for rel, *_ in stamps]
    assert rels.index("2.txt") < rels.index("10.txt")
    assert "sub10/b.txt" in rels and "link/b.txt" not in rels
    assert "elsewhere/o.txt" in rels and "README" not in rels
    assert dict((rel, size) for rel, size, *_ in stamps)["2.txt"] == 1
    errors = {rel: error for rel, _, _, error in stamps if error}
    assert errors["broken.txt"] == "broken symbolic link"
    assert "pipe" in errors["pipe.txt"]


def test_scan_stamps_of_a_missing_root_or_a_single_file(tmp_path):
    missing = tmp_path / "missing"
    ((rel, size, mtime, error),) = scan_stamps(missing)
    assert rel.endswith("missing") and size is None and mtime is None
    assert error.startswith("no such file")
    one = tmp_path / "one.txt"
    one.write_text("abc")
    assert scan_stamps(one) == [("one.txt", 3, one.stat().st_mtime, None)]
