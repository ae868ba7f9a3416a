#!/usr/bin/env python3
"""Regenerate screenshots/*.svg (shown in the README) from the bundled articles.

    python scripts/screenshots.py            # writes screenshots/*.svg
    python scripts/screenshots.py --out DIR  # somewhere else

Each shot starts the app headless on the bundled samples with fresh, private
state and cache directories, so the pictures do not depend on this machine.
The SVGs keep the terminal's cell order in any viewer (see keep_cell_order).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from textual.css.query import NoMatches

from tuireader.settings.config import Settings
from tuireader.settings.paths import bundled_samples
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.screens.main import MainScreen

REPO = Path(__file__).resolve().parent.parent

# name, (columns, rows), keys pressed once the first article is shown, what it shows
SHOTS: list[tuple[str, tuple[int, int], Sequence[str], str]] = [
    ("main.svg", (120, 40), (), "an Arabic article, its comment line and metadata table"),
    ("narrow.svg", (80, 24), ("j",), "80x24: the Metadata pane folds under the reader"),
    ("search.svg", (120, 40), ("slash", *"الاسعار"), "live Arabic-aware filter, matches lit"),
    ("help.svg", (100, 34), ("question_mark",), "the help screen: every key"),
]


async def _shot(directory: Path, size: tuple[int, int], keys: Sequence[str]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            directory=directory,
            state_dir=Path(tmp) / "state",
            cache_dir=Path(tmp) / "cache",
            poll_interval=0,
        )
        app = TuiReaderApp(settings)
        async with app.run_test(size=size) as pilot:
            await _wait(pilot, lambda: _shown(app))
            if keys:
                await pilot.press(*keys)
                await _wait(pilot, lambda: _shown(app) and _filtered(app, keys))
            await pilot.pause()
            return keep_cell_order(app.export_screenshot(title="tuireader"))


def keep_cell_order(svg: str) -> str:
    """Stop SVG viewers (browsers, GitHub) from reordering right-to-left text.

    Each <text> holds terminal cells in visual order already; a viewer that
    applied the bidi algorithm again would show Arabic backwards, exactly the
    double reversal tuireader avoids in terminals.
    """
    rule = "text { unicode-bidi: bidi-override; direction: ltr; }"
    return svg.replace("<style>", f"<style>\n    {rule}", 1)


def _shown(app: TuiReaderApp) -> bool:
    screen = app.screen if not app.screen.is_modal else app.screen_stack[-2]
    if not isinstance(screen, MainScreen):
        return False
    try:
        current = screen.article_list.current
    except NoMatches:  # not composed yet
        return False
    return (
        current is not None
        and screen.article is not None
        and screen.article.id == current.id
        and screen.title_settled  # (the title bar names the article)
        and screen.reader.complete
        and screen.list_complete
    )


def _filtered(app: TuiReaderApp, keys: Sequence[str]) -> bool:
    if "slash" not in keys:
        return True
    screen = app.screen
    return isinstance(screen, MainScreen) and bool(screen.filter_query) and screen.filter_settled


async def _wait(pilot, predicate, tries: int = 500) -> None:
    for _ in range(tries):
        if predicate():
            return
        await pilot.pause(0.02)
    raise SystemExit("the app did not reach the expected state")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "screenshots")
    parser.add_argument("--articles", type=Path, default=None, help="default: bundled samples")
    args = parser.parse_args(argv)
    directory = args.articles or bundled_samples()
    if directory is None:
        print("no bundled articles found", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for name, size, keys, what in SHOTS:
        svg = asyncio.run(_shot(directory, size, keys))
        (args.out / name).write_text(svg, encoding="utf-8")
        print(f"{args.out / name}: {size[0]}x{size[1]}, {what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
