"""Reading and writing the article rows of the index.

Pure (no Textual). ``ArticleRows`` holds every query on the ``articles``
table and the search documents beside it (except the search match itself,
in ``tuireader.index.search``); ``IndexDB`` gives the connection. Writers
hold ``IndexDB.write_lock`` and run inside ``IndexDB.transaction``.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from tuireader.index.schema import read_meta
from tuireader.index.store import IndexDB

# The list row: these columns, in this order (``CatalogEntry`` without its root).
_COLUMNS = "rowid, rel, aid, size, mtime_ns, parsed, title, comments, direction, lang, error"
_JSON_MIN_ROWS = 1000
_STUBS_FROM_JSON = (
    "INSERT INTO articles(rel, aid, ord, size, mtime_ns, parsed, title) "
    "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
    "json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]'), "
    "0, json_extract(value, '$[5]') FROM json_each(?) ORDER BY key"
)
_IN_CHUNK = 500  # ids per "IN (...)" query: one statement per row lets other threads in


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


class ArticleRows:
    """The article rows of one index."""

    def __init__(self, db: IndexDB) -> None:
        self.db = db

    # -- reads -------------------------------------------------------------

    def rows(self, limit: int = -1) -> list[tuple]:
        """All rows (or the first ``limit``) in list order, as plain tuples in
        ``_COLUMNS`` order."""
        sql = f"SELECT {_COLUMNS} FROM articles ORDER BY ord LIMIT ?"
        rows = self.db.conn().execute(sql, (limit,)).fetchall()
        return [r if type(r[1]) is str else (r[0], from_db_rel(r[1]), *r[2:]) for r in rows]

    def stamps(self) -> dict[str, tuple[int, int, int, int, int]]:
        """rel -> (rowid, size, mtime_ns, parsed, ord), for change detection."""
        cur = self.db.conn().execute("SELECT rel, rowid, size, mtime_ns, parsed, ord FROM articles")
        return {from_db_rel(r[0]): r[1:] for r in cur}

    def rowids_in_order(self, con: sqlite3.Connection) -> list[int]:
        return [r[0] for r in con.execute("SELECT rowid FROM articles ORDER BY ord")]

    def unparsed(self, con: sqlite3.Connection) -> list[tuple]:
        """(rowid, rel, aid, size, mtime_ns) of rows to parse, in list order."""
        return con.execute(
            "SELECT rowid, rel, aid, size, mtime_ns FROM articles WHERE parsed=0 ORDER BY ord"
        ).fetchall()

    def metadata(self) -> Iterable[tuple[str, str]]:
        """(article id, metadata table as JSON) of the rows that have one."""
        return self.db.conn().execute(
            "SELECT aid, metadata FROM articles WHERE metadata IS NOT NULL AND metadata != '[]'"
        )

    def aids_for_rowids(self, rowids: Iterable[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        con = self.db.conn()
        for rowid, aid in _select_in(con, "rowid, aid", list(rowids)):
            out[rowid] = aid
        return out

    # -- writes ------------------------------------------------------------

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
        """New list places: (ord, rowid)."""
        con.executemany("UPDATE articles SET ord=? WHERE rowid=?", items)

    def delete(self, con: sqlite3.Connection, rowids: Sequence[int]) -> None:
        docids = []
        for rowid in rowids:
            r = con.execute("SELECT docid FROM articles WHERE rowid=?", (rowid,)).fetchone()
            if r and r[0] is not None:
                docids.append(r[0])
        con.executemany("DELETE FROM articles WHERE rowid=?", [(r,) for r in rowids])
        self._bury(con, docids)

    def store_parsed_many(
        self, con: sqlite3.Connection, items: Sequence[tuple[int, ParsedRow]]
    ) -> None:
        """Write parsed files over their rows, unless a file changed again since.

        A row's size/mtime were set before parsing; a mismatch means a newer
        refresh already marked it, so that older result is dropped. Search
        documents get consecutive new docids, in the order of ``items``.
        """
        keep, old_docids = self._still_current(con, items)
        if not keep:
            return
        first = int(read_meta(con, "next_docid") or 1)
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
        self._add_documents(con, first, [r for _rowid, r in keep])

    def _still_current(
        self, con: sqlite3.Connection, items: Sequence[tuple[int, ParsedRow]]
    ) -> tuple[list[tuple[int, ParsedRow]], list[int]]:
        """The items whose row still has the stamp they were parsed at, and the
        search documents those rows point at now (replaced by the write)."""
        current: dict[int, tuple[int, int, int | None]] = {}
        rowids = [rowid for rowid, _row in items]
        for rowid, size, mtime_ns, docid in _select_in(con, "rowid, size, mtime_ns, docid", rowids):
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
        return keep, old_docids

    def _add_documents(self, con: sqlite3.Connection, first: int, rows: list[ParsedRow]) -> None:
        """Search documents for ``rows``, numbered from ``first``."""
        if self.db.use_fts:
            con.executemany(
                "INSERT INTO fts(rowid, title, body) VALUES(?, ?, ?)",
                [(first + i, r.search_title, r.search_body) for i, r in enumerate(rows)],
            )
        else:
            con.executemany(
                "INSERT INTO texts(rowid, norm) VALUES(?, ?)",
                [(first + i, r.search_title + "\n" + r.search_body) for i, r in enumerate(rows)],
            )

    def _bury(self, con: sqlite3.Connection, docids: Sequence[int]) -> None:
        """Forget search documents no row points at any more."""
        if not docids:
            return
        if self.db.use_fts:
            con.execute(
                "UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key='dead'",
                (len(docids),),
            )
        else:
            con.executemany("DELETE FROM texts WHERE rowid=?", [(d,) for d in docids])


def _select_in(con: sqlite3.Connection, columns: str, rowids: list[int]) -> Iterable[tuple]:
    """``columns`` of the article rows ``rowids``, a few hundred per query."""
    for i in range(0, len(rowids), _IN_CHUNK):
        chunk = rowids[i : i + _IN_CHUNK]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT {columns} FROM articles WHERE rowid IN ({marks})"
        yield from con.execute(sql, chunk)
