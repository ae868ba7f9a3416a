"""compare.py's rounds: A then B, only complete rounds kept, and a time limit,
with the benchmark runs replaced by captured output (samples/)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import compare  # noqa: E402

SAMPLES = Path(__file__).parent / "samples"
SIDES = [compare.Side(label, label.lower(), "", "", Path("."), {}) for label in "AB"]


def replay(monkeypatch, names: list[str]) -> list[str]:
    """Each run returns the next sample; past the last one a run fails.
    Returns the sides in the order they were run."""
    outputs = iter(names)
    order: list[str] = []

    def run_bench(side, bench, args):
        order.append(side.label)
        name = next(outputs, None)
        if name is None:
            raise RuntimeError(f"{bench} of {side.label} exited with 1")
        return (SAMPLES / name).read_text(encoding="utf-8")

    monkeypatch.setattr(compare, "run_bench", run_bench)
    return order


def test_sides_alternate_and_each_round_adds_one_sample_a_side(monkeypatch):
    order = replay(monkeypatch, [f"layout-{s}-{n}.txt" for n in (1, 2, 3) for s in "AB"])
    opts = compare.parse_args(["x", "y", "--bench", "layout", "--rounds", "3"])
    runs, stopped, failed = compare.run_rounds(SIDES, opts, time.time())
    assert order == ["A", "B"] * 3
    assert (stopped, failed) == ("", False)
    engine_cpu = "first layout, 80 columns: engine CPU"
    assert [r[engine_cpu][0] for r in runs["layout"]["A"]] == [25.5, 24.0, 24.1]
    assert [r[engine_cpu][0] for r in runs["layout"]["B"]] == [23.9, 25.6, 23.9]


def test_a_failed_run_drops_its_round_and_keeps_the_complete_ones(monkeypatch):
    replay(monkeypatch, ["layout-A-1.txt", "layout-B-1.txt", "layout-A-2.txt"])
    opts = compare.parse_args(["x", "y", "--bench", "layout", "--rounds", "3"])
    runs, stopped, failed = compare.run_rounds(SIDES, opts, time.time())
    assert failed and stopped.startswith("stopped in round 2")
    assert len(runs["layout"]["A"]) == len(runs["layout"]["B"]) == 1


def test_output_without_figures_is_a_failure(monkeypatch):
    replay(monkeypatch, ["feeds.txt"])  # not what bench_layout.py prints
    opts = compare.parse_args(["x", "y", "--bench", "layout", "--rounds", "1"])
    runs, stopped, failed = compare.run_rounds(SIDES, opts, time.time())
    assert failed and runs["layout"]["A"] == []


def test_no_round_starts_past_the_time_limit(monkeypatch):
    order = replay(monkeypatch, ["layout-A-1.txt", "layout-B-1.txt"])
    args = ["x", "y", "--bench", "layout", "--rounds", "3", "--max-minutes", "1"]
    opts = compare.parse_args(args)
    runs, stopped, failed = compare.run_rounds(SIDES, opts, started=time.time() - 61)
    assert order == [] and not failed
    assert stopped == "stopped before round 1: time limit of 1.0 min"
