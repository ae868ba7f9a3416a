"""The index's scan (`scan_stamps`, no Path per file) lists exactly what
`scan` lists; `natural_key` keeps the order of its plain reference loop."""

import os
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.library import natural_key, scan, scan_stamps


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


def test_scan_stamps_lists_what_scan_lists(tmp_path):
    root = tmp_path / "lib"
    _tree(root)
    for depth in (0, 1, 2, 8):
        entries = scan(root, depth)
        assert scan_stamps(root, depth) == [(e.rel, e.size, e.mtime, e.error) for e in entries]
        for e in entries:
            assert e.path == root / e.rel
    rels = [e.rel for e in scan(root)]
    assert rels.index("2.txt") < rels.index("10.txt")
    assert "sub10/b.txt" in rels and "link/b.txt" not in rels
    assert "elsewhere/o.txt" in rels
    errors = {e.rel: e.error for e in scan(root) if e.error}
    assert errors["broken.txt"] == "broken symbolic link"
    assert "pipe" in errors["pipe.txt"]


def test_scan_stamps_of_a_missing_root_or_a_single_file(tmp_path):
    missing = tmp_path / "missing"
    assert scan_stamps(missing) == [(e.rel, e.size, e.mtime, e.error) for e in scan(missing)]
    one = tmp_path / "one.txt"
    one.write_text("abc")
    assert scan_stamps(one) == [("one.txt", 3, one.stat().st_mtime, None)]
