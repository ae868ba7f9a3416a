"""Many new files are stored in one statement (a JSON array); what is stored
must be what a row-by-row insert stores, whatever the names look like."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import tuireader.index.rows as index_db_mod
from tuireader.index.rows import ArticleRows
from tuireader.index.store import IndexDB

_NS = 1_700_000_000_000_000_000  # a recent mtime in ns (beyond 32 bits)
_ODD = ["a\"b", "back\\slash", "new\nline", "tab\tx", "قصة.txt", "😀", "", "ctl\x01", "'q'"]


def _stubs(names: list[str]) -> list[tuple]:
    return [
        (f"d{i % 7}/{n}-{i}.txt", f"{i:040x}", i, i * 3 - 1, _NS + i, n or "x")
        for i, n in enumerate(names)
    ]


def _stored(db: IndexDB) -> list[tuple]:
    return db.conn().execute(
        "SELECT rowid, rel, aid, ord, size, mtime_ns, parsed, title FROM articles ORDER BY rowid"
    ).fetchall()


def _insert(tmp_path, name: str, stubs: list[tuple]) -> list[tuple]:
    db = IndexDB(tmp_path / f"{name}.sqlite3")
    with db.write_lock, db.transaction() as con:
        ArticleRows(db).insert_stubs(con, stubs)
    rows = _stored(db)
    db.close()
    return rows


@settings(max_examples=15, deadline=None)
@given(extra=st.lists(st.text(min_size=0, max_size=12), max_size=30))
def test_one_statement_stores_what_row_by_row_stores(tmp_path_factory, extra):
    tmp_path = tmp_path_factory.mktemp("stubs")
    names = (_ODD * 150) + extra  # above the one-statement threshold
    stubs = [s for s in _stubs(names) if _encodable(s[0]) and _encodable(s[5])]
    assert len(stubs) >= index_db_mod._JSON_MIN_ROWS
    calls = []
    real = index_db_mod.json.dumps
    index_db_mod.json.dumps = lambda *a, **k: calls.append(1) or real(*a, **k)
    try:
        at_once = _insert(tmp_path, "json", stubs)
    finally:
        index_db_mod.json.dumps = real
    old = index_db_mod._JSON_MIN_ROWS
    index_db_mod._JSON_MIN_ROWS = 10**9
    try:
        by_row = _insert(tmp_path, "rows", stubs)
    finally:
        index_db_mod._JSON_MIN_ROWS = old
    assert calls  # (the one-statement way was taken)
    assert at_once == by_row
    assert [r[1] for r in at_once] == [s[0] for s in stubs]


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def test_a_name_that_is_not_utf8_still_goes_in(tmp_path):
    stubs = _stubs(["plain"] * 1200)
    stubs[5] = ("bad-\udcff.txt", *stubs[5][1:])
    rows = _insert(tmp_path, "mixed", stubs)
    assert len(rows) == 1200
    assert rows[5][1] == b"bad-\xff.txt"


def test_a_nul_in_a_name_is_stored_whole(tmp_path):
    stubs = _stubs(["plain"] * 1200)
    stubs[7] = ("nul\x00name.txt", *stubs[7][1:-1], "t\x00t")
    rows = _insert(tmp_path, "nul", stubs)
    assert rows[7][1] == "nul\x00name.txt" and rows[7][7] == "t\x00t"
