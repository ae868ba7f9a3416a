"""Reading the benchmark scripts' output back, and the comparison table.

The samples in ``samples/`` are the scripts' standard output, unedited, from a
run of ``benchmarks/compare.py dc23986 main --bench layout scale --rounds 3
--save …`` (A = dc23986, B = main at e8bedc1; ``layout-A-2.txt`` is round 2
of A) and of ``benchmarks/bench_feeds.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import compare  # noqa: E402
import figures  # noqa: E402

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def test_layout_figures_are_each_rows_engine_and_naive_wall_and_cpu():
    got = figures.parse_layout(sample("layout-A-1.txt"))
    assert got == {
        "first layout, 80 columns: engine wall": (31.6, "ms"),
        "first layout, 80 columns: engine CPU": (25.5, "ms"),
        "first layout, 80 columns: naive wall": (86.2, "ms"),
        "first layout, 80 columns: naive CPU": (58.6, "ms"),
        "relayout after resize, 100 cols: engine wall": (6.2, "ms"),
        "relayout after resize, 100 cols: engine CPU": (6.0, "ms"),
        "relayout after resize, 100 cols: naive wall": (79.0, "ms"),
        "relayout after resize, 100 cols: naive CPU": (58.9, "ms"),
    }


@pytest.mark.parametrize("name", ["scale-A.txt", "scale-B.txt"])
def test_scale_reads_every_figure_of_the_final_table_once(name):
    got = figures.parse_scale(sample(name))
    # 25 figures per library size (two sizes) and 4 per opened article (three).
    assert len(got) == 2 * 25 + 3 * 4
    assert all(isinstance(v, float) and v > 0 for v, _ in got.values())


def test_scale_figures_carry_their_values_and_units():
    got = figures.parse_scale(sample("scale-B.txt"))
    # "0.12 s / 0.87 s": the two figures of the cold index, each with its unit
    assert got["1k: cold index (catalog): tuireader files listed"] == (0.12, "s")
    assert got["1k: cold index (catalog): tuireader fully indexed"] == (0.87, "s")
    assert got["1k: cold index (catalog): RSS incl. parser processes"] == (36.1, "MB")
    # "0.95 ms / 7.16 ms": search median and worst query
    assert got["1k: index search: tuireader median"] == (0.95, "ms")
    assert got["1k: index search: tuireader max"] == (7.16, "ms")
    assert got["1k: index search: UI filter median"] == (1.28, "ms")
    # "2.47 / 2.55 ms": wall and CPU, the unit written once after both
    assert got["10k: key press: tuireader wall"] == (2.47, "ms")
    assert got["10k: key press: tuireader CPU"] == (2.55, "ms")
    assert got["10k: key press: bare CPU"] == (1.83, "ms")
    assert got["10k: key press: tuireader max"] == (4.23, "ms")
    assert got["10k: key press: tuireader, reader shows the article"] == (43.7, "ms")
    assert got["10k: warm start: tuireader"] == (0.29, "s")
    assert got["10k: warm start: bare"] == (0.18, "s")
    assert got["10k: warm start: tuireader ÷ bare"] == (1.63, "×")
    assert got["10k: warm list load (catalog.entries): background verify"] == (0.09, "s")
    assert got["10k: peak RSS (app, warm): tuireader"] == (71.2, "MB")
    # "923 / 553 ms": figures of 100 and more are printed without decimals
    assert got["open a 1000 KB article: bare wall"] == (923.0, "ms")
    assert got["open a 1000 KB article: bare CPU"] == (553.0, "ms")


def test_scale_cold_index_has_no_bare_app_figure():
    got = figures.parse_scale(sample("scale-A.txt"))
    assert not [name for name in got if name.startswith("10k: cold index") and "bare" in name]


def test_scale_without_its_final_table_gives_no_figures():
    """The progress lines printed while it runs are not read: a run that died
    before the table gives nothing, not half a table."""
    text = sample("scale-A.txt")
    assert figures.parse_scale(text.split("\n| measure |")[0]) == {}


def test_scale_labels_are_shortened_to_the_rows_subject():
    key = "1000: key press to the first frame that shows it (median of 15)"
    assert figures.short_label(key) == "1k: key press"
    assert figures.short_label(
        "10000: cold index (catalog), list of files shown / fully indexed"
    ) == "10k: cold index (catalog)"
    assert figures.short_label("open a 5 KB article: key to the first frame showing it") == (
        "open a 5 KB article"
    )


def test_feeds_figures():
    assert figures.parse_feeds(sample("feeds.txt")) == {
        "first fetch: wall": (7.57, "s"),
        "first fetch: CPU": (8.26, "s"),
        "second fetch (304): wall": (0.13, "s"),
        "second fetch (304): CPU": (0.14, "s"),
    }


def layout_runs(side: str) -> list[figures.Figures]:
    return [figures.parse_layout(sample(f"layout-{side}-{n}.txt")) for n in (1, 2, 3)]


def test_rows_take_each_sides_median_over_its_rounds():
    rows = {r.measure: r for r in figures.rows(layout_runs("A"), layout_runs("B"))}
    cpu = rows["first layout, 80 columns: engine CPU"]
    assert cpu.a == [25.5, 24.0, 24.1] and cpu.b == [23.9, 25.6, 23.9]
    assert cpu.a_median == 24.1 and cpu.b_median == 23.9
    assert cpu.ratio == pytest.approx(23.9 / 24.1)
    assert cpu.ranges == "overlap"
    # A: 58.9, 58.9, 66.1 against B: 57.6, 58.0, 58.4
    assert rows["relayout after resize, 100 cols: naive CPU"].ranges == "B lower"


def test_table_rows_in_printed_order_with_medians_ratio_and_spread():
    text = figures.table("layout", figures.rows(layout_runs("A"), layout_runs("B")))
    lines = text.splitlines()
    assert lines[0] == (
        "| measure | A median | B median | B/A | A min–max (n) | B min–max (n) | ranges |"
    )
    assert len(lines) == 2 + 8
    assert lines[2].startswith("| layout: first layout, 80 columns: engine wall |")
    assert (
        "| layout: first layout, 80 columns: engine CPU | 24.1 ms | 23.9 ms | 0.99 "
        "| 24–25.5 ms (3) | 23.9–25.6 ms (3) | overlap |"
    ) in lines
    assert (
        "| layout: relayout after resize, 100 cols: naive CPU | 58.9 ms | 58 ms | 0.98 "
        "| 58.9–66.1 ms (3) | 57.6–58.4 ms (3) | B lower |"
    ) in lines


def test_a_figure_missing_from_one_run_is_the_median_of_the_others():
    a = [figures.parse_scale(sample("scale-A.txt"))]
    b = [{}, figures.parse_scale(sample("scale-B.txt"))]
    row = next(r for r in figures.rows(a, b) if r.measure == "1k: warm start: bare")
    assert row.a == [0.19] and row.b == [0.39]
    assert row.ranges == ""  # one sample a side says nothing about the spread


def test_sizes_are_given_as_bench_scale_expects_them():
    assert compare.sizes_arg("1k,10k") == "1000,10000"
    assert compare.sizes_arg("100k") == "100000"
    assert compare.sizes_arg("500, 2k") == "500,2000"
