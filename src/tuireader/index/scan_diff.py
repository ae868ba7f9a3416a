"""What a scan of the library folder changes in the index.

Pure (no Textual, no SQLite): the files found, against the stamps the index
holds, give new files (stubs, listed at once under their file name),
changed ones (to parse again), moved places in the list and vanished files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tuireader.articles.sanitize import clean_line
from tuireader.settings.paths import article_id  # the id load_article gives the file at a rel path

# rel -> (rowid, size, mtime_ns, parsed, ord), as ``ArticleRows.stamps`` gives it
Stamps = Mapping[str, tuple[int, int, int, int, int]]


@dataclass
class ScanDiff:
    """The writes that bring the index in line with one scan."""

    stubs: list[tuple] = field(default_factory=list)  # (rel, aid, ord, size, mtime_ns, title)
    stale: list[tuple[int, int, int]] = field(default_factory=list)  # (size, mtime_ns, rowid)
    reorder: list[tuple[int, int]] = field(default_factory=list)  # (ord, rowid)
    gone: list[int] = field(default_factory=list)  # rowids
    added: list[str] = field(default_factory=list)  # article ids, in list order

    def __bool__(self) -> bool:
        return bool(self.stubs or self.stale or self.reorder or self.gone)


def diff_scan(scanned: Iterable[tuple], stamps: Stamps) -> ScanDiff:
    """``scanned``: (rel, size, mtime, error) in list order, as ``scan_stamps``
    gives them."""
    diff = ScanDiff()
    seen: set[str] = set()
    for i, (item_rel, item_size, item_mtime, _error) in enumerate(scanned):
        rel = _rel_str(item_rel)
        seen.add(rel)
        size = item_size if item_size is not None else -1
        mtime_ns = _to_ns(item_mtime)
        stamp = stamps.get(rel)
        if stamp is None:
            aid = article_id(rel)
            diff.stubs.append((rel, aid, i, size, mtime_ns, stub_title(rel)))
            diff.added.append(aid)
            continue
        rowid, old_size, old_mtime, _parsed, ord_ = stamp
        if old_size != size or old_mtime != mtime_ns:
            diff.stale.append((size, mtime_ns, rowid))
        if ord_ != i:
            diff.reorder.append((i, rowid))
    diff.gone = [stamp[0] for rel, stamp in stamps.items() if rel not in seen]
    return diff


def stub_title(rel: str) -> str:
    """The file name without its extension: ``PurePosixPath(rel).stem``,
    without building a path object for each of 100,000 new files."""
    name = rel[rel.rfind("/") + 1 :]
    if name and name != ".":
        dot = name.rfind(".")
        stem = name[:dot] if 0 < dot < len(name) - 1 else name
    else:  # "sub/" or ".": let pathlib normalize
        stem = PurePosixPath(rel).stem
    # A file name is untrusted text too (escape sequences, undecodable bytes).
    return clean_line(stem or rel)


def _rel_str(rel: object) -> str:
    return rel if isinstance(rel, str) else PurePosixPath(*Path(str(rel)).parts).as_posix()


def _to_ns(mtime: float | int | None) -> int:
    if mtime is None:
        return -1  # stat failed: the scan's error is shown instead
    if isinstance(mtime, int) and mtime > 10**14:
        return mtime  # already nanoseconds
    return int(round(mtime * 1_000_000_000))
