"""The figures the bench_*.py scripts print, read back from their text output,
and the side-by-side table of two revisions that ``compare.py`` prints.

The text output is read, not a machine format, because it is the same in
every revision worth comparing: a revision older than a ``--json`` flag
could not be measured at all. Each parser returns ``{measure: (value, unit)}``
in the order the script printed them; a figure the script could not take
("failed: …", "—") is left out, so that measure simply has fewer samples.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Figures = dict[str, tuple[float, str]]

_NUMBER = r"(\d+(?:\.\d+)?)"

# -- bench_layout.py ---------------------------------------------------------

_LAYOUT_ROW = re.compile(
    rf"^(?P<label>\S.*?)\s+{_NUMBER}/\s*{_NUMBER} ms\s+{_NUMBER}/\s*{_NUMBER} ms\s*$"
)


def parse_layout(text: str) -> Figures:
    """``first layout, 80 columns   24.2/ 24.0 ms   57.5/ 57.5 ms`` → engine and
    naive wall / CPU per row."""
    figures: Figures = {}
    for line in text.splitlines():
        m = _LAYOUT_ROW.match(line)
        if not m:
            continue
        label = m["label"]
        ew, ec, nw, nc = (float(v) for v in m.groups()[1:])
        figures[f"{label}: engine wall"] = (ew, "ms")
        figures[f"{label}: engine CPU"] = (ec, "ms")
        figures[f"{label}: naive wall"] = (nw, "ms")
        figures[f"{label}: naive CPU"] = (nc, "ms")
    return figures


# -- bench_scale.py ----------------------------------------------------------

_SCALE_HEADER = "| measure | tuireader | bare Textual app | note |"
_VALUE = re.compile(rf"^{_NUMBER}\s*(ms|s|MB)?$")

# Figures inside the note column: (pattern, name after the row's label, unit).
_NOTE_FIGURES = (
    (re.compile(rf"RSS {_NUMBER} MB"), "RSS incl. parser processes", "MB"),
    (re.compile(rf"background verify \([^)]*\) {_NUMBER} s"), "background verify", "s"),
    (re.compile(rf"UI filter \([^)]*\) median {_NUMBER} ms"), "UI filter median", "ms"),
    (re.compile(rf"{_NUMBER}x bare"), "tuireader ÷ bare", "×"),
    (re.compile(rf"; max {_NUMBER} ms"), "tuireader max", "ms"),
    (re.compile(rf"new row's article {_NUMBER} ms"), "tuireader, reader shows the article", "ms"),
)


def _pair_names(label: str) -> tuple[str, str]:
    """What the two figures of an ``X / Y`` cell are, from the row's label."""
    if "search" in label:
        return "median", "max"
    if "cold index" in label:
        return "files listed", "fully indexed"
    return "wall", "CPU"


def _cell(label: str, app: str, cell: str) -> Figures:
    """``0.84 ms / 4.16 ms``, ``2.39 / 2.49 ms``, ``0.29 s`` or ``56.7 MB``."""
    parts = [p.strip() for p in cell.split(" / ")]
    matches = [_VALUE.match(p) for p in parts]
    if not cell.strip() or not all(matches) or len(parts) > 2:
        return {}  # empty, "—" or "failed: …"
    unit = matches[-1][2] or ""  # "2.39 / 2.49 ms": the unit follows the last figure
    values = [(float(m[1]), m[2] or unit) for m in matches]
    if len(values) == 1:
        return {f"{label}: {app}": values[0]}
    names = _pair_names(label)
    return {f"{label}: {app} {name}": value for name, value in zip(names, values, strict=True)}


_SHORTER = (
    (re.compile(r"^(\d+)000: "), r"\1k: "),
    (re.compile(r", list of files shown / fully indexed| median / max$"), ""),
    (re.compile(r" \(median[^)]*\)"), ""),
    (re.compile(r":? (?:key )?to the first frame.*$"), ""),
)


def short_label(label: str) -> str:
    """``1000: key press to the first frame that shows it (median of 15)`` →
    ``1k: key press``: the row of bench_scale.py's table, without its method."""
    for pattern, repl in _SHORTER:
        label = pattern.sub(repl, label)
    return label


def parse_scale(text: str) -> Figures:
    """The Markdown table bench_scale.py prints last: each figure of the
    tuireader and bare-app columns, and the figures its notes give."""
    figures: Figures = {}
    lines = text.splitlines()
    try:
        start = lines.index(_SCALE_HEADER) + 2  # past the |---| row
    except ValueError:
        return figures
    for line in lines[start:]:
        if not line.startswith("| "):
            break
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) != 4:
            continue
        label, ours, bare, note = cells
        label = short_label(label)
        figures.update(_cell(label, "tuireader", ours))
        figures.update(_cell(label, "bare", bare))
        for pattern, name, unit in _NOTE_FIGURES:
            m = pattern.search(note)
            if m:
                figures[f"{label}: {name}"] = (float(m[1]), unit)
    return figures


# -- bench_feeds.py ----------------------------------------------------------

_FEEDS_ROW = re.compile(rf"^(?P<label>[^:]+): {_NUMBER} s wall, {_NUMBER} s CPU")


def parse_feeds(text: str) -> Figures:
    """``first fetch: 7.57 s wall, 8.26 s CPU (fetcher and server), …``"""
    figures: Figures = {}
    for line in text.splitlines():
        m = _FEEDS_ROW.match(line)
        if m:
            figures[f"{m['label']}: wall"] = (float(m[2]), "s")
            figures[f"{m['label']}: CPU"] = (float(m[3]), "s")
    return figures


PARSERS: dict[str, Callable[[str], Figures]] = {
    "layout": parse_layout,
    "scale": parse_scale,
    "feeds": parse_feeds,
}


# -- the comparison ----------------------------------------------------------

_SECONDS = {"ms": 1e-3, "s": 1.0}


def _in_unit(value: float, unit: str, want: str) -> float:
    if unit == want or unit not in _SECONDS or want not in _SECONDS:
        return value
    return value * _SECONDS[unit] / _SECONDS[want]


@dataclass(frozen=True)
class Row:
    measure: str
    unit: str
    a: list[float]
    b: list[float]

    @property
    def a_median(self) -> float | None:
        return statistics.median(self.a) if self.a else None

    @property
    def b_median(self) -> float | None:
        return statistics.median(self.b) if self.b else None

    @property
    def ratio(self) -> float | None:
        a, b = self.a_median, self.b_median
        return b / a if a and b is not None else None

    @property
    def ranges(self) -> str:
        """Whether the two sides' samples overlap: a median moved by load alone
        usually leaves them overlapping; a real change separates them."""
        if len(self.a) < 2 or len(self.b) < 2:
            return ""
        if min(self.b) > max(self.a):
            return "B higher"
        if max(self.b) < min(self.a):
            return "B lower"
        return "overlap"


def rows(a_runs: Sequence[Figures], b_runs: Sequence[Figures]) -> list[Row]:
    """One row per measure seen in any run, in the order first printed."""
    order: dict[str, str] = {}  # measure → unit of its first sample
    for run in (*a_runs, *b_runs):
        for name, (_, unit) in run.items():
            order.setdefault(name, unit)

    def samples(runs: Sequence[Figures], name: str) -> list[float]:
        unit = order[name]
        return [_in_unit(r[name][0], r[name][1], unit) for r in runs if name in r]

    return [Row(n, u, samples(a_runs, n), samples(b_runs, n)) for n, u in order.items()]


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"
    return f"{text} {unit}".rstrip() if unit != "×" else f"{text}×"


def _spread(values: list[float], unit: str) -> str:
    if not values:
        return "—"
    return f"{fmt(min(values))}–{fmt(max(values), unit)} ({len(values)})"


def table(bench: str, table_rows: Sequence[Row]) -> str:
    """Markdown: measure | A median | B median | B/A, then each side's
    lowest–highest sample (and count) and whether they overlap."""
    out = [
        "| measure | A median | B median | B/A | A min–max (n) | B min–max (n) | ranges |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in table_rows:
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "—"
        out.append(
            f"| {bench}: {r.measure} | {fmt(r.a_median, r.unit)} | {fmt(r.b_median, r.unit)} "
            f"| {ratio} | {_spread(r.a, r.unit)} | {_spread(r.b, r.unit)} | {r.ranges} |"
        )
    return "\n".join(out)
