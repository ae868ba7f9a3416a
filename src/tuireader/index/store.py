"""The on-disk article index: one SQLite database per library root.

Pure (no Textual). The database is a cache: it lives in the user cache
directory, may be deleted at any time, and is rebuilt from scratch whenever
its schema version does not match or SQLite reports it damaged. Nothing in
here ever raises a database error to the caller for a damaged file.

Rows are keyed by the article's path relative to the library root, with the
file's size and mtime (ns) to tell whether it must be parsed again. Search
text (title + body, already normalized by ``tuireader.index.normalize``) goes into
a contentless FTS5 table (the index only, not a second copy of the text:
about a third of the size); when this SQLite build has no FTS5, into a plain
column that is searched with LIKE.

A contentless FTS5 table (SQLite < 3.43) cannot forget a document, so each
parse gets a fresh ``docid`` and the article row points at its current one;
documents no row points at are dead and never returned. When dead documents
outnumber live ones, the search table is emptied and every file is parsed
again by the next refresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from tuireader.index.faults import BUSY, FULL, READONLY, UNAVAILABLE, is_corrupt, kind_of, why
from tuireader.settings.paths import default_cache_dir

# Bump whenever the schema or the meaning of a stored column changes (for
# example a change of the search normalization): old files are then rebuilt.
SCHEMA_VERSION = 2

SNAPSHOT_SUFFIX = "-entries"
_SNAP_MAGIC = b"TRLIST2\n"
# Rows per marshalled piece of the snapshot: unmarshalling holds the
# interpreter, so 100,000 rows in one piece would freeze the interface for
# most of a second while a thread loads them; a piece takes a few ms.
SNAPSHOT_CHUNK = 4000
_LEN = 4  # bytes of each piece's length
# Dead search documents tolerated before the search table is rebuilt.
COMPACT_MIN_DEAD = 5000

_COLUMNS = "rowid, rel, aid, size, mtime_ns, parsed, title, comments, direction, lang, error"
_JSON_MIN_ROWS = 1000
_STUBS_FROM_JSON = (
    "INSERT INTO articles(rel, aid, ord, size, mtime_ns, parsed, title) "
    "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
    "json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]'), "
    "0, json_extract(value, '$[5]') FROM json_each(?) ORDER BY key"
)


def db_path_for(root: Path | str, cache_dir: Path | str | None = None) -> Path:
    """One file per library root, named by a hash of the resolved root."""
    resolved = str(Path(root).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:20]
    base = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return base / f"library-{digest}.sqlite3"


_fts5_available: bool | None = None


def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5 (checked once, at run time)."""
    global _fts5_available
    if _fts5_available is None:
        try:
            con = sqlite3.connect(":memory:")
            try:
                con.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
                _fts5_available = True
            finally:
                con.close()
        except sqlite3.Error:
            _fts5_available = False
    return _fts5_available


def to_db_rel(rel: str) -> str | bytes:
    """A path as SQLite can store it.

    A file name that is not UTF-8 reaches us with lone surrogates, which SQLite
    cannot encode; such a path is stored as its raw bytes (a BLOB) instead.
    """
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(rel)
    return rel


def from_db_rel(value: str | bytes) -> str:
    return value if isinstance(value, str) else os.fsdecode(value)


class ParsedRow(NamedTuple):
    """A freshly parsed file, ready to be written.

    A NamedTuple: parser processes send 100,000 of them to the writer, and
    tuples pickle about twice as fast as a dataclass.
    """

    rel: str
    aid: str
    size: int
    mtime_ns: int
    title: str
    comments: int | None
    metadata_json: str
    direction: str | None
    lang: str | None
    error: str | None
    search_title: str
    search_body: str


class IndexDB:
    """Thread-safe access to one index file.

    Each thread gets its own connection (SQLite connections must not be
    shared between threads); WAL mode lets the UI thread read while a worker
    thread writes. Writes are serialised by ``write_lock``.
    """

    def __init__(self, path: Path, *, use_fts: bool | None = None) -> None:
        self.path = Path(path)
        self.use_fts = fts5_available() if use_fts is None else use_fts
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
    def schema_tag(self) -> str:
        return f"{SCHEMA_VERSION}:{'fts5' if self.use_fts else 'like'}"

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
                self._reset(con, force=True)
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
        row = con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if row is None or row[0] != self.schema_tag:
            return False
        # Touch every table so that a missing or damaged one shows up now.
        con.execute("SELECT count(*) FROM (SELECT rowid FROM articles LIMIT 1)").fetchone()
        con.execute(f"SELECT rowid FROM {self._text_table} LIMIT 1").fetchone()
        return True

    @property
    def _text_table(self) -> str:
        return "fts" if self.use_fts else "texts"

    def rebuild(self, force: bool = True) -> None:
        """Empty the index in place (other processes may have it open: the file
        is never deleted under them), or, when SQLite cannot even do that
        (damaged), delete the file and start a new one. Without ``force`` an
        index another process has just created is kept."""
        with self.write_lock, self._gen_lock:
            if self._memory_con is not None:
                self._reset(self._memory_con, force=force)
                return
            self.close()
            self._generation += 1
            try:
                self._reset(self.conn(), force=force)
            except sqlite3.DatabaseError as exc:
                if not is_corrupt(exc):
                    raise
                self.close()
                self._generation += 1
                for suffix in ("", "-wal", "-shm", "-journal"):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(str(self.path) + suffix)
                self._reset(self.conn(), force=True)
            with contextlib.suppress(OSError):
                os.unlink(self.snapshot_path)

    def _reset(self, con: sqlite3.Connection, force: bool) -> None:
        """Drop every table and create the schema, in one write transaction."""
        con.execute("BEGIN IMMEDIATE")  # (waits for another process's writer)
        try:
            if not force and self._schema_current(con):
                con.execute("COMMIT")  # another process created it meanwhile
                return
            master = "SELECT name FROM sqlite_master WHERE type='table' AND "
            for what in ("sql LIKE 'CREATE VIRTUAL%'", "name NOT LIKE 'sqlite_%'"):
                for (name,) in con.execute(master + what).fetchall():
                    con.execute(f'DROP TABLE IF EXISTS "{name}"')
            self._create(con)
            con.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                con.execute("ROLLBACK")
            raise

    def _schema_current(self, con: sqlite3.Connection) -> bool:
        try:
            row = con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.OperationalError:
            return False  # no meta table yet
        return row is not None and row[0] == self.schema_tag

    def _create(self, con: sqlite3.Connection) -> None:
        """The schema (the caller holds a write transaction)."""
        con.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID")
        con.execute(
            """CREATE TABLE articles(
                rowid INTEGER PRIMARY KEY,
                rel TEXT NOT NULL UNIQUE,
                aid TEXT NOT NULL,
                ord INTEGER NOT NULL DEFAULT 0,
                size INTEGER NOT NULL,
                mtime_ns INTEGER NOT NULL,
                parsed INTEGER NOT NULL DEFAULT 0,
                title TEXT NOT NULL DEFAULT '',
                comments INTEGER,
                metadata TEXT,
                direction TEXT,
                lang TEXT,
                error TEXT,
                docid INTEGER)"""
        )
        con.execute("CREATE INDEX articles_ord ON articles(ord)")
        con.execute("CREATE INDEX articles_aid ON articles(aid)")
        con.execute("CREATE INDEX articles_docid ON articles(docid)")
        self._create_text_table(con)
        con.executemany(
            "INSERT INTO meta VALUES(?, ?)",
            [("schema", self.schema_tag), ("next_docid", "1"), ("dead", "0"), ("list_gen", "1")],
        )

    def _create_text_table(self, con: sqlite3.Connection) -> None:
        if self.use_fts:
            # Text arrives already normalized (harakat dropped, alef forms
            # unified, casefolded), so the tokenizer must not fold again;
            # prefix indexes keep short prefix queries fast. Searches match
            # single words anywhere in the article, so no positions or
            # columns are stored (detail=none): a third less writing, a
            # quarter of the size.
            con.execute(
                "CREATE VIRTUAL TABLE fts USING fts5(title, body, content='', "
                "tokenize='unicode61 remove_diacritics 0', prefix='2 3', detail=none)"
            )
        else:
            con.execute("CREATE TABLE texts(rowid INTEGER PRIMARY KEY, norm TEXT NOT NULL)")

    def compact_if_needed(self, min_dead: int | None = None) -> bool:
        """Empty the search table when dead documents outnumber live ones.

        Every row is then marked unparsed (titles stay, so the list looks
        the same) and the next refresh parses all files again.
        """
        con = self.conn()
        dead = int(self._meta(con, "dead") or 0)
        if dead < (COMPACT_MIN_DEAD if min_dead is None else min_dead) or dead <= self.count():
            return False
        with self.write_lock, self.transaction() as con:
            con.execute(f"DROP TABLE {self._text_table}")
            self._create_text_table(con)
            con.execute("UPDATE articles SET parsed=0, docid=NULL")
            con.execute("UPDATE meta SET value='0' WHERE key='dead'")
            self.bump_list_gen(con)
        return True

    @staticmethod
    def _meta(con: sqlite3.Connection, key: str) -> str | None:
        row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    # -- list snapshot -----------------------------------------------------
    #
    # The list rows, marshalled into one file beside the database after each
    # refresh: a warm start loads 100,000 rows from it several times faster
    # than SQLite hands them out row by row. ``list_gen`` (bumped by every
    # write that changes the list) tells whether the snapshot is current.

    @property
    def snapshot_path(self) -> Path:
        return Path(str(self.path) + SNAPSHOT_SUFFIX)

    def list_gen(self) -> int:
        return int(self._meta(self.conn(), "list_gen") or 0)

    def bump_list_gen(self, con: sqlite3.Connection) -> None:
        con.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='list_gen'")

    def read_snapshot(self, *, header_only: bool = False) -> list | None:
        """The snapshot's rows if it matches the database, else None.

        With ``header_only`` only the generation is checked ([] if current).
        """
        if self.memory:
            return None
        try:
            with open(self.snapshot_path, "rb") as f:
                head = f.read(len(_SNAP_MAGIC) + 8)
                if head[: len(_SNAP_MAGIC)] != _SNAP_MAGIC:
                    return None
                gen = int.from_bytes(head[len(_SNAP_MAGIC) :], "little")
                if gen != self.list_gen():
                    return None
                if header_only:
                    return []
                data = memoryview(f.read())
            rows: list = []
            pos = 0
            while pos < len(data):
                size = int.from_bytes(data[pos : pos + _LEN], "little")
                end = pos + _LEN + size
                if size == 0 or end > len(data):
                    return None
                piece = marshal.loads(data[pos + _LEN : end])
                if not isinstance(piece, list):
                    return None
                rows += piece
                pos = end
        except (OSError, ValueError, EOFError, TypeError, sqlite3.Error):
            return None
        return rows

    def write_snapshot(self, rows: list) -> None:
        """Write ``rows`` (marshallable tuples) as the current snapshot."""
        if self.memory:
            return
        gen = self.list_gen()
        tmp = self.snapshot_path.with_name(self.snapshot_path.name + f".{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as f:
                f.write(_SNAP_MAGIC + gen.to_bytes(8, "little"))
                for start in range(0, len(rows), SNAPSHOT_CHUNK):
                    piece = marshal.dumps(rows[start : start + SNAPSHOT_CHUNK])
                    f.write(len(piece).to_bytes(_LEN, "little"))
                    f.write(piece)
            os.replace(tmp, self.snapshot_path)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    # -- reads -------------------------------------------------------------

    def rows(self, limit: int = -1) -> list[tuple]:
        """All rows (or the first ``limit``) in list order, as plain tuples in
        ``_COLUMNS`` order."""
        sql = f"SELECT {_COLUMNS} FROM articles ORDER BY ord LIMIT ?"
        rows = self.conn().execute(sql, (limit,)).fetchall()
        return [r if type(r[1]) is str else (r[0], from_db_rel(r[1]), *r[2:]) for r in rows]

    def stamps(self) -> dict[str, tuple[int, int, int, int, int]]:
        """rel -> (rowid, size, mtime_ns, parsed, ord), for change detection."""
        cur = self.conn().execute("SELECT rel, rowid, size, mtime_ns, parsed, ord FROM articles")
        return {from_db_rel(r[0]): r[1:] for r in cur}

    def count(self) -> int:
        return self.conn().execute("SELECT count(*) FROM articles").fetchone()[0]

    def search_rowids(self, terms: Sequence[str], limit: int) -> list[int]:
        """Rowids of articles holding every term (each a word prefix), in list order.

        ``terms`` are normalized words; the caller has split the query.
        """
        if not terms:
            return []
        con = self.conn()
        if self.use_fts:
            where = "fts MATCH ?"
            args: list[object] = [" ".join(_fts_term(t) for t in terms)]
        else:
            where = " AND ".join("norm LIKE ? ESCAPE '\\'" for _ in terms)
            args = [f"%{_like_escape(t)}%" for t in terms]
        # Drive the join from the (limited) search hits, never from a walk of
        # the whole article table; list order is restored in Python.
        sql = (
            f"SELECT a.rowid, a.ord FROM (SELECT rowid AS d FROM {self._text_table} "
            f"WHERE {where} LIMIT ?) AS m CROSS JOIN articles AS a ON a.docid = m.d"
        )
        hits = con.execute(sql, (*args, limit)).fetchall()
        hits.sort(key=lambda h: h[1])
        return [h[0] for h in hits]

    def aids_for_rowids(self, rowids: Iterable[int]) -> dict[int, str]:
        ids = list(rowids)
        out: dict[int, str] = {}
        con = self.conn()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for rowid, aid in con.execute(
                f"SELECT rowid, aid FROM articles WHERE rowid IN ({marks})", chunk
            ):
                out[rowid] = aid
        return out

    # -- writes (callers hold write_lock and run inside ``transaction``) ---

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
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

    def insert_stubs(self, con: sqlite3.Connection, stubs: Sequence[tuple]) -> None:
        """New files not parsed yet: (rel, aid, ord, size, mtime_ns, title).

        Many at once go in as one JSON array in one statement: ``executemany``
        lets other threads take the interpreter lock at every row, and while
        an app draws its first screen each row then waits for it (100,000
        new files took 3-4 s instead of about 1 s).
        """
        rows = [(to_db_rel(s[0]), *s[1:]) for s in stubs]
        if len(rows) >= _JSON_MIN_ROWS and all(type(r[0]) is str for r in rows):
            payload = json.dumps(rows, ensure_ascii=False)
            # (SQLite's JSON functions cut a string at an escaped NUL)
            if "\\u0000" not in payload:
                try:
                    con.execute(_STUBS_FROM_JSON, (payload,))
                    return
                except sqlite3.OperationalError:  # SQLite without JSON functions
                    pass
        con.executemany(
            "INSERT INTO articles(rel, aid, ord, size, mtime_ns, parsed, title) "
            "VALUES(?, ?, ?, ?, ?, 0, ?)",
            rows,
        )

    def mark_stale(self, con: sqlite3.Connection, items: Iterable[tuple[int, int, int]]) -> None:
        """Changed files: new (size, mtime_ns) for rowid, to be parsed again."""
        con.executemany("UPDATE articles SET size=?, mtime_ns=?, parsed=0 WHERE rowid=?", items)

    def set_order(self, con: sqlite3.Connection, items: Iterable[tuple[int, int]]) -> None:
        con.executemany("UPDATE articles SET ord=? WHERE rowid=?", items)

    def delete(self, con: sqlite3.Connection, rowids: Sequence[int]) -> None:
        docids = []
        for rowid in rowids:
            r = con.execute("SELECT docid FROM articles WHERE rowid=?", (rowid,)).fetchone()
            if r and r[0] is not None:
                docids.append(r[0])
        con.executemany("DELETE FROM articles WHERE rowid=?", [(r,) for r in rowids])
        self._bury(con, docids)

    def _bury(self, con: sqlite3.Connection, docids: Sequence[int]) -> None:
        """Forget search documents no row points at any more."""
        if not docids:
            return
        if self.use_fts:
            con.execute(
                "UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key='dead'",
                (len(docids),),
            )
        else:
            con.executemany("DELETE FROM texts WHERE rowid=?", [(d,) for d in docids])

    def store_parsed(self, con: sqlite3.Connection, rowid: int, row: ParsedRow) -> None:
        """Write one parsed file over its row (see ``store_parsed_many``)."""
        self.store_parsed_many(con, [(rowid, row)])

    def store_parsed_many(
        self, con: sqlite3.Connection, items: Sequence[tuple[int, ParsedRow]]
    ) -> None:
        """Write parsed files over their rows, unless a file changed again since.

        A row's size/mtime were set before parsing; a mismatch means a newer
        refresh already marked it, so that older result is dropped. Search
        documents get consecutive new docids, in the order of ``items``.
        """
        # One query per 500 rows, not one per row: each statement lets the
        # pool's result thread take the interpreter lock.
        current: dict[int, tuple[int, int, int | None]] = {}
        rowids = [rowid for rowid, _row in items]
        for i in range(0, len(rowids), 500):
            chunk = rowids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for rowid, size, mtime_ns, docid in con.execute(
                f"SELECT rowid, size, mtime_ns, docid FROM articles WHERE rowid IN ({marks})",
                chunk,
            ):
                current[rowid] = (size, mtime_ns, docid)
        keep: list[tuple[int, ParsedRow]] = []
        old_docids: list[int] = []
        for rowid, row in items:
            now = current.get(rowid)
            if now is None or now[0] != row.size or now[1] != row.mtime_ns:
                continue
            keep.append((rowid, row))
            if now[2] is not None:
                old_docids.append(now[2])
        if not keep:
            return
        first = int(self._meta(con, "next_docid") or 1)
        con.execute("UPDATE meta SET value=? WHERE key='next_docid'", (str(first + len(keep)),))
        con.executemany(
            "UPDATE articles SET parsed=1, aid=?, title=?, comments=?, metadata=?, "
            "direction=?, lang=?, error=?, docid=? WHERE rowid=?",
            [
                (r.aid, r.title, r.comments, r.metadata_json, r.direction, r.lang, r.error,
                 first + i, rowid)
                for i, (rowid, r) in enumerate(keep)
            ],
        )
        self._bury(con, old_docids)
        if self.use_fts:
            con.executemany(
                "INSERT INTO fts(rowid, title, body) VALUES(?, ?, ?)",
                [(first + i, r.search_title, r.search_body) for i, (_rowid, r) in enumerate(keep)],
            )
        else:
            con.executemany(
                "INSERT INTO texts(rowid, norm) VALUES(?, ?)",
                [
                    (first + i, r.search_title + "\n" + r.search_body)
                    for i, (_rowid, r) in enumerate(keep)
                ],
            )


def _fts_term(term: str) -> str:
    """One query word as an FTS5 expression: a prefix unless one letter.

    A one-letter prefix would match nearly every document and cost a full
    index walk. Without stored positions FTS5 refuses phrases, so a word its
    tokenizer splits (a few rare letters SQLite's Unicode tables do not
    know) becomes its pieces, all required.
    """
    pieces = _fts_tokens(term)
    out = ['"' + p.replace('"', '""') + '"' for p in pieces]
    if len(term) >= 2:
        out[-1] += "*"
    return " ".join(out)


# Words made only of these are one FTS5 token (checked by a test).
_ONE_TOKEN = re.compile(
    r"[0-9a-z\u0621-\u064a\u0660-\u0669\u066e\u066f\u0671-\u06d3\u06d5\u06f0-\u06fc\u06ff]+"
)


def _fts_tokens(term: str) -> list[str]:
    """``term`` split as the index's tokenizer splits it (usually: unchanged)."""
    if _ONE_TOKEN.fullmatch(term):
        return [term]
    return _tokenize(term) or [term]


def _tokenize(text: str) -> list[str]:
    """The tokens the index's tokenizer makes of ``text``, in order."""
    con = sqlite3.connect(":memory:")
    try:
        con.execute(
            "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 0')"
        )
        con.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        con.execute("INSERT INTO t(x) VALUES(?)", (text,))
        return [r[0] for r in con.execute("SELECT term FROM v ORDER BY offset")]
    except sqlite3.Error:
        return []
    finally:
        con.close()


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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
