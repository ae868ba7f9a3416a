"""The search match in the index: every query word, as a word prefix.

With FTS5 a MATCH on the contentless search table; without it, LIKE on the
plain text column (words then match anywhere inside a word).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from tuireader.index.faults import is_corrupt
from tuireader.index.rows import ArticleRows
from tuireader.index.search.text import query_terms


def find_ids(rows: ArticleRows, query: str, limit: int) -> list[str]:
    """Ids of articles whose title or text holds every word of ``query``, in
    list order, at most ``limit``. Never raises a database error: a damaged
    index is rebuilt, a busy or unreachable one finds nothing."""
    terms = query_terms(query)
    if not terms:
        return []
    try:
        rowids = search_rowids(rows, terms, limit)
        ids = rows.aids_for_rowids(rowids)
    except sqlite3.DatabaseError as exc:
        if is_corrupt(exc):
            rows.db.rebuild()
        return []  # (a busy or unreachable index: the titles are still searched)
    return [ids[r] for r in rowids if r in ids]


def search_rowids(rows: ArticleRows, terms: Sequence[str], limit: int) -> list[int]:
    """Rowids of articles holding every term (each a word prefix), in list order.

    ``terms`` are normalized words; the caller has split the query.
    """
    if not terms:
        return []
    db = rows.db
    if db.use_fts:
        where = "fts MATCH ?"
        args: list[object] = [" ".join(_fts_term(t) for t in terms)]
    else:
        where = " AND ".join("norm LIKE ? ESCAPE '\\'" for _ in terms)
        args = [f"%{_like_escape(t)}%" for t in terms]
    # Drive the join from the (limited) search hits, never from a walk of
    # the whole article table; list order is restored in Python.
    sql = (
        f"SELECT a.rowid, a.ord FROM (SELECT rowid AS d FROM {db.text_table} "
        f"WHERE {where} LIMIT ?) AS m CROSS JOIN articles AS a ON a.docid = m.d"
    )
    hits = db.conn().execute(sql, (*args, limit)).fetchall()
    hits.sort(key=lambda h: h[1])
    return [h[0] for h in hits]


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
