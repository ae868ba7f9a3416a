"""Parsing the files a refresh must index: in this thread, or in a pool of
parser processes for a large job.

Pure (no Textual). Parsed rows come back in batches, in list order, for the
refresh thread to write (the parser processes never touch SQLite). The
functions a pool worker runs are at module level so that it can import them.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tuireader.index.rows import ParsedRow, from_db_rel
from tuireader.index.scan_diff import stub_title
from tuireader.settings.paths import article_id

CancelFn = Callable[[], bool]

BATCH = 400  # files per write transaction (and per progress report)
POOL_MIN_FILES = 1500  # below this a process pool costs more than it saves
_CHUNK = 100  # files handed to a pool worker at a time
AHEAD_PER_WORKER = 4  # chunks a parser process may have parsed before the writer takes them


def parse_batches(
    root: str, todo: Sequence[tuple], workers: int, cancelled: CancelFn
) -> tuple[Iterator[list[tuple[int, ParsedRow]]], Any]:
    """Parsed rows of ``todo`` ((rowid, rel, aid, size, mtime_ns) in list
    order) in batches of about BATCH, and the pool of parser processes (None
    when parsing in this thread), which the caller ends. The processes start,
    and begin parsing, at once."""
    jobs = [
        (root, from_db_rel(rel), size, mtime_ns) for _rowid, rel, _aid, size, mtime_ns in todo
    ]
    rowids = [t[0] for t in todo]
    chunks = _chunks(jobs)
    pool = None
    n = min(workers, len(chunks))
    if workers > 1 and len(todo) >= POOL_MIN_FILES:
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
            title=stub_title(rel),
            comments=None,
            metadata_json="[]",
            direction=None,
            lang=None,
            error=f"could not index: {type(exc).__name__}",
            search_title="",
            search_body="",
        )
