"""Writing parsed files a batch at a time: a file that changed again while it
was being parsed keeps its newer stamp, the rest are stored and searchable."""

from __future__ import annotations

import pytest

from tuireader.index.rows import ArticleRows, ParsedRow
from tuireader.index.search.sql import search_rowids
from tuireader.index.store import IndexDB


def _parsed(rel: str, size: int, word: str) -> ParsedRow:
    return ParsedRow(
        rel=rel,
        aid=f"id-{rel}",
        size=size,
        mtime_ns=1,
        title=f"title {word}",
        comments=None,
        metadata_json="[]",
        direction="rtl",
        lang="ar",
        error=None,
        search_title=f"title {word}",
        search_body=f"body {word}",
    )


@pytest.fixture(params=[True, False], ids=["fts5", "like"])
def rows(tmp_path, request) -> ArticleRows:
    rows = ArticleRows(IndexDB(tmp_path / "index.sqlite3", use_fts=request.param))
    with rows.db.transaction() as con:
        rows.insert_stubs(con, [(f"{n}.txt", f"id-{n}.txt", n, 10, 1, str(n)) for n in range(4)])
    return rows


def _rowids(rows: ArticleRows) -> dict[str, int]:
    return {rel: stamp[0] for rel, stamp in rows.stamps().items()}


def test_a_batch_skips_files_that_changed_again(rows):
    ids = _rowids(rows)
    with rows.db.transaction() as con:
        rows.mark_stale(con, [(11, 1, ids["2.txt"])])  # a newer refresh saw a new size
    batch = [(ids[f"{n}.txt"], _parsed(f"{n}.txt", 10, f"word{n}")) for n in range(4)]
    with rows.db.transaction() as con:
        rows.store_parsed_many(con, batch)
    by_rel = {r[1]: r for r in rows.rows()}
    assert [by_rel[f"{n}.txt"][5] for n in range(4)] == [1, 1, 0, 1]  # parsed flags
    assert by_rel["1.txt"][6] == "title word1"
    assert by_rel["2.txt"][6] == "2"  # still the stub title
    for n in (0, 1, 3):
        assert search_rowids(rows, [f"word{n}"], 10) == [ids[f"{n}.txt"]]
    assert search_rowids(rows, ["word2"], 10) == []


def test_storing_again_replaces_the_search_text(rows):
    ids = _rowids(rows)
    with rows.db.transaction() as con:
        rows.store_parsed_many(con, [(ids["0.txt"], _parsed("0.txt", 10, "old"))])
    with rows.db.transaction() as con:
        rows.mark_stale(con, [(12, 1, ids["0.txt"])])
    with rows.db.transaction() as con:
        rows.store_parsed_many(
            con,
            [
                (ids["0.txt"], _parsed("0.txt", 12, "new")),
                (ids["1.txt"], _parsed("1.txt", 10, "b")),
            ],
        )
    assert search_rowids(rows, ["new"], 10) == [ids["0.txt"]]
    assert search_rowids(rows, ["old"], 10) == []
    assert search_rowids(rows, ["title"], 10) == [ids["0.txt"], ids["1.txt"]]
    # The replaced document is forgotten: counted dead (FTS5, where a
    # contentless table cannot delete it; compaction uses the count) or deleted.
    con = rows.db.conn()
    if rows.db.use_fts:
        assert con.execute("SELECT value FROM meta WHERE key='dead'").fetchone()[0] == "1"
    else:
        assert con.execute("SELECT count(*) FROM texts").fetchone()[0] == 2


def test_an_empty_or_fully_stale_batch_changes_nothing(rows):
    ids = _rowids(rows)
    before = rows.rows()
    with rows.db.transaction() as con:
        rows.store_parsed_many(con, [])
        rows.store_parsed_many(con, [(ids["0.txt"], _parsed("0.txt", 99, "x"))])
    assert rows.rows() == before
