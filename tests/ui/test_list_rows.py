"""What the list shows and the words in its frame (``ListRows``, no Textual)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from tuireader.articles.model import Direction
from tuireader.index.list_rows import ListRows
from tuireader.settings.state import StateStore


@dataclass(frozen=True)
class R:
    id: str
    rel: str
    title: str
    mtime_ns: int
    size: int = 10
    comments: int | None = None
    error: str | None = None
    direction: Direction = Direction.LTR


ROWS = [R("a", "a.txt", "Zebra", 3), R("b", "b.txt", "Apple", 1), R("c", "c.txt", "Mango", 2)]


class Dates:
    def __init__(self, dates=None, fails: bool = False) -> None:
        self.dates, self.fails, self.calls = dates or {}, fails, 0

    def metadata_dates(self):
        self.calls += 1
        if self.fails:
            raise sqlite3.OperationalError("database is locked")
        return self.dates


def make(tmp_path, dates=None):
    said: list[str] = []
    store = StateStore(tmp_path / "state", tmp_path / "library")
    rows = ListRows(store, dates or Dates(), said.append)
    rows.entries = list(ROWS)
    return rows, store, said


def test_the_frame_counts_unread_and_names_the_order(tmp_path):
    rows, store, _said = make(tmp_path)
    store.set_read("a", True)
    assert rows.counts(3) == ("2 unread · 3", None)
    rows.set_sort("date")
    assert rows.counts(3) == ("2 unread · 3 · by date", None)


def test_a_row_that_could_not_be_read_is_not_counted_unread(tmp_path):
    rows, _store, _said = make(tmp_path)
    rows.entries.append(R("x", "x.txt", "x.txt", 0, size=-1, error="gone"))
    assert rows.counts(4)[0] == "3 unread · 4"


def test_a_view_and_a_filter_say_how_many_rows_are_shown(tmp_path):
    rows, store, _said = make(tmp_path)
    store.set_read("a", True)
    rows.view = "unread"
    assert [r.id for r in rows.rows()] == ["b", "c"]
    assert rows.counts(2) == ("unread: 2 · 3", None)
    rows.filter_ids = {"c"}
    assert [r.id for r in rows.rows()] == ["c"]
    assert rows.counts(1) == ("1 of 3 match", "1 of 3")


def test_the_empty_list_says_why(tmp_path):
    rows, _store, _said = make(tmp_path)  # (nothing starred)
    rows.view = "starred"
    assert rows.rows() == []
    assert rows.empty_message("/lib", loaded=True).startswith("No starred articles.")
    rows.filter_ids = set()
    assert rows.empty_message("/lib", loaded=True).startswith("No article matches")
    rows.filter_ids, rows.view, rows.entries = None, "all", []
    assert rows.empty_message("/lib", loaded=True) == "No articles in /lib"
    assert rows.empty_message("/lib", loaded=False) == "Loading articles…"


def test_sorting_by_date_uses_the_metadata_dates_read_once(tmp_path):
    dates = Dates({"b": 9e9})
    rows, _store, said = make(tmp_path, dates)
    rows.set_sort("date")
    assert [r.id for r in rows.rows()] == ["b", "a", "c"]  # dated first, then newest file
    rows.rows()
    assert dates.calls == 1 and not said


def test_dates_that_cannot_be_read_are_said_and_file_times_used(tmp_path):
    rows, _store, said = make(tmp_path, Dates(fails=True))
    rows.set_sort("date")
    assert [r.id for r in rows.rows()] == ["a", "c", "b"]  # newest file first
    assert len(said) == 1 and "database is locked" in said[0]
    rows.rows()
    assert len(said) == 1  # (not again at every rebuild)
