"""New, changed and deleted files show up without a restart; the selection stays."""

from __future__ import annotations

import os

from .conftest import loaded, region_rows, wait_for

NEW = "A new arrival\nA new arrival\nFresh text.\n"


def rels(screen) -> list[str]:
    return [r.rel for r in screen.article_list.rows]


async def test_changes_appear_while_running(make_app, articles):
    app = make_app(poll_interval=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("j", "j", "j")  # 005
        screen = await loaded(pilot)
        selected = screen.article_list.current.rel
        assert selected == "005_ar_calligraphy_poetry.txt"

        # a new file before the selection: the list grows, the selection stays
        (articles / "001_new.txt").write_text(NEW, encoding="utf-8")
        await wait_for(pilot, lambda: "001_new.txt" in rels(screen))
        assert screen.article_list.current.rel == selected
        assert screen.article.path.name == selected

        # a deleted file disappears, the selection stays
        (articles / "002_ar_economy_medium.txt").unlink()
        await wait_for(pilot, lambda: "002_ar_economy_medium.txt" not in rels(screen))
        assert screen.article_list.current.rel == selected

        # the open article changes on disk: the reader shows the new text
        path = articles / selected
        path.write_text("Rewritten title\nRewritten title\nNew body text here.\n", "utf-8")
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
        await wait_for(pilot, lambda: "New body text here." in "\n".join(
            region_rows(app, screen.reader)))
        assert screen.article_list.current.rel == selected
        assert "Rewritten title" in "\n".join(region_rows(app, screen.article_list))

        # the open article is deleted: the cursor moves to a neighbour
        path.unlink()
        await wait_for(pilot, lambda: selected not in rels(screen))
        await loaded(pilot)
        assert screen.article is not None
