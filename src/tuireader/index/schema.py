"""The index file's tables: what they are, how they are made and remade.

Pure (no Textual). Rows are keyed by the article's path relative to the
library root, with the file's size and mtime (ns) to tell whether it must be
parsed again. Search text (title + body, already normalized by
``tuireader.index.normalize``) goes into a contentless FTS5 table (the index
only, not a second copy of the text: about a third of the size); when this
SQLite build has no FTS5, into a plain column that is searched with LIKE.

A contentless FTS5 table (SQLite < 3.43) cannot forget a document, so each
parse gets a fresh ``docid`` and the article row points at its current one;
documents no row points at are dead and never returned (``meta.dead`` counts
them for compaction).
"""

from __future__ import annotations

import contextlib
import sqlite3

# Bump whenever the schema or the meaning of a stored column changes (for
# example a change of the search normalization): old files are then rebuilt.
SCHEMA_VERSION = 2

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


def schema_tag(use_fts: bool) -> str:
    """What ``meta.schema`` holds for a current file of this kind."""
    return f"{SCHEMA_VERSION}:{'fts5' if use_fts else 'like'}"


def text_table(use_fts: bool) -> str:
    return "fts" if use_fts else "texts"


def read_meta(con: sqlite3.Connection, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return row[0] if row else None


def schema_current(con: sqlite3.Connection, use_fts: bool) -> bool:
    try:
        value = read_meta(con, "schema")
    except sqlite3.OperationalError:
        return False  # no meta table yet
    return value == schema_tag(use_fts)


def reset(con: sqlite3.Connection, use_fts: bool, force: bool) -> None:
    """Drop every table and create the schema, in one write transaction.

    Without ``force`` a current schema (another process has just created
    it) is kept.
    """
    con.execute("BEGIN IMMEDIATE")  # (waits for another process's writer)
    try:
        if not force and schema_current(con, use_fts):
            con.execute("COMMIT")
            return
        master = "SELECT name FROM sqlite_master WHERE type='table' AND "
        for what in ("sql LIKE 'CREATE VIRTUAL%'", "name NOT LIKE 'sqlite_%'"):
            for (name,) in con.execute(master + what).fetchall():
                con.execute(f'DROP TABLE IF EXISTS "{name}"')
        create(con, use_fts)
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            con.execute("ROLLBACK")
        raise


def create(con: sqlite3.Connection, use_fts: bool) -> None:
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
    create_text_table(con, use_fts)
    con.executemany(
        "INSERT INTO meta VALUES(?, ?)",
        [("schema", schema_tag(use_fts)), ("next_docid", "1"), ("dead", "0"), ("list_gen", "1")],
    )


def create_text_table(con: sqlite3.Connection, use_fts: bool) -> None:
    if use_fts:
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
