"""Text layout benchmark: a ~100 KB Arabic article at 80 columns, then after a
resize to 100 columns, against the naive approach measured in the same run.

    python benchmarks/bench_layout.py [--runs N] [--kb SIZE]

The article is built from the Arabic-script sample articles (deterministic
shuffle of their sentences, every paragraph distinct so no paragraph-level
cache can help the first layout). "first layout" starts with every engine
cache empty; "relayout" is the resize that follows it (the width-independent
work is cached per paragraph). The naive baseline reshapes each paragraph
with arabic-reshaper, reorders it with python-bidi's get_display and wraps the
result with textwrap (which gets the order of the lines wrong, see
docs/rtl.md); it caches nothing.
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import statistics
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tuireader.article import Direction  # noqa: E402
from tuireader.rtl import (  # noqa: E402
    charinfo,
    direction,
    layout,
    layout_paragraph,
    paragraph,
    paragraph_direction,
    shaping,
)

ARABIC_LETTER = re.compile("[\u0621-\u064a\u067e-\u06d3]")


def build_article(target_bytes: int) -> list[str]:
    sentences: list[str] = []
    for path in sorted((ROOT / "articles").glob("*")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for line in text.splitlines():
            if "|" in line or len(ARABIC_LETTER.findall(line)) < len(line) // 3:
                continue
            sentences += [s.strip() for s in re.split(r"(?<=[.!؟])\s+", line) if len(s) > 20]
    rng = random.Random(1)
    paragraphs: list[str] = []
    size = 0
    while size < target_bytes:
        para = " ".join(rng.sample(sentences, k=min(len(sentences), rng.randint(3, 7))))
        paragraphs.append(para)
        size += len(para.encode("utf-8")) + 1
    return paragraphs


def clear_caches() -> None:
    for cached in (
        shaping.shape_word,
        paragraph.prepare,
        layout._layout,
        charinfo.codes,
        direction.paragraph_direction,
    ):
        cached.cache_clear()


def engine(paragraphs: list[str], width: int) -> int:
    lines = 0
    for para in paragraphs:
        direction = paragraph_direction(para, Direction.RTL)
        lines += len(layout_paragraph(para, width, direction=direction))
    return lines


def naive(paragraphs: list[str], width: int) -> int:
    from arabic_reshaper import reshape
    from bidi import get_display

    lines = 0
    for para in paragraphs:
        lines += len(textwrap.wrap(get_display(reshape(para)), width))
    return lines


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--kb", type=int, default=100)
    args = parser.parse_args()
    paragraphs = build_article(args.kb * 1000)
    chars = sum(map(len, paragraphs))
    size = sum(len(p.encode("utf-8")) + 1 for p in paragraphs)

    def first() -> None:
        clear_caches()
        engine(paragraphs, 80)

    def first_then_resize() -> tuple[float, float]:
        clear_caches()
        t0 = time.perf_counter()
        engine(paragraphs, 80)
        t1 = time.perf_counter()
        engine(paragraphs, 100)
        t2 = time.perf_counter()
        return (t1 - t0) * 1000, (t2 - t1) * 1000

    first()  # warm imports and code paths
    pairs = [first_then_resize() for _ in range(args.runs)]
    first_ms = statistics.median(p[0] for p in pairs)
    resize_ms = statistics.median(p[1] for p in pairs)
    naive80 = median_ms(lambda: naive(paragraphs, 80), args.runs)
    naive100 = median_ms(lambda: naive(paragraphs, 100), args.runs)

    print(f"python {platform.python_version()} on {platform.machine()}, {args.runs} runs, median")
    print(f"article: {size / 1000:.0f} KB UTF-8, {chars} chars, {len(paragraphs)} paragraphs")
    print(f"{'':34}{'engine':>10}{'naive':>10}")
    print(f"{'first layout, 80 columns':34}{first_ms:>8.1f}ms{naive80:>8.1f}ms")
    print(f"{'relayout after resize, 100 cols':34}{resize_ms:>8.1f}ms{naive100:>8.1f}ms")


if __name__ == "__main__":
    main()
