"""Reading a library, not a folder: the list sorted by date, title, comments
or file name (o cycles, remembered), and an Unread and a Starred view."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from tuireader.index.list_order import metadata_date, parse_date, sort_rows
from tuireader.settings.config import KEY_ACTIONS

from .conftest import loaded, wait_for


def row(rel, title="t", comments=None, mtime=0, aid=None):
    return SimpleNamespace(rel=rel, title=title, comments=comments, mtime_ns=mtime,
                           id=aid or rel)


def test_dates_in_any_digits_and_order():
    assert parse_date("2024-11-03") == date(2024, 11, 3)
    assert parse_date("٣/١١/٢٠٢٤") == date(2024, 11, 3)
    assert parse_date("۱۴۰۳") is None
    assert parse_date("۱۴۰۳/۰۸/۱۲") is None  # Solar Hijri: not sorted as year 1403
    assert metadata_date([("التاريخ", "٢٠٢٤-٠٣-١٢")]) == date(2024, 3, 12)
    assert metadata_date([("Ort", "2024-01-01")]) is None


def test_sort_orders():
    rows = [row("b", "Zebra", 3, 2_000_000_000), row("a", "alpha", None, 1_000_000_000),
            row("c", "Émile", 10, 3_000_000_000)]
    assert [r.rel for r in sort_rows(rows, "file")] == ["a", "b", "c"]
    assert [r.rel for r in sort_rows(rows, "title")] == ["a", "c", "b"]
    assert [r.rel for r in sort_rows(rows, "comments")] == ["c", "b", "a"]
    # the metadata's date wins over the file's time
    assert [r.rel for r in sort_rows(rows, "date", {"a": 4.0e9})] == ["a", "c", "b"]


def test_the_new_actions_are_in_the_key_table_and_so_the_palette():
    ids = {a.id: a.keys for a in KEY_ACTIONS}
    assert ids["sort"] == "o" and ids["view_unread"] == "U" and ids["view_starred"] == "asterisk"


async def test_o_cycles_the_order_and_it_is_remembered(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await loaded(pilot)
        lst = screen.article_list
        files = [r.rel for r in lst.rows]
        assert files == sorted(files)
        await pilot.press("o")  # date
        await pilot.press("o")  # title
        await wait_for(pilot, lambda: screen.sort == "title")
        titles = [r.title for r in lst.rows]
        assert [r.rel for r in lst.rows] != files
        assert titles == [r.title for r in sort_rows(lst.rows, "title")]
        assert "by title" in str(lst.border_subtitle)
        assert any("Sorted by title" in n.message for n in app._notifications)
        await pilot.press("q")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert screen.sort == "title"
        assert [r.title for r in screen.article_list.rows] == titles


async def test_date_order_reads_the_metadata(make_app, articles):
    (articles / "zz_old.md").write_text("---\ntitle: Old news\ndate: 1999-01-02\n---\nBody.\n",
                                        encoding="utf-8")
    (articles / "zz_new.md").write_text("---\ntitle: New news\ndate: 2099-01-02\n---\nBody.\n",
                                        encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: screen.sort == "date")
        rels = [r.rel for r in screen.article_list.rows]
        assert rels[0] == "zz_new.md" and rels[-1] == "zz_old.md"


async def test_unread_and_starred_views(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        lst, store = screen.article_list, screen.store
        ids = [r.id for r in lst.rows]
        store.set_read(ids[1])
        store.toggle_star(ids[2])
        await pilot.press("U")
        await wait_for(pilot, lambda: screen.view == "unread")
        assert ids[1] not in [r.id for r in lst.rows] and len(lst.rows) == len(ids) - 1
        await pilot.press("asterisk")
        await wait_for(pilot, lambda: screen.view == "starred")
        assert [r.id for r in lst.rows] == [ids[2]]
        await pilot.press("asterisk")
        await wait_for(pilot, lambda: screen.view == "all" and len(lst.rows) == len(ids))
