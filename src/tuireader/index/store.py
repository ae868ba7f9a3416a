"""The on-disk article index: one SQLite database per library root.

Pure (no Textual). ``IndexDB`` owns the file: connections (one per thread),
creating and rebuilding the schema (``tuireader.index.schema``), the
fall-back to memory, write transactions and compaction. The rows are read
and written by ``tuireader.index.rows``, the list snapshot beside the file
by ``tuireader.index.snapshot``.

The database is a cache: it lives in the user cache directory, may be
deleted at any time, and is rebuilt from scratch whenever its schema version
does not match or SQLite reports it damaged. Nothing in here ever raises a
database error to the caller for a damaged file. When dead search documents
outnumber live ones, the search table is emptied and every file is parsed
again by the next refresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from tuireader.index import schema
from tuireader.index.faults import BUSY, FULL, READONLY, UNAVAILABLE, is_corrupt, kind_of, why
from tuireader.index.snapshot import snapshot_path_for
from tuireader.settings.paths import default_cache_dir

# Dead search documents tolerated before the search table is rebuilt.
COMPACT_MIN_DEAD = 5000


def db_path_for(root: Path | str, cache_dir: Path | str | None = None) -> Path:
    """One file per library root, named by a hash of the resolved root."""
    resolved = str(Path(root).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:20]
    base = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return base / f"library-{digest}.sqlite3"


class IndexDB:
    """Thread-safe access to one index file.

    Each thread gets its own connection (SQLite connections must not be
    shared between threads); WAL mode lets the UI thread read while a worker
    thread writes. Writes are serialised by ``write_lock``.
    """

    def __init__(self, path: Path, *, use_fts: bool | None = None) -> None:
        self.path = Path(path)
        self.use_fts = schema.fts5_available() if use_fts is None else use_fts
        self.write_lock = threading.RLock()
        self._local = threading.local()
        self._generation = 0
        self._gen_lock = threading.Lock()
        # Without a usable file (a cache folder that is a file, read-only, full,
        # unreachable) the index lives in memory for this session: slower to
        # start, but the reader still reads and searches. ``notice`` says so.
        self.memory = False
        self.notice: str | None = None
        self._memory_con: sqlite3.Connection | None = None
        try:
            self._open_or_rebuild()
        except (sqlite3.Error, OSError) as exc:
            self._fall_back_to_memory(exc)

    # -- connections -----------------------------------------------------

    @property
    def text_table(self) -> str:
        """The table of search documents."""
        return schema.text_table(self.use_fts)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            # (switching a fresh file to WAL does not wait for a busy one: two
            # processes creating the index at once would fail; retried here)
            _retry_busy(lambda: con.execute("PRAGMA journal_mode=WAL"))
            con.execute("PRAGMA synchronous=NORMAL")
            con.execute("PRAGMA temp_store=MEMORY")
        except BaseException:
            con.close()
            raise
        return con

    def conn(self) -> sqlite3.Connection:
        """This thread's connection (reopened after a rebuild)."""
        if self._memory_con is not None:
            return self._memory_con  # (one, shared: SQLite serializes its use)
        local = self._local
        con = getattr(local, "con", None)
        if con is None or local.generation != self._generation:
            if con is not None:
                with contextlib.suppress(sqlite3.Error):
                    con.close()
            con = self._connect()
            local.con = con
            local.generation = self._generation
        return con

    def close(self) -> None:
        """Close this thread's connection (other threads' close when they end)."""
        if self._memory_con is not None:
            return  # (the in-memory index lives as long as this object)
        con = getattr(self._local, "con", None)
        if con is not None:
            with contextlib.suppress(sqlite3.Error):
                con.close()
            self._local.con = None

    # -- creation, validation, rebuild ----------------------------------

    def _open_or_rebuild(self) -> None:
        try:
            if self._valid():
                return
        except sqlite3.Error as exc:
            # a full, read-only, busy or unreachable disk: never rebuild (the
            # caller falls back to memory); an odd or damaged file: rebuild
            if kind_of(exc) in (FULL, READONLY, BUSY, UNAVAILABLE):
                raise
        self.rebuild(force=False)

    def _fall_back_to_memory(self, exc: BaseException) -> None:
        reason = why(exc, self.path.parent)
        with self.write_lock, self._gen_lock:
            self.close()
            self._generation += 1
            con = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            seeded = _copy_read_only(self.path, con)
            self._memory_con = con
            self.memory = True
            try:
                seeded = seeded and self._valid()
            except sqlite3.Error:
                seeded = False
            if not seeded:
                schema.reset(con, self.use_fts, force=True)
        if seeded:
            what = "its last copy is used from memory; new articles are indexed for this session"
        else:
            what = "articles are indexed in memory for this session, so starting is slower"
        where = self.path.parent
        self.notice = f"The article index in {where} cannot be written ({reason}): {what}."

    def _valid(self) -> bool:
        if self._memory_con is None and not self.path.exists():
            return False
        con = self.conn()
        if schema.read_meta(con, "schema") != schema.schema_tag(self.use_fts):
            return False
        # Touch every table so that a missing or damaged one shows up now.
        con.execute("SELECT count(*) FROM (SELECT rowid FROM articles LIMIT 1)").fetchone()
        con.execute(f"SELECT rowid FROM {self.text_table} LIMIT 1").fetchone()
        return True

    def rebuild(self, force: bool = True) -> None:
        """Empty the index in place (other processes may have it open: the file
        is never deleted under them), or, when SQLite cannot even do that
        (damaged), delete the file and start a new one. Without ``force`` an
        index another process has just created is kept."""
        with self.write_lock, self._gen_lock:
            if self._memory_con is not None:
                schema.reset(self._memory_con, self.use_fts, force=force)
                return
            self.close()
            self._generation += 1
            try:
                schema.reset(self.conn(), self.use_fts, force=force)
            except sqlite3.DatabaseError as exc:
                if not is_corrupt(exc):
                    raise
                self.close()
                self._generation += 1
                for suffix in ("", "-wal", "-shm", "-journal"):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(str(self.path) + suffix)
                schema.reset(self.conn(), self.use_fts, force=True)
            # (a new index starts again at list_gen 1: an old snapshot could match it)
            with contextlib.suppress(OSError):
                os.unlink(snapshot_path_for(self.path))

    # -- transactions and bookkeeping --------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction on this thread's connection (callers hold
        ``write_lock``)."""
        con = self.conn()
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
            con.execute("COMMIT")
        except BaseException:
            # (SQLite may have rolled back already, after a full disk say)
            with contextlib.suppress(sqlite3.Error):
                con.execute("ROLLBACK")
            raise

    def count(self) -> int:
        """The number of article rows."""
        return self.conn().execute("SELECT count(*) FROM articles").fetchone()[0]

    def list_gen(self) -> int:
        """The list's generation: bumped by every write that changes the list."""
        return int(schema.read_meta(self.conn(), "list_gen") or 0)

    def bump_list_gen(self, con: sqlite3.Connection) -> None:
        con.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='list_gen'")

    def compact_if_needed(self, min_dead: int | None = None) -> bool:
        """Empty the search table when dead documents outnumber live ones.

        Every row is then marked unparsed (titles stay, so the list looks
        the same) and the next refresh parses all files again.
        """
        con = self.conn()
        dead = int(schema.read_meta(con, "dead") or 0)
        if dead < (COMPACT_MIN_DEAD if min_dead is None else min_dead) or dead <= self.count():
            return False
        with self.write_lock, self.transaction() as con:
            con.execute(f"DROP TABLE {self.text_table}")
            schema.create_text_table(con, self.use_fts)
            con.execute("UPDATE articles SET parsed=0, docid=NULL")
            con.execute("UPDATE meta SET value='0' WHERE key='dead'")
            self.bump_list_gen(con)
        return True


def _retry_busy(run, attempts: int = 200) -> None:
    """Run ``run()``, again while SQLite says the file is busy (a bounded wait)."""
    import time

    for attempt in range(attempts):
        try:
            run()
            return
        except sqlite3.OperationalError as exc:
            if kind_of(exc) != BUSY or attempt == attempts - 1:
                raise
            time.sleep(0.05)  # (another process holds the lock: let it finish)


def _copy_read_only(path: Path, into: sqlite3.Connection) -> bool:
    """Copy the index file at ``path`` into ``into`` without writing anything
    beside it (no WAL, no lock files: the folder may be read-only)."""
    try:
        uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro&immutable=1"
        src = sqlite3.connect(uri, uri=True)
        try:
            src.backup(into)
        finally:
            src.close()
    except (sqlite3.Error, OSError, ValueError):
        return False
    return True
