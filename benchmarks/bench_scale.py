"""Scale benchmarks: the reader at 1k / 10k / 100k articles, beside a bare Textual app.

    python benchmarks/bench_scale.py                  # 1000,10000,100000
    python benchmarks/bench_scale.py --sizes 1000,10000
    python benchmarks/bench_scale.py --skip-cold      # reuse indexes, skip cold runs

Every app figure is taken in a fresh process and ends at the first frame
handed to the (headless) terminal that shows the expected state (see
``frames.py``: the frame hook is the same for both apps), for the real app
(``tuireader.ui.app.TuiReaderApp``, headless via ``run_test``, 160x50) and for
a bare ``App`` holding one ``Static``, in the same run. Start figures begin
just before the process is spawned; key and open figures begin when the key
is handed to the app the way the terminal driver does (no pilot idle waits);
resize figures when the Resize event is posted. The bare app's "open" is
``Static.update(Text(file text))``, timed from before the file is read.
Key, resize and open figures give the app process's CPU time (all threads)
over the same span beside the wall time.
Catalog figures (index build, list load, search) are
taken in a fresh process without Textual. Peak RSS is ``ru_maxrss`` of the
measuring process (plus its children for the cold index, which parses in
worker processes). Synthetic libraries are generated once under
/tmp/tuireader-bench (see ``synth.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

QUERIES = ["كتاب", "الامن", "اوكرانيا روسيا", "مدرس", "pyongyang", "الإعلان", "nothing-here"]
OPEN_SIZES = [5_000, 100_000, 1_000_000]
KEY_PRESSES = 15
START_RUNS = 5  # warm starts of each app, taken in turn
RESIZES = [(120, 40), (160, 50), (100, 30), (160, 50)]


def child(args: list[str], timeout: float = 900) -> dict:
    """Run this script's child mode; return its JSON plus the wall time from spawn."""
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps([t0, *args])],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if out.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- child side --------------------------------------------------------------


def _rss_mb(children: bool = False) -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if children:
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return peak / 1024


def child_catalog(t0: float, root: str, cache: str, cold: bool) -> dict:
    from tuireader.index.catalog import Catalog

    res: dict = {}
    t = time.perf_counter()
    cat = Catalog(root, cache)
    if cold:
        first: list[float] = []

        def progress(done: int, total: int) -> None:
            if not first:
                first.append(time.perf_counter() - t)

        cat.refresh(progress=progress)
        res["cold_index_s"] = time.perf_counter() - t
        res["cold_listed_s"] = first[0] if first else None
        res["rss_mb"] = _rss_mb(children=True)
        return res
    entries = cat.entries()
    res["entries_s"] = time.perf_counter() - t
    res["count"] = len(entries)
    t = time.perf_counter()
    cat.refresh()
    res["verify_refresh_s"] = time.perf_counter() - t
    times = []
    for q in QUERIES:
        t = time.perf_counter()
        cat.search(q)
        times.append(time.perf_counter() - t)
    res["search_ms_median"] = statistics.median(times) * 1000
    res["search_ms_max"] = max(times) * 1000
    try:  # the UI's filter adds a scan of titles on top of the index search
        from tuireader.index.source import Source

        src = Source(Path(root), Path(cache))
        times = []
        for q in QUERIES:
            t = time.perf_counter()
            src.search(q, entries)
            times.append(time.perf_counter() - t)
        res["ui_filter_ms_median"] = statistics.median(times) * 1000
    except ImportError:
        pass
    res["rss_mb"] = _rss_mb()
    return res


def _bare_app():
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        BINDINGS = [("j", "noop", "")]

        def compose(self):
            yield Static("bare", id="s")

        def action_noop(self) -> None:
            self.query_one("#s", Static).update(f"bare {time.perf_counter()}")

    return Bare()


def _real_app(root: str, cache: str, state: str):
    import gc
    import shutil

    gc.disable()  # (as cli.run_reader does while the interface is imported)
    from tuireader.settings.config import Settings

    # Fresh state: a restored "last article" would move the starting row.
    shutil.rmtree(state, ignore_errors=True)
    from tuireader.ui.app import TuiReaderApp, settle_imports

    settle_imports()  # (as run_app does before it builds the app)

    settings = Settings(
        directory=Path(root), cache_dir=Path(cache), state_dir=Path(state), poll_interval=0
    )
    return TuiReaderApp(settings)


def _screen_attr(app, name: str):
    return getattr(app.screen, name, None)


def _list_rows(app) -> int:
    lst = _screen_attr(app, "article_list")
    return len(lst.rows) if lst is not None else 0


def _refresh_done(app) -> bool:
    scr = app.screen
    library = getattr(scr, "library", None)
    return library is not None and not library.refreshing and _list_rows(app) > 0


def _cursor(app) -> int | None:
    lst = _screen_attr(app, "article_list")
    return lst.cursor if lst is not None else None


def _reader_shows(app, name: str | None = None) -> bool:
    """The reader holds lines for the screen's article (named ``name`` if given),
    so the frame being written draws that article."""
    art = _screen_attr(app, "article")
    reader = _screen_attr(app, "reader")
    if art is None or reader is None or reader.article is not art or not reader.lines:
        return False
    return name is None or art.path.name.endswith(name)


def _reader_on_cursor(app) -> bool:
    lst = _screen_attr(app, "article_list")
    row = lst.current if lst is not None else None
    art = _screen_attr(app, "article")
    return row is not None and art is not None and art.id == row.id and _reader_shows(app)


def _static_content(app):
    return app.query_one("#s").content


def _inject(app, key: str) -> float:
    """Deliver ``key`` as the terminal driver does, without the pilot's idle
    waits; return the time just before."""
    from textual import events

    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    t = time.perf_counter()
    app._driver.send_message(event)
    return t


def _median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


async def _quiet(pilot, app) -> None:
    """Let the app finish what the last step started before the next one."""
    import asyncio
    import contextlib

    from textual.worker import WorkerCancelled, WorkerFailed

    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled, WorkerFailed):
            try:
                await asyncio.wait_for(worker.wait(), 120)
            except asyncio.TimeoutError:
                raise TimeoutError(f"worker {worker.name!r} still running after 120 s") from None
    await pilot.pause()
    await pilot.pause(0.05)


async def child_app(t0: float, kind: str, root: str, cache: str, state: str, what: str) -> dict:
    from frames import FrameClock, frame_time
    from textual.geometry import Size

    offset = time.time() - time.perf_counter()  # frame times are perf_counter
    res: dict = {}
    app = _bare_app() if kind == "bare" else _real_app(root, cache, state)
    clock = FrameClock(app)
    first = clock.expect() if kind == "bare" else clock.expect(lambda: _list_rows(app) > 0)
    async with app.run_test(size=(160, 50)) as pilot:
        res["first_paint_s"] = await frame_time(first, 900) + offset - t0
        res["frames_to_first_paint"] = len(clock.frames)
        if what == "paint":
            res["rss_mb"] = _rss_mb()
            return res
        if kind == "real":
            end = time.perf_counter() + 600
            while not _refresh_done(app):  # background verify finished
                if time.perf_counter() > end:
                    busy = getattr(getattr(app.screen, "library", None), "refreshing", "?")
                    raise TimeoutError(
                        f"background refresh not done: screen {type(app.screen).__name__}, "
                        f"{_list_rows(app)} rows, refreshing {busy}"
                    )
                await pilot.pause(0.02)
        await _quiet(pilot, app)
        if what == "keys":
            times, cpus, reader_times = [], [], []
            for _ in range(KEY_PRESSES):
                cpu = time.process_time()
                if kind == "bare":
                    before = _static_content(app)
                    fut = clock.expect(lambda b=before: _static_content(app) is not b)
                    t = _inject(app, "j")
                else:
                    before = _cursor(app)
                    fut = clock.expect(lambda b=before: _cursor(app) != b)
                    fut2 = clock.expect(
                        lambda b=before: _cursor(app) != b and _reader_on_cursor(app)
                    )
                    t = _inject(app, "down")
                ft = await frame_time(fut, 60)
                times.append(ft - t)
                cpus.append(clock.cpu_since(ft, cpu))
                if kind == "real":
                    reader_times.append(await frame_time(fut2, 60) - t)
                await _quiet(pilot, app)
            res["key_ms_median"] = _median_ms(times)
            res["key_cpu_ms_median"] = _median_ms(cpus)
            res["key_ms_max"] = max(times) * 1000
            if reader_times:
                res["key_reader_ms_median"] = _median_ms(reader_times)
            times, cpus = [], []
            for w, h in RESIZES:
                size = Size(w, h)
                fut = clock.expect(lambda s=size: app.screen.size == s)
                cpu, t = time.process_time(), time.perf_counter()
                await pilot.resize_terminal(w, h)  # posts Resize, then waits for idle
                ft = await frame_time(fut, 60)
                times.append(ft - t)
                cpus.append(clock.cpu_since(ft, cpu))
                await _quiet(pilot, app)
            res["resize_ms_median"] = _median_ms(times)
            res["resize_cpu_ms_median"] = _median_ms(cpus)
        elif what == "open":
            # Rows: a tiny first article, then the 5 KB, 100 KB and 1 MB ones.
            for size in OPEN_SIZES:
                cpu = time.process_time()
                if kind == "bare":
                    from rich.text import Text

                    fut = clock.expect()
                    t = time.perf_counter()
                    text = synth.big_article(size).read_text(encoding="utf-8")
                    app.query_one("#s").update(Text(text))
                else:
                    want = f"article-{size}.txt"
                    fut = clock.expect(lambda w=want: _reader_shows(app, w))
                    t = _inject(app, "down")
                ft = await frame_time(fut, 60)
                res[f"open_{size}_ms"] = (ft - t) * 1000
                res[f"open_{size}_cpu_ms"] = clock.cpu_since(ft, cpu) * 1000
                await _quiet(pilot, app)
        res["rss_mb"] = _rss_mb()
    return res


def child_main(spec: str) -> None:
    t0, mode, *args = json.loads(spec)
    if mode == "catalog":
        out = child_catalog(t0, *args)
    else:
        import asyncio

        out = asyncio.run(child_app(t0, *args))
    print(json.dumps(out))


# -- parent side -------------------------------------------------------------


def open_library() -> Path:
    """A library of a tiny article followed by the 5 KB, 100 KB, 1 MB ones."""
    root = synth.CACHE / "open-lib"
    root.mkdir(parents=True, exist_ok=True)
    (root / "0-first.txt").write_text("عنوان\nعنوان\nنص قصير.\n", encoding="utf-8")
    for n, size in enumerate(OPEN_SIZES, 1):
        dest = root / f"{n}-article-{size}.txt"
        if not dest.exists():
            dest.write_bytes(synth.big_article(size).read_bytes())
    return root


def machine() -> str:
    model = cores = "?"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
            if line.startswith("CPU(s):"):
                cores = line.split(":", 1)[1].strip()
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            mem = f"{int(f.readline().split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    code = "?"
    try:  # the figures are those of the working tree, uncommitted changes included
        git = ["git", "-C", str(HERE.parent)]
        run = {"capture_output": True, "text": True}
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], **run)
        dirty = subprocess.run([*git, "status", "--porcelain", "src"], **run)
        code = head.stdout.strip() + (" + uncommitted src changes" if dirty.stdout.strip() else "")
    except OSError:
        pass
    return (
        f"{model}, {cores} CPUs, {mem} RAM, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}, load average at start {load:.1f}, code {code}"
    )


def fmt(v, unit: str = "") -> str:
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    return f"{v:.0f}{unit}" if v >= 100 else f"{v:.2f}{unit}" if v < 10 else f"{v:.1f}{unit}"


def wall_cpu(res: dict, key: str) -> str:
    """``key``'s wall time and the process's CPU time over the same span, in ms."""
    cpu_key = key.replace("_ms", "_cpu_ms", 1)
    return f"{fmt(res[key])} / {fmt(res.get(cpu_key))} ms"


def _ratios(real: list[float], bare: list[float]) -> str:
    """Lowest–highest ratio of the starts taken in turn."""
    ratios = [r / b for r, b in zip(real, bare, strict=True)]
    return f"{min(ratios):.2f}–{max(ratios):.2f}"


def compile_package() -> None:
    """Write tuireader's bytecode, as installing the package does. Without it
    (PYTHONDONTWRITEBYTECODE, or a fresh checkout) every child process would
    compile the app's modules from source while Textual's come compiled."""
    import compileall

    import tuireader

    compileall.compile_dir(Path(tuireader.__file__).parent, quiet=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--skip-cold", action="store_true", help="reuse existing indexes")
    ap.add_argument("--no-ui", action="store_true", help="catalog figures only")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child_main(a.child)
        return
    sizes = [int(s) for s in a.sizes.split(",") if s]
    compile_package()
    work = Path(tempfile.gettempdir()) / "tuireader-bench-cache"
    print(f"Machine: {machine()}\n")
    rows: list[tuple[str, ...]] = []

    def add(label: str, *cells: str) -> None:
        rows.append((label, *cells))
        print(" | ".join((label, *cells)), flush=True)

    for n in sizes:
        t = time.perf_counter()
        root = synth.library(n)
        print(f"[{n}] library ready in {time.perf_counter() - t:.1f}s: {root}", flush=True)
        cache = work / f"cache-{n}"
        state = work / f"state-{n}"
        state.mkdir(parents=True, exist_ok=True)
        if not a.skip_cold or not cache.exists():
            for f in cache.glob("*"):
                f.unlink()
            cold = child(["catalog", str(root), str(cache), True], timeout=3600)
            add(
                f"{n}: cold index (catalog), list of files shown / fully indexed",
                f"{fmt(cold['cold_listed_s'], ' s')} / {fmt(cold['cold_index_s'], ' s')}",
                "",
                f"RSS {fmt(cold['rss_mb'], ' MB')} (incl. parser processes)",
            )
        warm = child(["catalog", str(root), str(cache), False])
        add(
            f"{n}: warm list load (catalog.entries)",
            fmt(warm["entries_s"] * 1000, " ms"),
            "",
            f"background verify (scan, no change) {fmt(warm['verify_refresh_s'], ' s')}",
        )
        add(
            f"{n}: index search median / max",
            f"{fmt(warm['search_ms_median'], ' ms')} / {fmt(warm['search_ms_max'], ' ms')}",
            "",
            f"UI filter (index + title scan) median {fmt(warm.get('ui_filter_ms_median'), ' ms')}",
        )
        if a.no_ui:
            continue
        bare = child(["app", "bare", "", "", "", "keys"])
        real = child(["app", "real", str(root), str(cache), str(state), "keys"])
        # one start moves by ±0.1 s: more starts of each, in turn, and the median
        real_starts, bare_starts = [real["first_paint_s"]], [bare["first_paint_s"]]
        for _ in range(START_RUNS - 1):
            bare_starts.append(child(["app", "bare", "", "", "", "paint"])["first_paint_s"])
            real_starts.append(
                child(["app", "real", str(root), str(cache), str(state), "paint"])["first_paint_s"]
            )
        real_start, bare_start = statistics.median(real_starts), statistics.median(bare_starts)
        add(
            f"{n}: warm start to the first frame with the list filled "
            f"(median of {START_RUNS} starts)",
            fmt(real_start, " s"),
            fmt(bare_start, " s"),
            f"{real_start / bare_start:.2f}x bare (target ≤ 1.5x); "
            f"start by start {_ratios(real_starts, bare_starts)}",
        )
        add(
            f"{n}: key press to the first frame that shows it (median of {KEY_PRESSES})",
            wall_cpu(real, "key_ms_median"),
            wall_cpu(bare, "key_ms_median"),
            f"real: list cursor moved; max {fmt(real['key_ms_max'], ' ms')}; "
            f"reader showing the new row's article {fmt(real['key_reader_ms_median'], ' ms')}",
        )
        add(
            f"{n}: resize to the first frame at the new size (median)",
            wall_cpu(real, "resize_ms_median"),
            wall_cpu(bare, "resize_ms_median"),
            "",
        )
        add(
            f"{n}: peak RSS (app, warm)", fmt(real["rss_mb"], " MB"), fmt(bare["rss_mb"], " MB"), ""
        )
        if not a.skip_cold:
            cold_cache = work / f"coldui-{n}"
            for f in cold_cache.glob("*"):
                f.unlink()
            try:
                cold_ui = child(["app", "real", str(root), str(cold_cache), str(state), "paint"])
                add(
                    f"{n}: cold start (empty index) to the first frame with the list filled",
                    fmt(cold_ui["first_paint_s"], " s"),
                    fmt(bare["first_paint_s"], " s"),
                    "",
                )
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                add(f"{n}: cold start to first paint", f"failed: {str(exc)[:80]}", "", "")

    if not a.no_ui:
        lib = open_library()
        cache = work / "cache-open"
        child(["catalog", str(lib), str(cache), True])
        bare = child(["app", "bare", "", "", "", "open"])
        real = child(["app", "real", str(lib), str(cache), str(work / "state-open"), "open"])
        for size in OPEN_SIZES:
            add(
                f"open a {size // 1000} KB article: key to the first frame showing it",
                wall_cpu(real, f"open_{size}_ms"),
                wall_cpu(bare, f"open_{size}_ms"),
                "",
            )

    print("\nTimes in ms are wall / CPU of the app's process over the same span.")
    print("\n| measure | tuireader | bare Textual app | note |\n|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
