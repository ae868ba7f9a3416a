"""The library catalog: the article list, kept in a persistent index.

Pure (no Textual). ``Catalog.entries()`` reads only the index, so a warm
start touches no article file; ``Catalog.refresh()`` scans the directory,
parses only new or changed files and drops vanished ones. Both may run on
any thread; ``refresh`` is meant for a background worker and reports
progress. Files found by a scan are listed at once (titled by file name,
``pending``), and their real titles arrive batch by batch while parsing runs.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from tuireader.articles.model import Article, Direction
from tuireader.files.errors import describe_place_error
from tuireader.index import parse_pool
from tuireader.index.faults import IndexUnavailable, is_corrupt, kind_of, why
from tuireader.index.rows import ArticleRows
from tuireader.index.scan_diff import ScanDiff, Stamps, diff_scan
from tuireader.index.search import sql as search_sql
from tuireader.index.snapshot import ListSnapshot
from tuireader.index.store import IndexDB, db_path_for

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

_DIRECTIONS = {"rtl": Direction.RTL, "ltr": Direction.LTR}


class CatalogEntry(NamedTuple):
    """One row of the article list, as stored in the index.

    A NamedTuple (not a dataclass) because a warm start builds 100,000 of
    them straight from SQLite rows. ``pending`` entries were found by a scan
    but not parsed yet: their title is the file name.
    """

    rowid: int
    rel: str
    id: str
    size: int
    mtime_ns: int
    parsed: int
    title: str
    comments: int | None
    direction_code: str | None
    lang: str | None
    error: str | None
    root: str

    @property
    def path(self) -> Path:
        return Path(self.root, self.rel)

    @property
    def mtime(self) -> float:
        return self.mtime_ns / 1e9

    @property
    def pending(self) -> bool:
        return not self.parsed

    @property
    def direction(self) -> Direction:
        return _DIRECTIONS.get(self.direction_code or "", Direction.LTR)


@dataclass(frozen=True, slots=True)
class Changes:
    """What a refresh changed, as article ids (``added`` in list order)."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    cancelled: bool = False

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


class LibraryMissing(IndexUnavailable):
    """The library folder cannot be reached just now; nothing was changed."""


class Catalog:
    """The articles under ``root``, backed by an index in ``cache_dir``.

    ``cache_dir`` defaults to the user cache directory (or
    $TUIREADER_CACHE_DIR). ``workers`` caps the parsing processes of a large
    refresh (default: CPU count; 1 parses in the calling thread).
    """

    def __init__(
        self,
        root: Path | str,
        cache_dir: Path | str | None = None,
        *,
        workers: int | None = None,
        use_fts: bool | None = None,
    ) -> None:
        self.root = Path(root).expanduser().resolve()
        self._root_str = str(self.root)
        self.db_path = db_path_for(self.root, cache_dir)
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self._db = IndexDB(self.db_path, use_fts=use_fts)
        self._rows = ArticleRows(self._db)
        self._snapshot = ListSnapshot(self._db)
        self._refresh_lock = threading.Lock()

    @property
    def uses_fts(self) -> bool:
        return self._db.use_fts

    def close(self) -> None:
        """Close the calling thread's database connection."""
        self._db.close()

    # -- reading -----------------------------------------------------------

    def entries(self) -> list[CatalogEntry]:
        """Every indexed article in list order; reads the index only."""
        rows = self._snapshot.read()
        if rows is None:
            try:
                rows = self._list_rows()
            except sqlite3.DatabaseError as exc:
                if not is_corrupt(exc):
                    raise self._unavailable(exc, "read") from None
                self._db.rebuild()
                return []
        new = tuple.__new__
        return [new(CatalogEntry, r) for r in rows]

    def metadata_dates(self) -> dict[str, float]:
        """Article id -> the date its metadata table gives (seconds since the
        epoch), for articles that give one: the list's date order."""
        from tuireader.index.list_order import dates_by_id

        return dates_by_id(self._rows.metadata())

    def first_entries(self, n: int) -> list[CatalogEntry]:
        """The first ``n`` entries in list order, read with one indexed query:
        the first screen of a large list, while the whole list loads."""
        try:
            rows = self._list_rows(n)
        except sqlite3.DatabaseError:
            return []
        new = tuple.__new__
        return [new(CatalogEntry, r) for r in rows]

    def _list_rows(self, limit: int = -1) -> list[tuple]:
        root = (self._root_str,)  # one shared string, not one per row
        return [r + root for r in self._rows.rows(limit)]

    def __len__(self) -> int:
        try:
            return self._db.count()
        except sqlite3.DatabaseError:
            return 0

    def article(self, entry: CatalogEntry) -> Article:
        """Load the full article from its file (never raises)."""
        from tuireader.articles.loader import load_article

        return load_article(self.root / entry.rel, self.root)

    def search(self, query: str, limit: int = 5000) -> list[str]:
        """Ids of articles whose title or text holds every word of ``query``.

        Each word matches as a word prefix, after the same normalization as
        the indexed text (harakat, tatweel, alef forms, case do not matter).
        Results come in list order, at most ``limit`` of them; articles not
        parsed yet are not found. Without FTS5 (see ``uses_fts``) words match
        anywhere inside a word instead of as prefixes.
        """
        return search_sql.find_ids(self._rows, query, limit)

    # -- refreshing --------------------------------------------------------

    def refresh(
        self,
        progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
    ) -> Changes:
        """Bring the index in line with the directory.

        Scans ``root``, lists new files at once (pending), re-parses new and
        changed files (size or mtime differ) and removes vanished ones.
        ``progress(done, total)`` is called after each committed batch of
        parsed files; ``cancel()`` returning true stops at the next batch
        (work already committed is kept, the rest is done by the next
        refresh). One refresh runs at a time; a second caller waits.
        """
        with self._refresh_lock:
            self._check_root()
            try:
                return self._refresh_racing(progress, cancel)
            except sqlite3.DatabaseError as exc:
                if not is_corrupt(exc):
                    # full, read-only, busy: the index is good, keep it as it is
                    raise self._unavailable(exc, "update") from None
                # Damaged while in use: start over from an empty index.
                self._db.rebuild()
                try:
                    return self._refresh(progress, cancel)
                except sqlite3.DatabaseError as again:
                    raise self._unavailable(again, "update") from None

    def _refresh_racing(self, progress: ProgressFn | None, cancel: CancelFn | None) -> Changes:
        """Another process (a second reader on the same library) may add the
        same new files between our scan and our write: the constraint then
        fails and a second look finds them there."""
        for _attempt in range(3):
            try:
                return self._refresh(progress, cancel)
            except sqlite3.IntegrityError:
                continue
        return self._refresh(progress, cancel)

    def _check_root(self) -> None:
        """A library folder that has gone (renamed and back, an unmounted disk)
        is taken as passing: the index and its list are kept, not emptied."""
        try:
            os.stat(self.root)
            return
        except OSError as exc:
            problem = exc
        try:
            known = self._db.count()
        except sqlite3.Error:
            known = 0
        if known:
            why_ = describe_place_error(problem, self.root)
            raise LibraryMissing(
                "missing",
                f"The library folder {self.root} cannot be reached ({why_}); showing the "
                "articles indexed before, and looking for it again every few seconds.",
            )

    def _unavailable(self, exc: BaseException, doing: str) -> IndexUnavailable:
        reason = why(exc, self.db_path.parent)
        return IndexUnavailable(
            kind_of(exc),
            f"Could not {doing} the article index in {self.db_path.parent} ({reason}); "
            "the list shows what it held, and it is tried again later.",
        )

    @property
    def notice(self) -> str | None:
        """Why the index is kept in memory this session, if it is."""
        return self._db.notice

    def _refresh(self, progress: ProgressFn | None, cancel: CancelFn | None) -> Changes:
        """The steps: scan the folder, diff it with the index, write the diff,
        parse and store what is new or changed (announcing the pending list
        first), then bring the list snapshot up to date."""
        from tuireader.articles.scan import scan_stamps

        cancelled = cancel or (lambda: False)
        scanned = scan_stamps(self.root)
        if cancelled():
            return Changes(cancelled=True)
        self._db.compact_if_needed()
        stamps = self._rows.stamps()
        diff = diff_scan(scanned, stamps)
        removed, todo = self._write_diff(diff, stamps)
        added = set(diff.added)
        changed = [aid for _rowid, _rel, aid, _size, _mtime in todo if aid not in added]
        was_cancelled = self._parse_and_store(todo, progress, cancelled)
        if self._snapshot.read(header_only=True) is None:
            with self._db.write_lock:
                self._snapshot.write(self._list_rows())
        return Changes(tuple(diff.added), tuple(changed), tuple(removed), was_cancelled)

    def _write_diff(self, diff: ScanDiff, stamps: Stamps) -> tuple[list[str], list[tuple]]:
        """Write the scan's changes in one transaction: the ids of the removed
        articles, and the rows left to parse ((rowid, rel, aid, size,
        mtime_ns), in list order)."""
        db, rows = self._db, self._rows
        with db.write_lock:
            removed = list(rows.aids_for_rowids(diff.gone).values())
            with db.transaction() as con:
                rows.delete(con, diff.gone)
                rows.mark_stale(con, diff.stale)
                rows.set_order(con, diff.reorder)
                rows.insert_stubs(con, diff.stubs)
                if diff:
                    db.bump_list_gen(con)
            if diff.stubs and not stamps:
                return removed, self._snapshot_first_index(con, diff.stubs)
            return removed, rows.unparsed(con)

    def _snapshot_first_index(self, con: sqlite3.Connection, stubs: list[tuple]) -> list[tuple]:
        """A first index: every row is a new stub, in list order. The list goes
        to the snapshot now (built here, not read back), so that a caller
        listing the pending files at ``progress(0, n)`` loads it several times
        faster than from SQLite (about 1 s for 100k rows). Returns the rows to
        parse."""
        rowids = self._rows.rowids_in_order(con)
        root = self._root_str
        rows = [
            (rowid, rel, aid, size, mtime_ns, 0, title, None, None, None, None, root)
            for rowid, (rel, aid, _ord, size, mtime_ns, title) in zip(rowids, stubs, strict=True)
        ]
        self._snapshot.write(rows)
        return [r[:5] for r in rows]

    def _parse_and_store(
        self, todo: list[tuple], progress: ProgressFn | None, cancelled: CancelFn
    ) -> bool:
        """Parse ``todo`` and write it batch by batch, announcing the pending
        list first (``progress(0, total)``) and each batch after. True when
        ``cancelled`` stopped it before the end."""
        db, total, done = self._db, len(todo), 0
        # Parser processes start before the caller hears of the pending list,
        # so that parsing overlaps whatever it does with it (an app lists it).
        batches, pool = parse_pool.parse_batches(self._root_str, todo, self.workers, cancelled)
        try:
            if progress:
                progress(0, total)
            for batch in batches:
                with db.write_lock, db.transaction() as con:
                    self._rows.store_parsed_many(con, batch)
                    db.bump_list_gen(con)
                done += len(batch)
                if progress:
                    progress(done, total)
                if cancelled():
                    return done < total
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()
        return False
