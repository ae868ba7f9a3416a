"""Scanning an article directory: order, depth, links, special files."""

import os
import socket

import pytest

from faults.disks import as_ordinary_user, shared_dir
from tuireader.articles.scan import is_article_name, natural_key

from .bounded import call_with_timeout
from .scanned import scan


def touch(path, text="عنوان\nنص.\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rels(entries):
    return [e.rel for e in entries]


def test_natural_order(tmp_path):
    for name in ["10.txt", "2.txt", "1.txt", "b.md", "A.markdown", "item 9.txt", "item 10.txt"]:
        touch(tmp_path / name)
    assert rels(scan(tmp_path)) == [
        "1.txt", "2.txt", "10.txt", "A.markdown", "b.md", "item 9.txt", "item 10.txt"
    ]


def test_extensions_hidden_and_case(tmp_path):
    for name in ["a.txt", "b.TXT", "c.Md", "README", "image.png", ".hidden.txt", "notes.txt~"]:
        touch(tmp_path / name)
    touch(tmp_path / ".git" / "x.txt")
    assert rels(scan(tmp_path)) == ["a.txt", "b.TXT", "c.Md"]
    assert not is_article_name(".x.txt")


def test_subdirectories_and_depth(tmp_path):
    touch(tmp_path / "top.txt")
    touch(tmp_path / "sub2" / "x.txt")
    touch(tmp_path / "sub10" / "y.txt")
    deep = tmp_path
    for i in range(5):
        deep = deep / f"d{i}"
    touch(deep / "deep.txt")
    assert rels(scan(tmp_path)) == [
        "d0/d1/d2/d3/d4/deep.txt", "sub2/x.txt", "sub10/y.txt", "top.txt"
    ]
    # depth 4 reaches d0/d1/d2/d3 but not d4
    assert "d0/d1/d2/d3/d4/deep.txt" not in rels(scan(tmp_path, max_depth=4))
    assert rels(scan(tmp_path, max_depth=0)) == ["top.txt"]


def test_entries_carry_size_and_mtime(tmp_path):
    p = touch(tmp_path / "a.txt", "abc")
    (entry,) = scan(tmp_path)
    assert entry.path == p
    assert entry.size == 3
    assert entry.mtime == pytest.approx(p.stat().st_mtime)
    assert entry.error is None and entry.ok


def test_directory_named_like_an_article_is_scanned_not_listed(tmp_path):
    touch(tmp_path / "x.txt" / "inner.txt")
    assert rels(scan(tmp_path)) == ["x.txt/inner.txt"]


def test_broken_link_and_loops_are_reported_good_files_kept(tmp_path):
    touch(tmp_path / "good.txt")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "broken-dir").symlink_to(tmp_path / "nowhere")  # not an article name: skipped
    entries = {e.rel: e for e in scan(tmp_path)}
    assert entries["good.txt"].error is None
    assert entries["broken.txt"].error == "broken symbolic link"
    assert entries["loop.txt"].error == "symbolic link loop"
    assert entries["a.txt"].error == "symbolic link loop"
    assert set(entries) == {"good.txt", "broken.txt", "loop.txt", "a.txt", "b.txt"}


def test_link_to_file_is_followed(tmp_path):
    target = touch(tmp_path / "elsewhere" / "real.txt", "12345")
    (tmp_path / "link.txt").symlink_to(target)
    entries = {e.rel: e for e in scan(tmp_path)}
    assert entries["link.txt"].size == 5


def test_directory_link_cycles_terminate(tmp_path):
    touch(tmp_path / "a" / "one.txt")
    (tmp_path / "a" / "up").symlink_to(tmp_path)  # cycle back to the root
    (tmp_path / "a" / "self").symlink_to(tmp_path / "a")
    (tmp_path / "again").symlink_to(tmp_path / "a")  # same directory twice
    (tmp_path / "parent").symlink_to(tmp_path.parent)  # an ancestor: never scanned
    entries = call_with_timeout(scan, tmp_path)
    assert rels(entries) == ["a/one.txt"]  # listed once, under its real path


def test_linked_directory_outside_root_is_scanned(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    touch(tmp_path / "other" / "far.txt")
    (root / "linked").symlink_to(tmp_path / "other")
    assert rels(scan(root)) == ["linked/far.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_special_files_reported_without_opening(tmp_path):
    touch(tmp_path / "good.txt")
    os.mkfifo(tmp_path / "x.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "s.txt"))
    try:
        if os.path.exists("/dev/null"):
            (tmp_path / "dev.txt").symlink_to("/dev/null")
        entries = {e.rel: e for e in call_with_timeout(scan, tmp_path)}
    finally:
        sock.close()
    assert entries["good.txt"].error is None
    assert "pipe" in entries["x.txt"].error
    assert "socket" in entries["s.txt"].error
    if "dev.txt" in entries:
        assert "device" in entries["dev.txt"].error


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_unreadable_directory_is_reported():
    with shared_dir() as root:  # (as root, scanned by an ordinary user)
        touch(root / "good.txt")
        locked = root / "locked"
        touch(locked / "hidden.txt")
        locked.chmod(0)
        errors = as_ordinary_user(lambda: {e.rel: e.error for e in scan(root)})
    assert errors["good.txt"] is None
    assert "permission denied" in errors["locked/"]


def test_unreadable_directory_is_reported_via_scandir_error(tmp_path, monkeypatch):
    # Same as above but works as root: the OS call fails for one directory.
    touch(tmp_path / "good.txt")
    touch(tmp_path / "locked" / "hidden.txt")
    real_scandir = os.scandir

    def scandir(path):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    entries = {e.rel: e for e in scan(tmp_path)}
    assert entries["good.txt"].error is None
    assert entries["locked/"].error == "cannot read directory: permission denied"


def test_missing_root_and_file_root(tmp_path):
    (entry,) = scan(tmp_path / "nope")
    assert entry.error and "no such file" in entry.error
    p = touch(tmp_path / "single.txt")
    (entry,) = scan(p)
    assert entry.path == p and entry.error is None


def test_undecodable_file_name(tmp_path):
    if os.name != "posix":
        pytest.skip("bytes file names are POSIX")
    name = b"caf\xe9.txt"
    try:
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as f:
            f.write(b"Title\nBody.\n")
    except OSError:
        pytest.skip("file system refuses non-UTF-8 names")
    (entry,) = scan(tmp_path)
    assert entry.error is None
    assert entry.path.exists()


def test_natural_key_handles_any_digits():
    names = ["٣.txt", "10.txt", "2.txt", "a².txt"]
    assert sorted(names, key=natural_key)[:3] == ["2.txt", "٣.txt", "10.txt"]


def test_rel_matches_the_loader_id(tmp_path):
    import hashlib

    from tuireader.articles.loader import article_id

    touch(tmp_path / "a" / "b" / "c.txt")
    touch(tmp_path / "top.md")
    (tmp_path / "link").symlink_to(tmp_path / "a" / "b")
    for root in (tmp_path, str(tmp_path) + "/", tmp_path / "a" / ".."):
        for e in scan(root):
            assert article_id(e.path, root) == hashlib.sha1(e.rel.encode()).hexdigest()
