"""Find the article files under a directory. Never raises, never opens a file.

* Article files: names ending in `.txt`, `.md` or `.markdown` (any case).
  Files without an extension are skipped: article directories also hold
  README, LICENSE, Makefile and the like, and scrapers always write `.txt`.
* Hidden files and directories (name starting with ".") are skipped.
* Recursion is bounded by `max_depth` (files directly in `root` are depth 0).
* Symbolic links to files are followed; links to directories too, but every
  real directory is scanned once, so link cycles cannot loop and a directory
  linked twice does not list its articles twice.
* Problems become entries with an `error` (one bad file never hides the good
  ones): broken links and link loops with an article name; FIFOs, sockets and
  devices with an article name (reported from `stat`, never opened);
  directories that cannot be read. A directory named like an article
  (`x.txt`) is a directory: it is scanned, not listed.
* Order: natural ("2.txt" before "10.txt"), by path component.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from pathlib import Path

from tuireader.articles.decode import file_kind
from tuireader.articles.loader import rel_path
from tuireader.files.errors import describe_os_error

__all__ = [
    "ARTICLE_SUFFIXES",
    "is_article_name",
    "natural_key",
    "scan_stamps",
]

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
DEFAULT_MAX_DEPTH = 8


def is_article_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES)


_DIGITS = re.compile(r"(\d+)")


def natural_key(rel: str) -> tuple[tuple[tuple[int | str, ...], ...], str]:
    """Sort key: per path component, digit runs compare as numbers, text
    case-insensitively; the raw string breaks ties so the order is total."""
    return (tuple(map(_component_key, rel.split("/"))), rel)


@functools.lru_cache(maxsize=4096)  # directory names repeat for every file in them
def _component_key(component: str) -> tuple[int | str, ...]:
    chunks = _DIGITS.split(component)
    return tuple(int(c) if n % 2 else c.casefold() for n, c in enumerate(chunks))


# One article file found: (rel, size, mtime, error). ``rel`` is the path
# relative to the root with "/" separators (the article id derives from it);
# size and mtime come from `stat` (following links), None when it failed;
# ``error`` says why the file cannot be an article ("broken symbolic link",
# "not a regular file (a named pipe)", ...). Names may hold lone surrogates
# (undecodable bytes): sanitize before showing them.
Stamp = tuple[str, "int | None", "float | None", "str | None"]


def scan_stamps(root: str | os.PathLike[str], max_depth: int = DEFAULT_MAX_DEPTH) -> list[Stamp]:
    """All article files under `root` in natural order (see module doc), as
    stamps: no Path per file, as the index scans the whole library on every
    start."""
    root_path = Path(root)
    special, st = _stat_root(root_path)
    if special is not None or st is None:
        return special or []
    return _scan_dir(root_path, st, max_depth)


def _stat_root(root_path: Path) -> tuple[list[Stamp] | None, os.stat_result | None]:
    """(the stamp of a root that cannot be scanned or is a single file, or
    None; the root's stat)."""
    try:
        st = os.stat(root_path)
    except OSError as exc:
        return [(rel_path(root_path), None, None, describe_os_error(exc))], None
    except ValueError:
        return [(str(root_path), None, None, "invalid file name")], None
    if not stat.S_ISDIR(st.st_mode):
        # A single file given as the library: list just that file.
        kind = file_kind(st.st_mode)
        return [(root_path.name, st.st_size, st.st_mtime, kind)], st
    return None, st


def _scan_dir(root_path: Path, st: os.stat_result, max_depth: int) -> list[Stamp]:
    entries: list[Stamp] = []
    seen_dirs: set[tuple[int, int]] = {(st.st_dev, st.st_ino)}
    real_root = os.path.realpath(root_path)
    # Real directories first, linked ones after: a directory reachable both
    # ways is listed under its real path, the same on every scan (ids derive
    # from the relative path).
    linked: list[tuple[str, str, int]] = []
    _walk(os.fspath(root_path), "", 0, max_depth, seen_dirs, entries, linked)
    while linked:
        linked.sort(key=lambda item: natural_key(item[1]))
        path, prefix, depth = linked.pop(0)
        try:
            st = os.stat(path)
            real = os.path.realpath(path)
        except (OSError, ValueError):
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs or _contains(real, real_root):
            continue  # a cycle, or a link up to an ancestor of the library
        seen_dirs.add(key)
        _walk(path, prefix, depth, max_depth, seen_dirs, entries, linked)
    entries.sort(key=lambda e: natural_key(e[0]))
    return entries


def _contains(ancestor: str, path: str) -> bool:
    try:
        return os.path.commonpath([ancestor, path]) == ancestor
    except ValueError:
        return False


def _walk(
    directory: str,
    prefix: str,
    depth: int,
    max_depth: int,
    seen_dirs: set[tuple[int, int]],
    out: list[Stamp],
    linked: list[tuple[str, str, int]],
) -> None:
    """Scan `directory` (at `depth`, relative path `prefix` ending in "/", or
    "" for the root); real subdirectories recursively (depth is bounded, so
    recursion stays shallow), linked ones queued in `linked`."""
    children = _children(directory, prefix, out)
    for child in children:
        name = child.name
        if name.startswith("."):
            continue
        rel = prefix + name
        st = _stat(child, rel, out)
        if st is None:
            continue
        if stat.S_ISDIR(st.st_mode):
            if depth + 1 > max_depth:
                continue
            if _is_symlink(child):
                linked.append((child.path, rel + "/", depth + 1))
                continue
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                continue
            seen_dirs.add(key)
            _walk(child.path, rel + "/", depth + 1, max_depth, seen_dirs, out, linked)
            continue

        if not is_article_name(name):
            continue
        out.append((rel, st.st_size, st.st_mtime, file_kind(st.st_mode)))


def _children(directory: str, prefix: str, out: list[Stamp]) -> list[os.DirEntry[str]]:
    """The entries of ``directory`` by name; none (and a stamp saying why) when
    it cannot be read."""
    try:
        with os.scandir(directory) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        out.append((prefix or ".", None, None,
                    f"cannot read directory: {describe_os_error(exc)}"))
        return []


def _stat(child: os.DirEntry[str], rel: str, out: list[Stamp]) -> os.stat_result | None:
    """``child``'s stat, following symlinks; None when it has none, and then an
    article's stamp says why (a broken link, a permission...)."""
    try:
        return child.stat()
    except OSError as exc:
        if is_article_name(child.name):
            error = describe_os_error(exc)
            if _is_symlink(child) and error.startswith("no such file"):
                error = "broken symbolic link"
            out.append((rel, None, None, error))
        return None
    except ValueError:
        return None


def _is_symlink(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False
