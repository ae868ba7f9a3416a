"""A long article shows its first screen before the rest is laid out.

The rest is laid out in a worker thread; these tests hold that worker back
(``reader_pipeline.layout_rest`` waits for an event) to look at the screen in between,
then let it go and check that the whole article, the scrollbar, search
highlights and asked-for positions are all there afterwards.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

import tuireader.ui.widgets.reader_pipeline as pipeline_module
from tuireader.articles.model import Article, Block, BlockKind, Direction
from tuireader.ui.widgets.reader import ReaderView

from .conftest import loaded, region_rows, settle, wait_unheld

SIZES = [(80, 24), (160, 50)]
TITLE = "A very long article"


def paragraph(i: int) -> str:
    return f"Paragraph {i:04d} " + " ".join(f"word{i}x{j}" for j in range(16))


def write_long(directory: Path, paragraphs: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "long.txt"
    body = "\n".join(paragraph(i) for i in range(paragraphs))
    path.write_text(f"{TITLE}\n{TITLE}\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def held(monkeypatch):
    """Hold the reader's background layout until the test sets the event."""
    release = threading.Event()
    real = pipeline_module.layout_rest

    def slow(*args, **kwargs):
        release.wait(timeout=300)  # (the fixture's teardown releases it; a guard only)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline_module, "layout_rest", slow)
    yield release
    release.set()


def reader_text(pilot: Pilot, reader: ReaderView) -> str:
    return "\n".join(region_rows(pilot.app, reader))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("paragraphs", [300, 900])  # read on the spot / in a worker
async def test_first_screen_shows_before_the_rest_then_the_end_is_reachable(
    make_app, tmp_path, held, size, paragraphs
):
    directory = tmp_path / "long"
    write_long(directory, paragraphs)
    app = make_app(directory)
    async with app.run_test(size=size) as pilot:
        reader = app.screen.query_one("#reader", ReaderView)
        await wait_unheld(pilot, lambda: reader.article is not None and bool(reader.lines))
        await pilot.pause()
        # the first screen: the title and the first paragraphs fill the pane
        rows = region_rows(app, reader)
        text = "\n".join(rows)
        assert TITLE in text and "Paragraph 0000" in text
        assert any(row.strip() for row in rows[-2:]), (len(reader.lines), reader.size, rows)
        assert not reader.complete
        assert len(reader.lines) < paragraphs  # only a part is laid out
        assert f"Paragraph {paragraphs - 1:04d}" not in text

        held.set()
        await wait_unheld(pilot, lambda: reader.complete)
        await pilot.pause()
        assert reader.virtual_size.height == len(reader.lines) > 2 * paragraphs
        # the view did not move when the rest arrived
        assert "Paragraph 0000" in reader_text(pilot, reader)
        app.screen.set_focus(reader)
        await pilot.press("end")
        await pilot.pause()
        end = reader_text(pilot, reader)
        assert f"word{paragraphs - 1}x15" in end
        assert "Paragraph 0000" not in end


@pytest.mark.parametrize("size", SIZES)
async def test_end_before_the_rest_arrives_goes_to_the_real_end(make_app, tmp_path, held, size):
    directory = tmp_path / "long"
    write_long(directory, 900)
    app = make_app(directory)
    async with app.run_test(size=size) as pilot:
        reader = app.screen.query_one("#reader", ReaderView)
        await wait_unheld(pilot, lambda: reader.article is not None and bool(reader.lines))
        assert not reader.complete
        app.screen.set_focus(reader)
        await pilot.press("end")
        await pilot.pause()
        assert reader.complete
        assert "word899x15" in reader_text(pilot, reader)
        held.set()  # the held worker's late copy must not add the rest twice
        await pilot.pause(0.2)
        assert sum(1 for line in reader.lines if "Paragraph 0899" in line.text) == 1


def long_article(paragraphs: int, special: int | None = None) -> Article:
    blocks = tuple(
        Block(BlockKind.PARAGRAPH, paragraph(i) + (" zebra" if i == special else ""))
        for i in range(paragraphs)
    )
    return Article(
        id="long", path=Path("long.txt"), title=TITLE, blocks=blocks, direction=Direction.LTR
    )


async def show_in_reader(make_app, tmp_path, size):
    """An app on a one-line article, ready: its reader is then driven directly."""
    small = tmp_path / "small"
    small.mkdir()
    (small / "one.txt").write_text("One\nOne\nA line.\n", encoding="utf-8")
    return make_app(small)


async def ready(pilot: Pilot) -> ReaderView:
    await loaded(pilot)
    await settle(pilot)
    return pilot.app.screen.query_one("#reader", ReaderView)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("special", [6, 9, 250])  # near the end of the first part, beyond it
async def test_a_match_beyond_the_first_screen_is_found_and_highlighted(
    make_app, tmp_path, held, size, special
):
    app = await show_in_reader(make_app, tmp_path, size)
    async with app.run_test(size=size) as pilot:
        reader = await ready(pilot)
        reader.set_query("zebra")
        reader.show(long_article(400, special=special))
        reader.scroll_to_first_match()
        await pilot.pause()
        assert not reader.complete
        held.set()
        await wait_unheld(pilot, lambda: reader.complete)
        await pilot.pause()
        lines = reader.match_lines
        assert len(lines) == 1
        assert reader.top_line == lines[0] - 2  # as for a short article: two lines above it
        assert "zebra" in reader_text(pilot, reader)
        # the match is painted in the match style, the words around it are not
        strip = reader.render_line(lines[0] - reader.top_line)
        match = reader.get_component_rich_style("reader--match", partial=True)
        styled = {seg.text.strip(): seg.style for seg in strip if seg.text.strip()}
        zebra = next(v for k, v in styled.items() if k.endswith("zebra"))
        assert zebra.bgcolor == match.bgcolor
        assert all(v.bgcolor != match.bgcolor for k, v in styled.items() if "zebra" not in k)


@pytest.mark.parametrize("size", SIZES)
async def test_a_position_beyond_the_first_screen_is_reached_when_the_rest_arrives(
    make_app, tmp_path, held, size
):
    app = await show_in_reader(make_app, tmp_path, size)
    async with app.run_test(size=size) as pilot:
        reader = await ready(pilot)
        reader.show(long_article(400), scroll=500)
        await pilot.pause()
        assert not reader.complete
        held.set()
        await wait_unheld(pilot, lambda: reader.complete)
        await pilot.pause()
        assert reader.top_line == 500
        top = reader.lines[500]
        assert top.text in reader_text(pilot, reader).splitlines()[0]


async def test_scrolling_before_the_rest_arrives_wins_over_the_asked_position(
    make_app, tmp_path, held
):
    app = await show_in_reader(make_app, tmp_path, (80, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await ready(pilot)
        reader.show(long_article(400), scroll=500)
        await pilot.pause()
        reader.home()
        reader.move(1)
        moved_to = reader.top_line
        held.set()
        await wait_unheld(pilot, lambda: reader.complete)
        await pilot.pause()
        assert reader.top_line == moved_to


async def test_a_late_rest_of_an_article_left_behind_is_dropped(make_app, tmp_path, held):
    app = await show_in_reader(make_app, tmp_path, (80, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await ready(pilot)
        reader.show(long_article(400))
        await pilot.pause()  # its rest is now on its way, held
        short = Article(
            id="short",
            path=Path("short.txt"),
            title="Short one",
            blocks=(Block(BlockKind.PARAGRAPH, "Only this."),),
        )
        reader.show(short)
        held.set()
        # the late rest is delivered (or dropped) before its worker ends
        for worker in [w for w in app.workers if w.group == "reader-rest"]:
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()
        await pilot.pause()
        assert reader.complete
        assert all(line.block in (None, -1, 0) for line in reader.lines)
        assert "Paragraph" not in reader_text(pilot, reader)


@pytest.mark.parametrize("size", SIZES)
async def test_resizing_before_the_rest_arrives_keeps_the_top_line(
    make_app, tmp_path, held, size
):
    app = await show_in_reader(make_app, tmp_path, size)
    async with app.run_test(size=size) as pilot:
        reader = await ready(pilot)
        reader.show(long_article(400))
        await pilot.pause()
        reader.move(6)
        if not reader.lines[reader.top_line].text:
            reader.move(1)  # (a blank line between paragraphs)
        await pilot.pause()
        first = reader.lines[reader.top_line]
        word = first.text.split()[0]
        await pilot.resize_terminal(size[0] + 17, size[1])
        await pilot.pause()
        held.set()
        await wait_unheld(pilot, lambda: reader.complete)
        await pilot.pause()
        top = reader.lines[reader.top_line]
        assert top.block == first.block
        assert word in reader_text(pilot, reader)
        assert reader.virtual_size.height == len(reader.lines)


@pytest.mark.parametrize("size", SIZES)
async def test_the_details_pane_follows_each_article_opened(make_app, size):
    """Opening articles one after another: the metadata pane shows each one's
    rows (its height follows them only when it is folded under the reader)."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await loaded(pilot)
        seen = set()
        for _ in range(len(screen.article_list.rows)):
            await settle(pilot)
            pane = screen.metadata
            rows = region_rows(app, pane)
            seen.add(len(pane.lines))
            visible = pane.lines[: len(rows)]
            assert visible, "no metadata shown"
            for line, row in zip(visible, rows, strict=False):
                words = [w for w in line.text.split() if w.isascii()]
                assert all(w in row for w in words[:2]), (line.text, row)
            screen.set_focus(screen.article_list)
            await pilot.press("down")
            await loaded(pilot)
        assert len(seen) > 1  # the fixtures have tables of different lengths
