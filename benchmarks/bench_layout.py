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
import os
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

from tuireader.articles.model import Direction  # noqa: E402
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


def timed(fn) -> tuple[float, float]:
    """(wall, CPU) milliseconds of one call. CPU time (this process only) is
    the steadier figure when other programs load the machine."""
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - w0) * 1000, (time.process_time() - c0) * 1000


def medians(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--kb", type=int, default=100)
    args = parser.parse_args()
    paragraphs = build_article(args.kb * 1000)
    chars = sum(map(len, paragraphs))
    size = sum(len(p.encode("utf-8")) + 1 for p in paragraphs)

    def first_then_resize() -> tuple[tuple[float, float], tuple[float, float]]:
        clear_caches()
        return timed(lambda: engine(paragraphs, 80)), timed(lambda: engine(paragraphs, 100))

    first_then_resize()  # warm imports and code paths
    pairs = [first_then_resize() for _ in range(args.runs)]
    first = medians([p[0] for p in pairs])
    resize = medians([p[1] for p in pairs])
    naive80 = medians([timed(lambda: naive(paragraphs, 80)) for _ in range(args.runs)])
    naive100 = medians([timed(lambda: naive(paragraphs, 100)) for _ in range(args.runs)])

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load average {load:.1f}; median of {args.runs} runs"
    )
    print(f"article: {size / 1000:.0f} KB UTF-8, {chars} chars, {len(paragraphs)} paragraphs")
    print(f"{'':34}{'engine wall/CPU':>20}{'naive wall/CPU':>20}")
    for label, ours, base in (
        ("first layout, 80 columns", first, naive80),
        ("relayout after resize, 100 cols", resize, naive100),
    ):
        print(f"{label:34}{ours[0]:>9.1f}/{ours[1]:>5.1f} ms{base[0]:>10.1f}/{base[1]:>5.1f} ms")


if __name__ == "__main__":
    main()
