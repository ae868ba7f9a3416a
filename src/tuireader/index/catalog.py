"""The library catalog: the article list, kept in a persistent index.

Pure (no Textual). ``Catalog.entries()`` reads only the index, so a warm
start touches no article file; ``Catalog.refresh()`` scans the directory,
parses only new or changed files and drops vanished ones. Both may run on
any thread; ``refresh`` is meant for a background worker and reports
progress. Files found by a scan are listed at once (titled by file name,
``pending``), and their real titles arrive batch by batch while parsing runs.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import json
import os
import re
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from tuireader.articles.model import Article, Direction
from tuireader.articles.sanitize import clean_line
from tuireader.files.errors import describe_place_error
from tuireader.index.faults import IndexUnavailable, is_corrupt, kind_of, why
from tuireader.index.store import IndexDB, ParsedRow, db_path_for, from_db_rel
from tuireader.settings.paths import article_id  # the id load_article gives the file at a rel path

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

BATCH = 400  # files per write transaction (and per progress report)
POOL_MIN_FILES = 1500  # below this a process pool costs more than it saves
_CHUNK = 100  # files handed to a pool worker at a time
AHEAD_PER_WORKER = 4  # chunks a parser process may have parsed before the writer takes them

_DIRECTIONS = {"rtl": Direction.RTL, "ltr": Direction.LTR}
_WORD = re.compile(r"[^\W_]+")


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
        rows = self._db.read_snapshot()
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
        from tuireader.index.list_order import date_stamp, metadata_date

        out: dict[str, float] = {}
        rows = self._db.conn().execute(
            "SELECT aid, metadata FROM articles WHERE metadata IS NOT NULL AND metadata != '[]'"
        )
        for aid, raw in rows:
            try:
                found = metadata_date(json.loads(raw))
            except (ValueError, TypeError):
                continue
            if found is not None:
                out[aid] = date_stamp(found)
        return out

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
        return [r + root for r in self._db.rows(limit)]

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
        terms = query_terms(query)
        if not terms:
            return []
        try:
            rowids = self._db.search_rowids(terms, limit)
            ids = self._db.aids_for_rowids(rowids)
        except sqlite3.DatabaseError as exc:
            if is_corrupt(exc):
                self._db.rebuild()
            return []  # (a busy or unreachable index: the titles are still searched)
        return [ids[r] for r in rowids if r in ids]

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
        from tuireader.articles.scan import scan_stamps

        cancelled = cancel or (lambda: False)
        scanned = scan_stamps(self.root)
        if cancelled():
            return Changes(cancelled=True)
        db = self._db
        db.compact_if_needed()
        stamps = db.stamps()
        stubs: list[tuple] = []
        stale: list[tuple[int, int, int]] = []
        reorder: list[tuple[int, int]] = []
        added: list[str] = []
        changed: list[str] = []
        seen: set[str] = set()
        for i, (item_rel, item_size, item_mtime, _error) in enumerate(scanned):
            rel = _rel_str(item_rel)
            seen.add(rel)
            size = item_size if item_size is not None else -1
            mtime_ns = _to_ns(item_mtime)
            stamp = stamps.get(rel)
            if stamp is None:
                aid = article_id(rel)
                stubs.append((rel, aid, i, size, mtime_ns, _stub_title(rel)))
                added.append(aid)
                continue
            rowid, old_size, old_mtime, _parsed, ord_ = stamp
            if old_size != size or old_mtime != mtime_ns:
                stale.append((size, mtime_ns, rowid))
            if ord_ != i:
                reorder.append((i, rowid))
        gone = [rel for rel in stamps if rel not in seen]
        with db.write_lock:
            removed_ids = list(db.aids_for_rowids(stamps[rel][0] for rel in gone).values())
            with db.transaction() as con:
                db.delete(con, [stamps[rel][0] for rel in gone])
                db.mark_stale(con, stale)
                db.set_order(con, reorder)
                db.insert_stubs(con, stubs)
                if gone or stale or reorder or stubs:
                    db.bump_list_gen(con)
            if stubs and not stamps:
                # A first index: every row is a new stub, in list order. The
                # list goes to the snapshot now (built here, not read back),
                # so that a caller listing the pending files at
                # ``progress(0, n)`` loads it several times faster than from
                # SQLite (about 1 s for 100k rows).
                rowids = [r[0] for r in con.execute("SELECT rowid FROM articles ORDER BY ord")]
                root = self._root_str
                rows = [
                    (rowid, rel, aid, size, mtime_ns, 0, title, None, None, None, None, root)
                    for rowid, (rel, aid, _ord, size, mtime_ns, title) in zip(
                        rowids, stubs, strict=True
                    )
                ]
                db.write_snapshot(rows)
                todo = [r[:5] for r in rows]
            else:
                todo = con.execute(
                    "SELECT rowid, rel, aid, size, mtime_ns FROM articles WHERE parsed=0 "
                    "ORDER BY ord"
                ).fetchall()
        added_set = set(added)
        changed = [aid for _r, _rel, aid, _s, _m in todo if aid not in added_set]
        total = len(todo)
        # Parser processes start before the caller hears of the pending list,
        # so that parsing overlaps whatever it does with it (an app lists it).
        batches, pool = self._parse_batches(todo, cancelled)
        done = 0
        was_cancelled = False
        try:
            if progress:
                progress(0, total)
            for batch in batches:
                with db.write_lock, db.transaction() as con:
                    db.store_parsed_many(con, batch)
                    db.bump_list_gen(con)
                done += len(batch)
                if progress:
                    progress(done, total)
                if cancelled():
                    was_cancelled = done < total
                    break
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()
        if db.read_snapshot(header_only=True) is None:
            with db.write_lock:
                db.write_snapshot(self._list_rows())
        return Changes(tuple(added), tuple(changed), tuple(removed_ids), was_cancelled)

    def _parse_batches(
        self, todo: Sequence[tuple], cancelled: CancelFn
    ) -> tuple[Iterator[list[tuple[int, ParsedRow]]], Any]:
        """Parsed rows in batches of about BATCH, in list order, and the pool
        of parser processes (None when parsing in this thread), which the
        caller ends. The processes start, and begin parsing, at once."""
        root = str(self.root)
        jobs = [
            (root, from_db_rel(rel), size, mtime_ns) for _rowid, rel, _aid, size, mtime_ns in todo
        ]
        rowids = [t[0] for t in todo]
        chunks = _chunks(jobs)
        pool = None
        n = min(self.workers, len(chunks))
        if self.workers > 1 and len(todo) >= POOL_MIN_FILES:
            pool = _start_pool(n)
        if pool is None:  # small job, or no worker processes here: parse in this thread
            return _parse_here(jobs, rowids), None
        parsed = _ahead(pool, chunks, AHEAD_PER_WORKER * n)
        return _parse_in_pool(parsed, rowids, cancelled), pool


def _parse_here(jobs: list, rowids: list[int]) -> Iterator[list[tuple[int, ParsedRow]]]:
    for start in range(0, len(jobs), BATCH):
        chunk = jobs[start : start + BATCH]
        yield list(zip(rowids[start:], _parse_chunk(chunk), strict=False))


def _ahead(pool, chunks: list[list], n_ahead: int) -> Iterator[list[ParsedRow]]:
    """Parsed chunks in order, with at most ``n_ahead`` handed out unread.

    The parser processes run at normal priority (a lowered one let any busy
    program on the machine starve them, and the index took twice as long),
    but never far ahead of the writer: when it is the slower side they wait
    instead of taking CPU from it and from the interface, and parsed text
    does not pile up in memory.
    """
    queued: collections.deque = collections.deque()
    rest = iter(chunks)
    # (handed out here, not at the first next(): parsing starts at once)
    for chunk in itertools.islice(rest, n_ahead):
        queued.append(pool.apply_async(_parse_chunk, (chunk,)))
    return _in_order(pool, queued, rest)


def _in_order(pool, queued: collections.deque, rest: Iterator[list]) -> Iterator[list[ParsedRow]]:
    while queued:
        result = queued.popleft().get()
        chunk = next(rest, None)
        if chunk is not None:
            queued.append(pool.apply_async(_parse_chunk, (chunk,)))
        yield result


def _parse_in_pool(
    results: Iterator[list[ParsedRow]], rowids: list[int], cancelled: CancelFn
) -> Iterator[list[tuple[int, ParsedRow]]]:
    pending: list[tuple[int, ParsedRow]] = []
    pos = 0
    for result in results:
        for parsed in result:
            pending.append((rowids[pos], parsed))
            pos += 1
        if len(pending) >= BATCH:
            yield pending
            pending = []
            if cancelled():
                return
    if pending:
        yield pending


# -- helpers (module level so that pool workers can import them) -----------


def _chunks(jobs: list) -> list[list]:
    return [jobs[i : i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]


def _start_pool(n: int):
    """A pool of ``n`` spawned parser processes, or None when none can start.

    Spawned, not forked: the caller is usually a thread of a running app,
    and forking a threaded process can deadlock. The processes (and
    multiprocessing's resource tracker) never get the user's terminal: were
    the app killed, they would write tracebacks and warnings over it.
    """
    import multiprocessing  # (only a first index or a large change needs it)

    ctx = multiprocessing.get_context("spawn")
    with _POOL_LOCK, _children_off_the_terminal():
        try:
            return ctx.Pool(n, initializer=_quiet_worker)
        except Exception:
            return None


_POOL_LOCK = threading.Lock()
_STD_FDS = (0, 1, 2)


@contextlib.contextmanager
def _children_off_the_terminal() -> Iterator[None]:
    """While processes start: standard input, output and error are not handed
    down (close-on-exec), and ``sys.stderr``, which multiprocessing passes to
    its resource tracker, is the null device. (Textual's own ``sys.stderr``
    has no file descriptor at all.)"""
    saved_stderr = sys.stderr
    inheritable: dict[int, bool] = {}
    devnull = None
    try:
        devnull = open(os.devnull, "w")  # noqa: SIM115 - closed below
        sys.stderr = devnull
        for fd in _STD_FDS:
            with contextlib.suppress(OSError):
                inheritable[fd] = os.get_inheritable(fd)
                os.set_inheritable(fd, False)
    except OSError:
        pass
    try:
        yield
    finally:
        for fd, was in inheritable.items():
            with contextlib.suppress(OSError):
                os.set_inheritable(fd, was)
        sys.stderr = saved_stderr
        if devnull is not None:
            devnull.close()


def _quiet_worker() -> None:
    """In each parser process: the standard streams lead to the null device, so
    nothing (a traceback when the app is gone, say) reaches a terminal."""
    for fd in _STD_FDS:
        try:
            os.fstat(fd)
            continue  # (open: not inherited, so something of this process's own)
        except OSError:
            pass
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
    sys.stdin = None  # type: ignore[assignment]
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the process's life


def query_terms(query: str) -> list[str]:
    """The folded words of a search query (punctuation dropped)."""
    from tuireader.index.normalize import fold

    # Split where the FTS5 tokenizer splits (anything but letters and digits),
    # so both back ends see the same words.
    return _WORD.findall(fold(query))


def _rel_str(rel: object) -> str:
    return rel if isinstance(rel, str) else PurePosixPath(*Path(str(rel)).parts).as_posix()


def _to_ns(mtime: float | int | None) -> int:
    if mtime is None:
        return -1  # stat failed: the scan's error is shown instead
    if isinstance(mtime, int) and mtime > 10**14:
        return mtime  # already nanoseconds
    return int(round(mtime * 1_000_000_000))


def _stub_title(rel: str) -> str:
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


def _parse_chunk(jobs: Sequence[tuple[str, str, int, int]]) -> list[ParsedRow]:
    return [_parse_one(*job) for job in jobs]


def _parse_one(root: str, rel: str, size: int, mtime_ns: int) -> ParsedRow:
    """Parse one file into what the index stores. Never raises."""
    from tuireader.articles.loader import load_article
    from tuireader.index.normalize import fold

    root_path = Path(root)
    try:
        art = load_article(root_path / rel, root_path)
        text_parts = [b.text for b in art.blocks]
        if art.meta_caption:
            text_parts.append(art.meta_caption)
        text_parts.extend(f"{k} {v}" for k, v in art.metadata)
        return ParsedRow(
            rel=rel,
            aid=art.id,
            size=size,
            mtime_ns=mtime_ns,
            title=art.title,
            comments=art.comments,
            metadata_json=json.dumps([list(kv) for kv in art.metadata], ensure_ascii=False),
            direction=art.direction.value,
            lang=art.lang,
            error=art.error,
            search_title=fold(art.title),
            search_body=fold("\n".join(text_parts)),
        )
    except Exception as exc:  # a parser bug must not stop the whole refresh
        return ParsedRow(
            rel=rel,
            aid=article_id(rel),
            size=size,
            mtime_ns=mtime_ns,
            title=_stub_title(rel),
            comments=None,
            metadata_json="[]",
            direction=None,
            lang=None,
            error=f"could not index: {type(exc).__name__}",
            search_title="",
            search_body="",
        )
